/*
 * wrong-status-enum: a callback returns a value that is not of its own
 * status enum. The enums overlap numerically, so the mistake is silent: a
 * post-op value 0 in a pre-op means SUCCESS_WITH_CALLBACK, and a pre-op
 * value 1 in a post-op means MORE_PROCESSING_REQUIRED (the I/O hangs).
 * Path-sensitive: a variable of another type (NTSTATUS, ULONG) that only
 * holds values of the right enum on the returning path is fine. Values the
 * engine cannot see (an external call's result) are not reported.
 */
#include "rule.h"

#include <stdio.h>

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (ev->kind != EV_RETURN || !ev->value || ev->value->top)
		return;
	bool pre = (ev->roles & ROLE_PREOP) && !(ev->roles & ROLE_POSTOP);
	bool post = (ev->roles & ROLE_POSTOP) && !(ev->roles & ROLE_PREOP);
	if (!pre && !post)
		return;
	enum vtag want = pre ? VT_PREOP : VT_POSTOP;
	for (unsigned i = 0; i < ev->value->n; i++) {
		const struct aval *a = &ev->value->a[i];
		if (a->tag == VT_SYM || a->tag == want)
			continue;
		char buf[128];
		aval_text(a, buf, sizeof(buf));
		const char *means = pre ? facts_preop_name(a->v) : facts_postop_name(a->v);
		char tail[160] = "";
		if (means)
			snprintf(tail, sizeof(tail), ", which Filter Manager reads as %s%s", means,
				 post && a->v == POSTOP_MORE_PROCESSING_REQUIRED ? ": the I/O hangs"
										 : "");
		rule_report(self, ev, "returned here",
			    "%s callback '%s' returns %s, not a %s value%s",
			    pre ? "pre-operation" : "post-operation", ev->fn_name, buf,
			    pre ? "FLT_PREOP_CALLBACK_STATUS" : "FLT_POSTOP_CALLBACK_STATUS", tail);
		return;
	}
}

const struct rule rule_wrong_status_enum = {
	.id = "wrong-status-enum",
	.title = "callback returns a value of the wrong type",
	.severity = SEV_ERROR,
	.milestone = "M1",
	.check = check,
};
