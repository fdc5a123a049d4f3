/*
 * Findings storage and the text and JSON outputs: see finding.h.
 */
#include "finding.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "json.h"
#include "rule.h"

struct finding *findings_add(struct findings *fs, const struct rule *r, struct ir_loc loc,
			     const char *function, const char *message)
{
	const char *file = loc.file ? loc.file : "";
	for (unsigned i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		if (f->rule == r && f->line == loc.line && f->col == loc.col &&
		    strcmp(f->file, file) == 0)
			return NULL;
	}
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->v = xrealloc(fs->v, fs->cap * sizeof(*fs->v));
	}
	struct finding *f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->rule = r;
	f->file = xstrdup(file);
	f->line = loc.line;
	f->col = loc.col;
	f->function = xstrdup(function ? function : "");
	f->message = xstrdup(message ? message : "");
	return f;
}

void finding_add_step(struct finding *f, struct ir_loc loc, const char *msg)
{
	f->steps = xrealloc(f->steps, (f->nsteps + 1) * sizeof(*f->steps));
	struct finding_step *s = &f->steps[f->nsteps++];
	s->file = xstrdup(loc.file ? loc.file : "");
	s->line = loc.line;
	s->col = loc.col;
	s->msg = xstrdup(msg);
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->rule->id, y->rule->id);
}

void findings_sort(struct findings *fs)
{
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_finding);
}

void findings_free(struct findings *fs)
{
	for (unsigned i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		free(f->file);
		free(f->function);
		free(f->message);
		for (unsigned j = 0; j < f->nsteps; j++) {
			free(f->steps[j].file);
			free(f->steps[j].msg);
		}
		free(f->steps);
		free(f->related_file);
		free(f->related_msg);
		free(f->triage_state);
		free(f->triage_note);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

const char *finding_display_path(const char *path)
{
	static char cwd[PATH_MAX];
	static size_t cwdlen;
	if (!cwdlen) {
		if (!getcwd(cwd, sizeof(cwd) - 1))
			return path;
		cwdlen = strlen(cwd);
		if (cwdlen > 1)
			cwd[cwdlen++] = '/';
		cwd[cwdlen] = '\0';
	}
	if (path[0] == '/' && cwdlen > 1 && strncmp(path, cwd, cwdlen) == 0)
		return path + cwdlen;
	if (path[0] == '.' && path[1] == '/')
		return path + 2;
	return path;
}

void findings_print_text(FILE *out, const struct findings *fs)
{
	for (unsigned i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		fprintf(out, "%s:%u:%u: %s: %s [%s]\n", finding_display_path(f->file), f->line,
			f->col, rule_severity_name(f->rule->severity), f->message, f->rule->id);
		/* the related location (a registration entry) sets the scene; then the
		 * path, in execution order, ending at the reported line */
		if (f->related_file)
			fprintf(out, "%s:%u:%u: note: %s\n", finding_display_path(f->related_file),
				f->related_line, f->related_col, f->related_msg);
		for (unsigned j = 0; j < f->nsteps; j++) {
			const struct finding_step *s = &f->steps[j];
			fprintf(out, "%s:%u:%u: note: %s\n", finding_display_path(s->file), s->line,
				s->col, s->msg);
		}
		if (f->triage_state)
			fprintf(out, "%s:%u:%u: note: fingerprint %s, triage %s%s%s\n",
				finding_display_path(f->file), f->line, f->col, f->fingerprint,
				f->triage_state, f->triage_note ? ": " : "",
				f->triage_note ? f->triage_note : "");
	}
}

static void json_loc(FILE *out, const char *file, unsigned line, unsigned col)
{
	fputs("\"file\": ", out);
	json_write_string(out, finding_display_path(file));
	fprintf(out, ", \"line\": %u, \"column\": %u", line, col);
}

void findings_print_json(FILE *out, const struct findings *fs, const char *const *failed_files,
			 unsigned nfailed)
{
	fputs("{\n  \"tool\": \"fltcheck\",\n  \"version\": ", out);
	json_write_string(out, FLTCHECK_VERSION);
	fputs(",\n  \"findings\": [", out);
	for (unsigned i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		fputs(i ? ",\n    {" : "\n    {", out);
		fputs("\"rule\": ", out);
		json_write_string(out, f->rule->id);
		fputs(", \"severity\": ", out);
		json_write_string(out, rule_severity_name(f->rule->severity));
		fputs(", ", out);
		json_loc(out, f->file, f->line, f->col);
		fputs(", \"function\": ", out);
		json_write_string(out, f->function);
		if (f->fingerprint[0]) {
			fputs(", \"fingerprint\": ", out);
			json_write_string(out, f->fingerprint);
		}
		if (f->triage_state) {
			fputs(", \"triage\": ", out);
			json_write_string(out, f->triage_state);
			if (f->triage_note) {
				fputs(", \"triage_note\": ", out);
				json_write_string(out, f->triage_note);
			}
		}
		fputs(", \"message\": ", out);
		json_write_string(out, f->message);
		fputs(", \"steps\": [", out);
		for (unsigned j = 0; j < f->nsteps; j++) {
			const struct finding_step *s = &f->steps[j];
			fputs(j ? ", {" : "{", out);
			json_loc(out, s->file, s->line, s->col);
			fputs(", \"message\": ", out);
			json_write_string(out, s->msg);
			fputs("}", out);
		}
		fputs("]", out);
		if (f->related_file) {
			fputs(", \"related\": {", out);
			json_loc(out, f->related_file, f->related_line, f->related_col);
			fputs(", \"message\": ", out);
			json_write_string(out, f->related_msg);
			fputs("}", out);
		}
		fputs("}", out);
	}
	fputs(fs->n ? "\n  ],\n" : "],\n", out);
	fputs("  \"not_analyzed\": [", out);
	for (unsigned i = 0; i < nfailed; i++) {
		fputs(i ? ", " : "", out);
		json_write_string(out, finding_display_path(failed_files[i]));
	}
	fputs("]\n}\n", out);
}

/* Writes s escaped as workflow-command data (actions/toolkit's escapeData): '%', CR and LF
 * as %25, %0D and %0A; as a property value (escapeProperty) also ':' and ',' as %3A, %2C. */
static void github_escape(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			fputc(*s, out);
	}
}

static void github_note(FILE *out, const char *file, unsigned line, unsigned col, const char *msg)
{
	fputs("%0A", out);
	github_escape(out, finding_display_path(file), false);
	fprintf(out, ":%u:%u: note: ", line, col);
	github_escape(out, msg, false);
}

void findings_print_github(FILE *out, const struct findings *fs)
{
	for (unsigned i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		enum rule_severity sev = f->rule->severity;
		fputs(sev == SEV_ERROR     ? "::error file="
		      : sev == SEV_WARNING ? "::warning file="
					   : "::notice file=",
		      out);
		github_escape(out, finding_display_path(f->file), true);
		if (f->line) {
			fprintf(out, ",line=%u", f->line);
			if (f->col)
				fprintf(out, ",col=%u", f->col);
		}
		fputs(",title=", out);
		github_escape(out, f->rule->id, true);
		fputs("::", out);
		github_escape(out, f->message, false);
		/* the annotation's body holds the notes the text format prints after the finding */
		if (f->related_file)
			github_note(out, f->related_file, f->related_line, f->related_col,
				    f->related_msg);
		for (unsigned j = 0; j < f->nsteps; j++)
			github_note(out, f->steps[j].file, f->steps[j].line, f->steps[j].col,
				    f->steps[j].msg);
		fputc('\n', out);
	}
}

/* "file(line,col)" as MSBuild's origin; a missing line or column is left out. */
static void msvc_origin(FILE *out, const char *file, unsigned line, unsigned col)
{
	fputs(finding_display_path(file), out);
	if (line && col)
		fprintf(out, "(%u,%u)", line, col);
	else if (line)
		fprintf(out, "(%u)", line);
}

/* The message on one line: the format is read a line at a time. */
static void msvc_text(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
	fputc('\n', out);
}

/*
 * MSBuild reads "origin: [subcategory ]category [code]: text" (dotnet/msbuild
 * src/Shared/CanonicalError.cs): the category is only "error" or "warning", and
 * the code is any run of characters other than ':' and ' ' ([^: ]*). Our rule ids
 * (lowercase words joined by '-') qualify, so the code is the rule id itself,
 * the same one --explain and the suppression comments use, and no derived
 * number is needed. A rule of severity note is written as a warning: a third
 * category would not reach the Error List at all. The notes take the shape
 * cl.exe gives its own ("file(line): note: see declaration of 'x'"); MSBuild
 * leaves them as plain output lines, which the Output window still links to
 * their place.
 */
void findings_print_msvc(FILE *out, const struct findings *fs)
{
	for (unsigned i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		msvc_origin(out, f->file, f->line, f->col);
		fprintf(out, ": %s %s: ", f->rule->severity == SEV_ERROR ? "error" : "warning",
			f->rule->id);
		msvc_text(out, f->message);
		if (f->related_file) {
			msvc_origin(out, f->related_file, f->related_line, f->related_col);
			fputs(": note: ", out);
			msvc_text(out, f->related_msg);
		}
		for (unsigned j = 0; j < f->nsteps; j++) {
			const struct finding_step *s = &f->steps[j];
			msvc_origin(out, s->file, s->line, s->col);
			fputs(": note: ", out);
			msvc_text(out, s->msg);
		}
	}
}
