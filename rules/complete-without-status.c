/*
 * complete-without-status: FLT_PREOP_COMPLETE (returned, or passed to
 * FltCompletePendedPreOperation) on a path where Data->IoStatus.Status was
 * not set, or was set to STATUS_PENDING. The caller then sees whatever the
 * field held. Code fltcheck cannot see that receives the data may have set
 * the status, so such paths are not reported.
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	bool at_return = rule_preop_return(ev) && rule_value_is_preop(ev, PREOP_COMPLETE);
	bool at_call = ev->kind == EV_CALL && ev->api && ev->api->kind == API_COMPLETE_PRE &&
		       vset_has_const(ev->value, VT_PREOP, PREOP_COMPLETE);
	if (!at_return && !at_call)
		return;
	const char *what = at_return ? "returning FLT_PREOP_COMPLETE" : "completing here";
	if (ev->path.iostatus == IOS_UNSET)
		rule_report(self, ev, what,
			    "the operation is completed with FLT_PREOP_COMPLETE but "
			    "Data->IoStatus.Status is not set on this path");
	else if (ev->path.iostatus == IOS_SET &&
		 (vset_has_const(ev->path.iostatus_values, VT_NTSTATUS, STATUS_PENDING_VALUE) ||
		  vset_has_const(ev->path.iostatus_values, VT_NUM, STATUS_PENDING_VALUE)))
		rule_report(self, ev, what,
			    "the operation is completed with FLT_PREOP_COMPLETE and "
			    "Data->IoStatus.Status set to STATUS_PENDING");
}

const struct rule rule_complete_without_status = {
	.id = "complete-without-status",
	.title = "FLT_PREOP_COMPLETE without a final status",
	.severity = SEV_ERROR,
	.milestone = "M1",
	.check = check,
};
