/*
 * The findings' cache form: findings_serialize and findings_deserialize give
 * back equal findings, and a damaged text changes nothing. findings_add
 * refuses a second finding of a rule at one place, also after sorting and
 * after findings were dropped.
 */
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "rule.h"
#include "unit.h"

/* Two findings of real rules, one with steps and a related location, odd text. */
static void make_set(struct findings *fs)
{
	const struct rule *a = rule_table[0], *b = rule_table[1];
	struct finding *f = findings_add(fs, a, (struct ir_loc){ "src/é a.c", 12, 3 }, "PreRead",
					 "says \"no\"\n\ttab </script>");
	memcpy(f->fingerprint, "0123456789abcdef", 17);
	finding_add_step(f, (struct ir_loc){ "src/é a.c", 10, 5 }, "assuming 'x' is true");
	finding_add_step(f, (struct ir_loc){ "inc/h.h", 2, 1 }, "returned here");
	f->related_file = strdup("src/reg.c");
	f->related_line = 7;
	f->related_col = 2;
	f->related_msg = strdup("registered for IRP_MJ_READ");
	f = findings_add(fs, b, (struct ir_loc){ "/abs/b.c", 1, 1 }, "", "");
	memcpy(f->fingerprint, "fedcba9876543210", 17);
}

static void same(const struct findings *x, const struct findings *y)
{
	CHECK_EQ_INT(x->n, y->n);
	for (unsigned i = 0; i < x->n && i < y->n; i++) {
		const struct finding *a = &x->v[i], *b = &y->v[i];
		CHECK(a->rule == b->rule);
		CHECK_EQ_STR(a->file, b->file);
		CHECK_EQ_INT(a->line, b->line);
		CHECK_EQ_INT(a->col, b->col);
		CHECK_EQ_STR(a->function, b->function);
		CHECK_EQ_STR(a->message, b->message);
		CHECK_EQ_STR(a->fingerprint, b->fingerprint);
		CHECK_EQ_INT(a->nsteps, b->nsteps);
		for (unsigned j = 0; j < a->nsteps && j < b->nsteps; j++) {
			CHECK_EQ_STR(a->steps[j].file, b->steps[j].file);
			CHECK_EQ_INT(a->steps[j].line, b->steps[j].line);
			CHECK_EQ_INT(a->steps[j].col, b->steps[j].col);
			CHECK_EQ_STR(a->steps[j].msg, b->steps[j].msg);
		}
		CHECK_EQ_INT(!a->related_file, !b->related_file);
		if (a->related_file && b->related_file) {
			CHECK_EQ_STR(a->related_file, b->related_file);
			CHECK_EQ_INT(a->related_line, b->related_line);
			CHECK_EQ_INT(a->related_col, b->related_col);
			CHECK_EQ_STR(a->related_msg, b->related_msg);
		}
	}
}

static void test_finding__cache_form_round_trip(void)
{
	struct findings fs = { 0 }, back = { 0 };
	make_set(&fs);
	char *text = findings_serialize(&fs);
	CHECK_EQ_INT(findings_deserialize(text, &back), 0);
	same(&fs, &back);
	char *again = findings_serialize(&back);
	CHECK_EQ_STR(again, text);
	free(again);
	free(text);
	findings_free(&back);
	findings_free(&fs);

	struct findings none = { 0 };
	text = findings_serialize(&none);
	CHECK_EQ_STR(text, "[]");
	CHECK_EQ_INT(findings_deserialize(text, &back), 0);
	CHECK_EQ_INT(back.n, 0);
	free(text);
	findings_free(&back);
}

static void test_finding__damaged_cache_form_refused(void)
{
	struct findings fs = { 0 }, back = { 0 };
	make_set(&fs);
	char *text = findings_serialize(&fs);
	static const char *const bad[] = {
		"", "{}", "[1]", "[{\"r\":\"no-such-rule\"}]", "not json",
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ_INT(findings_deserialize(bad[i], &back), -1);
		CHECK_EQ_INT(back.n, 0);
	}
	/* Every truncation of a good text is refused and adds nothing. */
	size_t len = strlen(text);
	for (size_t cut = 0; cut < len; cut++) {
		char *t = strndup(text, cut);
		CHECK_EQ_INT(findings_deserialize(t, &back), -1);
		CHECK_EQ_INT(back.n, 0);
		free(t);
	}
	/* A good first finding and a damaged second one: nothing is kept. */
	char *mixed = strdup(text);
	char *second = strstr(mixed, "},{");
	CHECK(second != NULL);
	if (second)
		memcpy(second + 3, "\"x\"", 3);
	CHECK_EQ_INT(findings_deserialize(mixed, &back), -1);
	CHECK_EQ_INT(back.n, 0);
	free(mixed);
	free(text);
	findings_free(&back);
	findings_free(&fs);
}

static void test_finding__one_per_rule_and_place(void)
{
	struct findings fs = { 0 };
	const struct rule *a = rule_table[0], *b = rule_table[1];
	struct ir_loc l1 = { "x.c", 5, 2 }, l2 = { "x.c", 5, 3 }, l3 = { "y.c", 5, 2 };
	CHECK(findings_add(&fs, a, l1, "F", "m") != NULL);
	CHECK(findings_add(&fs, a, l1, "G", "other message") == NULL);
	CHECK(findings_add(&fs, b, l1, "F", "m") != NULL); /* another rule */
	CHECK(findings_add(&fs, a, l2, "F", "m") != NULL); /* another column */
	CHECK(findings_add(&fs, a, l3, "F", "m") != NULL); /* another file */
	CHECK(findings_add(&fs, a, (struct ir_loc){ NULL, 5, 2 }, "F", "m") != NULL);
	CHECK(findings_add(&fs, a, (struct ir_loc){ "", 5, 2 }, "F", "m") == NULL);
	CHECK_EQ_INT(fs.n, 5);
	findings_sort(&fs);
	CHECK(findings_add(&fs, a, l3, "F", "m") == NULL);
	CHECK_EQ_INT(fs.n, 5);

	/* take the y.c finding out as suppress_apply does: it can come back */
	struct findings out = { 0 };
	out.v = calloc(fs.n, sizeof(*out.v));
	unsigned kept = 0;
	for (unsigned i = 0; i < fs.n; i++) {
		if (strcmp(fs.v[i].file, "y.c") == 0)
			out.v[out.n++] = fs.v[i];
		else
			fs.v[kept++] = fs.v[i];
	}
	fs.n = kept;
	findings_dropped(&fs);
	findings_free(&out);
	CHECK_EQ_INT(fs.n, 4);
	CHECK(findings_add(&fs, a, l3, "F", "m") != NULL);
	CHECK(findings_add(&fs, a, l1, "F", "m") == NULL);
	CHECK_EQ_INT(fs.n, 5);

	/* many places: each once */
	unsigned added = 0;
	for (unsigned round = 0; round < 2; round++)
		for (unsigned i = 0; i < 20000; i++)
			added += findings_add(&fs, b, (struct ir_loc){ "z.c", i + 1, 1 }, "F",
					      "m") != NULL;
	CHECK_EQ_INT(added, 20000);
	findings_free(&fs);
	CHECK(fs.places == NULL);
}

void unit_main(void)
{
	UNIT_RUN(test_finding__one_per_rule_and_place);
	UNIT_RUN(test_finding__cache_form_round_trip);
	UNIT_RUN(test_finding__damaged_cache_form_refused);
}
