/*
 * The rule table, expanded from rules/rules.def, and the lookups the CLI
 * needs: by id, documentation (compiled in from rules/<id>.md).
 */
#include <stddef.h>
#include <string.h>

#include "rule.h"

#define RULE(name) extern const struct rule rule_##name;
#include "../rules/rules.def"
#undef RULE

const struct rule *const rule_table[] = {
#define RULE(name) &rule_##name,
#include "../rules/rules.def"
#undef RULE
	NULL,
};

struct rule_doc {
	const char *id;
	const char *text;
};
extern const struct rule_doc rule_docs[];

const struct rule *rule_find(const char *id)
{
	for (unsigned i = 0; rule_table[i]; i++)
		if (strcmp(rule_table[i]->id, id) == 0)
			return rule_table[i];
	return NULL;
}

const char *rule_doc(const char *id)
{
	for (unsigned i = 0; rule_docs[i].id; i++)
		if (strcmp(rule_docs[i].id, id) == 0)
			return rule_docs[i].text;
	return NULL;
}

const char *rule_severity_name(enum rule_severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

bool rule_status_may_fail(const struct rule_event *ev)
{
	const struct vset *v = ev->path.iostatus_values;
	if (ev->path.iostatus != IOS_SET || !v || v->top)
		return false;
	for (unsigned i = 0; i < v->n; i++)
		if (v->a[i].tag != VT_SYM && (int32_t)v->a[i].v < 0)
			return true;
	return false;
}
