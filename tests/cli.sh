#!/usr/bin/env bash
# CLI behaviour of fltcheck: exit codes, one-line error messages, output
# formats and compiler flag passthrough.
#
#   bash tests/cli.sh <fltcheck-binary> <source-root>
#
# Exit codes under test (see analyzer/main.c): 0 clean, 1 findings, 2 usage or
# input error, 3 some code could not be analyzed. Fixtures live in
# tests/data/robustness/; scratch files go to a temporary folder removed on
# exit. Ends with "N passed, N failed" and exits non-zero on any failure.
set -u

. "$(dirname "$0")/lib/harness.sh"
HARNESS_TIMEOUT=60
harness_init cli "$@"
data=$root/tests/data/robustness

lines() { grep -c '' "$1"; }
# A usage or input error: the expected status and exactly one line on stderr,
# starting with "fltcheck: error:", and nothing on stdout.
one_line_error() {
	[ "$rc" -eq "$1" ] && [ "$(lines "$tmp/err")" -eq 1 ] &&
		grep -q '^fltcheck: error: ' "$tmp/err" && [ ! -s "$tmp/out" ]
}

# ------------------------------------------------------------- informational

run --help
check "--help exits 0 and prints usage" eval 'rc_is 0 && out_has "^usage: fltcheck"'
run -h
check "-h exits 0" rc_is 0
run --version
check "--version exits 0 and prints 'fltcheck <version>'" eval 'rc_is 0 && out_has "^fltcheck [0-9]"'

run --list-rules
check "--list-rules exits 0" rc_is 0
nrules=$(grep -c '^[a-z][a-z0-9-]* ' "$tmp/out")
check "--list-rules lists 15 rules (got $nrules)" [ "$nrules" -eq 15 ]
ndistinct=$(awk '{print $1}' "$tmp/out" | sort -u | grep -c '')
check "--list-rules ids are distinct" [ "$ndistinct" -eq "$(lines "$tmp/out")" ]
check "--list-rules includes sync-non-irp" out_has '^sync-non-irp '

run --explain sync-non-irp
check "--explain sync-non-irp exits 0 with output" eval 'rc_is 0 && [ -s "$tmp/out" ]'
run --explain=sync-non-irp
check "--explain=sync-non-irp exits 0" rc_is 0
run --explain no-such-rule
check "--explain no-such-rule: exit 2, one stderr line" one_line_error 2
check "--explain no-such-rule names the rule" err_has "no-such-rule"
run --explain
check "--explain without an id: exit 2, one stderr line" one_line_error 2

# ------------------------------------------------------------- usage errors

: >"$tmp/empty.c"
run --no-such-option "$tmp/empty.c"
check "unknown option: exit 2, one stderr line" one_line_error 2
check "unknown option is named" err_has "no-such-option"
run -Z
check "unknown short option: exit 2" one_line_error 2
run --rules no-such-rule "$tmp/empty.c"
check "--rules no-such-rule: exit 2, one stderr line" one_line_error 2
run --rules sync-non-irp,no-such-rule "$tmp/empty.c"
check "--rules with one unknown id: exit 2" one_line_error 2
run --disable no-such-rule "$tmp/empty.c"
check "--disable no-such-rule: exit 2" one_line_error 2
run --format xml "$tmp/empty.c"
check "--format xml: exit 2, one stderr line" one_line_error 2
run --format
check "--format without a value: exit 2" one_line_error 2
run -p
check "-p without a value: exit 2" one_line_error 2
run -I
check "-I without a value: exit 2" one_line_error 2
# an option's "=value" form takes no further argument
run --jobs=2 "$tmp/empty.c"
check "--jobs=2 <file>: exit 0 (the file is not taken as the value)" eval 'rc_is 0 && [ ! -s "$tmp/err" ]'
run -j=0 "$tmp/empty.c"
check "-j=0: exit 2, one stderr line naming '0'" eval "one_line_error 2 && err_has \"not '0'\""
run --cdb="$tmp/no-such.json" "$tmp/empty.c"
check "--cdb=<missing file>: exit 2 naming it" eval 'one_line_error 2 && err_has "no-such.json"'
run --format= "$tmp/empty.c"
check "--format= (empty): exit 2" one_line_error 2
run report --html
check "report --html without a value: exit 2, one stderr line" one_line_error 2
run
check "no inputs: exit 2, one stderr line" one_line_error 2
run "$tmp/does-not-exist.c"
check "missing file: exit 2, one stderr line" one_line_error 2
check "missing file: 'cannot open'" err_has "cannot open"
mkdir -p "$tmp/nosrc/sub"
echo "not a source" >"$tmp/nosrc/readme.txt"
echo "int x;" >"$tmp/nosrc/sub/header.h"
run "$tmp/nosrc"
check "directory without sources: exit 2, one stderr line" one_line_error 2
run --wdk "$tmp/no-such-wdk" "$tmp/empty.c"
check "--wdk missing folder: exit 2, one stderr line" one_line_error 2

# ------------------------------------------------------------- includes spelled in another case

# Written on Windows, where "Defs.h" finds defs.h: the unit is analyzed here too.
mkdir -p "$tmp/case/sub"
printf '#define CASE_STATUS FLT_PREOP_SUCCESS_NO_CALLBACK\n' >"$tmp/case/defs.h"
printf '#include "../Defs.h"\n#define CASE_SUB 1\n' >"$tmp/case/sub/inner.h"
cat >"$tmp/case/drv.c" <<'CEOF'
#include <fltKernel.h>
#include "Defs.h"
#include "SUB/Inner.h"

FLT_PREOP_CALLBACK_STATUS CasePreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
				      PVOID *CompletionContext)
{
	UNREFERENCED_PARAMETER(Data);
	UNREFERENCED_PARAMETER(FltObjects);
	UNREFERENCED_PARAMETER(CompletionContext);
	return CASE_SUB ? CASE_STATUS : FLT_PREOP_SUCCESS_NO_CALLBACK;
}
CEOF
run --no-db "$tmp/case/drv.c"
check "an include that differs from the file only in case is found: exit 0" \
	eval 'rc_is 0 && ! err_has "not found"'
printf '#include "Missing.h"\n' >>"$tmp/case/drv.c"
run --no-db "$tmp/case/drv.c"
check "... while a header that is not there in any case still fails: exit 3" \
	eval 'rc_is 3 && err_has "Missing.h. file not found"'

# ------------------------------------------------------------- --fail-on

note_only=$root/corpus/rules/sync-create/bad_plain_precreate.c # one note
buggy=$root/corpus/drivers/buggy                               # notes, warnings, errors
run --no-db "$note_only"
check "a note fails the run by default: exit 1" eval 'rc_is 1 && out_has ": note: "'
run --no-db --fail-on warning "$note_only"
check "--fail-on warning: the note is shown, exit 0" eval 'rc_is 0 && out_has ": note: "'
run --no-db --fail-on=never "$buggy"
check "--fail-on=never: findings shown, exit 0" eval 'rc_is 0 && out_has ": error: "'
run --no-db --fail-on error "$buggy"
check "--fail-on error with errors: exit 1" rc_is 1
run --no-db --fail-on error "$note_only"
check "--fail-on error with a note only: exit 0" rc_is 0
run --no-db --fail-on never "$data/body_syntax_error.c"
check "--fail-on never does not hide unanalyzed code: exit 3" rc_is 3
run --fail-on bogus "$tmp/empty.c"
check "--fail-on bogus: exit 2, one stderr line" eval 'one_line_error 2 && err_has bogus'
run --fail-on
check "--fail-on without a level: exit 2" one_line_error 2

# ------------------------------------------------------------- trivial inputs

run "$tmp/empty.c"
check "empty .c file: exit 0, no output" eval 'rc_is 0 && [ ! -s "$tmp/out" ]'
: >"$tmp/empty.cpp"
run "$tmp/empty.cpp"
check "empty .cpp file: exit 0" rc_is 0
run --format json "$tmp/empty.c"
check "empty .c file, --format json: exit 0, has \"findings\"" eval 'rc_is 0 && out_has "\"findings\""'

# ------------------------------------------------------------- compilation databases

printf '[{"directory": "%s", "file": "empty.c", "arguments": ["cl", "/c"' "$tmp" >"$tmp/bad.json"
run -p "$tmp/bad.json"
check "-p truncated JSON: exit 2, one stderr line" one_line_error 2
printf '{"directory": "%s", "file": "empty.c"}\n' "$tmp" >"$tmp/object.json"
run -p "$tmp/object.json"
check "-p top level not an array: exit 2, one stderr line" one_line_error 2
printf '[{"directory": "%s", "file": 42, "command": "cl /c x.c"}]\n' "$tmp" >"$tmp/types.json"
run -p "$tmp/types.json"
check "-p entry with wrong types: exit 2, one stderr line" one_line_error 2
run -p "$tmp/no-such.json"
check "-p missing database: exit 2, one stderr line" one_line_error 2
mkdir -p "$tmp/cdb-missing"
printf '[{"directory": "%s", "file": "gone.c", "command": "cl /c gone.c"}]\n' \
	"$tmp/cdb-missing" >"$tmp/cdb-missing/compile_commands.json"
run -p "$tmp/cdb-missing/compile_commands.json"
check "-p entry naming a missing file: exit 3" rc_is 3
check "-p entry naming a missing file: says it was not analyzed" err_has "not analyzed"
run -p "$tmp/cdb-missing"
check "-p <dir> with the same database: exit 3" rc_is 3
mkdir -p "$tmp/cdb-ok"
: >"$tmp/cdb-ok/ok.c"
printf '[{"directory": "%s", "file": "ok.c", "arguments": ["cl", "/c", "/DFOO=1", "ok.c"]}]\n' \
	"$tmp/cdb-ok" >"$tmp/cdb-ok/compile_commands.json"
run -p "$tmp/cdb-ok"
check "-p valid database with an empty file: exit 0" rc_is 0

# ------------------------------------------------------------- fixtures

fixture=$data/sync_non_irp_read.c
broken=$data/body_syntax_error.c
if [ ! -f "$fixture" ] || [ ! -f "$broken" ]; then
	rc=-1
	last_cmd="(fixtures)"
	: >"$tmp/out"
	: >"$tmp/err"
	bad "fixtures missing under $data"
else
	want_line=$(grep -n 'cli-expect: sync-non-irp' "$fixture" | cut -d: -f1)
	cp "$fixture" "$tmp/fixture.c"

	# Text output: exit 1, "file:line:col: warning: ... [sync-non-irp]" then note: lines.
	run "$tmp/fixture.c"
	check "known finding: exit 1" rc_is 1
	pat="^fixture\\.c:$want_line:[0-9][0-9]*: warning: .* \\[sync-non-irp\\]\$"
	check "known finding: 'fixture.c:$want_line:col: warning: ... [sync-non-irp]'" \
		grep -q "$pat" "$tmp/out"
	next=$(awk -v pat="$pat" 'found { print; exit } $0 ~ pat { found = 1 }' "$tmp/out")
	check "known finding: followed by a note: line" \
		eval 'printf "%s\n" "$next" | grep -q "^[^ ]*:[0-9][0-9]*:[0-9][0-9]*: note: "'
	check "known finding: summary on stderr" err_has "finding"

	run --rules sync-non-irp "$tmp/fixture.c"
	nf=$(grep -c ': \(error\|warning\|note\): .*\[[a-z-]*\]$' "$tmp/out")
	check "--rules sync-non-irp: exit 1, exactly one finding (got $nf)" \
		eval 'rc_is 1 && [ "$nf" -eq 1 ]'
	run --disable sync-non-irp "$tmp/fixture.c"
	check "--disable sync-non-irp: no sync-non-irp finding" eval '! out_has "\[sync-non-irp\]"'
	run -q "$tmp/fixture.c"
	check "-q: exit 1, findings still printed" eval 'rc_is 1 && out_has "\[sync-non-irp\]"'

	# An absolute path is printed relative to the current folder.
	run "$tmp/fixture.c"
	check "paths under the current folder are shown relative" \
		eval '! grep -q "^/" "$tmp/out"'

	# JSON output.
	run --format json "$tmp/fixture.c"
	check "--format json: exit 1, contains \"findings\"" eval 'rc_is 1 && out_has "\"findings\""'
	check "--format json: names sync-non-irp" out_has '"sync-non-irp"'
	cp "$tmp/out" "$tmp/fixture.json"
	run --format=json "$tmp/empty.c"
	cp "$tmp/out" "$tmp/empty.json"
	if command -v python3 >/dev/null 2>&1; then
		check "--format json output is valid JSON (finding)" \
			eval 'python3 -m json.tool "$tmp/fixture.json" >/dev/null 2>&1'
		check "--format json output is valid JSON (clean)" \
			eval 'python3 -m json.tool "$tmp/empty.json" >/dev/null 2>&1'
		check "--format json: findings[0] is sync-non-irp at line $want_line" \
			python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["rule"] == "sync-non-irp"]
sys.exit(0 if f and f[0]["line"] == int(sys.argv[2]) and isinstance(f[0]["steps"], list) else 1)
' "$tmp/fixture.json" "$want_line"
	else
		echo "skip - JSON validity (python3 not found)"
	fi

	# A callback whose body has a syntax error: exit 3, message naming it.
	cp "$broken" "$tmp/broken.c"
	run "$tmp/broken.c"
	check "callback body with a syntax error: exit 3" rc_is 3
	check "callback body with a syntax error: names CliBrokenPreCreate" \
		err_has "CliBrokenPreCreate"
	run --format json "$tmp/broken.c"
	check "syntax error, --format json: exit 3, lists not_analyzed" \
		eval 'rc_is 3 && out_has "not_analyzed"'
	# 3 wins over 1.
	run "$tmp/fixture.c" "$tmp/broken.c"
	check "findings plus unanalyzed code: exit 3" rc_is 3

	# Flag passthrough: -I, -D, -U and everything after --. The SYNCHRONIZE
	# is compiled only when WANT_SYNC ends up defined.
	mkdir -p "$tmp/inc"
	echo '#define WANT_SYNC 1' >"$tmp/inc/cli_want_sync.h"
	sed -e 's|return FLT_PREOP_SYNCHRONIZE;|\
#if defined(WANT_SYNC)\
	return FLT_PREOP_SYNCHRONIZE;\
#else\
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;\
#endif|' \
	    -e 's|^#include <fltKernel.h>|#include <fltKernel.h>\
#ifdef USE_INC\
#include <cli_want_sync.h>\
#endif|' "$fixture" >"$tmp/pass.c"
	run "$tmp/pass.c"
	check "passthrough baseline: exit 0 without flags" rc_is 0
	run -DWANT_SYNC "$tmp/pass.c"
	check "-DWANT_SYNC is passed through: exit 1" rc_is 1
	run -D WANT_SYNC=1 "$tmp/pass.c"
	check "-D WANT_SYNC=1 (separate argument): exit 1" rc_is 1
	run -DWANT_SYNC -UWANT_SYNC "$tmp/pass.c"
	check "-U after -D undefines: exit 0" rc_is 0
	run -DUSE_INC -I "$tmp/inc" "$tmp/pass.c"
	check "-I <dir> is passed through: exit 1" rc_is 1
	run -DUSE_INC "-I$tmp/inc" "$tmp/pass.c"
	check "-I<dir> (joined) is passed through: exit 1" rc_is 1
	run "$tmp/pass.c" -- -DWANT_SYNC
	check "-- -DWANT_SYNC is passed through: exit 1" rc_is 1
	run "$tmp/pass.c" -- -DUSE_INC -I "$tmp/inc" -Wall
	check "-- with several flags: exit 1" rc_is 1
fi

harness_finish
