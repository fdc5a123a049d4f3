/*
 * The database commands: fltcheck runs | findings | diff | triage |
 * baseline write. They read (and, for triage, write) the findings database
 * without analysing anything.
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
 * fingerprint and the triage state and note. Rows of rules this fltcheck
 * does not know are skipped with a warning. Returns a STORE_* code.
 */
int dbcmd_load_findings(struct store *s, int64_t run_id, const char *rule, const char *state,
			struct findings *out);

/*
 * The run named by spec: a run id, or the newest complete run with that
 * --revision label; 0 when there is none. NULL spec: the newest run.
 */
int64_t dbcmd_find_run(struct store *s, const char *spec);

#endif
