/*
 * complete-pended-bad-status: FltCompletePendedPreOperation accepts only
 * FLT_PREOP_COMPLETE, FLT_PREOP_SUCCESS_NO_CALLBACK and
 * FLT_PREOP_SUCCESS_WITH_CALLBACK, and a non-NULL context only with
 * FLT_PREOP_SUCCESS_WITH_CALLBACK.
 */
#include "rule.h"

static bool definitely_nonnull(const struct vset *v)
{
	if (!v || v->top || !v->n)
		return false;
	for (unsigned i = 0; i < v->n; i++) {
		const struct aval *a = &v->a[i];
		if (a->tag == VT_SYM ? a->sym != SYM_ADDR : a->v == 0)
			return false;
	}
	return true;
}

static void check(const struct rule *self, const struct rule_event *ev)
{
	if (ev->kind != EV_CALL || !ev->api || ev->api->kind != API_COMPLETE_PRE || !ev->value ||
	    ev->value->top)
		return;
	static const int bad[] = { PREOP_PENDING, PREOP_SYNCHRONIZE, PREOP_DISALLOW_FASTIO,
				   PREOP_DISALLOW_FSFILTER_IO };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (vset_has_const(ev->value, VT_PREOP, bad[i])) {
			rule_report(self, ev, "completed here",
				    "FltCompletePendedPreOperation called with %s: only "
				    "FLT_PREOP_COMPLETE, FLT_PREOP_SUCCESS_NO_CALLBACK and "
				    "FLT_PREOP_SUCCESS_WITH_CALLBACK are allowed",
				    facts_preop_name(bad[i]));
			return;
		}
	}
	bool other = false;
	for (unsigned i = 0; i < ev->value->n; i++)
		other |= ev->value->a[i].tag != VT_SYM &&
			 ev->value->a[i].v != PREOP_SUCCESS_WITH_CALLBACK;
	if (other && definitely_nonnull(ev->context))
		rule_report(
			self, ev, "completed here",
			"FltCompletePendedPreOperation called with a non-NULL context and a status "
			"other than FLT_PREOP_SUCCESS_WITH_CALLBACK: no post-operation callback "
			"will receive it");
}

const struct rule rule_complete_pended_bad_status = {
	.id = "complete-pended-bad-status",
	.title = "FltCompletePendedPreOperation with a status it does not accept",
	.severity = SEV_ERROR,
	.milestone = "M1",
	.check = check,
};
