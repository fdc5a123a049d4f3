/*
 * Findings: what a rule reported, where, and the path that leads there.
 * Findings own their strings (heap), so they outlive the translation units
 * and the analysis arena. Output in text (the gcc/clang shape editors parse)
 * and JSON lives here too.
 */
#ifndef FLTCHECK_FINDING_H
#define FLTCHECK_FINDING_H

#include <stdio.h>
#include "ir.h"

struct strmap;

struct rule;

struct finding_step {
	char *file;
	unsigned line, col;
	char *msg;
};

struct finding {
	const struct rule *rule;
	char *file;
	unsigned line, col;
	char *function;
	char *message;
	struct finding_step *steps;
	unsigned nsteps;
	char *related_file; /* a related location (registration entry), or NULL */
	unsigned related_line, related_col;
	char *related_msg;
	char fingerprint[17]; /* 16 hex digits (fingerprint.h), or "" before it is computed */
	/* Read back from the database: the triage state and note (heap), or NULL.
	 * When set, the text and JSON outputs show them with the fingerprint. */
	char *triage_state, *triage_note;
};

/* A unit or function that could not be analyzed, and why (one line). */
struct not_analyzed {
	const char *path; /* the unit as given, or the file of the function */
	const char *reason;
};

struct findings {
	struct finding *v;
	unsigned n, cap;
	/* The places of v's findings, for findings_add; code that drops findings
	 * from v calls findings_dropped. */
	struct strmap *places;
};

/* Adds a finding; takes ownership of nothing: strings are copied. Returns the new finding,
 * or NULL when one of the same rule at the same place exists already. */
struct finding *findings_add(struct findings *fs, const struct rule *r, struct ir_loc loc,
			     const char *function, const char *message);
void finding_add_step(struct finding *f, struct ir_loc loc, const char *msg);
void findings_sort(struct findings *fs);
/* To be called after findings were taken out of fs->v by other means than findings_free. */
void findings_dropped(struct findings *fs);
void findings_free(struct findings *fs);

/* Path as it should be printed: relative to the current directory when under it. */
const char *finding_display_path(const char *path);

void findings_print_text(FILE *out, const struct findings *fs);
void findings_print_json(FILE *out, const struct findings *fs, const char *const *failed_files,
			 unsigned nfailed);

/*
 * GitHub Actions workflow commands, one a finding: "::error file=F,line=L,col=C,title=ID::msg"
 * (::warning, ::notice by severity), with the related location and the path appended to the
 * message as "file:line:col: note: ..." lines. Paths as finding_display_path gives them (run
 * from the repository root). GitHub shows at most 10 of each level per step: use SARIF for
 * complete results.
 */
void findings_print_github(FILE *out, const struct findings *fs);
/*
 * The MSBuild / Visual Studio canonical format: "file(line,col): error ID: msg", then
 * "file(line,col): note: ..." lines for the related location and the path, as cl.exe writes
 * its notes.
 */
void findings_print_msvc(FILE *out, const struct findings *fs);

/*
 * The findings as one compact JSON text (heap) that findings_deserialize
 * turns back into equal findings: every field but the triage ones, paths as
 * they are. For the whole-program cache of the findings database.
 */
char *findings_serialize(const struct findings *fs);

/* Appends the findings of a findings_serialize text to out; -1 when it is not one
 * (unknown rules included), and then out is as it was. */
int findings_deserialize(const char *text, struct findings *out);

#endif
