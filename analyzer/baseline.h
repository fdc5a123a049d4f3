/*
 * Baseline files: the fingerprints of the findings a project has accepted
 * for now, written by `fltcheck baseline write FILE` and read by
 * `--baseline FILE`, so that a scan reports and fails only on findings that
 * are not in it. The file is meant to be committed and reviewed: small,
 * sorted, deterministic JSON.
 *
 *   {
 *     "version": 1,
 *     "tool": "fltcheck",
 *     "fingerprint_version": 1,
 *     "findings": [
 *       {"fingerprint": "0123456789abcdef", "rule": "sync-non-irp",
 *        "file": "src/ops.c", "function": "PreRead", "message": "..."},
 *       ...
 *     ]
 *   }
 *
 * Only "fingerprint" is read back; the other fields are for the reviewer.
 */
#ifndef FLTCHECK_BASELINE_H
#define FLTCHECK_BASELINE_H

#include <stdbool.h>

#include "arena.h"
#include "finding.h"

#define BASELINE_VERSION 1

/*
 * Reads the fingerprints of the baseline at path into fps (heap strings,
 * sorted, each once; the caller frees them). Returns 0, or -1 with *err a
 * one-line message naming the file (the caller frees it) when the file
 * cannot be read, is not JSON, has another version or fingerprint scheme,
 * or holds an entry without a well-formed fingerprint.
 */
int baseline_read(const char *path, struct ptrvec *fps, char **err);

/* True when fp is in fps (sorted, as baseline_read leaves it). */
bool baseline_has(const struct ptrvec *fps, const char *fp);

/*
 * Writes the baseline of fs to path, atomically (a temporary file in the
 * same folder, renamed over path). Paths are written relative to root.
 * Entries are sorted by file, rule and fingerprint, each fingerprint once.
 * Returns 0, or -1 with *err a one-line message.
 */
int baseline_write(const char *path, const struct findings *fs, const char *root, char **err);

#endif
