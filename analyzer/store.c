/*
 * The findings database (see store.h): opening and checking the file,
 * migrating its schema, and the prepared statements behind each operation.
 *
 * Opening never writes to a file it has not first recognised: the header is
 * read and checked by hand (magic, page size, a length that matches what
 * the header promises), then the connection runs with query_only set while
 * it reads the schema, the user_version and application_id and, for files
 * up to STORE_QUICK_CHECK_MAX bytes, PRAGMA quick_check. Only a database
 * that is new, ours and not newer than this binary is then switched to WAL
 * and migrated.
 *
 * Statements are prepared on first use and kept in s->stmt until close;
 * every use ends in stmt_done, which resets the statement and clears its
 * bindings (so the SQLITE_STATIC strings bound to it may be freed).
 */
#include "store.h"

#include "finding.h"
#include "fingerprint.h"
#include "json.h"
#include "rule.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Files up to this size get a full PRAGMA quick_check on open. */
#define STORE_QUICK_CHECK_MAX (64 * 1024 * 1024)

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

enum stmt_id {
	ST_BEGIN_READ,
	ST_BEGIN_WRITE,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_RUN_INSERT,
	ST_RUN_FINISH,
	ST_RUN_LIST,
	ST_RUN_GET,
	ST_RUN_LATEST,
	ST_RUN_BY_REVISION,
	ST_FINDING_INSERT,
	ST_FINDINGS,
	ST_TRIAGE_SET,
	ST_TRIAGE_GET,
	ST_TRIAGE_LIST,
	ST_TRIAGE_PUT_AT,
	ST_FILE_PUT,
	ST_FILE_GET,
	ST_TU_PUT,
	ST_TU_TRIM,
	ST_TU_HEADERS_CLEAR,
	ST_TU_HEADER_PUT,
	ST_TU_GET,
	ST_TU_HEADERS_GET,
	ST_RUN_FILE_PUT,
	ST_RUN_FILES,
	ST_FINGERPRINT_MATCH,
	ST_RUNS_TRIM,
	ST_CACHED_PATHS,
	ST_TU_FORGET,
	ST_FILE_FORGET,
	ST_PROGRAM_PUT,
	ST_PROGRAM_TRIM,
	ST_PROGRAM_GET,
	ST_ROOT_PUT,
	ST_ROOT_GET,
	ST_ROOT_COUNT,
	ST_ROOT_SCAN_PUT,
	ST_ROOT_SCAN_TRIM,
	ST_ROOT_SCAN_LISTS,
	ST_ROOT_KEYS,
	ST_ROOT_DELETE,
	ST__COUNT
};

#define RUN_COLUMNS                                                                     \
	"id, started_at, finished_at, tool_version, rule_set, arguments, source_root, " \
	"revision, files_analyzed, files_failed, complete"

static const char *const stmt_sql[ST__COUNT] = {
	[ST_BEGIN_READ] = "BEGIN DEFERRED",
	[ST_BEGIN_WRITE] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_RUN_INSERT] =
		"INSERT INTO runs (started_at, tool_version, rule_set, arguments, "
		"source_root, revision, complete) VALUES (" NOW_SQL ", ?1, ?2, ?3, ?4, ?5, 0)",
	[ST_RUN_FINISH] = "UPDATE runs SET finished_at = " NOW_SQL ", files_analyzed = ?2, "
			  "files_failed = ?3, complete = 1 WHERE id = ?1",
	[ST_RUN_LIST] = "SELECT " RUN_COLUMNS " FROM runs ORDER BY id",
	[ST_RUN_GET] = "SELECT " RUN_COLUMNS " FROM runs WHERE id = ?1",
	[ST_RUN_LATEST] = "SELECT id FROM runs WHERE complete = 1 ORDER BY id DESC LIMIT 1",
	[ST_RUN_BY_REVISION] = "SELECT id FROM runs WHERE revision = ?1 AND complete = 1 "
			       "ORDER BY id DESC LIMIT 1",
	[ST_FINDING_INSERT] = "INSERT INTO findings (run_id, fingerprint, fingerprint_version, "
			      "rule, severity, file, line, col, function, message, steps, "
			      "related) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[ST_FINDINGS] = "SELECT f.run_id, f.fingerprint, f.fingerprint_version, f.rule, "
			"f.severity, f.file, f.line, f.col, f.function, f.message, f.steps, "
			"f.related, coalesce(t.state, 'open'), t.note "
			"FROM findings AS f LEFT JOIN triage AS t ON t.fingerprint = f.fingerprint "
			"WHERE f.run_id = ?1 AND (?2 IS NULL OR f.rule = ?2) "
			"AND (?3 IS NULL OR coalesce(t.state, 'open') = ?3) "
			"ORDER BY f.file, f.line, f.col, f.rule, f.fingerprint, f.id",
	[ST_TRIAGE_SET] = "INSERT INTO triage (fingerprint, state, note, updated_at) "
			  "VALUES (?1, ?2, ?3, " NOW_SQL ") ON CONFLICT (fingerprint) DO UPDATE "
			  "SET state = excluded.state, note = excluded.note, "
			  "updated_at = excluded.updated_at",
	[ST_TRIAGE_GET] = "SELECT state, note, updated_at FROM triage WHERE fingerprint = ?1",
	[ST_TRIAGE_LIST] = "SELECT t.fingerprint, t.state, t.note, t.updated_at, f.rule, f.file, "
			   "f.function FROM triage AS t LEFT JOIN findings AS f ON f.id = "
			   "(SELECT max(id) FROM findings WHERE fingerprint = t.fingerprint) "
			   "ORDER BY t.fingerprint",
	[ST_TRIAGE_PUT_AT] = "INSERT OR REPLACE INTO triage (fingerprint, state, note, updated_at) "
			     "VALUES (?1, ?2, ?3, ?4)",
	[ST_FILE_PUT] = "INSERT INTO files (path, content_hash, size, mtime_ns) "
			"VALUES (?1, ?2, ?3, ?4) ON CONFLICT (path) DO UPDATE SET "
			"content_hash = excluded.content_hash, size = excluded.size, "
			"mtime_ns = excluded.mtime_ns",
	[ST_FILE_GET] = "SELECT content_hash, size, mtime_ns FROM files WHERE path = ?1",
	[ST_TU_PUT] = "INSERT INTO tus (path, args_hash, source_hash, parse_status, diagnostics, "
		      "facts, facts_version, updated_run, build, written_at) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		      "ON CONFLICT (path, args_hash) DO UPDATE SET "
		      "source_hash = excluded.source_hash, parse_status = excluded.parse_status, "
		      "diagnostics = excluded.diagnostics, facts = excluded.facts, "
		      "facts_version = excluded.facts_version, updated_run = excluded.updated_run, "
		      "build = excluded.build, written_at = excluded.written_at "
		      "RETURNING id",
	[ST_TU_TRIM] = "DELETE FROM tus WHERE path = ?1 AND id != ?2 AND (build != ?3 OR id NOT IN "
		       "(SELECT id FROM tus WHERE path = ?1 AND build = ?3 "
		       "ORDER BY written_at DESC, id DESC LIMIT ?4))",
	[ST_TU_HEADERS_CLEAR] = "DELETE FROM tu_headers WHERE tu_id = ?1",
	[ST_TU_HEADER_PUT] = "INSERT OR REPLACE INTO tu_headers (tu_id, header_path, header_hash) "
			     "VALUES (?1, ?2, ?3)",
	[ST_TU_GET] = "SELECT id, source_hash, parse_status, diagnostics, facts, facts_version "
		      "FROM tus WHERE path = ?1 AND args_hash = ?2",
	[ST_TU_HEADERS_GET] = "SELECT header_path, header_hash FROM tu_headers WHERE tu_id = ?1 "
			      "ORDER BY header_path",
	[ST_RUN_FILE_PUT] = "INSERT OR REPLACE INTO run_files (run_id, path, status, reason) "
			    "VALUES (?1, ?2, ?3, ?4)",
	[ST_RUN_FILES] = "SELECT path, status, reason FROM run_files WHERE run_id = ?1 "
			 "ORDER BY path",
	[ST_CACHED_PATHS] = "SELECT path FROM tus UNION SELECT path FROM files",
	[ST_TU_FORGET] = "DELETE FROM tus WHERE path = ?1",
	[ST_FILE_FORGET] = "DELETE FROM files WHERE path = ?1",
	[ST_RUNS_TRIM] =
		"DELETE FROM runs WHERE revision IS NULL AND id NOT IN (SELECT id FROM runs "
		"WHERE revision IS NULL ORDER BY id DESC LIMIT ?1)",
	[ST_PROGRAM_PUT] = "INSERT OR REPLACE INTO program_results (key, findings, updated_at) "
			   "VALUES (?1, ?2, " NOW_SQL ")",
	[ST_PROGRAM_TRIM] = "DELETE FROM program_results WHERE rowid NOT IN "
			    "(SELECT rowid FROM program_results ORDER BY rowid DESC LIMIT ?1)",
	[ST_PROGRAM_GET] = "SELECT findings FROM program_results WHERE key = ?1",
	[ST_ROOT_PUT] = "INSERT OR REPLACE INTO root_results (key, result) VALUES (?1, ?2)",
	[ST_ROOT_GET] = "SELECT result FROM root_results WHERE key = ?1",
	[ST_ROOT_COUNT] = "SELECT count(*) FROM root_results",
	[ST_ROOT_SCAN_PUT] = "INSERT INTO root_scans (keys) VALUES (?1)",
	[ST_ROOT_SCAN_TRIM] = "DELETE FROM root_scans WHERE id NOT IN "
			      "(SELECT id FROM root_scans ORDER BY id DESC LIMIT ?1)",
	[ST_ROOT_SCAN_LISTS] = "SELECT keys FROM root_scans",
	[ST_ROOT_KEYS] = "SELECT rowid, key FROM root_results",
	[ST_ROOT_DELETE] = "DELETE FROM root_results WHERE rowid = ?1",
	[ST_FINGERPRINT_MATCH] = "SELECT DISTINCT fingerprint FROM findings "
				 "WHERE substr(fingerprint, 1, length(?1)) = ?1 "
				 "ORDER BY fingerprint LIMIT 2",
};

struct store {
	sqlite3 *db;
	char *path;
	int busy_ms;
	char *err;    /* the first error, or NULL */
	int err_code; /* what every call returns once err is set */
	bool in_run;  /* a run's write transaction is open */
	int64_t run_id;
	char *root;    /* the open run's source root: stored paths are relative to it */
	bool opened;   /* open_db succeeded */
	bool in_batch; /* store_begin_batch's write transaction is open */
	sqlite3_stmt *stmt[ST__COUNT];
};

/* ---- errors --------------------------------------------------------------- */

/* Records msg (taken over) as the sticky error unless one is set; returns code. */
static int fail_msg(struct store *s, int code, char *msg)
{
	if (s->err) {
		free(msg);
	} else {
		s->err = msg;
		s->err_code = code;
	}
	return s->err_code;
}

/* Records the connection's current SQLite error, "cannot <what> database 'x': reason". */
static int fail_db(struct store *s, const char *what)
{
	int code = (sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY ? STORE_LOCKED : STORE_ERROR;
	return fail_msg(s, code,
			xfmt("cannot %s database '%s': %s", what, s->path, sqlite3_errmsg(s->db)));
}

const char *store_errmsg(const struct store *s)
{
	return s ? s->err : NULL;
}

/* ---- statements -------------------------------------------------------- */

/* The prepared statement id, or NULL with the error recorded. */
static sqlite3_stmt *stmt(struct store *s, enum stmt_id id)
{
	if (!s->stmt[id] &&
	    sqlite3_prepare_v2(s->db, stmt_sql[id], -1, &s->stmt[id], NULL) != SQLITE_OK) {
		fail_db(s, "prepare a statement on");
		return NULL;
	}
	return s->stmt[id];
}

static void stmt_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Binds s (NULL as SQL NULL); the text must outlive the statement's next stmt_done. */
static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Steps a statement that returns no rows; STORE_OK or the recorded error. */
static int step_done(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	int ret = rc == SQLITE_DONE ? STORE_OK : fail_db(s, what);

	stmt_done(st);
	return ret;
}

/* Runs one of the argument-less statements (BEGIN, COMMIT, ...). */
static int exec_stmt(struct store *s, enum stmt_id id, const char *what)
{
	sqlite3_stmt *st = stmt(s, id);

	return st ? step_done(s, st, what) : s->err_code;
}

static char *column_dup(sqlite3_stmt *st, int i, struct arena *a)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? arena_strdup(a, (const char *)t) : NULL;
}

static const char *column_str(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* ---- transactions ------------------------------------------------------- */

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * BEGIN IMMEDIATE, waiting for another writer: the busy handler waits inside
 * sqlite3_step, and the loop covers the SQLITE_BUSY cases that SQLite returns
 * without calling it (a WAL being recovered, for one).
 */
static int begin_write(struct store *s)
{
	sqlite3_stmt *st = stmt(s, ST_BEGIN_WRITE);
	int64_t start = now_ms();
	int rc;

	if (!st)
		return s->err_code;
	for (;;) {
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return STORE_OK;
		if ((rc & 0xff) != SQLITE_BUSY || now_ms() - start >= s->busy_ms)
			break;
		sqlite3_sleep(20);
	}
	if ((rc & 0xff) == SQLITE_BUSY)
		return fail_msg(s, STORE_LOCKED,
				xfmt("database '%s' is locked by another fltcheck "
				     "(waited %lld ms)",
				     s->path, (long long)(now_ms() - start)));
	return fail_db(s, "start a transaction on");
}

/* Rolls back whatever transaction is open; never fails loudly. */
static void rollback(struct store *s)
{
	sqlite3_stmt *st;

	if (sqlite3_get_autocommit(s->db))
		return;
	st = stmt(s, ST_ROLLBACK);
	if (st) {
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Writes outside a run get a transaction of their own: tx_begin opens one
 * unless a run's is open (*own tells), tx_end commits it on success and rolls
 * it back on failure.
 */
static int tx_begin(struct store *s, bool *own)
{
	*own = !s->in_run && !s->in_batch;
	return *own ? begin_write(s) : STORE_OK;
}

static int tx_end(struct store *s, bool own, int rc)
{
	if (!own)
		return rc;
	if (rc == STORE_OK && exec_stmt(s, ST_COMMIT, "commit to") == STORE_OK)
		return STORE_OK;
	rollback(s);
	return rc == STORE_OK ? s->err_code : rc;
}

/* Reads that take several statements see one snapshot. */
static int rtx_begin(struct store *s, bool *own)
{
	*own = sqlite3_get_autocommit(s->db) != 0;
	return *own ? exec_stmt(s, ST_BEGIN_READ, "read") : STORE_OK;
}

static int rtx_end(struct store *s, bool own, int rc)
{
	if (own) {
		sqlite3_stmt *st = stmt(s, ST_COMMIT);
		if (st) {
			sqlite3_step(st);
			sqlite3_reset(st);
		}
		if (!sqlite3_get_autocommit(s->db))
			rollback(s);
	}
	return rc;
}

/* ---- opening ------------------------------------------------------------ */

static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* True when path-suffix exists and is not empty (a WAL or a hot journal). */
static bool companion_has_data(const char *path, const char *suffix)
{
	char *p = xfmt("%s%s", path, suffix);
	struct stat st;
	bool has = stat(p, &st) == 0 && st.st_size > 0;

	free(p);
	return has;
}

/*
 * Reads the 100-byte header of an existing file and checks that it is an
 * SQLite database of plausible length. Returns NULL or the reason (heap).
 */
static char *check_header(const char *path, const struct stat *sb)
{
	unsigned char h[100];
	unsigned page, npages;
	size_t n;
	FILE *f;

	if (sb->st_size == 0)
		return NULL; /* SQLite's empty database */
	f = fopen(path, "rb");
	if (!f)
		return xstrdup(strerror(errno));
	n = fread(h, 1, sizeof(h), f);
	fclose(f);
	if (n < 16 || memcmp(h, "SQLite format 3", 16) != 0)
		return xstrdup("not an SQLite database");
	if (n < sizeof(h))
		return xfmt("truncated: %zu bytes, less than the database header", n);
	page = (unsigned)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || (page & (page - 1)) != 0)
		return xfmt("damaged header (page size %u)", page);
	if (sb->st_size % page != 0)
		return xfmt("truncated or damaged: %lld bytes is not a whole number of %u-byte "
			    "pages",
			    (long long)sb->st_size, page);
	/* The page count is valid when the change counter matches "version valid for". */
	npages = be32(h + 28);
	if (npages && be32(h + 24) == be32(h + 92) && (long long)npages * page > sb->st_size &&
	    !companion_has_data(path, "-wal") && !companion_has_data(path, "-journal"))
		return xfmt("truncated: the header counts %u pages, the file holds %lld", npages,
			    (long long)(sb->st_size / page));
	return NULL;
}

/* Creates the folders above path (not path itself). */
static char *make_parents(const char *path)
{
	char *p = xstrdup(path), *slash;
	char *err = NULL;

	for (slash = strchr(p + 1, '/'); slash && !err; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			err = xfmt("cannot create folder '%s': %s", p, strerror(errno));
		*slash = '/';
	}
	free(p);
	return err;
}

/* One integer from a query of one row; STORE_OK or the recorded error. */
static int query_int(struct store *s, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail_db(s, "open");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		fail_db(s, "open");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? STORE_OK : s->err_code;
}

/* Runs PRAGMA quick_check(1); a damaged file gives the error. */
/*
 * The database file as last left by an fltcheck that found it sound: its
 * size, time and inode in "<db>-checked". A file that still matches is not
 * checked again on open, so that the check does not cost more with every
 * stored run; any other writer changes the time, and a killed fltcheck
 * writes no stamp.
 */
static void file_stamp(const char *path, char *out, size_t n)
{
	struct stat st;
	if (stat(path, &st) == 0)
		snprintf(out, n, "%lld %lld.%09ld %llu\n", (long long)st.st_size,
			 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
			 (unsigned long long)st.st_ino);
	else
		out[0] = '\0';
}

static bool stamp_matches(const char *path)
{
	char want[128], have[128] = "";
	file_stamp(path, want, sizeof(want));
	char *stamp = xfmt("%s-checked", path);
	FILE *f = fopen(stamp, "r");
	if (f) {
		if (!fgets(have, sizeof(have), f))
			have[0] = '\0';
		fclose(f);
	}
	free(stamp);
	return want[0] && !strcmp(want, have);
}

static void stamp_write(const char *path)
{
	char now[128];
	file_stamp(path, now, sizeof(now));
	if (!now[0])
		return;
	char *stamp = xfmt("%s-checked", path), *tmp = xfmt("%s-checked.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (f) {
		bool ok = fputs(now, f) >= 0;
		if (fclose(f) == 0 && ok)
			rename(tmp, stamp);
		unlink(tmp);
	}
	free(stamp);
	free(tmp);
}

static int quick_check(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK)
		return fail_db(s, "open");
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		fail_db(s, "open");
	} else if (strcmp(column_str(st, 0), "ok") != 0) {
		char *why = xstrdup(column_str(st, 0)), *nl;
		while ((nl = strchr(why, '\n')) != NULL)
			*nl = ' ';
		fail_msg(s, STORE_ERROR,
			 xfmt("cannot open database '%s': damaged (%s)", s->path, why));
		free(why);
	}
	sqlite3_finalize(st);
	return s->err ? s->err_code : STORE_OK;
}

enum layout {
	LAYOUT_NEW,     /* nothing in it yet */
	LAYOUT_V0,      /* the prototype tables */
	LAYOUT_OURS,    /* our application_id, a version we know */
	LAYOUT_FOREIGN, /* someone else's database */
};

/* What the file holds, and its version; errors for newer or foreign databases. */
static int classify(struct store *s, enum layout *layout, int64_t *version)
{
	int64_t app_id, nobjects, nforeign, nargv;

	if (query_int(s, "SELECT count(*) FROM sqlite_schema", &nobjects) ||
	    query_int(s, "PRAGMA user_version", version) ||
	    query_int(s, "PRAGMA application_id", &app_id))
		return s->err_code;
	if (app_id == STORE_APPLICATION_ID) {
		*layout = LAYOUT_OURS;
	} else if (app_id != 0 || *version != 0) {
		*layout = LAYOUT_FOREIGN;
	} else if (nobjects == 0) {
		*layout = LAYOUT_NEW;
	} else {
		if (query_int(s,
			      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
			      "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND "
			      "name NOT IN ('runs', 'findings', 'triage')",
			      &nforeign) ||
		    query_int(
			    s,
			    "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
			    "name IN ('runs', 'findings', 'triage')) = 3 AND "
			    "(SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'argv')",
			    &nargv))
			return s->err_code;
		*layout = nforeign == 0 && nargv ? LAYOUT_V0 : LAYOUT_FOREIGN;
	}
	if (*layout == LAYOUT_FOREIGN)
		return fail_msg(s, STORE_ERROR,
				xfmt("cannot open database '%s': not an fltcheck database "
				     "(application id %#llx, user_version %lld)",
				     s->path, (long long)app_id, (long long)*version));
	if (*version > STORE_SCHEMA_VERSION)
		return fail_msg(s, STORE_ERROR,
				xfmt("database '%s' was written by a newer fltcheck (schema %lld; "
				     "this one knows %d)",
				     s->path, (long long)*version, STORE_SCHEMA_VERSION));
	return STORE_OK;
}

/* The text of section "-- @name" of schema.sql, NUL-terminated (heap), or NULL. */
static char *schema_section(const char *name)
{
	char *marker = xfmt("\n-- @%s\n", name);
	const char *start = strstr(store_schema_sql, marker), *end;
	char *text = NULL;

	if (start) {
		start += strlen(marker);
		end = strstr(start, "\n-- @");
		if (!end)
			end = start + strlen(start);
		text = xmalloc((size_t)(end - start) + 2);
		memcpy(text, start, (size_t)(end - start));
		memcpy(text + (end - start), "\n", 2);
	}
	free(marker);
	return text;
}

/* Runs a section of schema.sql (a fixed script: no values are spliced into it). */
static int run_section(struct store *s, const char *name, int64_t from)
{
	char *sql = schema_section(name), *msg = NULL;
	int rc = STORE_OK;

	if (!sql)
		return fail_msg(s, STORE_ERROR,
				xfmt("cannot migrate database '%s': schema section '%s' missing",
				     s->path, name));
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		rc = fail_msg(
			s, STORE_ERROR,
			xfmt("cannot migrate database '%s' from schema %lld to %d: %s (in %s)",
			     s->path, (long long)from, STORE_SCHEMA_VERSION,
			     msg ? msg : sqlite3_errmsg(s->db), name));
		sqlite3_free(msg);
	}
	free(sql);
	return rc;
}

/* Fails when a migration left a reference dangling (PRAGMA foreign_key_check). */
static int check_references(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return fail_db(s, "migrate");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fail_msg(
			s, STORE_ERROR,
			xfmt("cannot migrate database '%s': table %s refers to a missing row of %s",
			     s->path, column_str(st, 0), column_str(st, 2)));
	else if (rc != SQLITE_DONE)
		fail_db(s, "migrate");
	sqlite3_finalize(st);
	return s->err ? s->err_code : STORE_OK;
}

/* Brings a new, prototype or older database to STORE_SCHEMA_VERSION in one transaction. */
static int migrate(struct store *s)
{
	enum layout layout;
	int64_t version, v;
	int rc;

	if (begin_write(s))
		return s->err_code;
	/* Another fltcheck may have migrated it while we waited: look again. */
	rc = classify(s, &layout, &version);
	if (rc == STORE_OK && layout == LAYOUT_V0) {
		rc = run_section(s, "v0-rename", 0);
		if (rc == STORE_OK)
			rc = run_section(s, "version-1", 0);
		if (rc == STORE_OK)
			rc = run_section(s, "v0-copy", 0);
		version = 1;
	}
	for (v = version + 1; rc == STORE_OK && v <= STORE_SCHEMA_VERSION; v++) {
		char *name = xfmt("version-%lld", (long long)v);
		rc = run_section(s, name, version);
		free(name);
	}
	if (rc == STORE_OK)
		rc = check_references(s);
	if (rc == STORE_OK)
		rc = exec_stmt(s, ST_COMMIT, "migrate");
	if (rc != STORE_OK)
		rollback(s);
	return rc;
}

/* Runs a PRAGMA that sets something; STORE_OK or the recorded error. */
static int pragma(struct store *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return STORE_OK;
	fail_msg(s, STORE_ERROR,
		 xfmt("cannot open database '%s': %s", s->path, msg ? msg : sqlite3_errmsg(s->db)));
	sqlite3_free(msg);
	return s->err_code;
}

static int open_db(struct store *s)
{
	struct stat sb;
	enum layout layout;
	int64_t version;
	bool exists;
	int flags = SQLITE_OPEN_READWRITE;
	char *why;

	if (stat(s->path, &sb) == 0) {
		exists = true;
		if (!S_ISREG(sb.st_mode))
			return fail_msg(
				s, STORE_ERROR,
				xfmt("cannot open database '%s': not a regular file", s->path));
		why = check_header(s->path, &sb);
	} else if (errno == ENOENT) {
		exists = false;
		why = make_parents(s->path);
		flags |= SQLITE_OPEN_CREATE;
	} else {
		return fail_msg(s, STORE_ERROR,
				xfmt("cannot open database '%s': %s", s->path, strerror(errno)));
	}
	if (why) {
		fail_msg(s, STORE_ERROR, xfmt("cannot open database '%s': %s", s->path, why));
		free(why);
		return s->err_code;
	}

	if (sqlite3_open_v2(s->path, &s->db, flags, NULL) != SQLITE_OK)
		return fail_db(s, "open");
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, s->busy_ms);

	/*
	 * Look without touching: nothing below may write until we know the file,
	 * not even the checkpoint that closing the last connection would run on
	 * a WAL left with frames in it (an empty one is simply removed).
	 */
	if (exists && companion_has_data(s->path, "-wal"))
		sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	if (pragma(s, "PRAGMA query_only = 1") || classify(s, &layout, &version))
		return s->err_code;
	if (exists && sb.st_size > 0 && sb.st_size <= STORE_QUICK_CHECK_MAX &&
	    !stamp_matches(s->path) && quick_check(s))
		return s->err_code;
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	if (pragma(s, "PRAGMA query_only = 0") || pragma(s, "PRAGMA foreign_keys = ON") ||
	    pragma(s, "PRAGMA journal_mode = WAL") || pragma(s, "PRAGMA synchronous = NORMAL"))
		return s->err_code;
	if ((layout != LAYOUT_OURS || version < STORE_SCHEMA_VERSION) && migrate(s))
		return s->err_code;
	s->opened = true;
	return STORE_OK;
}

int store_open_timeout(const char *path, int busy_timeout_ms, struct store **out, char **err)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	*err = NULL;
	s->path = xstrdup(path);
	s->busy_ms = busy_timeout_ms;
	rc = open_db(s);
	if (rc != STORE_OK) {
		*err = s->err;
		s->err = NULL;
		store_close(s);
		return rc;
	}
	*out = s;
	return STORE_OK;
}

int store_open(const char *path, struct store **out, char **err)
{
	return store_open_timeout(path, STORE_BUSY_TIMEOUT_MS, out, err);
}

void store_close(struct store *s)
{
	unsigned i;

	if (!s)
		return;
	if (s->db)
		rollback(s);
	for (i = 0; i < ST__COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	bool sound = s->opened && !s->err && s->db;
	sqlite3_close(s->db);
	if (sound)
		stamp_write(s->path);
	free(s->path);
	free(s->root);
	free(s->err);
	free(s);
}

/* ---- runs ------------------------------------------------------------------ */

int store_begin_run(struct store *s, const struct store_run_info *info, int64_t *run_id)
{
	sqlite3_stmt *st;

	*run_id = 0;
	if (s->err)
		return s->err_code;
	if (s->in_run)
		return fail_msg(s, STORE_ERROR,
				xfmt("database '%s': a run is already open", s->path));
	if (begin_write(s))
		return s->err_code;
	st = stmt(s, ST_RUN_INSERT);
	if (st) {
		bind_text(st, 1, info->tool_version ? info->tool_version : "");
		bind_text(st, 2, info->rule_set ? info->rule_set : "");
		bind_text(st, 3, info->arguments ? info->arguments : "");
		bind_text(st, 4, info->source_root ? info->source_root : "");
		bind_text(st, 5, info->revision);
	}
	if (!st || step_done(s, st, "write to")) {
		rollback(s);
		return s->err_code;
	}
	s->in_run = true;
	s->run_id = *run_id = sqlite3_last_insert_rowid(s->db);
	free(s->root);
	s->root = info->source_root && *info->source_root ? xstrdup(info->source_root) : NULL;
	return STORE_OK;
}

/* The open run must be run_id. */
static int check_run(struct store *s, int64_t run_id)
{
	if (s->err)
		return s->err_code;
	if (!s->in_run || s->run_id != run_id)
		return fail_msg(
			s, STORE_ERROR,
			xfmt("database '%s': run %lld is not open", s->path, (long long)run_id));
	return STORE_OK;
}

/* The statements of store_forget_missing, inside a transaction. */
static int forget_missing(struct store *s)
{
	sqlite3_stmt *st = stmt(s, ST_CACHED_PATHS);
	struct ptrvec gone = { 0 };
	int rc, ret = STORE_OK;
	if (!st)
		return s->err_code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = column_str(st, 0);
		/* only absolute paths: a relative one depends on where fltcheck runs */
		if (path && path[0] == '/' && access(path, F_OK) != 0 &&
		    (errno == ENOENT || errno == ENOTDIR))
			ptrvec_push(&gone, xstrdup(path));
	}
	stmt_done(st);
	if (rc != SQLITE_DONE)
		ret = fail_db(s, "read");
	for (unsigned i = 0; i < gone.n && ret == STORE_OK; i++) {
		static const enum stmt_id del[] = { ST_TU_FORGET, ST_FILE_FORGET };
		for (unsigned k = 0; k < 2 && ret == STORE_OK; k++) {
			if (!(st = stmt(s, del[k]))) {
				ret = s->err_code;
				break;
			}
			bind_text(st, 1, gone.v[i]);
			ret = step_done(s, st, "write to");
		}
	}
	for (unsigned i = 0; i < gone.n; i++)
		free(gone.v[i]);
	ptrvec_free(&gone);
	return ret;
}

int store_forget_missing(struct store *s)
{
	bool own;
	if (s->err || tx_begin(s, &own))
		return s->err_code;
	return tx_end(s, own, forget_missing(s));
}

int store_commit_run(struct store *s, int64_t run_id, unsigned files_analyzed,
		     unsigned files_failed)
{
	sqlite3_stmt *st;
	int rc;

	if (check_run(s, run_id))
		return s->err_code;
	st = stmt(s, ST_RUN_FINISH);
	rc = st ? STORE_OK : s->err_code;
	if (st) {
		sqlite3_bind_int64(st, 1, run_id);
		sqlite3_bind_int64(st, 2, files_analyzed);
		sqlite3_bind_int64(st, 3, files_failed);
		rc = step_done(s, st, "write to");
	}
	if (rc == STORE_OK) { /* the oldest unlabelled runs go, so the file stays small */
		st = stmt(s, ST_RUNS_TRIM);
		rc = st ? STORE_OK : s->err_code;
		if (st) {
			sqlite3_bind_int(st, 1, STORE_RUNS_KEPT);
			rc = step_done(s, st, "write to");
		}
	}
	if (rc == STORE_OK && run_id % STORE_MISSING_CHECK_RUNS == 0)
		rc = forget_missing(s);
	if (rc == STORE_OK)
		rc = exec_stmt(s, ST_COMMIT, "commit to");
	if (rc != STORE_OK)
		rollback(s);
	s->in_run = false;
	s->run_id = 0;
	return rc;
}

void store_abort_run(struct store *s)
{
	if (!s || !s->in_run)
		return;
	rollback(s);
	s->in_run = false;
	s->run_id = 0;
}

/* Fills r from a row of RUN_COLUMNS; strings borrowed from the statement. */
static void read_run(sqlite3_stmt *st, struct store_run *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->started_at = column_str(st, 1);
	r->finished_at = column_str(st, 2);
	r->tool_version = column_str(st, 3);
	r->rule_set = column_str(st, 4);
	r->arguments = column_str(st, 5);
	r->source_root = column_str(st, 6);
	r->revision = column_str(st, 7);
	r->files_analyzed = (unsigned)sqlite3_column_int64(st, 8);
	r->files_failed = (unsigned)sqlite3_column_int64(st, 9);
	r->complete = sqlite3_column_int(st, 10) != 0;
}

int store_list_runs(struct store *s, int (*cb)(void *ctx, const struct store_run *r), void *ctx)
{
	sqlite3_stmt *st;
	struct store_run r;
	int rc, ret = STORE_OK;

	if (s->err || !(st = stmt(s, ST_RUN_LIST)))
		return s->err_code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_run(st, &r);
		ret = cb(ctx, &r);
		if (ret)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = fail_db(s, "read");
	stmt_done(st);
	return ret;
}

int store_get_run(struct store *s, int64_t run_id, struct arena *a, struct store_run *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (s->err || !(st = stmt(s, ST_RUN_GET)))
		return s->err_code;
	sqlite3_bind_int64(st, 1, run_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_run(st, out);
		out->started_at = column_dup(st, 1, a);
		out->finished_at = column_dup(st, 2, a);
		out->tool_version = column_dup(st, 3, a);
		out->rule_set = column_dup(st, 4, a);
		out->arguments = column_dup(st, 5, a);
		out->source_root = column_dup(st, 6, a);
		out->revision = column_dup(st, 7, a);
		rc = STORE_OK;
	} else {
		rc = rc == SQLITE_DONE ? STORE_NOT_FOUND : fail_db(s, "read");
	}
	stmt_done(st);
	return rc;
}

/* One id from statement st (bound already); STORE_OK, STORE_NOT_FOUND or an error. */
static int step_id(struct store *s, sqlite3_stmt *st, int64_t *id)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = STORE_OK;
	} else {
		rc = rc == SQLITE_DONE ? STORE_NOT_FOUND : fail_db(s, "read");
	}
	stmt_done(st);
	return rc;
}

int store_latest_run(struct store *s, int64_t *run_id)
{
	sqlite3_stmt *st;

	*run_id = 0;
	if (s->err || !(st = stmt(s, ST_RUN_LATEST)))
		return s->err_code;
	return step_id(s, st, run_id);
}

int store_run_by_revision(struct store *s, const char *revision, int64_t *run_id)
{
	sqlite3_stmt *st;

	*run_id = 0;
	if (s->err || !(st = stmt(s, ST_RUN_BY_REVISION)))
		return s->err_code;
	bind_text(st, 1, revision);
	return step_id(s, st, run_id);
}

/* ---- findings ------------------------------------------------------------ */

/*
 * file as stored (heap): relative to root with '/' separators when under it,
 * otherwise as given, made absolute (a path relative to the current folder
 * would mean something else to a reader that joins it with the root).
 */
static char *stored_path(const char *root, const char *file)
{
	char cwd[PATH_MAX];
	if (!root || !*file || file[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return fingerprint_relpath(file, root);
	char *abs = xfmt("%s%s%s", cwd, strcmp(cwd, "/") ? "/" : "", file);
	char *rel = fingerprint_relpath(abs, root);
	free(abs);
	return rel;
}

static void json_location(FILE *out, const char *root, const char *file, unsigned line,
			  unsigned col, const char *msg)
{
	fputs("{\"file\":", out);
	if (file) {
		char *rel = stored_path(root, file);
		json_write_string(out, rel);
		free(rel);
	} else {
		fputs("null", out);
	}
	fprintf(out, ",\"line\":%u,\"col\":%u,\"msg\":", line, col);
	if (msg)
		json_write_string(out, msg);
	else
		fputs("null", out);
	fputc('}', out);
}

/* The steps of f as a JSON array (heap). */
static char *steps_json(const struct finding *f, const char *root)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = xmemstream(&buf, &len);
	unsigned i;

	fputc('[', out);
	for (i = 0; i < f->nsteps; i++) {
		if (i)
			fputc(',', out);
		json_location(out, root, f->steps[i].file, f->steps[i].line, f->steps[i].col,
			      f->steps[i].msg);
	}
	fputc(']', out);
	fclose(out);
	return buf;
}

/* The related location of f as a JSON object (heap), or NULL. */
static char *related_json(const struct finding *f, const char *root)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	if (!f->related_file)
		return NULL;
	out = xmemstream(&buf, &len);
	json_location(out, root, f->related_file, f->related_line, f->related_col, f->related_msg);
	fclose(out);
	return buf;
}

int store_put_finding(struct store *s, int64_t run_id, const struct finding *f,
		      const char *fingerprint, int fp_version)
{
	sqlite3_stmt *st;
	char *steps, *related;
	int rc;

	if (check_run(s, run_id) || !(st = stmt(s, ST_FINDING_INSERT)))
		return s->err_code;
	steps = steps_json(f, s->root);
	related = related_json(f, s->root);
	char *file = stored_path(s->root, f->file ? f->file : "");
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, fingerprint);
	sqlite3_bind_int(st, 3, fp_version);
	bind_text(st, 4, f->rule->id);
	bind_text(st, 5, rule_severity_name(f->rule->severity));
	bind_text(st, 6, file);
	sqlite3_bind_int64(st, 7, f->line);
	sqlite3_bind_int64(st, 8, f->col);
	bind_text(st, 9, f->function ? f->function : "");
	bind_text(st, 10, f->message ? f->message : "");
	bind_text(st, 11, steps);
	bind_text(st, 12, related);
	rc = step_done(s, st, "write to");
	free(steps);
	free(related);
	free(file);
	return rc;
}

int store_put_run_file(struct store *s, int64_t run_id, const char *path, const char *status,
		       const char *reason)
{
	sqlite3_stmt *st;
	if (check_run(s, run_id) || !(st = stmt(s, ST_RUN_FILE_PUT)))
		return s->err_code;
	char *rel = stored_path(s->root, path);
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, rel);
	bind_text(st, 3, status);
	bind_text(st, 4, reason);
	int rc = step_done(s, st, "write to");
	free(rel);
	return rc;
}

int store_get_run_files(struct store *s, int64_t run_id,
			int (*cb)(void *ctx, const char *path, const char *status,
				  const char *reason),
			void *ctx)
{
	sqlite3_stmt *st;
	bool own;
	int rc, ret = STORE_OK;
	if (s->err)
		return s->err_code;
	if (rtx_begin(s, &own))
		return s->err_code;
	if (!(st = stmt(s, ST_RUN_FILES)))
		return rtx_end(s, own, s->err_code);
	sqlite3_bind_int64(st, 1, run_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ret = cb(ctx, column_str(st, 0), column_str(st, 1), column_str(st, 2));
		if (ret)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = fail_db(s, "read");
	stmt_done(st);
	return rtx_end(s, own, ret);
}

int store_get_findings(struct store *s, int64_t run_id, const char *rule, const char *state,
		       int (*cb)(void *ctx, const struct store_finding *f), void *ctx)
{
	struct store_finding f;
	struct store_run r;
	struct arena a;
	sqlite3_stmt *st;
	bool own;
	int rc, ret;

	if (s->err)
		return s->err_code;
	if (rtx_begin(s, &own))
		return s->err_code;
	if (run_id == 0 && (ret = store_latest_run(s, &run_id)) != STORE_OK)
		return rtx_end(s, own, ret);
	arena_init(&a);
	ret = store_get_run(s, run_id, &a, &r);
	arena_release(&a);
	if (ret != STORE_OK)
		return rtx_end(s, own, ret);
	if (!(st = stmt(s, ST_FINDINGS)))
		return rtx_end(s, own, s->err_code);
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, rule);
	bind_text(st, 3, state);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		f.run_id = sqlite3_column_int64(st, 0);
		f.fingerprint = column_str(st, 1);
		f.fingerprint_version = sqlite3_column_int(st, 2);
		f.rule = column_str(st, 3);
		f.severity = column_str(st, 4);
		f.file = column_str(st, 5);
		f.line = (unsigned)sqlite3_column_int64(st, 6);
		f.col = (unsigned)sqlite3_column_int64(st, 7);
		f.function = column_str(st, 8);
		f.message = column_str(st, 9);
		f.steps = column_str(st, 10);
		f.related = column_str(st, 11);
		f.state = column_str(st, 12);
		f.note = column_str(st, 13);
		ret = cb(ctx, &f);
		if (ret)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = fail_db(s, "read");
	stmt_done(st);
	return rtx_end(s, own, ret);
}

/* ---- triage -------------------------------------------------------------- */

bool store_triage_state_valid(const char *state)
{
	static const char *const states[] = { "open", "confirmed", "false-positive",
					      "intentional" };
	size_t i;

	for (i = 0; state && i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(state, states[i]) == 0)
			return true;
	return false;
}

int store_set_triage(struct store *s, const char *fingerprint, const char *state, const char *note)
{
	sqlite3_stmt *st;
	bool own;
	int rc;

	if (s->err)
		return s->err_code;
	if (!store_triage_state_valid(state))
		return fail_msg(s, STORE_ERROR,
				xfmt("invalid triage state '%s' (expected open, confirmed, "
				     "false-positive or intentional)",
				     state ? state : ""));
	if (!fingerprint || !*fingerprint)
		return fail_msg(s, STORE_ERROR, xstrdup("triage needs a fingerprint"));
	if (tx_begin(s, &own))
		return s->err_code;
	st = stmt(s, ST_TRIAGE_SET);
	rc = s->err_code;
	if (st) {
		bind_text(st, 1, fingerprint);
		bind_text(st, 2, state);
		bind_text(st, 3, note);
		rc = step_done(s, st, "write to");
	}
	return tx_end(s, own, rc);
}

int store_list_triage(struct store *s, int (*cb)(void *ctx, const struct store_triage_row *r),
		      void *ctx)
{
	sqlite3_stmt *st;
	bool own;
	int rc;
	if (s->err || rtx_begin(s, &own))
		return s->err_code;
	if (!(st = stmt(s, ST_TRIAGE_LIST)))
		return rtx_end(s, own, s->err_code);
	int stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_triage_row r = {
			column_str(st, 0), column_str(st, 1), column_str(st, 2), column_str(st, 3),
			column_str(st, 4), column_str(st, 5), column_str(st, 6),
		};
		stop = cb(ctx, &r);
	}
	int ret = stop || rc == SQLITE_DONE ? STORE_OK : fail_db(s, "read");
	stmt_done(st);
	return rtx_end(s, own, ret);
}

int store_import_triage(struct store *s, const struct store_triage_row *rows, unsigned n,
			unsigned counts[3])
{
	bool own;
	counts[0] = counts[1] = counts[2] = 0;
	if (s->err)
		return s->err_code;
	for (unsigned i = 0; i < n; i++)
		if (!store_triage_state_valid(rows[i].state) || !rows[i].fingerprint ||
		    !rows[i].updated_at)
			return fail_msg(s, STORE_ERROR, xstrdup("invalid triage decision"));
	if (tx_begin(s, &own))
		return s->err_code;
	int ret = STORE_OK;
	for (unsigned i = 0; i < n && ret == STORE_OK; i++) {
		const struct store_triage_row *r = &rows[i];
		sqlite3_stmt *st = stmt(s, ST_TRIAGE_GET);
		if (!st) {
			ret = s->err_code;
			break;
		}
		bind_text(st, 1, r->fingerprint);
		int rc = sqlite3_step(st);
		int what = 0; /* 0 write, 1 kept (newer here), 2 the same */
		if (rc == SQLITE_ROW) {
			const char *state = column_str(st, 0), *note = column_str(st, 1),
				   *at = column_str(st, 2);
			bool same = state && !strcmp(state, r->state) &&
				    !strcmp(note ? note : "", r->note ? r->note : "");
			if (same)
				what = 2;
			else if (at && strcmp(at, r->updated_at) >= 0)
				what = 1;
		} else if (rc != SQLITE_DONE) {
			ret = fail_db(s, "read");
		}
		stmt_done(st);
		if (ret != STORE_OK)
			break;
		counts[what]++;
		if (what != 0)
			continue;
		if (!(st = stmt(s, ST_TRIAGE_PUT_AT))) {
			ret = s->err_code;
			break;
		}
		bind_text(st, 1, r->fingerprint);
		bind_text(st, 2, r->state);
		bind_text(st, 3, r->note);
		bind_text(st, 4, r->updated_at);
		ret = step_done(s, st, "write to");
	}
	return tx_end(s, own, ret);
}

int store_get_triage(struct store *s, const char *fingerprint, struct arena *a,
		     struct store_triage *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (s->err || !(st = stmt(s, ST_TRIAGE_GET)))
		return s->err_code;
	bind_text(st, 1, fingerprint);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->state = column_dup(st, 0, a);
		out->note = column_dup(st, 1, a);
		out->updated_at = column_dup(st, 2, a);
		rc = STORE_OK;
	} else {
		rc = rc == SQLITE_DONE ? STORE_NOT_FOUND : fail_db(s, "read");
	}
	stmt_done(st);
	return rc;
}

/* ---- caches ------------------------------------------------------------------ */

int store_put_file(struct store *s, const struct store_file *f)
{
	sqlite3_stmt *st;
	bool own;
	int rc;

	if (s->err || tx_begin(s, &own))
		return s->err_code;
	st = stmt(s, ST_FILE_PUT);
	rc = s->err_code;
	if (st) {
		bind_text(st, 1, f->path);
		bind_text(st, 2, f->content_hash);
		if (f->size >= 0)
			sqlite3_bind_int64(st, 3, f->size);
		if (f->mtime_ns >= 0)
			sqlite3_bind_int64(st, 4, f->mtime_ns);
		rc = step_done(s, st, "write to");
	}
	return tx_end(s, own, rc);
}

int store_get_file(struct store *s, const char *path, struct arena *a, struct store_file *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (s->err || !(st = stmt(s, ST_FILE_GET)))
		return s->err_code;
	bind_text(st, 1, path);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->path = arena_strdup(a, path);
		out->content_hash = column_dup(st, 0, a);
		out->size = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1
								      : sqlite3_column_int64(st, 1);
		out->mtime_ns = sqlite3_column_type(st, 2) == SQLITE_NULL
					? -1
					: sqlite3_column_int64(st, 2);
		rc = STORE_OK;
	} else {
		rc = rc == SQLITE_DONE ? STORE_NOT_FOUND : fail_db(s, "read");
	}
	stmt_done(st);
	return rc;
}

/* The statements of store_put_tu, inside its transaction. */
static int put_tu(struct store *s, int64_t run_id, const struct store_tu *tu)
{
	sqlite3_stmt *st = stmt(s, ST_TU_PUT);
	int64_t tu_id;
	unsigned i;
	int rc;

	if (!st)
		return s->err_code;
	bind_text(st, 1, tu->path);
	bind_text(st, 2, tu->args_hash);
	bind_text(st, 3, tu->source_hash ? tu->source_hash : "");
	sqlite3_bind_int(st, 4, tu->parse_status);
	bind_text(st, 5, tu->diagnostics ? tu->diagnostics : "");
	if (tu->facts)
		sqlite3_bind_blob64(st, 6, tu->facts, tu->facts_len, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, tu->facts_version);
	if (run_id)
		sqlite3_bind_int64(st, 8, run_id);
	const char *build = tu->build ? tu->build : "";
	bind_text(st, 9, build);
	sqlite3_bind_int64(st, 10, now_ms());
	rc = sqlite3_step(st);
	tu_id = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_ROW) {
		fail_db(s, "write to");
		stmt_done(st);
		return s->err_code;
	}
	stmt_done(st);

	/* the path's entries of other builds, and its older variants, go (tu_headers cascades) */
	if (!(st = stmt(s, ST_TU_TRIM)))
		return s->err_code;
	bind_text(st, 1, tu->path);
	sqlite3_bind_int64(st, 2, tu_id);
	bind_text(st, 3, build);
	sqlite3_bind_int(st, 4, STORE_TU_VARIANTS_KEPT);
	if (step_done(s, st, "write to"))
		return s->err_code;

	if (!(st = stmt(s, ST_TU_HEADERS_CLEAR)))
		return s->err_code;
	sqlite3_bind_int64(st, 1, tu_id);
	if (step_done(s, st, "write to") || !(st = stmt(s, ST_TU_HEADER_PUT)))
		return s->err_code;
	for (i = 0; i < tu->nheaders; i++) {
		sqlite3_bind_int64(st, 1, tu_id);
		bind_text(st, 2, tu->headers[i].path);
		bind_text(st, 3, tu->headers[i].hash);
		if (step_done(s, st, "write to"))
			return s->err_code;
	}
	return STORE_OK;
}

int store_put_tu(struct store *s, int64_t run_id, const struct store_tu *tu)
{
	bool own;

	if (s->err || tx_begin(s, &own))
		return s->err_code;
	return tx_end(s, own, put_tu(s, run_id, tu));
}

int store_get_tu(struct store *s, const char *path, const char *args_hash, struct arena *a,
		 struct store_tu *out)
{
	struct store_header *hv = NULL, *headers;
	unsigned n = 0, cap = 0;
	sqlite3_stmt *st;
	int64_t tu_id;
	bool own;
	int rc;

	memset(out, 0, sizeof(*out));
	if (s->err || rtx_begin(s, &own))
		return s->err_code;
	if (!(st = stmt(s, ST_TU_GET)))
		return rtx_end(s, own, s->err_code);
	bind_text(st, 1, path);
	bind_text(st, 2, args_hash);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? STORE_NOT_FOUND : fail_db(s, "read");
		stmt_done(st);
		return rtx_end(s, own, rc);
	}
	tu_id = sqlite3_column_int64(st, 0);
	out->path = arena_strdup(a, path);
	out->args_hash = arena_strdup(a, args_hash);
	out->source_hash = column_dup(st, 1, a);
	out->parse_status = sqlite3_column_int(st, 2);
	out->diagnostics = column_dup(st, 3, a);
	if (sqlite3_column_type(st, 4) == SQLITE_BLOB) {
		const void *blob = sqlite3_column_blob(st, 4);
		size_t len = (size_t)sqlite3_column_bytes(st, 4);
		void *copy = arena_alloc_uninit(a, len ? len : 1);
		if (len)
			memcpy(copy, blob, len);
		out->facts = copy;
		out->facts_len = len;
	}
	out->facts_version = sqlite3_column_int(st, 5);
	stmt_done(st);

	if (!(st = stmt(s, ST_TU_HEADERS_GET)))
		return rtx_end(s, own, s->err_code);
	sqlite3_bind_int64(st, 1, tu_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			hv = xrealloc(hv, cap * sizeof(*hv));
		}
		hv[n].path = column_dup(st, 0, a);
		hv[n].hash = column_dup(st, 1, a);
		n++;
	}
	rc = rc == SQLITE_DONE ? STORE_OK : fail_db(s, "read");
	stmt_done(st);
	if (n) {
		headers = arena_alloc_uninit(a, n * sizeof(*headers));
		memcpy(headers, hv, n * sizeof(*headers));
		out->headers = headers;
		out->nheaders = n;
	}
	free(hv);
	return rtx_end(s, own, rc);
}

int store_match_fingerprint(struct store *s, const char *prefix, struct arena *a,
			    const char **match, unsigned *nmatches)
{
	sqlite3_stmt *st;
	int rc;
	*nmatches = 0;
	*match = NULL;
	if (s->err)
		return s->err_code;
	if (!(st = stmt(s, ST_FINGERPRINT_MATCH)))
		return s->err_code;
	bind_text(st, 1, prefix);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!*nmatches)
			*match = column_dup(st, 0, a);
		(*nmatches)++;
	}
	int ret = rc == SQLITE_DONE ? STORE_OK : fail_db(s, "read");
	stmt_done(st);
	return ret;
}

int store_put_program(struct store *s, const char *key, const char *findings)
{
	sqlite3_stmt *st;
	bool own;
	if (s->err || tx_begin(s, &own))
		return s->err_code;
	int rc = STORE_OK;
	if (!(st = stmt(s, ST_PROGRAM_PUT)))
		return tx_end(s, own, s->err_code);
	bind_text(st, 1, key);
	bind_text(st, 2, findings);
	rc = step_done(s, st, "write to");
	if (rc == STORE_OK && (st = stmt(s, ST_PROGRAM_TRIM)) != NULL) {
		sqlite3_bind_int(st, 1, STORE_PROGRAM_RESULTS_KEPT);
		rc = step_done(s, st, "write to");
	} else if (rc == STORE_OK) {
		rc = s->err_code;
	}
	return tx_end(s, own, rc);
}

int store_get_program(struct store *s, const char *key, struct arena *a, const char **findings)
{
	sqlite3_stmt *st;
	*findings = NULL;
	if (s->err)
		return s->err_code;
	if (!(st = stmt(s, ST_PROGRAM_GET)))
		return s->err_code;
	bind_text(st, 1, key);
	int rc = sqlite3_step(st), ret;
	if (rc == SQLITE_ROW) {
		*findings = column_dup(st, 0, a);
		ret = STORE_OK;
	} else {
		ret = rc == SQLITE_DONE ? STORE_NOT_FOUND : fail_db(s, "read");
	}
	stmt_done(st);
	return ret;
}

int store_begin_batch(struct store *s)
{
	if (s->err)
		return s->err_code;
	if (s->in_run || s->in_batch)
		return fail_msg(s, STORE_ERROR,
				xfmt("database '%s': a transaction is already open", s->path));
	if (begin_write(s))
		return s->err_code;
	s->in_batch = true;
	return STORE_OK;
}

int store_end_batch(struct store *s)
{
	if (!s->in_batch)
		return s->err ? s->err_code : STORE_OK;
	s->in_batch = false;
	if (!s->err && exec_stmt(s, ST_COMMIT, "commit to") == STORE_OK)
		return STORE_OK;
	rollback(s);
	return s->err_code;
}

int store_begin_read(struct store *s)
{
	if (s->err)
		return s->err_code;
	if (!sqlite3_get_autocommit(s->db))
		return fail_msg(s, STORE_ERROR,
				xfmt("database '%s': a transaction is already open", s->path));
	bool own;
	return rtx_begin(s, &own);
}

int store_end_read(struct store *s)
{
	return rtx_end(s, !sqlite3_get_autocommit(s->db), s->err ? s->err_code : STORE_OK);
}

int store_put_root(struct store *s, const char *key, const char *result)
{
	sqlite3_stmt *st;
	bool own;
	if (s->err || tx_begin(s, &own))
		return s->err_code;
	if (!(st = stmt(s, ST_ROOT_PUT)))
		return tx_end(s, own, s->err_code);
	bind_text(st, 1, key);
	bind_text(st, 2, result);
	return tx_end(s, own, step_done(s, st, "write to"));
}

int store_get_root(struct store *s, const char *key, struct arena *a, const char **result)
{
	sqlite3_stmt *st;
	*result = NULL;
	if (s->err)
		return s->err_code;
	if (!(st = stmt(s, ST_ROOT_GET)))
		return s->err_code;
	bind_text(st, 1, key);
	int rc = sqlite3_step(st), ret;
	if (rc == SQLITE_ROW) {
		*result = column_dup(st, 0, a);
		ret = STORE_OK;
	} else {
		ret = rc == SQLITE_DONE ? STORE_NOT_FOUND : fail_db(s, "read");
	}
	stmt_done(st);
	return ret;
}

/* Deletes the root results that no stored list names (inside a transaction). */
static int prune_roots(struct store *s)
{
	struct strmap named = { 0 };
	sqlite3_stmt *st;
	int rc, ret = STORE_OK;
	if (!(st = stmt(s, ST_ROOT_SCAN_LISTS)))
		return s->err_code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p = sqlite3_column_blob(st, 0);
		int n = sqlite3_column_bytes(st, 0);
		for (const char *end = p + n; p && p < end;) {
			const char *z = memchr(p, '\0', (size_t)(end - p));
			if (!z)
				break;
			strmap_slot(&named, p, NULL);
			p = z + 1;
		}
	}
	stmt_done(st);
	if (rc != SQLITE_DONE) {
		strmap_free(&named, NULL);
		return fail_db(s, "read");
	}
	int64_t *gone = NULL;
	size_t ngone = 0, cap = 0;
	if (!(st = stmt(s, ST_ROOT_KEYS))) {
		strmap_free(&named, NULL);
		return s->err_code;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = column_str(st, 1);
		bool added;
		if (!key)
			key = "";
		strmap_slot(&named, key, &added);
		if (!added)
			continue;
		if (ngone == cap) {
			cap = cap ? cap * 2 : 256;
			gone = xrealloc(gone, cap * sizeof(*gone));
		}
		gone[ngone++] = sqlite3_column_int64(st, 0);
	}
	stmt_done(st);
	strmap_free(&named, NULL);
	if (rc != SQLITE_DONE)
		ret = fail_db(s, "read");
	for (size_t i = 0; i < ngone && ret == STORE_OK; i++) {
		if (!(st = stmt(s, ST_ROOT_DELETE))) {
			ret = s->err_code;
			break;
		}
		sqlite3_bind_int64(st, 1, gone[i]);
		ret = step_done(s, st, "write to");
	}
	free(gone);
	return ret;
}

int store_keep_roots(struct store *s, const char *const *keys, unsigned n)
{
	sqlite3_stmt *st;
	bool own;
	if (s->err)
		return s->err_code;
	if (!n)
		return STORE_OK; /* a scan without roots does not age the lists */
	if (tx_begin(s, &own))
		return s->err_code;
	size_t len = 0;
	for (unsigned i = 0; i < n; i++)
		len += strlen(keys[i]) + 1;
	char *list = xmalloc(len ? len : 1), *p = list;
	for (unsigned i = 0; i < n; i++) {
		size_t k = strlen(keys[i]) + 1;
		memcpy(p, keys[i], k);
		p += k;
	}
	int ret = STORE_OK;
	if (!(st = stmt(s, ST_ROOT_SCAN_PUT))) {
		free(list);
		return tx_end(s, own, s->err_code);
	}
	sqlite3_bind_blob64(st, 1, list, len, SQLITE_STATIC);
	ret = step_done(s, st, "write to");
	free(list);
	if (ret == STORE_OK) {
		if (!(st = stmt(s, ST_ROOT_SCAN_TRIM)))
			return tx_end(s, own, s->err_code);
		sqlite3_bind_int(st, 1, STORE_ROOT_SCANS_KEPT);
		ret = step_done(s, st, "write to");
	}
	/* prune when the results have grown well past what this scan used */
	int64_t count = 0;
	if (ret == STORE_OK) {
		if (!(st = stmt(s, ST_ROOT_COUNT)))
			return tx_end(s, own, s->err_code);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			count = sqlite3_column_int64(st, 0);
		stmt_done(st);
		if (rc != SQLITE_ROW)
			ret = fail_db(s, "read");
	}
	if (ret == STORE_OK && count > 2 * (int64_t)n + STORE_ROOT_SLACK)
		ret = prune_roots(s);
	return tx_end(s, own, ret);
}
