/*
 * pended-never-completed: a pended operation can end without
 * FltCompletePendedPreOperation. Either a path of a work routine (or of any
 * function that owns a pended Data: a cancel callback, a function that took
 * it off a cancel-safe queue) ends without completing it or passing it on,
 * or a pre-op returns FLT_PREOP_PENDING after queuing or storing the
 * operation while no function of the program ever calls
 * FltCompletePendedPreOperation. Data passed to a function outside the
 * program may be completed there, so that case is not reported.
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (ev->kind == EV_PATH_END && ev->path.owns_pended) {
		rule_report(self, ev, "the path ends here",
			    "this path of '%s' ends without completing %s with "
			    "FltCompletePendedPreOperation: the I/O hangs",
			    ev->fn_name, ev->path.owned_what);
		return;
	}
	if (!rule_preop_return(ev) || !rule_value_is_preop(ev, PREOP_PENDING) ||
	    ev->path.program_completes)
		return;
	if (ev->path.handoff == HANDOFF_OK && ev->path.handoff_api)
		rule_report(self, ev, "returning FLT_PREOP_PENDING",
			    "the operation is pended through %s, but no function of the program "
			    "calls FltCompletePendedPreOperation: it is never completed",
			    ev->path.handoff_api);
	else if (ev->path.handoff == HANDOFF_STORED)
		rule_report(self, ev, "returning FLT_PREOP_PENDING",
			    "the operation is pended and stored for later, but no function of the "
			    "program calls FltCompletePendedPreOperation: it is never completed");
}

const struct rule rule_pended_never_completed = {
	.id = "pended-never-completed",
	.title = "a pended operation is never completed",
	.severity = SEV_ERROR,
	.milestone = "M1",
	.check = check,
};
