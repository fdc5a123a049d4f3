/*
 * The SARIF 2.1.0 writer: see sarif.h. What goes where follows GitHub's
 * "SARIF support for code scanning" page and the validator rules of the
 * SARIF Multitool (research/ecosystem.md §1):
 *
 *   - rules: every enabled rule (so the list records the policy and stays
 *     stable from run to run), with a PascalCase name that differs from the
 *     id, the title as shortDescription, the first paragraph of "What it
 *     finds" as fullDescription (GitHub keeps 1024 characters), the whole
 *     document as help, and the first Microsoft documentation link as
 *     helpUri;
 *   - results: message text ending with '.', a region with all four of
 *     startLine, startColumn, endLine and endColumn (GitHub's table requires
 *     them; the region covers the token at the reported column), columns in
 *     Unicode code points (run.columnKind), the related location linked
 *     from the message (GitHub shows related locations only through such a
 *     link), the path as one thread flow, and the fingerprint both as
 *     primaryLocationLineHash (with the ":<n>" occurrence suffix GitHub's
 *     own hashes carry) and under our namespaced key "fltcheck/v1".
 *
 * No automationDetails: upload-sarif's "category" input fills it only when
 * the log has none, so writing one would take that choice from the user.
 */
#include "sarif.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "json.h"
#include "rule.h"
#include "source.h"

#define SARIF_SCHEMA                                                          \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/" \
	"sarif-schema-2.1.0.json"
#define SRCROOT "%SRCROOT%"
/* GitHub's limit for shortDescription and fullDescription texts. */
#define DESCRIPTION_MAX 1024

/* ------------------------------------------------------------- a pretty JSON writer */

#define JW_MAX_DEPTH 32

struct jw {
	FILE *f;
	unsigned depth;
	bool empty[JW_MAX_DEPTH]; /* nothing written yet inside the container at that depth */
};

/* Starts a value: the separator, a new line, the indentation and the key, if any. */
static void jw_item(struct jw *w, const char *key)
{
	if (w->depth) {
		fputs(w->empty[w->depth] ? "\n" : ",\n", w->f);
		w->empty[w->depth] = false;
		for (unsigned i = 0; i < w->depth; i++)
			fputs("  ", w->f);
	}
	if (key) {
		json_write_string(w->f, key);
		fputs(": ", w->f);
	}
}

static void jw_open(struct jw *w, const char *key, char bracket)
{
	jw_item(w, key);
	fputc(bracket, w->f);
	w->depth++;
	if (w->depth >= JW_MAX_DEPTH)
		abort(); /* the layout below is fixed and far shallower */
	w->empty[w->depth] = true;
}

static void jw_close(struct jw *w, char bracket)
{
	bool empty = w->empty[w->depth];
	w->depth--;
	if (!empty) {
		fputc('\n', w->f);
		for (unsigned i = 0; i < w->depth; i++)
			fputs("  ", w->f);
	}
	fputc(bracket, w->f);
}

static void jw_str(struct jw *w, const char *key, const char *s)
{
	jw_item(w, key);
	json_write_string(w->f, s);
}

static void jw_uint(struct jw *w, const char *key, unsigned long long v)
{
	jw_item(w, key);
	fprintf(w->f, "%llu", v);
}

static void jw_bool(struct jw *w, const char *key, bool v)
{
	jw_item(w, key);
	fputs(v ? "true" : "false", w->f);
}

/* {"text": s} under key. */
static void jw_message(struct jw *w, const char *key, const char *s)
{
	jw_open(w, key, '{');
	jw_str(w, "text", s);
	jw_close(w, '}');
}

/* ------------------------------------------------------------- paths and URIs */

struct uri_entry {
	const char *file; /* as the finding names it */
	char *uri;        /* percent-encoded */
	char *shown;      /* relative to the root, or absolute: for messages */
	bool relative;    /* uri is relative to %SRCROOT% */
};

struct ctx {
	const struct sarif_input *in;
	struct arena a;
	char *root; /* realpath of in->root, or NULL */
	struct uri_entry *uris;
	unsigned nuris, capuris;
	int *rule_index; /* rule_table index -> index in tool.driver.rules, or -1 */
};

/* Appends s percent-encoded as RFC 3986 asks for a path: every byte but the
 * unreserved characters and '/' is written as %XX. */
static void uri_encode(char **out, size_t *len, size_t *cap, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*len + 4 > *cap) {
			*cap = *cap * 2 + 64;
			*out = xrealloc(*out, *cap);
		}
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			(*out)[(*len)++] = (char)c;
		} else {
			(*out)[(*len)++] = '%';
			(*out)[(*len)++] = hex[c >> 4];
			(*out)[(*len)++] = hex[c & 15];
		}
	}
	(*out)[*len] = '\0';
}

/* "file://" + the encoded absolute path; with a '/' at the end when dir. Arena-owned. */
static char *file_uri(struct ctx *c, const char *abs, bool dir)
{
	size_t len = 0, cap = strlen(abs) * 3 + 16;
	char *buf = xmalloc(cap);
	memcpy(buf, "file://", 7);
	len = 7;
	buf[len] = '\0';
	uri_encode(&buf, &len, &cap, abs);
	if (dir && buf[len - 1] != '/') {
		buf[len++] = '/';
		buf[len] = '\0';
	}
	char *r = arena_strdup(&c->a, buf);
	free(buf);
	return r;
}

/* The absolute, symlink-free path of file (GitHub wants symlinks resolved); a path that
 * cannot be resolved is made absolute against the current directory. Heap-owned. */
static char *absolute_path(const char *file)
{
	char *r = realpath(file, NULL);
	if (r)
		return r;
	if (file[0] == '/')
		return xstrdup(file);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		return xstrdup(file);
	while (file[0] == '.' && file[1] == '/')
		file += 2;
	return xfmt("%s/%s", cwd, file);
}

static const struct uri_entry *uri_of(struct ctx *c, const char *file)
{
	for (unsigned i = 0; i < c->nuris; i++)
		if (strcmp(c->uris[i].file, file) == 0)
			return &c->uris[i];
	if (c->nuris == c->capuris) {
		c->capuris = c->capuris ? c->capuris * 2 : 16;
		c->uris = xrealloc(c->uris, c->capuris * sizeof(*c->uris));
	}
	struct uri_entry *e = &c->uris[c->nuris++];
	e->file = file;
	char *abs = absolute_path(file);
	const char *rel = NULL;
	if (c->root) {
		size_t n = strlen(c->root);
		if (n == 1 && abs[0] == '/')
			rel = abs + 1; /* the root is '/' */
		else if (strncmp(abs, c->root, n) == 0 && abs[n] == '/')
			rel = abs + n + 1;
	}
	if (rel && *rel) {
		size_t len = 0, cap = strlen(rel) * 3 + 1;
		char *buf = xmalloc(cap);
		uri_encode(&buf, &len, &cap, rel);
		e->uri = arena_strdup(&c->a, buf);
		free(buf);
		e->shown = arena_strdup(&c->a, rel);
		e->relative = true;
	} else {
		e->uri = file_uri(c, abs, false);
		e->shown = arena_strdup(&c->a, abs);
		e->relative = false;
	}
	free(abs);
	return e;
}

/* ------------------------------------------------------------- locations */

static bool is_ident(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* Code points in s[0..n). */
static unsigned code_points(const char *s, size_t n)
{
	unsigned k = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/*
 * The region of the token at line:col (col in bytes from 1), in code points:
 * an identifier, keyword or number, or else one character. *end is 0 when
 * the line cannot be read (the start column is then the byte column).
 */
static void token_columns(const char *file, unsigned line, unsigned col, unsigned *start,
			  unsigned *end)
{
	*start = col;
	*end = 0;
	const char *text = source_line(file, line);
	if (!text || !col)
		return;
	size_t len = strlen(text), at = col - 1;
	if (at >= len)
		return;
	size_t stop = at + 1;
	if (is_ident((unsigned char)text[at])) {
		while (stop < len && is_ident((unsigned char)text[stop]))
			stop++;
	} else {
		while (stop < len && ((unsigned char)text[stop] & 0xC0) == 0x80)
			stop++;
	}
	*start = code_points(text, at) + 1;
	*end = *start + code_points(text + at, stop - at);
}

static void write_artifact(struct jw *w, struct ctx *c, const char *file)
{
	const struct uri_entry *e = uri_of(c, file);
	jw_open(w, "artifactLocation", '{');
	jw_str(w, "uri", e->uri);
	if (e->relative)
		jw_str(w, "uriBaseId", SRCROOT);
	jw_close(w, '}');
}

static void write_physical(struct jw *w, struct ctx *c, const char *file, unsigned line,
			   unsigned col)
{
	jw_open(w, "physicalLocation", '{');
	write_artifact(w, c, file);
	if (line) {
		jw_open(w, "region", '{');
		jw_uint(w, "startLine", line);
		if (col) {
			unsigned start, end;
			token_columns(file, line, col, &start, &end);
			jw_uint(w, "startColumn", start);
			if (end) {
				jw_uint(w, "endLine", line);
				jw_uint(w, "endColumn", end);
			}
		}
		jw_close(w, '}');
	}
	jw_close(w, '}');
}

/* ------------------------------------------------------------- rules */

/* "pend-non-irp" -> "PendNonIrp". Arena-owned. */
static char *pascal_name(struct ctx *c, const char *id)
{
	char *s = arena_strdup(&c->a, id);
	size_t n = 0;
	bool up = true;
	for (const char *p = id; *p; p++) {
		if (*p == '-' || *p == '_' || *p == ' ') {
			up = true;
			continue;
		}
		char ch = *p;
		if (up && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		up = false;
		s[n++] = ch;
	}
	s[n] = '\0';
	return s;
}

/* The first paragraph of the "What it finds" section, on one line, without Markdown code
 * marks, cut at a sentence end to fit GitHub's limit; NULL when the document has none.
 * Arena-owned. */
static char *doc_summary(struct ctx *c, const char *doc)
{
	const char *p = doc ? strstr(doc, "\n## What it finds") : NULL;
	if (!p)
		return NULL;
	p = strchr(p + 1, '\n');
	if (!p)
		return NULL;
	while (*p == '\n')
		p++;
	size_t cap = strlen(p) + 1, n = 0;
	char *s = arena_alloc(&c->a, cap);
	/* up to a blank line, a heading or a code block */
	while (*p && *p != '\n' && *p != '#' && strncmp(p, "```", 3) != 0) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		for (size_t i = 0; i < len; i++) {
			char ch = p[i];
			if (ch == '`')
				continue;
			if (ch == ' ' || ch == '\t') {
				if (n && s[n - 1] != ' ')
					s[n++] = ' ';
				continue;
			}
			s[n++] = ch;
		}
		if (n && s[n - 1] != ' ')
			s[n++] = ' ';
		p = eol ? eol + 1 : p + len;
	}
	while (n && s[n - 1] == ' ')
		n--;
	s[n] = '\0';
	if (!n)
		return NULL;
	if (code_points(s, n) > DESCRIPTION_MAX) {
		/* the last sentence end that fits, or a cut at a character boundary */
		size_t keep = 0, cps = 0;
		for (size_t i = 0; i < n && cps < DESCRIPTION_MAX - 1; i++) {
			if (((unsigned char)s[i] & 0xC0) != 0x80)
				cps++;
			if (s[i] == '.' && (s[i + 1] == ' ' || !s[i + 1]))
				keep = i + 1;
		}
		if (!keep) {
			keep = DESCRIPTION_MAX - 4;
			while (keep && ((unsigned char)s[keep] & 0xC0) == 0x80)
				keep--;
			memcpy(s + keep, "...", 4);
			return s;
		}
		s[keep] = '\0';
	}
	return s;
}

/* The first learn.microsoft.com link of the document, or NULL. Arena-owned. */
static char *doc_help_uri(struct ctx *c, const char *doc)
{
	const char *p = doc ? strstr(doc, "https://learn.microsoft.com/") : NULL;
	if (!p)
		return NULL;
	size_t n = 0;
	while (p[n] && !strchr(" \t\r\n)]>\"'`", p[n]))
		n++;
	while (n && (p[n - 1] == '.' || p[n - 1] == ',' || p[n - 1] == ';'))
		n--;
	return arena_strndup(&c->a, p, n);
}

static const char *problem_severity(enum rule_severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "recommendation";
}

static void write_rule(struct jw *w, struct ctx *c, const struct rule *r)
{
	const char *doc = rule_doc(r->id);
	jw_open(w, NULL, '{');
	jw_str(w, "id", r->id);
	jw_str(w, "name", pascal_name(c, r->id));
	jw_message(w, "shortDescription", r->title);
	const char *full = doc_summary(c, doc);
	jw_message(w, "fullDescription", full ? full : r->title);
	jw_open(w, "help", '{');
	jw_str(w, "text", doc ? doc : r->title);
	if (doc)
		jw_str(w, "markdown", doc);
	jw_close(w, '}');
	const char *uri = doc_help_uri(c, doc);
	if (uri)
		jw_str(w, "helpUri", uri);
	jw_open(w, "defaultConfiguration", '{');
	jw_str(w, "level", rule_severity_name(r->severity));
	jw_close(w, '}');
	jw_open(w, "properties", '{');
	jw_open(w, "tags", '[');
	jw_str(w, NULL, "correctness");
	jw_str(w, NULL, "windows-driver");
	jw_str(w, NULL, "minifilter");
	jw_close(w, ']');
	/* every rule explores paths with the same engine and no heuristics of its own */
	jw_str(w, "precision", "high");
	jw_str(w, "problem.severity", problem_severity(r->severity));
	jw_close(w, '}');
	jw_close(w, '}');
}

/* ------------------------------------------------------------- results */

/* Appends s as the text of an embedded link "[text](id)", where SARIF (§3.11.6) wants '\',
 * '[' and ']' escaped with a backslash; elsewhere in a plain text message they stand as they
 * are. */
static void append_link_text(char **buf, size_t *n, size_t *cap, const char *s)
{
	size_t need = *n + 2 * strlen(s) + 1;
	if (need > *cap) {
		*cap = need * 2;
		*buf = xrealloc(*buf, *cap);
	}
	for (; *s; s++) {
		if (*s == '\\' || *s == '[' || *s == ']')
			(*buf)[(*n)++] = '\\';
		(*buf)[(*n)++] = *s;
	}
	(*buf)[*n] = '\0';
}

static void append_raw(char **buf, size_t *n, size_t *cap, const char *s)
{
	size_t len = strlen(s);
	if (*n + len + 1 > *cap) {
		*cap = (*n + len + 1) * 2;
		*buf = xrealloc(*buf, *cap);
	}
	memcpy(*buf + *n, s, len + 1);
	*n += len;
}

/* The result message: the finding's message as a sentence, then a link to the related
 * location. Arena-owned. */
static char *result_message(struct ctx *c, const struct finding *f)
{
	size_t n = 0, cap = 0;
	char *buf = NULL;
	append_raw(&buf, &n, &cap, f->message);
	if (!n || buf[n - 1] != '.')
		append_raw(&buf, &n, &cap, ".");
	if (f->related_file) {
		append_raw(&buf, &n, &cap, " Related location: [");
		append_link_text(&buf, &n, &cap, f->related_msg ? f->related_msg : "here");
		append_raw(&buf, &n, &cap, "](1).");
	}
	char *r = arena_strdup(&c->a, buf);
	free(buf);
	return r;
}

/* Branch assumptions ("assuming 'x' is true") are important, events are essential: the
 * split Clang's analyzer makes between condition notes and events. */
static const char *step_importance(const struct finding_step *s)
{
	return strncmp(s->msg, "assuming ", 9) == 0 ? "important" : "essential";
}

static void write_result(struct jw *w, struct ctx *c, unsigned i)
{
	const struct findings *fs = c->in->fs;
	const struct finding *f = &fs->v[i];
	unsigned ti = 0;
	while (rule_table[ti] && rule_table[ti] != f->rule)
		ti++;
	jw_open(w, NULL, '{');
	jw_str(w, "ruleId", f->rule->id);
	if (rule_table[ti] && c->rule_index[ti] >= 0)
		jw_uint(w, "ruleIndex", (unsigned)c->rule_index[ti]);
	jw_str(w, "level", rule_severity_name(f->rule->severity));
	jw_message(w, "message", result_message(c, f));

	jw_open(w, "locations", '[');
	jw_open(w, NULL, '{');
	write_physical(w, c, f->file, f->line, f->col);
	if (f->function && *f->function) {
		jw_open(w, "logicalLocations", '[');
		jw_open(w, NULL, '{');
		jw_str(w, "name", f->function);
		jw_str(w, "kind", "function");
		jw_close(w, '}');
		jw_close(w, ']');
	}
	jw_close(w, '}');
	jw_close(w, ']');

	if (f->related_file) {
		jw_open(w, "relatedLocations", '[');
		jw_open(w, NULL, '{');
		jw_uint(w, "id", 1);
		write_physical(w, c, f->related_file, f->related_line, f->related_col);
		jw_message(w, "message", f->related_msg ? f->related_msg : "");
		jw_close(w, '}');
		jw_close(w, ']');
	}

	if (f->nsteps) {
		jw_open(w, "codeFlows", '[');
		jw_open(w, NULL, '{');
		jw_open(w, "threadFlows", '[');
		jw_open(w, NULL, '{');
		jw_open(w, "locations", '[');
		for (unsigned j = 0; j < f->nsteps; j++) {
			const struct finding_step *s = &f->steps[j];
			jw_open(w, NULL, '{');
			jw_open(w, "location", '{');
			write_physical(w, c, s->file, s->line, s->col);
			jw_message(w, "message", s->msg);
			jw_close(w, '}');
			jw_str(w, "importance",
			       j + 1 == f->nsteps ? "essential" : step_importance(s));
			jw_close(w, '}');
		}
		jw_close(w, ']');
		jw_close(w, '}');
		jw_close(w, ']');
		jw_close(w, '}');
		jw_close(w, ']');
	}

	if (f->fingerprint[0]) {
		/* n counts earlier results of this file with the same hash, as GitHub's does */
		unsigned n = 1;
		for (unsigned j = 0; j < i; j++)
			if (strcmp(fs->v[j].fingerprint, f->fingerprint) == 0 &&
			    strcmp(fs->v[j].file, f->file) == 0)
				n++;
		char hash[32];
		snprintf(hash, sizeof(hash), "%s:%u", f->fingerprint, n);
		jw_open(w, "partialFingerprints", '{');
		jw_str(w, "primaryLocationLineHash", hash);
		jw_str(w, "fltcheck/v1", f->fingerprint);
		jw_close(w, '}');
	}
	if (c->in->baseline_state && c->in->baseline_state[i])
		jw_str(w, "baselineState", c->in->baseline_state[i]);
	jw_close(w, '}');
}

/* ------------------------------------------------------------- the log */

static int cmp_failure(const void *a, const void *b)
{
	const struct not_analyzed *x = *(const struct not_analyzed *const *)a;
	const struct not_analyzed *y = *(const struct not_analyzed *const *)b;
	int d = strcmp(x->path ? x->path : "", y->path ? y->path : "");
	if (d)
		return d;
	d = strcmp(x->reason ? x->reason : "", y->reason ? y->reason : "");
	if (d)
		return d;
	return x < y ? -1 : x > y;
}

static void write_invocation(struct jw *w, struct ctx *c)
{
	const struct sarif_input *in = c->in;
	jw_open(w, "invocations", '[');
	jw_open(w, NULL, '{');
	if (in->command_line)
		jw_str(w, "commandLine", in->command_line);
	jw_bool(w, "executionSuccessful", in->nfailed == 0);
	if (in->nfailed) {
		/* sorted, so the order does not depend on how the scan was scheduled */
		const struct not_analyzed **order = xcalloc(in->nfailed, sizeof(*order));
		for (unsigned i = 0; i < in->nfailed; i++)
			order[i] = &in->failed[i];
		qsort(order, in->nfailed, sizeof(*order), cmp_failure);
		jw_open(w, "toolExecutionNotifications", '[');
		for (unsigned k = 0; k < in->nfailed; k++) {
			const struct not_analyzed *x = order[k];
			const char *path = x->path ? x->path : "";
			const char *reason = x->reason && *x->reason ? x->reason : "unknown reason";
			/* a reason that starts "<path>:<line>: " gives the line to the location */
			unsigned line = 0;
			size_t plen = strlen(path);
			if (plen && strncmp(reason, path, plen) == 0 && reason[plen] == ':') {
				char *end;
				unsigned long l = strtoul(reason + plen + 1, &end, 10);
				if (end > reason + plen + 1 && end[0] == ':' && end[1] == ' ' &&
				    l <= UINT_MAX) {
					line = (unsigned)l;
					reason = end + 2;
				}
			}
			size_t len = strlen(reason);
			char *text = arena_fmt(&c->a, "'%s' was not analyzed: %s%s",
					       plen ? uri_of(c, path)->shown : "(unknown file)",
					       reason, len && reason[len - 1] == '.' ? "" : ".");
			jw_open(w, NULL, '{');
			jw_str(w, "level", "error");
			jw_message(w, "message", text);
			if (plen) {
				jw_open(w, "locations", '[');
				jw_open(w, NULL, '{');
				jw_open(w, "physicalLocation", '{');
				write_artifact(w, c, path);
				if (line) {
					jw_open(w, "region", '{');
					jw_uint(w, "startLine", line);
					jw_close(w, '}');
				}
				jw_close(w, '}');
				jw_close(w, '}');
				jw_close(w, ']');
			}
			jw_close(w, '}');
		}
		jw_close(w, ']');
		free(order);
	}
	jw_close(w, '}');
	jw_close(w, ']');
}

int sarif_write(FILE *out, const struct sarif_input *in)
{
	struct ctx c = { 0 };
	c.in = in;
	arena_init(&c.a);
	if (in->root && *in->root) {
		char *r = absolute_path(in->root);
		c.root = arena_strdup(&c.a, r);
		free(r);
		size_t n = strlen(c.root);
		while (n > 1 && c.root[n - 1] == '/')
			c.root[--n] = '\0';
	}
	const struct findings *fs = in->fs;

	/* the rules: enabled ones, and any other that has a finding (so that every result
	 * has its descriptor), in table order */
	unsigned nrules = 0;
	while (rule_table[nrules])
		nrules++;
	c.rule_index = xcalloc(nrules + 1, sizeof(*c.rule_index));
	int next = 0;
	for (unsigned i = 0; i < nrules; i++) {
		bool use = !in->enabled || in->enabled[i];
		for (unsigned j = 0; !use && fs && j < fs->n; j++)
			use = fs->v[j].rule == rule_table[i];
		c.rule_index[i] = use ? next++ : -1;
	}

	struct jw w = { 0 };
	w.f = out;
	jw_open(&w, NULL, '{');
	jw_str(&w, "$schema", SARIF_SCHEMA);
	jw_str(&w, "version", "2.1.0");
	jw_open(&w, "runs", '[');
	jw_open(&w, NULL, '{');

	jw_open(&w, "tool", '{');
	jw_open(&w, "driver", '{');
	jw_str(&w, "name", "fltcheck");
	jw_str(&w, "version", FLTCHECK_VERSION);
	jw_str(&w, "semanticVersion", FLTCHECK_VERSION);
#ifdef FLTCHECK_HOMEPAGE
	jw_str(&w, "informationUri", FLTCHECK_HOMEPAGE);
#endif
	jw_open(&w, "rules", '[');
	for (unsigned i = 0; i < nrules; i++)
		if (c.rule_index[i] >= 0)
			write_rule(&w, &c, rule_table[i]);
	jw_close(&w, ']');
	jw_close(&w, '}');
	jw_close(&w, '}');

	write_invocation(&w, &c);

	if (c.root) {
		jw_open(&w, "originalUriBaseIds", '{');
		jw_open(&w, SRCROOT, '{');
		jw_str(&w, "uri", file_uri(&c, c.root, true));
		jw_message(&w, "description", "The source root.");
		jw_close(&w, '}');
		jw_close(&w, '}');
	}

	jw_open(&w, "results", '[');
	for (unsigned i = 0; fs && i < fs->n; i++)
		write_result(&w, &c, i);
	jw_close(&w, ']');
	jw_str(&w, "columnKind", "unicodeCodePoints");

	jw_close(&w, '}');
	jw_close(&w, ']');
	jw_close(&w, '}');
	fputc('\n', out);

	free(c.uris);
	free(c.rule_index);
	arena_release(&c.a);
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}
