/*
 * Unit tests for finding fingerprints (analyzer/fingerprint.c): SHA-256
 * against the FIPS 180-2 vectors, statement normalization, relative paths,
 * and the stability properties on a small driver written into a temporary
 * directory in several variants (blank lines and a comment on top,
 * functions reordered, re-indented, CRLF), each in its own folder used as
 * the source root, so that the relative path stays "drv.c".
 */
#define _POSIX_C_SOURCE 200809L

#include "fingerprint.h"

#include "arena.h"
#include "rule.h"
#include "source.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *tmp;           /* the temporary directory */
static struct ptrvec files; /* files we wrote, then directories, to remove */
static struct ptrvec dirs;

static const struct rule rule_sync = { .id = "sync-non-irp", .severity = SEV_WARNING };
static const struct rule rule_pend = { .id = "pend-non-irp", .severity = SEV_WARNING };

/* Writes text to <tmp>/<dir>/<name>; returns the path (heap, kept in files). */
static char *write_file(const char *dir, const char *name, const char *text)
{
	char *d = xfmt("%s/%s", tmp, dir);
	if (mkdir(d, 0700) == 0)
		ptrvec_push(&dirs, d);
	else
		free(d);
	char *p = xfmt("%s/%s/%s", tmp, dir, name);
	FILE *f = fopen(p, "wb");
	if (!f) {
		unit_fail(__FILE__, __LINE__, "cannot create a temporary file");
		return p;
	}
	fputs(text, f);
	fclose(f);
	ptrvec_push(&files, p);
	return p;
}

/* Line and column (1-based, bytes) of the nth occurrence of needle after anchor in text. */
static int locate(const char *text, const char *anchor, const char *needle, unsigned nth,
		  unsigned *line, unsigned *col)
{
	const char *p = strstr(text, anchor);
	if (!p)
		return 0;
	for (unsigned i = 0;; i++) {
		p = strstr(p, needle);
		if (!p)
			return 0;
		if (i == nth)
			break;
		p++;
	}
	unsigned l = 1;
	const char *bol = text;
	for (const char *q = text; q < p; q++)
		if (*q == '\n') {
			l++;
			bol = q + 1;
		}
	*line = l;
	*col = (unsigned)(p - bol) + 1;
	return 1;
}

/* A finding to place: rule, function (also the anchor), statement text and which one. */
struct spec {
	const struct rule *rule;
	const char *function;
	const char *needle;
	unsigned nth;
};

/*
 * Writes text as <dir>/drv.c, reports a finding for each spec, computes
 * fingerprints with <tmp>/<dir> as the root and stores spec i's in out[i].
 */
static int fingerprints(const char *dir, const char *text, const struct spec *sp, unsigned n,
			char (*out)[17])
{
	char *path = write_file(dir, "drv.c", text);
	char *root = xfmt("%s/%s", tmp, dir);
	struct findings fs = { 0 };
	unsigned line[16], col[16];
	for (unsigned i = 0; i < n; i++) {
		char *anchor = xfmt("%s(", sp[i].function);
		if (!CHECK(locate(text, anchor, sp[i].needle, sp[i].nth, &line[i], &col[i])))
			line[i] = col[i] = 1;
		free(anchor);
		struct ir_loc loc = { path, line[i], col[i] };
		CHECK(findings_add(&fs, sp[i].rule, loc, sp[i].function, "message") != NULL);
	}
	findings_sort(&fs);
	char(*fp)[17] = xcalloc(fs.n ? fs.n : 1, sizeof(*fp));
	int ret = fingerprint_compute(&fs, root, fp);
	for (unsigned i = 0; i < n; i++) {
		strcpy(out[i], "?");
		for (unsigned j = 0; j < fs.n; j++)
			if (fs.v[j].line == line[i] && fs.v[j].col == col[i] &&
			    fs.v[j].rule == sp[i].rule)
				strcpy(out[i], fp[j]);
	}
	free(fp);
	findings_free(&fs);
	free(root);
	return ret;
}

/* --- SHA-256 ------------------------------------------------------------------------ */

static void check_sha(const char *data, size_t n, const char *want)
{
	unsigned char h[32];
	char hex[65];
	fingerprint_sha256(data, n, h);
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	CHECK_EQ_STR(hex, want);
}

static void test_fingerprint__sha256_fips(void)
{
	check_sha("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check_sha("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	/* 448 bits: the padding needs a second block */
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	check_sha(two, strlen(two),
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	const char *long_msg = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
			       "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	check_sha(long_msg, strlen(long_msg),
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
	size_t million = 1000000;
	char *a = xmalloc(million);
	memset(a, 'a', million);
	check_sha(a, million, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

/* --- statement text ------------------------------------------------------------------- */

static void check_stmt(const char *name, const char *text, const char *needle, const char *want)
{
	char *p = write_file("stmt", name, text);
	unsigned line, col;
	if (!CHECK(locate(text, "", needle, 0, &line, &col)))
		return;
	char *got = fingerprint_statement(p, line, col);
	CHECK_EQ_STR(got, want);
	free(got);
}

static void test_fingerprint__statement_text(void)
{
	check_stmt("ret.c", "void f(void)\n{\n\treturn   FLT_PREOP_PENDING ; // why\n}\n", "return",
		   "return FLT_PREOP_PENDING;");
	check_stmt("call.c",
		   "void f(void)\n{\n\tstatus = FltCancelFileOpen( Instance, /* the file */\n"
		   "\t\t\tFileObject );\n}\n",
		   "status", "status=FltCancelFileOpen(Instance,FileObject);");
	check_stmt("crlf.c",
		   "void f(void)\r\n{\r\n\tstatus = FltCancelFileOpen( Instance, /* the file */\r\n"
		   "\t\t\tFileObject );\r\n}\r\n",
		   "status", "status=FltCancelFileOpen(Instance,FileObject);");
	/* an if: the head only, not the body */
	check_stmt(
		"if.c",
		"void f(void)\n{\n\tif (FltIsOperationSynchronous( Data )) {\n\t\tx = 1;\n\t}\n}\n",
		"if", "if(FltIsOperationSynchronous(Data))");
	check_stmt("for.c", "void f(void)\n{\n\tfor (i = 0; i < n; i++)\n\t\tg(i);\n}\n", "for",
		   "for(i=0;i<n;i++)");
	/* a call inside a condition ends with the call */
	check_stmt(
		"inner.c",
		"void f(void)\n{\n\tif (FltIsOperationSynchronous( Data )) {\n\t\tx = 1;\n\t}\n}\n",
		"FltIs", "FltIsOperationSynchronous(Data)");
	check_stmt("brace.c", "void f(void)\n{\n\tx = 1;\n}\n", "}", "}");
	check_stmt("do.c", "void f(void)\n{\n\tdo {\n\t\tx++;\n\t} while (x < 3);\n}\n", "do",
		   "do");
	/* comments separate tokens; strings are kept as written */
	check_stmt("merge.c", "int f(void)\n{\n\treturn/*none*/0;\n}\n", "return", "return 0;");
	check_stmt("str.c", "void f(void)\n{\n\tDbgPrint(\"a  b; // c\"  ) ;\n}\n", "DbgPrint",
		   "DbgPrint(\"a  b; // c\");");
	check_stmt("num.c", "void f(void)\n{\n\tx = 1.5e+3 + 0x1Full;\n}\n", "x",
		   "x=1.5e+3+0x1Full;");
	/* a preprocessor line inside the statement is dropped */
	check_stmt("pp.c", "void f(void)\n{\n\tx = a\n#ifdef DBG\n\t\t+ b\n#endif\n\t\t;\n}\n", "x",
		   "x=a+b;");
	check_stmt("splice.c", "void f(void)\n{\n\tx = a + \\\n\t\tb;\n}\n", "x", "x=a+b;");
	CHECK(fingerprint_statement("/nonexistent/fltcheck/none.c", 1, 1) == NULL);
	char *p = write_file("stmt", "short.c", "int x;\n");
	CHECK(fingerprint_statement(p, 99, 1) == NULL);
}

static void test_fingerprint__relpath(void)
{
	char *r;
	CHECK_EQ_STR(r = fingerprint_relpath("/nonexistent/src/drv/a.c", "/nonexistent/src"),
		     "drv/a.c");
	free(r);
	CHECK_EQ_STR(r = fingerprint_relpath("/nonexistent/src/a.c", "/nonexistent/src/"), "a.c");
	free(r);
	CHECK_EQ_STR(r = fingerprint_relpath("/nonexistent/srcx/a.c", "/nonexistent/src"),
		     "/nonexistent/srcx/a.c");
	free(r);
	CHECK_EQ_STR(r = fingerprint_relpath("/elsewhere/a.c", "/nonexistent/src"),
		     "/elsewhere/a.c");
	free(r);
	CHECK_EQ_STR(r = fingerprint_relpath("C:\\src\\drv\\a.c", "C:\\src"), "drv/a.c");
	free(r);
	CHECK_EQ_STR(r = fingerprint_relpath("a.c", NULL), "a.c");
	free(r);
	/* real files: a spelling with "." and ".." resolves under the root */
	char *p = write_file("rel", "x.c", "int x;\n");
	char *odd = xfmt("%s/rel/../rel/./x.c", tmp);
	char *root = xfmt("%s/rel/", tmp);
	CHECK_EQ_STR(r = fingerprint_relpath(odd, root), "x.c");
	free(r);
	free(odd);
	free(root);
	(void)p;
}

/* --- stability ---------------------------------------------------------------------------- */

static const char base_text[] = "#include <fltKernel.h>\n"
				"\n"
				"FLT_PREOP_CALLBACK_STATUS PreA(PFLT_CALLBACK_DATA Data)\n"
				"{\n"
				"\tif (Data->Iopb->MajorFunction == IRP_MJ_READ)\n"
				"\t\treturn FLT_PREOP_PENDING;\n"
				"\tFltSetCallbackDataDirty(Data);\n"
				"\treturn FLT_PREOP_PENDING;\n"
				"}\n"
				"\n"
				"FLT_PREOP_CALLBACK_STATUS PreB(PFLT_CALLBACK_DATA Data)\n"
				"{\n"
				"\tUNREFERENCED_PARAMETER(Data);\n"
				"\treturn FLT_PREOP_PENDING;\n"
				"}\n";

static const struct spec base_specs[] = {
	{ &rule_sync, "PreA", "if", 0 },     { &rule_sync, "PreA", "return", 0 },
	{ &rule_sync, "PreA", "return", 1 }, { &rule_sync, "PreB", "return", 0 },
	{ &rule_pend, "PreA", "return", 1 },
};
#define NSPECS (sizeof(base_specs) / sizeof(base_specs[0]))

static void check_same(char (*a)[17], char (*b)[17], const char *what)
{
	for (unsigned i = 0; i < NSPECS; i++)
		if (strcmp(a[i], b[i]) != 0) {
			char *m =
				xfmt("%s: fingerprint %u changed (%s vs %s)", what, i, a[i], b[i]);
			unit_fail(__FILE__, __LINE__, m);
			free(m);
		}
}

static void test_fingerprint__format(void)
{
	char fp[NSPECS][17];
	CHECK_EQ_INT(fingerprints("fmt", base_text, base_specs, NSPECS, fp), 0);
	for (unsigned i = 0; i < NSPECS; i++) {
		CHECK_EQ_INT(strlen(fp[i]), 16);
		CHECK(strspn(fp[i], "0123456789abcdef") == 16);
	}
	/* spec 2 is the second "return FLT_PREOP_PENDING;" in PreA: k = 1 */
	const char *in = "v1|sync-non-irp|drv.c|PreA|return FLT_PREOP_PENDING;|1";
	unsigned char h[32];
	char hex[17];
	fingerprint_sha256(in, strlen(in), h);
	for (unsigned i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	CHECK_EQ_STR(fp[2], hex);
}

static void test_fingerprint__distinct(void)
{
	char fp[NSPECS][17];
	fingerprints("distinct", base_text, base_specs, NSPECS, fp);
	/* two identical statements in one function: k = 0 and 1 */
	CHECK(strcmp(fp[1], fp[2]) != 0);
	/* the same statement in another function */
	CHECK(strcmp(fp[1], fp[3]) != 0);
	CHECK(strcmp(fp[2], fp[3]) != 0);
	/* the same place, another rule */
	CHECK(strcmp(fp[2], fp[4]) != 0);
	CHECK(strcmp(fp[0], fp[1]) != 0);
}

static void test_fingerprint__survives_lines_above(void)
{
	char a[NSPECS][17], b[NSPECS][17];
	fingerprints("above0", base_text, base_specs, NSPECS, a);
	char *text = xfmt("/*\n * A comment added on top.\n */\n\n\n\n%s", base_text);
	fingerprints("above1", text, base_specs, NSPECS, b);
	check_same(a, b, "lines inserted above");
	free(text);
	/* a blank line and a comment inside a function, above the findings */
	const char *in_fn = "#include <fltKernel.h>\n"
			    "\n"
			    "FLT_PREOP_CALLBACK_STATUS PreA(PFLT_CALLBACK_DATA Data)\n"
			    "{\n"
			    "\t// look at the major function first\n"
			    "\n"
			    "\tif (Data->Iopb->MajorFunction == IRP_MJ_READ)\n"
			    "\t\treturn FLT_PREOP_PENDING;\n"
			    "\tFltSetCallbackDataDirty(Data);\n"
			    "\n"
			    "\treturn FLT_PREOP_PENDING; /* pending */\n"
			    "}\n"
			    "\n"
			    "FLT_PREOP_CALLBACK_STATUS PreB(PFLT_CALLBACK_DATA Data)\n"
			    "{\n"
			    "\tUNREFERENCED_PARAMETER(Data);\n"
			    "\treturn FLT_PREOP_PENDING;\n"
			    "}\n";
	fingerprints("above2", in_fn, base_specs, NSPECS, b);
	check_same(a, b, "lines inserted in the function");
}

static void test_fingerprint__survives_reordering(void)
{
	char a[NSPECS][17], b[NSPECS][17];
	fingerprints("order0", base_text, base_specs, NSPECS, a);
	const char *text = "#include <fltKernel.h>\n"
			   "\n"
			   "FLT_PREOP_CALLBACK_STATUS PreB(PFLT_CALLBACK_DATA Data)\n"
			   "{\n"
			   "\tUNREFERENCED_PARAMETER(Data);\n"
			   "\treturn FLT_PREOP_PENDING;\n"
			   "}\n"
			   "\n"
			   "FLT_PREOP_CALLBACK_STATUS PreA(PFLT_CALLBACK_DATA Data)\n"
			   "{\n"
			   "\tif (Data->Iopb->MajorFunction == IRP_MJ_READ)\n"
			   "\t\treturn FLT_PREOP_PENDING;\n"
			   "\tFltSetCallbackDataDirty(Data);\n"
			   "\treturn FLT_PREOP_PENDING;\n"
			   "}\n";
	fingerprints("order1", text, base_specs, NSPECS, b);
	check_same(a, b, "functions reordered");
}

static void test_fingerprint__survives_reindent(void)
{
	char a[NSPECS][17], b[NSPECS][17];
	fingerprints("indent0", base_text, base_specs, NSPECS, a);
	const char *text = "#include <fltKernel.h>\n"
			   "\n"
			   "FLT_PREOP_CALLBACK_STATUS PreA(PFLT_CALLBACK_DATA Data)\n"
			   "{\n"
			   "    if(Data->Iopb->MajorFunction==IRP_MJ_READ)\n"
			   "            return   FLT_PREOP_PENDING ;\n"
			   "    FltSetCallbackDataDirty( Data );\n"
			   "    return /* still */\n"
			   "        FLT_PREOP_PENDING;\n"
			   "}\n"
			   "\n"
			   "FLT_PREOP_CALLBACK_STATUS PreB(PFLT_CALLBACK_DATA Data)\n"
			   "{\n"
			   "  UNREFERENCED_PARAMETER(Data);\n"
			   "  return FLT_PREOP_PENDING;\n"
			   "}\n";
	fingerprints("indent1", text, base_specs, NSPECS, b);
	check_same(a, b, "re-indented");
}

static void test_fingerprint__survives_crlf(void)
{
	char a[NSPECS][17], b[NSPECS][17];
	fingerprints("crlf0", base_text, base_specs, NSPECS, a);
	size_t n = strlen(base_text);
	char *crlf = xmalloc(2 * n + 1), *o = crlf;
	for (size_t i = 0; i < n; i++) {
		if (base_text[i] == '\n')
			*o++ = '\r';
		*o++ = base_text[i];
	}
	*o = '\0';
	fingerprints("crlf1", crlf, base_specs, NSPECS, b);
	check_same(a, b, "CRLF");
	/* and back: LF written from the CRLF text */
	fingerprints("crlf2", base_text, base_specs, NSPECS, b);
	check_same(a, b, "LF again");
	free(crlf);
}

static void test_fingerprint__changes_with_statement(void)
{
	char a[NSPECS][17], b[NSPECS][17];
	fingerprints("change0", base_text, base_specs, NSPECS, a);
	/* PreB's return changes; nothing else does */
	const char *text = "#include <fltKernel.h>\n"
			   "\n"
			   "FLT_PREOP_CALLBACK_STATUS PreA(PFLT_CALLBACK_DATA Data)\n"
			   "{\n"
			   "\tif (Data->Iopb->MajorFunction == IRP_MJ_READ)\n"
			   "\t\treturn FLT_PREOP_PENDING;\n"
			   "\tFltSetCallbackDataDirty(Data);\n"
			   "\treturn FLT_PREOP_PENDING;\n"
			   "}\n"
			   "\n"
			   "FLT_PREOP_CALLBACK_STATUS PreB(PFLT_CALLBACK_DATA Data)\n"
			   "{\n"
			   "\tUNREFERENCED_PARAMETER(Data);\n"
			   "\treturn FLT_PREOP_SUCCESS_WITH_CALLBACK;\n"
			   "}\n";
	fingerprints("change1", text, base_specs, NSPECS, b);
	CHECK(strcmp(a[3], b[3]) != 0);
	for (unsigned i = 0; i < NSPECS; i++)
		if (i != 3)
			CHECK_EQ_STR(a[i], b[i]);
	/* the condition of the if changes: its fingerprint changes */
	const char *cond = "#include <fltKernel.h>\n"
			   "\n"
			   "FLT_PREOP_CALLBACK_STATUS PreA(PFLT_CALLBACK_DATA Data)\n"
			   "{\n"
			   "\tif (Data->Iopb->MajorFunction == IRP_MJ_WRITE)\n"
			   "\t\treturn FLT_PREOP_PENDING;\n"
			   "\tFltSetCallbackDataDirty(Data);\n"
			   "\treturn FLT_PREOP_PENDING;\n"
			   "}\n"
			   "\n"
			   "FLT_PREOP_CALLBACK_STATUS PreB(PFLT_CALLBACK_DATA Data)\n"
			   "{\n"
			   "\tUNREFERENCED_PARAMETER(Data);\n"
			   "\treturn FLT_PREOP_PENDING;\n"
			   "}\n";
	fingerprints("change2", cond, base_specs, NSPECS, b);
	CHECK(strcmp(a[0], b[0]) != 0);
	CHECK_EQ_STR(a[1], b[1]);
}

static void test_fingerprint__root_and_unreadable(void)
{
	char a[NSPECS][17];
	fingerprints("root0", base_text, base_specs, NSPECS, a);
	/* the same file fingerprinted with another root: the path part differs */
	char *path = xfmt("%s/root0/drv.c", tmp);
	struct findings fs = { 0 };
	unsigned line, col;
	locate(base_text, "PreA(", "if", 0, &line, &col);
	findings_add(&fs, &rule_sync, (struct ir_loc){ path, line, col }, "PreA", "m");
	char fp[1][17];
	CHECK_EQ_INT(fingerprint_compute(&fs, tmp, fp), 0);
	CHECK(strcmp(fp[0], a[0]) != 0);
	/* a root written with a trailing slash and a ".." */
	char *root = xfmt("%s/root0/../root0/", tmp);
	CHECK_EQ_INT(fingerprint_compute(&fs, root, fp), 0);
	CHECK_EQ_STR(fp[0], a[0]);
	free(root);
	free(path);
	findings_free(&fs);
	/* a file that cannot be read: -1, and still a fingerprint */
	findings_add(&fs, &rule_sync, (struct ir_loc){ "/nonexistent/fltcheck/x.c", 3, 1 }, "F",
		     "m");
	CHECK_EQ_INT(fingerprint_compute(&fs, "/nonexistent/fltcheck", fp), -1);
	CHECK_EQ_INT(strlen(fp[0]), 16);
	findings_free(&fs);
}

void unit_main(void)
{
	char templ[] = "/tmp/fltcheck-fp-XXXXXX";
	tmp = mkdtemp(templ);
	if (!tmp) {
		unit_fail(__FILE__, __LINE__, "mkdtemp");
		return;
	}
	UNIT_RUN(test_fingerprint__sha256_fips);
	UNIT_RUN(test_fingerprint__statement_text);
	UNIT_RUN(test_fingerprint__relpath);
	UNIT_RUN(test_fingerprint__format);
	UNIT_RUN(test_fingerprint__distinct);
	UNIT_RUN(test_fingerprint__survives_lines_above);
	UNIT_RUN(test_fingerprint__survives_reordering);
	UNIT_RUN(test_fingerprint__survives_reindent);
	UNIT_RUN(test_fingerprint__survives_crlf);
	UNIT_RUN(test_fingerprint__changes_with_statement);
	UNIT_RUN(test_fingerprint__root_and_unreadable);
	source_release();
	for (unsigned i = 0; i < files.n; i++) {
		unlink(files.v[i]);
		free(files.v[i]);
	}
	for (unsigned i = dirs.n; i-- > 0;) {
		rmdir(dirs.v[i]);
		free(dirs.v[i]);
	}
	rmdir(tmp);
	ptrvec_free(&files);
	ptrvec_free(&dirs);
}
