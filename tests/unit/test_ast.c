/*
 * Unit tests for the frontend (ast.c): small C and C++ sources are written
 * to a temporary folder, parsed, and the IR shapes checked. The sources
 * declare what they need themselves (a few lines of WDK-like types and
 * macros in PRELUDE), so they do not depend on the bundled model headers;
 * one test parses against those headers when they are present.
 *
 * shape() prints a compact S-expression of a subtree with implicit casts
 * removed, e.g. "(binop lt (declref i) (int 10))"; NULL kids print as "_".
 */
#define _GNU_SOURCE
#include "unit.h"

#include "ast.h"
#include "irdump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FLTCHECK_MODEL_DIR
#	define FLTCHECK_MODEL_DIR "analyzer/wdk"
#endif

static char tmpdir[256];

static const char PRELUDE[] =
	"typedef unsigned char UCHAR;\n"
	"typedef unsigned long ULONG;\n"
	"typedef long NTSTATUS;\n"
	"typedef UCHAR BOOLEAN;\n"
	"typedef void *PVOID;\n"
	"#define NULL ((void *)0)\n"
	"#define TRUE 1\n"
	"#define FALSE 0\n"
	"#define STATUS_SUCCESS ((NTSTATUS)0x00000000L)\n"
	"#define STATUS_ACCESS_DENIED ((NTSTATUS)0xC0000022L)\n"
	"#define NT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)\n"
	"#define FlagOn(_F, _SF) ((_F) & (_SF))\n"
	"#define IRP_MJ_CREATE 0x00\n"
	"#define IRP_MJ_READ 0x03\n"
	"#define IRP_MJ_WRITE 0x04\n"
	"#define IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION ((UCHAR)-1)\n"
	"#define IRP_MJ_OPERATION_END ((UCHAR)0x80)\n"
	"#define FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO 0x00000001\n"
	"#define FLTFL_OPERATION_REGISTRATION_SKIP_CACHED_IO 0x00000002\n"
	"#define FLTFL_CALLBACK_DATA_IRP_OPERATION 0x00000001\n"
	"#define FLT_IS_IRP_OPERATION(Data) (FlagOn((Data)->Flags, "
	"FLTFL_CALLBACK_DATA_IRP_OPERATION))\n"
	"typedef enum _FLT_PREOP_CALLBACK_STATUS { FLT_PREOP_SUCCESS_WITH_CALLBACK,\n"
	"  FLT_PREOP_SUCCESS_NO_CALLBACK, FLT_PREOP_PENDING, FLT_PREOP_DISALLOW_FASTIO,\n"
	"  FLT_PREOP_COMPLETE, FLT_PREOP_SYNCHRONIZE } FLT_PREOP_CALLBACK_STATUS;\n"
	"typedef enum { MODE_A = 7, MODE_B } ANON_MODE;\n"
	"typedef struct _FLT_IO_PARAMETER_BLOCK { ULONG IrpFlags; UCHAR MajorFunction;\n"
	"  UCHAR MinorFunction; } FLT_IO_PARAMETER_BLOCK, *PFLT_IO_PARAMETER_BLOCK;\n"
	"typedef struct _FLT_CALLBACK_DATA { ULONG Flags; PFLT_IO_PARAMETER_BLOCK Iopb;\n"
	"  struct { NTSTATUS Status; } IoStatus; } FLT_CALLBACK_DATA, *PFLT_CALLBACK_DATA;\n"
	"typedef FLT_PREOP_CALLBACK_STATUS (*PFLT_PRE_OPERATION_CALLBACK)(\n"
	"  PFLT_CALLBACK_DATA Data, PVOID FltObjects, PVOID *CompletionContext);\n"
	"typedef int (*PFLT_POST_OPERATION_CALLBACK)(PFLT_CALLBACK_DATA Data,\n"
	"  PVOID FltObjects, PVOID CompletionContext, ULONG Flags);\n"
	"typedef struct _FLT_OPERATION_REGISTRATION { UCHAR MajorFunction; ULONG Flags;\n"
	"  PFLT_PRE_OPERATION_CALLBACK PreOperation;\n"
	"  PFLT_POST_OPERATION_CALLBACK PostOperation; PVOID Reserved1;\n"
	"} FLT_OPERATION_REGISTRATION, *PFLT_OPERATION_REGISTRATION;\n"
	"__declspec(noreturn) void KeBugCheckEx(ULONG Code, ULONG a, ULONG b, ULONG c, "
	"ULONG d);\n"
	"void FltCompletePendedPreOperation(PFLT_CALLBACK_DATA Data, "
	"FLT_PREOP_CALLBACK_STATUS s, PVOID c);\n"
	"typedef void (*WORKER)(PVOID);\n"
	"NTSTATUS QueueWork(WORKER w, PVOID ctx);\n";

static char *write_file(const char *name, const char *text, size_t len)
{
	char *path = xfmt("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "cannot write '%s'\n", path);
		exit(2);
	}
	fwrite(text, 1, len, f);
	fclose(f);
	return path;
}

/* Parses PRELUDE + src as tmpdir/name (C unless the name says otherwise). */
static struct ir_tu *parse_src(const char *name, const char *src)
{
	char *text = xfmt("%s%s", PRELUDE, src);
	char *path = write_file(name, text, strlen(text));
	struct ast_options opt = { 0 };
	opt.model_dir = FLTCHECK_MODEL_DIR;
	struct ir_tu *tu = ast_parse(path, &opt);
	if (getenv("AST_TEST_DUMP"))
		ir_dump_tu(stderr, tu);
	free(text);
	free(path);
	return tu;
}

/* The line of PRELUDE's end, to express expected lines in the snippets. */
static unsigned prelude_lines(void)
{
	unsigned n = 0;
	for (const char *p = PRELUDE; *p; p++)
		n += *p == '\n';
	return n;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = s ? strlen(s) : 0, b = strlen(suffix);
	if (s && a >= b && !strcmp(s + a - b, suffix))
		return 1;
	fprintf(stderr, "  (\"%s\" does not end with \"%s\")\n", s ? s : "(null)", suffix);
	return 0;
}

static struct ir_func *find_func(struct ir_tu *tu, const char *name)
{
	for (unsigned i = 0; i < tu->nfuncs; i++)
		if (!strcmp(tu->funcs[i]->name, name))
			return tu->funcs[i];
	return NULL;
}

static struct ir_reg_table *find_table(struct ir_tu *tu, const char *name)
{
	for (unsigned i = 0; i < tu->ntables; i++)
		if (!strcmp(tu->tables[i]->name, name))
			return tu->tables[i];
	return NULL;
}

struct buf {
	char s[8192];
	size_t n;
};

static void bput(struct buf *b, const char *s)
{
	size_t l = strlen(s);
	if (b->n + l + 1 < sizeof(b->s)) {
		memcpy(b->s + b->n, s, l);
		b->n += l;
		b->s[b->n] = '\0';
	}
}

static const struct ir_node *strip(const struct ir_node *n)
{
	while (n && n->kind == IR_CAST && (n->flags & IR_F_IMPLICIT))
		n = n->kids[0];
	return n;
}

static void shape_rec(struct buf *b, const struct ir_node *n)
{
	char tmp[64];
	n = strip(n);
	if (!n) {
		bput(b, "_");
		return;
	}
	bput(b, "(");
	bput(b, ir_kind_name(n->kind));
	if (n->op != IR_OP_NONE) {
		bput(b, " ");
		bput(b, ir_op_name(n->op));
	}
	switch (n->kind) {
	case IR_DECL:
	case IR_DECLREF:
	case IR_CALL:
	case IR_MEMBER:
	case IR_LABEL:
	case IR_GOTO:
	case IR_ENUM_CONST:
		bput(b, " ");
		bput(b, n->name ? n->name : "?");
		break;
	default:
		break;
	}
	if (n->kind == IR_INT || (n->kind == IR_CASE && (n->flags & IR_F_CONST))) {
		snprintf(tmp, sizeof(tmp), " %lld", n->ival);
		bput(b, tmp);
	}
	if (n->kind == IR_CAST) {
		bput(b, " ");
		bput(b, n->type ? n->type : "?");
	}
	if (n->flags & IR_F_ARROW)
		bput(b, " ->");
	for (unsigned i = 0; i < n->nkids; i++) {
		bput(b, " ");
		shape_rec(b, n->kids[i]);
	}
	bput(b, ")");
}

static const char *shape(const struct ir_node *n)
{
	static struct buf b;
	b.n = 0;
	b.s[0] = '\0';
	shape_rec(&b, n);
	return b.s;
}

/* The body's i-th statement. */
static const struct ir_node *stmt(struct ir_func *f, unsigned i)
{
	if (!f || !f->body || i >= f->body->nkids)
		return NULL;
	return f->body->kids[i];
}

static const char *fshape(struct ir_tu *tu, const char *fn, unsigned i)
{
	struct ir_func *f = find_func(tu, fn);
	if (!f) {
		static char missing[128];
		snprintf(missing, sizeof(missing), "<no function %s>", fn);
		return missing;
	}
	return shape(stmt(f, i));
}

/* ---- tests ---------------------------------------------------------------------------- */

static void test_ast__for_presence(void)
{
	struct ir_tu *tu = parse_src(
		"for.c", "void f0(int n) { int i; for (;;) break; }\n"
			 "void f1(int n) { int i; for (i = 0;;) break; }\n"
			 "void f2(int n) { int i; for (; i < n;) break; }\n"
			 "void f3(int n) { int i; for (;; i++) break; }\n"
			 "void f4(int n) { int i; for (i = 0; i < n;) break; }\n"
			 "void f5(int n) { int i; for (i = 0;; i++) break; }\n"
			 "void f6(int n) { int i; for (; i < n; i++) break; }\n"
			 "void f7(int n) { for (int i = 0; i < n; i++) continue; }\n"
			 "#define LOOP(v, m) for (v = 0; v < m; v++)\n"
			 "#define EVER for (;;)\n"
			 "void f8(int n) { int i; LOOP(i, n) { } EVER { break; } }\n"
			 "void f9(int n) { int i; for (/* ; */ ; i < n /* ; */;) break; }\n");
	CHECK(tu->parsed);
	CHECK_EQ_INT(tu->nerrors, 0);
	CHECK_EQ_STR(fshape(tu, "f0", 1), "(for _ _ _ (break))");
	CHECK_EQ_STR(fshape(tu, "f1", 1), "(for (binop assign (declref i) (int 0)) _ _ (break))");
	CHECK_EQ_STR(fshape(tu, "f2", 1), "(for _ (binop lt (declref i) (declref n)) _ (break))");
	CHECK_EQ_STR(fshape(tu, "f3", 1), "(for _ _ (unop postinc (declref i)) (break))");
	CHECK_EQ_STR(fshape(tu, "f4", 1),
		     "(for (binop assign (declref i) (int 0)) (binop lt (declref i) (declref n)) _ "
		     "(break))");
	CHECK_EQ_STR(
		fshape(tu, "f5", 1),
		"(for (binop assign (declref i) (int 0)) _ (unop postinc (declref i)) (break))");
	CHECK_EQ_STR(
		fshape(tu, "f6", 1),
		"(for _ (binop lt (declref i) (declref n)) (unop postinc (declref i)) (break))");
	CHECK_EQ_STR(fshape(tu, "f7", 0),
		     "(for (decl i (int 0)) (binop lt (declref i) (declref n)) (unop postinc "
		     "(declref i)) (continue))");
	CHECK_EQ_STR(fshape(tu, "f8", 1),
		     "(for (binop assign (declref i) (int 0)) (binop lt (declref i) (declref n)) "
		     "(unop postinc (declref i)) (compound))");
	CHECK_EQ_STR(fshape(tu, "f8", 2), "(for _ _ _ (compound (break)))");
	CHECK_EQ_STR(fshape(tu, "f9", 1), "(for _ (binop lt (declref i) (declref n)) _ (break))");
	struct ir_func *f8 = find_func(tu, "f8");
	if (CHECK(f8))
		CHECK_EQ_STR(stmt(f8, 2)->macro, "EVER");
	ast_tu_free(tu);
}

static void test_ast__if_loops_goto(void)
{
	struct ir_tu *tu = parse_src("if.c", "int g(int a) {\n"
					     "  if (a) return 1;\n"
					     "  if (a > 2) { a = 3; } else a = 4;\n"
					     "  while (a) a--;\n"
					     "  do { a++; } while (a < 10);\n"
					     "  goto out;\n"
					     "  ;\n"
					     "out:\n"
					     "  return a ? a : -1;\n"
					     "}\n");
	CHECK(tu->parsed);
	CHECK_EQ_INT(tu->nerrors, 0);
	CHECK_EQ_STR(fshape(tu, "g", 0), "(if (declref a) (return (int 1)) _)");
	CHECK_EQ_STR(fshape(tu, "g", 1),
		     "(if (binop gt (declref a) (int 2)) (compound (binop assign (declref a) (int "
		     "3))) (binop assign (declref a) (int 4)))");
	CHECK_EQ_STR(fshape(tu, "g", 2), "(while (declref a) (unop postdec (declref a)))");
	CHECK_EQ_STR(fshape(tu, "g", 3),
		     "(do (compound (unop postinc (declref a))) (binop lt (declref a) (int 10)))");
	CHECK_EQ_STR(fshape(tu, "g", 4), "(goto out)");
	CHECK_EQ_STR(fshape(tu, "g", 5), "(null)");
	CHECK_EQ_STR(fshape(tu, "g", 6),
		     "(label out (return (cond (declref a) (declref a) (unop minus (int 1)))))");
	struct ir_func *g = find_func(tu, "g");
	if (CHECK(g)) {
		const struct ir_node *ifn = stmt(g, 0);
		CHECK_EQ_INT(ifn->nkids, 3);
		CHECK(ifn->kids[2] == NULL);
		const struct ir_node *ret = stmt(g, 6)->kids[0];
		CHECK_EQ_INT(ret->kind, IR_RETURN);
		CHECK_EQ_INT(ret->loc.line, prelude_lines() + 9);
		CHECK_EQ_INT(ret->loc.col, 3);
		const struct ir_node *m = strip(ret->kids[0]->kids[2]);
		CHECK(m->flags & IR_F_CONST);
		CHECK_EQ_INT(m->ival, -1);
	}
	ast_tu_free(tu);
}

static void test_ast__switch_cases(void)
{
	struct ir_tu *tu = parse_src(
		"switch.c",
		"int s(PFLT_CALLBACK_DATA Data, int k, FLT_PREOP_CALLBACK_STATUS st, ULONG u) {\n"
		"  int r = 0;\n"
		"  switch (Data->Iopb->MajorFunction) {\n"
		"  case IRP_MJ_CREATE:\n"
		"  case IRP_MJ_READ: r = 1; break;\n"
		"  case IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION: r = 2;\n"
		"  case -1: r = 3; break;\n"
		"  default: r = 4;\n"
		"  }\n"
		"  switch (st) { case FLT_PREOP_PENDING: break; case MODE_B: break; }\n"
		"  switch (k) { case 1 ... 3: break; case 'a': break; }\n"
		"  switch (u) { case -1: break; }\n"
		"  return r;\n"
		"}\n");
	CHECK(tu->parsed);
	CHECK_EQ_INT(tu->nerrors, 0);
	CHECK_EQ_STR(fshape(tu, "s", 1),
		     "(switch (member MajorFunction -> (member Iopb -> (declref Data))) (compound "
		     "(case 0 (case 3 (binop assign (declref r) (int 1)))) (break) "
		     "(case 255 (binop assign (declref r) (int 2))) "
		     "(case -1 (binop assign (declref r) (int 3))) (break) "
		     "(default (binop assign (declref r) (int 4)))))");
	CHECK_EQ_STR(fshape(tu, "s", 2),
		     "(switch (declref st) (compound (case 2 (break)) (case 8 (break))))");
	struct ir_func *f = find_func(tu, "s");
	if (CHECK(f)) {
		const struct ir_node *body = stmt(f, 1)->kids[1];
		CHECK_EQ_STR(body->kids[0]->name, "IRP_MJ_CREATE");
		CHECK(body->kids[0]->flags & IR_F_CONST);
		CHECK_EQ_STR(body->kids[2]->name, "IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION");
		const struct ir_node *sw2 = stmt(f, 2)->kids[1];
		CHECK_EQ_STR(sw2->kids[0]->name, "FLT_PREOP_PENDING");
		const struct ir_node *sw3 = stmt(f, 3)->kids[1];
		CHECK_EQ_INT(sw3->kids[0]->kind, IR_UNKNOWN); /* case 1 ... 3 */
		CHECK_EQ_INT(sw3->kids[1]->kind, IR_CASE);
		CHECK_EQ_INT(sw3->kids[1]->ival, 'a');
		const struct ir_node *sw4 = stmt(f, 4)->kids[1];
		/* ULONG is 32-bit unsigned on Windows */
		CHECK_EQ_INT(sw4->kids[0]->ival, 0xFFFFFFFFLL);
	}
	ast_tu_free(tu);
}

static void test_ast__seh(void)
{
	struct ir_tu *tu =
		parse_src("seh.c", "#define try __try\n"
				   "#define except __except\n"
				   "int h(int *p) {\n"
				   "  __try { *p = 1; __leave; } __except (1) { return 2; }\n"
				   "  __try { *p = 2; } __finally { *p = 3; }\n"
				   "  try { *p = 4; } except (p != 0) { }\n"
				   "  return 0;\n"
				   "}\n");
	CHECK(tu->parsed);
	CHECK_EQ_INT(tu->nerrors, 0);
	CHECK_EQ_STR(fshape(tu, "h", 0),
		     "(seh_try (compound (binop assign (unop deref (declref p)) (int 1)) "
		     "(seh_leave)) (seh_except (int 1) (compound (return (int 2)))))");
	CHECK_EQ_STR(fshape(tu, "h", 1),
		     "(seh_try (compound (binop assign (unop deref (declref p)) (int 2))) "
		     "(seh_finally (compound (binop assign (unop deref (declref p)) (int 3)))))");
	CHECK_EQ_STR(fshape(tu, "h", 2),
		     "(seh_try (compound (binop assign (unop deref (declref p)) (int 4))) "
		     "(seh_except (binop ne (declref p) (int 0)) (compound)))");
	ast_tu_free(tu);
}

static void test_ast__expressions(void)
{
	struct ir_tu *tu = parse_src(
		"expr.c", "#define WRAP(v) ((v) + 0)\n"
			  "static void Worker(PVOID ctx) { (void)ctx; }\n"
			  "static int helper(int x) { return x + 1; }\n"
			  "NTSTATUS e(PFLT_CALLBACK_DATA Data, BOOLEAN b, int n) {\n"
			  "  NTSTATUS status = STATUS_ACCESS_DENIED;\n"
			  "  int x = b && n || !b;\n"
			  "  if (!NT_SUCCESS(status)) return (NTSTATUS)n;\n"
			  "  if (FLT_IS_IRP_OPERATION(Data)) x = helper(x);\n"
			  "  status = QueueWork(Worker, Data);\n"
			  "  status = QueueWork(&Worker, NULL);\n"
			  "  Data->IoStatus.Status = STATUS_SUCCESS;\n"
			  "  x = sizeof(FLT_CALLBACK_DATA) + (int)MODE_A;\n"
			  "  FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);\n"
			  "  if (x > 100) KeBugCheckEx(1, 2, 3, 4, 5);\n"
			  "  x = WRAP(TRUE) + WRAP(x) + WRAP(STATUS_SUCCESS);\n"
			  "  return status;\n"
			  "}\n");
	CHECK(tu->parsed);
	CHECK_EQ_INT(tu->nerrors, 0);
	struct ir_func *f = find_func(tu, "e");
	if (!CHECK(f)) {
		ast_tu_free(tu);
		return;
	}
	CHECK_EQ_STR(f->ret_type, "NTSTATUS");
	CHECK_EQ_INT(f->nparams, 3);
	CHECK_EQ_STR(f->params[0].name, "Data");
	CHECK_EQ_STR(f->params[0].type, "PFLT_CALLBACK_DATA");
	CHECK_EQ_STR(f->params[1].type, "BOOLEAN");
	CHECK_EQ_INT(f->nlocals, 2);
	CHECK(!f->is_static);
	CHECK_EQ_STR(f->link, "e");
	CHECK_EQ_INT(f->loc.line, prelude_lines() + 4);
	CHECK_EQ_INT(f->loc.col, 10);
	CHECK_EQ_INT(f->end_loc.line, prelude_lines() + 17);
	CHECK_EQ_INT(f->end_loc.col, 1);
	CHECK(!f->body_has_errors);

	/* NTSTATUS status = STATUS_ACCESS_DENIED; */
	const struct ir_node *d = stmt(f, 0);
	CHECK_EQ_INT(d->kind, IR_DECL);
	CHECK_EQ_STR(d->type, "NTSTATUS");
	CHECK_EQ_INT(d->ref_index, 0);
	const struct ir_node *init = d->kids[0];
	CHECK_EQ_INT(init->kind, IR_CAST);
	CHECK(!(init->flags & IR_F_IMPLICIT));
	CHECK_EQ_STR(init->type, "NTSTATUS");
	CHECK_EQ_STR(init->macro, "STATUS_ACCESS_DENIED");
	CHECK(init->flags & IR_F_CONST);
	CHECK_EQ_INT(init->ival, (long long)(int)0xC0000022u);
	CHECK_EQ_INT(strip(init->kids[0])->ival, 0xC0000022LL);

	CHECK_EQ_STR(shape(stmt(f, 1)),
		     "(decl x (binop lor (binop land (declref b) (declref n)) (unop lnot (declref "
		     "b))))");
	const struct ir_node *if1 = stmt(f, 2);
	CHECK_EQ_STR(shape(if1),
		     "(if (unop lnot (binop ge (cast NTSTATUS (declref status)) (int 0))) (return "
		     "(cast NTSTATUS (declref n))) _)");
	CHECK(if1->kids[0]->macro == NULL);
	CHECK_EQ_STR(strip(if1->kids[0]->kids[0])->macro, "NT_SUCCESS");
	CHECK_EQ_STR(if1->kids[1]->kids[0]->type, "NTSTATUS");

	const struct ir_node *if2 = stmt(f, 3);
	CHECK_EQ_STR(shape(if2),
		     "(if (binop and (member Flags -> (declref Data)) (int 1)) (binop assign "
		     "(declref x) (call helper (declref helper) (declref x))) _)");
	CHECK_EQ_STR(strip(if2->kids[0])->macro, "FLT_IS_IRP_OPERATION");
	const struct ir_node *call = if2->kids[1]->kids[1];
	CHECK_EQ_INT(call->kind, IR_CALL);
	CHECK(ends_with(call->link, "/expr.c:helper"));
	CHECK_EQ_INT(call->loc.col, 39);

	const struct ir_node *q1 = strip(stmt(f, 4)->kids[1]);
	CHECK_EQ_STR(shape(q1),
		     "(call QueueWork (declref QueueWork) (declref Worker) (declref Data))");
	CHECK_EQ_STR(q1->link, "QueueWork");
	const struct ir_node *arg = strip(q1->kids[1]);
	CHECK_EQ_INT(arg->ref_kind, IR_REF_FUNCTION);
	CHECK(ends_with(arg->link, "/expr.c:Worker"));
	CHECK_EQ_INT(strip(q1->kids[2])->ref_kind, IR_REF_PARAM);
	CHECK_EQ_INT(strip(q1->kids[2])->ref_index, 0);
	const struct ir_node *q2 = strip(stmt(f, 5)->kids[1]);
	CHECK_EQ_STR(
		shape(q2),
		"(call QueueWork (declref QueueWork) (unop addrof (declref Worker)) (cast void * "
		"(int 0)))");

	const struct ir_node *st = stmt(f, 6);
	CHECK_EQ_STR(shape(st),
		     "(binop assign (member Status (member IoStatus -> (declref Data))) (cast "
		     "NTSTATUS (int 0)))");
	CHECK(!(st->kids[0]->flags & IR_F_ARROW));
	CHECK_EQ_STR(st->kids[0]->type, "NTSTATUS");

	const struct ir_node *sz = strip(stmt(f, 7)->kids[1]);
	CHECK_EQ_INT(sz->kind, IR_BINOP);
	const struct ir_node *so = strip(sz->kids[0]);
	CHECK_EQ_INT(so->kind, IR_SIZEOF);
	CHECK(so->flags & IR_F_CONST);
	CHECK_EQ_INT(so->ival, 24);
	const struct ir_node *en = strip(strip(sz->kids[1])->kids[0]);
	CHECK_EQ_INT(en->kind, IR_ENUM_CONST);
	CHECK_EQ_STR(en->name, "MODE_A");
	CHECK_EQ_STR(en->type, "ANON_MODE");
	CHECK_EQ_INT(en->ival, 7);

	const struct ir_node *cp = stmt(f, 8);
	const struct ir_node *ec = strip(cp->kids[2]);
	CHECK_EQ_INT(ec->kind, IR_ENUM_CONST);
	CHECK_EQ_STR(ec->name, "FLT_PREOP_COMPLETE");
	CHECK_EQ_STR(ec->type, "FLT_PREOP_CALLBACK_STATUS");
	CHECK_EQ_INT(ec->ival, 4);
	CHECK(!(cp->flags & IR_F_NORETURN));
	const struct ir_node *bug = stmt(f, 9)->kids[1];
	CHECK_EQ_STR(bug->name, "KeBugCheckEx");
	CHECK(bug->flags & IR_F_NORETURN);

	/* macro names: the body of WRAP, and what was written as its argument */
	const struct ir_node *sum = strip(stmt(f, 10)->kids[1]);
	CHECK_EQ_STR(
		shape(sum),
		"(binop add (binop add (binop add (int 1) (int 0)) (binop add (declref x) (int "
		"0))) (binop add (cast NTSTATUS (int 0)) (int 0)))");
	const struct ir_node *w1 = strip(strip(sum->kids[0])->kids[0]);
	CHECK_EQ_STR(w1->macro, "WRAP");
	CHECK_EQ_STR(strip(w1->kids[0])->macro, "TRUE");
	CHECK(strip(strip(strip(sum->kids[0])->kids[1])->kids[0])->macro == NULL);
	CHECK_EQ_STR(strip(strip(sum->kids[1])->kids[0])->macro, "STATUS_SUCCESS");
	/* the status inside NT_SUCCESS(status) is the user's own text */
	const struct ir_node *ge = strip(if1->kids[0]->kids[0]);
	CHECK(strip(ge->kids[0]->kids[0])->macro == NULL);

	struct ir_func *w = find_func(tu, "Worker");
	if (CHECK(w)) {
		CHECK(w->is_static);
		CHECK_EQ_STR(w->link, arg->link);
		CHECK_EQ_STR(w->ret_type, "void");
	}
	ast_tu_free(tu);
}

static void test_ast__locals(void)
{
	struct ir_tu *tu = parse_src("locals.c", "int G;\n"
						 "static int S;\n"
						 "int l(int p, int q) {\n"
						 "  int a = p, b, c = q;\n"
						 "  static int st = 3;\n"
						 "  extern int ext;\n"
						 "  { int a = 5; b = a; }\n"
						 "  st++; G = S + ext;\n"
						 "  return a + b + c;\n"
						 "}\n");
	CHECK(tu->parsed);
	CHECK_EQ_INT(tu->nerrors, 0);
	struct ir_func *f = find_func(tu, "l");
	if (!CHECK(f)) {
		ast_tu_free(tu);
		return;
	}
	CHECK_EQ_INT(f->nlocals, 5);
	CHECK_EQ_STR(
		shape(f->body),
		"(compound (decl a (declref p)) (decl b _) (decl c (declref q)) (decl st (int "
		"3)) (compound (decl a (int 5)) (binop assign (declref b) (declref a))) (unop "
		"postinc (declref st)) (binop assign (declref G) (binop add (declref S) "
		"(declref ext))) (return (binop add (binop add (declref a) (declref b)) (declref "
		"c))))");
	CHECK_EQ_INT(stmt(f, 0)->ref_index, 0);
	CHECK_EQ_INT(stmt(f, 1)->ref_index, 1);
	CHECK_EQ_INT(stmt(f, 2)->ref_index, 2);
	CHECK_EQ_INT(stmt(f, 3)->ref_index, 3);
	CHECK(stmt(f, 3)->link != NULL);
	const struct ir_node *inner = stmt(f, 4);
	CHECK_EQ_INT(inner->kids[0]->ref_index, 4);
	CHECK_EQ_INT(strip(inner->kids[1]->kids[1])->ref_index, 4);
	CHECK_EQ_INT(strip(inner->kids[1]->kids[1])->ref_kind, IR_REF_LOCAL);
	const struct ir_node *stinc = stmt(f, 5)->kids[0];
	CHECK_EQ_INT(stinc->ref_kind, IR_REF_GLOBAL);
	CHECK_EQ_STR(stinc->link, stmt(f, 3)->link);
	const struct ir_node *asg = stmt(f, 6);
	CHECK_EQ_INT(asg->kids[0]->ref_kind, IR_REF_GLOBAL);
	CHECK_EQ_STR(asg->kids[0]->link, "G");
	const struct ir_node *sref = strip(asg->kids[1]->kids[0]);
	CHECK(ends_with(sref->link, "/locals.c:S"));
	CHECK(strstr(tu->path, "locals.c") != NULL);
	CHECK_EQ_STR(strip(asg->kids[1]->kids[1])->link, "ext");
	const struct ir_node *ret = stmt(f, 7)->kids[0];
	CHECK_EQ_INT(strip(ret->kids[1])->ref_index, 2);
	ast_tu_free(tu);
}

static void test_ast__reg_tables(void)
{
	char *hdr =
		write_file("ops.h",
			   "FLT_PREOP_CALLBACK_STATUS PreH(PFLT_CALLBACK_DATA, PVOID, PVOID *);\n"
			   "const FLT_OPERATION_REGISTRATION HeaderOps[] = {\n"
			   "  { IRP_MJ_CREATE, 0, PreH, NULL },\n"
			   "  { IRP_MJ_OPERATION_END }\n"
			   "};\n",
			   strlen("FLT_PREOP_CALLBACK_STATUS PreH(PFLT_CALLBACK_DATA, PVOID, "
				  "PVOID *);\n"
				  "const FLT_OPERATION_REGISTRATION HeaderOps[] = {\n"
				  "  { IRP_MJ_CREATE, 0, PreH, NULL },\n"
				  "  { IRP_MJ_OPERATION_END }\n"
				  "};\n"));
	free(hdr);
	struct ir_tu *tu = parse_src(
		"reg.c",
		"static FLT_PREOP_CALLBACK_STATUS PreCreate(PFLT_CALLBACK_DATA d, PVOID o, PVOID "
		"*c)\n"
		"{ return FLT_PREOP_SUCCESS_NO_CALLBACK; }\n"
		"FLT_PREOP_CALLBACK_STATUS PreRead(PFLT_CALLBACK_DATA d, PVOID o, PVOID *c);\n"
		"int PostRead(PFLT_CALLBACK_DATA d, PVOID o, PVOID c, ULONG f);\n"
		"#include \"ops.h\"\n"
		"const FLT_OPERATION_REGISTRATION Callbacks[] = {\n"
		"  { IRP_MJ_CREATE, 0, PreCreate, NULL },\n"
		"  { IRP_MJ_READ,\n"
		"    FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO | "
		"FLTFL_OPERATION_REGISTRATION_SKIP_CACHED_IO,\n"
		"    (PFLT_PRE_OPERATION_CALLBACK)PreRead, PostRead },\n"
		"  { IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION, 0, &PreRead },\n"
		"  { IRP_MJ_OPERATION_END }\n"
		"};\n"
		"FLT_OPERATION_REGISTRATION Designated[] = {\n"
		"  { .MajorFunction = IRP_MJ_WRITE, .PreOperation = PreRead },\n"
		"  { .PostOperation = PostRead, .MajorFunction = 0x12, .Flags = 4 },\n"
		"  { IRP_MJ_READ, .PostOperation = PostRead },\n"
		"};\n"
		"int Unrelated[] = { 1, 2 };\n"
		"void fn(void) { static const FLT_OPERATION_REGISTRATION Local[] = {\n"
		"  { IRP_MJ_WRITE, 0, 0, 0 }, { IRP_MJ_OPERATION_END } }; (void)Local; }\n");
	CHECK(tu->parsed);
	CHECK_EQ_INT(tu->nerrors, 0);
	CHECK_EQ_INT(tu->ntables, 4);
	struct ir_reg_table *t = find_table(tu, "Callbacks");
	if (CHECK(t)) {
		CHECK(t->has_terminator);
		CHECK_EQ_INT(t->nentries, 3);
		CHECK_EQ_INT(t->loc.line, prelude_lines() + 6);
		CHECK_EQ_INT(t->entries[0].major, 0);
		CHECK_EQ_STR(t->entries[0].major_name, "IRP_MJ_CREATE");
		CHECK(t->entries[0].flags_known);
		CHECK_EQ_INT(t->entries[0].flags, 0);
		CHECK(ends_with(t->entries[0].pre, "/reg.c:PreCreate"));
		CHECK(t->entries[0].post == NULL);
		CHECK_EQ_INT(t->entries[0].loc.line, prelude_lines() + 7);
		CHECK_EQ_INT(t->entries[1].major, 3);
		CHECK_EQ_STR(t->entries[1].major_name, "IRP_MJ_READ");
		CHECK_EQ_INT(t->entries[1].flags, 3);
		CHECK_EQ_STR(t->entries[1].pre, "PreRead");
		CHECK_EQ_STR(t->entries[1].post, "PostRead");
		CHECK_EQ_INT(t->entries[2].major, 255);
		CHECK_EQ_STR(t->entries[2].pre, "PreRead");
		CHECK(t->entries[2].post == NULL);
	}
	t = find_table(tu, "Designated");
	if (CHECK(t)) {
		CHECK(!t->has_terminator);
		CHECK_EQ_INT(t->nentries, 3);
		CHECK_EQ_INT(t->entries[0].major, 4);
		CHECK_EQ_STR(t->entries[0].major_name, "IRP_MJ_WRITE");
		CHECK_EQ_STR(t->entries[0].pre, "PreRead");
		CHECK(t->entries[0].post == NULL);
		CHECK_EQ_INT(t->entries[0].flags, 0);
		CHECK_EQ_INT(t->entries[1].major, 0x12);
		CHECK(t->entries[1].major_name == NULL);
		CHECK_EQ_INT(t->entries[1].flags, 4);
		CHECK_EQ_STR(t->entries[1].post, "PostRead");
		CHECK(t->entries[1].pre == NULL);
		CHECK_EQ_INT(t->entries[2].major, 3);
		CHECK_EQ_STR(t->entries[2].post, "PostRead");
	}
	t = find_table(tu, "HeaderOps");
	if (CHECK(t)) {
		CHECK(t->has_terminator);
		CHECK_EQ_INT(t->nentries, 1);
		CHECK(strstr(t->loc.file, "ops.h") != NULL);
		CHECK_EQ_STR(t->entries[0].pre, "PreH");
	}
	t = find_table(tu, "Local");
	if (CHECK(t)) {
		CHECK(t->has_terminator);
		CHECK_EQ_INT(t->nentries, 1);
		CHECK_EQ_INT(t->entries[0].major, 4);
		CHECK(t->entries[0].pre == NULL);
	}
	ast_tu_free(tu);
}

static void test_ast__cpp(void)
{
	struct ir_tu *tu = parse_src(
		"cpp_filter.cpp",
		"extern \"C\" FLT_PREOP_CALLBACK_STATUS PreOp(PFLT_CALLBACK_DATA, PVOID, PVOID "
		"*);\n"
		"#define CONST const\n"
		"CONST FLT_OPERATION_REGISTRATION Callbacks[] = {\n"
		"  { IRP_MJ_CREATE, 0, PreOp, nullptr },\n"
		"  { IRP_MJ_OPERATION_END }\n"
		"};\n"
		"class Ctx { public: int n; int get() { return n; } int run(int v); };\n"
		"int Ctx::run(int v) {\n"
		"  try { if (int z = v) return z; } catch (int e) { return e; } catch (...) { }\n"
		"  return get() + this->n;\n"
		"}\n"
		"namespace { int hidden(int v) { return v ? 1 : 0; } }\n");
	CHECK(tu->parsed);
	CHECK_EQ_INT(tu->nerrors, 0);
	struct ir_func *run = find_func(tu, "Ctx::run");
	if (CHECK(run)) {
		CHECK_EQ_STR(run->link, "Ctx::run");
		CHECK_EQ_STR(
			shape(stmt(run, 0)),
			"(cxx_try (compound (compound (decl z (declref v)) (if (declref z) "
			"(return (declref z)) _))) (cxx_catch (compound (return (declref e)))) "
			"(cxx_catch (compound)))");
		CHECK_EQ_STR(
			shape(stmt(run, 1)),
			"(return (binop add (call Ctx::get (member get -> (unknown))) (member n "
			"-> (unknown))))");
	}
	CHECK(find_func(tu, "Ctx::get") != NULL);
	struct ir_func *hidden = find_func(tu, "hidden");
	if (CHECK(hidden)) {
		CHECK(hidden->is_static);
		CHECK(ends_with(hidden->link, "/cpp_filter.cpp:hidden"));
	}
	struct ir_reg_table *t = find_table(tu, "Callbacks");
	if (CHECK(t)) {
		CHECK(t->has_terminator);
		CHECK_EQ_INT(t->nentries, 1);
		CHECK_EQ_STR(t->entries[0].pre, "PreOp");
		CHECK(t->entries[0].post == NULL);
	}
	ast_tu_free(tu);
}

static void test_ast__errors(void)
{
	struct ir_tu *tu = parse_src("err.c", "int before(int a) { return a; }\n"
					      "int broken(int a) {\n"
					      "  int x = a +;\n"
					      "  return undeclared_thing(x);\n"
					      "}\n"
					      "int after(int a) { return a * 2; }\n");
	CHECK(tu->parsed);
	CHECK(tu->nerrors > 0);
	CHECK_EQ_INT(tu->ndiags, tu->nerrors);
	if (CHECK(tu->ndiags > 0)) {
		CHECK_EQ_INT(tu->diags[0].loc.line, prelude_lines() + 3);
		CHECK(tu->diags[0].severity == IR_DIAG_ERROR);
		CHECK(strstr(tu->diags[0].loc.file, "err.c") != NULL);
		CHECK(tu->diags[0].text && *tu->diags[0].text);
	}
	struct ir_func *b = find_func(tu, "broken");
	struct ir_func *a = find_func(tu, "after");
	struct ir_func *p = find_func(tu, "before");
	CHECK(b && b->body_has_errors);
	CHECK(a && !a->body_has_errors);
	CHECK(p && !p->body_has_errors);
	if (a)
		CHECK_EQ_STR(shape(stmt(a, 0)), "(return (binop mul (declref a) (int 2)))");
	ast_tu_free(tu);

	/* unbalanced braces and truncated code */
	tu = parse_src("trunc.c", "int t(int a) { if (a) { while (a--) { a = (a + \n");
	CHECK(tu->parsed);
	CHECK(tu->nerrors > 0);
	ast_tu_free(tu);
	tu = parse_src("extra.c", "int u(int a) { return a; } } } int v(void) { return 1; }\n");
	CHECK(tu->parsed);
	CHECK(tu->nerrors > 0);
	CHECK(find_func(tu, "u") != NULL);
	ast_tu_free(tu);
}

static void test_ast__missing_and_odd_files(void)
{
	struct ast_options opt = { 0 };
	opt.model_dir = FLTCHECK_MODEL_DIR;
	char *path = xfmt("%s/does-not-exist.c", tmpdir);
	struct ir_tu *tu = ast_parse(path, &opt);
	CHECK(!tu->parsed);
	char *want = xfmt("cannot open '%s': No such file or directory", path);
	CHECK_EQ_STR(tu->fail_reason, want);
	CHECK_EQ_INT(tu->nfuncs, 0);
	ast_tu_free(tu);
	free(want);
	free(path);

	/* a WDK folder without headers */
	opt.wdk_dir = tmpdir;
	path = write_file("wdk.c", "int x;\n", 7);
	tu = ast_parse(path, &opt);
	CHECK(!tu->parsed);
	CHECK(tu->fail_reason && strstr(tu->fail_reason, "WDK") != NULL);
	ast_tu_free(tu);
	free(path);
	opt.wdk_dir = NULL;

	/* UTF-16 LE with BOM, with a non-ASCII character in a comment */
	const char *src = "/* caf\xc3\xa9 */\nint u16(int a) { return a + 1; }\n";
	unsigned char w[256];
	size_t n = 0;
	w[n++] = 0xFF;
	w[n++] = 0xFE;
	for (const unsigned char *s = (const unsigned char *)src; *s; s++) {
		unsigned cp = *s;
		if (cp == 0xc3) {
			cp = 0xe9;
			s++;
		}
		w[n++] = (unsigned char)(cp & 0xFF);
		w[n++] = (unsigned char)(cp >> 8);
	}
	path = write_file("utf16.c", (const char *)w, n);
	tu = ast_parse(path, &opt);
	CHECK(tu->parsed);
	CHECK_EQ_INT(tu->nerrors, 0);
	struct ir_func *f = find_func(tu, "u16");
	if (CHECK(f)) {
		CHECK_EQ_INT(f->loc.line, 2);
		CHECK_EQ_STR(shape(stmt(f, 0)), "(return (binop add (declref a) (int 1)))");
	}
	ast_tu_free(tu);
	free(path);

	/* garbage bytes */
	unsigned char g[4096];
	unsigned x = 12345;
	for (size_t i = 0; i < sizeof(g); i++) {
		x = x * 1103515245u + 12345u;
		g[i] = (unsigned char)(x >> 16);
	}
	path = write_file("garbage.c", (const char *)g, sizeof(g));
	tu = ast_parse(path, &opt);
	CHECK(tu->parsed);
	CHECK(tu->nerrors > 0);
	ast_tu_free(tu);
	free(path);

	/* an empty file */
	path = write_file("empty.c", "", 0);
	tu = ast_parse(path, &opt);
	CHECK(tu->parsed);
	CHECK_EQ_INT(tu->nerrors, 0);
	CHECK_EQ_INT(tu->nfuncs, 0);
	ast_tu_free(tu);
	free(path);
}

static void test_ast__dump(void)
{
	struct ir_tu *tu =
		parse_src("dump.c", "int d(int a) { return a ? 1 : 2; }\n"
				    "const FLT_OPERATION_REGISTRATION R[] = { { 3 } };\n");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ir_dump_tu(f, tu);
	fclose(f);
	CHECK(strstr(buf, "(func \"d\" link=\"d\"") != NULL);
	CHECK(strstr(buf, "(cond ") != NULL);
	CHECK(strstr(buf, "(declref \"a\" param#0") != NULL);
	CHECK(strstr(buf, "(table \"R\"") != NULL);
	CHECK(strstr(buf, "major=3") != NULL);
	free(buf);
	ast_tu_free(tu);
}

static void test_ast__model_headers(void)
{
	char *hdr = xfmt("%s/fltKernel.h", FLTCHECK_MODEL_DIR);
	FILE *probe = fopen(hdr, "r");
	free(hdr);
	if (!probe)
		return; /* the bundled model is not there yet */
	fclose(probe);
	const char *src =
		"#include <fltKernel.h>\n"
		"FLT_PREOP_CALLBACK_STATUS PreCreate(PFLT_CALLBACK_DATA Data,\n"
		"    PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)\n"
		"{\n"
		"  UNREFERENCED_PARAMETER(FltObjects);\n"
		"  UNREFERENCED_PARAMETER(CompletionContext);\n"
		"  if (!FLT_IS_IRP_OPERATION(Data)) return FLT_PREOP_SUCCESS_NO_CALLBACK;\n"
		"  return FLT_PREOP_SUCCESS_NO_CALLBACK;\n"
		"}\n"
		"CONST FLT_OPERATION_REGISTRATION Callbacks[] = {\n"
		"  { IRP_MJ_CREATE, 0, PreCreate, NULL },\n"
		"  { IRP_MJ_OPERATION_END }\n"
		"};\n";
	char *path = write_file("model.c", src, strlen(src));
	struct ast_options opt = { 0 };
	opt.model_dir = FLTCHECK_MODEL_DIR;
	struct ir_tu *tu = ast_parse(path, &opt);
	CHECK(tu->parsed);
	if (tu->nerrors)
		fprintf(stderr, "note: the model headers give %u errors, first: %s:%u: %s\n",
			tu->nerrors, tu->diags[0].loc.file, tu->diags[0].loc.line,
			tu->diags[0].text);
	struct ir_func *f = find_func(tu, "PreCreate");
	if (CHECK(f)) {
		CHECK_EQ_STR(f->ret_type, "FLT_PREOP_CALLBACK_STATUS");
		CHECK_EQ_STR(f->params[0].type, "PFLT_CALLBACK_DATA");
	}
	struct ir_reg_table *t = find_table(tu, "Callbacks");
	if (CHECK(t)) {
		CHECK(t->has_terminator);
		CHECK_EQ_INT(t->nentries, 1);
	}
	ast_tu_free(tu);
	free(path);
}

static void remove_tmpdir(void)
{
	char *cmd = xfmt("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove '%s'\n", tmpdir);
	free(cmd);
}

void unit_main(void)
{
	const char *t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/fltcheck-ast-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		exit(2);
	}
	UNIT_RUN(test_ast__for_presence);
	UNIT_RUN(test_ast__if_loops_goto);
	UNIT_RUN(test_ast__switch_cases);
	UNIT_RUN(test_ast__seh);
	UNIT_RUN(test_ast__expressions);
	UNIT_RUN(test_ast__locals);
	UNIT_RUN(test_ast__reg_tables);
	UNIT_RUN(test_ast__cpp);
	UNIT_RUN(test_ast__errors);
	UNIT_RUN(test_ast__missing_and_odd_files);
	UNIT_RUN(test_ast__dump);
	UNIT_RUN(test_ast__model_headers);
	if (!getenv("AST_TEST_KEEP"))
		remove_tmpdir();
}
