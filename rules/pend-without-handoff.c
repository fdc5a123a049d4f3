/*
 * pend-without-handoff: FLT_PREOP_PENDING returned on a path where the
 * operation was not handed to anything that can complete it: no queue call,
 * a queue call that failed or whose result was ignored, or a work item
 * allocation that failed. The I/O then never completes. Passing the data to
 * code fltcheck cannot see counts as a hand-off (precision first).
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (!rule_preop_return(ev) || !rule_value_is_preop(ev, PREOP_PENDING))
		return;
	switch (ev->path.handoff) {
	case HANDOFF_OK:
	case HANDOFF_ESCAPED:
	case HANDOFF_STORED:
		return;
	case HANDOFF_NONE:
		rule_report(self, ev, "returning FLT_PREOP_PENDING",
			    "FLT_PREOP_PENDING returned but the operation was not handed to a work "
			    "item or queue on this path: it is never completed");
		return;
	case HANDOFF_UNCHECKED:
		rule_report(
			self, ev, "returning FLT_PREOP_PENDING",
			"FLT_PREOP_PENDING returned without checking whether %s succeeded: when it "
			"fails, the operation is never completed",
			ev->path.handoff_api ? ev->path.handoff_api : "the queue call");
		return;
	case HANDOFF_FAILED:
		rule_report(
			self, ev, "returning FLT_PREOP_PENDING",
			"FLT_PREOP_PENDING returned on a path where %s failed: the operation is "
			"never completed",
			ev->path.handoff_api ? ev->path.handoff_api : "the queue call");
		return;
	}
}

const struct rule rule_pend_without_handoff = {
	.id = "pend-without-handoff",
	.title = "FLT_PREOP_PENDING without a successful hand-off",
	.severity = SEV_ERROR,
	.milestone = "M1",
	.check = check,
};
