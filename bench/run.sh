#!/usr/bin/env bash
# Benchmarks fltcheck against a bare clang parse of the same files, then its
# findings database and parallel parsing (bench/incremental.sh).
#
#   bash bench/run.sh [fltcheck-binary]
#
# See bench/README.md. Prints the tables and writes them to bench/results.md
# (overwritten). Exits 1 when a target of bench/incremental.sh is missed or
# its outputs disagree (and, with BENCH_STRICT=1, when a target of the parse
# comparison is missed); 2 when it cannot run. Settings (environment):
#   BENCH_ONLY=parse|incremental  run only one of the two parts (the file
#                       keeps the other part's last section)
#   BENCH_FILES=25      files of the generated driver at size 1x
#   BENCH_GROUPS=40     callback groups per generated file (1.25 callbacks each)
#   BENCH_BIG_GROUPS=200  groups of the single-file series at 1x
#   BENCH_SIZES="1 2 4" size multipliers
#   BENCH_REPEAT=3      runs per measurement; the fastest counts
#   BENCH_CLANG=clang-19
#   BENCH_OUT=<root>/bench/results.md
#   BENCH_STRICT=1      exit 1 when a target of the parse comparison is missed
#   BENCH_INC_REPEAT, BENCH_INC_FILES, BENCH_JOBS: see bench/incremental.sh
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
	echo "usage: bash bench/run.sh <fltcheck-binary>  (no build found under $root/build)" >&2
	exit 2
fi
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
only=${BENCH_ONLY:-}
case $only in
'' | parse) ;;
incremental) exec bash "$root/bench/incremental.sh" "$bin" ;;
*)
	echo "bench: error: BENCH_ONLY must be 'parse' or 'incremental'" >&2
	exit 2
	;;
esac
clang=${BENCH_CLANG:-clang-19}
if ! command -v "$clang" >/dev/null 2>&1; then
	echo "bench: error: '$clang' not found (set BENCH_CLANG)" >&2
	exit 2
fi
files1=${BENCH_FILES:-25}
groups=${BENCH_GROUPS:-40}
big_groups=${BENCH_BIG_GROUPS:-200}
sizes=${BENCH_SIZES:-1 2 4}
repeat=${BENCH_REPEAT:-3}
results=${BENCH_OUT:-$root/bench/results.md}
model=${FLTCHECK_MODEL_DIR:-$root/analyzer/wdk}
timebin=/usr/bin/time
if [ ! -x "$timebin" ]; then
	echo "bench: warning: /usr/bin/time is missing (apt-get install time): no memory figures" >&2
	timebin=
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fltcheck-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# ------------------------------------------------------------- clang flags
# The fixed flags of the frontend, read from analyzer/ast.c (base_args) so
# that the comparison follows it; the list below is the fallback.
mapfile -t base < <(sed -n '/base_args\[\] = {/,/};/p' "$root/analyzer/ast.c" 2>/dev/null |
	grep -o '"[^"]*"' | tr -d '"')
if [ ${#base[@]} -lt 5 ]; then
	base=(--target=x86_64-pc-windows-msvc -fms-extensions -fms-compatibility
		-fms-compatibility-version=19.29 -D_AMD64_ -DAMD64 -D_WIN64 -D_KERNEL_MODE=1
		-DNTDDI_VERSION=0x0A000007 -D_WIN32_WINNT=0x0A00 -DWINVER=0x0A00 -DWINNT=1
		-DPOOL_NX_OPTIN=1 -ferror-limit=0 -Wno-everything)
fi

# The case-insensitive overlay the frontend passes with the model headers
# (analyzer/vfs.c writes the same shape), when the frontend has one.
overlay=()
if [ -f "$root/analyzer/vfs.c" ]; then
	write_dir() { # write_dir DIR: the contents list of DIR
		local d=$1 first=1 e name
		printf '['
		for e in "$d"/*; do
			[ -e "$e" ] || continue
			name=${e##*/}
			[ $first -eq 1 ] || printf ','
			first=0
			if [ -d "$e" ]; then
				printf '\n{ "type": "directory", "name": "%s", "contents": ' "$name"
				write_dir "$e"
				printf ' }'
			else
				printf '\n{ "type": "file", "name": "%s", "external-contents": "%s" }' "$name" "$e"
			fi
		done
		printf ']'
	}
	modelreal=$(cd "$model" && pwd -P)
	{
		printf '{ "version": 0, "case-sensitive": "false", "overlay-relative": "false",\n'
		printf '  "roots": [ { "type": "directory", "name": "%s", "contents": ' "$modelreal"
		write_dir "$modelreal"
		printf ' } ] }\n'
	} >"$tmp/overlay.yaml"
	overlay=(-ivfsoverlay "$tmp/overlay.yaml")
	model=$modelreal
fi
clang_c=("${base[@]}" -x c)
clang_cpp=("${base[@]}" -x c++ -fdelayed-template-parsing -std=c++17)
common=("${overlay[@]}" -isystem "$model")

# With several inputs the clang driver starts one cc1 process per file,
# which would charge the baseline ~0.2 s of process start-up per file that
# fltcheck (one process) does not pay. So the baseline is the cc1 command the
# driver would run for one file (from -###), given every file at once: cc1
# parses its inputs one after another in a single process.
cc1_prefix() { # cc1_prefix VAR PROBE-FILE DRIVER-FLAGS...
	local var=$1 probe=$2 line
	shift 2
	: >"$probe"
	line=$("$clang" -### -fsyntax-only "$@" "$probe" 2>&1 | grep -F '"-cc1"' | head -n 1)
	if [ -z "$line" ]; then
		echo "bench: error: cannot get the cc1 command from '$clang -###'" >&2
		exit 2
	fi
	eval "set -- $line"
	local out=() skip=0 a
	for a in "$@"; do
		if [ $skip -eq 1 ]; then skip=0; continue; fi
		case $a in
		-main-file-name) skip=1 ;;
		# -disable-free skips freeing each input's AST: with many inputs
		# memory would pile up, unlike in fltcheck, which frees each TU.
		"$probe" | -disable-free) ;;
		*) out+=("$a") ;;
		esac
	done
	eval "$var=(\"\${out[@]}\")"
}
cc1_prefix cc1_c "$tmp/probe.c" "${clang_c[@]}" "${common[@]}"
cc1_prefix cc1_cpp "$tmp/probe.cpp" "${clang_cpp[@]}" "${common[@]}"

# A third column: the same files parsed through libclang exactly as
# analyzer/ast.c calls it (bench/parse_only.c), nothing else. fltcheck minus
# this is fltcheck's own work; this minus the cc1 column is libclang's.
parse_only=()
llvm_prefix=$(llvm-config-19 --prefix 2>/dev/null || echo /usr/lib/llvm-19)
cc=${CC:-cc}
if "$cc" -O2 -I"$llvm_prefix/include" "$root/bench/parse_only.c" -o "$tmp/parse_only" \
	-L"$llvm_prefix/lib" -lclang -Wl,-rpath,"$llvm_prefix/lib" 2>"$tmp/cc.err"; then
	resdir=$("$clang" -print-resource-dir)
	po_c=("$tmp/parse_only" "${clang_c[@]}" -resource-dir "$resdir" "${common[@]}" --)
	po_cpp=("$tmp/parse_only" "${clang_cpp[@]}" -resource-dir "$resdir" "${common[@]}" --)
	parse_only=1
else
	echo "bench: warning: cannot build bench/parse_only.c; no libclang column" >&2
	sed 's/^/    /' "$tmp/cc.err" >&2
fi

# ------------------------------------------------------------- measuring

now_ns() { date +%s%N; }
# measure VAR CMD...: runs CMD $repeat times and keeps the run with the least
# CPU time (user + sys; steadier than wall time on a busy machine). Sets
# VAR_ms (CPU), VAR_wall_ms and VAR_mb (peak RSS of that run).
measure() {
	local var=$1
	shift
	local best="" best_wall="" best_mb="n/a" i t0 t1 wall cpu mb rc
	for ((i = 0; i < repeat; i++)); do
		t0=$(now_ns)
		if [ -n "$timebin" ]; then
			"$timebin" -f '%M %U %S' -o "$tmp/time.out" "$@" >/dev/null 2>"$tmp/cmd.err"
		else
			"$@" >/dev/null 2>"$tmp/cmd.err"
		fi
		rc=$?
		t1=$(now_ns)
		wall=$(((t1 - t0) / 1000000))
		mb="n/a"
		cpu=$wall
		if [ -n "$timebin" ]; then
			mb=$(awk 'END { printf "%.0f", $1 / 1024 }' "$tmp/time.out")
			cpu=$(awk 'END { printf "%.0f", ($2 + $3) * 1000 }' "$tmp/time.out")
		fi
		if [ -z "$best" ] || [ "$cpu" -lt "$best" ]; then
			best=$cpu
			best_wall=$wall
			best_mb=$mb
		fi
		last_rc=$rc
	done
	printf -v "${var}_ms" '%s' "$best"
	printf -v "${var}_wall_ms" '%s' "$best_wall"
	printf -v "${var}_mb" '%s' "$best_mb"
}
ms_to_s() { awk -v m="$1" 'BEGIN { printf "%.2f", m / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# A fltcheck with a findings database would take the second and later runs
# from its cache (the default database is <root>/.fltcheck/fltcheck.db) and
# would parse on every core: this table compares one full parse and analysis
# with one cc1 process, so no database and one parser thread. The database
# and -j are measured by bench/incremental.sh.
flt_opts=()
if "$bin" --help 2>&1 | grep -q -- '--no-db'; then
	flt_opts=(--no-db -j 1)
fi

# bench_set LABEL FILES...: one row. fltcheck takes the files as one program.
rows=()
bench_set() {
	local label=$1
	shift
	local cfiles=() cppfiles=() f ncb lines
	for f in "$@"; do
		case $f in *.c) cfiles+=("$f") ;; *) cppfiles+=("$f") ;; esac
	done
	# clang: one cc1 process per language parsing all its files in turn (see
	# cc1_prefix); -std=c++17 cannot be given to C files, hence two.
	{
		echo 'rc=0'
		[ ${#cfiles[@]} -gt 0 ] && printf '%q ' "${cc1_c[@]}" "${cfiles[@]}" && echo '|| rc=1'
		[ ${#cppfiles[@]} -gt 0 ] && printf '%q ' "${cc1_cpp[@]}" "${cppfiles[@]}" && echo '|| rc=1'
		echo 'exit $rc'
	} >"$tmp/clang.sh"
	local cmd=(bash "$tmp/clang.sh")
	measure clang "${cmd[@]}"
	local clang_rc=$last_rc
	if [ "$clang_rc" -ne 0 ]; then
		echo "bench: warning: $clang reported errors on '$label':" >&2
		grep -m 3 'error:' "$tmp/cmd.err" | sed 's/^/    /' >&2
	fi
	# The literal command as a user would type it: `clang -fsyntax-only
	# <files>`, whose driver runs one cc1 process per file.
	{
		echo 'rc=0'
		[ ${#cfiles[@]} -gt 0 ] && printf '%q ' "$clang" -fsyntax-only "${clang_c[@]}" "${common[@]}" "${cfiles[@]}" && echo '|| rc=1'
		[ ${#cppfiles[@]} -gt 0 ] && printf '%q ' "$clang" -fsyntax-only "${clang_cpp[@]}" "${common[@]}" "${cppfiles[@]}" && echo '|| rc=1'
		echo 'exit $rc'
	} >"$tmp/driver.sh"
	measure drv bash "$tmp/driver.sh"
	lib_ms="" lib_mb="n/a" lib_wall_ms=""
	if [ -n "${parse_only[*]}" ]; then
		{
			echo 'rc=0'
			[ ${#cfiles[@]} -gt 0 ] && printf '%q ' "${po_c[@]}" "${cfiles[@]}" && echo '|| rc=1'
			[ ${#cppfiles[@]} -gt 0 ] && printf '%q ' "${po_cpp[@]}" "${cppfiles[@]}" && echo '|| rc=1'
			echo 'exit $rc'
		} >"$tmp/parse_only.sh"
		measure lib bash "$tmp/parse_only.sh"
	fi
	measure flt "$bin" "${flt_opts[@]}" -q "$@"
	if [ "$last_rc" -gt 3 ]; then
		echo "bench: error: fltcheck exited with $last_rc on '$label'" >&2
		head -n 5 "$tmp/cmd.err" >&2
	fi
	lines=$(cat "$@" | wc -l)
	ncb=$(cat "$@" | grep -c 'CALLBACK_STATUS FLTAPI' || true)
	local r
	r=$(ratio "$flt_ms" "$clang_ms")
	local lib_s="n/a" lr="n/a"
	if [ -n "$lib_ms" ]; then
		lib_s=$(ms_to_s "$lib_ms")
		lr=$(ratio "$flt_ms" "$lib_ms")
	fi
	local dr
	dr=$(ratio "$flt_ms" "$drv_ms")
	rows+=("$label|$#|$ncb|$lines|$(ms_to_s "$drv_ms")|$(ms_to_s "$clang_ms")|$lib_s|$(ms_to_s "$flt_ms")|$dr|$r|$lr|$(ms_to_s "$clang_wall_ms")|$(ms_to_s "$flt_wall_ms")|$clang_mb|$flt_mb")
	printf '  %-16s %4d files %5d callbacks  CPU: clang %5ss libclang %5ss fltcheck %5ss ratio %s (vs libclang %s)  wall %ss / %ss  RSS %s / %s MB\n' \
		"$label" "$#" "$ncb" "$(ms_to_s "$clang_ms")" "$lib_s" "$(ms_to_s "$flt_ms")" "$r" "$lr" \
		"$(ms_to_s "$clang_wall_ms")" "$(ms_to_s "$flt_wall_ms")" "$clang_mb" "$flt_mb"
	last_flt_ms=$flt_ms
	last_ratio=$r
	last_drv_ratio=$dr
}

# ------------------------------------------------------------- runs

echo "fltcheck: $bin ($("$bin" --version 2>/dev/null | head -n 1))"
echo "clang:    $(command -v "$clang") ($("$clang" --version | head -n 1))"
echo "model:    $model"
echo "flags:    ${base[*]} ${overlay[*]:+-ivfsoverlay <overlay>} -isystem <model>"
echo

worst_ratio=0
worst_drv=0
growth=()
worst_single=0
# The issue's inputs (the corpus, the generated multi-file driver) count for
# the targets; the single large file is a stress row, reported on its own.
check_ratio() {
	if [ "${series_name:-}" = one-file ]; then
		worst_single=$(awk -v a="$worst_single" -v b="$1" 'BEGIN { print (b != "n/a" && b > a) ? b : a }')
		return
	fi
	worst_ratio=$(awk -v a="$worst_ratio" -v b="$1" 'BEGIN { print (b != "n/a" && b > a) ? b : a }')
	worst_drv=$(awk -v a="$worst_drv" -v b="$last_drv_ratio" 'BEGIN { print (b != "n/a" && b > a) ? b : a }')
}

echo "corpus:"
mapfile -t corpus < <(find "$root/corpus" -type f \( -name '*.c' -o -name '*.cpp' \) | sort)
if [ ${#corpus[@]} -gt 0 ]; then
	bench_set "corpus (all files)" "${corpus[@]}"
	check_ratio "$last_ratio"
else
	echo "  (no corpus files)"
fi

# series NAME FILES-AT-1X GROUPS-AT-1X SCALE-WHAT
series() {
	local name=$1 nf=$2 ng=$3 what=$4 k base_ms="" f g dir
	series_name=$name
	echo "$name:"
	for k in $sizes; do
		if [ "$what" = files ]; then f=$((nf * k)) g=$ng; else f=$nf g=$((ng * k)); fi
		dir=$tmp/gen-$name-$k
		bash "$root/bench/gen_driver.sh" "$dir" "$f" "$g" || return 1
		bench_set "$name ${k}x" "$dir"/op_*.c
		check_ratio "$last_ratio"
		if [ -z "$base_ms" ]; then
			base_ms=$last_flt_ms
			base_k=$k
			prev_ms="" prev_k=""
		else
			# time(k) / (time(1x) * k / 1x): 1.00 is linear. Fixed costs
			# (loading libclang) push it below 1, so also the marginal
			# cost per unit of size between the last two steps over that
			# between the first two (1.00 linear; "-" for the first step).
			local marg="-"
			if [ -n "$prev_ms" ]; then
				marg=$(awk -v t="$last_flt_ms" -v p="$prev_ms" -v b="$base_ms" -v k="$k" \
					-v kp="$prev_k" -v k0="$base_k" -v s1="$first_step" \
					'BEGIN { a = (t - p) / (k - kp); if (s1 > 0) printf "%.2f", a / s1; else print "n/a" }')
			else
				first_step=$(awk -v t="$last_flt_ms" -v b="$base_ms" -v k="$k" -v k0="$base_k" \
					'BEGIN { print (t - b) / (k - k0) }')
			fi
			growth+=("$name ${k}x|$(awk -v t="$last_flt_ms" -v b="$base_ms" -v k="$k" -v k0="$base_k" \
				'BEGIN { printf "%.2f", (t / b) / (k / k0) }')|$marg")
			prev_ms=$last_flt_ms
			prev_k=$k
		fi
	done
}
series generated "$files1" "$groups" files
series one-file 1 "$big_groups" groups

# ------------------------------------------------------------- report

worst_growth=0
for g in "${growth[@]}"; do
	gr=${g#*|}
	gr=${gr%%|*}
	worst_growth=$(awk -v a="$worst_growth" -v b="$gr" 'BEGIN { print (b > a) ? b : a }')
done
ratio_ok=$(awk -v r="$worst_ratio" 'BEGIN { print (r <= 1.5) ? "met" : "MISSED" }')
drv_ok=$(awk -v r="$worst_drv" 'BEGIN { print (r <= 1.5) ? "met" : "MISSED" }')
growth_ok=$(awk -v r="$worst_growth" 'BEGIN { print (r <= 1.25) ? "met" : "MISSED" }')

{
	echo "# fltcheck benchmark results"
	echo
	echo "Generated by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs"
	echo "($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')), best of $repeat runs."
	echo
	echo "- fltcheck: $("$bin" --version 2>/dev/null | head -n 1), run as \`fltcheck ${flt_opts[*]:+${flt_opts[*]} }-q <files>\`"
	echo "- baseline: \`$clang -fsyntax-only\` ($("$clang" --version | head -n 1)) with the frontend's flags:"
	echo "  \`${base[*]} ${overlay[*]:+-ivfsoverlay <overlay> }-isystem analyzer/wdk\`"
	echo "- fltcheck analyzes all files of a row as one program in one process. Two baselines:"
	echo "  \"driver\" is the command as typed, \`clang -fsyntax-only <files>\`, whose driver runs one"
	echo "  cc1 process per file; \"cc1\" is the stricter one: the cc1 command the driver runs for one"
	echo "  file (\`-###\`), given all files, so one process parses them all (one cc1 for the C files,"
	echo "  one for the C++ files)."
	echo
	echo "Times are CPU seconds (user + sys) of the best run; wall seconds of that run are shown too."
	echo "\"callbacks\" counts the pre- and post-operation callbacks defined in the files."
	echo
	echo "\"libclang\" is bench/parse_only.c: the same files parsed through libclang as analyzer/ast.c"
	echo "calls it, and nothing else (fltcheck minus libclang is fltcheck's own work)."
	echo
	echo "| input | files | callbacks | lines | clang driver CPU (s) | clang cc1 CPU (s) | libclang CPU (s) | fltcheck CPU (s) | fltcheck/driver | fltcheck/cc1 | fltcheck/libclang | cc1 wall (s) | fltcheck wall (s) | cc1 RSS (MB) | fltcheck RSS (MB) |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for r in "${rows[@]}"; do
		echo "| ${r//|/ | } |"
	done
	echo
	echo "Growth of fltcheck's CPU time, normalized to linear (time(kx) / (k * time(1x)); 1.00 is linear):"
	echo
	echo "\"marginal\" is the added time per unit of size over the last step divided by the same over"
	echo "the first step (1.00 is linear; it is not hidden by fixed start-up costs, but it is noisy)."
	echo
	echo "| size | growth | marginal |"
	echo "|---|---:|---:|"
	for g in "${growth[@]}"; do
		echo "| ${g//|/ | } |"
	done
	echo
	echo "Targets, on the corpus and the generated multi-file driver: fltcheck within 1.5x of the"
	echo "bare parse: of \`clang -fsyntax-only\` as typed (worst $worst_drv: $drv_ok); of one cc1"
	echo "process over all files, a stricter baseline (worst $worst_ratio: $ratio_ok). One large file"
	echo "(both baselines are one process there): worst $worst_single."
	echo "linear growth, normalized growth at most 1.25 (worst $worst_growth: $growth_ok)."
} >"$tmp/parse.md"

echo
cat "$tmp/parse.md"

# The second part: the findings database and -j (bench/incremental.sh), whose
# section follows the table. With BENCH_ONLY=parse the file keeps the section
# of the last run.
inc_rc=0
inc_section=$tmp/incremental.md
begin_marker='<!-- bench/incremental.sh: begin -->'
end_marker='<!-- bench/incremental.sh: end -->'
: >"$inc_section"
if [ "$only" = parse ]; then
	if [ -f "$results" ]; then
		awk -v b="$begin_marker" -v e="$end_marker" '$0 == b { on = 1 } on { print } $0 == e { on = 0 }' \
			"$results" >"$inc_section"
	fi
else
	echo
	echo "findings database and parallel parsing (bench/incremental.sh):"
	BENCH_OUT=$results BENCH_SECTION_OUT=$inc_section bash "$root/bench/incremental.sh" "$bin"
	inc_rc=$?
fi
{
	cat "$tmp/parse.md"
	if [ -s "$inc_section" ]; then
		echo
		cat "$inc_section"
	fi
} >"$results"
echo
echo "written to $results"
[ "$inc_rc" -eq 0 ] || exit "$inc_rc"
if [ "${BENCH_STRICT:-0}" = 1 ] && { [ "$ratio_ok" != met ] || [ "$growth_ok" != met ]; }; then
	exit 1
fi
exit 0
