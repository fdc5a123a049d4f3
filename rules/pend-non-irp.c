/*
 * pend-non-irp: an operation pended (FLT_PREOP_PENDING, FltCbdqInsertIo,
 * FltQueueDeferredIoWorkItem) on a path where it may be fast I/O or an
 * FsFilter callback. Only IRP-based operations can be pended. Reported at
 * the queue call when the path made one, else at the return.
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (!(ev->roles & ROLE_PREOP) || !ev->path.kinds_known)
		return;
	unsigned bad = ev->path.kinds & (KIND_FASTIO | KIND_FSFILTER);
	if (!bad)
		return;
	char buf[64];
	facts_kinds_text(bad, buf, sizeof(buf));
	if (ev->kind == EV_CALL && ev->api &&
	    (ev->api->kind == API_QUEUE_DEFERRED || ev->api->kind == API_CBDQ_INSERT)) {
		rule_report_kind(
			self, ev, bad, "the operation is queued here",
			"%s called for an operation that may be %s: only IRP-based operations "
			"can be pended",
			ev->api->name, buf);
	} else if (rule_preop_return(ev) && rule_value_is_preop(ev, PREOP_PENDING) &&
		   !ev->path.pend_flagged) {
		rule_report_kind(self, ev, bad, "returning FLT_PREOP_PENDING",
				 "FLT_PREOP_PENDING returned for an operation that may be %s: only "
				 "IRP-based operations can be pended",
				 buf);
	}
}

const struct rule rule_pend_non_irp = {
	.id = "pend-non-irp",
	.title = "pending a possibly non-IRP operation",
	.severity = SEV_ERROR,
	.milestone = "M1",
	.check = check,
};
