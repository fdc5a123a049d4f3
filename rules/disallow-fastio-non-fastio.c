/*
 * disallow-fastio-non-fastio: FLT_PREOP_DISALLOW_FASTIO on a path where the
 * operation cannot be fast I/O. It is meaningless there and usually means a
 * missing FLT_IS_FASTIO_OPERATION test or the wrong status.
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (!rule_preop_return(ev) || !rule_value_is_preop(ev, PREOP_DISALLOW_FASTIO) ||
	    !ev->path.kinds_known || (ev->path.kinds & KIND_FASTIO))
		return;
	char buf[64];
	rule_report(self, ev, "returning FLT_PREOP_DISALLOW_FASTIO",
		    "FLT_PREOP_DISALLOW_FASTIO returned for an operation that cannot be fast I/O "
		    "(it is %s on this path)",
		    facts_kinds_text(ev->path.kinds, buf, sizeof(buf)));
}

const struct rule rule_disallow_fastio_non_fastio = {
	.id = "disallow-fastio-non-fastio",
	.title = "FLT_PREOP_DISALLOW_FASTIO for an operation that is not fast I/O",
	.severity = SEV_WARNING,
	.milestone = "M1",
	.check = check,
};
