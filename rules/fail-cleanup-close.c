/*
 * fail-cleanup-close: IRP_MJ_CLEANUP and IRP_MJ_CLOSE must never fail; a
 * filter that completes them does so with a success status. Completing one
 * with an error leaks handles and file objects.
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	bool at_return = rule_preop_return(ev) && rule_value_is_preop(ev, PREOP_COMPLETE);
	bool at_call = ev->kind == EV_CALL && ev->api && ev->api->kind == API_COMPLETE_PRE &&
		       vset_has_const(ev->value, VT_PREOP, PREOP_COMPLETE);
	if ((!at_return && !at_call) || majorset_is_all(ev->path.majors) ||
	    !rule_status_may_fail(ev))
		return;
	const char *mj = majorset_has(ev->path.majors, MJ_CLEANUP) ? "IRP_MJ_CLEANUP"
			 : majorset_has(ev->path.majors, MJ_CLOSE) ? "IRP_MJ_CLOSE"
								   : NULL;
	if (!mj)
		return;
	rule_report(self, ev, at_return ? "returning FLT_PREOP_COMPLETE" : "completing here",
		    "%s is completed with a failure status: cleanup and close must never fail", mj);
}

const struct rule rule_fail_cleanup_close = {
	.id = "fail-cleanup-close",
	.title = "IRP_MJ_CLEANUP or IRP_MJ_CLOSE failed",
	.severity = SEV_ERROR,
	.milestone = "M1",
	.check = check,
};
