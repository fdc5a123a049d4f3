#!/usr/bin/env bash
# The per-root result cache: a callback or work routine is analyzed again
# exactly when something its analysis reads has changed, even when that is
# in another file (a helper it calls, the registration table that names it,
# the pre-op that queues it), and its stored result is used otherwise. After
# every edit, the scan with the database must print what a scan without it
# prints.
#
#   bash tests/rootcache.sh <fltcheck-binary> <source-root>
#
# Ends with "N passed, N failed" and exits non-zero on any failure.
set -u

. "$(dirname "$0")/lib/harness.sh"
harness_init rootcache "$@"

# roots A C: the last run analyzed A callbacks and routines and took C from the cache.
roots() { grep -q "callbacks and work routines: $1 analyzed, $2 from the cache" "$tmp/err"; }
units() { grep -q "translation units\?: $1 parsed, $2 from the cache" "$tmp/err"; }
db=$tmp/roots.db

# same_as_nodb: the last scan printed what a scan without the database prints.
same_as_nodb() {
	cp "$tmp/out" "$tmp/with-db.txt"
	cp "$tmp/err" "$tmp/with-db.err"
	timeout 120 "$bin" --no-db -q drv >"$tmp/nodb.txt" 2>/dev/null
	cmp -s "$tmp/with-db.txt" "$tmp/nodb.txt"
}
scan() {
	run --stats --db "$db" -q drv
}

mkdir -p drv
cat >drv/drv.h <<'EOF'
#pragma once
#include <fltKernel.h>
FLT_PREOP_CALLBACK_STATUS Decide(PFLT_CALLBACK_DATA Data);
VOID GenericWorker(PFLT_GENERIC_WORKITEM WorkItem, PVOID FltObject, PVOID Context);
FLT_PREOP_CALLBACK_STATUS FLTAPI PreRead(PFLT_CALLBACK_DATA Data,
					 PCFLT_RELATED_OBJECTS FltObjects,
					 PVOID *CompletionContext);
FLT_PREOP_CALLBACK_STATUS FLTAPI PreFsCtl(PFLT_CALLBACK_DATA Data,
					  PCFLT_RELATED_OBJECTS FltObjects,
					  PVOID *CompletionContext);
EOF
# The helper that decides what PreRead returns.
cat >drv/helper.c <<'EOF'
#include "drv.h"

FLT_PREOP_CALLBACK_STATUS
Decide(PFLT_CALLBACK_DATA Data)
{
	if (Data->Iopb->Parameters.Read.Length == 0) {
		return FLT_PREOP_COMPLETE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}
EOF
cat >drv/ops.c <<'EOF'
#include "drv.h"

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	return Decide(Data);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreFsCtl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	PFLT_GENERIC_WORKITEM wi = FltAllocateGenericWorkItem();

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueGenericWorkItem(wi, FltObjects->Instance, GenericWorker,
						DelayedWorkQueue, Data))) {
		FltFreeGenericWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}
EOF
# The routine that PreFsCtl queues: it forgets the pended operation when unloading.
cat >drv/work.c <<'EOF'
#include "drv.h"

static volatile LONG Unloading;

VOID
GenericWorker(PFLT_GENERIC_WORKITEM WorkItem, PVOID FltObject, PVOID Context)
{
	PFLT_CALLBACK_DATA data = (PFLT_CALLBACK_DATA)Context;

	if (Unloading) {
		FltFreeGenericWorkItem(WorkItem);
		return;
	}
	FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	FltFreeGenericWorkItem(WorkItem);
}
EOF
cat >drv/reg.c <<'EOF'
#include "drv.h"

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, NULL },
	{ IRP_MJ_FILE_SYSTEM_CONTROL, 0, PreFsCtl, NULL },
	{ IRP_MJ_OPERATION_END }
};
EOF

scan
check "the first scan analyzes the three roots" eval 'roots 3 0 && units 4 0'
check "  and prints what a scan without the database prints" same_as_nodb
check "  the routine's pended operation is reported (in work.c)" \
	grep -q "work.c:.*pended-never-completed" "$tmp/with-db.txt"
check "  PreRead completes without a status (the helper's path)" \
	grep -q "ops.c:.*complete-without-status" "$tmp/with-db.txt"

scan
check "a re-scan with nothing changed takes the whole program's result" \
	eval 'units 0 4 && grep -q "the program.s findings from the cache" "$tmp/err"'

# A comment at the end of a file moves nothing: every root is taken from the cache.
echo "/* note */" >>drv/ops.c
scan
check "a comment appended to ops.c: ops.c parsed, every root from the cache" \
	eval 'units 1 3 && roots 0 3'
check "  and the same findings" same_as_nodb

# The helper in another file changes what PreRead returns.
sed -i 's/return FLT_PREOP_COMPLETE;/Data->IoStatus.Status = STATUS_INVALID_PARAMETER;\n\t\treturn FLT_PREOP_COMPLETE;/' drv/helper.c
scan
check "a helper in helper.c changes: only PreRead (which calls it) is analyzed again" \
	eval 'units 1 3 && roots 1 2'
check "  and its finding is gone, as without the database" \
	eval 'same_as_nodb && ! grep -q "complete-without-status" "$tmp/with-db.txt"'

# The registration table in reg.c changes the majors PreRead gets.
sed -i 's/IRP_MJ_READ, 0, PreRead/IRP_MJ_CREATE, 0, PreRead/' drv/reg.c
scan
check "the table in reg.c changes PreRead's major: PreRead is analyzed again" \
	eval 'units 1 3 && roots 1 2'
check "  and the output is what a scan without the database prints" same_as_nodb

# The pre-op in ops.c stops pending: the routine in the unchanged work.c
# no longer owns a pended operation, so its finding must go.
sed -i 's/return FLT_PREOP_PENDING;/return FLT_PREOP_SUCCESS_NO_CALLBACK;/' drv/ops.c
scan
check "PreFsCtl no longer pends: PreFsCtl and the routine it queues are analyzed again" \
	eval 'units 1 3 && roots 2 1'
check "  the routine's finding is gone, as without the database" \
	eval 'same_as_nodb && ! grep -q "pended-never-completed" "$tmp/with-db.txt"'

# And back: the stored results of the first version are used again.
python3 - drv/ops.c <<'EOF'
import sys
p = sys.argv[1]
s = open(p).read()
i = s.rindex("return FLT_PREOP_SUCCESS_NO_CALLBACK;")
open(p, "w").write(s[:i] + "return FLT_PREOP_PENDING;" + s[i + len("return FLT_PREOP_SUCCESS_NO_CALLBACK;"):])
EOF
scan
check "PreFsCtl pends again: both results come from the cache" eval 'units 1 3 && roots 0 3'
check "  and the routine's finding is back, as without the database" \
	eval 'same_as_nodb && grep -q "pended-never-completed" "$tmp/with-db.txt"'

# Lines inserted at the top of helper.c move Decide: PreRead's result (whose
# steps pass through Decide) is computed again, the others are not.
sed -i '1i /* a new first line */' drv/helper.c
scan
check "lines inserted above the helper: only PreRead is analyzed again" \
	eval 'units 1 3 && roots 1 2 && same_as_nodb'

# A different rule set is a different key.
run --stats --db "$db" -q --rules pended-never-completed drv
check "another rule set analyzes every root" roots 3 0

# --no-cache analyzes everything again, and the output does not change.
run --stats --db "$db" -q --no-cache drv
check "--no-cache analyzes every root" eval 'roots 3 0 && same_as_nodb'

# A damaged stored result is not trusted: the root is analyzed again.
sqlite3 "$db" "UPDATE root_results SET result = 'garbage'" 2>/dev/null
echo "/* again */" >>drv/work.c
scan
check "garbage in the stored results: every root analyzed again, same output" \
	eval 'roots 3 0 && same_as_nodb'

# -j 1 and -j 4 agree with a warm cache too.
echo "/* j */" >>drv/reg.c
run --db "$db" -q -j 1 drv
cp "$tmp/out" "$tmp/j1.txt"
echo "/* j2 */" >>drv/reg.c
run --db "$db" -q -j 4 drv
check "-j 1 and -j 4 print the same with the root cache" cmp -s "$tmp/out" "$tmp/j1.txt"

harness_finish
