/*
 * Unit tests of the engine through the whole pipeline (frontend, program
 * link, engine, rules) on small self-contained sources: state merging keeps
 * many independent branches cheap, loops terminate, helpers are analyzed at
 * their call sites, and registration in one file links callbacks in another.
 * The sources declare the few WDK names they use, so the tests do not depend
 * on the bundled model headers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ast.h"
#include "program.h"
#include "rule.h"
#include "unit.h"

static const char prelude[] =
	"typedef long NTSTATUS; typedef unsigned char UCHAR; typedef unsigned long ULONG;\n"
	"typedef void *PVOID; typedef unsigned char BOOLEAN;\n"
	"typedef enum _FLT_PREOP_CALLBACK_STATUS { FLT_PREOP_SUCCESS_WITH_CALLBACK,\n"
	"  FLT_PREOP_SUCCESS_NO_CALLBACK, FLT_PREOP_PENDING, FLT_PREOP_DISALLOW_FASTIO,\n"
	"  FLT_PREOP_COMPLETE, FLT_PREOP_SYNCHRONIZE } FLT_PREOP_CALLBACK_STATUS;\n"
	"typedef enum _FLT_POSTOP_CALLBACK_STATUS { FLT_POSTOP_FINISHED_PROCESSING,\n"
	"  FLT_POSTOP_MORE_PROCESSING_REQUIRED } FLT_POSTOP_CALLBACK_STATUS;\n"
	"typedef struct { NTSTATUS Status; ULONG Information; } IO_STATUS_BLOCK;\n"
	"typedef struct { ULONG IrpFlags; UCHAR MajorFunction; } FLT_IO_PARAMETER_BLOCK;\n"
	"typedef struct { ULONG Flags; FLT_IO_PARAMETER_BLOCK *Iopb; IO_STATUS_BLOCK IoStatus; }\n"
	"  FLT_CALLBACK_DATA, *PFLT_CALLBACK_DATA;\n"
	"typedef const void *PCFLT_RELATED_OBJECTS;\n"
	"typedef FLT_PREOP_CALLBACK_STATUS (*PRE)(PFLT_CALLBACK_DATA, PCFLT_RELATED_OBJECTS, PVOID "
	"*);\n"
	"typedef FLT_POSTOP_CALLBACK_STATUS (*POST)(PFLT_CALLBACK_DATA, PCFLT_RELATED_OBJECTS, "
	"PVOID, ULONG);\n"
	"typedef struct _FLT_OPERATION_REGISTRATION { UCHAR MajorFunction; ULONG Flags; PRE "
	"PreOperation;\n"
	"  POST PostOperation; PVOID Reserved1; } FLT_OPERATION_REGISTRATION;\n"
	"int Unknown(int);\n";

static char dir[64];

static char *write_file(const char *name, const char *body)
{
	char *path = xfmt("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	fputs(prelude, f);
	fputs(body, f);
	fclose(f);
	return path;
}

struct result {
	struct findings fs;
	unsigned long visits;
	unsigned incomplete;
};

static void analyze(const char *const *paths, unsigned n, struct result *res)
{
	struct ir_tu *tus[8];
	struct program p;
	program_init(&p);
	struct ast_options o = { 0 };
	o.model_dir = FLTCHECK_MODEL_DIR;
	for (unsigned i = 0; i < n; i++) {
		tus[i] = ast_parse(paths[i], &o);
		CHECK(tus[i]->parsed);
		CHECK_EQ_INT(tus[i]->nerrors, 0);
		program_add_tu(&p, tus[i]);
	}
	program_link(&p);
	bool enabled[64];
	for (int i = 0; i < 64; i++)
		enabled[i] = true;
	memset(&res->fs, 0, sizeof(res->fs));
	engine_run(&p, enabled, &res->fs, NULL, 1);
	findings_sort(&res->fs);
	res->visits = p.stat_visits;
	res->incomplete = p.stat_incomplete;
	program_release(&p);
	for (unsigned i = 0; i < n; i++)
		ast_tu_free(tus[i]);
}

static int count_rule(const struct result *r, const char *id, unsigned line)
{
	int n = 0;
	for (unsigned i = 0; i < r->fs.n; i++)
		if (!strcmp(r->fs.v[i].rule->id, id) && (!line || r->fs.v[i].line == line))
			n++;
	return n;
}

static void test_engine__many_independent_branches_stay_cheap(void)
{
	/* 40 ifs that each set a different flag: 2^40 paths, but few states. */
	char *body =
		xstrdup("FLT_PREOP_CALLBACK_STATUS Pre(PFLT_CALLBACK_DATA Data,\n"
			"  PCFLT_RELATED_OBJECTS F, PVOID *C) {\n"
			"  int f[40]; int a0=0,a1=0,a2=0,a3=0,a4=0,a5=0,a6=0,a7=0,a8=0,a9=0;\n");
	for (int i = 0; i < 40; i++) {
		char *nb = xfmt("%s  if (Unknown(%d)) a%d = %d;\n", body, i, i % 10, i);
		free(body);
		body = nb;
	}
	char *nb = xfmt("%s  return FLT_PREOP_SYNCHRONIZE;\n}\n"
			"const FLT_OPERATION_REGISTRATION R[] = { { 3, 0, Pre, 0 }, { 0x80 } };\n",
			body);
	free(body);
	char *path = write_file("branches.c", nb);
	free(nb);
	struct result r;
	const char *paths[] = { path };
	analyze(paths, 1, &r);
	CHECK_EQ_INT(r.incomplete, 0);
	CHECK(r.visits < 200000);
	CHECK_EQ_INT(count_rule(&r, "sync-non-irp", 0), 1);
	CHECK_EQ_INT(count_rule(&r, "missing-postop", 0), 1);
	findings_free(&r.fs);
	free(path);
}

static void test_engine__loops_terminate(void)
{
	char *path = write_file(
		"loops.c",
		"FLT_PREOP_CALLBACK_STATUS Pre(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS F,\n"
		"  PVOID *C) {\n"
		"  int i, n = 0; FLT_PREOP_CALLBACK_STATUS s = FLT_PREOP_SUCCESS_NO_CALLBACK;\n"
		"  for (i = 0; i < 1000; i++) { n = n + i; if (Unknown(n)) s = FLT_PREOP_COMPLETE; "
		"}\n"
		"  while (Unknown(n)) { n++; }\n"
		"  if (s == FLT_PREOP_COMPLETE) Data->IoStatus.Status = 0;\n"
		"  return s;\n}\n"
		"const FLT_OPERATION_REGISTRATION R[] = { { 0x12, 0, Pre, 0 }, { 0x80 } };\n");
	struct result r;
	const char *paths[] = { path };
	analyze(paths, 1, &r);
	CHECK_EQ_INT(r.incomplete, 0);
	CHECK_EQ_INT(r.fs.n, 0); /* the status variable is narrowed by the test on it */
	findings_free(&r.fs);
	free(path);
}

static void test_engine__helper_return_reported_at_callback(void)
{
	char *path = write_file(
		"helper.c",
		"static FLT_PREOP_CALLBACK_STATUS Decide(PFLT_CALLBACK_DATA D) {\n"
		"  if (D->Iopb->MajorFunction == 0) return FLT_PREOP_SUCCESS_NO_CALLBACK;\n"
		"  return FLT_PREOP_SYNCHRONIZE;\n}\n"
		"FLT_PREOP_CALLBACK_STATUS Pre(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS F,\n"
		"  PVOID *C) {\n"
		"  return Decide(Data);\n" /* line 25 of the file: prelude is 19 lines */
		"}\n"
		"static FLT_POSTOP_CALLBACK_STATUS Post(PFLT_CALLBACK_DATA D, "
		"PCFLT_RELATED_OBJECTS F,\n"
		"  PVOID C, ULONG G) { return FLT_POSTOP_FINISHED_PROCESSING; }\n"
		"const FLT_OPERATION_REGISTRATION R[] = { { 0, 0, Pre, Post }, { 3, 0, Pre, Post "
		"},\n"
		"  { 0x80 } };\n");
	struct result r;
	const char *paths[] = { path };
	analyze(paths, 1, &r);
	/* the helper's guard leaves READ only: fast I/O possible, not synchronous;
	 * CREATE never reaches the SYNCHRONIZE, so no sync-create */
	CHECK_EQ_INT(r.fs.n, 2);
	for (unsigned i = 0; i < r.fs.n; i++) {
		CHECK_EQ_STR(r.fs.v[i].function, "Pre");
		CHECK(r.fs.v[i].nsteps >= 3);
		bool saw_helper_step = false;
		for (unsigned k = 0; k < r.fs.v[i].nsteps; k++)
			saw_helper_step |= strstr(r.fs.v[i].steps[k].msg, "Decide") != NULL;
		CHECK(saw_helper_step);
	}
	CHECK_EQ_INT(count_rule(&r, "sync-non-irp", 0), 1);
	CHECK_EQ_INT(count_rule(&r, "sync-async-io", 0), 1);
	CHECK_EQ_INT(count_rule(&r, "sync-create", 0), 0);
	findings_free(&r.fs);
	free(path);
}

static void test_engine__registration_in_another_file(void)
{
	char *a = write_file("callbacks.c",
			     "FLT_PREOP_CALLBACK_STATUS PreClose(PFLT_CALLBACK_DATA Data,\n"
			     "  PCFLT_RELATED_OBJECTS F, PVOID *C) {\n"
			     "  Data->IoStatus.Status = (NTSTATUS)0xC0000022L;\n"
			     "  return FLT_PREOP_COMPLETE;\n}\n");
	char *b = write_file("registration.c",
			     "FLT_PREOP_CALLBACK_STATUS PreClose(PFLT_CALLBACK_DATA Data,\n"
			     "  PCFLT_RELATED_OBJECTS F, PVOID *C);\n"
			     "const FLT_OPERATION_REGISTRATION R[] = { { 0x02, 0, PreClose, 0 },\n"
			     "  { 0x80 } };\n");
	struct result r;
	const char *paths[] = { a, b };
	analyze(paths, 2, &r);
	CHECK_EQ_INT(count_rule(&r, "fail-cleanup-close", 0), 1);
	findings_free(&r.fs);

	/* alone, the callback is known only by its signature: no kind to judge */
	const char *one[] = { a };
	analyze(one, 1, &r);
	CHECK_EQ_INT(count_rule(&r, "fail-cleanup-close", 0), 0);
	findings_free(&r.fs);
	free(a);
	free(b);
}

void unit_main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/fltcheck-engine-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	UNIT_RUN(test_engine__many_independent_branches_stay_cheap);
	UNIT_RUN(test_engine__loops_terminate);
	UNIT_RUN(test_engine__helper_return_reported_at_callback);
	UNIT_RUN(test_engine__registration_in_another_file);
	char *cmd = xfmt("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
}
