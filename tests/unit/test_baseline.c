/*
 * Unit tests for baseline files (analyzer/baseline.c): the file
 * baseline_write produces (sorted, each fingerprint once, paths relative to
 * the root, byte for byte the same for the same findings, written through a
 * temporary file), baseline_read reading it back, baseline_has, and the
 * one-line errors, naming the file, for files that are missing, not JSON,
 * of another version or scheme, or hold a malformed fingerprint.
 */
#define _POSIX_C_SOURCE 200809L

#include "baseline.h"

#include "arena.h"
#include "finding.h"
#include "rule.h"
#include "unit.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *tmp; /* the temporary folder */
static struct arena A;

static const struct rule rule_a = { .id = "sync-non-irp", .title = "a", .severity = SEV_WARNING };
static const struct rule rule_b = { .id = "missing-postop", .title = "b", .severity = SEV_ERROR };

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = arena_alloc(&A, (size_t)n + 1);
	size_t got = fread(buf, 1, (size_t)n, f);
	buf[got] = '\0';
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!CHECK(f != NULL))
		return;
	fputs(text, f);
	fclose(f);
}

static unsigned count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	unsigned n = 0;
	if (!d)
		return 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void add(struct findings *fs, const struct rule *r, const char *file, const char *fp,
		const char *function, const char *message)
{
	struct ir_loc loc = { 0 };
	loc.file = file;
	loc.line = fs->n + 1;
	loc.col = 1;
	struct finding *f = findings_add(fs, r, loc, function, message);
	if (CHECK(f != NULL))
		snprintf(f->fingerprint, sizeof(f->fingerprint), "%s", fp);
}

static void free_fps(struct ptrvec *fps)
{
	for (unsigned i = 0; i < fps->n; i++)
		free(fps->v[i]);
	ptrvec_free(fps);
}

/* The file written for a few findings, and what reading it gives back. */
static void test_baseline__write_and_read(void)
{
	char *dir = arena_fmt(&A, "%s/w", tmp);
	char *path = arena_fmt(&A, "%s/baseline.json", dir);
	struct findings fs = { 0 };
	struct ptrvec fps = { 0 };
	char *err = NULL;

	CHECK_EQ_INT(mkdir(dir, 0755), 0);
	add(&fs, &rule_a, "/src/drv/ops.c", "bbbbbbbbbbbbbbbb", "PreRead", "waits \"here\"");
	add(&fs, &rule_b, "/src/drv/ops.c", "aaaaaaaaaaaaaaaa", "PostRead", "no post-op");
	add(&fs, &rule_a, "/src/drv/a/init.c", "cccccccccccccccc", "DriverEntry", "x");
	add(&fs, &rule_a, "/elsewhere/h.h", "dddddddddddddddd", "Inline", "y");
	/* the same finding twice (a fingerprint appears once), and one without a fingerprint */
	add(&fs, &rule_a, "/src/drv/ops.c", "bbbbbbbbbbbbbbbb", "PreRead", "waits \"here\"");
	add(&fs, &rule_a, "/src/drv/ops.c", "", "PreRead", "not computed");
	CHECK_EQ_INT(baseline_write(path, &fs, "/src/drv", &err), 0);
	CHECK(err == NULL);
	/* Sorted by file, rule, fingerprint; paths relative to the root when under it. */
	CHECK_EQ_STR(
		slurp(path),
		"{\n"
		"  \"version\": 1,\n"
		"  \"tool\": \"fltcheck\",\n"
		"  \"fingerprint_version\": 1,\n"
		"  \"findings\": [\n"
		"    {\"fingerprint\": \"dddddddddddddddd\", \"rule\": \"sync-non-irp\", "
		"\"file\": \"/elsewhere/h.h\", \"function\": \"Inline\", \"message\": \"y\"},\n"
		"    {\"fingerprint\": \"cccccccccccccccc\", \"rule\": \"sync-non-irp\", "
		"\"file\": \"a/init.c\", \"function\": \"DriverEntry\", \"message\": \"x\"},\n"
		"    {\"fingerprint\": \"aaaaaaaaaaaaaaaa\", \"rule\": \"missing-postop\", "
		"\"file\": \"ops.c\", \"function\": \"PostRead\", \"message\": \"no post-op\"},\n"
		"    {\"fingerprint\": \"bbbbbbbbbbbbbbbb\", \"rule\": \"sync-non-irp\", "
		"\"file\": \"ops.c\", \"function\": \"PreRead\", \"message\": \"waits "
		"\\\"here\\\"\"}\n"
		"  ]\n"
		"}\n");
	/* nothing else is left in the folder (the temporary file is renamed) */
	CHECK_EQ_INT(count_entries(dir), 1);

	CHECK_EQ_INT(baseline_read(path, &fps, &err), 0);
	CHECK(err == NULL);
	CHECK_EQ_INT(fps.n, 4);
	if (fps.n == 4) {
		CHECK_EQ_STR(fps.v[0], "aaaaaaaaaaaaaaaa");
		CHECK_EQ_STR(fps.v[3], "dddddddddddddddd");
	}
	CHECK(baseline_has(&fps, "aaaaaaaaaaaaaaaa"));
	CHECK(baseline_has(&fps, "cccccccccccccccc"));
	CHECK(baseline_has(&fps, "dddddddddddddddd"));
	CHECK(!baseline_has(&fps, "eeeeeeeeeeeeeeee"));
	CHECK(!baseline_has(&fps, "aaaaaaaa"));
	free_fps(&fps);
	CHECK(!baseline_has(&fps, "aaaaaaaaaaaaaaaa"));

	/* The same findings in another order give the same bytes, over the old file. */
	char *first = slurp(path);
	struct findings rev = { 0 };
	for (unsigned i = fs.n; i-- > 0;)
		add(&rev, fs.v[i].rule, fs.v[i].file, fs.v[i].fingerprint, fs.v[i].function,
		    fs.v[i].message);
	CHECK_EQ_INT(baseline_write(path, &rev, "/src/drv/", &err), 0);
	CHECK_EQ_STR(slurp(path), first);
	CHECK_EQ_INT(count_entries(dir), 1);
	findings_free(&rev);
	findings_free(&fs);
}

/* No findings: an empty list, which reads back as nothing. */
static void test_baseline__empty(void)
{
	char *path = arena_fmt(&A, "%s/empty.json", tmp);
	struct findings fs = { 0 };
	struct ptrvec fps = { 0 };
	char *err = NULL;

	CHECK_EQ_INT(baseline_write(path, &fs, "/src", &err), 0);
	CHECK_EQ_STR(slurp(path), "{\n  \"version\": 1,\n  \"tool\": \"fltcheck\",\n"
				  "  \"fingerprint_version\": 1,\n  \"findings\": []\n}\n");
	CHECK_EQ_INT(baseline_read(path, &fps, &err), 0);
	CHECK_EQ_INT(fps.n, 0);
	CHECK(!baseline_has(&fps, "aaaaaaaaaaaaaaaa"));
	free_fps(&fps);
}

/* Only "fingerprint" matters on reading; a hand-edited file with extra fields is fine. */
static void test_baseline__read_lenient(void)
{
	char *path = arena_fmt(&A, "%s/hand.json", tmp);
	struct ptrvec fps = { 0 };
	char *err = NULL;

	spit(path, "{\"findings\": [{\"fingerprint\": \"0123456789abcdef\", \"why\": \"ok\"},\n"
		   "{\"fingerprint\": \"0000000000000000\"}, {\"fingerprint\": "
		   "\"0123456789abcdef\"}],\n"
		   " \"fingerprint_version\": 1, \"version\": 1, \"extra\": [1, 2]}");
	CHECK_EQ_INT(baseline_read(path, &fps, &err), 0);
	CHECK_EQ_INT(fps.n, 2);
	if (fps.n == 2) {
		CHECK_EQ_STR(fps.v[0], "0000000000000000");
		CHECK_EQ_STR(fps.v[1], "0123456789abcdef");
	}
	free_fps(&fps);
}

/* Reads text as a baseline, expecting a one-line error that names the file and
 * contains want. */
static void read_fails(const char *text, const char *want, int line)
{
	static unsigned n;
	char *path = arena_fmt(&A, "%s/bad-%u.json", tmp, n++);
	struct ptrvec fps = { 0 };
	char *err = NULL;

	if (text)
		spit(path, text);
	unit_check_int(__FILE__, line, baseline_read(path, &fps, &err), -1, "baseline_read fails");
	unit_check_int(__FILE__, line, fps.n, 0, "no fingerprints");
	if (!err) {
		unit_fail(__FILE__, line, "no error message");
		return;
	}
	unit_check_int(__FILE__, line, strstr(err, path) != NULL, 1, "names the file");
	unit_check_int(__FILE__, line, strchr(err, '\n') == NULL, 1, "one line");
	if (!strstr(err, want))
		unit_check_str(__FILE__, line, err, want, "error message");
	free(err);
	free_fps(&fps);
}

static void test_baseline__malformed(void)
{
	read_fails(NULL, "cannot read baseline", __LINE__);
	read_fails("not json", "not valid JSON", __LINE__);
	read_fails("", "not valid JSON", __LINE__);
	read_fails("[1, 2]", "not an fltcheck baseline", __LINE__);
	read_fails("{\"findings\": []}", "not an fltcheck baseline", __LINE__);
	read_fails("{\"version\": \"1\", \"fingerprint_version\": 1, \"findings\": []}",
		   "not an fltcheck baseline", __LINE__);
	read_fails("{\"version\": 2, \"fingerprint_version\": 1, \"findings\": []}", "version 2",
		   __LINE__);
	read_fails("{\"version\": 1, \"fingerprint_version\": 0, \"findings\": []}",
		   "another scheme", __LINE__);
	read_fails("{\"version\": 1, \"findings\": []}", "another scheme", __LINE__);
	read_fails("{\"version\": 1, \"fingerprint_version\": 1}", "no \"findings\"", __LINE__);
	read_fails("{\"version\": 1, \"fingerprint_version\": 1, \"findings\": {}}",
		   "no \"findings\"", __LINE__);
	/* good entries before a bad one are not kept */
	read_fails("{\"version\": 1, \"fingerprint_version\": 1, \"findings\": [\n"
		   "{\"fingerprint\": \"0123456789abcdef\"},\n"
		   "{\"fingerprint\": \"0123456789ABCDEF\"}]}",
		   "finding 2 (line 3)", __LINE__);
	read_fails("{\"version\": 1, \"fingerprint_version\": 1, \"findings\": "
		   "[{\"fingerprint\": \"0123456789abcde\"}]}",
		   "finding 1", __LINE__);
	read_fails("{\"version\": 1, \"fingerprint_version\": 1, \"findings\": "
		   "[{\"fingerprint\": \"0123456789abcdef0\"}]}",
		   "finding 1", __LINE__);
	read_fails("{\"version\": 1, \"fingerprint_version\": 1, \"findings\": "
		   "[{\"fingerprint\": 12345}]}",
		   "finding 1", __LINE__);
	read_fails("{\"version\": 1, \"fingerprint_version\": 1, \"findings\": [\"abc\"]}",
		   "finding 1", __LINE__);
}

/* A file that cannot be written: a one-line error, and the old file stays. */
static void test_baseline__write_fails(void)
{
	struct findings fs = { 0 };
	char *err = NULL;
	char *path = arena_fmt(&A, "%s/no-such-dir/b.json", tmp);

	add(&fs, &rule_a, "/src/a.c", "aaaaaaaaaaaaaaaa", "F", "m");
	CHECK_EQ_INT(baseline_write(path, &fs, "/src", &err), -1);
	CHECK(err != NULL && strstr(err, path) && !strchr(err, '\n'));
	free(err);
	err = NULL;

	/* a folder in the way of the rename: the temporary file is removed */
	char *dir = arena_fmt(&A, "%s/d", tmp);
	CHECK_EQ_INT(mkdir(dir, 0755), 0);
	CHECK_EQ_INT(mkdir(arena_fmt(&A, "%s/taken", dir), 0755), 0);
	CHECK_EQ_INT(baseline_write(arena_fmt(&A, "%s/taken", dir), &fs, "/src", &err), -1);
	CHECK(err != NULL);
	free(err);
	CHECK_EQ_INT(count_entries(dir), 1);
	findings_free(&fs);
}

static void run(const char *name, void (*fn)(void))
{
	arena_init(&A);
	unit_run(name, fn);
	arena_release(&A);
}

#define RUN(fn) run(#fn, fn)

void unit_main(void)
{
	char templ[] = "/tmp/fltcheck-baseline-XXXXXX";

	tmp = mkdtemp(templ);
	if (!tmp) {
		unit_fail(__FILE__, __LINE__, "mkdtemp");
		return;
	}
	RUN(test_baseline__write_and_read);
	RUN(test_baseline__empty);
	RUN(test_baseline__read_lenient);
	RUN(test_baseline__malformed);
	RUN(test_baseline__write_fails);
	arena_init(&A);
	if (system(arena_fmt(&A, "rm -rf '%s'", tmp)) != 0)
		fprintf(stderr, "cannot remove '%s'\n", tmp);
	arena_release(&A);
}
