/*
 * Unit tests for arena.c's containers: the string map (adding, finding,
 * growing past many rehashes, freeing values) and the pointer vector.
 */
#include "arena.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

static unsigned freed;

static void count_free(void *p)
{
	freed++;
	free(p);
}

static void test_arena__strmap(void)
{
	struct strmap m = { 0 };
	bool added = false;
	void **slot = strmap_slot(&m, "a.c", &added);
	CHECK(added);
	CHECK(*slot == NULL);
	*slot = xstrdup("first");
	slot = strmap_slot(&m, "a.c", &added);
	CHECK(!added);
	CHECK_EQ_STR(*slot, "first");
	/* the empty key is a key */
	slot = strmap_slot(&m, "", &added);
	CHECK(added);
	*slot = xstrdup("empty");
	CHECK_EQ_INT(m.n, 2);

	/* many keys: every one found again with its own value after the rehashes */
	enum { N = 5000 };
	char key[32];
	for (unsigned i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "dir/file_%u.c", i);
		slot = strmap_slot(&m, key, NULL);
		*slot = xfmt("%u", i);
	}
	CHECK_EQ_INT(m.n, N + 2);
	CHECK(m.cap >= 2 * m.n);
	unsigned wrong = 0;
	for (unsigned i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "dir/file_%u.c", i);
		slot = strmap_slot(&m, key, &added);
		char want[16];
		snprintf(want, sizeof(want), "%u", i);
		wrong += added || strcmp(*slot, want) != 0;
	}
	CHECK_EQ_INT(wrong, 0);
	CHECK_EQ_STR(*strmap_slot(&m, "a.c", NULL), "first");

	/* iteration sees each key once */
	unsigned seen = 0;
	for (unsigned i = 0; i < m.cap; i++)
		seen += m.v[i].key != NULL;
	CHECK_EQ_INT(seen, N + 2);

	freed = 0;
	strmap_free(&m, count_free);
	CHECK_EQ_INT(freed, N + 2);
	CHECK_EQ_INT(m.n, 0);
	CHECK(m.v == NULL);

	/* reusable after strmap_free; NULL values and no free_val */
	slot = strmap_slot(&m, "x", &added);
	CHECK(added);
	strmap_free(&m, NULL);
}

static void test_arena__strhash(void)
{
	/* FNV-1a 64 of the empty string and of "a": the published values */
	CHECK(strhash64("") == 0xcbf29ce484222325ull);
	CHECK(strhash64("a") == 0xaf63dc4c8601ec8cull);
	CHECK(strhash64("ab") != strhash64("ba"));
}

static void test_arena__ptrvec(void)
{
	struct ptrvec v = { 0 };
	int x[100];
	for (int i = 0; i < 100; i++)
		ptrvec_push(&v, &x[i]);
	CHECK_EQ_INT(v.n, 100);
	CHECK(v.v[0] == &x[0] && v.v[99] == &x[99]);
	ptrvec_free(&v);
	CHECK_EQ_INT(v.n, 0);
}

void unit_main(void)
{
	UNIT_RUN(test_arena__strmap);
	UNIT_RUN(test_arena__strhash);
	UNIT_RUN(test_arena__ptrvec);
}
