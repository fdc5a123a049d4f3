/*
 * sync-create: FLT_PREOP_SYNCHRONIZE for IRP_MJ_CREATE, which Filter Manager
 * already synchronizes (the post-create runs at PASSIVE_LEVEL in the
 * originating thread). Not reported when the post-create calls
 * FltReissueSynchronousIo, which requires the pre-op to synchronize.
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (!rule_preop_return(ev) || !rule_value_is_preop(ev, PREOP_SYNCHRONIZE) ||
	    !ev->path.kinds_known || majorset_is_all(ev->path.majors) ||
	    !majorset_has(ev->path.majors, MJ_CREATE) || rule_create_postop_reissues(ev))
		return;
	rule_report(self, ev, "returning FLT_PREOP_SYNCHRONIZE",
		    "FLT_PREOP_SYNCHRONIZE returned for IRP_MJ_CREATE, which Filter Manager "
		    "already synchronizes: return FLT_PREOP_SUCCESS_WITH_CALLBACK instead");
}

const struct rule rule_sync_create = {
	.id = "sync-create",
	.title = "FLT_PREOP_SYNCHRONIZE for IRP_MJ_CREATE",
	.severity = SEV_NOTE,
	.milestone = "M1",
	.check = check,
};
