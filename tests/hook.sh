#!/usr/bin/env bash
# Pre-commit use: `fltcheck --hook` on staged files with the rest of the
# driver taken from the database, the plain git hook (scripts/git-pre-commit)
# and the pre-commit framework's hook (.pre-commit-hooks.yaml), each on a
# scratch git repository: a staged bad change is refused with the finding
# shown, a staged good change is accepted.
#
#   bash tests/hook.sh <fltcheck-binary> <source-root>
#
# Ends with "N passed, N failed" and exits non-zero on any failure.
set -u

. "$(dirname "$0")/lib/harness.sh"
harness_init hook "$@"

mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/fltcheck"
export PATH="$tmp/bin:$PATH"
export HOME=$tmp/home PRE_COMMIT_HOME=$tmp/pre-commit-cache
mkdir -p "$HOME"
git config --global user.email test@example.com
git config --global user.name test
git config --global init.defaultBranch main

# at DIR CMD...: runs CMD in DIR, stdout and stderr together to $tmp/out.
at() {
	local dir=$1
	shift
	last_cmd="(in $dir) $*"
	(cd "$dir" && timeout 120 "$@") >"$tmp/out" 2>&1
	rc=$?
	: >"$tmp/err"
}

# A driver whose registration table is in one file and whose callbacks are in
# another: checking ops.c alone, nothing says PreRead is a read callback.
make_repo() {
	local dir=$1
	mkdir -p "$dir"
	cat >"$dir/driver.h" <<'EOF'
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
				  PVOID *CompletionContext);
FLT_POSTOP_CALLBACK_STATUS PostRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
				    PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags);
EOF
	cat >"$dir/registration.c" <<'EOF'
#include "driver.h"

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
EOF
	cat >"$dir/ops.c" <<'EOF'
#include "driver.h"

FLT_PREOP_CALLBACK_STATUS PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
				  PVOID *CompletionContext)
{
	UNREFERENCED_PARAMETER(FltObjects);
	*CompletionContext = NULL;
	if (!FLT_IS_IRP_OPERATION(Data))
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

FLT_POSTOP_CALLBACK_STATUS PostRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
				    PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	UNREFERENCED_PARAMETER(Data);
	UNREFERENCED_PARAMETER(FltObjects);
	UNREFERENCED_PARAMETER(CompletionContext);
	UNREFERENCED_PARAMETER(Flags);
	return FLT_POSTOP_FINISHED_PROCESSING;
}
EOF
	printf '.fltcheck/\n' >"$dir/.gitignore"
	(cd "$dir" && git init -q . && git add -A && git commit -q -m initial)
}

# The bad change: the IRP guard goes, so a fast I/O read is synchronized.
break_ops() { sed -i 's/^	if (!FLT_IS_IRP_OPERATION(Data))$/	if (Data == NULL)/; s/return FLT_PREOP_SUCCESS_WITH_CALLBACK;/return FLT_PREOP_SYNCHRONIZE;/' "$1/ops.c"; }
# A good change: a comment.
touch_ops() { printf '\n/* reviewed */\n' >>"$1/ops.c"; }

# ------------------------------------------------------------- fltcheck --hook

r=$tmp/r1
make_repo "$r"
at "$r" fltcheck .
check "the full scan of the clean driver finds nothing and stores a run" eval 'rc_is 0 && test -s "$r/.fltcheck/fltcheck.db"'
break_ops "$r"
at "$r" fltcheck --hook --stats ops.c
check "--hook on the changed file: the finding, with the registration from the stored run" \
	eval 'rc_is 1 && out_has "ops.c:.*\[sync-non-irp\]" && out_has "registration.c:.*registered for IRP_MJ_READ"'
check "--hook re-parses only the changed file" eval 'out_has "2 translation units: 1 parsed, 1 from the cache"'
at "$r" fltcheck --hook --no-db ops.c
check "without the stored program the same file alone shows no read callback" \
	eval '! out_has "sync-non-irp"'
at "$r" fltcheck --hook registration.c
check "--hook shows only findings in the given files" eval 'rc_is 0 && ! out_has "ops.c:"'
at "$r" fltcheck --hook driver.h
check "--hook on a header checks the files that include it" eval 'rc_is 1 && out_has "ops.c:.*\[sync-non-irp\]"'
at "$r" fltcheck --hook README.md
check "--hook with no source file and no includer: exit 0" eval 'rc_is 0 && ! out_has "error"'
at "$r" fltcheck runs
check "--hook runs are not stored" eval 'rc_is 0 && [ "$(grep -c "^[0-9]" "$tmp/out")" -eq 1 ]'

# A note is advice: the hook shows it and lets it through unless --fail-on note.
rn=$tmp/rnote
make_repo "$rn"
sed -i 's/IRP_MJ_READ/IRP_MJ_CREATE/' "$rn/registration.c"
at "$rn" fltcheck .
sed -i 's/return FLT_PREOP_SUCCESS_WITH_CALLBACK;/return FLT_PREOP_SYNCHRONIZE;/' "$rn/ops.c"
at "$rn" fltcheck --hook ops.c
check "--hook shows a note and exits 0 (--fail-on warning is its default)" \
	eval 'rc_is 0 && out_has "ops.c:.*: note: .*\[sync-create\]"'
at "$rn" fltcheck --hook --fail-on note ops.c
check "--hook --fail-on note fails on it" eval 'rc_is 1 && out_has "\[sync-create\]"'
at "$rn" fltcheck ops.c registration.c
check "a scan still fails on the note by default" eval 'rc_is 1 && out_has "\[sync-create\]"'

# ------------------------------------------------------------- the plain git hook

r=$tmp/r2
make_repo "$r"
at "$r" fltcheck .
cp "$root/scripts/git-pre-commit" "$r/.git/hooks/pre-commit"
chmod +x "$r/.git/hooks/pre-commit"
break_ops "$r"
at "$r" git commit -q -am "bad change"
check "git hook: a staged bad change is refused with the finding shown" \
	eval '! rc_is 0 && out_has "ops.c:.*\[sync-non-irp\]" && [ "$(git -C "$r" rev-list --count HEAD)" -eq 1 ]'
git -C "$r" checkout -q -- ops.c
touch_ops "$r"
at "$r" git commit -q -am "good change"
check "git hook: a staged good change is accepted" \
	eval 'rc_is 0 && [ "$(git -C "$r" rev-list --count HEAD)" -eq 2 ]'

# ------------------------------------------------------------- the pre-commit framework

if command -v pre-commit >/dev/null 2>&1; then
	hooks=$tmp/hookrepo
	mkdir -p "$hooks"
	cp "$root/.pre-commit-hooks.yaml" "$hooks/"
	(cd "$hooks" && git init -q . && git add -A && git commit -q -m hooks)
	rev=$(git -C "$hooks" rev-parse HEAD)
	r=$tmp/r3
	make_repo "$r"
	cat >"$r/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: fltcheck
EOF
	(cd "$r" && git add .pre-commit-config.yaml && git commit -q -m config)
	at "$r" pre-commit install
	at "$r" fltcheck .
	break_ops "$r"
	at "$r" git commit -q -am "bad change"
	check "pre-commit framework: a staged bad change is refused with the finding shown" \
		eval '! rc_is 0 && out_has "ops.c:.*\[sync-non-irp\]" && [ "$(git -C "$r" rev-list --count HEAD)" -eq 2 ]'
	git -C "$r" checkout -q -- ops.c
	touch_ops "$r"
	at "$r" git commit -q -am "good change"
	check "pre-commit framework: a staged good change is accepted" \
		eval 'rc_is 0 && [ "$(git -C "$r" rev-list --count HEAD)" -eq 3 ]'
else
	last_cmd="command -v pre-commit"
	bad "the pre-commit framework is missing (scripts/install-deps.sh --test installs it)"
fi

harness_finish
