/*
 * Inline suppressions: comments and pragmas in the analyzed sources that
 * silence the findings of named rules on one line, with a reason that stays
 * next to the code.
 *
 *     // fltcheck-suppress <rule-id>[, <rule-id>...]: <reason>
 *
 * in a line comment or a block comment (where the reason may go on over
 * several lines and ends with the comment).
 * A suppression applies to findings of its rules on the lines its comment
 * occupies (a trailing comment), and on the line right after the comment
 * when the lines of the comment hold nothing else but comments (a comment of
 * its own on the line above). A blank line in between breaks the link. The
 * reason, the text after the ':', is required: without one the suppression
 * does not apply and is reported. "fltcheck-suppress" followed by '-' or a
 * letter (fltcheck-suppress-begin, say) is not a form we know and is
 * reported as such.
 *
 * Pragmas that driver developers already write count when they name one of
 * our rules, and apply to the line after the pragma, as in MSVC:
 *
 *     #pragma prefast(suppress: sync-non-irp, "reason")
 *     #pragma warning(suppress: sync-non-irp) // reason
 *
 * The warning list may mix our ids with others (numbers, __WARNING_ names):
 * the others belong to MSVC or PREfast and are ignored, and a pragma that
 * names none of ours is ignored entirely. A name with a '-' in it cannot be
 * an MSVC or PREfast warning, so it is taken as one of ours, and an unknown
 * one is reported. The reason of a prefast pragma is its string literal; a
 * warning pragma has no place for one, so its reason is a comment on the
 * same line. (MSVC itself warns about a non-numeric name in
 * #pragma warning: prefer the prefast form or the comment.)
 *
 * Only "suppress:" counts (not disable: with push and pop).
 * Not supported: begin/end ranges, file-wide suppression, _Pragma and
 * __pragma, and pragmas inside macro definitions.
 */
#ifndef FLTCHECK_SUPPRESS_H
#define FLTCHECK_SUPPRESS_H

#include <stdbool.h>
#include <stdio.h>

#include "finding.h"

/* One rule id of one suppression comment or pragma; all strings are owned
 * (heap) and freed by suppress_free. */
struct suppression {
	char *file;                     /* as passed to suppress_scan */
	unsigned line;                  /* where the marker or pragma is (1-based) */
	char *rule;                     /* the rule id as written */
	char *reason;                   /* NULL when none was given */
	bool used;                      /* suppress_apply removed a finding with it */
	bool valid;                     /* false: it suppresses nothing, and problem says why */
	char *problem;                  /* NULL when valid */
	unsigned col;                   /* where the marker or the rule id is (1-based) */
	unsigned first_line, last_line; /* lines it covers as a trailing comment */
	unsigned next_line;             /* the line after it, when it stands alone; else 0 */
	char *canon;                    /* file made absolute (realpath) when possible */
};

struct suppressions {
	struct suppression *v;
	unsigned n, cap;
};

/*
 * Scans the given source files (and only them) for suppression comments and
 * pragmas, appending to s in file and line order. rule_exists says which
 * rule ids are ours (NULL: any id in a comment is accepted, and pragma names
 * are ours when they contain a '-'). Unknown rule ids and missing reasons are
 * recorded as invalid with a problem text. Files that cannot be read are
 * skipped (the analysis reports them). Source text comes from the cache of
 * source.h.
 */
void suppress_scan(struct suppressions *s, const char *const *files, unsigned nfiles,
		   bool (*rule_exists)(const char *id));

/*
 * Removes from fs the findings that a valid suppression of s covers (same
 * file, rule id, and line; see above), freeing them as findings_free would
 * and keeping the order of the rest, and marks those suppressions used.
 * Returns how many findings were removed.
 */
unsigned suppress_apply(struct suppressions *s, struct findings *fs);

/*
 * Writes notes for the user, one line each in the gcc shape
 * "file:line:col: note: ...": invalid suppressions (no reason, unknown rule
 * id, unknown form) and valid ones that no finding used.
 */
void suppress_print_notes(FILE *out, const struct suppressions *s);

/* Frees everything s holds; s can be used again afterwards. */
void suppress_free(struct suppressions *s);

#endif
