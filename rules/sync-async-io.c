/*
 * sync-async-io: FLT_PREOP_SYNCHRONIZE for IRP_MJ_READ or IRP_MJ_WRITE on a
 * path that has not established FltIsOperationSynchronous(Data). Holding an
 * asynchronous read or write (the modified page writer's paging writes
 * above all) until the post-op can deadlock and slows the system.
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (!rule_preop_return(ev) || !rule_value_is_preop(ev, PREOP_SYNCHRONIZE) ||
	    !ev->path.kinds_known || ev->path.sync_established || !(ev->path.kinds & KIND_IRP))
		return;
	const char *mj = majorset_has(ev->path.majors, MJ_READ)    ? "IRP_MJ_READ"
			 : majorset_has(ev->path.majors, MJ_WRITE) ? "IRP_MJ_WRITE"
								   : NULL;
	if (!mj || majorset_is_all(ev->path.majors))
		return;
	rule_report(self, ev, "returning FLT_PREOP_SYNCHRONIZE",
		    "FLT_PREOP_SYNCHRONIZE returned for %s without checking "
		    "FltIsOperationSynchronous(Data): an asynchronous read or write must not be "
		    "synchronized",
		    mj);
}

const struct rule rule_sync_async_io = {
	.id = "sync-async-io",
	.title = "FLT_PREOP_SYNCHRONIZE for a possibly asynchronous read or write",
	.severity = SEV_WARNING,
	.milestone = "M1",
	.check = check,
};
