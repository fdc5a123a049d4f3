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

/* The map slot of a finding's rule and place. */
static void **place_slot(struct strmap *m, const struct finding *f, bool *added)
{
	char *key = xfmt("%p %u %u %s", (const void *)f->rule, f->line, f->col, f->file);
	void **slot = strmap_slot(m, key, added);
	free(key);
	return slot;
}

struct finding *findings_add(struct findings *fs, const struct rule *r, struct ir_loc loc,
			     const char *function, const char *message)
{
	const char *file = loc.file ? loc.file : "";
	if (!fs->places) {
		fs->places = xcalloc(1, sizeof(*fs->places));
		for (unsigned i = 0; i < fs->n; i++)
			*place_slot(fs->places, &fs->v[i], NULL) = fs;
	}
	struct finding key = { .rule = r, .file = (char *)file, .line = loc.line, .col = loc.col };
	bool added;
	void **slot = place_slot(fs->places, &key, &added);
	if (!added)
		return NULL;
	*slot = fs; /* any non-NULL value: the map only records presence */
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

/* Frees what one finding owns. */
static void finding_release(struct finding *f)
{
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

void findings_dropped(struct findings *fs)
{
	if (fs->places)
		strmap_free(fs->places, NULL);
	free(fs->places);
	fs->places = NULL; /* rebuilt from v by the next findings_add */
}

void findings_free(struct findings *fs)
{
	for (unsigned i = 0; i < fs->n; i++)
		finding_release(&fs->v[i]);
	free(fs->v);
	findings_dropped(fs);
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

/* ---- the cache form ------------------------------------------------------------------ */

/* [file, line, col, msg] */
static void put_loc(FILE *out, const char *file, unsigned line, unsigned col, const char *msg)
{
	fputc('[', out);
	json_write_string(out, file);
	fprintf(out, ",%u,%u,", line, col);
	json_write_string(out, msg ? msg : "");
	fputc(']', out);
}

char *findings_serialize(const struct findings *fs)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = xmemstream(&buf, &len);
	fputc('[', out);
	for (unsigned i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		fputs(i ? ",{\"r\":" : "{\"r\":", out);
		json_write_string(out, f->rule->id);
		fputs(",\"at\":", out);
		put_loc(out, f->file, f->line, f->col, f->message);
		fputs(",\"fn\":", out);
		json_write_string(out, f->function);
		fputs(",\"fp\":", out);
		json_write_string(out, f->fingerprint);
		fputs(",\"s\":[", out);
		for (unsigned j = 0; j < f->nsteps; j++) {
			if (j)
				fputc(',', out);
			put_loc(out, f->steps[j].file, f->steps[j].line, f->steps[j].col,
				f->steps[j].msg);
		}
		fputc(']', out);
		if (f->related_file) {
			fputs(",\"rel\":", out);
			put_loc(out, f->related_file, f->related_line, f->related_col,
				f->related_msg);
		}
		fputc('}', out);
	}
	fputc(']', out);
	fclose(out);
	return buf;
}

/* Reads [file, line, col, msg]; false when v is not one. */
static bool get_loc(const struct json_value *v, const char **file, unsigned *line, unsigned *col,
		    const char **msg)
{
	if (!v || v->type != JSON_ARRAY || v->n != 4 || v->items[1]->type != JSON_NUMBER ||
	    v->items[2]->type != JSON_NUMBER)
		return false;
	*file = json_string(v->items[0]);
	*msg = json_string(v->items[3]);
	*line = (unsigned)v->items[1]->number;
	*col = (unsigned)v->items[2]->number;
	return *file && *msg;
}

int findings_deserialize(const char *text, struct findings *out)
{
	struct json_value *root = json_parse(text, strlen(text), NULL);
	unsigned before = out->n;
	bool ok = root && root->type == JSON_ARRAY;
	for (size_t i = 0; ok && i < root->n; i++) {
		const struct json_value *o = root->items[i];
		const char *id = json_string(json_get(o, "r"));
		const struct rule *r = id ? rule_find(id) : NULL;
		const char *file, *msg, *fn = json_string(json_get(o, "fn"));
		const char *fp = json_string(json_get(o, "fp"));
		const struct json_value *steps = json_get(o, "s"), *rel = json_get(o, "rel");
		unsigned line, col;
		ok = r && fn && fp && strlen(fp) < sizeof(out->v[0].fingerprint) && steps &&
		     steps->type == JSON_ARRAY &&
		     get_loc(json_get(o, "at"), &file, &line, &col, &msg);
		if (!ok)
			break;
		struct ir_loc loc = { file, line, col };
		struct finding *f = findings_add(out, r, loc, fn, msg);
		if (!f)
			continue; /* cannot happen for a serialized set; keep the first */
		memcpy(f->fingerprint, fp, strlen(fp) + 1);
		for (size_t j = 0; ok && j < steps->n; j++) {
			const char *sf, *sm;
			unsigned sl, sc;
			ok = get_loc(steps->items[j], &sf, &sl, &sc, &sm);
			if (ok)
				finding_add_step(f, (struct ir_loc){ sf, sl, sc }, sm);
		}
		if (ok && rel) {
			const char *rf, *rm;
			unsigned rl, rc;
			ok = get_loc(rel, &rf, &rl, &rc, &rm);
			if (ok) {
				f->related_file = xstrdup(rf);
				f->related_line = rl;
				f->related_col = rc;
				f->related_msg = xstrdup(rm);
			}
		}
	}
	json_free(root);
	if (!ok) {
		for (unsigned i = before; i < out->n; i++)
			finding_release(&out->v[i]);
		out->n = before;
		findings_dropped(out);
		return -1;
	}
	return 0;
}
