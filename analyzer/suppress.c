/*
 * Inline suppressions (see suppress.h): a line lexer that finds comments
 * and pragma lines in the cached source, the parsers of the comment and
 * pragma forms, and the matching of findings against what they found.
 */
#include "suppress.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "rule.h"
#include "source.h"

#define MARKER "fltcheck-suppress"

/* A comment of the file being scanned: its text with '\n' between lines. */
struct comment {
	unsigned l0, c0; /* where the text (after the // or the slash-star) starts */
	unsigned l1;     /* its last line */
	char *text;
};

struct scan {
	struct suppressions *s;
	const char *file;
	const char *canon;
	bool (*rule_exists)(const char *id);
	bool *has_code; /* per line (1-based): something else than a comment */
	unsigned ncode;
	struct comment *cm;
	unsigned ncm, capcm;
};

static bool is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static void mark_code(struct scan *sc, unsigned line)
{
	if (line >= sc->ncode) {
		unsigned n = sc->ncode ? sc->ncode : 64;
		while (n <= line)
			n *= 2;
		sc->has_code = xrealloc(sc->has_code, n * sizeof(bool));
		memset(sc->has_code + sc->ncode, 0, (n - sc->ncode) * sizeof(bool));
		sc->ncode = n;
	}
	sc->has_code[line] = true;
}

static bool line_has_code(const struct scan *sc, unsigned line)
{
	return line < sc->ncode && sc->has_code[line];
}

/* Appends an entry; takes ownership of rule, reason and problem. */
static struct suppression *add(struct scan *sc, unsigned line, unsigned col, char *rule,
			       char *reason, char *problem)
{
	struct suppressions *s = sc->s;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	struct suppression *e = &s->v[s->n++];
	memset(e, 0, sizeof(*e));
	e->file = xstrdup(sc->file);
	e->canon = xstrdup(sc->canon);
	e->line = line;
	e->col = col;
	e->rule = rule;
	e->reason = reason;
	e->problem = problem;
	e->valid = problem == NULL;
	e->first_line = e->last_line = line;
	return e;
}

/* A copy of text[0..n) with runs of blanks made one space, trimmed; NULL if empty. */
static char *clean_reason(const char *text, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = text[i];
		if (c == '\n') {
			/* a continuation line of a block comment: its leading '*' goes too */
			size_t j = i + 1;
			while (j < n && (text[j] == ' ' || text[j] == '\t'))
				j++;
			if (j < n && text[j] == '*')
				i = j;
			c = ' ';
		}
		if (is_blank(c)) {
			if (o && out[o - 1] != ' ')
				out[o++] = ' ';
		} else {
			out[o++] = c;
		}
	}
	/* block comment decoration: a closing run of '*' */
	while (o && (out[o - 1] == ' ' || out[o - 1] == '*'))
		o--;
	out[o] = '\0';
	if (!o) {
		free(out);
		return NULL;
	}
	return out;
}

/* --- the comment form ------------------------------------------------------------ */

static void comment_pos(const struct comment *c, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = c->l0;
	size_t bol = 0;
	for (size_t i = 0; i < off; i++)
		if (c->text[i] == '\n') {
			l++;
			bol = i + 1;
		}
	*line = l;
	*col = l == c->l0 ? c->c0 + (unsigned)off : (unsigned)(off - bol) + 1;
}

static void parse_comment(struct scan *sc, const struct comment *c)
{
	const char *t = c->text;
	size_t mlen = strlen(MARKER);
	bool alone = true;
	for (unsigned l = c->l0; l <= c->l1; l++)
		if (line_has_code(sc, l))
			alone = false;
	for (const char *m = strstr(t, MARKER); m; m = strstr(m + mlen, MARKER)) {
		if (m > t && (is_id_char(m[-1])))
			continue;
		unsigned first = sc->s->n, line, col;
		const char *p = m + mlen;
		comment_pos(c, (size_t)(m - t), &line, &col);
		if (is_id_char(*p)) {
			size_t w = mlen;
			while (is_id_char(m[w]))
				w++;
			add(sc, line, col, xstrdup(""), NULL,
			    xfmt("unknown suppression form '%.*s' is ignored (write '// " MARKER
				 " <rule-id>: <reason>')",
				 (int)w, m));
			goto cover;
		}
		/* rule ids, then ':' and the reason */
		const char *ids[64];
		size_t idlen[64];
		unsigned nids = 0;
		for (;;) {
			while (is_blank(*p))
				p++;
			if (!is_id_char(*p))
				break;
			const char *q = p;
			while (is_id_char(*q))
				q++;
			if (nids < 64) {
				ids[nids] = p;
				idlen[nids++] = (size_t)(q - p);
			}
			p = q;
			while (is_blank(*p))
				p++;
			if (*p != ',')
				break;
			p++;
		}
		char *reason = NULL;
		if (*p == ':') {
			p++;
			const char *end = strstr(p, MARKER);
			reason = clean_reason(p, end ? (size_t)(end - p) : strlen(p));
		}
		if (!nids) {
			add(sc, line, col, xstrdup(""), reason,
			    xstrdup("'" MARKER
				    "' names no rule id and is ignored (write '// " MARKER
				    " <rule-id>: <reason>')"));
			goto cover;
		}
		for (unsigned i = 0; i < nids; i++) {
			char *id = xfmt("%.*s", (int)idlen[i], ids[i]);
			char *problem = NULL;
			if (sc->rule_exists && !sc->rule_exists(id))
				problem = xfmt("suppression names unknown rule '%s' and is ignored",
					       id);
			else if (!reason)
				problem = xfmt(
					"suppression of '%s' without a reason is ignored (write "
					"'// " MARKER " %s: <reason>')",
					id, id);
			unsigned il, ic;
			comment_pos(c, (size_t)(ids[i] - t), &il, &ic);
			add(sc, il, ic, id, reason ? xstrdup(reason) : NULL, problem);
		}
		free(reason);
	cover:
		for (unsigned i = first; i < sc->s->n; i++) {
			struct suppression *e = &sc->s->v[i];
			e->first_line = c->l0;
			e->last_line = c->l1;
			e->next_line = alone ? c->l1 + 1 : 0;
		}
	}
}

static void add_comment(struct scan *sc, unsigned l0, unsigned c0, unsigned l1, char *text)
{
	if (sc->ncm == sc->capcm) {
		sc->capcm = sc->capcm ? sc->capcm * 2 : 16;
		sc->cm = xrealloc(sc->cm, sc->capcm * sizeof(*sc->cm));
	}
	sc->cm[sc->ncm++] = (struct comment){ .l0 = l0, .c0 = c0, .l1 = l1, .text = text };
}

/* --- the pragma forms ------------------------------------------------------------- */

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Does p start with word, not followed by an identifier character? */
static const char *match_word(const char *p, const char *word)
{
	size_t n = strlen(word);
	if (strncmp(p, word, n) != 0 || is_id_char(p[n]))
		return NULL;
	return p + n;
}

/* The reason of a warning pragma: a comment after it on the line. */
static char *trailing_comment(const char *p)
{
	p = skip_blanks(p);
	if (p[0] == '/' && p[1] == '/')
		return clean_reason(p + 2, strlen(p + 2));
	if (p[0] == '/' && p[1] == '*') {
		const char *e = strstr(p + 2, "*/");
		return clean_reason(p + 2, e ? (size_t)(e - p - 2) : strlen(p + 2));
	}
	return NULL;
}

/* Is name one of ours, or written like one of ours (with a '-')? */
static bool pragma_name_ours(struct scan *sc, const char *name, bool *known)
{
	*known = sc->rule_exists ? sc->rule_exists(name) : strchr(name, '-') != NULL;
	return *known || strchr(name, '-') != NULL;
}

/*
 * Parses "#pragma prefast(...)" or "#pragma warning(...)" at line (l is the
 * line, p just after its '#'); adds an entry per name of ours in a
 * "suppress:" specifier.
 */
static void parse_pragma(struct scan *sc, unsigned line, const char *l, const char *p)
{
	p = skip_blanks(p);
	if (!(p = match_word(p, "pragma")))
		return;
	p = skip_blanks(p);
	const char *q;
	bool prefast;
	if ((q = match_word(p, "prefast")))
		prefast = true;
	else if ((q = match_word(p, "warning")))
		prefast = false;
	else
		return;
	p = skip_blanks(q);
	if (*p++ != '(')
		return;
	/* the specifiers, "name: list" separated by ';' (warning) */
	for (;;) {
		p = skip_blanks(p);
		bool suppress = false;
		if ((q = match_word(p, "suppress"))) {
			suppress = true;
			p = skip_blanks(q);
		}
		if (!suppress || *p != ':') {
			/* another specifier (push, disable: ...): skip it */
			while (*p && *p != ';' && *p != ')' && *p != '"')
				p++;
			if (*p == '"') {
				p++;
				while (*p && *p != '"')
					p += p[0] == '\\' && p[1] ? 2 : 1;
				if (*p)
					p++;
				continue;
			}
			if (*p != ';')
				return;
			p++;
			continue;
		}
		p++;
		const char *names[64];
		size_t nlen[64];
		unsigned nnames = 0;
		for (;;) {
			p = skip_blanks(p);
			if (*p == ',') {
				p++;
				continue;
			}
			if (!is_id_char(*p))
				break;
			q = p;
			while (is_id_char(*q))
				q++;
			if (nnames < 64) {
				names[nnames] = p;
				nlen[nnames++] = (size_t)(q - p);
			}
			p = q;
		}
		char *reason = NULL;
		if (prefast && *p == '"') {
			q = p + 1;
			while (*q && *q != '"')
				q += q[0] == '\\' && q[1] ? 2 : 1;
			reason = clean_reason(p + 1, (size_t)(q - p - 1));
			p = *q ? q + 1 : q;
			p = skip_blanks(p);
		}
		if (!prefast) {
			const char *close = strchr(p, ')');
			reason = close ? trailing_comment(close + 1) : NULL;
		}
		for (unsigned i = 0; i < nnames; i++) {
			char *name = xfmt("%.*s", (int)nlen[i], names[i]);
			bool known;
			if (!pragma_name_ours(sc, name, &known)) {
				free(name);
				continue;
			}
			char *problem = NULL;
			if (!known)
				problem = xfmt("suppression names unknown rule '%s' and is ignored",
					       name);
			else if (!reason && prefast)
				problem = xfmt(
					"suppression of '%s' without a reason is ignored (write "
					"'#pragma prefast(suppress: %s, \"<reason>\")')",
					name, name);
			else if (!reason)
				problem =
					xfmt("suppression of '%s' without a reason is ignored (add "
					     "'// <reason>' after the pragma)",
					     name);
			struct suppression *e = add(sc, line, (unsigned)(names[i] - l) + 1, name,
						    reason ? xstrdup(reason) : NULL, problem);
			e->next_line = line + 1;
		}
		free(reason);
		if (*p != ';')
			return;
		p++;
	}
}

/* --- scanning ------------------------------------------------------------------------ */

static int cmp_suppression(const void *a, const void *b)
{
	const struct suppression *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

static void scan_file(struct scan *sc)
{
	bool in_block = false;
	unsigned bl0 = 0, bc0 = 0; /* where the open block comment's text starts */
	char *btext = NULL;
	unsigned line;
	const char *l;
	for (line = 1; (l = source_line(sc->file, line)); line++) {
		size_t i = 0;
		if (in_block) {
			const char *e = strstr(l, "*/");
			size_t n = e ? (size_t)(e - l) : strlen(l);
			char *t = xfmt("%s\n%.*s", btext, (int)n, l);
			free(btext);
			btext = t;
			if (!e)
				continue;
			add_comment(sc, bl0, bc0, line, btext);
			btext = NULL;
			in_block = false;
			i = n + 2;
		} else {
			const char *p = skip_blanks(l);
			if (*p == '#') {
				mark_code(sc, line);
				parse_pragma(sc, line, l, p + 1);
			}
		}
		while (l[i]) {
			char c = l[i];
			if (is_blank(c)) {
				i++;
			} else if (c == '/' && l[i + 1] == '/') {
				add_comment(sc, line, (unsigned)i + 3, line, xstrdup(l + i + 2));
				break;
			} else if (c == '/' && l[i + 1] == '*') {
				const char *e = strstr(l + i + 2, "*/");
				if (!e) {
					bl0 = line;
					bc0 = (unsigned)i + 3;
					btext = xstrdup(l + i + 2);
					in_block = true;
					break;
				}
				size_t n = (size_t)(e - (l + i + 2));
				add_comment(sc, line, (unsigned)i + 3, line,
					    xfmt("%.*s", (int)n, l + i + 2));
				i += n + 4;
			} else if (c == '"' || c == '\'') {
				mark_code(sc, line);
				i++;
				while (l[i] && l[i] != c)
					i += l[i] == '\\' && l[i + 1] ? 2 : 1;
				if (l[i])
					i++;
			} else {
				/* code up to the next comment or literal */
				mark_code(sc, line);
				i++;
				while (l[i] && l[i] != '/' && l[i] != '"' && l[i] != '\'')
					i++;
			}
		}
	}
	if (in_block) /* unterminated at the end of the file */
		add_comment(sc, bl0, bc0, line - 1, btext);
}

/* Every suppression form says "suppress": a file that never does has none. */
static bool mentions_suppress(const char *file)
{
	const char *l;
	for (unsigned line = 1; (l = source_line(file, line)); line++)
		if (strstr(l, "suppress"))
			return true;
	return false;
}

void suppress_scan(struct suppressions *s, const char *const *files, unsigned nfiles,
		   bool (*rule_exists)(const char *id))
{
	for (unsigned f = 0; f < nfiles; f++) {
		if (!mentions_suppress(files[f]))
			continue;
		char buf[PATH_MAX];
		struct scan sc = { .s = s, .file = files[f], .rule_exists = rule_exists };
		sc.canon = realpath(files[f], buf) ? buf : files[f];
		unsigned start = s->n;
		scan_file(&sc);
		for (unsigned i = 0; i < sc.ncm; i++) {
			parse_comment(&sc, &sc.cm[i]);
			free(sc.cm[i].text);
		}
		free(sc.cm);
		free(sc.has_code);
		if (s->n - start > 1)
			qsort(s->v + start, s->n - start, sizeof(*s->v), cmp_suppression);
	}
}

/* --- applying ------------------------------------------------------------------------- */

static bool covers(const struct suppression *e, const struct finding *f, const char *fcanon)
{
	if (!e->valid || strcmp(e->rule, f->rule->id) != 0)
		return false;
	if (!(f->line >= e->first_line && f->line <= e->last_line) && f->line != e->next_line)
		return false;
	return strcmp(e->file, f->file) == 0 || strcmp(e->canon, fcanon) == 0;
}

unsigned suppress_apply(struct suppressions *s, struct findings *fs)
{
	struct findings removed = { 0 };
	unsigned kept = 0;
	char canon[PATH_MAX];
	const char *canon_of = NULL; /* the file canon was computed for */
	for (unsigned i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		if (!canon_of || strcmp(canon_of, f->file) != 0) {
			if (!realpath(f->file, canon))
				snprintf(canon, sizeof(canon), "%s", f->file);
			canon_of = f->file;
		}
		bool hit = false;
		for (unsigned j = 0; j < s->n; j++)
			if (covers(&s->v[j], f, canon)) {
				s->v[j].used = true;
				hit = true;
			}
		if (!hit) {
			fs->v[kept++] = *f;
			continue;
		}
		if (removed.n == removed.cap) {
			removed.cap = removed.cap ? removed.cap * 2 : 8;
			removed.v = xrealloc(removed.v, removed.cap * sizeof(*removed.v));
		}
		removed.v[removed.n++] = *f;
		/* f's strings now belong to removed; canon_of may point into them,
		 * but it is only compared while removed is alive */
	}
	unsigned n = removed.n;
	fs->n = kept;
	findings_dropped(fs);
	findings_free(&removed);
	return n;
}

void suppress_print_notes(FILE *out, const struct suppressions *s)
{
	for (unsigned i = 0; i < s->n; i++) {
		const struct suppression *e = &s->v[i];
		const char *path = finding_display_path(e->file);
		if (!e->valid)
			fprintf(out, "%s:%u:%u: note: %s\n", path, e->line, e->col, e->problem);
		else if (!e->used)
			fprintf(out,
				"%s:%u:%u: note: unused suppression of '%s': no such finding on "
				"the "
				"line it covers\n",
				path, e->line, e->col, e->rule);
	}
}

void suppress_free(struct suppressions *s)
{
	for (unsigned i = 0; i < s->n; i++) {
		struct suppression *e = &s->v[i];
		free(e->file);
		free(e->canon);
		free(e->rule);
		free(e->reason);
		free(e->problem);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}
