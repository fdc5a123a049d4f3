#!/usr/bin/env bash
# The machine-read outputs: SARIF (analyzer/sarif.c), GitHub workflow commands
# and the MSBuild/Visual Studio format (analyzer/finding.c).
#
#   bash tests/sarif.sh <fltcheck-binary> <source-root>
#
# SARIF logs are made for corpus/drivers/buggy, for each corpus/rules/<id>/
# folder (as one program each), for a unit that fails to parse, and for
# scratch files with non-ASCII text and spaces in their paths. Each log is
#   (a) valid JSON with the fields GitHub code scanning requires and our
#       conventions (research/ecosystem.md §1), checked with python3;
#   (b) for the buggy driver, equal to tests/data/sarif/buggy.sarif once the
#       machine-dependent parts are normalized (the %SRCROOT% URI, the
#       version, the command line; the rule documents are compared with
#       rules/<id>.md instead of being copied into the golden file);
#   (c) valid against the SARIF 2.1.0 JSON schema (the copy the SARIF
#       Multitool ships, checked with ajv);
#   (d) free of errors and warnings under `Sarif.Multitool validate` with the
#       SARIF and GitHub rule sets (tests/data/sarif/validate.config.xml);
#       the one warning allowed is SARIF2005 while the build sets no
#       FLTCHECK_HOMEPAGE for tool.driver.informationUri.
# The GitHub and MSVC outputs are compared with golden files and checked
# against the parsers that read them.
#
# (c) and (d) need node and npm: the tools of tests/package.json are
# installed with `npm ci` into <build-dir>/sarif-tools, next to the binary,
# and reused while tests/package-lock.json is unchanged. Without node, npm or
# the registry the test fails; it never skips.
#
# Until the CLI has --format sarif, FLTCHECK_SARIF_DRIVER may name a program
# called as "<driver> <format> <root> <model-dir> <paths>...".
# FLTCHECK_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.
set -u

. "$(dirname "$0")/lib/harness.sh"
harness_init sarif "$@"
# Physical paths: the logs' URIs are compared with them.
root=$(cd "$root" && pwd -P)
tmp=$(cd "$tmp" && pwd -P)
data=$root/tests/data/sarif
tools=$(dirname "$bin")/sarif-tools

# ------------------------------------------------------------- how to run fltcheck

mode=
if "$bin" --help 2>&1 | grep -q sarif; then
	mode=cli
elif [ -n "${FLTCHECK_SARIF_DRIVER:-}" ]; then
	mode=driver
else
	bad "fltcheck has no --format sarif (see 'fltcheck --help') and FLTCHECK_SARIF_DRIVER is not set"
	harness_finish
fi

# emit FORMAT ROOT OUT PATH...: the output in FORMAT for the program PATH... (run from
# ROOT, with ROOT as the source root) into OUT; stderr into OUT.err. Succeeds when
# fltcheck exits with 0 (clean), 1 (findings) or 3 (not everything analyzed).
emit() {
	local fmt=$1 r=$2 out=$3 rc
	shift 3
	if [ "$mode" = cli ]; then
		(cd "$r" && timeout 120 "$bin" --no-db --root "$r" --format "$fmt" "$@") \
			>"$out" 2>"$out.err"
	else
		(cd "$r" && timeout 120 "$FLTCHECK_SARIF_DRIVER" "$fmt" "$r" \
			"$root/analyzer/wdk" "$@") >"$out" 2>"$out.err"
	fi
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 1 ] && [ $rc -ne 3 ]; then
		echo "exit status $rc" >>"$out.err"
		return 1
	fi
}

if ! command -v python3 >/dev/null 2>&1; then
	bad "python3 is needed (Debian: apt-get install python3)"
	harness_finish
fi

# ------------------------------------------------------------- the logs

logs=()      # every SARIF log: (a) and (c)
validate=()  # the logs for the Multitool (d): all but the one naming files outside the root

mkdir -p "$tmp/logs"
if emit sarif "$root" "$tmp/logs/buggy.sarif" corpus/drivers/buggy; then
	logs+=("$tmp/logs/buggy.sarif")
	validate+=("$tmp/logs/buggy.sarif")
	ok "SARIF for corpus/drivers/buggy"
else
	bad "SARIF for corpus/drivers/buggy" "$tmp/logs/buggy.sarif.err"
fi
nrules=0
for dir in "$root"/corpus/rules/*/; do
	id=$(basename "$dir")
	if emit sarif "$root" "$tmp/logs/rule-$id.sarif" "corpus/rules/$id"; then
		logs+=("$tmp/logs/rule-$id.sarif")
		validate+=("$tmp/logs/rule-$id.sarif")
		nrules=$((nrules + 1))
	else
		bad "SARIF for corpus/rules/$id" "$tmp/logs/rule-$id.sarif.err"
	fi
done
ok "SARIF for $nrules corpus/rules folders"
if emit sarif "$root" "$tmp/logs/robustness.sarif" tests/data/robustness; then
	logs+=("$tmp/logs/robustness.sarif")
	validate+=("$tmp/logs/robustness.sarif")
	ok "SARIF for tests/data/robustness (a unit that does not parse)"
else
	bad "SARIF for tests/data/robustness" "$tmp/logs/robustness.sarif.err"
fi

# Scratch program under its own root: a folder with a space and a non-ASCII
# name, and a line with non-ASCII text before the reported column; plus a file
# outside that root.
work=$tmp/work
mkdir -p "$work/sp ace/é" "$tmp/outside dir"
sed 's|^\treturn 0; // expect|\t/* é€ */ return 0; // expect|' \
	"$root/corpus/rules/wrong-status-enum/bad_boolean_and_number.c" >"$work/sp ace/é/wide.c"
cp "$root/corpus/rules/pend-non-irp/bad_cbdq_write.c" "$tmp/outside dir/far away.c"
if emit sarif "$work" "$tmp/logs/work.sarif" "sp ace/é/wide.c" &&
	emit text "$work" "$tmp/logs/work.txt" "sp ace/é/wide.c"; then
	logs+=("$tmp/logs/work.sarif")
	validate+=("$tmp/logs/work.sarif")
	ok "SARIF for a program with non-ASCII text and names"
else
	bad "SARIF for a program with non-ASCII text and names" "$tmp/logs/work.sarif.err"
fi
if emit sarif "$work" "$tmp/logs/outside.sarif" "$tmp/outside dir/far away.c"; then
	logs+=("$tmp/logs/outside.sarif")
	ok "SARIF for a file outside the source root"
else
	bad "SARIF for a file outside the source root" "$tmp/logs/outside.sarif.err"
fi
emit text "$root" "$tmp/logs/buggy.txt" corpus/drivers/buggy ||
	bad "text output for corpus/drivers/buggy" "$tmp/logs/buggy.txt.err"

# A stored run: `fltcheck report --sarif` writes the log of the run a scan
# stored, the same as that scan's --format sarif apart from the command line;
# with an earlier run, each result has its baselineState.
if [ "$mode" = cli ]; then
	st=$tmp/stored
	mkdir -p "$st"
	cp -r "$root/corpus/drivers/buggy" "$st/driver"
	(cd "$st" && timeout 120 "$bin" --db "$st/f.db" --root "$st" -q driver >/dev/null 2>&1)
	(cd "$st" && timeout 120 "$bin" --db "$st/f.db" --root "$st" --format sarif driver \
		>"$tmp/logs/stored-scan.sarif" 2>/dev/null)
	(cd "$st" && timeout 120 "$bin" report --db "$st/f.db" --root "$st" --run 1 \
		--sarif "$tmp/logs/stored.sarif" >/dev/null 2>"$tmp/stored.err")
	(cd "$st" && timeout 120 "$bin" report --db "$st/f.db" --root "$st" --run 2 \
		--baseline-run 1 --sarif "$tmp/logs/stored-base.sarif" >/dev/null 2>>"$tmp/stored.err")
	if python3 - "$tmp/logs/stored.sarif" "$tmp/logs/stored-scan.sarif" \
		"$tmp/logs/stored-base.sarif" <<'PY'; then
import json, sys
def load(p):
    d = json.load(open(p, encoding="utf-8"))
    for inv in d["runs"][0].get("invocations", []):
        inv.pop("commandLine", None)
    return d
a, b, c = (load(p) for p in sys.argv[1:])
assert a == b, "report --sarif differs from the scan's --format sarif"
states = [r.get("baselineState") for r in c["runs"][0]["results"]]
assert states and all(s == "unchanged" for s in states), states
PY
		logs+=("$tmp/logs/stored.sarif" "$tmp/logs/stored-base.sarif")
		validate+=("$tmp/logs/stored.sarif" "$tmp/logs/stored-base.sarif")
		ok "report --sarif: a stored run's log equals the scan's; baselineState against an earlier run"
	else
		bad "report --sarif: a stored run's log" "$tmp/stored.err"
	fi
fi

# ------------------------------------------------------------- (a) and (b): python3

# check.py: (a) for each log given; then the specific expectations; prints one line
# per problem, "ok <what>" per passed group, and exits non-zero on any problem.
cat >"$tmp/check.py" <<'EOF'
import json, os, re, sys, urllib.parse

root, work, tmp, data, update = sys.argv[1:6]
logs = sys.argv[6:]
problems = []
oks = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def md_summary(doc):
    """The first paragraph of '## What it finds', as sarif.c should give it."""
    m = re.search(r"\n## What it finds\n+", doc)
    if not m:
        return None
    para = []
    for line in doc[m.end():].split("\n"):
        if not line.strip() or line.startswith("#") or line.startswith("```"):
            break
        para.append(line)
    return re.sub(r"[ \t]+", " ", " ".join(para).replace("`", "")).strip()


def check_location(where, loc, srcroot, need_region=True):
    pl = loc.get("physicalLocation")
    if not isinstance(pl, dict):
        return problem(where, "no physicalLocation")
    al = pl.get("artifactLocation", {})
    uri = al.get("uri")
    if not uri:
        return problem(where, "no artifactLocation.uri")
    if ".." in uri.split("/"):
        problem(where, f"'..' in uri {uri}")
    if re.search(r"[^A-Za-z0-9\-._~/%:]", uri):
        problem(where, f"uri not percent-encoded: {uri}")
    if uri.startswith("file:"):
        if "uriBaseId" in al:
            problem(where, "absolute uri with a uriBaseId")
        if uri.startswith(srcroot):
            problem(where, f"file under the root as an absolute uri: {uri}")
    elif al.get("uriBaseId") != "%SRCROOT%":
        problem(where, f"relative uri without %SRCROOT%: {uri}")
    reg = pl.get("region")
    if need_region:
        if not isinstance(reg, dict):
            return problem(where, "no region")
        for k in ("startLine", "startColumn", "endLine", "endColumn"):
            if not isinstance(reg.get(k), int) or reg[k] < 1:
                problem(where, f"region.{k} missing or < 1")
        if reg.get("endLine") != reg.get("startLine") or reg.get("endColumn", 0) <= reg.get(
            "startColumn", 0
        ):
            problem(where, f"region not one non-empty range on one line: {reg}")


def check_log(path):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        log = json.loads(text)
    except Exception as e:  # noqa: BLE001
        return problem(name, f"not JSON: {e}")
    if not text.endswith("}\n"):
        problem(name, "does not end with a newline")
    if log.get("$schema") != (
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    ):
        problem(name, f"$schema {log.get('$schema')}")
    if log.get("version") != "2.1.0":
        problem(name, "version is not 2.1.0")
    runs = log.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        return problem(name, "not exactly one run")
    run = runs[0]
    drv = run.get("tool", {}).get("driver", {})
    if drv.get("name") != "fltcheck" or not drv.get("semanticVersion"):
        problem(name, "tool.driver name or semanticVersion")
    rules = drv.get("rules")
    if not rules:
        return problem(name, "no rules")
    ids = [r.get("id") for r in rules]
    if len(set(ids)) != len(ids):
        problem(name, "duplicate rule ids")
    for r in rules:
        w = f"{name}: rule {r.get('id')}"
        doc_path = os.path.join(root, "rules", f"{r.get('id')}.md")
        doc = open(doc_path, encoding="utf-8").read() if os.path.exists(doc_path) else None
        if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", r.get("name", "")) or r.get("name") == r.get("id"):
            problem(w, f"name {r.get('name')!r} is not PascalCase or equals the id")
        for k in ("shortDescription", "fullDescription"):
            t = r.get(k, {}).get("text", "")
            if not t or len(t) > 1024:
                problem(w, f"{k}.text empty or longer than 1024")
        if doc is None:
            problem(w, "no rules/<id>.md")
        else:
            if r.get("help", {}).get("text") != doc or r.get("help", {}).get("markdown") != doc:
                problem(w, "help.text/markdown differ from rules/<id>.md")
            want = md_summary(doc)
            if want and len(want) <= 1024 and r["fullDescription"]["text"] != want:
                problem(w, f"fullDescription {r['fullDescription']['text']!r} != {want!r}")
            m = re.search(r"https://learn\.microsoft\.com/[^\s)\]>\"'`]*", doc)
            want_uri = m.group(0).rstrip(".,;") if m else None
            if r.get("helpUri") != want_uri:
                problem(w, f"helpUri {r.get('helpUri')} != {want_uri}")
        if r.get("defaultConfiguration", {}).get("level") not in ("error", "warning", "note"):
            problem(w, "defaultConfiguration.level")
        p = r.get("properties", {})
        if p.get("tags") != ["correctness", "windows-driver", "minifilter"]:
            problem(w, "tags")
        if p.get("precision") not in ("very-high", "high", "medium", "low"):
            problem(w, "precision")
        sev = {"error": "error", "warning": "warning", "note": "recommendation"}
        if p.get("problem.severity") != sev.get(r.get("defaultConfiguration", {}).get("level")):
            problem(w, "problem.severity does not follow the level")
        if "security-severity" in p:
            problem(w, "security-severity set")
    bases = run.get("originalUriBaseIds", {})
    srcroot = bases.get("%SRCROOT%", {}).get("uri", "")
    if not (srcroot.startswith("file:///") and srcroot.endswith("/") and ".." not in srcroot):
        problem(name, f"%SRCROOT% uri {srcroot!r}")
    if run.get("columnKind") != "unicodeCodePoints":
        problem(name, "columnKind")
    inv = run.get("invocations")
    if not isinstance(inv, list) or len(inv) != 1:
        problem(name, "not exactly one invocation")
    else:
        notes = inv[0].get("toolExecutionNotifications", [])
        if inv[0].get("executionSuccessful") is not (len(notes) == 0):
            problem(name, "executionSuccessful does not match the notifications")
        for i, n in enumerate(notes):
            w = f"{name}: notification {i}"
            if n.get("level") != "error" or not n.get("message", {}).get("text", "").endswith("."):
                problem(w, "level or message")
            for loc in n.get("locations", []):
                check_location(w, loc, srcroot, need_region=False)
    for i, res in enumerate(run.get("results", [])):
        w = f"{name}: result {i} ({res.get('ruleId')})"
        ri = res.get("ruleIndex")
        if not isinstance(ri, int) or ri >= len(rules) or rules[ri]["id"] != res.get("ruleId"):
            problem(w, "ruleIndex does not name ruleId")
        elif res.get("level") != rules[ri]["defaultConfiguration"]["level"]:
            problem(w, "level differs from the rule's")
        msg = res.get("message", {}).get("text", "")
        if not msg.endswith("."):
            problem(w, "message does not end with '.'")
        locs = res.get("locations", [])
        if len(locs) != 1:
            problem(w, "not exactly one location")
        for loc in locs:
            check_location(w, loc, srcroot)
        rel = res.get("relatedLocations", [])
        for loc in rel:
            check_location(w + " related", loc, srcroot)
            if not isinstance(loc.get("id"), int) or "message" not in loc:
                problem(w, "related location without id or message")
            elif f"]({loc['id']})" not in msg:
                problem(w, "related location not linked from the message")
        for cf in res.get("codeFlows", []):
            tfs = cf.get("threadFlows", [])
            if len(tfs) != 1 or not tfs[0].get("locations"):
                problem(w, "not one non-empty thread flow")
            for tl in tfs[0].get("locations", []) if tfs else []:
                check_location(w + " step", tl.get("location", {}), srcroot)
                if tl.get("importance") not in ("essential", "important", "unimportant"):
                    problem(w, "step importance")
                if "message" not in tl.get("location", {}):
                    problem(w, "step without message")
        pf = res.get("partialFingerprints", {})
        h = pf.get("primaryLocationLineHash", "")
        if not re.fullmatch(r"[0-9a-f]{16}:[1-9][0-9]*", h) or pf.get("fltcheck/v1") != h.split(":")[0]:
            problem(w, f"partialFingerprints {pf}")
    # no absolute path of this machine but the root's URI and files outside it
    inv0 = dict(inv[0]) if inv else {}
    inv0.pop("commandLine", None)
    scrubbed = json.dumps([run.get("tool"), inv0, run.get("results")])
    rootdir = urllib.parse.unquote(srcroot[len("file://"):]).rstrip("/")
    if rootdir and (rootdir + "/") in scrubbed:
        problem(name, f"the root path {rootdir} appears outside originalUriBaseIds")
    return log


def normalize(log):
    run = log["runs"][0]
    run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///SRCROOT/"
    drv = run["tool"]["driver"]
    drv["version"] = drv["semanticVersion"] = "VERSION"
    for r in drv["rules"]:
        r["help"] = {"text": f"rules/{r['id']}.md", "markdown": f"rules/{r['id']}.md"}
        r["fullDescription"] = {"text": "first paragraph of 'What it finds'"}
    for inv in run.get("invocations", []):
        inv.pop("commandLine", None)
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def text_findings(path):
    out = set()
    for line in open(path, encoding="utf-8"):
        m = re.match(r"(.*?):(\d+):(\d+): (error|warning|note): .* \[([a-z0-9-]+)\]$", line.rstrip("\n"))
        if m:
            out.add((m.group(1), int(m.group(2)), m.group(5)))
    return out


def sarif_findings(log):
    out = set()
    for res in log["runs"][0]["results"]:
        pl = res["locations"][0]["physicalLocation"]
        uri = urllib.parse.unquote(pl["artifactLocation"]["uri"])
        out.add((uri, pl["region"]["startLine"], res["ruleId"]))
    return out


parsed = {}
for path in logs:
    n = len(problems)
    log = check_log(path)
    if log is not None:
        parsed[os.path.basename(path)] = log
    if len(problems) == n:
        oks.append(f"(a) {os.path.basename(path)}: required fields and conventions")

# (b) the golden log of the buggy driver, and the same findings as the text format
buggy = parsed.get("buggy.sarif")
if buggy is not None:
    got = normalize(json.loads(json.dumps(buggy)))
    golden = os.path.join(data, "buggy.sarif")
    if update == "1":
        open(golden, "w", encoding="utf-8").write(got)
        oks.append("(b) tests/data/sarif/buggy.sarif rewritten")
    elif not os.path.exists(golden):
        problem("buggy.sarif", "no golden file tests/data/sarif/buggy.sarif")
    else:
        want = open(golden, encoding="utf-8").read()
        if got != want:
            open(os.path.join(tmp, "buggy.normalized.sarif"), "w", encoding="utf-8").write(got)
            problem("buggy.sarif", f"differs from the golden file: diff {golden} {tmp}/buggy.normalized.sarif")
        else:
            oks.append("(b) buggy.sarif equals tests/data/sarif/buggy.sarif (normalized)")
    t = text_findings(os.path.join(tmp, "logs", "buggy.txt"))
    s = sarif_findings(buggy)
    if not t or t != s:
        problem("buggy.sarif", f"findings differ from the text format: text-only {sorted(t - s)}, sarif-only {sorted(s - t)}")
    else:
        oks.append(f"(b) buggy.sarif has the {len(s)} findings of the text format")

# a unit that does not parse: an unsuccessful invocation naming it, with its line
rob = parsed.get("robustness.sarif")
if rob is not None:
    inv = rob["runs"][0]["invocations"][0]
    notes = [
        n for n in inv.get("toolExecutionNotifications", [])
        if n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "tests/data/robustness/body_syntax_error.c"
    ]
    if inv.get("executionSuccessful") is not False or len(notes) != 1:
        problem("robustness.sarif", "no notification for body_syntax_error.c, or executionSuccessful")
    elif notes[0]["locations"][0]["physicalLocation"].get("region", {}).get("startLine") != 9:
        problem("robustness.sarif", f"notification without the line of the error: {notes[0]}")
    else:
        oks.append("failed unit: executionSuccessful false, notification with file and line")

# non-ASCII: relative URI percent-encoded, columns in code points
work_log = parsed.get("work.sarif")
if work_log is not None:
    res = work_log["runs"][0]["results"]
    base = work_log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    want_base = "file://" + urllib.parse.quote(work) + "/"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in res}
    text = open(os.path.join(tmp, "logs", "work.txt"), encoding="utf-8").read()
    wide = [
        r["locations"][0]["physicalLocation"]["region"] for r in res
        if r["ruleId"] == "wrong-status-enum"
    ]
    line = next((i + 1 for i, l in enumerate(open(os.path.join(work, "sp ace", "é", "wide.c"), encoding="utf-8"))
                 if "/* é€ */" in l), None)
    hit = [g for g in wide if g["startLine"] == line]
    if base != want_base:
        problem("work.sarif", f"%SRCROOT% {base} != {want_base}")
    elif uris != {"sp%20ace/%C3%A9/wide.c"}:
        problem("work.sarif", f"uris {uris}")
    elif len(hit) != 1 or hit[0]["startColumn"] != 11 or hit[0]["endColumn"] != 17:
        problem("work.sarif", f"region of 'return' after '/* é€ */' should be columns 11-17: {hit}")
    elif f"wide.c:{line}:14: error:" not in text:
        problem("work.txt", f"the text format should give the byte column 14 on line {line}")
    else:
        oks.append("non-ASCII: percent-encoded relative URI, columns in code points (bytes in text)")

out_log = parsed.get("outside.sarif")
if out_log is not None:
    res = out_log["runs"][0]["results"]
    want = "file://" + urllib.parse.quote(os.path.join(tmp, "outside dir", "far away.c"))
    als = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in res]
    if not als or any(a != {"uri": want} for a in als):
        problem("outside.sarif", f"expected absolute {want} without uriBaseId, got {als}")
    else:
        oks.append("file outside the root: absolute file URI, no uriBaseId")

for o in oks:
    print("ok   - " + o)
for p in problems:
    print("FAIL - " + p)
sys.exit(1 if problems else 0)
EOF
python3 "$tmp/check.py" "$root" "$work" "$tmp" "$data" "${FLTCHECK_UPDATE_GOLDEN:-0}" "${logs[@]}" \
	>"$tmp/check.out" 2>&1
check_rc=$?
cat "$tmp/check.out"
passed=$((passed + $(grep -c '^ok ' "$tmp/check.out")))
failed=$((failed + $(grep -c '^FAIL ' "$tmp/check.out")))
if [ $check_rc -ne 0 ] && ! grep -q '^FAIL ' "$tmp/check.out"; then
	bad "check.py did not run to the end (exit $check_rc)"
fi

# ------------------------------------------------------------- github and msvc

# golden OUTPUT-NAME FILE: compares FILE with tests/data/sarif/OUTPUT-NAME (or rewrites it).
golden() {
	if [ "${FLTCHECK_UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$2" "$data/$1"
		ok "tests/data/sarif/$1 rewritten"
	elif diff -u "$data/$1" "$2" >"$tmp/diff" 2>&1; then
		ok "$1 equals tests/data/sarif/$1"
	else
		bad "$1 differs from tests/data/sarif/$1" "$tmp/diff"
	fi
}

if emit github "$root" "$tmp/buggy.github" corpus/drivers/buggy; then
	golden buggy.github "$tmp/buggy.github"
	n=$(grep -c . "$tmp/buggy.github")
	m=$(grep -cE '^::(error|warning|notice) file=[^,:]+,line=[0-9]+,col=[0-9]+,title=[a-z0-9-]+::[^%]' \
		"$tmp/buggy.github")
	if [ "$n" -gt 0 ] && [ "$n" = "$m" ]; then
		ok "github: one well-formed workflow command per finding ($n)"
	else
		bad "github: $m of $n lines are well-formed workflow commands" "$tmp/buggy.github"
	fi
else
	bad "github output for corpus/drivers/buggy" "$tmp/buggy.github.err"
fi

# workflow-command escaping: '%', ':' and ',' in a property, '%' in the data
mkdir -p "$tmp/esc/a,b:c%d"
cp "$root/corpus/rules/pend-non-irp/bad_cbdq_write.c" "$tmp/esc/a,b:c%d/x.c"
if emit github "$tmp/esc" "$tmp/esc.github" "a,b:c%d"; then
	if grep -q '^::error file=a%2Cb%3Ac%25d/x\.c,line=[0-9]*,col=[0-9]*,title=pend-non-irp::' \
		"$tmp/esc.github" && grep -q '%0Aa,b:c%25d/x\.c:[0-9]*:[0-9]*: note: ' "$tmp/esc.github"; then
		ok "github: property and data escaping"
	else
		bad "github: property and data escaping" "$tmp/esc.github"
	fi
else
	bad "github output for a path with ',', ':' and '%'" "$tmp/esc.github.err"
fi

if emit msvc "$root" "$tmp/buggy.msvc" corpus/drivers/buggy; then
	golden buggy.msvc "$tmp/buggy.msvc"
	# MSBuild's canonical-error pattern (dotnet/msbuild src/Shared/CanonicalError.cs):
	# finding lines must parse with the rule id as the code, note lines must not parse
	# as errors or warnings.
	python3 - "$tmp/buggy.msvc" "$tmp/logs/buggy.txt" >"$tmp/msvc.out" 2>&1 <<'EOF'
import re, sys
canon = re.compile(
    r"^\s*(((?P<ORIGIN>(((\d+>)?[a-zA-Z]?:[^:]*)|([^:]*))):)|())"
    r"(?P<SUBCATEGORY>(()|([^:]*? )))(?P<CATEGORY>(error|warning))( \s*(?P<CODE>[^: ]*))?\s*:(?P<TEXT>.*)$",
    re.IGNORECASE,
)
origin = re.compile(r"^(\d+>)?(?P<FILENAME>.*)\((?P<LOCATION>[\,,0-9,-]*)\)\s*$")
text = {}
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.match(r"(.*?):(\d+):(\d+): (error|warning|note): (.*) \[([a-z0-9-]+)\]$", line.rstrip("\n"))
    if m:
        text[(m.group(1), m.group(2), m.group(3))] = (m.group(4), m.group(6), m.group(5))
bad = 0
found = 0
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    m = canon.match(line)
    if ": note: " in line.split(")", 1)[-1][:8]:
        if m:
            print(f"note line parses as {m.group('CATEGORY')}: {line}")
            bad += 1
        continue
    o = origin.match(m.group("ORIGIN")) if m else None
    if not m or not o:
        print(f"not canonical: {line}")
        bad += 1
        continue
    found += 1
    ln, col = o.group("LOCATION").split(",")
    want = text.get((o.group("FILENAME"), ln, col))
    sev = {"error": "error", "warning": "warning", "note": "warning"}
    if not want or sev[want[0]] != m.group("CATEGORY") or want[1] != m.group("CODE") or want[2] != m.group("TEXT").strip():
        print(f"does not match the text format: {line}")
        bad += 1
if found != len(text):
    print(f"{found} findings in msvc, {len(text)} in text")
    bad += 1
sys.exit(1 if bad else 0)
EOF
	if [ $? -eq 0 ]; then
		ok "msvc: findings parse as MSBuild canonical errors (code = rule id), notes do not"
	else
		bad "msvc: MSBuild canonical format" "$tmp/msvc.out"
	fi
else
	bad "msvc output for corpus/drivers/buggy" "$tmp/buggy.msvc.err"
fi

# ------------------------------------------------------------- (c) and (d): node

setup_tools() {
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		bad "node and npm are needed for the SARIF schema and Multitool checks (Debian: apt-get install nodejs npm)"
		return 1
	fi
	npm_tools "$tools" "$root/tests" node_modules
	case $? in
	0) ;;
	1)
		bad "npm ci of tests/package.json into $tools (is the npm registry reachable?)" \
			"$tmp/npm.log"
		return 1
		;;
	*) return 1 ;;
	esac
	# npm 11 does not run the package's install script that marks it executable
	multitool=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
	schema=$tools/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json
	if [ ! -f "$multitool" ] || [ ! -f "$schema" ]; then
		bad "the SARIF Multitool for Linux is not in $tools (only x64 Linux is supported)"
		return 1
	fi
	chmod +x "$multitool"
}

if setup_tools; then
	# (c) the JSON schema, with ajv (draft 2020-12, formats checked)
	cat >"$tmp/schema.js" <<'EOF'
const fs = require('fs');
const path = require('path');
const [tools, schemaFile, ...files] = process.argv.slice(2);
const req = require('module').createRequire(path.join(tools, 'node_modules', 'index.js'));
const Ajv2020 = req('ajv/dist/2020');
const addFormats = req('ajv-formats');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
let bad = 0;
for (const f of files) {
	if (validate(JSON.parse(fs.readFileSync(f, 'utf8')))) {
		console.log(`ok   - (c) ${path.basename(f)}: valid against the SARIF 2.1.0 schema`);
		continue;
	}
	bad++;
	console.log(`FAIL - (c) ${path.basename(f)}: not valid against the SARIF 2.1.0 schema`);
	for (const e of validate.errors.slice(0, 10))
		console.log(`       | ${e.instancePath || '/'} ${e.message}`);
}
process.exit(bad ? 1 : 0);
EOF
	node "$tmp/schema.js" "$tools" "$schema" "${logs[@]}" >"$tmp/schema.out" 2>&1
	schema_rc=$?
	cat "$tmp/schema.out"
	passed=$((passed + $(grep -c '^ok ' "$tmp/schema.out")))
	failed=$((failed + $(grep -c '^FAIL ' "$tmp/schema.out")))
	if [ $schema_rc -ne 0 ] && ! grep -q '^FAIL ' "$tmp/schema.out"; then
		bad "the schema check did not run" "$tmp/schema.out"
	fi

	# (d) the Multitool's validator, SARIF and GitHub rules; no network (the config
	# turns off SARIF2006, which fetches every URI)
	(cd "$tmp" && timeout 300 "$multitool" validate --rule-kind "Sarif;Gh" \
		--config "$data/validate.config.xml" --output "$tmp/validation.sarif" \
		"${validate[@]}") >"$tmp/multitool.out" 2>&1
	mt_rc=$?
	if [ ! -s "$tmp/validation.sarif" ]; then
		bad "Sarif.Multitool validate did not run (exit $mt_rc)" "$tmp/multitool.out"
	else
		python3 - "$tmp/validation.sarif" "${validate[@]}" >"$tmp/mt.out" 2>&1 <<'EOF'
import json, os, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
homepage = {}
for f in sys.argv[2:]:
    drv = json.load(open(f, encoding="utf-8"))["runs"][0]["tool"]["driver"]
    homepage[os.path.basename(f)] = "informationUri" in drv
bad = 0
counts = {}
for run in v["runs"]:
    for r in run.get("results", []):
        level = r.get("level", "warning")
        counts[level] = counts.get(level, 0) + 1
        loc = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        name = os.path.basename(loc)
        if level == "note":
            continue
        if r["ruleId"] == "SARIF2005" and not homepage.get(name, True):
            continue  # no informationUri while the build sets no FLTCHECK_HOMEPAGE
        bad += 1
        m = r["message"]
        print(f"{name}: {level} {r['ruleId']}: {m.get('text') or ' '.join(m.get('arguments', []))}")
print(f"summary: {len(sys.argv) - 2} logs; " + ", ".join(f"{n} {l}" for l, n in sorted(counts.items())))
sys.exit(1 if bad else 0)
EOF
		if [ $? -eq 0 ]; then
			ok "(d) Sarif.Multitool validate (Sarif;Gh rules): no errors ($(tail -n 1 "$tmp/mt.out"))"
		else
			bad "(d) Sarif.Multitool validate (Sarif;Gh rules) reports problems" "$tmp/mt.out"
		fi
	fi
fi

harness_finish
