/*
 * Triage files: the review decisions of a database, written by `fltcheck
 * triage export FILE` and merged into another database by `fltcheck triage
 * import FILE`, so that a team can commit its decisions beside the code. The
 * file is small, sorted by fingerprint, deterministic JSON:
 *
 *   {
 *     "version": 1,
 *     "tool": "fltcheck",
 *     "kind": "triage",
 *     "fingerprint_version": 1,
 *     "decisions": [
 *       {"fingerprint": "0123456789abcdef", "state": "false-positive",
 *        "note": "the post-op only logs", "updated_at": "2026-05-01T12:00:00Z",
 *        "rule": "sync-non-irp", "file": "src/ops.c", "function": "PreRead"},
 *       ...
 *     ]
 *   }
 *
 * "note" may be null. rule, file and function (null when no stored run has
 * the fingerprint) are for the reviewer and are not read back.
 */
#ifndef FLTCHECK_TRIAGEFILE_H
#define FLTCHECK_TRIAGEFILE_H

#include "arena.h"
#include "store.h"

#define TRIAGEFILE_VERSION 1

/* Writes rows[0..n) (sorted by fingerprint) to path, atomically. 0, or -1 with *err. */
int triagefile_write(const char *path, const struct store_triage_row *rows, unsigned n, char **err);

/*
 * Reads the decisions of the file at path into *rows (n of them, strings in
 * a). Returns 0, or -1 with *err a one-line message naming the file and the
 * entry (the caller frees it) when the file cannot be read, is not JSON, is
 * of another version or fingerprint scheme, or has an entry without a
 * well-formed fingerprint, a known state or a time "YYYY-MM-DDTHH:MM:SSZ".
 */
int triagefile_read(const char *path, struct arena *a, struct store_triage_row **rows, unsigned *n,
		    char **err);

#endif
