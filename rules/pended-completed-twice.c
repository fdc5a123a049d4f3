/*
 * pended-completed-twice: FltCompletePendedPreOperation called twice for
 * the same operation on one path. The second call completes an operation
 * Filter Manager may already have freed.
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (ev->kind != EV_CALL || !ev->api || ev->api->kind != API_COMPLETE_PRE ||
	    ev->path.completions < 2)
		return;
	rule_report(self, ev, "completed again here",
		    "FltCompletePendedPreOperation called a second time for the same operation");
}

const struct rule rule_pended_completed_twice = {
	.id = "pended-completed-twice",
	.title = "a pended operation completed twice",
	.severity = SEV_ERROR,
	.milestone = "M1",
	.check = check,
};
