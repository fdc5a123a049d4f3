#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium, driven by
# playwright-core (tests/browser/), opens the report over file:// and checks
# the summary against the database, filtering and sorting, a finding page's
# path steps and keys, that the hostile driver's payloads do not run, and a
# 10,000-finding table (see tests/browser/report-test.js). Screenshots of the
# index and of a finding page go to ./artifacts (the build tree under ctest)
# and their paths are printed. FLTCHECK_UPDATE_SCREENSHOT=1 also writes the
# index's screenshot to docs/report.png, for the README.
#
#   bash tests/report_browser.sh <fltcheck-binary> <source-root>
#
# Needs chromium, node, npm and python3 (Debian: apt-get install chromium
# nodejs npm python3); FLTCHECK_CHROMIUM may name the browser. playwright-core
# is installed with `npm ci` from tests/browser/package-lock.json into
# <build-dir>/report-browser-tools, and reused while the lock is unchanged.
# Without them the test fails; it never skips.
set -u

. "$(dirname "$0")/lib/harness.sh"
# Stay in the starting folder: the screenshots go to its artifacts/.
HARNESS_TMPNAME=browser HARNESS_CD=0
harness_init report_browser "$@"
artifacts=$PWD/artifacts
tools=$(dirname "$bin")/report-browser-tools

missing=
chrome=${FLTCHECK_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chrome" ] && [ -x "$chrome" ] || missing="$missing chromium"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
	echo "FAIL - the browser test needs:$missing (Debian: apt-get install$missing)"
	exit 1
fi

# playwright-core, into the build tree
npm_tools "$tools" "$root/tests/browser" node_modules/playwright-core --ignore-scripts
case $? in
0) ;;
1)
	echo "FAIL - npm ci of tests/browser/package.json into $tools (is the npm registry reachable?)"
	sed 's/^/       npm | /' "$tmp/npm.log" | head -n 20
	exit 1
	;;
*) exit 2 ;;
esac

# The project: the buggy driver (run 1), then with the hostile driver (run 2),
# through a compile_commands.json that names a missing file too.
proj=$tmp/proj
mkdir -p "$proj"
cp "$root"/corpus/drivers/buggy/* "$proj"/
evil='evil<script>alert(1)&amp;"q'"'"'.c'
cp "$root/tests/browser/hostile.c" "$proj/$evil"
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
fail_setup() {
	echo "FAIL - $1"
	[ -s "$tmp/err" ] && sed 's/^/       err | /' "$tmp/err" | head -n 20
	exit 1
}
(cd "$proj" && cdb operations.c workers.c writeshield.c &&
	"$bin" --db "$db" --root "$proj" -p . >/dev/null 2>"$tmp/err")
[ $? -eq 3 ] || fail_setup "scan 1 did not exit 3"
(cd "$proj" && cdb operations.c workers.c writeshield.c "$evil" &&
	"$bin" --db "$db" --root "$proj" -p . >/dev/null 2>"$tmp/err")
[ $? -eq 3 ] || fail_setup "scan 2 did not exit 3"
"$bin" report --db "$db" --html "$tmp/html" >/dev/null 2>"$tmp/err" || fail_setup "report failed"

# What the database says, for the browser to compare with.
python3 - "$db" >"$tmp/expect.json" <<'EOF'
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
run = con.execute("select max(id) from runs where complete").fetchone()[0]
base = con.execute("select max(id) from runs where complete and id < ?", (run,)).fetchone()[0]
rows = con.execute("""select rule, file, line, fingerprint, steps from findings where run_id = ?
    order by file, line, col, rule, fingerprint""", (run,)).fetchall()
basefp = {r[0] for r in con.execute("select fingerprint from findings where run_id = ?", (base,))}
r = con.execute("select files_analyzed, files_failed from runs where id = ?", (run,)).fetchone()
failed = [p for (p,) in con.execute(
    "select path from run_files where run_id = ? and status = 'failed'", (run,))]
by_rule = {}
for x in rows:
    by_rule[x[0]] = by_rule.get(x[0], 0) + 1
json.dump({"total": len(rows), "new": sum(1 for x in rows if x[3] not in basefp),
           "files_analyzed": r[0], "files_failed": r[1], "failed_files": failed,
           "by_rule": by_rule,
           "findings": [{"n": i + 1, "rule": x[0], "file": x[1], "line": x[2],
                         "steps": json.loads(x[4])} for i, x in enumerate(rows)]}, sys.stdout)
EOF

# 10,000 findings: the second run's findings copied with new fingerprints.
cp "$db" "$tmp/big.db"
python3 - "$tmp/big.db" <<'EOF'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
run = con.execute("select max(id) from runs where complete").fetchone()[0]
rows = con.execute("""select fingerprint_version, rule, severity, file, line, col, function,
    message, steps, related from findings where run_id = ?""", (run,)).fetchall()
need = 10000 - len(rows)
con.executemany("""insert into findings (run_id, fingerprint, fingerprint_version, rule, severity,
    file, line, col, function, message, steps, related) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
    [(run, "%016x" % (0xb16 << 40 | i)) + rows[i % len(rows)] for i in range(need)])
con.commit()
EOF
"$bin" report --db "$tmp/big.db" --html "$tmp/big" >/dev/null 2>"$tmp/err" ||
	fail_setup "report of 10,000 findings failed"

# The README's picture: the buggy driver alone, scanned twice.
shot=()
if [ "${FLTCHECK_UPDATE_SCREENSHOT:-}" = 1 ]; then
	mkdir -p "$tmp/demo/driver" && cp "$root"/corpus/drivers/buggy/* "$tmp/demo/driver/"
	(cd "$tmp/demo" && "$bin" --db "$tmp/demo.db" --root . driver >/dev/null 2>&1
	 "$bin" --db "$tmp/demo.db" --root . driver >/dev/null 2>&1
	 "$bin" report --db "$tmp/demo.db" --html "$tmp/demo/html" >/dev/null 2>"$tmp/err") ||
		fail_setup "report of the demo failed"
	shot=("$root/docs/report.png" "$tmp/demo/html")
fi
node "$root/tests/browser/report-test.js" "$tools" "$chrome" "$tmp/html" "$tmp/expect.json" \
	"$tmp/big" "$artifacts" "${shot[@]}"
