/*
 * missing-postop: SUCCESS_WITH_CALLBACK or SYNCHRONIZE returned (or
 * SUCCESS_WITH_CALLBACK passed to FltCompletePendedPreOperation) for a major
 * function whose registration entry has no post-operation callback.
 */
#include "rule.h"

#include <stdio.h>

static void check(const struct rule *self, const struct rule_event *ev)
{
	long long status;
	const char *what;
	if (rule_preop_return(ev) && rule_value_is_preop(ev, PREOP_SUCCESS_WITH_CALLBACK)) {
		status = PREOP_SUCCESS_WITH_CALLBACK;
		what = "returned here";
	} else if (rule_preop_return(ev) && rule_value_is_preop(ev, PREOP_SYNCHRONIZE)) {
		status = PREOP_SYNCHRONIZE;
		what = "returned here";
	} else if (ev->kind == EV_CALL && ev->api && ev->api->kind == API_COMPLETE_PRE &&
		   vset_has_const(ev->value, VT_PREOP, PREOP_SUCCESS_WITH_CALLBACK)) {
		status = PREOP_SUCCESS_WITH_CALLBACK;
		what = "completed here";
	} else {
		return;
	}
	for (unsigned mj = 0; mj < 256; mj++) {
		struct ir_loc where;
		if (!majorset_has(ev->path.majors, mj) || !rule_entry_lacks_postop(ev, mj, &where))
			continue;
		const char *name = facts_major_name(mj);
		char buf[32];
		if (!name) {
			snprintf(buf, sizeof(buf), "major 0x%02X", mj);
			name = buf;
		}
		rule_report_related(self, ev, &where,
				    "the registration entry has no post-operation callback", what,
				    "%s used for %s, whose registration entry has no "
				    "post-operation callback",
				    facts_preop_name(status), name);
		return;
	}
}

const struct rule rule_missing_postop = {
	.id = "missing-postop",
	.title = "a post-op is requested but none is registered",
	.severity = SEV_ERROR,
	.milestone = "M1",
	.check = check,
};
