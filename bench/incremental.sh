#!/usr/bin/env bash
# Benchmarks fltcheck's findings database and parallel parsing against the
# issue's targets:
#   1. a no-change re-scan takes under 10% of the full scan;
#   2. a re-scan after a one-function edit of one file takes under 20% of the
#      full scan, and parses exactly that one file;
#   3. -j 2 is at least 1.6x faster than -j 1 on the large generated driver
#      (on a machine with at least 2 cores).
#
#   bash bench/incremental.sh [fltcheck-binary]
#
# See bench/README.md. It also checks that the outputs agree: the full scan
# with the database, the no-change re-scan and a scan without the database;
# the re-scan after the edit and a scan of the edited files without the
# database; -j 1 and -j 2. Times are wall-clock, the median of
# BENCH_INC_REPEAT runs. Exit status: 0 all targets met, 1 a target missed or
# an output mismatch, 2 the benchmark could not run. Settings (environment):
#   BENCH_INC_REPEAT=5   runs per measurement (the median counts)
#   BENCH_INC_FILES=64   files of the generated driver
#   BENCH_GROUPS=40      callback groups per generated file
#   BENCH_JOBS=<cores>   -j of the full scan and the re-scans
#   BENCH_OUT=<root>/bench/results.md  the section is written into this file,
#                        between its markers (replacing an older one) or at the end
#   BENCH_SECTION_OUT=F  write only the section to F (bench/run.sh uses it)
set -u
export LC_ALL=C

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-}
if [ -z "$bin" ]; then
	for c in "$root"/build/fltcheck "$root"/build/*/fltcheck "$(command -v fltcheck 2>/dev/null)"; do
		if [ -n "$c" ] && [ -x "$c" ] && [ -f "$c" ]; then
			bin=$c
			break
		fi
	done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
	echo "usage: bash bench/incremental.sh <fltcheck-binary>  (no build found under $root/build)" >&2
	exit 2
fi
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
repeat=${BENCH_INC_REPEAT:-5}
nfiles=${BENCH_INC_FILES:-64}
groups=${BENCH_GROUPS:-40}
cores=$(nproc)
jobs=${BENCH_JOBS:-$cores}
results=${BENCH_OUT:-$root/bench/results.md}
section_out=${BENCH_SECTION_OUT:-}
begin_marker='<!-- bench/incremental.sh: begin -->'
end_marker='<!-- bench/incremental.sh: end -->'

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fltcheck-inc.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
timebin=/usr/bin/time
[ -x "$timebin" ] || timebin=

die() {
	echo "bench: error: $*" >&2
	exit 2
}

# ------------------------------------------------------------- helpers

now_ns() { date +%s%N; }

# run NAME CMD...: runs CMD once in the current folder, stdout to
# $tmp/NAME.out, stderr to $tmp/NAME.err. Sets run_ms (wall), run_cpu_ms
# (user + sys, or "" without GNU time) and run_rc. Exit statuses 0, 1
# (findings) and 3 (some code not analyzed) are results; others are errors.
run() {
	local name=$1 t0 t1
	shift
	t0=$(now_ns)
	if [ -n "$timebin" ]; then
		"$timebin" -f '%U %S' -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	else
		"$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	fi
	run_rc=$?
	t1=$(now_ns)
	run_ms=$(((t1 - t0) / 1000000))
	run_cpu_ms=
	if [ -n "$timebin" ]; then
		run_cpu_ms=$(awk 'END { printf "%.0f", ($1 + $2) * 1000 }' "$tmp/$name.time")
	fi
	case $run_rc in
	0 | 1 | 3) ;;
	*)
		echo "bench: error: fltcheck exited with $run_rc: $*" >&2
		grep -v '^Command exited' "$tmp/$name.err" | head -n 5 | sed 's/^/    /' >&2
		exit 2
		;;
	esac
}

# stats NAME: reads the --stats line of $tmp/NAME.err into st_units,
# st_parsed, st_cached, st_failed.
stats() {
	local line
	line=$(sed -n 's/^fltcheck: \([0-9]*\) translation units: \([0-9]*\) parsed, \([0-9]*\) from the cache, \([0-9]*\) not analyzed.*/\1 \2 \3 \4/p' "$tmp/$1.err" | tail -n 1)
	[ -n "$line" ] || die "no --stats line from fltcheck ($1); stderr: $(head -n 3 "$tmp/$1.err")"
	read -r st_units st_parsed st_cached st_failed <<<"$line"
}

# median N...: the median of the numbers (the mean of the middle two for an
# even count).
median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print ""; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ms_to_s() { awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
# verdict RATIO OP LIMIT: PASS or FAIL (OP is lt or ge)
verdict() {
	awk -v r="$1" -v op="$2" -v l="$3" 'BEGIN {
		if (r == "n/a") { print "FAIL"; exit }
		ok = (op == "lt") ? (r < l) : (r >= l)
		print ok ? "PASS" : "FAIL" }'
}

failed=0
checks=()
# check OK-OR-NOT DESCRIPTION
check() {
	if [ "$1" = ok ]; then
		checks+=("ok: $2")
	else
		checks+=("MISMATCH: $2")
		failed=1
		echo "  MISMATCH: $2" >&2
	fi
}
same() { # same A B: the stdout of runs A and B are byte-identical
	cmp -s "$tmp/$1.out" "$tmp/$2.out" && echo ok || echo no
}

# ------------------------------------------------------------- inputs

# Each input is copied into a folder of its own so that the one-file edit
# never touches the tree; fltcheck runs in that folder on a relative path, so
# its output names the files as a run in the source tree would.
#   corpus:    corpus/ as one scan (`fltcheck corpus`)
#   generated: bench/gen_driver.sh <nfiles> files of <groups> groups
setup_corpus() {
	mkdir -p "$tmp/w-corpus" && cp -R "$root/corpus" "$tmp/w-corpus/corpus" || die "cannot copy the corpus"
	edit_file=corpus/drivers/clean/operations.c
	# a real edit of one function (SgPreWrite): the same condition, written
	# differently, so the findings stay the same
	edit_sed='s/Parameters\.Write\.Length == 0)/Parameters.Write.Length < 1)/'
	edit_what="SgPreWrite in $edit_file: \`Write.Length == 0\` becomes \`Write.Length < 1\`"
}
setup_generated() {
	bash "$root/bench/gen_driver.sh" "$tmp/w-generated/gen" "$nfiles" "$groups" || die "gen_driver.sh failed"
	edit_file=$(printf 'gen/op_%04d.c' $((nfiles / 2)))
	edit_sed=
	edit_what="a read pre-op in $edit_file: the length threshold N of \`Read.Length < N\` becomes N + 1"
}
# apply_edit: edits $edit_file (the original is kept in $tmp/edit.orig)
apply_edit() {
	cp "$edit_file" "$tmp/edit.orig"
	if [ -n "$edit_sed" ]; then
		sed "$edit_sed" "$tmp/edit.orig" >"$edit_file"
	else
		awk '!done && match($0, /Parameters\.Read\.Length < [0-9]+\)/) {
			s = substr($0, RSTART, RLENGTH); n = s; gsub(/[^0-9]/, "", n)
			$0 = substr($0, 1, RSTART - 1) "Parameters.Read.Length < " (n + 1) ")" substr($0, RSTART + RLENGTH)
			done = 1 } { print }' "$tmp/edit.orig" >"$edit_file"
	fi
	if cmp -s "$tmp/edit.orig" "$edit_file"; then
		# the edit's pattern is gone from the source: fall back to a comment
		printf '/* bench: edited */\n' >>"$edit_file"
		edit_what="$edit_file: a comment line appended (the planned edit no longer applies)"
	fi
}
restore_edit() { cp "$tmp/edit.orig" "$edit_file"; }

# ------------------------------------------------------------- measuring

rows_scan=()
rows_j=()
verdicts=()

# bench_db LABEL KEY TARGET: full scan, no-change re-scan, one-file change.
bench_db() {
	local label=$1 key=$2 target=$3 i db r full=() rescan=() edit=() units nsrc
	local w=$tmp/w-$key
	cd "$w" || die "cannot enter $w"
	nsrc=$(find "$target" -type f \( -name '*.c' -o -name '*.cpp' -o -name '*.cc' -o -name '*.cxx' \) | wc -l)
	local flt=("$bin" --root "$w" -j "$jobs" -q --stats)
	# warm-up (page cache, libclang) and the reference output: no database
	run ref-$key "${flt[@]}" --no-db "$target"
	for ((i = 1; i <= repeat; i++)); do
		db=$tmp/db-$key
		rm -rf "$db" && mkdir "$db" || die "cannot make $db"
		run full-$key "${flt[@]}" --db "$db/f.db" "$target"
		full+=("$run_ms")
		stats full-$key
		units=$st_units
		if [ "$i" = 1 ]; then
			[ "$st_parsed" = "$units" ] && [ "$st_cached" = 0 ] && r=ok || r=no
			check "$r" "$label: the full scan into a fresh database parsed all $units units ($st_parsed parsed, $st_cached from the cache, $st_failed not analyzed)"
			check "$(same full-$key ref-$key)" "$label: the full scan's output equals that of a scan without the database"
		fi
		run rescan-$key "${flt[@]}" --db "$db/f.db" "$target"
		rescan+=("$run_ms")
		if [ "$i" = 1 ]; then
			stats rescan-$key
			[ "$st_parsed" = 0 ] && [ "$st_cached" = "$units" ] && r=ok || r=no
			check "$r" "$label: the no-change re-scan parsed nothing ($st_parsed parsed, $st_cached from the cache)"
			check "$(same rescan-$key full-$key)" "$label: the no-change re-scan's output equals the full scan's"
		fi
		apply_edit
		run edit-$key "${flt[@]}" --db "$db/f.db" "$target"
		edit+=("$run_ms")
		stats edit-$key
		if [ "$st_parsed" != 1 ] || [ "$st_cached" != $((units - 1)) ]; then
			check no "$label: run $i of the one-file change parsed $st_parsed units, $st_cached from the cache (expected 1 and $((units - 1)))"
		fi
		if [ "$i" = 1 ]; then
			check "$([ "$st_parsed" = 1 ] && echo ok || echo no)" "$label: the re-scan after the one-file change parsed exactly 1 unit ($st_parsed parsed, $st_cached from the cache)"
			run editref-$key "${flt[@]}" --no-db "$target"
			check "$(same edit-$key editref-$key)" "$label: the re-scan after the edit prints what a scan of the edited files without the database prints"
		fi
		restore_edit
	done
	cd "$root" || exit 2
	local fm rm em rr er v1 v2
	fm=$(median "${full[@]}")
	rm=$(median "${rescan[@]}")
	em=$(median "${edit[@]}")
	rr=$(ratio "$rm" "$fm")
	er=$(ratio "$em" "$fm")
	v1=$(verdict "$rr" lt 0.10)
	v2=$(verdict "$er" lt 0.20)
	rows_scan+=("$label|$nsrc|$units|$(ms_to_s "$fm")|$(ms_to_s "$rm")|$rr|$v1|$(ms_to_s "$em")|$er|$v2")
	verdicts+=("$v1: $label: no-change re-scan / full scan = $rr (target < 0.10)")
	verdicts+=("$v2: $label: one-file change re-scan / full scan = $er (target < 0.20)")
	edits+=("$label: $edit_what")
	[ "$v1" = PASS ] && [ "$v2" = PASS ] || failed=1
	printf '  %-10s %4s units  full %ss  re-scan %ss (%s, %s)  one-file change %ss (%s, %s)\n' \
		"$label" "$units" "$(ms_to_s "$fm")" "$(ms_to_s "$rm")" "$rr" "$v1" "$(ms_to_s "$em")" "$er" "$v2"
	printf '             runs (ms): full %s; re-scan %s; one-file %s\n' "${full[*]}" "${rescan[*]}" "${edit[*]}"
	runs_lines+=("$label: full ${full[*]}; no-change re-scan ${rescan[*]}; one-file change ${edit[*]}")
}

# bench_jobs LABEL KEY TARGET: -j 1 against -j 2, each in two setups: a
# fresh database with --no-cache (a first scan as users run it) and --no-db
# (parsing and analysis only). Runs alternate so that a busy spell of the
# machine hits both sides alike.
bench_jobs() {
	local label=$1 key=$2 target=$3 i j mode db
	local w=$tmp/w-$key
	if [ "$cores" -lt 2 ]; then
		rows_j+=("$label|$cores|-|-|-|-|-|not measurable (1 core)")
		verdicts+=("not measurable: $label: -j 2 speedup over -j 1 ($cores core)")
		echo "  -j 2 over -j 1: not measurable on $cores core"
		return
	fi
	cd "$w" || die "cannot enter $w"
	local -A wall cpu
	for ((i = 1; i <= repeat; i++)); do
		for mode in db nodb; do
			for j in 1 2; do
				if [ $mode = db ]; then
					db=$tmp/db-j-$key
					rm -rf "$db" && mkdir "$db" || die "cannot make $db"
					run j$j-$mode-$key "$bin" --root "$w" -j $j -q --db "$db/j.db" --no-cache "$target"
				else
					run j$j-$mode-$key "$bin" --root "$w" -j $j -q --no-db "$target"
				fi
				wall[$mode$j]+="$run_ms "
				cpu[$mode$j]+="${run_cpu_ms:-0} "
			done
			if [ "$i" = 1 ]; then
				check "$(same j1-$mode-$key j2-$mode-$key)" "$label: -j 1 and -j 2 print the same ($([ $mode = db ] && echo 'fresh database, --no-cache' || echo '--no-db'))"
			fi
		done
	done
	cd "$root" || exit 2
	local m1 m2 c1 c2 sp v what
	for mode in db nodb; do
		# shellcheck disable=SC2086
		m1=$(median ${wall[${mode}1]})
		# shellcheck disable=SC2086
		m2=$(median ${wall[${mode}2]})
		# shellcheck disable=SC2086
		c1=$(median ${cpu[${mode}1]})
		# shellcheck disable=SC2086
		c2=$(median ${cpu[${mode}2]})
		sp=$(ratio "$m1" "$m2")
		v=$(verdict "$sp" ge 1.6)
		[ "$v" = PASS ] || failed=1
		[ $mode = db ] && what="fresh database, --no-cache" || what="--no-db"
		[ -n "$timebin" ] || { c1=; c2=; }
		rows_j+=("$label ($what)|$cores|$(ms_to_s "$m1")|$(ms_to_s "$m2")|${c1:+$(ms_to_s "$c1")}|${c2:+$(ms_to_s "$c2")}|$sp|$v")
		verdicts+=("$v: $label ($what): -j 1 / -j 2 wall time = ${sp}x (target >= 1.6x on $cores cores)")
		printf '  %-36s -j1 %ss  -j2 %ss  speedup %sx (%s)   CPU %ss / %ss\n' "$what" "$(ms_to_s "$m1")" "$(ms_to_s "$m2")" "$sp" "$v" \
			"${c1:+$(ms_to_s "$c1")}" "${c2:+$(ms_to_s "$c2")}"
		printf '  %-36s runs (ms): -j1 %s; -j2 %s\n' "" "${wall[${mode}1]}" "${wall[${mode}2]}"
		runs_lines+=("$label ($what): -j 1 ${wall[${mode}1]% }; -j 2 ${wall[${mode}2]% }")
	done
}

# ------------------------------------------------------------- runs

edits=()
runs_lines=()
echo "fltcheck: $bin ($("$bin" --version 2>/dev/null | head -n 1))"
echo "machine:  $cores cores ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')); -j $jobs for the scans; median of $repeat runs"
start_ms=$(($(now_ns) / 1000000))
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
"$bin" --version >/dev/null 2>&1 # warm the page cache for the start-up figure below
startup=()
for ((i = 1; i <= repeat; i++)); do
	t0=$(now_ns)
	"$bin" --version >/dev/null 2>&1
	startup+=($((($(now_ns) - t0) / 1000000)))
done
startup_ms=$(median "${startup[@]}")
echo "start-up (fltcheck --version): $(ms_to_s "$startup_ms")s"
echo
echo "corpus (one scan):"
setup_corpus
bench_db corpus corpus corpus
echo "generated ($nfiles files x $groups groups):"
setup_generated
bench_db generated generated gen
bench_jobs generated generated gen
gen_lines=$(cat "$tmp"/w-generated/gen/op_*.c | wc -l)
corpus_lines=$(find "$tmp/w-corpus/corpus" -type f \( -name '*.c' -o -name '*.cpp' \) -exec cat {} + | wc -l)
elapsed_s=$((($(now_ns) / 1000000 - start_ms) / 1000))
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

# ------------------------------------------------------------- report

section=$tmp/section.md
{
	echo "$begin_marker"
	echo "## Findings database and parallel parsing"
	echo
	echo "Generated by \`bench/incremental.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); $cores cores"
	echo "($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')); $("$bin" --version 2>/dev/null | head -n 1)."
	echo "Wall-clock seconds, the median of $repeat runs; the scans use \`-j $jobs\`. Process start-up"
	echo "alone (\`fltcheck --version\`: loading libclang and LLVM) takes $(ms_to_s "$startup_ms") s. The run took ${elapsed_s} s;"
	echo "load average (1, 5, 15 min) before: $load_before, after: $load_after (other work on the machine"
	echo "slows the wall times, the -j 2 runs most)."
	echo
	echo "Inputs: the corpus as one scan (\`fltcheck corpus\`, $corpus_lines lines) and the generated"
	echo "driver (\`bench/gen_driver.sh\`, $nfiles files of $groups groups, $gen_lines lines)."
	echo "- full scan: the first scan into a fresh \`--db\`;"
	echo "- no-change re-scan: the same command again, same database;"
	echo "- one-file change: then one function of one file edited, and the same command again:"
	for e in "${edits[@]}"; do
		echo "  $e."
	done
	echo
	echo "| input | files | units | full scan (s) | no-change re-scan (s) | re-scan / full | < 0.10 | one-file change (s) | change / full | < 0.20 |"
	echo "|---|---:|---:|---:|---:|---:|---|---:|---:|---|"
	for r in "${rows_scan[@]}"; do
		echo "| ${r//|/ | } |"
	done
	echo
	echo "Parallel parsing on the generated driver: \`-j 1\` against \`-j 2\`, each a full scan,"
	echo "into a fresh database with \`--no-cache\` (a first scan as users run it) and with"
	echo "\`--no-db\` (parsing and analysis only). CPU is user + sys seconds (median)."
	echo
	echo "| input | cores | -j 1 wall (s) | -j 2 wall (s) | -j 1 CPU (s) | -j 2 CPU (s) | speedup | >= 1.6x |"
	echo "|---|---:|---:|---:|---:|---:|---:|---|"
	for r in "${rows_j[@]}"; do
		echo "| ${r//|/ | } |"
	done
	echo
	echo "Targets:"
	echo
	for v in "${verdicts[@]}"; do
		echo "- $v"
	done
	echo
	echo "Each run, wall milliseconds, in order:"
	echo
	for l in "${runs_lines[@]}"; do
		echo "- $l"
	done
	echo
	echo "Output checks:"
	echo
	for c in "${checks[@]}"; do
		echo "- $c"
	done
	echo "$end_marker"
} >"$section"

echo
cat "$section"
if [ -n "$section_out" ]; then
	cp "$section" "$section_out"
elif [ -f "$results" ] && grep -qF "$begin_marker" "$results"; then
	# replace the section between the markers, keep the rest of the file
	awk -v b="$begin_marker" -v e="$end_marker" -v f="$section" '
		$0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
		$0 == e { skip = 0; next }
		!skip { print }' "$results" >"$tmp/results.new" && cp "$tmp/results.new" "$results"
	echo "written to $results"
else
	{
		[ -s "$results" ] && echo
		cat "$section"
	} >>"$results"
	echo "written to $results"
fi
exit $failed
