/*
 * completion-context-leak: *CompletionContext holds a non-NULL value on a
 * path that returns anything but SUCCESS_WITH_CALLBACK or SYNCHRONIZE. No
 * post-op will see it, so whatever it points to leaks (and Filter Manager
 * requires NULL there).
 */
#include "rule.h"

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (!rule_preop_return(ev) || !ev->path.ctx_nonnull || !ev->value || ev->value->top)
		return;
	for (unsigned i = 0; i < ev->value->n; i++) {
		const struct aval *a = &ev->value->a[i];
		if (a->tag != VT_PREOP || a->v == PREOP_SUCCESS_WITH_CALLBACK ||
		    a->v == PREOP_SYNCHRONIZE)
			continue;
		rule_report(self, ev, "returned here",
			    "*CompletionContext is non-NULL but %s is returned: no post-operation "
			    "callback will receive or free it",
			    facts_preop_name(a->v));
		return;
	}
}

const struct rule rule_completion_context_leak = {
	.id = "completion-context-leak",
	.title = "completion context set but no post-op will run",
	.severity = SEV_ERROR,
	.milestone = "M1",
	.check = check,
};
