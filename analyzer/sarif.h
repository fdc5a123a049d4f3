/*
 * The SARIF 2.1.0 report: one log with one run for the whole program, in
 * the shape GitHub code scanning and the SARIF Multitool's validator
 * (its SARIF and GitHub rule sets) accept. Every enabled rule is described
 * in tool.driver.rules from its documentation; each finding becomes a
 * result whose path steps form one code flow; units that could not be
 * analyzed become error notifications of the invocation, which is then
 * not successful.
 *
 * The output is deterministic: no timestamps, and files under the source
 * root are named by relative URIs against %SRCROOT%, so that the only
 * absolute paths are the root itself and files outside it.
 */
#ifndef FLTCHECK_SARIF_H
#define FLTCHECK_SARIF_H

#include <stdbool.h>
#include <stdio.h>

#include "finding.h"

struct sarif_input {
	const struct findings *fs; /* sorted (findings_sort); fingerprints set, or "" */
	/* Per finding: "new", "unchanged", "updated" or "absent" (SARIF's baselineState), or
	 * NULL; the array is NULL when no baseline or earlier run was given. */
	const char *const *baseline_state;
	const bool *enabled; /* indexed like rule_table; NULL: every rule is enabled */
	const char *root;    /* absolute source root (%SRCROOT%), or NULL */
	const struct not_analyzed *failed; /* units or functions not analyzed */
	unsigned nfailed;
	const char *command_line; /* invocations[0].commandLine, or NULL */
};

/*
 * Writes the log for in to out, ending with a newline. Source lines are
 * read through source.h (its cache) to turn byte columns into Unicode code
 * points. Returns 0, or -1 when the stream reports a write error.
 */
int sarif_write(FILE *out, const struct sarif_input *in);

#endif
