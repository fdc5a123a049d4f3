// Opens fltcheck's HTML report over file:// in headless Chromium (the system's
// own, through playwright-core) and checks what a reader sees: the summary
// counts against the database, filtering by rule, sorting by line, a finding
// page with its path steps drawn after their lines, the step and finding
// keys, that the hostile driver's payloads show as text and never run, and
// that the table of a 10,000-finding report stays responsive. Saves
// screenshots of the index and of a finding page.
//
//   node report-test.js <tools-dir> <chromium> <report-dir> <expect.json>
//        <big-report-dir> <artifacts-dir> [<docs-screenshot.png> <demo-report-dir>]
//
// With the last two, the top of the demo report's index is saved to
// docs-screenshot.png as well (the README's picture).
//
// Prints "ok - ..." and "FAIL - ..." lines; exits 1 on any failure.
'use strict';
const path = require('path');
const fs = require('fs');

const [toolsDir, chromiumPath, reportDir, expectFile, bigDir, artifacts, docsShot, demoDir] =
	process.argv.slice(2);
const { chromium } = require(path.join(toolsDir, 'node_modules', 'playwright-core'));
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
const url = (dir, page) => 'file://' + path.resolve(dir, page);

let failures = 0;
function ok(name) { console.log('ok   - ' + name); }
function fail(name, why) { failures++; console.log('FAIL - ' + name + (why ? '\n       ' + why : '')); }
async function check(name, fn) {
	try {
		const why = await fn();
		if (why) fail(name, why); else ok(name);
	} catch (e) {
		fail(name, String(e && e.stack || e).split('\n').slice(0, 4).join('\n       '));
	}
}
const text = (page, sel) => page.$eval(sel, (e) => e.textContent.trim());
const column = (page, cls) =>
	page.$$eval('#findings tbody td.' + cls, (tds) => tds.map((td) => td.textContent));

(async () => {
	const browser = await chromium.launch({
		executablePath: chromiumPath,
		args: ['--no-sandbox', '--allow-file-access-from-files'],
	});
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('dialog', (d) => { errors.push('dialog: ' + d.message()); d.dismiss(); });
	// Nothing may be fetched from the network.
	const remote = [];
	await context.route(/^(?!file:)/, (route) => { remote.push(route.request().url()); route.abort(); });

	await page.goto(url(reportDir, 'index.html'));
	await check('index: summary counts match the database', async () => {
		const got = {
			total: await text(page, '#s-total'),
			new: await text(page, '#s-new'),
			analyzed: await text(page, '#s-analyzed'),
			failed: await text(page, '#s-failed'),
		};
		const want = {
			total: String(expect.total), new: String(expect.new),
			analyzed: String(expect.files_analyzed), failed: String(expect.files_failed),
		};
		if (JSON.stringify(got) !== JSON.stringify(want))
			return `shown ${JSON.stringify(got)}, database ${JSON.stringify(want)}`;
		const rows = await page.$$eval('#by-rule tbody tr', (trs) =>
			trs.map((tr) => [tr.cells[0].textContent, Number(tr.cells[3].textContent)]));
		const byRule = Object.fromEntries(rows);
		if (JSON.stringify(byRule, Object.keys(byRule).sort()) !==
		    JSON.stringify(expect.by_rule, Object.keys(byRule).sort()) ||
		    rows.length !== Object.keys(expect.by_rule).length)
			return `by rule ${JSON.stringify(byRule)} != ${JSON.stringify(expect.by_rule)}`;
	});
	await check('index: the table lists every finding', async () => {
		const n = (await column(page, 'rule')).length;
		if (n !== Math.min(expect.total, 100)) return `${n} rows`;
		const count = await text(page, '#count');
		if (count !== `${expect.total} findings`) return `count line "${count}"`;
	});
	await check('index: the unanalyzed file is listed prominently', async () => {
		const t = await text(page, '#failed');
		for (const f of expect.failed_files) if (!t.includes(f)) return `${f} not in "${t}"`;
		if (!(await page.isVisible('#failed'))) return 'not visible';
	});
	await check('index: filter by rule', async () => {
		const rule = Object.keys(expect.by_rule).sort((a, b) => expect.by_rule[b] - expect.by_rule[a])[0];
		await page.selectOption('#f-rule', rule);
		const rules = await column(page, 'rule');
		if (rules.length !== expect.by_rule[rule] || rules.some((r) => r !== rule))
			return `rule ${rule}: rows ${JSON.stringify(rules)}`;
		if (!page.url().includes('rule=' + encodeURIComponent(rule))) return 'filter not kept in the URL: ' + page.url();
		await page.click('#f-clear');
		if ((await column(page, 'rule')).length !== Math.min(expect.total, 100)) return 'clear did not clear';
	});
	await check('index: filter by rule from the summary table', async () => {
		const rule = Object.keys(expect.by_rule).sort()[0];
		await page.click(`#by-rule a[data-filter-rule="${rule}"]`);
		const rules = await column(page, 'rule');
		await page.click('#f-clear');
		if (rules.length !== expect.by_rule[rule] || rules.some((r) => r !== rule))
			return `rows ${JSON.stringify(rules)}`;
	});
	await check('index: sort by line, both ways', async () => {
		await page.click('#findings th[data-key=line]');
		const up = (await column(page, 'line')).map(Number);
		await page.click('#findings th[data-key=line]');
		const down = (await column(page, 'line')).map(Number);
		await page.click('#findings th[data-key=n]');
		const sorted = [...up].sort((a, b) => a - b);
		if (JSON.stringify(up) !== JSON.stringify(sorted)) return `ascending ${up}`;
		if (JSON.stringify(down) !== JSON.stringify([...sorted].reverse())) return `descending ${down}`;
		const want = expect.findings.map((f) => f.line).sort((a, b) => a - b).slice(0, 100);
		if (JSON.stringify(up) !== JSON.stringify(want)) return `lines ${up} != ${want}`;
	});
	await check('index: ? shows the help, Escape hides it', async () => {
		await page.keyboard.press('?');
		const shown = await page.isVisible('#help');
		await page.keyboard.press('Escape');
		if (!shown || (await page.isVisible('#help'))) return 'help did not toggle';
	});
	await check('index: the hostile file name is shown as text', async () => {
		const files = await column(page, 'file');
		if (!files.includes('evil<script>alert(1)&amp;"q\'.c')) return JSON.stringify(files);
	});
	fs.mkdirSync(artifacts, { recursive: true });
	const indexShot = path.join(artifacts, 'report-index.png');
	await page.screenshot({ path: indexShot, fullPage: true });

	// A finding page: the one with the most steps.
	const f = [...expect.findings].sort((a, b) => b.steps.length - a.steps.length || a.n - b.n)[0];
	await page.goto(url(reportDir, `findings/${f.n}.html`));
	await check(`finding ${f.n}: each path step is drawn after its line`, async () => {
		for (let k = 1; k <= f.steps.length; k++) {
			const s = f.steps[k - 1];
			const got = await page.$eval(`#step-${k}`, (b) => {
				let tr = b.closest('tr');
				while (tr && tr.classList.contains('bubbles')) tr = tr.previousElementSibling;
				return { row: tr && tr.id, text: b.textContent, visible: b.offsetParent !== null };
			});
			const want = (s.file === f.file ? 'L' : 'fL') + s.line;
			if (got.row !== want || !got.text.includes(s.msg) || !got.visible)
				return `step ${k}: ${JSON.stringify(got)}, want row ${want} with "${s.msg}"`;
		}
		const marked = await page.$eval('tr.mark', (tr) => tr.id);
		if (marked !== 'L' + f.line) return `marked row ${marked}`;
	});
	await check(`finding ${f.n}: arrow keys move between steps`, async () => {
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		const cur = await page.$$eval('.bubble.current', (b) => b.map((x) => x.id));
		await page.keyboard.press('ArrowLeft');
		const back = await page.$$eval('.bubble.current', (b) => b.map((x) => x.id));
		if (cur.join() !== 'step-2' || back.join() !== 'step-1') return `${cur} then ${back}`;
	});
	await check(`finding ${f.n}: ? shows the help`, async () => {
		await page.keyboard.press('?');
		const shown = await page.isVisible('#help');
		await page.keyboard.press('Escape');
		if (!shown || (await page.isVisible('#help'))) return 'help did not toggle';
	});
	const findingShot = path.join(artifacts, 'report-finding.png');
	await page.keyboard.press('ArrowRight');
	await page.screenshot({ path: findingShot, fullPage: true });
	await check(`finding ${f.n}: j and k go to the next and previous finding`, async () => {
		if (f.n === expect.total) return;
		await Promise.all([page.waitForNavigation(), page.keyboard.press('j')]);
		const next = page.url();
		await Promise.all([page.waitForNavigation(), page.keyboard.press('k')]);
		if (!next.endsWith(`findings/${f.n + 1}.html`) || !page.url().endsWith(`findings/${f.n}.html`))
			return `${next}, then ${page.url()}`;
	});

	// The hostile driver's page.
	const evil = expect.findings.find((x) => x.file.startsWith('evil'));
	await page.goto(url(reportDir, `findings/${evil.n}.html`));
	await check('hostile driver: payloads shown as text, none executed', async () => {
		const xss = await page.evaluate(() => typeof window.__xss);
		if (xss !== 'undefined') return `window.__xss is ${xss}`;
		const body = await page.evaluate(() => document.body.innerText);
		for (const s of ['<script>alert(1)</script> </textarea>', '<script>window.__xss=3</script>',
			'onerror="window.__xss=4"', 'evil<script>alert(1)&amp;"q\'.c'])
			if (!body.includes(s)) return `"${s}" not visible`;
		const n = await page.$$eval('img, textarea, b', (e) => e.length);
		if (n) return `${n} elements from the source were created`;
	});

	// 10,000 findings: the table renders a page of rows; filtering and sorting stay fast.
	if (bigDir) {
		await check('10,000 findings: load, filter and sort stay responsive', async () => {
			let t = Date.now();
			await page.goto(url(bigDir, 'index.html'));
			await page.waitForSelector('#findings tbody tr');
			const load = Date.now() - t;
			const rows = (await column(page, 'rule')).length;
			const count = await text(page, '#count');
			const rule = await page.$eval('#f-rule option:nth-child(2)', (o) => o.value);
			t = Date.now();
			await page.selectOption('#f-rule', rule);
			const filter = Date.now() - t;
			await page.click('#f-clear');
			t = Date.now();
			await page.click('#findings th[data-key=message]');
			const sort = Date.now() - t;
			t = Date.now();
			await page.fill('#f-file', 'work');
			const typing = Date.now() - t;
			console.log(`       10,000 findings: load ${load} ms, filter ${filter} ms, sort ${sort} ms, file filter ${typing} ms`);
			if (count !== '10000 findings' || rows !== 100) return `${count}, ${rows} rows`;
			if (load > 8000 || filter > 1500 || sort > 1500 || typing > 1500) return 'too slow';
		});
	}

	if (docsShot && demoDir) {
		await page.goto(url(demoDir, 'index.html'));
		await page.waitForSelector('#findings tbody tr');
		await page.screenshot({ path: docsShot });
	}

	await check('no script errors, dialogs or network requests', async () => {
		if (errors.length || remote.length) return JSON.stringify({ errors, remote });
	});
	await browser.close();
	console.log('screenshot: ' + indexShot);
	console.log('screenshot: ' + findingShot);
	if (docsShot && demoDir) console.log('screenshot: ' + docsShot);
	process.exit(failures ? 1 : 0);
})().catch((e) => {
	console.log('FAIL - the browser test itself: ' + (e && e.stack || e));
	process.exit(1);
});
