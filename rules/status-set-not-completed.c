/*
 * status-set-not-completed: Data->IoStatus.Status set on a path that then
 * passes the operation on (SUCCESS_WITH_CALLBACK, SUCCESS_NO_CALLBACK,
 * SYNCHRONIZE, DISALLOW_FASTIO): the status is silently dropped, usually a
 * deny that does not deny.
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (!rule_preop_return(ev) || ev->path.iostatus != IOS_SET)
		return;
	static const int pass[] = { PREOP_SUCCESS_WITH_CALLBACK, PREOP_SUCCESS_NO_CALLBACK,
				    PREOP_SYNCHRONIZE, PREOP_DISALLOW_FASTIO };
	for (unsigned i = 0; i < sizeof(pass) / sizeof(pass[0]); i++) {
		if (rule_value_is_preop(ev, pass[i])) {
			rule_report(
				self, ev, "returned here",
				"Data->IoStatus.Status is set but the operation is passed on with "
				"%s: the status is ignored (complete the operation with "
				"FLT_PREOP_COMPLETE to use it)",
				facts_preop_name(pass[i]));
			return;
		}
	}
}

const struct rule rule_status_set_not_completed = {
	.id = "status-set-not-completed",
	.title = "IoStatus set on a path that does not complete the operation",
	.severity = SEV_WARNING,
	.milestone = "M1",
	.check = check,
};
