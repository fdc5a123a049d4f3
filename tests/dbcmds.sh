#!/usr/bin/env bash
# The database commands: runs, findings, diff, triage and baseline, and the
# scan options that use what they store (triage states, --baseline), on
# real databases written by real scans.
#
#   bash tests/dbcmds.sh <fltcheck-binary> <source-root>
#
# Ends with "N passed, N failed" and exits non-zero on any failure.
set -u

. "$(dirname "$0")/lib/harness.sh"
harness_init dbcmds "$@"

# The main lines (not notes) of text output.
main_lines() { grep -v ': note: ' "$tmp/out" | grep -c '\]$'; }

mkdir -p proj
cp "$root"/corpus/drivers/buggy/* proj/
db=$tmp/f.db

# ------------------------------------------------------------- errors before any scan

run runs --db "$db"
check "a read command on a missing database: one line, exit 2, nothing created" \
	eval 'one_line_error 2 && err_has "no database at" && [ ! -e "$db" ]'
head -c 3000 /dev/urandom >"$tmp/garbage.db"
sum=$(sha256sum "$tmp/garbage.db")
run findings --db "$tmp/garbage.db"
check "a garbage database: exit 4, one line, file untouched" \
	eval 'one_line_error 4 && [ "$(sha256sum "$tmp/garbage.db")" = "$sum" ]'
run runs --db "$db" --bogus
check "unknown option: exit 2" eval 'one_line_error 2 && err_has "unknown option"'
run triage --db "$db" 0123456789abcdef --state confirmed
check "triage on a missing database: one line, exit 2, nothing created" \
	eval 'one_line_error 2 && err_has "no database at" && [ ! -e "$db" ]'
run triage --db "$tmp/garbage.db" 0123456789abcdef --state confirmed
check "triage on a garbage database: exit 4, one line, file untouched" \
	eval 'one_line_error 4 && [ "$(sha256sum "$tmp/garbage.db")" = "$sum" ]'
run baseline write "$tmp/never.json" --db "$tmp/garbage.db"
check "baseline write from a garbage database: exit 4, untouched, no file written" \
	eval 'one_line_error 4 && [ "$(sha256sum "$tmp/garbage.db")" = "$sum" ] && [ ! -e "$tmp/never.json" ]'
run diff v1 --db "$db"
check "a usage error is reported before the database is looked for" \
	eval 'one_line_error 2 && err_has "two runs"'
for c in runs findings diff triage baseline; do
	run $c --help
	check "$c --help: exit 0, its usage and exit statuses, no database needed" \
		eval 'rc_is 0 && grep -q "^usage: fltcheck $c" "$tmp/out" && out_has "exit status" && [ ! -s "$tmp/err" ]'
done
run runs --note x --db "$db"
check "an option of another command is unknown here: exit 2" \
	eval 'one_line_error 2 && err_has "unknown option .--note."'
run triage 0123456789abcdef --state open --format json --db "$db"
check "triage takes no --format: exit 2" one_line_error 2
run runs extra --db "$db"
check "runs takes no argument: exit 2" eval 'one_line_error 2 && err_has "unexpected argument .extra."'
run baseline --db "$db"
check "baseline without a subcommand: exit 2" one_line_error 2
run baseline frobnicate x --db "$db"
check "baseline with an unknown subcommand: exit 2" one_line_error 2
run baseline write --db "$db"
check "baseline write without a file: exit 2" one_line_error 2
run findings --format xml --db "$db"
check "an unknown format: exit 2" eval 'one_line_error 2 && err_has "xml"'

# ------------------------------------------------------------- runs and findings

run --db "$db" --revision v1 proj
check "scan 1 (revision v1) finds the buggy driver's 8 findings" eval 'rc_is 1 && [ "$(main_lines)" -eq 8 ]'
cp "$tmp/out" "$tmp/scan1.txt"
run runs --db "$db"
check "runs lists the run with its revision, counts and findings" \
	eval 'rc_is 0 && grep -Eq "^1 +[0-9T:Z-]+ +v1 +3 +0 +8 " "$tmp/out"'
run runs --db "$db" --format json
check "runs --format json is JSON with the run" \
	eval 'rc_is 0 && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"runs\"][0][\"revision\"]==\"v1\" and d[\"runs\"][0][\"findings\"]==8" "$tmp/out"'

run findings --db "$db"
check "findings reads the run back: same findings as the scan, exit 1 (open ones)" \
	eval 'rc_is 1 && [ "$(main_lines)" -eq 8 ] && [ "$(grep -c "note: fingerprint [0-9a-f]\{16\}, triage open" "$tmp/out")" -eq 8 ]'
grep -v 'note: fingerprint' "$tmp/out" >"$tmp/back.txt"
check "... with the same lines and notes as the scan printed" cmp -s "$tmp/back.txt" "$tmp/scan1.txt"
(mkdir -p elsewhere && cd elsewhere && timeout 60 "$bin" findings --db "$db" >"$tmp/out" 2>"$tmp/err")
check "findings read from another folder name the files as a scan there would" \
	eval 'grep -q "^$tmp/proj/operations.c:" "$tmp/out"'

run findings --db "$db" --rule sync-async-io --format json
check "findings --rule filters; JSON carries fingerprint and triage" \
	eval 'rc_is 1 && python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
f=d[\"findings\"]
assert len(f)==1 and f[0][\"rule\"]==\"sync-async-io\" and f[0][\"triage\"]==\"open\" and len(f[0][\"fingerprint\"])==16
" "$tmp/out"'
fp=$(grep -o '"fingerprint": "[0-9a-f]*"' "$tmp/out" | head -1 | grep -o '[0-9a-f]\{16\}')
run findings --db "$db" --rule no-such-rule
check "findings --rule with an unknown rule: one line, exit 2" one_line_error 2
run findings --db "$db" --state bogus
check "findings --state with an unknown state: exit 2" one_line_error 2
run findings --db "$db" --run 99
check "findings --run with an unknown run: exit 2" eval 'one_line_error 2 && err_has "no run"'
run findings --db "$db" --run v1
check "findings --run takes a revision label" eval 'rc_is 1 && [ "$(main_lines)" -eq 8 ]'

# ------------------------------------------------------------- triage

run triage --db "$db" "${fp:0:7}" --state false-positive --note "the post-op only logs"
check "triage takes a unique prefix and records the decision" \
	eval 'rc_is 0 && out_has "^$fp: false-positive: the post-op only logs"'
run --db "$db" proj
check "a triaged false positive is no longer shown by scans" \
	eval 'rc_is 1 && [ "$(main_lines)" -eq 7 ] && ! grep -q "sync-async-io" "$tmp/out" && err_has "1 triaged"'
echo "/* moved */" | cat - proj/operations.c >"$tmp/x" && mv "$tmp/x" proj/operations.c
run --db "$db" proj
check "the decision survives an edit that moves the finding" \
	eval 'rc_is 1 && [ "$(main_lines)" -eq 7 ] && ! grep -q "sync-async-io" "$tmp/out"'
run findings --db "$db" --state false-positive
check "findings --state false-positive lists it with the note, exit 0" \
	eval 'rc_is 0 && [ "$(main_lines)" -eq 1 ] && out_has "triage false-positive: the post-op only logs"'
run triage --db "$db" "$fp" --state confirmed
run --db "$db" proj
check "triaged confirmed: shown and failing again" eval 'rc_is 1 && [ "$(main_lines)" -eq 8 ]'
run triage --db "$db" "$fp"
check "triage without --state: exit 2" one_line_error 2
run triage --db "$db" "xyz123" --state open
check "triage of a non-hex string: exit 2" one_line_error 2
run triage --db "$db" "00000" --state open
check "triage of a too short prefix: exit 2" one_line_error 2
run triage --db "$db" "000000" --state open
check "triage of an unknown prefix: exit 2" eval 'one_line_error 2 && err_has "no stored finding"'
# An ambiguous prefix, on a copy whose first two findings share six digits.
cp "$db" "$tmp/amb.db"
sqlite3 "$tmp/amb.db" "UPDATE findings SET fingerprint = 'abcdef000000000' || id WHERE id IN (1, 2);"
run triage --db "$tmp/amb.db" abcdef --state open
check "triage of an ambiguous prefix: exit 2" eval 'one_line_error 2 && err_has "several"'
run triage --db "$tmp/amb.db" abcdef0000000001 --state open
check "... while the full fingerprint works" eval 'rc_is 0 && ! err_has warning'
run triage --db "$db" "aaaaaaaaaaaaaaaa" --state intentional
check "a full fingerprint no run has is recorded, with a warning" \
	eval 'rc_is 0 && err_has "warning" && out_has "aaaaaaaaaaaaaaaa: intentional"'

# ------------------------------------------------------------- triage export and import

cp "$db" "$tmp/team.db"
run triage --db "$tmp/team.db" "$fp" --state false-positive --note "reviewed by the team"
run triage export "$tmp/triage.json" --db "$tmp/team.db"
check "triage export writes every decision, sorted by fingerprint, exit 0" \
	eval 'rc_is 0 && out_has "wrote 2 triage decisions" &&
		[ "$(grep -c "\"fingerprint\": " "$tmp/triage.json")" -eq 2 ] &&
		grep -o "\"fingerprint\": \"[0-9a-f]*\"" "$tmp/triage.json" | sort -c &&
		grep -q "\"note\": \"reviewed by the team\"" "$tmp/triage.json" &&
		grep -q "\"rule\": \"sync-async-io\"" "$tmp/triage.json"'
run triage export "$tmp/triage2.json" --db "$tmp/team.db"
check "... and writes the same file again" cmp -s "$tmp/triage.json" "$tmp/triage2.json"
# another checkout of the same project: the same paths under another root
mkdir -p "$tmp/clone/proj"
cp "$root"/corpus/drivers/buggy/* "$tmp/clone/proj/"
run --db "$tmp/mine.db" --root "$tmp/clone" "$tmp/clone/proj"
run triage import "$tmp/triage.json" --db "$tmp/mine.db"
check "triage import into another database records the decisions" \
	eval 'rc_is 0 && out_has "2 decisions recorded, 0 kept"'
run --db "$tmp/mine.db" --root "$tmp/clone" "$tmp/clone/proj"
check "... so that its scans hide the false positive" \
	eval 'rc_is 1 && [ "$(main_lines)" -eq 7 ] && err_has "1 triaged"'
run triage import "$tmp/triage.json" --db "$tmp/mine.db"
check "importing the same file again changes nothing" \
	eval 'rc_is 0 && out_has "0 decisions recorded, 0 kept (newer here), 2 already the same"'
run triage --db "$tmp/mine.db" "$fp" --state confirmed
run triage import "$tmp/triage.json" --db "$tmp/mine.db"
check "a decision made here after the file's is kept" \
	eval 'rc_is 0 && out_has "0 decisions recorded, 1 kept"'
run --db "$tmp/mine.db" --root "$tmp/clone" "$tmp/clone/proj"
check "... and rules the scan" eval 'rc_is 1 && [ "$(main_lines)" -eq 8 ]'
sed 's/"state": "confirmed"/"state": "maybe"/' "$tmp/triage.json" >"$tmp/bad-state.json"
sed -i 's/"state": "false-positive"/"state": "maybe"/' "$tmp/bad-state.json"
run triage import "$tmp/bad-state.json" --db "$tmp/team.db"
check "a decision with an unknown state: exit 2, one line naming it" \
	eval 'one_line_error 2 && err_has "decision [0-9] (line [0-9]*) has no \"state\""'
python3 - "$tmp/triage.json" "$tmp/half.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["decisions"][0]["note"] = "changed"
d["decisions"][0]["updated_at"] = "2999-01-01T00:00:00Z"
d["decisions"][1]["updated_at"] = "yesterday"
json.dump(d, open(sys.argv[2], "w"))
PY
run triage import "$tmp/half.json" --db "$tmp/mine.db"
check "a file with one bad decision: exit 2 and nothing recorded" \
	eval 'one_line_error 2 && err_has "updated_at" &&
		! sqlite3 "$tmp/mine.db" "SELECT note FROM triage" | grep -q changed'
run triage import "$tmp/baseline-not-yet.json" --db "$tmp/mine.db"
check "triage import of a missing file: exit 2, one line" one_line_error 2
printf '{"version": 1, "tool": "fltcheck", "fingerprint_version": 1, "findings": []}' >"$tmp/not-triage.json"
run triage import "$tmp/not-triage.json" --db "$tmp/mine.db"
check "triage import of a baseline file: exit 2, not a triage file" \
	eval 'one_line_error 2 && err_has "not an fltcheck triage file"'
sed 's/"version": 1,/"version": 9,/' "$tmp/triage.json" >"$tmp/v9.json"
run triage import "$tmp/v9.json" --db "$tmp/mine.db"
check "a triage file of another version: exit 2, one line" \
	eval 'one_line_error 2 && err_has "version 9"'
sed 's/"fingerprint_version": 1,/"fingerprint_version": 0,/' "$tmp/triage.json" >"$tmp/fp0.json"
run triage import "$tmp/fp0.json" --db "$tmp/mine.db"
check "a triage file of another fingerprint scheme: exit 2, one line" \
	eval 'one_line_error 2 && err_has "another scheme"'
run triage export --db "$tmp/mine.db"
check "triage export without a file: exit 2" one_line_error 2
run triage export "$tmp/x.json" --state open --db "$tmp/mine.db"
check "triage export with --state: exit 2" one_line_error 2
run triage export "$tmp/no/such/dir/t.json" --db "$tmp/mine.db"
check "triage export into a missing folder: exit 2, one line" one_line_error 2

# ------------------------------------------------------------- baseline

run baseline write "$tmp/baseline.json" --db "$db"
check "baseline write writes the newest run's fingerprints" \
	eval 'rc_is 0 && python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert d[\"version\"]==1 and d[\"fingerprint_version\"]==1
fs=d[\"findings\"]
assert len(fs)==8
keys=[(f[\"file\"],f[\"rule\"],f[\"fingerprint\"]) for f in fs]
assert keys==sorted(keys)
assert all(f[\"file\"].startswith(\"proj/\") for f in fs)
" "$tmp/baseline.json"'
cp "$tmp/baseline.json" "$tmp/baseline1.json"
run baseline write "$tmp/baseline.json" --db "$db"
check "baseline write is deterministic" cmp -s "$tmp/baseline.json" "$tmp/baseline1.json"
run --db "$db" --baseline "$tmp/baseline.json" proj
check "--baseline: nothing new, exit 0, nothing shown" eval 'rc_is 0 && [ ! -s "$tmp/out" ]'
cat >>proj/workers.c <<'EOF'

FLT_PREOP_CALLBACK_STATUS NewPreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *Ctx)
{
	UNREFERENCED_PARAMETER(FltObjects);
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(Data);
	return FLT_PREOP_COMPLETE;
}
EOF
run --db "$db" --baseline "$tmp/baseline.json" proj
check "--baseline: only the new finding is shown and fails" \
	eval 'rc_is 1 && [ "$(main_lines)" -eq 1 ] && out_has "workers.c:.*complete-without-status" && err_has "8 known"'
run --db "$db" --baseline "$tmp/baseline.json" --format sarif proj
check "--baseline with SARIF: every result with its baselineState" \
	eval 'rc_is 1 && python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
st=sorted(r[\"baselineState\"] for r in d[\"runs\"][0][\"results\"])
assert st==[\"new\"]+[\"unchanged\"]*8, st
" "$tmp/out"'
printf '{"version": 1, "tool": "fltcheck", "fingerprint_version": 1, "findings": [{"fingerprint": "XYZ"}]}\n' >"$tmp/badfp.json"
run --db "$db" --baseline "$tmp/badfp.json" proj
check "a baseline with a malformed fingerprint: one line, exit 2" \
	eval 'one_line_error 2 && err_has "badfp.json"'
printf 'not json' >"$tmp/notjson.json"
run --db "$db" --baseline "$tmp/notjson.json" proj
check "a baseline that is not JSON: one line, exit 2" one_line_error 2
printf '{"version": 9, "fingerprint_version": 1, "findings": []}' >"$tmp/v9.json"
run --db "$db" --baseline "$tmp/v9.json" proj
check "a baseline of another version: one line, exit 2" eval 'one_line_error 2 && err_has "version 9"'
run --db "$db" --baseline "$tmp/missing.json" proj
check "a missing baseline: one line, exit 2" one_line_error 2
run --no-db --baseline "$tmp/baseline.json" proj
check "--baseline works without a database" eval 'rc_is 1 && [ "$(main_lines)" -eq 1 ]'

# ------------------------------------------------------------- diff

run runs --db "$db" --format json
last=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['runs'][-1]['id'])" "$tmp/out")
run diff --db "$db" v1 "$last"
check "diff: the new finding is new, the rest unchanged, exit 1" \
	eval 'rc_is 1 && out_has "1 new, 0 fixed, 8 unchanged" && grep -q "^new: .*workers.c" "$tmp/out"'
run diff --db "$db" "$last" v1 --format json
check "diff the other way round: it is fixed, exit 0, JSON" \
	eval 'rc_is 0 && python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert len(d[\"new\"])==0 and len(d[\"fixed\"])==1 and len(d[\"unchanged\"])==8
assert d[\"fixed\"][0][\"rule\"]==\"complete-without-status\"
" "$tmp/out"'
run diff --db "$db" v1
check "diff with one run: exit 2" one_line_error 2
run diff --db "$db" v1 nosuch
check "diff with an unknown run: exit 2" eval 'one_line_error 2 && err_has "nosuch"'

# ------------------------------------------------------------- numbers and labels

# A label that looks like an id: the id wins.
cp "$db" "$tmp/label.db"
sqlite3 "$tmp/label.db" "UPDATE runs SET revision = '2' WHERE id = 1;"
run baseline write "$tmp/label.json" --run 2 --db "$tmp/label.db"
check "a numeric run name is an id first" eval 'rc_is 0 && out_has "of run 2 "'
run baseline write "$tmp/label.json" --run 99 --db "$tmp/label.db"
check "baseline write --run with an unknown run: exit 2" eval 'one_line_error 2 && err_has "no run .99."'
run baseline write "$tmp/no-such-dir/b.json" --db "$db"
check "baseline write into a missing folder: one line, exit 2" \
	eval 'one_line_error 2 && err_has "no-such-dir/b.json"'
run triage "${fp^^}" --state confirmed --db "$db"
check "triage accepts upper-case hex" eval 'rc_is 0 && out_has "^$fp: confirmed$"'

# ------------------------------------------------------------- rows this fltcheck cannot use

# A rule this fltcheck does not know (a newer or older release's): left out, with a warning.
cp "$db" "$tmp/rule.db"
sqlite3 "$tmp/rule.db" "UPDATE findings SET rule = 'retired-rule' WHERE id = (SELECT min(id) FROM findings WHERE run_id = 1);"
run findings --run 1 --db "$tmp/rule.db"
check "findings of an unknown rule are left out with one warning" \
	eval 'rc_is 1 && [ "$(main_lines)" -eq 7 ] && [ "$(grep -c "" "$tmp/err")" -eq 1 ] && err_has "retired-rule"'
# Fingerprints of another scheme are never compared.
cp "$db" "$tmp/scheme.db"
sqlite3 "$tmp/scheme.db" "UPDATE findings SET fingerprint_version = 0 WHERE run_id = 1;"
run diff 1 "$last" --db "$tmp/scheme.db"
check "diff of runs with different fingerprint schemes: one line, exit 2" \
	eval 'one_line_error 2 && err_has "different"'
run diff "$last" "$last" --db "$tmp/scheme.db"
check "diff of a run with itself: all unchanged, exit 0" \
	eval 'rc_is 0 && out_has "0 new, 0 fixed, 9 unchanged"'
run baseline write "$tmp/scheme.json" --run 1 --db "$tmp/scheme.db"
check "baseline write of a run with another fingerprint scheme: exit 2, no file" \
	eval 'one_line_error 2 && [ ! -e "$tmp/scheme.json" ]'
# A newer schema: refused, untouched.
cp "$db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version = 99;"
sum=$(sha256sum "$tmp/newer.db")
run runs --db "$tmp/newer.db"
check "a database of a newer fltcheck: one line, exit 4, untouched" \
	eval 'one_line_error 4 && err_has "newer" && [ "$(sha256sum "$tmp/newer.db")" = "$sum" ]'

# ------------------------------------------------------------- a run with a file it could not analyze

mkdir -p proj2
cp "$root"/corpus/drivers/buggy/* proj2/
{
	printf '['
	for f in operations.c workers.c writeshield.c; do
		printf '{"directory": "%s/proj2", "file": "%s", "command": "cl /c %s"},\n' "$tmp" $f $f
	done
	printf '{"directory": "%s/proj2", "file": "gone.c", "command": "cl /c gone.c"}]\n' "$tmp"
} >proj2/compile_commands.json
run --db "$tmp/g.db" -p proj2
check "scan with a file that cannot be analyzed: exit 3" rc_is 3
run runs --db "$tmp/g.db"
check "runs counts the file as not analyzed" eval 'rc_is 0 && grep -Eq "^1 +[0-9T:Z-]+ +- +3 +1 +8 " "$tmp/out"'
run findings --db "$tmp/g.db"
check "findings names the file the run did not analyze, on stderr" \
	eval 'rc_is 1 && [ "$(main_lines)" -eq 8 ] && err_has "did not analyze .proj2/gone.c.: cannot open"'
run findings --db "$tmp/g.db" --format json
check "... and in not_analyzed in JSON" \
	eval 'rc_is 1 && python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert d[\"not_analyzed\"]==[\"proj2/gone.c\"], d[\"not_analyzed\"]
" "$tmp/out"'

# ------------------------------------------------------------- a database locked by a writer

if command -v sqlite3 >/dev/null && command -v mkfifo >/dev/null; then
	mkfifo "$tmp/lockfifo"
	sqlite3 "$db" <"$tmp/lockfifo" >/dev/null 2>&1 &
	lockpid=$!
	exec 7>"$tmp/lockfifo"
	printf 'BEGIN EXCLUSIVE;\nDELETE FROM triage WHERE 0;\n.shell touch %s/held\n' "$tmp" >&7
	for _ in $(seq 300); do [ -e "$tmp/held" ] && break; sleep 0.1; done
	sum=$(sqlite3 "$db" "SELECT count(*) FROM triage")
	run runs --db "$db"
	check "a read command is not blocked by a writer" eval 'rc_is 0 && [ -e "$tmp/held" ]'
	run triage "$fp" --state intentional --db "$db"
	check "triage on a database another writer holds: one line, exit 4" \
		eval 'one_line_error 4 && err_has "locked"'
	printf 'COMMIT;\n' >&7
	exec 7>&-
	wait $lockpid
	check "... and nothing was recorded" eval '[ "$(sqlite3 "$db" "SELECT state FROM triage WHERE fingerprint = '"'$fp'"'")" = confirmed ]'
else
	bad "the sqlite3 shell or mkfifo is missing (scripts/install-deps.sh --test installs sqlite3)"
fi

harness_finish
