/*
 * Unit tests for the findings database (analyzer/store.c), on real database
 * files in a temporary folder: creation and reopening, migration from the
 * prototype layout, refusal of newer, foreign, garbage and truncated files
 * (which must stay byte for byte as they were), runs committed whole or not
 * at all (aborted, closed, or killed mid-run), triage across runs, paths
 * stored relative to the run's source root, the files of a run, fingerprint
 * prefixes, two connections contending for the write lock, and the TU and
 * file caches.
 * Raw SQLite is used only to build or inspect files behind the store's back.
 */
#define _POSIX_C_SOURCE 200809L

#include "store.h"

#include "arena.h"
#include "finding.h"
#include "rule.h"
#include "unit.h"

#include <errno.h>
#include <fnmatch.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *tmp;      /* the temporary folder */
static struct arena A; /* strings of the current test */
static unsigned ndb;

static const struct rule rule_a = { .id = "MF1001", .title = "a", .severity = SEV_WARNING };
static const struct rule rule_b = { .id = "MF2002", .title = "b", .severity = SEV_ERROR };

/* A fresh database path in tmp (the file does not exist yet). */
static char *new_path(const char *stem)
{
	return arena_fmt(&A, "%s/%s-%u.db", tmp, stem, ndb++);
}

/* The whole file, in the arena; *len its size; NULL when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	*len = 0;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = arena_alloc(&A, (size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

static void spit(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!CHECK(f != NULL))
		return;
	fwrite(data, 1, len, f);
	fclose(f);
}

static bool exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "raw_exec: %s\n", msg);
		unit_fail(__FILE__, __LINE__, "raw_exec");
	}
	sqlite3_free(msg);
	sqlite3_close(db);
}

/* One integer (or text, when text is not NULL) from a query, read behind the store. */
static long long raw_int(const char *path, const char *sql, char **text)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		if (text)
			*text = arena_strdup(&A, (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Opens path, which must succeed. */
static struct store *open_ok(const char *path, int line)
{
	struct store *s = NULL;
	char *err = NULL;

	if (store_open_timeout(path, 2000, &s, &err) != STORE_OK) {
		fprintf(stderr, "%s:%d: store_open: %s\n", __FILE__, line, err);
		unit_fail(__FILE__, line, "store_open");
	}
	free(err);
	return s;
}
#define OPEN_OK(path) open_ok(path, __LINE__)

/* Opens path, which must fail with a message matching the glob want ($T for tmp). */
static void open_fails(const char *path, const char *want, int line)
{
	struct store *s = NULL;
	char *err = NULL;
	int rc = store_open(path, &s, &err);
	char *w = arena_strdup(&A, want), *t;

	while ((t = strstr(w, "$T")) != NULL)
		w = arena_fmt(&A, "%.*s%s%s", (int)(t - w), w, tmp, t + 2);
	unit_check_int(__FILE__, line, rc, STORE_ERROR, "store_open fails");
	unit_check_int(__FILE__, line, s == NULL, 1, "no handle");
	if (!err || fnmatch(w, err, 0) != 0)
		unit_check_str(__FILE__, line, err, w, "error message");
	unit_check_int(__FILE__, line, err && strchr(err, '\n') == NULL, 1, "one line");
	free(err);
}

/* A finding of rule r; strings point at literals (store.c copies what it needs). */
static struct finding make_finding(const struct rule *r, const char *file, unsigned line,
				   const char *message)
{
	struct finding f = { 0 };

	f.rule = r;
	f.file = (char *)file;
	f.line = line;
	f.col = 5;
	f.function = (char *)"PreCreate";
	f.message = (char *)message;
	return f;
}

static const struct store_run_info run_info = { .tool_version = "0.1.0",
						.rule_set = "MF1001,MF2002",
						.arguments = "fltcheck --db x src",
						.source_root = "/src/driver",
						.revision = NULL };

/* Stores a whole run of nfp findings with fingerprints fp[i]; its id. */
static int64_t add_run(struct store *s, const char *revision, const char *const *fp, unsigned n)
{
	struct store_run_info info = run_info;
	int64_t id = 0;
	unsigned i;

	info.revision = revision;
	CHECK_EQ_INT(store_begin_run(s, &info, &id), STORE_OK);
	for (i = 0; i < n; i++) {
		struct finding f = make_finding(&rule_a, "src/a.c", 10 + i, "pended and completed");
		CHECK_EQ_INT(store_put_finding(s, id, &f, fp[i], 1), STORE_OK);
	}
	CHECK_EQ_INT(store_commit_run(s, id, 3, 0), STORE_OK);
	return id;
}

/* Findings of a run, collected as "fingerprint:state" joined by spaces. */
struct collect {
	char buf[1024];
	unsigned n;
};

static int collect_cb(void *ctx, const struct store_finding *f)
{
	struct collect *c = ctx;
	size_t len = strlen(c->buf);

	snprintf(c->buf + len, sizeof(c->buf) - len, "%s%s:%s", len ? " " : "", f->fingerprint,
		 f->state);
	c->n++;
	return 0;
}

static const char *findings_of(struct store *s, int64_t run, const char *rule, const char *state)
{
	struct collect c = { { 0 }, 0 };
	int rc = store_get_findings(s, run, rule, state, collect_cb, &c);

	if (rc == STORE_NOT_FOUND)
		return "(no run)";
	CHECK_EQ_INT(rc, STORE_OK);
	return arena_strdup(&A, c.buf);
}

static int count_cb(void *ctx, const struct store_run *r)
{
	(void)r;
	++*(unsigned *)ctx;
	return 0;
}

static unsigned count_runs(struct store *s)
{
	unsigned n = 0;

	CHECK_EQ_INT(store_list_runs(s, count_cb, &n), STORE_OK);
	return n;
}

/* ---- tests -------------------------------------------------------------- */

static void test_store__schema_file_matches(void)
{
	size_t len;
	const char *text = slurp(FLTCHECK_TEST_DATA "/../../analyzer/schema.sql", &len);

	if (!CHECK(text != NULL))
		return;
	CHECK_EQ_INT(len, strlen(store_schema_sql));
	CHECK(memcmp(text, store_schema_sql, len) == 0);
}

static void test_store__create_and_reopen(void)
{
	char *dir = arena_fmt(&A, "%s/new/nested", tmp);
	char *path = arena_fmt(&A, "%s/fltcheck.db", dir);
	char *mode = NULL;
	struct store *s = OPEN_OK(path);
	int64_t id = 0;

	CHECK(exists(path));
	CHECK_EQ_INT(store_latest_run(s, &id), STORE_NOT_FOUND);
	CHECK_EQ_STR(findings_of(s, 0, NULL, NULL), "(no run)");
	CHECK(store_errmsg(s) == NULL);
	store_close(s);
	CHECK_EQ_INT(raw_int(path, "PRAGMA user_version", NULL), STORE_SCHEMA_VERSION);
	CHECK_EQ_INT(raw_int(path, "PRAGMA application_id", NULL), STORE_APPLICATION_ID);
	raw_int(path, "PRAGMA journal_mode", &mode);
	CHECK_EQ_STR(mode, "wal");
	CHECK_EQ_INT(raw_int(path,
			     "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
			     "('runs', 'files', 'tus', 'tu_headers', 'findings', 'triage')",
			     NULL),
		     6);

	/* Reopening finds it as it was, and it works. */
	s = OPEN_OK(path);
	if (s) {
		static const char *const fp[] = { "aaaa" };
		add_run(s, NULL, fp, 1);
		store_close(s);
	}
	s = OPEN_OK(path);
	if (s) {
		CHECK_EQ_INT(count_runs(s), 1);
		store_close(s);
	}
	remove(path);
	rmdir(dir);
	rmdir(arena_fmt(&A, "%s/new", tmp));
}

static void test_store__run_round_trip(void)
{
	char *path = new_path("runs");
	struct store *s = OPEN_OK(path);
	struct finding f1 = make_finding(&rule_a, "src/a.c", 12, "returns \"pending\"\n");
	struct finding f2 = make_finding(&rule_b, "src/b.c", 7, "no completion");
	struct finding_step steps[2] = { { (char *)"src/a.c", 3, 1, (char *)"enters" },
					 { (char *)"src/a.c", 12, 5, (char *)"returns" } };
	struct store_run_info info = run_info;
	struct store_run r;
	int64_t id = 0, id2 = 0, got = 0;

	if (!s)
		return;
	f1.steps = steps;
	f1.nsteps = 2;
	f1.related_file = (char *)"src/reg.c";
	f1.related_line = 40;
	f1.related_col = 9;
	f1.related_msg = (char *)"registered here";
	info.revision = "abc123";
	CHECK_EQ_INT(store_begin_run(s, &info, &id), STORE_OK);
	CHECK(id > 0);
	CHECK_EQ_INT(store_put_finding(s, id, &f1, "fp-one", 1), STORE_OK);
	CHECK_EQ_INT(store_put_finding(s, id, &f2, "fp-two", 1), STORE_OK);
	/* Not yet visible to another connection. */
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM runs", NULL), 0);
	CHECK_EQ_INT(store_commit_run(s, id, 2, 1), STORE_OK);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM findings", NULL), 2);

	CHECK_EQ_INT(store_latest_run(s, &got), STORE_OK);
	CHECK_EQ_INT(got, id);
	CHECK_EQ_INT(store_run_by_revision(s, "abc123", &got), STORE_OK);
	CHECK_EQ_INT(got, id);
	CHECK_EQ_INT(store_run_by_revision(s, "nope", &got), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_run(s, id, &A, &r), STORE_OK);
	CHECK_EQ_STR(r.tool_version, "0.1.0");
	CHECK_EQ_STR(r.rule_set, "MF1001,MF2002");
	CHECK_EQ_STR(r.arguments, "fltcheck --db x src");
	CHECK_EQ_STR(r.source_root, "/src/driver");
	CHECK_EQ_STR(r.revision, "abc123");
	CHECK_EQ_INT(r.files_analyzed, 2);
	CHECK_EQ_INT(r.files_failed, 1);
	CHECK(r.complete);
	CHECK(r.started_at && strlen(r.started_at) == 20 && r.started_at[19] == 'Z');
	CHECK(r.finished_at != NULL);
	CHECK_EQ_INT(store_get_run(s, id + 100, &A, &r), STORE_NOT_FOUND);

	CHECK_EQ_STR(findings_of(s, 0, NULL, NULL), "fp-one:open fp-two:open");
	CHECK_EQ_STR(findings_of(s, id, "MF2002", NULL), "fp-two:open");
	CHECK_EQ_STR(findings_of(s, id, "MF9999", NULL), "");
	CHECK_EQ_STR(findings_of(s, id + 100, NULL, NULL), "(no run)");

	/* A second run without a revision. */
	{
		static const char *const fp[] = { "fp-one" };
		id2 = add_run(s, NULL, fp, 1);
	}
	CHECK(id2 > id);
	CHECK_EQ_INT(store_latest_run(s, &got), STORE_OK);
	CHECK_EQ_INT(got, id2);
	CHECK_EQ_INT(store_run_by_revision(s, "abc123", &got), STORE_OK);
	CHECK_EQ_INT(got, id);
	CHECK_EQ_INT(count_runs(s), 2);
	store_close(s);
}

/* The columns of the first finding, copied. */
struct first {
	bool seen;
	char *rule, *severity, *file, *function, *message, *steps, *related;
	unsigned line, col;
	int fpv;
};

static int first_cb(void *ctx, const struct store_finding *f)
{
	struct first *x = ctx;

	x->seen = true;
	x->rule = arena_strdup(&A, f->rule);
	x->severity = arena_strdup(&A, f->severity);
	x->file = arena_strdup(&A, f->file);
	x->function = arena_strdup(&A, f->function);
	x->message = arena_strdup(&A, f->message);
	x->steps = arena_strdup(&A, f->steps);
	x->related = f->related ? arena_strdup(&A, f->related) : NULL;
	x->line = f->line;
	x->col = f->col;
	x->fpv = f->fingerprint_version;
	return 1; /* stop: only the first */
}

static void test_store__finding_columns(void)
{
	char *path = new_path("cols");
	struct store *s = OPEN_OK(path);
	/* Paths under the run's source root (/src/driver) are stored relative to it, with
	 * '/' separators; others absolute. */
	struct finding f =
		make_finding(&rule_b, "/src/driver/src/a.c", 12, "returns \"pending\"\n");
	struct finding_step steps[2] = { { (char *)"/src/driver/src/a.c", 3, 1, (char *)"enters" },
					 { (char *)"/opt/wdk/fltKernel.h", 12, 5,
					   (char *)"tab\there" } };
	struct first x = { 0 };
	int64_t id = 0;

	if (!s)
		return;
	f.steps = steps;
	f.nsteps = 2;
	f.related_file = (char *)"/src/driver/./src\\reg.c";
	f.related_line = 40;
	f.related_col = 9;
	f.related_msg = (char *)"registered here";
	CHECK_EQ_INT(store_begin_run(s, &run_info, &id), STORE_OK);
	CHECK_EQ_INT(store_put_finding(s, id, &f, "fp", 3), STORE_OK);
	CHECK_EQ_INT(store_commit_run(s, id, 1, 0), STORE_OK);
	CHECK_EQ_INT(store_get_findings(s, id, NULL, NULL, first_cb, &x), 1);
	CHECK(x.seen);
	CHECK_EQ_STR(x.rule, "MF2002");
	CHECK_EQ_STR(x.severity, "error");
	CHECK_EQ_STR(x.file, "src/a.c");
	CHECK_EQ_STR(x.function, "PreCreate");
	CHECK_EQ_STR(x.message, "returns \"pending\"\n");
	CHECK_EQ_INT(x.line, 12);
	CHECK_EQ_INT(x.col, 5);
	CHECK_EQ_INT(x.fpv, 3);
	CHECK_EQ_STR(x.steps, "[{\"file\":\"src/a.c\",\"line\":3,\"col\":1,\"msg\":\"enters\"},"
			      "{\"file\":\"/opt/wdk/"
			      "fltKernel.h\",\"line\":12,\"col\":5,\"msg\":\"tab\\there\"}]");
	CHECK_EQ_STR(x.related,
		     "{\"file\":\"src/reg.c\",\"line\":40,\"col\":9,\"msg\":\"registered here\"}");
	/* SQLite's own JSON functions read what we wrote. */
	CHECK_EQ_INT(raw_int(path, "SELECT json_extract(steps, '$[1].line') FROM findings", NULL),
		     12);
	store_close(s);
}

static void test_store__abort_keeps_previous_run(void)
{
	char *path = new_path("abort");
	static const char *const fp[] = { "keep-1", "keep-2" };
	struct finding f = make_finding(&rule_a, "src/x.c", 1, "partial");
	struct store *s = OPEN_OK(path);
	int64_t first, id = 0, got = 0;
	pid_t pid;
	int status = 0;

	if (!s)
		return;
	first = add_run(s, "r1", fp, 2);

	/* Aborted: nothing of it remains, and the store works on. */
	CHECK_EQ_INT(store_begin_run(s, &run_info, &id), STORE_OK);
	CHECK_EQ_INT(store_put_finding(s, id, &f, "partial-1", 1), STORE_OK);
	store_abort_run(s);
	CHECK_EQ_INT(store_latest_run(s, &got), STORE_OK);
	CHECK_EQ_INT(got, first);
	CHECK_EQ_INT(count_runs(s), 1);
	CHECK_EQ_STR(findings_of(s, 0, NULL, NULL), "keep-1:open keep-2:open");
	CHECK_EQ_INT(store_put_finding(s, id, &f, "late", 1), STORE_ERROR); /* run is gone */
	CHECK(store_errmsg(s) && strstr(store_errmsg(s), "is not open"));
	store_close(s);

	/* Closed without commit. */
	s = OPEN_OK(path);
	if (!s)
		return;
	CHECK_EQ_INT(store_begin_run(s, &run_info, &id), STORE_OK);
	CHECK_EQ_INT(store_put_finding(s, id, &f, "partial-2", 1), STORE_OK);
	store_close(s);

	/* Killed mid-run: a child begins a run, writes, and dies by SIGKILL. */
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		struct store *c = NULL;
		char *err = NULL;
		int64_t cid = 0;
		unsigned i;
		if (store_open(path, &c, &err) != STORE_OK ||
		    store_begin_run(c, &run_info, &cid) != STORE_OK)
			_exit(2);
		for (i = 0; i < 500; i++)
			store_put_finding(c, cid, &f, "killed", 1);
		raise(SIGKILL);
		_exit(3);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	s = OPEN_OK(path);
	if (!s)
		return;
	CHECK_EQ_INT(count_runs(s), 1);
	CHECK_EQ_INT(store_latest_run(s, &got), STORE_OK);
	CHECK_EQ_INT(got, first);
	CHECK_EQ_STR(findings_of(s, 0, NULL, NULL), "keep-1:open keep-2:open");
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM findings", NULL), 2);
	{
		char *ok = NULL;
		raw_int(path, "PRAGMA integrity_check", &ok);
		CHECK_EQ_STR(ok, "ok");
	}
	/* The next scan works. */
	{
		static const char *const fp2[] = { "next" };
		CHECK(add_run(s, NULL, fp2, 1) > first);
	}
	CHECK_EQ_INT(count_runs(s), 2);
	store_close(s);
}

static void test_store__triage_survives_runs(void)
{
	char *path = new_path("triage");
	static const char *const fp[] = { "t-1", "t-2", "t-3" };
	struct store *s = OPEN_OK(path);
	struct store_triage t;
	int64_t r2;

	if (!s)
		return;
	add_run(s, NULL, fp, 3);
	CHECK_EQ_INT(store_get_triage(s, "t-1", &A, &t), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_set_triage(s, "t-1", "false-positive", "checked by hand"), STORE_OK);
	CHECK_EQ_INT(store_set_triage(s, "t-2", "confirmed", NULL), STORE_OK);
	CHECK_EQ_INT(store_set_triage(s, "t-2", "intentional", "by design"), STORE_OK);
	CHECK_EQ_INT(store_get_triage(s, "t-1", &A, &t), STORE_OK);
	CHECK_EQ_STR(t.state, "false-positive");
	CHECK_EQ_STR(t.note, "checked by hand");
	CHECK(t.updated_at != NULL);
	store_close(s);

	/* A later run, in a later process, sees the decisions. */
	s = OPEN_OK(path);
	if (!s)
		return;
	r2 = add_run(s, NULL, fp, 3);
	CHECK_EQ_STR(findings_of(s, r2, NULL, NULL), "t-1:false-positive t-2:intentional t-3:open");
	CHECK_EQ_STR(findings_of(s, r2, NULL, "open"), "t-3:open");
	CHECK_EQ_STR(findings_of(s, r2, NULL, "intentional"), "t-2:intentional");
	CHECK_EQ_INT(store_get_triage(s, "t-2", &A, &t), STORE_OK);
	CHECK_EQ_STR(t.note, "by design");
	/* Triage set inside a run is part of it: aborted, it is gone. */
	{
		int64_t id = 0;
		CHECK_EQ_INT(store_begin_run(s, &run_info, &id), STORE_OK);
		CHECK_EQ_INT(store_set_triage(s, "t-3", "confirmed", NULL), STORE_OK);
		store_abort_run(s);
		CHECK_EQ_INT(store_get_triage(s, "t-3", &A, &t), STORE_NOT_FOUND);
	}
	/* A bad state is refused, and the error is sticky. */
	CHECK_EQ_INT(store_set_triage(s, "t-3", "wontfix", NULL), STORE_ERROR);
	CHECK_EQ_STR(store_errmsg(s), "invalid triage state 'wontfix' (expected open, confirmed, "
				      "false-positive or intentional)");
	CHECK_EQ_INT(store_set_triage(s, "t-3", "open", NULL), STORE_ERROR);
	CHECK_EQ_STR(store_errmsg(s), "invalid triage state 'wontfix' (expected open, confirmed, "
				      "false-positive or intentional)");
	store_close(s);
}

/* Triage rows as "fingerprint state note updated_at rule file" lines. */
static int list_cb(void *ctx, const struct store_triage_row *r)
{
	struct collect *c = ctx;
	size_t len = strlen(c->buf);
	snprintf(c->buf + len, sizeof(c->buf) - len, "%s %s %s %s %s %s\n", r->fingerprint,
		 r->state, r->note ? r->note : "-", r->updated_at, r->rule ? r->rule : "-",
		 /* the file as stored: absolute here (src/a.c is not under the run's root) */
		 !r->file                      ? "-"
		 : strstr(r->file, "/src/a.c") ? "src/a.c"
					       : r->file);
	c->n++;
	return 0;
}

/* Decisions listed in fingerprint order with their newest finding's place; merged by time. */
static void test_store__triage_export_import(void)
{
	char *path = new_path("tri-io");
	static const char *const fp[] = { "t-2", "t-1" };
	struct store *s = OPEN_OK(path);
	struct collect c = { { 0 }, 0 };
	unsigned counts[3];

	if (!s)
		return;
	add_run(s, NULL, fp, 2);
	raw_exec(path, "INSERT INTO triage VALUES ('t-2', 'confirmed', NULL, "
		       "'2026-01-02T00:00:00Z'), ('t-1', 'false-positive', 'logs only', "
		       "'2026-01-01T00:00:00Z'), ('zz', 'open', NULL, '2026-01-03T00:00:00Z')");
	CHECK_EQ_INT(store_list_triage(s, list_cb, &c), STORE_OK);
	CHECK_EQ_STR(c.buf, "t-1 false-positive logs only 2026-01-01T00:00:00Z "
			    "MF1001 src/a.c\n"
			    "t-2 confirmed - 2026-01-02T00:00:00Z MF1001 src/a.c\n"
			    "zz open - 2026-01-03T00:00:00Z - -\n");

	const struct store_triage_row in[] = {
		/* older than the one here, and different: kept */
		{ "t-2", "false-positive", NULL, "2026-01-01T12:00:00Z", NULL, NULL, NULL },
		/* newer: taken, with its own time */
		{ "t-1", "intentional", "by design", "2026-02-01T00:00:00Z", NULL, NULL, NULL },
		/* the same state and note: already recorded, whatever the time */
		{ "zz", "open", NULL, "2025-01-01T00:00:00Z", NULL, NULL, NULL },
		/* new here */
		{ "t-9", "confirmed", "", "2026-01-05T00:00:00Z", NULL, NULL, NULL },
	};
	CHECK_EQ_INT(store_import_triage(s, in, 4, counts), STORE_OK);
	CHECK_EQ_INT(counts[0], 2);
	CHECK_EQ_INT(counts[1], 1);
	CHECK_EQ_INT(counts[2], 1);
	memset(&c, 0, sizeof(c));
	CHECK_EQ_INT(store_list_triage(s, list_cb, &c), STORE_OK);
	CHECK_EQ_STR(c.buf, "t-1 intentional by design 2026-02-01T00:00:00Z MF1001 src/a.c\n"
			    "t-2 confirmed - 2026-01-02T00:00:00Z MF1001 src/a.c\n"
			    "t-9 confirmed  2026-01-05T00:00:00Z - -\n"
			    "zz open - 2026-01-03T00:00:00Z - -\n");

	/* a row without a time or with an unknown state: nothing is written */
	const struct store_triage_row bad[] = {
		{ "t-5", "confirmed", NULL, "2026-03-01T00:00:00Z", NULL, NULL, NULL },
		{ "t-6", "maybe", NULL, "2026-03-01T00:00:00Z", NULL, NULL, NULL },
	};
	CHECK_EQ_INT(store_import_triage(s, bad, 2, counts), STORE_ERROR);
	store_close(s);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM triage WHERE fingerprint = 't-5'", NULL),
		     0);
}

static void test_store__migrates_version_0(void)
{
	char *path = new_path("v0");
	struct store *s;
	struct store_triage t;
	struct store_run r;
	struct first x = { 0 };
	int64_t got = 0;

	raw_exec(path,
		 "CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT, "
		 "tool_version TEXT, argv TEXT);"
		 "CREATE TABLE findings (run_id INTEGER, rule TEXT, file TEXT, line INTEGER, "
		 "col INTEGER, message TEXT, fingerprint TEXT);"
		 "CREATE TABLE triage (fingerprint TEXT PRIMARY KEY, state TEXT, note TEXT);"
		 "INSERT INTO runs VALUES (1, '2024-01-01T00:00:00Z', '0.0.1', 'fltcheck a.c');"
		 "INSERT INTO runs VALUES (2, '2024-01-02T00:00:00Z', '0.0.1', 'fltcheck b.c');"
		 "INSERT INTO findings VALUES (1, 'MF1001', 'a.c', 3, 4, 'old one', 'old-1');"
		 "INSERT INTO findings VALUES (2, 'MF1001', 'b.c', 5, 6, 'old two', 'old-2');"
		 "INSERT INTO findings VALUES (2, 'MF2002', 'b.c', 9, 1, 'old three', 'old-3');"
		 "INSERT INTO findings VALUES (7, 'MF2002', 'x.c', 1, 1, 'orphan', 'old-4');"
		 "INSERT INTO triage VALUES ('old-2', 'false-positive', 'legacy note');"
		 "INSERT INTO triage VALUES ('old-3', 'bogus', NULL);"
		 "PRAGMA user_version = 0;");
	s = OPEN_OK(path);
	if (!s)
		return;
	CHECK_EQ_INT(store_latest_run(s, &got), STORE_OK);
	CHECK_EQ_INT(got, 2);
	CHECK_EQ_INT(count_runs(s), 2);
	CHECK_EQ_INT(store_get_run(s, 1, &A, &r), STORE_OK);
	CHECK_EQ_STR(r.arguments, "fltcheck a.c");
	CHECK_EQ_STR(r.started_at, "2024-01-01T00:00:00Z");
	CHECK_EQ_STR(r.tool_version, "0.0.1");
	CHECK_EQ_STR(findings_of(s, 2, NULL, NULL), "old-2:false-positive old-3:open");
	CHECK_EQ_STR(findings_of(s, 1, NULL, NULL), "old-1:open");
	CHECK_EQ_INT(store_get_findings(s, 1, NULL, NULL, first_cb, &x), 1);
	CHECK_EQ_STR(x.message, "old one");
	CHECK_EQ_INT(x.line, 3);
	CHECK_EQ_INT(x.fpv, 0);
	CHECK_EQ_STR(x.steps, "[]");
	CHECK_EQ_INT(store_get_triage(s, "old-2", &A, &t), STORE_OK);
	CHECK_EQ_STR(t.note, "legacy note");
	/* New runs go on from there. */
	{
		static const char *const fp[] = { "new" };
		CHECK_EQ_INT(add_run(s, NULL, fp, 1), 3);
	}
	store_close(s);
	CHECK_EQ_INT(raw_int(path, "PRAGMA user_version", NULL), STORE_SCHEMA_VERSION);
	CHECK_EQ_INT(
		raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'v0_%'", NULL),
		0);
	/* Opening again migrates nothing more. */
	s = OPEN_OK(path);
	if (s) {
		CHECK_EQ_INT(count_runs(s), 3);
		store_close(s);
	}
}

/* A new database at path made by the schema's sections 1 to version only. */
static bool make_old_db(const char *path, int version)
{
	const char *start = strstr(store_schema_sql, "\n-- @version-1\n");
	const char *end =
		start ? strstr(start, arena_fmt(&A, "\n-- @version-%d\n", version + 1)) : NULL;
	if (!CHECK(start && end))
		return false;
	raw_exec(path, arena_fmt(&A, "%.*s", (int)(end - start), start));
	return true;
}

/* A database of schema 1 (the @version-1 section, as the first release wrote it) with
 * a run, a finding and a triage decision is migrated to the current schema in place. */
static void test_store__migrates_version_1(void)
{
	char *path = new_path("v1");
	struct store *s;
	struct store_run r;
	struct store_triage t;
	int64_t got = 0;

	if (!make_old_db(path, 1))
		return;
	raw_exec(path,
		 "INSERT INTO runs (id, started_at, finished_at, tool_version, rule_set, "
		 "arguments, source_root, revision, files_analyzed, files_failed, complete) "
		 "VALUES (1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', '0.1.0', "
		 "'sync-non-irp', 'fltcheck src', '/src', 'abc123', 3, 0, 1);"
		 "INSERT INTO findings (run_id, fingerprint, fingerprint_version, rule, severity, "
		 "file, line, col, message) VALUES (1, '0123456789abcdef', 1, 'sync-non-irp', "
		 "'warning', 'a.c', 3, 4, 'v1 finding');"
		 "INSERT INTO triage VALUES ('0123456789abcdef', 'confirmed', 'seen', "
		 "'2026-01-01T00:00:02Z');");
	CHECK_EQ_INT(raw_int(path, "PRAGMA user_version", NULL), 1);
	s = OPEN_OK(path);
	if (!s)
		return;
	CHECK_EQ_INT(raw_int(path, "PRAGMA user_version", NULL), STORE_SCHEMA_VERSION);
	CHECK_EQ_INT(store_run_by_revision(s, "abc123", &got), STORE_OK);
	CHECK_EQ_INT(got, 1);
	CHECK_EQ_INT(store_get_run(s, 1, &A, &r), STORE_OK);
	CHECK_EQ_STR(r.source_root, "/src");
	CHECK_EQ_STR(findings_of(s, 1, NULL, NULL), "0123456789abcdef:confirmed");
	CHECK_EQ_INT(store_get_triage(s, "0123456789abcdef", &A, &t), STORE_OK);
	CHECK_EQ_STR(t.note, "seen");
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM run_files", NULL), 0);
	/* The new table takes the next run's files. */
	{
		static const char *const fp[] = { "fedcba9876543210" };
		CHECK_EQ_INT(add_run(s, NULL, fp, 1), 2);
	}
	store_close(s);
}

/* The files of a run, collected as "path=status[:reason]" joined by spaces. */
static int run_file_cb(void *ctx, const char *path, const char *status, const char *reason)
{
	struct collect *c = ctx;
	size_t len = strlen(c->buf);

	snprintf(c->buf + len, sizeof(c->buf) - len, "%s%s=%s%s%s", len ? " " : "", path, status,
		 reason ? ":" : "", reason ? reason : "");
	c->n++;
	return 0;
}

static int stop_cb(void *ctx, const char *path, const char *status, const char *reason)
{
	(void)path, (void)status, (void)reason;
	++*(unsigned *)ctx;
	return 7;
}

/* store_put_run_file records each file of the open run, its path relative to the
 * source root when under it (a path relative to the current folder included) and
 * absolute otherwise; store_get_run_files gives them back by path. */
static void test_store__run_files(void)
{
	char *path = new_path("files");
	struct store *s = OPEN_OK(path);
	struct store_run_info info = run_info;
	struct collect c = { { 0 }, 0 };
	char cwd[1024];
	unsigned calls = 0;
	int64_t id = 0, id2 = 0;

	if (!s)
		return;
	/* The source root is tmp; the current folder, for a while, tmp/work. */
	if (!CHECK(getcwd(cwd, sizeof(cwd)) != NULL))
		return;
	info.source_root = tmp;
	CHECK_EQ_INT(mkdir(arena_fmt(&A, "%s/work", tmp), 0755), 0);
	CHECK_EQ_INT(chdir(arena_fmt(&A, "%s/work", tmp)), 0);
	CHECK_EQ_INT(store_begin_run(s, &info, &id), STORE_OK);
	CHECK_EQ_INT(store_put_run_file(s, id, arena_fmt(&A, "%s/src/a.c", info.source_root),
					"parsed", NULL),
		     STORE_OK);
	CHECK_EQ_INT(store_put_run_file(s, id, "no-such-dir/b.c", "failed",
					"b.c:1:10: fatal error: 'x.h' file not found"),
		     STORE_OK);
	CHECK_EQ_INT(store_put_run_file(s, id, "/elsewhere/c.c", "cached", NULL), STORE_OK);
	/* The same path again replaces the first record. */
	CHECK_EQ_INT(store_put_run_file(s, id, "/elsewhere/c.c", "parsed", NULL), STORE_OK);
	CHECK_EQ_INT(store_commit_run(s, id, 2, 1), STORE_OK);
	CHECK_EQ_INT(chdir(cwd), 0);
	id2 = add_run(s, NULL, NULL, 0);

	CHECK_EQ_INT(store_get_run_files(s, id, run_file_cb, &c), STORE_OK);
	CHECK_EQ_STR(c.buf, "/elsewhere/c.c=parsed src/a.c=parsed "
			    "work/no-such-dir/b.c=failed:b.c:1:10: fatal error: 'x.h' file not "
			    "found");
	CHECK_EQ_INT(c.n, 3);
	/* A run without files, and a run that does not exist, give nothing. */
	memset(&c, 0, sizeof(c));
	CHECK_EQ_INT(store_get_run_files(s, id2, run_file_cb, &c), STORE_OK);
	CHECK_EQ_INT(store_get_run_files(s, 99, run_file_cb, &c), STORE_OK);
	CHECK_EQ_INT(c.n, 0);
	/* The callback's non-zero result stops the walk and is returned. */
	CHECK_EQ_INT(store_get_run_files(s, id, stop_cb, &calls), 7);
	CHECK_EQ_INT(calls, 1);
	/* Deleting the run deletes its files. */
	store_close(s);
	raw_exec(path, "PRAGMA foreign_keys = ON; DELETE FROM runs WHERE id = 1;");
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM run_files", NULL), 0);

	/* Outside an open run, store_put_run_file is an error. */
	s = OPEN_OK(path);
	if (!s)
		return;
	CHECK_EQ_INT(store_put_run_file(s, id2, "a.c", "parsed", NULL), STORE_ERROR);
	CHECK(store_errmsg(s) != NULL);
	store_close(s);
}

/* store_match_fingerprint finds stored fingerprints by prefix, each once. */
static void test_store__match_fingerprint(void)
{
	static const char *const run1[] = { "0123456789abcdef", "0123450000000000",
					    "fedcba9876543210" };
	static const char *const run2[] = { "fedcba9876543210" };
	char *path = new_path("match");
	struct store *s = OPEN_OK(path);
	const char *m = NULL;
	unsigned n = 9;

	if (!s)
		return;
	CHECK_EQ_INT(store_match_fingerprint(s, "012345", &A, &m, &n), STORE_OK);
	CHECK_EQ_INT(n, 0);
	CHECK(m == NULL);
	add_run(s, NULL, run1, 3);
	add_run(s, NULL, run2, 1);
	CHECK_EQ_INT(store_match_fingerprint(s, "012345", &A, &m, &n), STORE_OK);
	CHECK_EQ_INT(n, 2);
	CHECK_EQ_INT(store_match_fingerprint(s, "0123456", &A, &m, &n), STORE_OK);
	CHECK_EQ_INT(n, 1);
	CHECK_EQ_STR(m, "0123456789abcdef");
	/* in two runs, but one fingerprint */
	CHECK_EQ_INT(store_match_fingerprint(s, "fedcba", &A, &m, &n), STORE_OK);
	CHECK_EQ_INT(n, 1);
	CHECK_EQ_STR(m, "fedcba9876543210");
	CHECK_EQ_INT(store_match_fingerprint(s, "fedcba9876543210", &A, &m, &n), STORE_OK);
	CHECK_EQ_INT(n, 1);
	CHECK_EQ_INT(store_match_fingerprint(s, "abcdef", &A, &m, &n), STORE_OK);
	CHECK_EQ_INT(n, 0);
	/* LIKE-style wildcards are not wildcards */
	CHECK_EQ_INT(store_match_fingerprint(s, "%", &A, &m, &n), STORE_OK);
	CHECK_EQ_INT(n, 0);
	store_close(s);
}

/* Committing a run keeps the newest STORE_RUNS_KEPT unlabelled runs and every labelled one. */
static void test_store__old_runs_dropped(void)
{
	char *path = new_path("keep");
	struct store *s = OPEN_OK(path);
	static const char *const fp[] = { "0123456789abcdef" };
	struct store_run r;
	int64_t first, last = 0, got = 0;

	if (!s)
		return;
	first = add_run(s, "v1", fp, 1);
	for (unsigned i = 0; i < STORE_RUNS_KEPT + 3; i++)
		last = add_run(s, NULL, fp, 1);
	CHECK_EQ_INT(count_runs(s), STORE_RUNS_KEPT + 1);
	CHECK_EQ_INT(store_run_by_revision(s, "v1", &got), STORE_OK);
	CHECK_EQ_INT(got, first);
	CHECK_EQ_INT(store_get_run(s, first + 1, &A, &r), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_run(s, last, &A, &r), STORE_OK);
	store_close(s);
	/* the findings of the dropped runs went with them */
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM findings", NULL), STORE_RUNS_KEPT + 1);
}

/* The whole program's result is kept under its key, the newest few only. */
static void test_store__program_results(void)
{
	char *path = new_path("prog");
	struct store *s = OPEN_OK(path);
	const char *text = NULL;

	if (!s)
		return;
	CHECK_EQ_INT(store_get_program(s, "k0", &A, &text), STORE_NOT_FOUND);
	for (unsigned i = 0; i < STORE_PROGRAM_RESULTS_KEPT + 2; i++)
		CHECK_EQ_INT(
			store_put_program(s, arena_fmt(&A, "k%u", i), arena_fmt(&A, "[%u]", i)),
			STORE_OK);
	CHECK_EQ_INT(store_get_program(s, "k0", &A, &text), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_program(s, "k2", &A, &text), STORE_OK);
	CHECK_EQ_STR(text, "[2]");
	CHECK_EQ_INT(store_put_program(s, "k2", "[new]"), STORE_OK);
	CHECK_EQ_INT(store_get_program(s, "k2", &A, &text), STORE_OK);
	CHECK_EQ_STR(text, "[new]");
	store_close(s);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM program_results", NULL),
		     STORE_PROGRAM_RESULTS_KEPT);
}

/*
 * Root results: put and get, replaced by a later put; one list row per scan,
 * the newest STORE_ROOT_SCANS_KEPT kept; results no kept list names deleted
 * once the table outgrows twice the newest list.
 */
static void test_store__root_results(void)
{
	char *path = new_path("roots");
	struct store *s = OPEN_OK(path);
	const char *text = NULL;

	if (!s)
		return;
	CHECK_EQ_INT(store_get_root(s, "A", &A, &text), STORE_NOT_FOUND);
	CHECK(text == NULL);
	CHECK_EQ_INT(store_put_root(s, "A", "result a"), STORE_OK);
	CHECK_EQ_INT(store_put_root(s, "B", "result b"), STORE_OK);
	CHECK_EQ_INT(store_get_root(s, "A", &A, &text), STORE_OK);
	CHECK_EQ_STR(text, "result a");
	CHECK_EQ_INT(store_put_root(s, "A", "result a2"), STORE_OK);
	CHECK_EQ_INT(store_get_root(s, "A", &A, &text), STORE_OK);
	CHECK_EQ_STR(text, "result a2");

	static const char *const both[] = { "A", "B" }, *const only_a[] = { "A" };
	for (unsigned i = 0; i < STORE_ROOT_SCANS_KEPT + 2; i++)
		CHECK_EQ_INT(store_keep_roots(s, both, 2), STORE_OK);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM root_scans", NULL), STORE_ROOT_SCANS_KEPT);
	CHECK_EQ_INT(
		raw_int(path, "SELECT length(keys) FROM root_scans ORDER BY id DESC LIMIT 1", NULL),
		4);

	/* a scan without roots stores no list */
	CHECK_EQ_INT(store_keep_roots(s, NULL, 0), STORE_OK);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM root_scans", NULL), STORE_ROOT_SCANS_KEPT);
	CHECK_EQ_INT(
		raw_int(path, "SELECT length(keys) FROM root_scans ORDER BY id DESC LIMIT 1", NULL),
		4);

	/* a small table is not pruned: C, in no list, stays */
	CHECK_EQ_INT(store_put_root(s, "C", "result c"), STORE_OK);
	CHECK_EQ_INT(store_keep_roots(s, only_a, 1), STORE_OK);
	CHECK_EQ_INT(store_get_root(s, "C", &A, &text), STORE_OK);

	/* a scan of N keys, in a batch as a scan writes them */
	enum { N = 400, FEW = 100 };
	const char **keys = arena_alloc(&A, N * sizeof(*keys));
	CHECK_EQ_INT(store_begin_batch(s), STORE_OK);
	for (unsigned i = 0; i < N; i++) {
		keys[i] = arena_fmt(&A, "%032x", i);
		CHECK_EQ_INT(store_put_root(s, keys[i], "r"), STORE_OK);
	}
	CHECK_EQ_INT(store_keep_roots(s, keys, N), STORE_OK);
	CHECK_EQ_INT(store_end_batch(s), STORE_OK);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM root_results", NULL), N + 3);

	/* then scans of the first FEW: N + 3 > 2 FEW + slack, so each prunes what no
	 * kept list names: C at once, B and A as their lists age out, then the rest */
	_Static_assert(N + 3 > 2 * FEW + STORE_ROOT_SLACK, "the scans of FEW prune");
	CHECK_EQ_INT(store_keep_roots(s, keys, FEW), STORE_OK);
	CHECK_EQ_INT(store_get_root(s, "C", &A, &text), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_root(s, "B", &A, &text), STORE_OK);
	CHECK_EQ_INT(store_keep_roots(s, keys, FEW), STORE_OK);
	CHECK_EQ_INT(store_get_root(s, "B", &A, &text), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_root(s, "A", &A, &text), STORE_OK);
	CHECK_EQ_INT(store_keep_roots(s, keys, FEW), STORE_OK);
	CHECK_EQ_INT(store_get_root(s, "A", &A, &text), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_root(s, keys[N - 1], &A, &text), STORE_OK);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM root_results", NULL), N);
	CHECK_EQ_INT(store_keep_roots(s, keys, FEW), STORE_OK);
	CHECK_EQ_INT(store_get_root(s, keys[N - 1], &A, &text), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_root(s, keys[FEW - 1], &A, &text), STORE_OK);
	CHECK_EQ_STR(text, "r");
	CHECK_EQ_INT(store_get_root(s, keys[FEW], &A, &text), STORE_NOT_FOUND);

	/* after an error neither writes */
	CHECK_EQ_INT(store_set_triage(s, "fp", "bogus", NULL), STORE_ERROR);
	CHECK_EQ_INT(store_put_root(s, "late", "r"), STORE_ERROR);
	CHECK_EQ_INT(store_keep_roots(s, only_a, 1), STORE_ERROR);
	store_close(s);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM root_results", NULL), FEW);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM root_scans", NULL), STORE_ROOT_SCANS_KEPT);
}

/* A database of schema 3 (sections 1 to 3) with a TU and a program result gains
 * the root results; its rows stay. */
static void test_store__migrates_version_3(void)
{
	char *path = new_path("v3");
	const char *text = NULL;

	if (!make_old_db(path, 3))
		return;
	raw_exec(path, "INSERT INTO program_results VALUES ('k', '[]', '2026-01-01T00:00:00Z');"
		       "INSERT INTO tus (id, path, args_hash, source_hash, parse_status, "
		       "facts_version) VALUES (1, 'a.c', 'args', 'src', 0, 2);"
		       "INSERT INTO tu_headers VALUES (1, 'a.h', 'hdr');");
	CHECK_EQ_INT(raw_int(path, "PRAGMA user_version", NULL), 3);
	struct store *s = OPEN_OK(path);
	if (!s)
		return;
	CHECK_EQ_INT(raw_int(path, "PRAGMA user_version", NULL), STORE_SCHEMA_VERSION);
	CHECK_EQ_INT(raw_int(path,
			     "SELECT count(*) FROM sqlite_schema WHERE name IN "
			     "('root_results', 'root_scans')",
			     NULL),
		     2);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM root_results", NULL), 0);
	CHECK_EQ_INT(store_get_program(s, "k", &A, &text), STORE_OK);
	CHECK_EQ_STR(text, "[]");
	struct store_tu tu;
	CHECK_EQ_INT(store_get_tu(s, "a.c", "args", &A, &tu), STORE_OK);
	CHECK_EQ_STR(tu.source_hash, "src");
	CHECK_EQ_INT(tu.facts_version, 2);
	CHECK_EQ_INT(tu.nheaders, 1);
	if (tu.nheaders == 1)
		CHECK_EQ_STR(tu.headers[0].hash, "hdr");
	CHECK_EQ_INT(store_put_root(s, "r", "x"), STORE_OK);
	CHECK_EQ_INT(store_get_root(s, "r", &A, &text), STORE_OK);
	CHECK_EQ_STR(text, "x");
	store_close(s);
}

/* A database of schema 4 keeps its root results, without their gen column and
 * index; its cached units gain the build that wrote them. */
static void test_store__migrates_version_4(void)
{
	char *path = new_path("v4");
	const char *text = NULL;

	if (!make_old_db(path, 4))
		return;
	raw_exec(path, "INSERT INTO root_results VALUES ('k1', 'one', 3), ('k2', 'two', 0);");
	CHECK_EQ_INT(raw_int(path, "PRAGMA user_version", NULL), 4);
	struct store *s = OPEN_OK(path);
	if (!s)
		return;
	CHECK_EQ_INT(raw_int(path, "PRAGMA user_version", NULL), STORE_SCHEMA_VERSION);
	CHECK_EQ_INT(raw_int(path,
			     "SELECT count(*) FROM pragma_table_info('root_results') WHERE name = "
			     "'gen'",
			     NULL),
		     0);
	CHECK_EQ_INT(raw_int(path,
			     "SELECT count(*) FROM sqlite_schema WHERE name = 'root_results_gen'",
			     NULL),
		     0);
	CHECK_EQ_INT(raw_int(path,
			     "SELECT count(*) FROM pragma_table_info('tus') WHERE name IN "
			     "('build', 'written_at')",
			     NULL),
		     2);
	CHECK_EQ_INT(store_get_root(s, "k1", &A, &text), STORE_OK);
	CHECK_EQ_STR(text, "one");
	CHECK_EQ_INT(store_get_root(s, "k2", &A, &text), STORE_OK);
	CHECK_EQ_STR(text, "two");
	static const char *const k1[] = { "k1" };
	CHECK_EQ_INT(store_keep_roots(s, k1, 1), STORE_OK);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM root_scans", NULL), 1);
	store_close(s);
}

/* A finished database with some content: a run and a TU with a large blob. */
static char *make_real_db(void)
{
	char *path = new_path("real");
	struct store *s = OPEN_OK(path);
	static const char *const fp[] = { "r-1", "r-2" };
	static unsigned char blob[70000];
	struct store_tu tu = { 0 };
	unsigned i;

	if (!s)
		return path;
	for (i = 0; i < sizeof(blob); i++)
		blob[i] = (unsigned char)(i * 7 + 3);
	add_run(s, NULL, fp, 2);
	tu.path = "src/a.c";
	tu.args_hash = "args";
	tu.source_hash = "src";
	tu.facts = blob;
	tu.facts_len = sizeof(blob);
	tu.facts_version = 1;
	CHECK_EQ_INT(store_put_tu(s, 0, &tu), STORE_OK);
	store_close(s);
	return path;
}

static void test_store__newer_version_refused(void)
{
	char *path = make_real_db();
	size_t before_len, after_len;
	char *before, *after;

	raw_exec(path, "PRAGMA user_version = 7");
	before = slurp(path, &before_len);
	open_fails(path,
		   arena_fmt(&A,
			     "database '%s' was written by a newer fltcheck (schema 7; this "
			     "one knows %d)",
			     path, STORE_SCHEMA_VERSION),
		   __LINE__);
	after = slurp(path, &after_len);
	CHECK(before && after && before_len == after_len && memcmp(before, after, before_len) == 0);
	CHECK(!exists(arena_fmt(&A, "%s-wal", path)));
	CHECK_EQ_INT(raw_int(path, "PRAGMA user_version", NULL), 7);
}

/* A newer database whose last writer left frames in its WAL: both files stay as they are. */
static void test_store__newer_with_wal_untouched(void)
{
	char *path = make_real_db(), *wal = arena_fmt(&A, "%s-wal", path);
	size_t db_len, wal_len, len;
	char *db_bytes, *wal_bytes, *bytes;
	sqlite3 *db = NULL;

	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	CHECK(sqlite3_exec(db,
			   "PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 9;"
			   "INSERT INTO triage VALUES ('w', 'open', NULL, 'now')",
			   NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	db_bytes = slurp(path, &db_len);
	wal_bytes = slurp(wal, &wal_len);
	if (!CHECK(wal_bytes && wal_len > 0))
		return;
	open_fails(path, "database '$T/real-*' was written by a newer fltcheck (schema 9; *",
		   __LINE__);
	bytes = slurp(path, &len);
	CHECK(bytes && len == db_len && memcmp(bytes, db_bytes, len) == 0);
	bytes = slurp(wal, &len);
	CHECK(bytes && len == wal_len && memcmp(bytes, wal_bytes, len) == 0);
}

/* Opening path must fail with msg and leave the file byte for byte as it was. */
static void refused_unchanged(const char *path, const char *msg, int line)
{
	size_t before_len, after_len;
	char *before = slurp(path, &before_len), *after;

	open_fails(path, msg, line);
	after = slurp(path, &after_len);
	unit_check_int(__FILE__, line,
		       before && after && before_len == after_len &&
			       memcmp(before, after, before_len) == 0,
		       1, "file unchanged");
	unit_check_int(__FILE__, line, exists(arena_fmt(&A, "%s-wal", path)), 0, "no -wal");
	unit_check_int(__FILE__, line, exists(arena_fmt(&A, "%s-journal", path)), 0, "no -journal");
}

static void test_store__garbage_and_truncated_refused(void)
{
	char *garbage = new_path("garbage"), *fake = new_path("fake"), *real = make_real_db();
	char *cut = new_path("cut"), *cut_page = new_path("cut-page"), *hdr = new_path("hdr");
	char *foreign = new_path("foreign");
	static const char text[] = "this is not a database\n";
	char magic_junk[4096];
	size_t len;
	char *bytes = slurp(real, &len);

	spit(garbage, text, sizeof(text) - 1);
	refused_unchanged(garbage, "cannot open database '$T/garbage-*': not an SQLite database",
			  __LINE__);

	/* SQLite's magic, then nonsense. */
	memset(magic_junk, 0xA5, sizeof(magic_junk));
	memcpy(magic_junk, "SQLite format 3", 16);
	spit(fake, magic_junk, sizeof(magic_junk));
	refused_unchanged(fake,
			  "cannot open database '$T/fake-*': damaged header (page size 42405)",
			  __LINE__);

	if (!CHECK(bytes && len > 3 * 4096))
		return;
	spit(cut, bytes, len / 2 + 123);
	refused_unchanged(cut, "cannot open database '$T/cut-*': truncated or damaged: *",
			  __LINE__);
	spit(cut_page, bytes, 2 * 4096);
	refused_unchanged(cut_page,
			  "cannot open database '$T/cut-page-*': truncated: the header "
			  "counts *",
			  __LINE__);
	spit(hdr, bytes, 60);
	refused_unchanged(hdr,
			  "cannot open database '$T/hdr-*': truncated: 60 bytes, less than "
			  "the database header",
			  __LINE__);

	/* Someone else's database. */
	raw_exec(foreign, "CREATE TABLE accounts (id INTEGER, name TEXT);"
			  "INSERT INTO accounts VALUES (1, 'x')");
	refused_unchanged(foreign,
			  "cannot open database '$T/foreign-*': not an fltcheck database "
			  "(application id 0, user_version 0)",
			  __LINE__);

	/* The original still opens. */
	{
		struct store *s = OPEN_OK(real);
		if (s) {
			CHECK_EQ_INT(count_runs(s), 1);
			store_close(s);
		}
	}
}

/* Damage deep inside a file whose header is fine: quick_check catches it. */
static void test_store__damaged_pages_refused(void)
{
	char *real = make_real_db(), *bad = new_path("bad");
	size_t len;
	char *bytes = slurp(real, &len);

	if (!CHECK(bytes && len > 4 * 4096))
		return;
	/* Page 2 onwards: overwrite a b-tree page's header with junk. */
	memset(bytes + 4096, 0x5A, 4096);
	memset(bytes + 3 * 4096, 0x5A, 4096);
	spit(bad, bytes, len);
	refused_unchanged(bad, "cannot open database '$T/bad-*': damaged (*Page *)", __LINE__);
}

/* A database fltcheck left sound is not checked again while it is unchanged; written
 * to since (same size, a new time), it is checked and its damage found. */
static void test_store__checked_stamp(void)
{
	char *real = make_real_db();
	size_t len;
	char *bytes = slurp(real, &len);

	CHECK(exists(arena_fmt(&A, "%s-checked", real)));
	if (!CHECK(bytes && len > 4 * 4096))
		return;
	memset(bytes + 4096, 0x5A, 4096);
	memset(bytes + 3 * 4096, 0x5A, 4096);
	usleep(50 * 1000); /* file times move in clock ticks */
	spit(real, bytes, len);
	refused_unchanged(real, "cannot open database '$T/real-*': damaged (*Page *)", __LINE__);
}

static void test_store__two_writers(void)
{
	char *path = new_path("two");
	struct store *a = OPEN_OK(path), *b = NULL;
	struct timespec t0, t1;
	int64_t ida = 0, idb = 0, got = 0;
	char *err = NULL;
	int fds[2];
	char byte;
	pid_t pid;
	int status = 0;
	long ms;

	if (!a)
		return;
	CHECK_EQ_INT(store_open_timeout(path, 200, &b, &err), STORE_OK);
	free(err);
	if (!b) {
		store_close(a);
		return;
	}
	/* a writes; b may read meanwhile (WAL), but cannot start a run. */
	CHECK_EQ_INT(store_begin_run(a, &run_info, &ida), STORE_OK);
	CHECK_EQ_INT(store_latest_run(b, &got), STORE_NOT_FOUND);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ_INT(store_begin_run(b, &run_info, &idb), STORE_LOCKED);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	CHECK(ms >= 150); /* it waited for the busy timeout */
	CHECK(store_errmsg(b) && strncmp(store_errmsg(b),
					 arena_fmt(&A,
						   "database '%s' is locked by another "
						   "fltcheck (waited ",
						   path),
					 strlen(path) + 48) == 0);
	CHECK_EQ_INT(store_commit_run(a, ida, 1, 0), STORE_OK);
	store_close(b);

	/* Another process holds the write lock for a while; a waits and then succeeds. */
	CHECK(pipe(fds) == 0);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		struct store *c = NULL;
		char *e = NULL;
		int64_t cid = 0;
		struct finding f = make_finding(&rule_a, "src/c.c", 1, "from the child");
		struct timespec nap = { 0, 400 * 1000000L };
		close(fds[0]);
		if (store_open(path, &c, &e) != STORE_OK ||
		    store_begin_run(c, &run_info, &cid) != STORE_OK)
			_exit(2);
		store_put_finding(c, cid, &f, "child", 1);
		if (write(fds[1], "x", 1) != 1)
			_exit(4);
		nanosleep(&nap, NULL);
		_exit(store_commit_run(c, cid, 1, 0) == STORE_OK ? 0 : 3);
	}
	close(fds[1]);
	CHECK(read(fds[0], &byte, 1) == 1); /* the child holds the lock now */
	close(fds[0]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ_INT(store_begin_run(a, &run_info, &idb), STORE_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	CHECK(ms >= 200);
	CHECK_EQ_INT(store_commit_run(a, idb, 1, 0), STORE_OK);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ_INT(count_runs(a), 3); /* nothing lost */
	CHECK_EQ_INT(store_latest_run(a, &got), STORE_OK);
	CHECK_EQ_INT(got, idb);
	CHECK_EQ_STR(findings_of(a, idb - 1, NULL, NULL), "child:open");
	store_close(a);
}

/*
 * The TU cache keeps a path's STORE_TU_VARIANTS_KEPT newest argument variants
 * of one build; an entry by another build removes the path's older builds'
 * entries and their header lists, and touches no other path.
 */
static void test_store__tu_variants_pruned(void)
{
	char *path = new_path("tuvar");
	struct store *s = OPEN_OK(path);
	const struct store_header headers[] = { { "inc/a.h", "h1" } };
	struct store_tu tu = { 0 }, got;

	if (!s)
		return;
	tu.source_hash = "src";
	tu.diagnostics = "";
	tu.facts_version = 2;
	tu.headers = headers;
	tu.nheaders = 1;
	tu.build = "build-1";
	tu.path = "other.c";
	tu.args_hash = "args-0";
	CHECK_EQ_INT(store_put_tu(s, 0, &tu), STORE_OK);
	tu.path = "a.c";
	enum { V = STORE_TU_VARIANTS_KEPT + 2 };
	for (unsigned i = 0; i < V; i++) {
		tu.args_hash = arena_fmt(&A, "args-%u", i);
		CHECK_EQ_INT(store_put_tu(s, 0, &tu), STORE_OK);
	}
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM tus WHERE path = 'a.c'", NULL),
		     STORE_TU_VARIANTS_KEPT);
	CHECK_EQ_INT(store_get_tu(s, "a.c", "args-0", &A, &got), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_tu(s, "a.c", arena_fmt(&A, "args-%u", V - 1), &A, &got), STORE_OK);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM tu_headers", NULL),
		     STORE_TU_VARIANTS_KEPT + 1);

	/* a new build: a.c's entries of build-1 go with its first put; other.c stays */
	tu.build = "build-2";
	tu.args_hash = "args-new";
	CHECK_EQ_INT(store_put_tu(s, 0, &tu), STORE_OK);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM tus WHERE path = 'a.c'", NULL), 1);
	CHECK_EQ_INT(store_get_tu(s, "a.c", "args-new", &A, &got), STORE_OK);
	CHECK_EQ_INT(store_get_tu(s, "other.c", "args-0", &A, &got), STORE_OK);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM tu_headers", NULL), 2);
	char *build = NULL;
	raw_int(path, "SELECT build FROM tus WHERE path = 'a.c'", &build);
	CHECK_EQ_STR(build, "build-2");
	store_close(s);
}

/* Cached units and file hashes of absolute paths that are gone are forgotten,
 * by store_forget_missing and by every STORE_MISSING_CHECK_RUNS-th run. */
static void test_store__forgets_missing_files(void)
{
	char *path = new_path("missing");
	struct store *s = OPEN_OK(path);
	const char *here = arena_fmt(&A, "%s/here.c", tmp);
	const char *gone = arena_fmt(&A, "%s/gone.c", tmp);
	const char *later = arena_fmt(&A, "%s/later.c", tmp);
	FILE *f = fopen(here, "w");
	struct store_tu tu = { 0 }, got;
	int64_t id = 0;

	if (f)
		fclose(f);
	if (!s || !f)
		return;
	tu.args_hash = "args";
	tu.source_hash = "src";
	tu.diagnostics = "";
	tu.facts_version = 2;
	const char *const paths[] = { here, gone, "rel/gone.c" };
	for (unsigned i = 0; i < 3; i++) {
		tu.path = paths[i];
		CHECK_EQ_INT(store_put_tu(s, 0, &tu), STORE_OK);
		struct store_file file = { paths[i], "h", 1, 1 };
		CHECK_EQ_INT(store_put_file(s, &file), STORE_OK);
	}
	CHECK_EQ_INT(store_forget_missing(s), STORE_OK);
	CHECK_EQ_INT(store_get_tu(s, here, "args", &A, &got), STORE_OK);
	CHECK_EQ_INT(store_get_tu(s, gone, "args", &A, &got), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_tu(s, "rel/gone.c", "args", &A, &got), STORE_OK);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM files", NULL), 2);

	/* runs: the check comes with run STORE_MISSING_CHECK_RUNS, not before */
	tu.path = later;
	CHECK_EQ_INT(store_put_tu(s, 0, &tu), STORE_OK);
	for (int64_t r = 1; r <= STORE_MISSING_CHECK_RUNS; r++) {
		CHECK_EQ_INT(store_begin_run(s, &run_info, &id), STORE_OK);
		CHECK_EQ_INT(id, r);
		CHECK_EQ_INT(store_commit_run(s, id, 1, 0), STORE_OK);
		if (r == STORE_MISSING_CHECK_RUNS - 1)
			CHECK_EQ_INT(store_get_tu(s, later, "args", &A, &got), STORE_OK);
	}
	CHECK_EQ_INT(store_get_tu(s, later, "args", &A, &got), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_tu(s, here, "args", &A, &got), STORE_OK);
	store_close(s);
	remove(here);
}

static void test_store__tu_cache(void)
{
	char *path = new_path("tu");
	struct store *s = OPEN_OK(path);
	static const unsigned char facts[] = { 0, 1, 2, 0, 255, 'x', 0 };
	const struct store_header headers[] = { { "inc/fltKernel.h", "h1" },
						{ "inc/driver.h", "h2" } };
	struct store_tu tu = { 0 }, got;
	struct store_file file = { "src/a.c", "hash-a", 1234, 1700000000123456789LL }, gf;
	int64_t id = 0;

	if (!s)
		return;
	tu.path = "src/a.c";
	tu.args_hash = "args-1";
	tu.source_hash = "src-1";
	tu.parse_status = 0;
	tu.diagnostics = "warning: something";
	tu.facts = facts;
	tu.facts_len = sizeof(facts);
	tu.facts_version = 4;
	tu.headers = headers;
	tu.nheaders = 2;
	CHECK_EQ_INT(store_put_tu(s, 0, &tu), STORE_OK);

	CHECK_EQ_INT(store_get_tu(s, "src/a.c", "args-2", &A, &got), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_tu(s, "src/b.c", "args-1", &A, &got), STORE_NOT_FOUND);
	CHECK_EQ_INT(store_get_tu(s, "src/a.c", "args-1", &A, &got), STORE_OK);
	CHECK_EQ_STR(got.path, "src/a.c");
	CHECK_EQ_STR(got.source_hash, "src-1");
	CHECK_EQ_STR(got.diagnostics, "warning: something");
	CHECK_EQ_INT(got.facts_version, 4);
	CHECK_EQ_INT(got.facts_len, sizeof(facts));
	CHECK(got.facts && memcmp(got.facts, facts, sizeof(facts)) == 0);
	if (CHECK_EQ_INT(got.nheaders, 2)) {
		/* sorted by path */
		CHECK_EQ_STR(got.headers[0].path, "inc/driver.h");
		CHECK_EQ_STR(got.headers[0].hash, "h2");
		CHECK_EQ_STR(got.headers[1].path, "inc/fltKernel.h");
		CHECK_EQ_STR(got.headers[1].hash, "h1");
	}

	/* Re-parsed in a run: the entry and its header list are replaced. */
	CHECK_EQ_INT(store_begin_run(s, &run_info, &id), STORE_OK);
	tu.source_hash = "src-2";
	tu.parse_status = 2;
	tu.facts = NULL;
	tu.facts_len = 0;
	tu.headers = headers + 1;
	tu.nheaders = 1;
	CHECK_EQ_INT(store_put_tu(s, id, &tu), STORE_OK);
	CHECK_EQ_INT(store_put_file(s, &file), STORE_OK);
	CHECK_EQ_INT(store_commit_run(s, id, 1, 1), STORE_OK);
	CHECK_EQ_INT(store_get_tu(s, "src/a.c", "args-1", &A, &got), STORE_OK);
	CHECK_EQ_STR(got.source_hash, "src-2");
	CHECK_EQ_INT(got.parse_status, 2);
	CHECK(got.facts == NULL && got.facts_len == 0);
	if (CHECK_EQ_INT(got.nheaders, 1))
		CHECK_EQ_STR(got.headers[0].path, "inc/driver.h");
	CHECK_EQ_INT(raw_int(path, "SELECT updated_run FROM tus", NULL), id);
	CHECK_EQ_INT(raw_int(path, "SELECT count(*) FROM tu_headers", NULL), 1);

	/* Put in an aborted run: gone with it. */
	CHECK_EQ_INT(store_begin_run(s, &run_info, &id), STORE_OK);
	tu.args_hash = "args-3";
	CHECK_EQ_INT(store_put_tu(s, id, &tu), STORE_OK);
	store_abort_run(s);
	CHECK_EQ_INT(store_get_tu(s, "src/a.c", "args-3", &A, &got), STORE_NOT_FOUND);

	/* Files. */
	CHECK_EQ_INT(store_get_file(s, "src/a.c", &A, &gf), STORE_OK);
	CHECK_EQ_STR(gf.content_hash, "hash-a");
	CHECK_EQ_INT(gf.size, 1234);
	CHECK_EQ_INT(gf.mtime_ns, 1700000000123456789LL);
	file.content_hash = "hash-b";
	file.size = -1;
	file.mtime_ns = -1;
	CHECK_EQ_INT(store_put_file(s, &file), STORE_OK);
	CHECK_EQ_INT(store_get_file(s, "src/a.c", &A, &gf), STORE_OK);
	CHECK_EQ_STR(gf.content_hash, "hash-b");
	CHECK_EQ_INT(gf.size, -1);
	CHECK_EQ_INT(store_get_file(s, "src/zz.c", &A, &gf), STORE_NOT_FOUND);
	store_close(s);

	/* Survives reopening. */
	s = OPEN_OK(path);
	if (s) {
		CHECK_EQ_INT(store_get_tu(s, "src/a.c", "args-1", &A, &got), STORE_OK);
		CHECK_EQ_INT(got.nheaders, 1);
		store_close(s);
	}
}

/* Removes tmp and everything in it. */
static void clean_tmp(void)
{
	char *cmd = arena_fmt(&A, "rm -rf '%s'", tmp);

	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove '%s'\n", tmp);
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
	char templ[] = "/tmp/fltcheck-store-XXXXXX";

	tmp = mkdtemp(templ);
	if (!tmp) {
		unit_fail(__FILE__, __LINE__, "mkdtemp");
		return;
	}
	RUN(test_store__schema_file_matches);
	RUN(test_store__create_and_reopen);
	RUN(test_store__run_round_trip);
	RUN(test_store__finding_columns);
	RUN(test_store__abort_keeps_previous_run);
	RUN(test_store__triage_survives_runs);
	RUN(test_store__triage_export_import);
	RUN(test_store__migrates_version_0);
	RUN(test_store__migrates_version_1);
	RUN(test_store__old_runs_dropped);
	RUN(test_store__program_results);
	RUN(test_store__root_results);
	RUN(test_store__tu_variants_pruned);
	RUN(test_store__forgets_missing_files);
	RUN(test_store__migrates_version_4);
	RUN(test_store__migrates_version_3);
	RUN(test_store__run_files);
	RUN(test_store__match_fingerprint);
	RUN(test_store__newer_version_refused);
	RUN(test_store__newer_with_wal_untouched);
	RUN(test_store__garbage_and_truncated_refused);
	RUN(test_store__damaged_pages_refused);
	RUN(test_store__checked_stamp);
	RUN(test_store__two_writers);
	RUN(test_store__tu_cache);
	arena_init(&A);
	clean_tmp();
	arena_release(&A);
}
