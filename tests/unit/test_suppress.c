/*
 * Unit tests for inline suppressions (analyzer/suppress.c). A driver file
 * with every form (same line, line above, too far above, no reason,
 * unknown rule, several ids, block comment, prefast and warning pragmas,
 * foreign warning numbers, a marker inside a string) is written into a
 * temporary directory; findings are placed on its lines by searching for
 * the call they name, then suppress_apply and the notes are checked.
 */
#define _POSIX_C_SOURCE 200809L

#include "suppress.h"

#include "arena.h"
#include "rule.h"
#include "source.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *tmp;
static struct ptrvec files;

static const struct rule rule_sync = { .id = "sync-non-irp", .severity = SEV_WARNING };
static const struct rule rule_pend = { .id = "pend-non-irp", .severity = SEV_WARNING };
static const struct rule rule_create = { .id = "sync-create", .severity = SEV_WARNING };

static bool known_rule(const char *id)
{
	return strcmp(id, "sync-non-irp") == 0 || strcmp(id, "pend-non-irp") == 0 ||
	       strcmp(id, "sync-create") == 0;
}

static char *write_file(const char *name, const char *text)
{
	char *p = xfmt("%s/%s", tmp, name);
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

/* The line of text holding needle (1-based), or 0. */
static unsigned line_of(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);
	if (!p)
		return 0;
	unsigned l = 1;
	for (const char *q = text; q < p; q++)
		l += *q == '\n';
	return l;
}

static const char driver[] =
	"void f(PFLT_CALLBACK_DATA Data)\n"
	"{\n"
	"\tcall_a(); // fltcheck-suppress sync-non-irp: the data is known to be an IRP here\n"
	"\t// fltcheck-suppress pend-non-irp: reviewed, FastIo is disabled\n"
	"\tcall_b();\n"
	"\t// fltcheck-suppress sync-create: too far away\n"
	"\n"
	"\tcall_c();\n"
	"\tcall_d(); // fltcheck-suppress sync-non-irp\n"
	"\tcall_e(); // fltcheck-suppress no-such-rule: a reason\n"
	"\tcall_f(); // fltcheck-suppress sync-non-irp, pend-non-irp: both are fine here\n"
	"\t/* fltcheck-suppress sync-create: a block\n"
	"\t * comment over two lines */\n"
	"\tcall_g();\n"
	"#pragma prefast(suppress: sync-non-irp, \"reviewed in PR 12\")\n"
	"\tcall_h();\n"
	"#pragma warning(suppress: 28175)\n"
	"\tcall_i();\n"
	"#pragma prefast(suppress: 28175 __WARNING_X sync-create, \"mixed\")\n"
	"\tcall_j();\n"
	"\tcall_k(); // fltcheck-suppress pend-non-irp: nothing to suppress here\n"
	"\tx = \"// fltcheck-suppress sync-non-irp: in a string\";\n"
	"#pragma warning(suppress: sync-create) // old code, reviewed\n"
	"\tcall_l();\n"
	"#pragma prefast(suppress: sync-non-irp)\n"
	"\tcall_m();\n"
	"\tcall_n(); /* fltcheck-suppress sync-non-irp: block on the same line */\n"
	"\t// fltcheck-suppress-begin sync-non-irp\n"
	"\tcall_p(); // fltcheck-suppress sync-non-irp: only for call_p\n"
	"\tcall_q();\n"
	"#pragma prefast(suppress: sync-nonirp, \"typo\")\n"
	"\tcall_r();\n"
	"}\n";

struct placed {
	const struct rule *rule;
	const char *call;
	bool suppressed; /* expected */
};

static const struct placed placed[] = {
	{ &rule_sync, "call_a", true },    /* same line */
	{ &rule_pend, "call_b", true },    /* line above */
	{ &rule_sync, "call_b", false },   /* line above names another rule */
	{ &rule_create, "call_c", false }, /* two lines above */
	{ &rule_sync, "call_d", false },   /* no reason */
	{ &rule_sync, "call_e", false },   /* unknown rule id */
	{ &rule_sync, "call_f", true },    /* several ids */
	{ &rule_pend, "call_f", true },
	{ &rule_create, "call_g", true }, /* block comment above */
	{ &rule_sync, "call_h", true },   /* prefast pragma */
	{ &rule_sync, "call_i", false },  /* foreign warning number */
	{ &rule_create, "call_j", true }, /* prefast pragma, mixed list */
	{ &rule_sync, "\tx = ", false },  /* a marker inside a string */
	{ &rule_create, "call_l", true }, /* warning pragma with a comment reason */
	{ &rule_sync, "call_m", false },  /* prefast pragma without a reason */
	{ &rule_sync, "call_n", true },   /* block comment on the same line */
	{ &rule_sync, "call_q", false },  /* a trailing comment above does not count */
	{ &rule_sync, "call_r", false },  /* unknown id in a pragma */
};
#define NPLACED (sizeof(placed) / sizeof(placed[0]))

static char *driver_path;

static void add_findings(struct findings *fs, const char *path)
{
	for (unsigned i = 0; i < NPLACED; i++) {
		struct ir_loc loc = { path, line_of(driver, placed[i].call), 2 };
		CHECK(loc.line != 0);
		CHECK(findings_add(fs, placed[i].rule, loc, "f", placed[i].call) != NULL);
	}
}

/* Does fs still hold the finding of placed[i]? */
static bool still_there(const struct findings *fs, unsigned i)
{
	unsigned line = line_of(driver, placed[i].call);
	for (unsigned j = 0; j < fs->n; j++)
		if (fs->v[j].line == line && fs->v[j].rule == placed[i].rule &&
		    strcmp(fs->v[j].file, driver_path) == 0)
			return true;
	return false;
}

static const struct suppression *entry_at(const struct suppressions *s, unsigned line,
					  const char *rule)
{
	for (unsigned i = 0; i < s->n; i++)
		if (s->v[i].line == line && strcmp(s->v[i].rule, rule) == 0)
			return &s->v[i];
	return NULL;
}

static void test_suppress__apply(void)
{
	struct suppressions s = { 0 };
	const char *list[] = { driver_path };
	suppress_scan(&s, list, 1, known_rule);

	struct findings fs = { 0 };
	add_findings(&fs, driver_path);
	/* a finding in another file on a suppressed line stays */
	char *other = write_file("other.c", driver);
	findings_add(&fs, &rule_sync, (struct ir_loc){ other, line_of(driver, "call_a"), 2 }, "f",
		     "other");
	findings_sort(&fs);
	unsigned expect = 0;
	for (unsigned i = 0; i < NPLACED; i++)
		expect += placed[i].suppressed;
	CHECK_EQ_INT(suppress_apply(&s, &fs), expect);
	CHECK_EQ_INT(fs.n, NPLACED + 1 - expect);
	for (unsigned i = 0; i < NPLACED; i++)
		if (still_there(&fs, i) == placed[i].suppressed) {
			char *m = xfmt("finding %u at %s: expected %s", i, placed[i].call,
				       placed[i].suppressed ? "suppressed" : "kept");
			unit_fail(__FILE__, __LINE__, m);
			free(m);
		}
	/* the rest keep their order */
	for (unsigned j = 1; j < fs.n; j++)
		CHECK(strcmp(fs.v[j - 1].file, fs.v[j].file) < 0 ||
		      (strcmp(fs.v[j - 1].file, fs.v[j].file) == 0 &&
		       fs.v[j - 1].line <= fs.v[j].line));

	/* what the scan recorded */
	const struct suppression *e;
	CHECK((e = entry_at(&s, line_of(driver, "call_a"), "sync-non-irp")) && e->valid &&
	      e->used && strcmp(e->reason, "the data is known to be an IRP here") == 0);
	CHECK((e = entry_at(&s, line_of(driver, "call_f"), "pend-non-irp")) && e->used &&
	      strcmp(e->reason, "both are fine here") == 0);
	CHECK((e = entry_at(&s, line_of(driver, "a block"), "sync-create")) && e->used &&
	      strcmp(e->reason, "a block comment over two lines") == 0);
	CHECK((e = entry_at(&s, line_of(driver, "PR 12"), "sync-non-irp")) && e->used &&
	      strcmp(e->reason, "reviewed in PR 12") == 0);
	CHECK((e = entry_at(&s, line_of(driver, "old code"), "sync-create")) && e->used &&
	      strcmp(e->reason, "old code, reviewed") == 0);
	CHECK((e = entry_at(&s, line_of(driver, "call_d"), "sync-non-irp")) && !e->valid &&
	      !e->reason && e->problem);
	CHECK((e = entry_at(&s, line_of(driver, "call_e"), "no-such-rule")) && !e->valid);
	CHECK((e = entry_at(&s, line_of(driver, "too far"), "sync-create")) && e->valid &&
	      !e->used);
	/* foreign names in pragmas and markers in strings leave no entry */
	for (unsigned i = 0; i < s.n; i++) {
		CHECK(s.v[i].line != line_of(driver, "28175)"));
		CHECK(strcmp(s.v[i].rule, "28175") != 0 && strcmp(s.v[i].rule, "__WARNING_X") != 0);
		CHECK(s.v[i].line != line_of(driver, "in a string"));
	}

	/* the notes */
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	suppress_print_notes(out, &s);
	fclose(out);
	struct {
		const char *line_text, *what;
	} notes[] = {
		{ "too far", "unused suppression of 'sync-create'" },
		{ "call_d", "suppression of 'sync-non-irp' without a reason is ignored" },
		{ "call_e", "unknown rule 'no-such-rule'" },
		{ "call_k", "unused suppression of 'pend-non-irp'" },
		{ "suppress: sync-non-irp)", "without a reason is ignored" },
		{ "suppress-begin", "unknown suppression form 'fltcheck-suppress-begin'" },
		{ "call_p", "unused suppression of 'sync-non-irp'" },
		{ "sync-nonirp", "unknown rule 'sync-nonirp'" },
	};
	unsigned nlines = 0;
	for (const char *p = buf; *p; p++)
		nlines += *p == '\n';
	CHECK_EQ_INT(nlines, sizeof(notes) / sizeof(notes[0]));
	for (unsigned i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
		char *head = xfmt("%s:%u:", finding_display_path(driver_path),
				  line_of(driver, notes[i].line_text));
		bool found = false;
		for (const char *p = buf; p && *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			char *one = xfmt("%.*s", (int)n, p);
			if (strncmp(one, head, strlen(head)) == 0 && strstr(one, ": note: ") &&
			    strstr(one, notes[i].what))
				found = true;
			free(one);
			p = nl ? nl + 1 : p + n;
		}
		if (!found) {
			char *m = xfmt("no note '%s' at %s in:\n%s", notes[i].what, head, buf);
			unit_fail(__FILE__, __LINE__, m);
			free(m);
		}
		free(head);
	}
	free(buf);
	findings_free(&fs);
	suppress_free(&s);
	CHECK(s.n == 0 && s.v == NULL);
}

static void test_suppress__only_scanned_files(void)
{
	/* suppressions of a file that was not scanned do not apply */
	struct suppressions s = { 0 };
	char *other = write_file("unscanned-a.c", "int x;\n");
	const char *list[] = { other };
	suppress_scan(&s, list, 1, known_rule);
	CHECK_EQ_INT(s.n, 0);
	struct findings fs = { 0 };
	findings_add(&fs, &rule_sync, (struct ir_loc){ driver_path, line_of(driver, "call_a"), 2 },
		     "f", "m");
	CHECK_EQ_INT(suppress_apply(&s, &fs), 0);
	CHECK_EQ_INT(fs.n, 1);
	findings_free(&fs);
	suppress_free(&s);
}

static void test_suppress__path_spelling_and_crlf(void)
{
	const char *text = "void g(void)\r\n"
			   "{\r\n"
			   "\t// fltcheck-suppress sync-non-irp: CRLF file\r\n"
			   "\tcall_a();\r\n"
			   "\tcall_b(); // fltcheck-suppress sync-create: trailing\r\n"
			   "}\r\n";
	char *path = write_file("crlf.c", text);
	char *odd = xfmt("%s/../%s/./crlf.c", tmp, strrchr(tmp, '/') + 1);
	struct suppressions s = { 0 };
	const char *list[] = { path };
	suppress_scan(&s, list, 1, known_rule);
	CHECK_EQ_INT(s.n, 2);
	CHECK(s.n == 2 && strcmp(s.v[0].reason, "CRLF file") == 0 && s.v[0].line == 3 &&
	      s.v[0].next_line == 4);
	CHECK(s.n == 2 && strcmp(s.v[1].reason, "trailing") == 0 && s.v[1].next_line == 0);
	struct findings fs = { 0 };
	findings_add(&fs, &rule_sync, (struct ir_loc){ odd, 4, 2 }, "g", "m");
	findings_add(&fs, &rule_create, (struct ir_loc){ odd, 5, 2 }, "g", "m");
	CHECK_EQ_INT(suppress_apply(&s, &fs), 2);
	CHECK_EQ_INT(fs.n, 0);
	findings_free(&fs);
	suppress_free(&s);
	free(odd);
}

static void test_suppress__no_rule_table(void)
{
	/* rule_exists NULL: comment ids are accepted, pragma names need a '-' */
	const char *text = "void h(void)\n"
			   "{\n"
			   "\tcall_a(); // fltcheck-suppress anything: ok\n"
			   "#pragma prefast(suppress: 28175 some-rule, \"why\")\n"
			   "\tcall_b();\n"
			   "}\n";
	char *path = write_file("norules.c", text);
	struct suppressions s = { 0 };
	const char *list[] = { path };
	suppress_scan(&s, list, 1, NULL);
	CHECK_EQ_INT(s.n, 2);
	CHECK(s.n == 2 && strcmp(s.v[0].rule, "anything") == 0 && s.v[0].valid);
	CHECK(s.n == 2 && strcmp(s.v[1].rule, "some-rule") == 0 && s.v[1].valid &&
	      s.v[1].next_line == 5);
	suppress_free(&s);
}

void unit_main(void)
{
	char templ[] = "/tmp/fltcheck-sup-XXXXXX";
	tmp = mkdtemp(templ);
	if (!tmp) {
		unit_fail(__FILE__, __LINE__, "mkdtemp");
		return;
	}
	driver_path = write_file("drv.c", driver);
	UNIT_RUN(test_suppress__apply);
	UNIT_RUN(test_suppress__only_scanned_files);
	UNIT_RUN(test_suppress__path_spelling_and_crlf);
	UNIT_RUN(test_suppress__no_rule_table);
	source_release();
	for (unsigned i = 0; i < files.n; i++) {
		unlink(files.v[i]);
		free(files.v[i]);
	}
	ptrvec_free(&files);
	rmdir(tmp);
}
