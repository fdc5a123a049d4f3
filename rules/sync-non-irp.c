/*
 * sync-non-irp: FLT_PREOP_SYNCHRONIZE returned where the operation may be
 * fast I/O or an FsFilter callback. Filter Manager treats it as
 * SUCCESS_WITH_CALLBACK there, so the post-op is not synchronized.
 * FltIsOperationSynchronous does not help: it is TRUE for every non-IRP
 * operation. Known limits: callbacks that no registration table names are
 * checked only where a guard tells the kind.
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (!rule_preop_return(ev) || !rule_value_is_preop(ev, PREOP_SYNCHRONIZE) ||
	    !ev->path.kinds_known)
		return;
	unsigned bad = ev->path.kinds & (KIND_FASTIO | KIND_FSFILTER);
	if (!bad)
		return;
	char buf[64];
	rule_report_kind(
		self, ev, bad, "returning FLT_PREOP_SYNCHRONIZE",
		"FLT_PREOP_SYNCHRONIZE returned for an operation that may be %s: it is "
		"treated as FLT_PREOP_SUCCESS_WITH_CALLBACK and the post-operation callback is "
		"not synchronized",
		facts_kinds_text(bad, buf, sizeof(buf)));
}

const struct rule rule_sync_non_irp = {
	.id = "sync-non-irp",
	.title = "FLT_PREOP_SYNCHRONIZE for a possibly non-IRP operation",
	.severity = SEV_WARNING,
	.milestone = "M1",
	.check = check,
};
