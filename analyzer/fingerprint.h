/*
 * Fingerprints: an identity for a finding that survives edits which do not
 * touch it, so that triage decisions and baselines keep applying when lines
 * move. A fingerprint is SHA-256, truncated to 16 hex digits, of
 *
 *     v1|rule-id|relative-path|function|normalized-statement|k
 *
 * with no line or column numbers: the path is relative to the source root,
 * the statement is the reported one with comments and layout removed, and k
 * counts earlier findings of the same tuple, so that two identical
 * statements in one function stay apart. Changing what goes into the hash
 * changes FINGERPRINT_VERSION; a stored fingerprint is only ever compared
 * with one of the same version.
 */
#ifndef FLTCHECK_FINGERPRINT_H
#define FLTCHECK_FINGERPRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"

#define FINGERPRINT_VERSION 1

/* True for a whole fingerprint as written: 16 lowercase hex digits. */
bool fingerprint_well_formed(const char *s);

/*
 * Fills fp[i] (16 lowercase hex digits and a NUL) for each finding fs->v[i].
 * fs must be sorted (findings_sort): k is the index of a finding among the
 * earlier findings of this set with the same rule, relative file, function
 * and statement text, in that order, so it depends on which findings the
 * set holds (compute fingerprints before suppressions or baselines remove
 * any). root is the source root: a file under it is named by its path
 * relative to root with '/' separators, any other file by the path as
 * given; root may be NULL. Source text comes from the cache of source.h.
 * Returns 0, or -1 when some file could not be read (its findings then get
 * an empty statement part, which is still a stable fingerprint).
 */
int fingerprint_compute(const struct findings *fs, const char *root, char (*fp)[17]);

/*
 * The normalized token text of the statement that starts at line:col
 * (1-based, col in bytes) of file. The caller frees it; NULL when the file
 * cannot be read or has no such line.
 *
 * Where it ends, at nesting depth 0 relative to the start:
 *   - after ';';
 *   - for a statement that starts with if, while, for, switch (or __except),
 *     after the ')' that closes its condition: the body is not part of it,
 *     so that editing the body does not change a finding at the head;
 *   - before a '{' (a body or block: a finding at "do" or "else" gives just
 *     that keyword), except for a '{' that is the first token, which is
 *     taken alone (so is a '}', ')' or ']' that is the first token: a
 *     finding at the closing brace of a function gives "}");
 *   - before a ')', ']' or '}' that closes a bracket opened before the start
 *     (a finding at a call inside a condition or an argument list);
 *   - at the end of the file, or after 4096 bytes of text.
 * Comments and preprocessor lines after the first are dropped; string and
 * character literals are kept as written. Whitespace between tokens is
 * removed, except for a single space where two identifier or number
 * characters would otherwise merge ("return 0;", "a=b+c;"). Line endings
 * (LF, CRLF) and backslash-newline splices are whitespace.
 */
char *fingerprint_statement(const char *file, unsigned line, unsigned col);

/* The path used in fingerprints for file under root (see fingerprint_compute).
 * The caller frees it. */
char *fingerprint_relpath(const char *file, const char *root);

/* SHA-256 (FIPS 180-4) of n bytes at data into out. */
void fingerprint_sha256(const void *data, size_t n, unsigned char out[32]);

#endif
