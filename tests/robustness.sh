#!/usr/bin/env bash
# Robustness of fltcheck against broken and hostile inputs: it must never
# crash, hang or trip a sanitizer, whatever it is given.
#
#   bash tests/robustness.sh <fltcheck-binary> <source-root>
#
# Inputs, all generated deterministically into a temporary folder:
#   - corpus mutations: for each .c/.cpp file under <source-root>/corpus, copies
#     truncated at 25%, 50% and 75% of its bytes, a copy with its lines
#     shuffled, and a copy with garbage bytes inserted;
#   - fixed cases: empty file, binary garbage, NUL bytes, UTF-16 (LE/BE, odd
#     length, lone surrogates), UTF-8 BOM, CRLF, a folder without sources, a
#     missing file, a symlink loop, stress shapes (deep else-if chains, huge
#     switches and expressions, deep nesting, long lines, many callbacks,
#     recursion, self-inclusion);
#   - malformed compilation databases: truncated JSON, wrong types, deep
#     nesting, NUL bytes, bad UTF-8, missing and odd files.
# Each case runs as its own fltcheck process under `timeout 60`. A case passes
# when the exit status is 0, 1, 2 or 3 (not a signal, not 124 for a timeout,
# not a sanitizer's exit code) and stderr has no sanitizer report.
#
# Budget: the corpus mutations are capped at ROBUSTNESS_RUNS runs (default
# 150; "all" for every variant of every file). Over the cap each file gets
# fewer variants, rotating through the kinds so that every kind is covered;
# with more files than runs, evenly spaced files (sorted order) get one each.
# ROBUSTNESS_JOBS sets the parallelism (default: nproc). Ends with
# "N passed, N failed" and exits non-zero on any failure.
set -u

. "$(dirname "$0")/lib/harness.sh"
# Stay in the starting folder: ROBUSTNESS_KEEP may be relative to it.
HARNESS_TMPNAME=robust HARNESS_CD=0
harness_init robustness "$@"
if [ ! -x "$bin" ]; then
	echo "robustness: error: '$bin' is not an executable" >&2
	exit 2
fi
export LC_ALL=C
budget=${ROBUSTNESS_RUNS:-150}
jobs=${ROBUSTNESS_JOBS:-$(nproc 2>/dev/null || echo 2)}
limit=${ROBUSTNESS_TIMEOUT:-60}

# Sanitizer builds: make every report fatal and visible, unless the caller
# (tests/run-all.sh) has already chosen options.
# intercept_tls_get_addr=0: see scripts/test.sh (LeakSanitizer's tracer crash)
: "${ASAN_OPTIONS:=detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0}"
: "${UBSAN_OPTIONS:=print_stacktrace=1:halt_on_error=1}"
if [ -f "$root/tests/lsan.supp" ]; then
	: "${LSAN_OPTIONS:=suppressions=$root/tests/lsan.supp}"
fi
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS=${LSAN_OPTIONS:-}

mkdir -p "$tmp/in" "$tmp/cases"
start_time=$(date +%s)

# ------------------------------------------------------------- helpers

# Deterministic pseudo-random numbers (31-bit LCG); state in $rng.
rng=42
next_rand() {
	rng=$(((rng * 1103515245 + 12345) & 0x7fffffff))
	r=$((rng >> 8))
}

# garbage N: writes N pseudo-random bytes (any value, NUL included) to stdout.
garbage() {
	local n=$1 i fmt="" b
	for ((i = 0; i < n; i++)); do
		next_rand
		printf -v b '\\%03o' $((r & 255))
		fmt+=$b
	done
	printf "$fmt"
}

ncases=0
# add_case LABEL ARGS...: one fltcheck run. Arguments are stored one per
# line; no argument used here contains a newline.
add_case() {
	local label=$1
	shift
	ncases=$((ncases + 1))
	local id
	id=$(printf '%05d' "$ncases")
	printf '%s\n' "$label" >"$tmp/cases/$id.label"
	printf '%s\n' "$@" >"$tmp/cases/$id.args"
}

# truncate_copy SRC DST PERCENT
truncate_copy() {
	local size
	size=$(wc -c <"$1")
	head -c $((size * $3 / 100)) "$1" >"$2"
}

# shuffle_copy SRC DST: the lines in a fixed pseudo-random order (awk with its
# own Park-Miller generator, so mawk and gawk agree).
shuffle_copy() {
	awk 'BEGIN { s = 42 } { s = (s * 16807) % 2147483647; printf "%010d\t%s\n", s, $0 }' "$1" |
		sort -t "$(printf '\t')" -k1,1 -s | cut -f2- >"$2"
}

# garbage_copy SRC DST: 8 bursts of 1-16 garbage bytes at pseudo-random offsets.
garbage_copy() {
	local size pos prev=0 k len
	size=$(wc -c <"$1")
	local -a cuts=()
	for ((k = 0; k < 8; k++)); do
		next_rand
		cuts+=($((size ? r % (size + 1) : 0)))
	done
	mapfile -t cuts < <(printf '%s\n' "${cuts[@]}" | sort -n)
	{
		for pos in "${cuts[@]}"; do
			tail -c +$((prev + 1)) "$1" | head -c $((pos - prev))
			next_rand
			len=$((r % 16 + 1))
			garbage "$len"
			prev=$pos
		done
		tail -c +$((prev + 1)) "$1"
	} >"$2"
}

# ------------------------------------------------------------- corpus mutations

mapfile -t corpus < <(find "$root/corpus" -type f \( -name '*.c' -o -name '*.cpp' \) 2>/dev/null | sort)
nfiles=${#corpus[@]}
kinds=(trunc25 trunc50 trunc75 shuffled garbage)
nkinds=${#kinds[@]}
per_file=$nkinds
sel=()
for ((i = 0; i < nfiles; i++)); do sel+=("$i"); done
if [ "$budget" != all ] && [ "$nfiles" -gt 0 ] && [ $((nfiles * nkinds)) -gt "$budget" ]; then
	per_file=$((budget / nfiles))
	if [ "$per_file" -lt 1 ]; then
		# More files than runs: evenly spaced files, one variant each.
		per_file=1
		sel=()
		for ((j = 0; j < budget; j++)); do sel+=($((j * nfiles / budget))); done
	fi
fi
nmut=0
for ((n = 0; n < ${#sel[@]}; n++)); do
	i=${sel[$n]}
	src=${corpus[$i]}
	base=$(basename "$src")
	ext=${base##*.}
	stem=${base%.*}
	dir=$(dirname "$src")
	rel=${src#"$root"/}
	mkdir -p "$tmp/in/m$i"
	for ((j = 0; j < per_file; j++)); do
		kind=${kinds[$(((n + j) % nkinds))]}
		dst=$tmp/in/m$i/$stem.$kind.$ext
		case $kind in
		trunc25) truncate_copy "$src" "$dst" 25 ;;
		trunc50) truncate_copy "$src" "$dst" 50 ;;
		trunc75) truncate_copy "$src" "$dst" 75 ;;
		shuffled) shuffle_copy "$src" "$dst" ;;
		garbage) garbage_copy "$src" "$dst" ;;
		esac
		# -I keeps the file's own folder on the include path, as in place.
		add_case "$rel ($kind)" -q -I "$dir" "$dst"
		nmut=$((nmut + 1))
	done
done
# Unmodified corpus folders as whole programs, including the JSON output path.
for d in "$root"/corpus/drivers/*/; do
	[ -d "$d" ] || continue
	ls "$d" | grep -q '\.c\(pp\)\?$' || continue
	add_case "driver ${d#"$root"/} (json)" -q --format json "$d"
done

# ------------------------------------------------------------- fixed cases

f=$tmp/in/fixed
mkdir -p "$f"
fixture=$root/tests/data/robustness/sync_non_irp_read.c
if [ ! -f "$fixture" ]; then
	fixture=$f/fallback.c
	cat >"$fixture" <<'EOF'
#include <fltKernel.h>
FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	return FLT_PREOP_SYNCHRONIZE;
}
CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, NULL },
	{ IRP_MJ_OPERATION_END }
};
EOF
fi

: >"$f/empty.c"
add_case "empty .c file" "$f/empty.c"
: >"$f/empty.cpp"
add_case "empty .cpp file" "$f/empty.cpp"
rng=7
garbage 4096 >"$f/binary.c"
add_case "binary garbage" "$f/binary.c"
cp "$f/binary.c" "$f/binary.cpp"
add_case "binary garbage (C++)" --format json "$f/binary.cpp"
head -c 65536 /dev/zero >"$f/zeros.c"
add_case "64 KiB of NUL bytes" "$f/zeros.c"

# NUL bytes inside an otherwise valid file: in a body, a comment, a string.
at=$(grep -n 'return FLT_PREOP_SYNCHRONIZE' "$fixture" | head -n 1 | cut -d: -f1)
at=${at:-1}
{
	head -n $((at - 1)) "$fixture"
	printf '\tint nul = 0;\000 nul++;\n'
	tail -n +"$at" "$fixture"
} >"$f/nul_body.c"
add_case "NUL byte in a callback body" "$f/nul_body.c"
{ printf '/* a comment with \000 a NUL */\n'; cat "$fixture"; } >"$f/nul_comment.c"
add_case "NUL byte in a comment" "$f/nul_comment.c"
{ cat "$fixture"; printf 'const char *s = "abc\000def";\n'; } >"$f/nul_string.c"
add_case "NUL byte in a string literal" "$f/nul_string.c"
{ head -c 100 "$fixture"; printf '\000'; } >"$f/nul_end.c"
add_case "file ending in a NUL after a cut" "$f/nul_end.c"

# Encodings.
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$fixture"; } >"$f/utf16le.c"
add_case "UTF-16LE with BOM" "$f/utf16le.c"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$fixture"; } >"$f/utf16be.c"
add_case "UTF-16BE with BOM" "$f/utf16be.c"
head -c 301 "$f/utf16le.c" >"$f/utf16le_odd.c"
add_case "UTF-16LE, odd byte count" "$f/utf16le_odd.c"
printf '\377\376' >"$f/bom_only.c"
add_case "UTF-16LE BOM only" "$f/bom_only.c"
printf '\377\376\000\330\000\330\377\337A\000' >"$f/utf16_surrogates.c"
add_case "UTF-16LE unpaired surrogates" "$f/utf16_surrogates.c"
{ printf '\377\376'; head -c 2000 /dev/zero; } >"$f/utf16_nuls.c"
add_case "UTF-16LE of NUL characters" "$f/utf16_nuls.c"
{ printf '\357\273\277'; cat "$fixture"; } >"$f/utf8bom.c"
add_case "UTF-8 BOM" "$f/utf8bom.c"
{ cat "$fixture"; printf 'const char *bad = "\377\300\200\355\240\200";\n'; } >"$f/bad_utf8.c"
add_case "invalid UTF-8 in a string" "$f/bad_utf8.c"
sed 's/$/\r/' "$fixture" >"$f/crlf.c"
add_case "CRLF line endings" "$f/crlf.c"
tr '\n' '\r' <"$fixture" >"$f/cr_only.c"
add_case "CR-only line endings" "$f/cr_only.c"
head -c -1 "$fixture" >"$f/no_newline.c"
add_case "no final newline" "$f/no_newline.c"

# Paths.
mkdir -p "$f/nosrc/sub"
echo "text" >"$f/nosrc/readme.txt"
add_case "folder without sources" "$f/nosrc"
add_case "missing file" "$f/does-not-exist.c"
mkdir -p "$f/dir.c"
: >"$f/dir.c/inner.c"
add_case "folder named like a source" "$f/dir.c"
mkdir -p "$f/loop"
cp "$fixture" "$f/loop/a.c"
ln -s . "$f/loop/self1"
ln -s . "$f/loop/self2"
ln -s .. "$f/loop/parent"
add_case "symlink loops" "$f/loop"
ln -s "$f/does-not-exist.c" "$f/dangling.c"
add_case "dangling symlink" "$f/dangling.c"
mkdir -p "$f/dangling_dir"
ln -s "$f/nothing.c" "$f/dangling_dir/x.c"
add_case "folder with a dangling symlink" "$f/dangling_dir"
add_case "same file twice" "$fixture" "$fixture"
add_case "file and its folder" "$fixture" "$(dirname "$fixture")"
add_case "/dev/null" /dev/null

# Stress shapes inside registered callbacks.
preamble='#include <fltKernel.h>'
reg() { # reg MAJOR PRE [POST]
	printf 'CONST FLT_OPERATION_REGISTRATION Callbacks[] = {\n\t{ %s, 0, %s, %s },\n\t{ IRP_MJ_OPERATION_END }\n};\n' "$1" "$2" "${3:-NULL}"
}
pre_head() {
	printf 'FLT_PREOP_CALLBACK_STATUS FLTAPI\n%s(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)\n{\n' "$1"
}
{
	echo "$preamble"
	pre_head PreElseIf
	echo '	ULONG x = Data->Iopb->Parameters.Read.Length;'
	echo '	if (x == 0) { return FLT_PREOP_SUCCESS_NO_CALLBACK; }'
	for ((k = 1; k < 3000; k++)); do echo "	else if (x == $k) { x += $k; }"; done
	echo '	else { return FLT_PREOP_COMPLETE; }'
	echo '	return x & 1 ? FLT_PREOP_SYNCHRONIZE : FLT_PREOP_SUCCESS_WITH_CALLBACK;'
	echo '}'
	reg IRP_MJ_READ PreElseIf
} >"$f/else_if_chain.c"
add_case "3000-long else-if chain" "$f/else_if_chain.c"
{
	echo "$preamble"
	pre_head PreSwitch
	echo '	NTSTATUS status = STATUS_SUCCESS;'
	echo '	switch (Data->Iopb->Parameters.DeviceIoControl.Common.IoControlCode) {'
	for ((k = 0; k < 3000; k++)); do
		if ((k % 3 == 0)); then echo "	case $k: status = STATUS_ACCESS_DENIED; break;"
		elif ((k % 3 == 1)); then echo "	case $k: return FLT_PREOP_PENDING;"
		else echo "	case $k:"; fi
	done
	echo '	default: break;'
	echo '	}'
	echo '	if (!NT_SUCCESS(status)) { Data->IoStatus.Status = status; return FLT_PREOP_COMPLETE; }'
	echo '	return FLT_PREOP_SUCCESS_NO_CALLBACK;'
	echo '}'
	reg IRP_MJ_DEVICE_CONTROL PreSwitch
} >"$f/big_switch.c"
add_case "3000-case switch" "$f/big_switch.c"
{
	echo "$preamble"
	pre_head PreExpr
	printf '	ULONG x = Data->Iopb->Parameters.Read.Length;\n	ULONG y = x'
	for ((k = 0; k < 20000; k++)); do printf ' + x'; done
	echo ';'
	printf '	if (x'
	for ((k = 0; k < 3000; k++)); do printf ' && x != %d' "$k"; done
	echo ') { return FLT_PREOP_SYNCHRONIZE; }'
	echo '	return y ? FLT_PREOP_SUCCESS_NO_CALLBACK : FLT_PREOP_COMPLETE;'
	echo '}'
	reg IRP_MJ_READ PreExpr
} >"$f/huge_expr.c"
add_case "20000-term expression, 3000-term condition" "$f/huge_expr.c"
{
	echo "$preamble"
	pre_head PreNested
	echo '	ULONG x = Data->Iopb->Parameters.Read.Length;'
	for ((k = 0; k < 120; k++)); do echo "	if (x > $k) { __try {"; done
	echo '	return FLT_PREOP_SYNCHRONIZE;'
	for ((k = 0; k < 120; k++)); do echo '	} __finally { x--; } }'; done
	echo '	return FLT_PREOP_SUCCESS_NO_CALLBACK;'
	echo '}'
	reg IRP_MJ_READ PreNested
} >"$f/deep_nesting.c"
add_case "240-deep if/__try nesting" "$f/deep_nesting.c"
{
	echo "$preamble"
	pre_head PreTooDeep
	for ((k = 0; k < 1000; k++)); do printf '{'; done
	echo 'return FLT_PREOP_SYNCHRONIZE;'
	for ((k = 0; k < 1000; k++)); do printf '}'; done
	echo '}'
	printf 'int deep = '
	for ((k = 0; k < 5000; k++)); do printf '('; done
	printf '1'
	for ((k = 0; k < 5000; k++)); do printf ')'; done
	echo ';'
	reg IRP_MJ_READ PreTooDeep
} >"$f/too_deep.c"
add_case "nesting beyond the bracket limit" "$f/too_deep.c"
{
	echo "$preamble"
	pre_head PreGoto
	echo '	ULONG x = Data->Iopb->Parameters.Read.Length;'
	for ((k = 0; k < 500; k++)); do
		echo "L$k: if (x == $k) goto L$(((k * 7 + 3) % 500)); if (x == $((k + 1000))) goto done;"
	done
	echo 'done:'
	echo '	for (;;) { if (x++ > 10) break; }'
	echo '	while (1) { }'
	echo '}'
	reg IRP_MJ_READ PreGoto
} >"$f/goto_maze.c"
add_case "goto maze and infinite loops" "$f/goto_maze.c"
{
	echo "$preamble"
	echo 'FLT_PREOP_CALLBACK_STATUS FLTAPI PreB(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext);'
	echo 'static FLT_PREOP_CALLBACK_STATUS Helper(PFLT_CALLBACK_DATA Data, int depth) {'
	echo '	if (depth > 3) return FLT_PREOP_SYNCHRONIZE;'
	echo '	return Helper(Data, depth + 1) == FLT_PREOP_COMPLETE ? FLT_PREOP_PENDING : PreB(Data, NULL, NULL);'
	echo '}'
	pre_head PreA
	echo '	return Helper(Data, 0);'
	echo '}'
	pre_head PreB
	echo '	return PreA(Data, FltObjects, CompletionContext);'
	echo '}'
	printf 'CONST FLT_OPERATION_REGISTRATION Callbacks[] = {\n'
	printf '\t{ IRP_MJ_READ, 0, PreA, NULL },\n\t{ IRP_MJ_WRITE, 0, PreB, NULL },\n\t{ IRP_MJ_READ, 0, PreB, NULL },\n\t{ IRP_MJ_OPERATION_END }\n};\n'
} >"$f/recursion.c"
add_case "mutual recursion, duplicate registrations" "$f/recursion.c"
{
	echo "$preamble"
	for ((k = 0; k < 600; k++)); do
		pre_head "Pre$k"
		echo "	if (Data->Iopb->MajorFunction == $((k % 28))) { return FLT_PREOP_SYNCHRONIZE; }"
		echo '	return FLT_PREOP_SUCCESS_NO_CALLBACK;'
		echo '}'
	done
	echo 'CONST FLT_OPERATION_REGISTRATION Callbacks[] = {'
	for ((k = 0; k < 600; k++)); do echo "	{ $((k % 28)), 0, Pre$k, NULL },"; done
	echo '	{ IRP_MJ_OPERATION_END }'
	echo '};'
} >"$f/many_callbacks.c"
add_case "600 registered callbacks" "$f/many_callbacks.c"
{
	echo "$preamble"
	echo 'CONST FLT_OPERATION_REGISTRATION Callbacks[] = {'
	echo '	{ IRP_MJ_READ, 0, NoSuchFunction, AlsoMissing },'
	echo '	{ IRP_MJ_WRITE, 0, (PFLT_PRE_OPERATION_CALLBACK)0x1234, NULL },'
	echo '	{ 0xFF, 0, NULL, NULL },'
	echo '	{ IRP_MJ_OPERATION_END }'
	echo '};'
	echo 'CONST FLT_OPERATION_REGISTRATION Empty[] = { 0 };'
	echo 'CONST FLT_OPERATION_REGISTRATION NotEnded[] = { { IRP_MJ_CREATE, 0, NULL, NULL } };'
} >"$f/bad_registration.c"
add_case "registration with undeclared and odd entries" "$f/bad_registration.c"
{
	printf '%s\nint x[] = {' "$preamble"
	for ((k = 0; k < 100000; k++)); do printf '%d,' "$k"; done
	echo '0};'
	cat "$fixture"
} >"$f/long_line.c"
add_case "a line of 600 KB" "$f/long_line.c"
printf '#include "%s"\nint z;\n' "$f/self_include.c" >"$f/self_include.c"
add_case "a file including itself" "$f/self_include.c"
{
	echo '#define A(x) x x x x x x x x'
	echo '#define B(x) A(A(x))'
	echo '#define C(x) B(B(x))'
	echo "$preamble"
	pre_head PreMacro
	echo '	C(;)'
	echo '	return FLT_PREOP_SYNCHRONIZE;'
	echo '}'
	reg IRP_MJ_READ PreMacro
} >"$f/macro_blowup.c"
add_case "macro expansion blow-up" "$f/macro_blowup.c"
{
	echo "$preamble"
	echo 'template <typename T> struct S { T v; };'
	echo 'template <typename T> FLT_PREOP_CALLBACK_STATUS FLTAPI PreT(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext) { return T::value; }'
	echo 'namespace n { class C { public: static FLT_PREOP_CALLBACK_STATUS FLTAPI Pre(PFLT_CALLBACK_DATA, PCFLT_RELATED_OBJECTS, PVOID *) { throw 1; } }; }'
	echo 'auto lam = [](PFLT_CALLBACK_DATA d) { return d; };'
	echo 'CONST FLT_OPERATION_REGISTRATION Callbacks[] = { { IRP_MJ_READ, 0, n::C::Pre, nullptr }, { IRP_MJ_WRITE, 0, PreT<int>, nullptr }, { IRP_MJ_OPERATION_END } };'
} >"$f/cpp_odd.cpp"
add_case "C++: templates, members, lambdas" "$f/cpp_odd.cpp"
cp "$f/cpp_odd.cpp" "$f/cpp_as_c.c"
add_case "C++ parsed as C" "$f/cpp_as_c.c"
add_case "bad --wdk folder" --wdk "$f/nosrc" "$fixture"
# A WDK layout (Include/<version>/km) whose headers folder has symlink loops:
# the case-insensitive overlay walks it.
w=$f/wdk/Include/10.0.22621.0
mkdir -p "$w/km" "$w/shared"
cp "$root"/analyzer/wdk/*.h "$w/km/" 2>/dev/null
ln -s . "$w/km/self1"
ln -s . "$w/km/self2"
ln -s ../.. "$w/shared/up"
add_case "--wdk folder with symlink loops" --wdk "$f/wdk" "$fixture"
add_case "odd passthrough flags" "$fixture" -- -std=c2x -fno-ms-extensions -include "$f/does-not-exist.h" -x c++ -Werror -Wall -DX=\" -U

# ------------------------------------------------------------- compilation databases

c=$tmp/in/cdb
mkdir -p "$c"
cp "$fixture" "$c/good.c"
valid=$(printf '[\n  {"directory": "%s", "file": "good.c", "arguments": ["cl.exe", "/nologo", "/c", "/DFOO=1", "/I", "inc", "good.c"]},\n  {"directory": "%s", "file": "good.c", "command": "clang-cl /c /W4 -DX=\\"y z\\" good.c"}\n]\n' "$c" "$c")
printf '%s' "$valid" >"$c/valid.json"
add_case "valid compilation database" -p "$c/valid.json"
len=${#valid}
for pct in 5 20 40 60 80 95 99; do
	printf '%s' "${valid:0:$((len * pct / 100))}" >"$c/trunc$pct.json"
	add_case "compilation database truncated at $pct%" -p "$c/trunc$pct.json"
done
n=0
cdb() { # cdb LABEL CONTENT
	n=$((n + 1))
	printf '%s' "$2" >"$c/case$n.json"
	add_case "compilation database: $1" -p "$c/case$n.json"
}
cdb "empty file" ""
cdb "whitespace only" "   "
cdb "top level object" '{"directory": "/", "file": "x.c", "command": "cc x.c"}'
cdb "top level string" '"compile_commands"'
cdb "top level number" '42'
cdb "top level null" 'null'
cdb "empty array" '[]'
cdb "array of numbers" '[1, 2, 3]'
cdb "array of arrays" '[[], [[]]]'
cdb "entry without file" "[{\"directory\": \"$c\", \"command\": \"cc x.c\"}]"
cdb "entry without directory" '[{"file": "good.c", "command": "cc good.c"}]'
cdb "entry without command" "[{\"directory\": \"$c\", \"file\": \"good.c\"}]"
cdb "file is a number" "[{\"directory\": \"$c\", \"file\": 7, \"command\": \"cc\"}]"
cdb "file is null" "[{\"directory\": \"$c\", \"file\": null, \"command\": \"cc\"}]"
cdb "directory is an array" '[{"directory": ["/"], "file": "good.c", "command": "cc"}]'
cdb "arguments is a string" "[{\"directory\": \"$c\", \"file\": \"good.c\", \"arguments\": \"cc -c good.c\"}]"
cdb "arguments holds numbers" "[{\"directory\": \"$c\", \"file\": \"good.c\", \"arguments\": [1, null, true, {}]}]"
cdb "arguments empty" "[{\"directory\": \"$c\", \"file\": \"good.c\", \"arguments\": []}]"
cdb "command is an array" "[{\"directory\": \"$c\", \"file\": \"good.c\", \"command\": [\"cc\"]}]"
cdb "command empty" "[{\"directory\": \"$c\", \"file\": \"good.c\", \"command\": \"\"}]"
cdb "command with unbalanced quotes" "[{\"directory\": \"$c\", \"file\": \"good.c\", \"command\": \"cc \\\"-DX=1 good.c\"}]"
cdb "command with a missing response file" "[{\"directory\": \"$c\", \"file\": \"good.c\", \"command\": \"cl @missing.rsp good.c\"}]"
cdb "command with trailing flags needing values" "[{\"directory\": \"$c\", \"file\": \"good.c\", \"command\": \"cl /c good.c /I -I -D /D -include\"}]"
cdb "relative directory" '[{"directory": "relative/dir", "file": "good.c", "command": "cc good.c"}]'
cdb "missing source file" "[{\"directory\": \"$c\", \"file\": \"gone.c\", \"command\": \"cc gone.c\"}]"
cdb "source is a folder" "[{\"directory\": \"$c\", \"file\": \"$c\", \"command\": \"cc x\"}]"
cdb "source is binary garbage" "[{\"directory\": \"$f\", \"file\": \"binary.c\", \"command\": \"cc binary.c\"}]"
cdb "windows paths" '[{"directory": "C:\\src\\drv", "file": "C:\\src\\drv\\a.c", "command": "cl /c a.c"}]'
cdb "bad escapes" '[{"directory": "\q\u12", "file": "\ud800", "command": "\u0000"}]'
cdb "duplicate keys" "[{\"file\": 1, \"file\": \"good.c\", \"directory\": \"$c\", \"directory\": \"$c\", \"command\": \"cc good.c\"}]"
cdb "trailing comma" "[{\"directory\": \"$c\", \"file\": \"good.c\", \"command\": \"cc good.c\",},]"
cdb "trailing garbage" "$valid garbage"
cdb "comments" "// comment
$valid"
cdb "huge number" '[{"directory": 1e999999, "file": -0.0e-99999, "command": 123456789012345678901234567890}]'
cdb "unterminated string" '[{"directory": "/tmp'
deep=$(printf '%*s' 100000 '' | tr ' ' '[')
cdb "100000 nested arrays" "$deep"
deep_obj=$(for ((k = 0; k < 20000; k++)); do printf '{"a":'; done)
cdb "20000 nested objects" "$deep_obj"
{ printf '[{"directory": "%s", "file": "good\000.c", "command": "cc"}]' "$c"; } >"$c/nul.json"
add_case "compilation database: NUL byte in a string" -p "$c/nul.json"
{ printf '[{"directory": "%s", "file": "good.c", "command": "cc \377\376\300 good.c"}]' "$c"; } >"$c/badutf8.json"
add_case "compilation database: invalid UTF-8" -p "$c/badutf8.json"
{ printf '\377\376'; printf '%s' "$valid" | iconv -f UTF-8 -t UTF-16LE; } >"$c/utf16.json"
add_case "compilation database: UTF-16" -p "$c/utf16.json"
{ printf '\357\273\277%s' "$valid"; } >"$c/utf8bom.json"
add_case "compilation database: UTF-8 BOM" -p "$c/utf8bom.json"
cp "$f/binary.c" "$c/binary.json"
add_case "compilation database: binary garbage" -p "$c/binary.json"
mkdir -p "$c/emptydir"
add_case "compilation database: folder without one" -p "$c/emptydir"
add_case "compilation database: missing" -p "$c/nothing.json"
add_case "compilation database: /dev/null" -p /dev/null
add_case "compilation database: path map without =" --path-map nothing -p "$c/valid.json"
add_case "compilation database: odd path maps" --path-map =/ --path-map "$c=" -p "$c/valid.json"
add_case "compilation database plus a file it lacks" -p "$c/valid.json" "$f/empty.c"
{
	printf '['
	for ((k = 0; k < 2000; k++)); do
		printf '{"directory": "%s", "file": "good.c", "arguments": ["cc", "-DN=%d", "good.c"]},' "$c" "$k"
	done
	printf '{"directory": "%s", "file": "good.c", "command": "cc good.c"}]' "$c"
} >"$c/many.json"
add_case "compilation database: 2000 entries for one file" -p "$c/many.json"

# ------------------------------------------------------------- run

echo "robustness: $nfiles corpus files, $nmut mutations of ${#sel[@]} files (up to $per_file each), $ncases cases, $jobs jobs"

export bin tmp limit
run_case() {
	local id=$1 rc
	local -a args
	mapfile -t args <"$tmp/cases/$id.args"
	# A database of its own per case: the cases run in parallel and are about
	# inputs, not about sharing one (tests/dbscan.sh covers concurrent scans).
	(cd "$tmp" && timeout -k 5 "$limit" "$bin" --db "$tmp/cases/$id.db" "${args[@]}" \
		>/dev/null 2>"$tmp/cases/$id.err" </dev/null)
	rc=$?
	echo "$rc" >"$tmp/cases/$id.rc"
}
export -f run_case
(cd "$tmp/cases" && ls | sed -n 's/\.args$//p') |
	xargs -P "$jobs" -I{} bash -c 'run_case "$1"' _ {}

declare -A by_rc=()
for argsf in "$tmp"/cases/*.args; do
	id=$(basename "$argsf" .args)
	label=$(cat "$tmp/cases/$id.label")
	rc=$(cat "$tmp/cases/$id.rc" 2>/dev/null || echo missing)
	by_rc[$rc]=$((${by_rc[$rc]:-0} + 1))
	why=""
	case $rc in
	0 | 1 | 2 | 3) ;;
	124 | 137) why="timed out after ${limit}s" ;;
	missing) why="did not run" ;;
	*)
		if [ "$rc" -gt 128 ]; then
			why="killed by signal $((rc - 128))"
		else
			why="exit status $rc"
		fi
		;;
	esac
	if grep -q -E 'AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|MemorySanitizer|ThreadSanitizer|runtime error:' "$tmp/cases/$id.err" 2>/dev/null; then
		why="${why:+$why, }sanitizer report"
	fi
	if [ -z "$why" ]; then
		passed=$((passed + 1))
		continue
	fi
	bad "$label: $why"
	echo "       fltcheck $(tr '\n' ' ' <"$argsf")"
	grep -E -m 12 'Sanitizer|runtime error|#[0-9]+ |error:' "$tmp/cases/$id.err" 2>/dev/null |
		head -n 12 | cut -c1-200 | sed 's/^/       | /'
	# Keep the input of a failure for a post-mortem.
	keep=${ROBUSTNESS_KEEP:-}
	if [ -n "$keep" ]; then
		mkdir -p "$keep/$id"
		cp "$argsf" "$tmp/cases/$id.err" "$keep/$id/" 2>/dev/null
		for a in $(cat "$argsf"); do
			case $a in "$tmp"/*) cp -r "$a" "$keep/$id/" 2>/dev/null ;; esac
		done
	fi
done
summary=""
for k in $(printf '%s\n' "${!by_rc[@]}" | sort -n); do summary+=" exit $k: ${by_rc[$k]};"; done
echo "robustness: exit statuses:$summary $(($(date +%s) - start_time))s in all"
harness_finish
