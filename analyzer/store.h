/*
 * The findings database: one SQLite file per project that holds the runs,
 * their findings, the triage decisions (keyed by fingerprint, so they outlive
 * runs) and the caches that make a re-scan cheap (file hashes, and per
 * translation unit its facts and the hashes of the headers it included).
 * This is the storage layer only: it neither decides what is stale nor
 * computes fingerprints; the scan driver does.
 *
 * The schema is analyzer/schema.sql, compiled in (schema_sql.c), versioned
 * with PRAGMA user_version and migrated forward on open. The file is in WAL
 * mode, so readers never block the writer; a writer waits for another
 * writer up to the busy timeout. Every statement is prepared once and kept.
 *
 * A run is one write transaction, from store_begin_run to store_commit_run:
 * it is stored whole or not at all. A scan that is interrupted, killed or
 * that calls store_abort_run leaves the database as it was before. Hold the
 * transaction only while writing results, not while parsing, so that a
 * second scan waits briefly rather than for the whole of the first.
 *
 * Errors: functions return STORE_OK (0), STORE_NOT_FOUND for a lookup that
 * found nothing, or STORE_ERROR / STORE_LOCKED. The first error is sticky:
 * its one-line message stays in store_errmsg, and every later call returns
 * STORE_ERROR at once without touching the database, so the caller reports
 * the error once (store_abort_run and store_close still work).
 *
 * Strings returned by the readers are either borrowed for the duration of a
 * callback (marked so) or copied into an arena the caller passes in.
 */
#ifndef FLTCHECK_STORE_H
#define FLTCHECK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct finding;
struct store;

enum {
	STORE_OK = 0,
	STORE_NOT_FOUND = 1, /* a lookup found nothing; not an error, not sticky */
	STORE_ERROR = -1,    /* see store_errmsg */
	STORE_LOCKED = -2,   /* another writer held the database past the busy timeout */
};

/* The schema version this binary writes, and the application_id it stamps. */
#define STORE_SCHEMA_VERSION 5
#define STORE_APPLICATION_ID 0x464C5443 /* "FLTC" */
/* Milliseconds a writer waits for another writer before STORE_LOCKED. */
#define STORE_BUSY_TIMEOUT_MS 5000

/* analyzer/schema.sql, compiled in (schema_sql.c). */
extern const char store_schema_sql[];

/*
 * Opens the database at path, creating its parent folders and the file on
 * first use, and migrating an older schema forward (in one transaction). An
 * existing file is checked before anything is written to it: a file that is
 * not an SQLite database, is truncated or damaged, belongs to another
 * program, or was written by a newer fltcheck is refused and left exactly as
 * it was. On success *out is the new handle (release with store_close) and
 * returns STORE_OK; otherwise *out is NULL, *err a one-line message the
 * caller frees ("cannot open database 'x': reason"), and the result
 * STORE_ERROR or STORE_LOCKED.
 */
int store_open(const char *path, struct store **out, char **err);

/* Like store_open with a busy timeout other than STORE_BUSY_TIMEOUT_MS. */
int store_open_timeout(const char *path, int busy_timeout_ms, struct store **out, char **err);

/* Closes the database; a run still open is rolled back. NULL is allowed. */
void store_close(struct store *s);

/* The first error's message, or NULL when no call has failed. Borrowed. */
const char *store_errmsg(const struct store *s);

/* ---- runs ------------------------------------------------------------- */

/* What the scan records about itself; strings are copied, revision may be NULL. */
struct store_run_info {
	const char *tool_version;
	const char *rule_set;  /* e.g. the enabled rule ids, comma-separated */
	const char *arguments; /* the command line */
	const char *source_root;
	const char *revision; /* --revision label, or NULL */
};

/* A stored run. In a callback the strings are borrowed for the call. */
struct store_run {
	int64_t id;
	const char *started_at, *finished_at; /* UTC, ISO 8601 */
	const char *tool_version, *rule_set, *arguments, *source_root;
	const char *revision; /* or NULL */
	unsigned files_analyzed, files_failed;
	bool complete;
};

/*
 * Starts a run: opens the write transaction (waiting up to the busy timeout
 * for another writer, then STORE_LOCKED with "database 'x' is locked by
 * another fltcheck") and inserts the run, whose id goes to *run_id. Nothing
 * of it is visible to others until store_commit_run.
 */
int store_begin_run(struct store *s, const struct store_run_info *info, int64_t *run_id);

/*
 * Adds a finding of f->rule to the open run. fingerprint and fp_version come
 * from the fingerprint module; the finding's steps become a JSON array and
 * its related location a JSON object. File paths (f->file, the steps' and
 * the related location's) are stored relative to the run's source_root when
 * under it, with '/' separators, and absolute otherwise (a path relative to
 * the current folder is made absolute first); readers join them back with
 * the run's source_root. Nothing of f is kept.
 */
int store_put_finding(struct store *s, int64_t run_id, const struct finding *f,
		      const char *fingerprint, int fp_version);

/*
 * Records what the open run did with one of its files: status "parsed",
 * "cached" or "failed", with reason the first error (or NULL). path is
 * stored as store_put_finding stores paths; recording a path again replaces
 * the earlier record.
 */
int store_put_run_file(struct store *s, int64_t run_id, const char *path, const char *status,
		       const char *reason);

/*
 * Calls cb for each file of run run_id, by path, until cb returns non-zero
 * (then returned). Strings are borrowed for the call; paths as stored
 * (relative to the run's source_root when under it).
 */
int store_get_run_files(struct store *s, int64_t run_id,
			int (*cb)(void *ctx, const char *path, const char *status,
				  const char *reason),
			void *ctx);

/* Runs without a --revision label kept: committing a run deletes older ones
 * (with their findings); labelled runs are kept until deleted by hand. */
#define STORE_RUNS_KEPT 50

/* Every how many runs committing one also does store_forget_missing. */
#define STORE_MISSING_CHECK_RUNS 16

/* Records the counts and the finish time, drops the oldest unlabelled runs beyond
 * STORE_RUNS_KEPT, every STORE_MISSING_CHECK_RUNS-th run forgets the files that
 * are gone (store_forget_missing), and commits the run. */
int store_commit_run(struct store *s, int64_t run_id, unsigned files_analyzed,
		     unsigned files_failed);

/*
 * Deletes the cached units and file hashes of absolute paths that no longer
 * exist (deleted or renamed sources and headers), so that the cache does
 * not keep them for good. A unit that includes a vanished header is already
 * stale; it goes when its own path is written again.
 */
int store_forget_missing(struct store *s);

/*
 * Rolls the open run back (a no-op when none is open); the database is as
 * it was before store_begin_run. Works after an error, and does not clear it.
 */
void store_abort_run(struct store *s);

/*
 * Calls cb for every stored run, oldest first, until cb returns non-zero,
 * which is then returned. The run is borrowed for the call. cb must not call
 * store_list_runs itself.
 */
int store_list_runs(struct store *s, int (*cb)(void *ctx, const struct store_run *r), void *ctx);

/* The run with this id, its strings copied into a: STORE_OK or STORE_NOT_FOUND. */
int store_get_run(struct store *s, int64_t run_id, struct arena *a, struct store_run *out);

/* The id of the newest complete run: STORE_OK or STORE_NOT_FOUND. */
int store_latest_run(struct store *s, int64_t *run_id);

/* The id of the newest complete run with this --revision label. */
int store_run_by_revision(struct store *s, const char *revision, int64_t *run_id);

/* ---- findings and triage --------------------------------------------- */

/* A stored finding with its triage state. In a callback, borrowed for the call. */
struct store_finding {
	int64_t run_id;
	const char *fingerprint;
	int fingerprint_version;
	const char *rule, *severity; /* severity: "note", "warning" or "error" */
	const char *file;
	unsigned line, col;
	const char *function, *message;
	const char *steps;   /* JSON array of {"file", "line", "col", "msg"} */
	const char *related; /* JSON object of the same shape, or NULL */
	const char *state;   /* triage state; "open" when never triaged */
	const char *note;    /* triage note, or NULL */
};

/*
 * Calls cb for each finding of run run_id (0: the newest complete run) whose
 * rule is rule and whose triage state is state (NULL: any), ordered by file,
 * line, column, rule and fingerprint, until cb returns non-zero, which is
 * then returned. STORE_NOT_FOUND when the run does not exist. The rows are
 * read in one snapshot; cb may call the other readers but not
 * store_get_findings, and not the writers (collect first, write after).
 */
int store_get_findings(struct store *s, int64_t run_id, const char *rule, const char *state,
		       int (*cb)(void *ctx, const struct store_finding *f), void *ctx);

/* True for the states triage accepts: open, confirmed, false-positive, intentional. */
bool store_triage_state_valid(const char *state);

/*
 * Records a review decision for a fingerprint (whether or not a stored
 * finding has it), replacing an earlier one. note may be NULL. Inside an
 * open run it is part of the run's transaction; otherwise its own.
 */
int store_set_triage(struct store *s, const char *fingerprint, const char *state, const char *note);

struct store_triage {
	const char *state, *note; /* note may be NULL */
	const char *updated_at;
};

/* The decision for a fingerprint, copied into a: STORE_OK or STORE_NOT_FOUND. */
int store_get_triage(struct store *s, const char *fingerprint, struct arena *a,
		     struct store_triage *out);

/* A decision with, when some stored run has the fingerprint, its newest finding's place. */
struct store_triage_row {
	const char *fingerprint, *state, *note, *updated_at;
	const char *rule, *file, *function; /* NULL when no stored finding has it */
};

/*
 * Calls cb for every triage decision, ordered by fingerprint, in one read
 * snapshot; cb returns non-zero to stop. The row is borrowed for the call.
 */
int store_list_triage(struct store *s, int (*cb)(void *ctx, const struct store_triage_row *r),
		      void *ctx);

/*
 * Merges decisions made elsewhere (rule, file and function are not read), in
 * one transaction: a decision is written, with its own updated_at, when the
 * database has none for the fingerprint or an older different one. counts[0]
 * gets the decisions written, counts[1] those left alone because the one here
 * is as new or newer and differs, counts[2] those already recorded the same.
 * Writes nothing when a row has no fingerprint or time or an unknown state.
 */
int store_import_triage(struct store *s, const struct store_triage_row *rows, unsigned n,
			unsigned counts[3]);

/*
 * The stored fingerprints (of any run) that start with prefix: *nmatches is
 * 0, 1 or 2 (2 meaning "two or more"); *match is the first, copied into a.
 */
int store_match_fingerprint(struct store *s, const char *prefix, struct arena *a,
			    const char **match, unsigned *nmatches);

/* ---- caches ------------------------------------------------------------ */

/* A file as last seen; size and mtime_ns are -1 when unknown. */
struct store_file {
	const char *path, *content_hash;
	int64_t size, mtime_ns;
};

/* Records a file's hash (replacing the old one); strings are copied. */
int store_put_file(struct store *s, const struct store_file *f);

/* The file at path, strings copied into a: STORE_OK or STORE_NOT_FOUND. */
int store_get_file(struct store *s, const char *path, struct arena *a, struct store_file *out);

struct store_header {
	const char *path, *hash;
};

/* One cached translation unit. */
struct store_tu {
	const char *path, *args_hash, *source_hash;
	int parse_status; /* the frontend's code; 0 = parsed */
	const char *diagnostics;
	const void *facts; /* facts_len opaque bytes, or NULL */
	size_t facts_len;
	int facts_version;
	const struct store_header *headers; /* every header it included */
	unsigned nheaders;
	const char *build; /* the fltcheck build that wrote it (store_put_tu), or NULL */
};

/* How many argument variants of one path store_put_tu keeps (the newest written). */
#define STORE_TU_VARIANTS_KEPT 4

/*
 * Stores a translation unit's cache entry, replacing the one with the same
 * path and args_hash (and its header list), and deletes the path's entries
 * written by other builds and all but its STORE_TU_VARIANTS_KEPT newest
 * written ones. run_id is the run that parsed it, or 0. Inside an open run
 * this is part of the run's transaction; outside it is a transaction of its
 * own, so a scan can cache each unit as it finishes. Everything is copied.
 */
int store_put_tu(struct store *s, int64_t run_id, const struct store_tu *tu);

/*
 * The cache entry of path compiled with args_hash, with its headers, all
 * copied into a (facts too, when present): STORE_OK or STORE_NOT_FOUND. The
 * caller compares source_hash and the header hashes with the files now.
 */
int store_get_tu(struct store *s, const char *path, const char *args_hash, struct arena *a,
		 struct store_tu *out);

/* How many whole-program results store_put_program keeps (the newest). */
#define STORE_PROGRAM_RESULTS_KEPT 8

/*
 * Stores the whole program's findings (opaque text) under key, replacing an
 * earlier one, and drops all but the newest STORE_PROGRAM_RESULTS_KEPT. Its
 * own transaction outside a run.
 */
int store_put_program(struct store *s, const char *key, const char *findings);

/* The findings stored under key, copied into a: STORE_OK or STORE_NOT_FOUND. */
int store_get_program(struct store *s, const char *key, struct arena *a, const char **findings);

/*
 * A read transaction for many lookups in a row (store_get_root...): one
 * snapshot, and no locking per statement. No writes until store_end_read.
 */
int store_begin_read(struct store *s);
int store_end_read(struct store *s);

/* Per-root engine results (schema.sql, root_results and root_scans; rootcache.h). */
/* How many scans' lists of used root results store_keep_roots keeps. */
#define STORE_ROOT_SCANS_KEPT 4
/* Results beyond twice the newest list that make store_keep_roots prune. */
#define STORE_ROOT_SLACK 64
/* The result stored under key, copied into a: STORE_OK or STORE_NOT_FOUND. */
int store_get_root(struct store *s, const char *key, struct arena *a, const char **result);
/* Stores result under key (replacing one); kept while a recent list names it. */
int store_put_root(struct store *s, const char *key, const char *result);
/*
 * Records keys[0..n) as the results a new scan used (one row, whatever n)
 * and forgets the lists older than the newest STORE_ROOT_SCANS_KEPT. When
 * more than 2 n + STORE_ROOT_SLACK results are stored, deletes those that no
 * kept list names. n = 0 changes nothing. Its own transaction outside a run
 * or batch.
 */
int store_keep_roots(struct store *s, const char *const *keys, unsigned n);

/*
 * Groups the cache writes that follow (store_put_tu, store_put_program,
 * store_put_root, store_keep_roots) into
 * one write transaction, committed by store_end_batch (rolled back instead
 * after an error). Not inside a run.
 */
int store_begin_batch(struct store *s);
int store_end_batch(struct store *s);

#endif
