/*
 * The scan: turns the translation units of one program into findings. It
 * takes each unit from the TU cache of the findings database when the
 * unit's source, every header it included and its compile arguments are
 * unchanged, parses the others (in parallel, one libclang index per parse),
 * stores what it parsed for the next scan, then links all units into one
 * program, runs the rules, computes fingerprints and applies the inline
 * suppressions. What it reports does not depend on the number of jobs or on
 * which units came from the cache.
 */
#ifndef FLTCHECK_SCAN_H
#define FLTCHECK_SCAN_H

#include <signal.h>
#include <stdbool.h>

#include "arena.h"
#include "finding.h"
#include "program.h"
#include "suppress.h"

struct store;

struct scan_input {
	char *path;
	const char *const *args; /* from the compilation database, or NULL */
	unsigned nargs;
	bool is_cpp;
};

struct scan_options {
	const char *const *args; /* -I/-D/-U and '--' flags for every unit */
	unsigned nargs;
	const char *wdk;       /* real WDK, or NULL for the model */
	const char *model_dir; /* the bundled model */
	const char *root;      /* source root (fingerprints) */
	unsigned jobs;         /* parser threads, at least 1 */
	struct store *db;      /* the TU cache, or NULL */
	bool no_cache;         /* parse everything, but still store what was parsed */
	bool show_parse_errors;
	bool quiet;
	const bool *enabled; /* rule_table-indexed */
	/* Set by a signal handler: workers stop taking units, scan_run returns. */
	volatile sig_atomic_t *interrupted;
};

struct scan_result {
	struct ir_tu **tus;
	unsigned ntus;
	struct program prog;
	struct findings findings; /* sorted, fingerprinted, suppressions removed */
	struct not_analyzed *failed;
	unsigned nfailed;
	unsigned parsed, cached; /* units parsed now / taken from the cache */
	/* Per input: "parsed", "cached" or "failed"; reason the first error or NULL. */
	const char **unit_status;
	const char **unit_reason;
	bool incomplete;  /* some unit or callback body was not analyzed */
	bool interrupted; /* stopped by a signal: the result is partial */
	bool program_cached; /* nothing changed: the stored result of the whole program was taken */
	unsigned roots_cached, roots_analyzed; /* callbacks and routines (with a database) */
	unsigned parse_errors;
	struct suppressions sup;
	char *db_error; /* the first database error while caching, or NULL */
	struct arena arena;
};

/* Runs the scan over in[0..n); r is filled even when interrupted. */
void scan_run(struct scan_result *r, const struct scan_input *in, unsigned n,
	      const struct scan_options *o);
void scan_release(struct scan_result *r);

#endif
