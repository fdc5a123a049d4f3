/*
 * The database commands: fltcheck runs | findings | diff | triage |
 * baseline write. They read (and, for triage, write) the findings database
 * without analysing anything, and never create it: a database that does not
 * exist is a usage error. Each command's --help describes it.
 *
 * Exit statuses (exitcode.h): findings exits 1 when a listed finding is open
 * or confirmed, diff exits 1 when run B has new findings, the others 0 on
 * success; 2 for usage errors (options, unknown rule, state, run, ambiguous
 * fingerprint prefix, runs whose fingerprint schemes differ, no database, a
 * baseline file that cannot be written); 4 when the database is damaged,
 * newer, locked or cannot be written, which is then left as it was.
 * Errors are one line on stderr: "fltcheck <command>: error: ...".
 */
#ifndef FLTCHECK_DBCMD_H
#define FLTCHECK_DBCMD_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "finding.h"

struct store;

/* True for the names dbcmd_main handles. */
bool dbcmd_is_command(const char *name);

/* Runs the command argv[0] with its options; returns the exit status (exitcode.h). */
int dbcmd_main(int argc, char **argv);

/*
 * Rebuilds the findings of stored run run_id (whose rule is rule and whose
 * triage state is state; NULL for any) into out, sorted as a scan sorts
 * them, with absolute paths (joined with the run's source root), the
 * fingerprint and the triage state and note (heap, freed by findings_free).
 * Rows of rules this fltcheck does not know are skipped with one warning on
 * stderr. Returns a STORE_* code (STORE_NOT_FOUND: no such run).
 */
int dbcmd_load_findings(struct store *s, int64_t run_id, const char *rule, const char *state,
			struct findings *out);

/*
 * The run named by spec: a run id (a numeric spec is tried as an id first),
 * or the newest complete run with that --revision label; 0 when there is
 * none. NULL spec: the newest run.
 */
int64_t dbcmd_find_run(struct store *s, const char *spec);

#endif
