/*
 * fltcheck HTML report: the findings table of index.html (filters, sorting,
 * pages of rows, state kept in the address's #fragment) and the keys of the
 * finding pages. Plain JavaScript, no libraries; all text goes into the page
 * through textContent, never as HTML.
 */
(function () {
	"use strict";
	var PAGE_SIZE = 100;

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text !== undefined && text !== null) e.textContent = String(text);
		return e;
	}
	function typing(ev) {
		var t = ev.target && ev.target.tagName;
		return t === "INPUT" || t === "SELECT" || t === "TEXTAREA" || ev.ctrlKey || ev.metaKey || ev.altKey;
	}
	function toggleHelp() {
		var h = document.getElementById("help");
		if (h) h.hidden = !h.hidden;
	}

	function indexPage() {
		var data = JSON.parse(document.getElementById("report-data").textContent);
		var all = data.findings;
		var ui = {
			rule: document.getElementById("f-rule"),
			severity: document.getElementById("f-severity"),
			state: document.getElementById("f-state"),
			file: document.getElementById("f-file"),
			isnew: document.getElementById("f-new"),
			body: document.querySelector("#findings tbody"),
			count: document.getElementById("count"),
			info: document.getElementById("pg-info"),
			prev: document.getElementById("pg-prev"),
			next: document.getElementById("pg-next")
		};
		var st = { rule: "", severity: "", state: "", file: "", isnew: false, sort: "n", dir: 1, page: 0 };
		var sevRank = { error: 0, warning: 1, note: 2 };

		function fill(select, values) {
			values.forEach(function (v) {
				var o = el("option", null, v);
				o.value = v;
				select.appendChild(o);
			});
		}
		function distinct(key) {
			var seen = {}, out = [];
			all.forEach(function (f) {
				if (!Object.prototype.hasOwnProperty.call(seen, f[key])) {
					seen[f[key]] = 1;
					out.push(f[key]);
				}
			});
			return out.sort();
		}
		fill(ui.rule, distinct("rule"));
		fill(ui.severity, distinct("severity").sort(function (a, b) { return sevRank[a] - sevRank[b]; }));
		fill(ui.state, distinct("state"));
		if (data.summary.baseline_run === null) ui.isnew.disabled = true;

		function readHash() {
			var p = new URLSearchParams(location.hash.replace(/^#/, ""));
			st.rule = p.get("rule") || "";
			st.severity = p.get("severity") || "";
			st.state = p.get("state") || "";
			st.file = p.get("file") || "";
			st.isnew = p.get("new") === "1";
			st.sort = p.get("sort") || "n";
			st.dir = p.get("dir") === "desc" ? -1 : 1;
			st.page = Math.max(0, (parseInt(p.get("page"), 10) || 1) - 1);
			ui.rule.value = st.rule;
			ui.severity.value = st.severity;
			ui.state.value = st.state;
			ui.file.value = st.file;
			ui.isnew.checked = st.isnew;
		}
		function writeHash() {
			var p = new URLSearchParams();
			if (st.rule) p.set("rule", st.rule);
			if (st.severity) p.set("severity", st.severity);
			if (st.state) p.set("state", st.state);
			if (st.file) p.set("file", st.file);
			if (st.isnew) p.set("new", "1");
			if (st.sort !== "n" || st.dir !== 1) {
				p.set("sort", st.sort);
				p.set("dir", st.dir < 0 ? "desc" : "asc");
			}
			if (st.page) p.set("page", String(st.page + 1));
			var h = p.toString();
			history.replaceState(null, "", h ? "#" + h : location.pathname + location.search);
		}
		function cmp(a, b) {
			var k = st.sort, x = a[k], y = b[k];
			if (k === "severity") { x = sevRank[x]; y = sevRank[y]; }
			var r = 0;
			if (typeof x === "number" || typeof x === "boolean") r = (x > y) - (x < y);
			else r = String(x).localeCompare(String(y));
			return r * st.dir || a.n - b.n;
		}
		function render() {
			var file = st.file.toLowerCase();
			var rows = all.filter(function (f) {
				return (!st.rule || f.rule === st.rule) && (!st.severity || f.severity === st.severity) &&
					(!st.state || f.state === st.state) && (!st.isnew || f.isnew) &&
					(!file || f.file.toLowerCase().indexOf(file) >= 0);
			});
			rows.sort(cmp);
			var pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
			if (st.page >= pages) st.page = pages - 1;
			var start = st.page * PAGE_SIZE, end = Math.min(rows.length, start + PAGE_SIZE);
			var frag = document.createDocumentFragment();
			for (var i = start; i < end; i++) {
				var f = rows[i], tr = el("tr");
				tr.dataset.n = f.n;
				var a = el("a", null, f.n);
				a.href = "findings/" + f.n + ".html";
				var td = el("td", "num");
				td.appendChild(a);
				tr.appendChild(td);
				td = el("td");
				td.appendChild(el("span", "sev sev-" + f.severity, f.severity));
				tr.appendChild(td);
				tr.appendChild(el("td", "rule", f.rule));
				tr.appendChild(el("td", "file", f.file));
				tr.appendChild(el("td", "num line", f.line));
				tr.appendChild(el("td", "function", f["function"]));
				td = el("td", "message");
				a = el("a", null, f.message);
				a.href = "findings/" + f.n + ".html";
				td.appendChild(a);
				tr.appendChild(td);
				td = el("td");
				td.appendChild(el("span", "state state-" + f.state, f.state));
				tr.appendChild(td);
				tr.appendChild(el("td", "new", f.isnew ? "new" : ""));
				frag.appendChild(tr);
			}
			ui.body.textContent = "";
			ui.body.appendChild(frag);
			ui.count.textContent = rows.length === all.length ? all.length + " findings" :
				rows.length + " of " + all.length + " findings match";
			ui.info.textContent = rows.length ? "rows " + (start + 1) + "\u2013" + end + " of " + rows.length +
				" (page " + (st.page + 1) + " of " + pages + ")" : "no rows";
			ui.prev.disabled = st.page === 0;
			ui.next.disabled = st.page >= pages - 1;
			document.querySelectorAll("#findings th").forEach(function (th) {
				if (th.dataset.key === st.sort) th.setAttribute("aria-sort", st.dir > 0 ? "ascending" : "descending");
				else th.removeAttribute("aria-sort");
			});
			writeHash();
		}
		function changed() {
			st.rule = ui.rule.value;
			st.severity = ui.severity.value;
			st.state = ui.state.value;
			st.file = ui.file.value;
			st.isnew = ui.isnew.checked;
			st.page = 0;
			render();
		}
		[ui.rule, ui.severity, ui.state, ui.isnew].forEach(function (c) { c.addEventListener("change", changed); });
		ui.file.addEventListener("input", changed);
		document.getElementById("f-clear").addEventListener("click", function () {
			ui.rule.value = ui.severity.value = ui.state.value = ui.file.value = "";
			ui.isnew.checked = false;
			changed();
		});
		ui.prev.addEventListener("click", function () { st.page--; render(); });
		ui.next.addEventListener("click", function () { st.page++; render(); });
		document.querySelectorAll("#findings th").forEach(function (th) {
			th.addEventListener("click", function () {
				if (st.sort === th.dataset.key) st.dir = -st.dir;
				else { st.sort = th.dataset.key; st.dir = 1; }
				render();
			});
		});
		document.querySelectorAll("[data-filter-rule]").forEach(function (a) {
			a.addEventListener("click", function (ev) {
				ev.preventDefault();
				ui.rule.value = a.getAttribute("data-filter-rule");
				changed();
				document.getElementById("findings-section").scrollIntoView();
			});
		});
		document.addEventListener("keydown", function (ev) {
			if (typing(ev)) return;
			if (ev.key === "/") { ev.preventDefault(); ui.file.focus(); }
			else if (ev.key === "?") toggleHelp();
			else if (ev.key === "Escape") document.getElementById("help").hidden = true;
		});
		document.querySelectorAll("[data-help]").forEach(function (a) {
			a.addEventListener("click", function (ev) { ev.preventDefault(); toggleHelp(); });
		});
		window.addEventListener("hashchange", function () { readHash(); render(); });
		readHash();
		render();
	}

	function findingPage() {
		var body = document.body;
		var bubbles = Array.prototype.slice.call(document.querySelectorAll(".bubble[data-step]"));
		var items = Array.prototype.slice.call(document.querySelectorAll("ol.steps li"));
		var cur = -1;
		function select(i) {
			if (!bubbles.length) return;
			i = Math.max(0, Math.min(bubbles.length - 1, i));
			if (cur >= 0) {
				bubbles[cur].classList.remove("current");
				if (items[cur]) items[cur].classList.remove("current");
			}
			cur = i;
			bubbles[cur].classList.add("current");
			if (items[cur]) items[cur].classList.add("current");
			bubbles[cur].scrollIntoView({ block: "center" });
			history.replaceState(null, "", "#" + bubbles[cur].id);
		}
		function go(attr) {
			var t = body.getAttribute(attr);
			if (t) location.href = t;
		}
		var m = /^#step-(\d+)$/.exec(location.hash);
		if (m) select(parseInt(m[1], 10) - 1);
		document.addEventListener("keydown", function (ev) {
			if (typing(ev)) return;
			switch (ev.key) {
			case "j": case "n": go("data-next"); break;
			case "k": case "p": go("data-prev"); break;
			case "ArrowRight": ev.preventDefault(); select(cur + 1); break;
			case "ArrowLeft": ev.preventDefault(); select(cur < 0 ? 0 : cur - 1); break;
			case "u": location.href = "../index.html"; break;
			case "?": toggleHelp(); break;
			case "Escape": document.getElementById("help").hidden = true; break;
			default: return;
			}
		});
		document.querySelectorAll("[data-help]").forEach(function (a) {
			a.addEventListener("click", function (ev) { ev.preventDefault(); toggleHelp(); });
		});
		document.querySelectorAll("[data-goto-step]").forEach(function (a) {
			a.addEventListener("click", function (ev) {
				ev.preventDefault();
				select(parseInt(a.getAttribute("data-goto-step"), 10) - 1);
			});
		});
	}

	if (document.body.getAttribute("data-page") === "index") indexPage();
	else if (document.body.getAttribute("data-page") === "finding") findingPage();
})();
