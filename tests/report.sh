#!/usr/bin/env bash
# `fltcheck report --html`: the pages it writes, checked as data against the
# database (counts by rule, severity and triage state, new since the
# baseline run, the files that were not analyzed, one page per finding with
# its path steps at their lines), the escaping of hostile source text, file
# names and messages, runs chosen by id and revision, pages of an earlier
# larger report removed, and the error exits.
#
#   bash tests/report.sh <fltcheck-binary> <source-root>
#
# Works on a copy of corpus/drivers/buggy plus tests/browser/hostile.c, a
# driver whose comments, strings and messages hold <script>, </textarea>, &
# and quotes, copied to a file name that holds some too,
# scanned through a compile_commands.json that also names a missing file.
# Needs python3 (its sqlite3 and html.parser modules). The browser checks are
# tests/report_browser.sh. Ends with "N passed, N failed"; exits non-zero on
# any failure.
set -u

if ! command -v python3 >/dev/null 2>&1; then
	echo "FAIL - python3 is needed (Debian: apt-get install python3)"
	exit 1
fi

. "$(dirname "$0")/lib/harness.sh"
harness_init report "$@"
harness_extra=py

# one_line_error CODE: exit CODE, nothing on stdout, one line on stderr
one_line_error() {
	[ "$rc" -eq "$1" ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -q '^fltcheck: error: ' "$tmp/err"
}
py() { python3 - "$@" >"$tmp/py" 2>&1; }

# ---------------------------------------------------------------- the project
proj=$tmp/proj
mkdir -p "$proj"
cp "$root"/corpus/drivers/buggy/* "$proj"/
evil='evil<script>alert(1)&amp;"q'"'"'.c'
cp "$root/tests/browser/hostile.c" "$proj/$evil"
# compile_commands.json for the given files, plus one that does not exist
cdb() {
	python3 - "$proj" "$@" <<'EOF'
import json, sys
d = sys.argv[1]
files = sys.argv[2:] + ["gone<b>&.c"]
json.dump([{"directory": d, "file": f, "arguments": ["cl", "/c", f]} for f in files],
          open(d + "/compile_commands.json", "w"))
EOF
}
db=$tmp/fltcheck.db
cd "$proj" || exit 2
cdb operations.c workers.c writeshield.c
run --db "$db" --root "$proj" --revision r-one -p .
check "scan 1 (buggy driver, one missing file): exit 3" rc_is 3
cdb operations.c workers.c writeshield.c "$evil"
run --db "$db" --root "$proj" --revision r-two -p .
check "scan 2 (plus the hostile driver): exit 3" rc_is 3
cd "$tmp" || exit 2

# ----------------------------------------------------------------- the report
run report --db "$db" --html "$tmp/html"
check "report: exit 0" rc_is 0
check "report: says where it wrote" grep -q "html/index.html" "$tmp/out"
check "report: index, style, script and a page per finding" \
	test -s html/index.html -a -s html/style.css -a -s html/report.js -a -s html/findings/1.html

# The expected data, from the database itself.
cat >"$tmp/expect.py" <<'EOF'
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
run = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else \
    con.execute("select max(id) from runs where complete").fetchone()[0]
base = con.execute("select max(id) from runs where complete and id < ?", (run,)).fetchone()[0]
rows = con.execute("""select f.rule, f.severity, f.file, f.line, f.col, f.fingerprint,
    coalesce(t.state, 'open'), f.steps from findings f left join triage t using (fingerprint)
    where run_id = ? order by f.file, f.line, f.col, f.rule, f.fingerprint""", (run,)).fetchall()
basefp = {r[0] for r in con.execute("select fingerprint from findings where run_id = ?", (base,))}
r = con.execute("select files_analyzed, files_failed from runs where id = ?", (run,)).fetchone()
count = lambda i: {k: sum(1 for x in rows if x[i] == k) for k in {x[i] for x in rows}}
failed = [p for (p,) in con.execute(
    "select path from run_files where run_id = ? and status = 'failed' order by path", (run,))]
json.dump({"run": run, "baseline_run": base, "total": len(rows), "by_rule": count(0),
           "by_severity": count(1), "by_state": count(6),
           "new": sum(1 for x in rows if x[5] not in basefp) if base else None,
           "files_analyzed": r[0], "files_failed": r[1], "failed_files": failed,
           "findings": [{"n": i + 1, "rule": x[0], "severity": x[1], "file": x[2], "line": x[3],
                         "col": x[4], "fingerprint": x[5], "state": x[6],
                         "steps": json.loads(x[7])} for i, x in enumerate(rows)]},
          sys.stdout)
EOF
python3 "$tmp/expect.py" "$db" >"$tmp/expect.json"

# The data blob of index.html, and the page checks, in one helper.
cat >"$tmp/pages.py" <<'EOF'
import html.parser, json, os, re, sys

def blob(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))

class Page(html.parser.HTMLParser):
    """Elements by id, the text of each, script elements, and the rows of source tables."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.tags, self.ids, self.stack, self.text = [], [], {}, [], []
        self.rows = []   # (tr id, tr class, text)
        self.bubbles = []  # (step id, previous line row id, text)
        self.row = None
        self.at_row = {}  # element id -> index of the row it is in
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append(a)
        if tag == "tr":
            self.row = [a.get("id"), a.get("class"), ""]
            self.rows.append(self.row)
        if "id" in a:
            self.ids[a["id"]] = ""
            self.at_row[a["id"]] = len(self.rows) - 1
        self.stack.append((tag, a.get("id")))
    def handle_endtag(self, tag):
        while self.stack:
            t, i = self.stack.pop()
            if t == tag:
                break
    def handle_data(self, data):
        self.text.append(data)
        for t, i in self.stack:
            if i:
                self.ids[i] += data
        if self.row is not None:
            self.row[2] += data

def parse(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    return p
EOF

check "index data: run, totals, files analyzed and failed match the database" py "$tmp" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
from pages import blob
d = blob("html/index.html")["summary"]
e = json.load(open("expect.json"))
for k in ("run", "total", "files_analyzed", "files_failed", "baseline_run", "new", "by_rule"):
    if d[k] != e[k]:
        sys.exit(f"{k}: report {d[k]!r}, database {e[k]!r}")
for k in ("by_severity", "by_state"):  # the report lists the empty ones too
    got = {s: n for s, n in d[k].items() if n}
    if got != e[k]:
        sys.exit(f"{k}: report {got!r}, database {e[k]!r}")
if e["new"] != 1:
    sys.exit(f"expected the hostile driver's finding to be the one new finding, got {e['new']}")
EOF

check "index data: every finding, in order, with rule, file, line, fingerprint and state" py "$tmp" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
from pages import blob
got = blob("html/index.html")["findings"]
e = json.load(open("expect.json"))["findings"]
keys = ("n", "rule", "severity", "file", "line", "col", "fingerprint", "state")
a = [tuple(f[k] for k in keys) for f in got]
b = [tuple(f[k] for k in keys) for f in e]
if a != b:
    sys.exit(f"report {a[:3]}... != database {b[:3]}...")
if sum(f["isnew"] for f in got) != 1 or not [f for f in got if f["isnew"] and "evil" in f["file"]]:
    sys.exit("the new finding is not the hostile driver's")
EOF

check "index HTML: summary cards and tables show the same counts" py "$tmp" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
from pages import parse
p = parse("html/index.html")
e = json.load(open("expect.json"))
want = {"s-total": e["total"], "s-new": e["new"], "s-analyzed": e["files_analyzed"],
        "s-failed": e["files_failed"]}
for k, v in want.items():
    if p.ids.get(k, "").strip() != str(v):
        sys.exit(f"#{k}: {p.ids.get(k)!r}, want {v}")
for rule, n in e["by_rule"].items():
    rows = [r for r in p.rows if r[2].startswith(rule)]
    if not rows or str(n) not in rows[0][2]:
        sys.exit(f"by-rule row of {rule}: {rows}")
EOF

check "index: the file that could not be analyzed is listed with its error" py "$tmp" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
from pages import parse
p = parse("html/index.html")
e = json.load(open("expect.json"))
t = p.ids.get("failed", "")
if not e["failed_files"] or not all(f in t for f in e["failed_files"]):
    sys.exit(f"failed files {e['failed_files']} not in {t[:300]!r}")
if "No such file or directory" not in t or "could not be analyzed" not in t:
    sys.exit("no reason shown: " + t[:300])
EOF

check "one page per finding, and no more" py "$tmp" <<'EOF'
import json, os, sys
e = json.load(open("expect.json"))
pages = sorted(os.listdir("html/findings"))
want = sorted(f"{i}.html" for i in range(1, e["total"] + 1))
if pages != want:
    sys.exit(f"{pages} != {want}")
EOF

check "finding pages: facts, and each path step drawn after its line" py "$tmp" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
from pages import parse
e = json.load(open("expect.json"))
for f in e["findings"]:
    p = parse(f"html/findings/{f['n']}.html")
    if p.ids.get("fingerprint") != f["fingerprint"] or p.ids.get("state") != f["state"]:
        sys.exit(f"finding {f['n']}: fingerprint/state {p.ids.get('fingerprint')} {p.ids.get('state')}")
    if not p.ids.get("triage-cmd", "").startswith(f"fltcheck triage {f['fingerprint']} --state "):
        sys.exit(f"finding {f['n']}: triage command {p.ids.get('triage-cmd')!r}")
    if p.ids.get("location") != f"{f['file']}:{f['line']}:{f['col']}":
        sys.exit(f"finding {f['n']}: location {p.ids.get('location')!r}")
    # the primary line is marked
    marked = [r for r in p.rows if r[1] == "mark"]
    if not marked or marked[0][0] != f"L{f['line']}":
        sys.exit(f"finding {f['n']}: marked rows {marked}")
    for k, s in enumerate(f["steps"], 1):
        sid = f"step-{k}"
        if sid not in p.ids or s["msg"] not in p.ids[sid]:
            sys.exit(f"finding {f['n']}: {sid} missing or without its message")
        # the bubble row follows the row of its line
        idx = p.at_row[sid]
        if p.rows[idx][1] != "bubbles":
            sys.exit(f"finding {f['n']}: {sid} is not in a row of bubbles")
        want = ("L" if s["file"] == f["file"] else "fL") + str(s["line"])
        prev = next(r for r in reversed(p.rows[:idx]) if r[1] != "bubbles")
        if prev[0] != want:
            sys.exit(f"finding {f['n']} {sid}: drawn after row {prev[0]}, want {want}")
    if "Microsoft documentation" not in "".join(p.text):
        sys.exit(f"finding {f['n']}: no Microsoft documentation links")
EOF

check "no unescaped payload anywhere in the report" py "$tmp" <<'EOF'
import os, re, sys
for d, _, files in os.walk("html"):
    for n in files:
        t = open(os.path.join(d, n), encoding="utf-8").read()
        for bad in ("<script>alert", "<script>window", "</textarea>", "<img", "<b>", "<!--"):
            if bad in t:
                sys.exit(f"{os.path.join(d, n)}: contains {bad!r}")
        if n.endswith(".html"):
            want = 2 if n == "index.html" else 1
            got = len(re.findall(r"<script\b", t, re.I))
            if got != want:
                sys.exit(f"{n}: {got} <script> elements, want {want}")
EOF

check "the hostile driver's page shows its text, escaped, and no extra elements" py "$tmp" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
from pages import parse, blob
e = json.load(open("expect.json"))
f = [x for x in e["findings"] if "evil" in x["file"]][0]
p = parse(f"html/findings/{f['n']}.html")
text = "".join(p.text)
for s in ("<script>alert(1)</script> </textarea>", 'onerror="window.__xss=4"',
          "<script>window.__xss=3</script></textarea>&\\\"'", "evil<script>alert(1)&amp;\"q'.c"):
    if s not in text:
        sys.exit(f"text {s!r} not shown")
if {"textarea", "img", "b"} & set(p.tags):
    sys.exit(f"elements from the source in the page: {set(p.tags)}")
if len(p.scripts) != 1 or p.scripts[0].get("src") != "../report.js":
    sys.exit(f"scripts {p.scripts}")
d = blob("html/index.html")
if not [x for x in d["findings"] if x["file"] == "evil<script>alert(1)&amp;\"q'.c"]:
    sys.exit("the file name did not survive the JSON blob")
EOF

check "markdown: rule documentation rendered (headings, code, lists, links)" py "$tmp" <<'EOF'
import sys
t = open("html/findings/1.html", encoding="utf-8").read()
for s in ('<h3 id="doc-why-it-matters">', "<pre><code class=\"language-c\">", "<ul>\n<li>",
          '<a href="https://learn.microsoft.com/', "<code>"):
    if s not in t:
        sys.exit(f"{s!r} not in the page")
EOF

# --run by revision and by id; --baseline-run
run report --db "$db" --html "$tmp/html1" --run r-one
check "--run <revision>: exit 0" rc_is 0
check "--run <revision>: the first run, with no baseline" py "$tmp" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
from pages import blob
d = blob("html1/index.html")["summary"]
if d["run"] != 1 or d["baseline_run"] is not None or d["new"] is not None:
    sys.exit(str(d))
EOF
run report --db "$db" --html "$tmp/html2" --run 2 --baseline-run 2
check "--run <id> --baseline-run <id>: exit 0" rc_is 0
check "--baseline-run: nothing is new against itself" py "$tmp" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
from pages import blob
d = blob("html2/index.html")["summary"]
if d["run"] != 2 or d["baseline_run"] != 2 or d["new"] != 0:
    sys.exit(str(d))
EOF

# Triage shows up in the report.
fp=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["findings"][0]["fingerprint"])' \
	"$tmp/expect.json")
python3 - "$db" "$fp" <<'EOF'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("insert or replace into triage values (?, 'false-positive', 'reviewed <b>x</b>', '2024-01-01T00:00:00Z')",
            (sys.argv[2],))
con.commit()
EOF
run report --db "$db" --html "$tmp/html"
check "triage: the state and its note on the page, escaped" \
	eval 'grep -q "id=\"state\">false-positive" html/findings/1.html &&
		grep -q "reviewed &lt;b&gt;x&lt;/b&gt;" html/findings/1.html'
check "triage: counted by state in the index" py "$tmp" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
from pages import blob
if blob("html/index.html")["summary"]["by_state"].get("false-positive") != 1:
    sys.exit("by_state")
EOF

# An earlier, larger report's extra pages are removed; a report rewrites in place.
: >html/findings/999.html
: >html/findings/keep.txt
run report --db "$db" --html "$tmp/html" --run r-one
check "rewrite: exit 0" rc_is 0
check "rewrite: pages beyond the run's findings removed, other files kept" \
	eval 'test ! -e html/findings/999.html -a -e html/findings/keep.txt &&
		test ! -e html/findings/9.html && test -e html/findings/8.html'
check "rewrite: no temporary files left" eval '[ -z "$(find html -name ".*")" ]'

# A source file gone from disk: the page says so.
mv "$proj/workers.c" "$tmp/workers.c.away"
run report --db "$db" --html "$tmp/html3"
mv "$tmp/workers.c.away" "$proj/workers.c"
check "missing source file: exit 0, the page says it is not available" \
	eval 'rc_is 0 && grep -l "workers.c" html3/findings/*.html | xargs grep -q "source file is not available"'

# --root resolves relative paths elsewhere (the same sources, moved)
cp -r "$proj" "$tmp/moved"
mv "$proj" "$tmp/proj.away"
run report --db "$db" --html "$tmp/html4" --root "$tmp/moved"
check "--root: sources read from the given root" \
	eval 'rc_is 0 && ! grep -q "source file is not available" html4/findings/*.html'
mv "$tmp/proj.away" "$proj"

# -------------------------------------------------------------- error exits
run report --db "$tmp/none.db" --html "$tmp/x"
check "missing database: exit 2, one stderr line" one_line_error 2
check "missing database: not created" test ! -e "$tmp/none.db"
run report --db "$db" --html "$tmp/x" --run 42
check "unknown run id: exit 2, one stderr line" one_line_error 2
run report --db "$db" --html "$tmp/x" --run no-such-label
check "unknown revision: exit 2, one stderr line" one_line_error 2
run report --db "$db" --html "$tmp/x" --baseline-run 42
check "unknown baseline run: exit 2, one stderr line" one_line_error 2
: >"$tmp/plainfile"
run report --db "$db" --html "$tmp/plainfile/sub"
check "output folder under a file: exit 2, one stderr line" one_line_error 2
run report --db "$db" --html "$tmp/plainfile"
check "output folder is a file: exit 2, one stderr line" one_line_error 2
run report --db "$db"
check "no --html: exit 2, one stderr line" one_line_error 2
run report --db "$db" --html "$tmp/x" --bogus
check "unknown option: exit 2, one stderr line" one_line_error 2
run report --help
check "--help: exit 0, usage on stdout" eval 'rc_is 0 && grep -q "fltcheck report --html" "$tmp/out"'
printf 'this is not a database, just text that is long enough to be looked at\n' >"$tmp/junk.db"
run report --db "$tmp/junk.db" --html "$tmp/x"
check "not a database: exit 4, one stderr line" one_line_error 4
python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("pragma user_version")' "$tmp/empty.db"
run report --db "$tmp/empty.db" --html "$tmp/x"
check "database without runs: exit 2, one stderr line" one_line_error 2

harness_finish
