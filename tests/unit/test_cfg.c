/*
 * Unit tests of CFG construction. The IR is built by hand here so that the
 * tests do not depend on the frontend: each case builds a function body,
 * runs cfg_build and checks the dump (one line per node: id, kind, line,
 * successors with edge labels).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "unit.h"

static struct arena A;

static struct ir_node *node(enum ir_kind k, unsigned line, unsigned n, ...)
{
	struct ir_node *x = arena_alloc(&A, sizeof(*x));
	x->kind = k;
	x->loc.file = "t.c";
	x->loc.line = line;
	x->loc.col = 1;
	x->nkids = n;
	x->kids = arena_alloc(&A, (n + 1) * sizeof(*x->kids));
	va_list ap;
	va_start(ap, n);
	for (unsigned i = 0; i < n; i++)
		x->kids[i] = va_arg(ap, struct ir_node *);
	va_end(ap);
	return x;
}

static struct ir_node *var(unsigned line)
{
	struct ir_node *x = node(IR_DECLREF, line, 0);
	x->ref_kind = IR_REF_LOCAL;
	x->name = "x";
	return x;
}

static struct ir_node *call(unsigned line)
{
	struct ir_node *callee = node(IR_DECLREF, line, 0);
	callee->ref_kind = IR_REF_FUNCTION;
	callee->name = callee->link = "f";
	struct ir_node *c = node(IR_CALL, line, 1, callee);
	c->name = c->link = "f";
	return c;
}

static struct ir_node *ret(unsigned line)
{
	return node(IR_RETURN, line, 1, (struct ir_node *)NULL);
}

static struct ir_node *label(unsigned line, const char *name, struct ir_node *sub)
{
	struct ir_node *l = node(IR_LABEL, line, 1, sub);
	l->name = name;
	return l;
}

static struct ir_node *case_(unsigned line, long long v, struct ir_node *sub)
{
	struct ir_node *c = node(IR_CASE, line, 1, sub);
	c->ival = v;
	c->flags = IR_F_CONST;
	return c;
}

static char *dump(struct ir_node *body)
{
	struct ir_func f = { 0 };
	f.name = f.link = "fn";
	f.loc.file = f.end_loc.file = "t.c";
	f.loc.line = 1;
	f.end_loc.line = 99;
	f.body = body;
	struct cfg *g = cfg_build(&A, &f);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	cfg_dump(m, g);
	fclose(m);
	return buf;
}

/* Counts lines of the dump that contain s. */
static int count(const char *d, const char *s)
{
	int n = 0;
	for (const char *p = d; (p = strstr(p, s)) != NULL; p += strlen(s))
		n++;
	return n;
}

static void test_cfg__if_else_joins(void)
{
	char *d = dump(node(IR_COMPOUND, 2, 2,
			    node(IR_IF, 2, 3, var(2), node(IR_COMPOUND, 3, 1, call(3)),
				 node(IR_COMPOUND, 5, 1, call(5))),
			    ret(7)));
	CHECK_EQ_INT(count(d, "branch L2"), 1);
	CHECK_EQ_INT(count(d, "(T)"), 1);
	CHECK_EQ_INT(count(d, "(F)"), 1);
	CHECK_EQ_INT(count(d, "return L7"), 1);
	CHECK_EQ_INT(count(d, "end L99"), 0); /* every path returns */
	free(d);
}

static void test_cfg__if_without_else_falls_off_end(void)
{
	char *d = dump(node(IR_COMPOUND, 2, 1, node(IR_IF, 2, 3, var(2), ret(3), NULL)));
	CHECK_EQ_INT(count(d, "return L3"), 1);
	CHECK_EQ_INT(count(d, "end L99"), 1);
	free(d);
}

static void test_cfg__switch_fallthrough_and_default(void)
{
	/* switch (x) { case 1: f(); case 2: return; default: break; } return; */
	struct ir_node *body = node(IR_COMPOUND, 3, 3, case_(3, 1, call(3)), case_(4, 2, ret(4)),
				    node(IR_DEFAULT, 5, 1, node(IR_BREAK, 5, 0)));
	char *d = dump(node(IR_COMPOUND, 2, 2, node(IR_SWITCH, 2, 2, var(2), body), ret(7)));
	CHECK_EQ_INT(count(d, "(case 1)"), 1);
	CHECK_EQ_INT(count(d, "(case 2)"), 1);
	CHECK_EQ_INT(count(d, "(default)"), 1);
	/* case 1's call falls through into case 2's label */
	char *line = strstr(d, "expr L3 ->");
	CHECK(line != NULL);
	free(d);

	/* without a default, the switch has an edge past its body */
	d = dump(node(IR_COMPOUND, 2, 2,
		      node(IR_SWITCH, 2, 2, var(2), node(IR_COMPOUND, 3, 1, case_(3, 1, ret(3)))),
		      ret(7)));
	CHECK_EQ_INT(count(d, "(default)"), 1);
	CHECK_EQ_INT(count(d, "return L7"), 1);
	free(d);
}

static void test_cfg__loops_break_continue(void)
{
	/* while (x) { if (x) break; if (x) continue; f(); } return; */
	struct ir_node *loop =
		node(IR_WHILE, 2, 2, var(2),
		     node(IR_COMPOUND, 3, 3, node(IR_IF, 3, 3, var(3), node(IR_BREAK, 3, 0), NULL),
			  node(IR_IF, 4, 3, var(4), node(IR_CONTINUE, 4, 0), NULL), call(5)));
	char *d = dump(node(IR_COMPOUND, 2, 2, loop, ret(7)));
	CHECK_EQ_INT(count(d, "branch"), 3);
	CHECK_EQ_INT(count(d, "return L7"), 1);
	free(d);

	/* for (;;) f();  -- no exit: no return node is reachable, no end */
	d = dump(node(IR_COMPOUND, 2, 1, node(IR_FOR, 2, 4, NULL, NULL, NULL, call(2))));
	CHECK_EQ_INT(count(d, "end L99"), 0);
	CHECK_EQ_INT(count(d, "branch"), 0);
	free(d);

	/* do f(); while (x); */
	d = dump(node(IR_COMPOUND, 2, 1, node(IR_DO, 2, 2, call(2), var(3))));
	CHECK_EQ_INT(count(d, "branch L3"), 1);
	CHECK_EQ_INT(count(d, "end L99"), 1);
	free(d);
}

static void test_cfg__goto_cleanup(void)
{
	/* if (x) goto cleanup; f(); cleanup: return; */
	struct ir_node *go = node(IR_GOTO, 2, 0);
	go->name = "cleanup";
	char *d = dump(node(IR_COMPOUND, 2, 3, node(IR_IF, 2, 3, var(2), go, NULL), call(3),
			    label(4, "cleanup", ret(4))));
	CHECK_EQ_INT(count(d, "return L4"), 1);
	CHECK_EQ_INT(count(d, "end L99"), 0);
	/* the label node has two predecessors: the goto and the fallthrough */
	free(d);
}

static void test_cfg__seh_except_and_finally(void)
{
	/* __try { f(); } __except (1) { return; } return; */
	struct ir_node *one = node(IR_INT, 3, 0);
	one->ival = 1;
	struct ir_node *exc = node(IR_SEH_EXCEPT, 3, 2, one, node(IR_COMPOUND, 3, 1, ret(3)));
	char *d = dump(node(IR_COMPOUND, 2, 2,
			    node(IR_SEH_TRY, 2, 2, node(IR_COMPOUND, 2, 1, call(2)), exc), ret(5)));
	CHECK(count(d, "(exc)") >= 2); /* from the try entry and from the call */
	CHECK_EQ_INT(count(d, "filter L3"), 1);
	CHECK_EQ_INT(count(d, "return L3"), 1);
	CHECK_EQ_INT(count(d, "return L5"), 1);
	free(d);

	/* __try { if (x) return; __leave; } __finally { f(); } -- return runs the finally */
	struct ir_node *fin = node(IR_SEH_FINALLY, 4, 1, node(IR_COMPOUND, 4, 1, call(4)));
	struct ir_node *body = node(IR_COMPOUND, 2, 2, node(IR_IF, 2, 3, var(2), ret(2), NULL),
				    node(IR_SEH_LEAVE, 3, 0));
	d = dump(node(IR_COMPOUND, 2, 1, node(IR_SEH_TRY, 2, 2, body, fin)));
	CHECK_EQ_INT(count(d, "return-save L2"), 1);
	CHECK_EQ_INT(count(d, "return-saved L2"), 1);
	CHECK_EQ_INT(count(d, "expr L4"), 2); /* the finally block on both ways out */
	CHECK_EQ_INT(count(d, "end L99"), 1);
	free(d);
}

static void test_cfg__cxx_try_catch(void)
{
	struct ir_node *c1 = node(IR_CXX_CATCH, 3, 1, node(IR_COMPOUND, 3, 1, ret(3)));
	struct ir_node *c2 = node(IR_CXX_CATCH, 4, 1, node(IR_COMPOUND, 4, 1, ret(4)));
	char *d = dump(node(IR_COMPOUND, 2, 1,
			    node(IR_CXX_TRY, 2, 3, node(IR_COMPOUND, 2, 1, call(2)), c1, c2)));
	CHECK_EQ_INT(count(d, "return L3"), 1);
	CHECK_EQ_INT(count(d, "return L4"), 1);
	CHECK(count(d, "(exc)") >= 4);
	free(d);
}

void unit_main(void)
{
	arena_init(&A);
	UNIT_RUN(test_cfg__if_else_joins);
	UNIT_RUN(test_cfg__if_without_else_falls_off_end);
	UNIT_RUN(test_cfg__switch_fallthrough_and_default);
	UNIT_RUN(test_cfg__loops_break_continue);
	UNIT_RUN(test_cfg__goto_cleanup);
	UNIT_RUN(test_cfg__seh_except_and_finally);
	UNIT_RUN(test_cfg__cxx_try_catch);
	arena_release(&A);
}
