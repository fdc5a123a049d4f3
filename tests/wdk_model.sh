#!/bin/bash
# Checks fltcheck's bundled WDK model (analyzer/wdk):
#  - tests/wdk/surface.c and surface.cpp, which use the minifilter surface and
#    assert its key values, parse with clang in kernel/MSVC mode with no errors;
#  - includes in any capitalization resolve through the VFS overlay that
#    analyzer/vfs.c writes (built here with tests/wdk/vfs_check.c when a C
#    compiler is available, otherwise an equivalent overlay written by this
#    script), for the model directory and for a WDK-like tree of subfolders;
#  - the overlay's temporary directory is gone when the process exits.
# Usage: bash tests/wdk_model.sh <fltcheck-binary> <source-root>
# (the binary is not used).
set -u

root=${2:?usage: wdk_model.sh <fltcheck-binary> <source-root>}
model="$root/analyzer/wdk"

clang=$(command -v clang-19 || command -v clang || true)
if [ -z "$clang" ]; then
	echo "SKIP: no clang-19 or clang on PATH"
	exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fltcheck-wdk-test.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

flags=(-fsyntax-only --target=x86_64-pc-windows-msvc -fms-extensions -fms-compatibility
	-D_AMD64_ -DAMD64 -D_WIN64 -D_KERNEL_MODE=1 -Wno-everything)

# A WDK-like tree whose headers include each other in the wrong case.
fake="$work/wdk/Include/10.0.26100.0"
mkdir -p "$fake/km/crt" "$fake/shared" "$fake/.git/objects"
printf 'x\n' >"$fake/.git/objects/ab12" # a hidden folder: left out of overlays
printf '#include <DriverSpecs.h>\n#include <SAL.h>\n#define FAKE_KM 1\n' >"$fake/km/WdmStuff.h"
printf '#define FAKE_SHARED 1\n' >"$fake/shared/driverspecs.h"
printf '#define FAKE_SAL 1\n' >"$fake/km/crt/sal.h"

# json_tree DIR: the overlay contents list for DIR, as vfs.c writes it.
json_tree() {
	local dir=$1 sep="" entry name
	printf '['
	for entry in "$dir"/* "$dir"/.[!.]*; do
		[ -e "$entry" ] || continue
		name=${entry##*/}
		if [ -d "$entry" ]; then
			printf '%s{ "type": "directory", "name": "%s", "contents": ' "$sep" "$name"
			json_tree "$entry"
			printf ' }'
		elif [ -f "$entry" ]; then
			printf '%s{ "type": "file", "name": "%s", "external-contents": "%s" }' \
				"$sep" "$name" "$entry"
		fi
		sep=", "
	done
	printf ']'
}

write_overlay() {
	local dir out
	dir=$(cd "$1" && pwd -P)
	out=$2
	{
		printf '{ "version": 0, "case-sensitive": "false", "overlay-relative": "false",\n'
		printf '  "roots": [ { "type": "directory", "name": "%s", "contents": ' "$dir"
		json_tree "$dir"
		printf ' } ] }\n'
	} >"$out"
}

cc=$(command -v cc || command -v gcc || command -v "$clang" || true)
# The definitions and sources CMake uses for these files (CMakeLists.txt).
if [ -n "$cc" ] && "$cc" -std=c11 -D_DEFAULT_SOURCE -I"$root/analyzer" -o "$work/vfs_check" \
	"$root/tests/wdk/vfs_check.c" "$root/analyzer/vfs.c" "$root/analyzer/arena.c" \
	"$root/analyzer/dirset.c" 2>"$work/cc.log"; then
	if ! TMPDIR="$work" "$work/vfs_check" "$model" "$work/model.yaml" \
		"$work/wdk" "$work/fake.yaml" >"$work/vfs.out" 2>"$work/vfs.err"; then
		fail "vfs_check failed: $(cat "$work/vfs.err")"
	fi
	while read -r written; do
		[ -e "$written" ] && fail "overlay '$written' still exists after exit"
		[ -d "$(dirname "$written")" ] && fail "overlay directory of '$written' not removed"
	done <"$work/vfs.out"
	grep -q 'ab12' "$work/fake.yaml" && fail "the overlay lists a hidden folder's files"
	echo "overlays written by analyzer/vfs.c"
else
	# with a compiler there, a build failure is a failure, not a reason to skip vfs.c
	[ -n "$cc" ] && fail "cannot build vfs_check: $(grep -m1 'error' "$work/cc.log" 2>/dev/null)"
	echo "note: cannot build vfs_check ($(head -1 "$work/cc.log" 2>/dev/null)); writing overlays here"
	write_overlay "$model" "$work/model.yaml"
	write_overlay "$work/wdk" "$work/fake.yaml"
fi

model_flags=("${flags[@]}" -ivfsoverlay "$work/model.yaml" -isystem "$model")

# 1. The surface, as C and as C++.
for src in surface.c surface.cpp; do
	if ! "$clang" "${model_flags[@]}" "$root/tests/wdk/$src" >"$work/$src.log" 2>&1 ||
		grep -q 'error:' "$work/$src.log"; then
		fail "$src does not parse with the model:"
		grep 'error' "$work/$src.log" | head -20
	fi
done

# 2. Header names in any case, through the overlay of the model directory.
cat >"$work/mixed.c" <<'EOF'
#include <FltKernel.h>
#include <FLTKERNEL.H>
#include <fltkernel.h>
#include <fltKernel.h>
#include <NTIFS.H>
#include <NtDdk.h>
#include <WDM.h>
#include <DriverSpecs.h>
#include <NtStrSafe.h>
#include <Suppress.h>
#include <DontUse.h>
FLT_PREOP_CALLBACK_STATUS mixed_case_ok = FLT_PREOP_SYNCHRONIZE;
EOF
if ! "$clang" "${model_flags[@]}" "$work/mixed.c" >"$work/mixed.log" 2>&1; then
	fail "mixed-case includes do not resolve through the overlay:"
	head -5 "$work/mixed.log"
fi
if "$clang" "${flags[@]}" -isystem "$model" "$work/mixed.c" >/dev/null 2>&1; then
	echo "note: mixed-case includes resolve without the overlay (case-insensitive file system?)"
fi

# 3. A tree with km, shared and km/crt subfolders.
cat >"$work/fake.c" <<'EOF'
#include <WDMSTUFF.H>
#include <wdmstuff.h>
#if !FAKE_KM || !FAKE_SHARED || !FAKE_SAL
#  error a header was not found
#endif
int fake_wdk_ok;
EOF
if ! "$clang" "${flags[@]}" -ivfsoverlay "$work/fake.yaml" -isystem "$fake/km" \
	-isystem "$fake/shared" -isystem "$fake/km/crt" "$work/fake.c" >"$work/fake.log" 2>&1; then
	fail "mixed-case includes across subfolders do not resolve:"
	head -5 "$work/fake.log"
fi

if [ "$failures" -ne 0 ]; then
	echo "wdk_model: $failures failure(s)"
	exit 1
fi
echo "wdk_model: ok"
exit 0
