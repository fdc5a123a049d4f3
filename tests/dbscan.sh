#!/usr/bin/env bash
# The scan and its database: the incremental scan (what is parsed again and
# what is taken from the cache), fingerprints through the CLI, -j, runs that
# are stored whole or not at all (killed, interrupted, concurrent, locked),
# and damaged database files that are refused and left as they were.
#
#   bash tests/dbscan.sh <fltcheck-binary> <source-root>
#
# Works on a copy of corpus/drivers/buggy plus one file that does not
# include the driver's header, in a temporary folder removed on exit. Ends
# with "N passed, N failed" and exits non-zero on any failure.
set -u

. "$(dirname "$0")/lib/harness.sh"
harness_init dbscan "$@"

# stats P C: the last run parsed P units and took C from the cache.
stats() { grep -q "translation units\?: $1 parsed, $2 from the cache" "$tmp/err"; }
fps() { grep -o '"fingerprint": "[0-9a-f]*"' "$1" | sort; }

mkdir -p proj
cp "$root"/corpus/drivers/buggy/* proj/
# A unit that does not include writeshield.h.
cat >proj/extra.c <<'EOF'
#include <fltKernel.h>

ULONG ExtraCount(ULONG a)
{
	return a + 1;
}
EOF
db=$tmp/proj.db

# ------------------------------------------------------------- incremental

run --stats --db "$db" proj
check "first scan parses every unit and reports the findings" eval 'rc_is 1 && stats 4 0'
cp "$tmp/out" "$tmp/full.txt"
check "the database is created on first use" test -s "$db"

run --stats --db "$db" proj
check "a re-scan with nothing changed parses nothing" eval 'rc_is 1 && stats 0 4'
check "a re-scan reports what the full scan reported" cmp -s "$tmp/out" "$tmp/full.txt"

echo "/* a comment */" >>proj/writeshield.h
run --stats --db "$db" proj
check "a changed header re-parses exactly the units that include it" eval 'rc_is 1 && stats 3 1'

echo "/* another */" >>proj/extra.c
run --stats --db "$db" proj
check "a changed source re-parses only that unit" eval 'rc_is 1 && stats 1 3'

touch proj/operations.c
run --stats --db "$db" proj
check "a touched but unchanged file is not parsed again" eval 'rc_is 1 && stats 0 4'

run --stats --db "$db" -DEXTRA_FLAG=1 proj
check "other compile arguments re-parse every unit" eval 'rc_is 1 && stats 4 0'

run --stats --db "$db" --no-cache proj
check "--no-cache parses every unit" eval 'rc_is 1 && stats 4 0'
check "--no-cache reports the same findings" cmp -s "$tmp/out" "$tmp/full.txt"

run --stats --db "$db" proj/operations.c proj/workers.c proj/writeshield.c
check "a subset of the files comes from the same cache" eval 'rc_is 1 && stats 0 3'

run --stats --no-db proj
check "--no-db parses everything and stores nothing" eval 'rc_is 1 && stats 4 0 && ! err_has "stored in"'

# ------------------------------------------------------------- the default location

mkdir -p home/sub && cp -r proj home/
(cd home && git init -q . 2>/dev/null || mkdir -p .git)
(cd home/sub && timeout 120 "$bin" --stats ../proj >"$tmp/out" 2>"$tmp/err")
rc=$?
last_cmd="(in home/sub) fltcheck --stats ../proj"
check "without --db the database is <root>/.fltcheck/fltcheck.db, root found upwards" \
	eval 'rc_is 1 && test -s home/.fltcheck/fltcheck.db && test ! -e home/sub/.fltcheck'

# ------------------------------------------------------------- fingerprints

run --no-db --format json proj
fps "$tmp/out" >"$tmp/fp1"
{
	printf '/* three new lines\n   at the top\n*/\n'
	cat proj/operations.c
} >"$tmp/x" && mv "$tmp/x" proj/operations.c
run --no-db --format json proj
fps "$tmp/out" >"$tmp/fp2"
check "fingerprints survive lines inserted above the findings" \
	eval '[ -s "$tmp/fp1" ] && cmp -s "$tmp/fp1" "$tmp/fp2"'
check "... while the reported lines moved" eval '! cmp -s "$tmp/full.txt" <(timeout 60 "$bin" --no-db proj 2>/dev/null)'

# Reorder the functions of a file: move the last function to the top.
cat >"$tmp/fpswap.c" <<'EOF'
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS PreA(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *Ctx)
{
	UNREFERENCED_PARAMETER(FltObjects);
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(Data);
	return FLT_PREOP_SYNCHRONIZE;
}
EOF
cat >"$tmp/fpswap2.c" <<'EOF'
FLT_PREOP_CALLBACK_STATUS PreB(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *Ctx)
{
	UNREFERENCED_PARAMETER(FltObjects);
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(Data);
	return FLT_PREOP_COMPLETE;
}

VOID Unused(VOID)
{
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreA, NULL },
	{ IRP_MJ_CREATE, 0, PreB, NULL },
	{ IRP_MJ_OPERATION_END }
};
EOF
mkdir -p order
cat "$tmp/fpswap.c" "$tmp/fpswap2.c" >order/filter.c
run --no-db --format json order
fps "$tmp/out" >"$tmp/fo1"
{
	head -n 2 "$tmp/fpswap.c"
	head -n 7 "$tmp/fpswap2.c"
	echo
	tail -n +3 "$tmp/fpswap.c"
	tail -n +8 "$tmp/fpswap2.c"
} >order/filter.c
run --no-db --format json order
fps "$tmp/out" >"$tmp/fo2"
check "fingerprints survive reordered functions" \
	eval '[ -s "$tmp/fo1" ] && cmp -s "$tmp/fo1" "$tmp/fo2"'
sed -i 's/return FLT_PREOP_SYNCHRONIZE;/return (FLT_PREOP_SYNCHRONIZE);/' order/filter.c
run --no-db --format json order
fps "$tmp/out" >"$tmp/fo3"
check "fingerprints change when their statement changes, and only those" \
	eval '[ "$(comm -23 "$tmp/fo1" "$tmp/fo3" | wc -l)" -eq 3 ] && [ "$(comm -12 "$tmp/fo1" "$tmp/fo3" | wc -l)" -eq 1 ]'

# ------------------------------------------------------------- -j

run --no-db -j1 --format json "$root/corpus/rules"
cp "$tmp/out" "$tmp/j1.json"
run --no-db -j4 --format json "$root/corpus/rules"
check "-j 1 and -j 4 give identical findings" eval '[ -s "$tmp/j1.json" ] && cmp -s "$tmp/out" "$tmp/j1.json"'
run --no-db -j0 proj
check "-j 0 is a usage error" rc_is 2

# ------------------------------------------------------------- runs stored whole

db2=$tmp/runs.db
run --stats --db "$db2" --revision r1 proj
check "a scan stores run 1" eval 'rc_is 1 && err_has "run 1 stored"'
(
	FLTCHECK_TEST_CRASH=mid-run timeout 120 "$bin" --db "$db2" proj >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/rc"
) 2>/dev/null
rc=$(cat "$tmp/rc")
last_cmd="FLTCHECK_TEST_CRASH=mid-run fltcheck --db $db2 proj"
check "a scan killed while writing its run dies" eval '[ $rc -eq 137 ] || [ $rc -eq 9 ]'
run --stats --db "$db2" proj
check "after the kill the database opens and the next run is run 2" \
	eval 'rc_is 1 && err_has "run 2 stored" && stats 0 4'
run --stats --db "$db2" --new-since r1 proj
check "--new-since a revision shows nothing when nothing is new" eval 'rc_is 0 && ! [ -s "$tmp/out" ]'
cat >>proj/extra.c <<'EOF'

FLT_PREOP_CALLBACK_STATUS ExtraPreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *Ctx)
{
	UNREFERENCED_PARAMETER(FltObjects);
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(Data);
	return FLT_PREOP_SYNCHRONIZE;
}

CONST FLT_OPERATION_REGISTRATION ExtraCallbacks[] = {
	{ IRP_MJ_READ, 0, ExtraPreRead, NULL },
	{ IRP_MJ_OPERATION_END }
};
EOF
run --db "$db2" --new-since r1 proj
check "--new-since shows and fails on the new findings only" \
	eval 'rc_is 1 && grep -q "^proj/extra.c:.*\]$" "$tmp/out" && ! grep -v "^proj/extra.c" "$tmp/out" | grep -q "\]$"'
run --db "$db2" --new-since 1 proj
check "--new-since takes a run id too" eval 'rc_is 1 && grep -q "extra.c" "$tmp/out"'
run --db "$db2" --new-since nosuchrev proj
check "--new-since an unknown run is a one-line usage error" \
	eval 'rc_is 2 && [ "$(grep -c "" "$tmp/err")" -eq 1 ] && err_has "no such run"'

# Interrupted: SIGINT while parsing stores no run.
run --stats --db "$db2" proj
last=$(grep -o 'run [0-9]* stored' "$tmp/err" | grep -o '[0-9]*')
"$bin" --stats --db "$db2" --no-cache -j1 "$root/corpus/rules" >"$tmp/out" 2>"$tmp/err" &
pid=$!
sleep 1
kill -INT $pid
wait $pid
rc=$?
last_cmd="fltcheck --db runs.db corpus/rules (SIGINT after 1 s)"
check "SIGINT stops the scan with status 130 and stores no run" \
	eval 'rc_is 130 && err_has "interrupted" && ! err_has "stored in"'
run --stats --db "$db2" proj
check "the run after an interrupted one gets the next id" eval 'err_has "run $((last + 1)) stored"'

# Two scans at once: both succeed, each stores its run.
timeout 120 "$bin" --stats --db "$db2" --no-cache proj >"$tmp/c1.out" 2>"$tmp/c1.err" &
p1=$!
timeout 120 "$bin" --stats --db "$db2" --no-cache proj >"$tmp/c2.out" 2>"$tmp/c2.err" &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
rc=$r2
last_cmd="two concurrent scans"
check "two concurrent scans both succeed and store distinct runs" \
	eval '[ $r1 -eq 1 ] && [ $r2 -eq 1 ] && cmp -s "$tmp/c1.out" "$tmp/c2.out" &&
	[ "$(cat "$tmp/c1.err" "$tmp/c2.err" | grep -o "run [0-9]* stored" | sort -u | wc -l)" -eq 2 ]'

# A lock held from outside past the busy timeout: reported, findings still printed.
if command -v sqlite3 >/dev/null; then
	(
		echo "BEGIN EXCLUSIVE;"
		echo "SELECT count(*) FROM runs;"
		sleep 9
		echo "COMMIT;"
	) | sqlite3 "$db2" >/dev/null &
	lockpid=$!
	sleep 1
	run --db "$db2" proj
	check "a database locked by another writer: exit 4, one clear line, findings still shown" \
		eval 'rc_is 4 && err_has "locked" && grep -q "extra.c" "$tmp/out"'
	wait $lockpid
else
	bad "the sqlite3 shell is missing (scripts/install-deps.sh --test installs it)"
fi

# ------------------------------------------------------------- a unit that cannot be analyzed

mkdir -p broken
printf '#include <fltKernel.h>\n#include "not_there.h"\nint Broken;\n' >broken/a.c
run --stats --db "$tmp/broken.db" broken
check "a missing header: the unit is not analyzed, exit 3, one clear error" \
	eval 'rc_is 3 && err_has "not_there.h. file not found; .broken/a.c. was not analyzed"'
run --stats --db "$tmp/broken.db" broken
check "... and it is not cached: parsed again next time" eval 'rc_is 3 && stats 1 0'
printf '/* now it exists */\n' >broken/not_there.h
run --stats --db "$tmp/broken.db" broken
check "... so that adding the header makes it analyzable" eval 'rc_is 0 && stats 1 0'
# a unit with a parse error that is not fatal: cached with its status and diagnostics
mkdir -p syntax
cp "$root/tests/data/robustness/body_syntax_error.c" syntax/
run --db "$tmp/syntax.db" syntax
check "a unit with a parse error is stored with its error count and diagnostics" \
	eval 'rc_is 3 && [ "$(sqlite3 "$tmp/syntax.db" "SELECT parse_status || '"'"' '"'"' || (diagnostics LIKE '"'"'%body_syntax_error.c:%: error: %'"'"') FROM tus")" = "1 1" ]'
run --stats --show-parse-errors --db "$tmp/syntax.db" syntax
check "... and a re-scan from the cache still lists the error and exits 3" \
	eval 'rc_is 3 && stats 0 1 && err_has "body_syntax_error.c:[0-9]*:[0-9]*: error: "'

# ------------------------------------------------------------- damaged files

head -c 4096 /dev/urandom >"$tmp/garbage.db"
sum=$(sha256sum "$tmp/garbage.db")
run --db "$tmp/garbage.db" proj
check "a garbage database: exit 4, one line, file untouched" \
	eval 'rc_is 4 && [ "$(grep -c "" "$tmp/err")" -eq 1 ] && [ "$(sha256sum "$tmp/garbage.db")" = "$sum" ] && ! [ -s "$tmp/out" ]'

cp "$db2" "$tmp/trunc.db"
truncate -s 3000 "$tmp/trunc.db"
sum=$(sha256sum "$tmp/trunc.db")
run --db "$tmp/trunc.db" proj
check "a truncated database: exit 4, file untouched" \
	eval 'rc_is 4 && [ "$(sha256sum "$tmp/trunc.db")" = "$sum" ] && [ ! -e "$tmp/trunc.db-wal" ]'

printf 'not a database\n' >"$tmp/text.db"
sum=$(sha256sum "$tmp/text.db")
run --db "$tmp/text.db" proj
check "a text file as database: exit 4, file untouched" \
	eval 'rc_is 4 && [ "$(sha256sum "$tmp/text.db")" = "$sum" ]'

run --db /proc/nonexistent/x.db proj
check "a database that cannot be created: exit 4, one line" \
	eval 'rc_is 4 && [ "$(grep -c "" "$tmp/err")" -eq 1 ]'

# ------------------------------------------------------------- the whole program's result

mkdir -p whole
cp "$root"/corpus/drivers/buggy/* whole/
# An unused suppression and one without a reason: their notes come back too.
printf '\n// fltcheck-suppress sync-create: nothing here to suppress\nint WholeUnused;\n' >>whole/workers.c
sed -i '0,/return FLT_PREOP_SYNCHRONIZE;/s//return FLT_PREOP_SYNCHRONIZE; \/\/ fltcheck-suppress sync-async-io/' whole/operations.c
db3=$tmp/whole.db
run --stats --db "$db3" whole
cp "$tmp/out" "$tmp/whole1.txt"
check "a full scan does not take the program's result from the cache" \
	eval 'rc_is 1 && ! err_has "program.s findings from the cache" && grep -q "note:.*suppress" "$tmp/out"'
run --stats --db "$db3" whole
check "a re-scan with nothing changed takes the program's findings from the cache" \
	eval 'rc_is 1 && stats 0 3 && err_has "program.s findings from the cache"'
check "... and prints exactly what the full scan printed, suppression notes included" \
	cmp -s "$tmp/out" "$tmp/whole1.txt"
run --stats --db "$db3" --disable sync-async-io whole
check "other rules: the rules run again (units still cached)" \
	eval 'stats 0 3 && ! err_has "program.s findings from the cache"'
run --stats --db "$db3" --root "$tmp/whole" whole
check "another source root: the rules run again" eval '! err_has "program.s findings from the cache"'
echo "/* edited */" >>whole/operations.c
run --stats --db "$db3" whole
check "one changed unit: parsed again, the rules run again" \
	eval 'stats 1 2 && ! err_has "program.s findings from the cache" && cmp -s "$tmp/out" "$tmp/whole1.txt"'

# Files unchanged for a while are known by their size and time, not read again.
mkdir -p old
cp "$root"/corpus/drivers/buggy/* old/
touch -d '1 hour ago' old/*
db4=$tmp/old.db
run --stats --db "$db4" old
check "files older than a few seconds are recorded with their size and time" \
	eval 'rc_is 1 && [ "$(sqlite3 "$db4" "SELECT count(*) FROM files WHERE path LIKE '"'"'%/old/%'"'"'")" -eq 4 ]'
sed -i 's/STATUS_CANNOT_DELETE/STATUS_ACCESS_DENIED/' old/operations.c
touch -d '30 minutes ago' old/operations.c
run --stats --db "$db4" old
check "a recorded file whose time changed is read again and its change found" \
	eval 'rc_is 1 && stats 1 2 && grep -q "STATUS_ACCESS_DENIED" "$tmp/out"'

harness_finish
