/*
 * The HTML report (report.h). It reads one run from the database, fills the
 * compiled-in templates (report-templates/, embedded by
 * cmake/embed_templates.cmake) and writes each file of the report through a
 * temporary file that is renamed into place, so a reader never sees half a
 * page. Templates hold {{name}} slots; every value put into a slot is HTML
 * that this file produced, with all text escaped on the way.
 *
 * The source of a finding's page is read from disk at report time: the lines
 * of the top-level block (function body, initializer) around each location
 * of the finding, found by a small lexer that skips comments, strings and
 * preprocessor lines, with keyword, string and comment highlighting.
 */
#include "report.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "cli.h"
#include "dbcmd.h"
#include "exitcode.h"
#include "json.h"
#include "project.h"
#include "rule.h"
#include "sarif.h"
#include "store.h"

struct report_template {
	const char *name;
	const char *text;
};
extern const struct report_template report_templates[];

/* Lines of context shown around a location outside any top-level block. */
#define CONTEXT_LINES 5
/* A top-level block longer than this is shown as context around the location only. */
#define MAX_BLOCK_LINES 400
/* At most this many lines before a block's '{' belong to its header. */
#define MAX_HEADER_LINES 30

/* ---- output helpers ------------------------------------------------------ */

void report_html_escape(FILE *out, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			putc(*s, out);
		}
	}
}

static void esc_n(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '&')
			fputs("&amp;", out);
		else if (c == '<')
			fputs("&lt;", out);
		else if (c == '>')
			fputs("&gt;", out);
		else if (c == '"')
			fputs("&quot;", out);
		else if (c == '\'')
			fputs("&#39;", out);
		else
			putc(c, out);
	}
}

/* A string built with stdio: open, write to .f, then mbuf_take. */
struct mbuf {
	char *p;
	size_t n;
	FILE *f;
};

static void mbuf_open(struct mbuf *m)
{
	m->p = NULL;
	m->n = 0;
	m->f = xmemstream(&m->p, &m->n);
}

/* Closes the stream; the heap string is the caller's. */
static char *mbuf_take(struct mbuf *m)
{
	if (fclose(m->f) != 0) {
		fprintf(stderr, "fltcheck: out of memory\n");
		abort();
	}
	return m->p;
}

static char *html_dup(const char *s)
{
	struct mbuf m;
	mbuf_open(&m);
	report_html_escape(m.f, s);
	return mbuf_take(&m);
}

/*
 * Writes JSON text that was produced by json_write_string into a <script>
 * element: '<', '>' and '&' only occur inside JSON strings there, where
 * \u escapes mean the same, and so "</script>" or "<!--" cannot appear.
 */
static void write_script_json(FILE *out, const char *json, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (json[i] == '<')
			fputs("\\u003c", out);
		else if (json[i] == '>')
			fputs("\\u003e", out);
		else if (json[i] == '&')
			fputs("\\u0026", out);
		else
			putc(json[i], out);
	}
}

/* ---- templates ----------------------------------------------------------- */

struct tpl_var {
	const char *key;
	const char *html; /* already HTML; NULL writes nothing */
};

static const char *template_text(const char *name)
{
	for (unsigned i = 0; report_templates[i].name; i++)
		if (!strcmp(report_templates[i].name, name))
			return report_templates[i].text;
	fprintf(stderr, "fltcheck: internal error: no report template '%s'\n", name);
	abort();
}

/* Writes template tpl with each {{key}} replaced by its variable. */
static void tpl_write(FILE *out, const char *tpl, const struct tpl_var *vars, unsigned nvars)
{
	const char *p = tpl;
	for (;;) {
		const char *open = strstr(p, "{{");
		if (!open) {
			fputs(p, out);
			return;
		}
		const char *close = strstr(open + 2, "}}");
		if (!close) {
			fputs(p, out);
			return;
		}
		fwrite(p, 1, (size_t)(open - p), out);
		size_t klen = (size_t)(close - open - 2);
		unsigned i;
		for (i = 0; i < nvars; i++)
			if (strlen(vars[i].key) == klen && !memcmp(vars[i].key, open + 2, klen))
				break;
		if (i == nvars) {
			fprintf(stderr,
				"fltcheck: internal error: template slot '%.*s' has no value\n",
				(int)klen, open + 2);
			abort();
		}
		if (vars[i].html)
			fputs(vars[i].html, out);
		p = close + 2;
	}
}

/* ---- files written atomically -------------------------------------------- */

struct outfile {
	char *path, *tmp;
	FILE *f;
};

/* Opens a temporary file next to path; 0, or -1 with *err set (caller frees). */
static int outfile_open(struct outfile *o, const char *path, char **err)
{
	const char *slash = strrchr(path, '/');
	o->path = xstrdup(path);
	if (slash)
		o->tmp = xfmt("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	else
		o->tmp = xfmt(".%s.XXXXXX", path);
	int fd = mkstemp(o->tmp);
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		*err = xfmt("cannot write '%s': %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->path);
		free(o->tmp);
		return -1;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	return 0;
}

/* Finishes the file and renames it into place; 0, or -1 with *err set. */
static int outfile_close(struct outfile *o, char **err)
{
	int rc = 0;
	bool bad = ferror(o->f) != 0;
	if (fclose(o->f) != 0 || bad) {
		*err = xfmt("cannot write '%s': %s", o->path, strerror(errno ? errno : EIO));
		rc = -1;
	} else if (rename(o->tmp, o->path) != 0) {
		*err = xfmt("cannot write '%s': %s", o->path, strerror(errno));
		rc = -1;
	}
	if (rc)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	return rc;
}

/* mkdir -p; 0, or -1 with *err set. */
static int make_dirs(const char *dir, char **err)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1;; s++) {
		if (*s == '/' || !*s) {
			char c = *s;
			*s = '\0';
			struct stat st;
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				*err = xfmt("cannot create '%s': %s", p, strerror(errno));
				free(p);
				return -1;
			}
			if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
				*err = xfmt("cannot create '%s': %s", p, strerror(ENOTDIR));
				free(p);
				return -1;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return 0;
}

static int write_static(const char *dir, const char *name, char **err)
{
	char *path = xfmt("%s/%s", dir, name);
	struct outfile o;
	int rc = outfile_open(&o, path, err);
	if (rc == 0) {
		fputs(template_text(name), o.f);
		rc = outfile_close(&o, err);
	}
	free(path);
	return rc;
}

/* ---- Markdown ------------------------------------------------------------- */

static bool url_ok(const char *s, size_t n)
{
	return (n > 8 && !strncmp(s, "https://", 8)) || (n > 7 && !strncmp(s, "http://", 7));
}

/* Length of the bare URL at s (http:// or https://), trailing punctuation excluded; 0 if none. */
static size_t bare_url(const char *s, size_t n)
{
	if (!url_ok(s, n))
		return 0;
	size_t i = 0;
	while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '<' && s[i] != '>' &&
	       s[i] != '"' && s[i] != '`')
		i++;
	while (i > 0 && strchr(".,;:)]'", s[i - 1]))
		i--;
	return i;
}

static void md_inline(FILE *out, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] == '`') {
			const char *end = memchr(s + i + 1, '`', n - i - 1);
			if (end) {
				fputs("<code>", out);
				esc_n(out, s + i + 1, (size_t)(end - s - i - 1));
				fputs("</code>", out);
				i = (size_t)(end - s) + 1;
				continue;
			}
		} else if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
			const char *end = NULL;
			for (size_t j = i + 2; j + 1 < n; j++)
				if (s[j] == '*' && s[j + 1] == '*') {
					end = s + j;
					break;
				}
			if (end && end > s + i + 2) {
				fputs("<strong>", out);
				md_inline(out, s + i + 2, (size_t)(end - s - i - 2));
				fputs("</strong>", out);
				i = (size_t)(end - s) + 2;
				continue;
			}
		} else if (s[i] == '[') {
			/* [text](url) */
			const char *rb = memchr(s + i, ']', n - i);
			if (rb && rb + 1 < s + n && rb[1] == '(') {
				const char *rp = memchr(rb, ')', (size_t)(s + n - rb));
				const char *u = rb + 2;
				if (rp && url_ok(u, (size_t)(rp - u)) &&
				    !memchr(u, ' ', (size_t)(rp - u))) {
					fputs("<a href=\"", out);
					esc_n(out, u, (size_t)(rp - u));
					fputs("\">", out);
					md_inline(out, s + i + 1, (size_t)(rb - s - i - 1));
					fputs("</a>", out);
					i = (size_t)(rp - s) + 1;
					continue;
				}
			}
		} else if ((s[i] == 'h') && (i == 0 || !isalnum((unsigned char)s[i - 1]))) {
			size_t ul = bare_url(s + i, n - i);
			if (ul) {
				fputs("<a href=\"", out);
				esc_n(out, s + i, ul);
				fputs("\">", out);
				esc_n(out, s + i, ul);
				fputs("</a>", out);
				i += ul;
				continue;
			}
		}
		esc_n(out, s + i, 1);
		i++;
	}
}

/* Length of the list marker at the start of s (after indentation), with its space; 0 if none. */
static size_t list_marker(const char *s, bool *ordered)
{
	size_t i = 0;
	while (s[i] == ' ')
		i++;
	if ((s[i] == '-' || s[i] == '*' || s[i] == '+') && s[i + 1] == ' ') {
		*ordered = false;
		return i + 2;
	}
	size_t d = i;
	while (isdigit((unsigned char)s[d]))
		d++;
	if (d > i && d - i < 4 && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ') {
		*ordered = true;
		return d + 2;
	}
	return 0;
}

static void slug(FILE *out, const char *s, size_t n)
{
	bool dash = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c)) {
			if (dash)
				putc('-', out);
			dash = false;
			putc(tolower(c), out);
		} else {
			dash = true;
		}
	}
}

void report_markdown(FILE *out, const char *md, int heading_shift)
{
	enum { NONE, PARA, ULIST, OLIST } open = NONE;
	struct mbuf text; /* the paragraph or list item being collected */
	mbuf_open(&text);
	const char *p = md ? md : "";
	bool in_item = false;

#define FLUSH_TEXT()                                                                  \
	do {                                                                          \
		fflush(text.f);                                                       \
		size_t len_ = (size_t)ftello(text.f);                                 \
		while (len_ && (text.p[len_ - 1] == ' ' || text.p[len_ - 1] == '\n')) \
			len_--;                                                       \
		md_inline(out, text.p, len_);                                         \
		rewind(text.f);                                                       \
	} while (0)
#define CLOSE_BLOCK()                                                      \
	do {                                                               \
		if (open == PARA) {                                        \
			FLUSH_TEXT();                                      \
			fputs("</p>\n", out);                              \
		} else if (open == ULIST || open == OLIST) {               \
			if (in_item) {                                     \
				FLUSH_TEXT();                              \
				fputs("</li>\n", out);                     \
			}                                                  \
			fputs(open == ULIST ? "</ul>\n" : "</ol>\n", out); \
		}                                                          \
		open = NONE;                                               \
		in_item = false;                                           \
	} while (0)

	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *next = eol ? eol + 1 : p + len;
		while (len && p[len - 1] == '\r')
			len--;
		char *line = xfmt("%.*s", (int)len, p);
		const char *t = line;
		while (*t == ' ' || *t == '\t')
			t++;
		bool ordered = false;
		size_t mark;

		if (!strncmp(t, "```", 3)) {
			CLOSE_BLOCK();
			const char *lang = t + 3;
			fputs("<pre><code", out);
			if (*lang) {
				fputs(" class=\"language-", out);
				report_html_escape(out, lang);
				putc('"', out);
			}
			putc('>', out);
			/* copy until the closing fence */
			const char *q = next;
			while (*q) {
				const char *e = strchr(q, '\n');
				size_t l = e ? (size_t)(e - q) : strlen(q);
				const char *u = q;
				while (u < q + l && (*u == ' ' || *u == '\t'))
					u++;
				bool fence = q + l - u >= 3 && !strncmp(u, "```", 3);
				if (!fence) {
					size_t k = l;
					while (k && q[k - 1] == '\r')
						k--;
					esc_n(out, q, k);
					putc('\n', out);
				}
				q = e ? e + 1 : q + l;
				if (fence)
					break;
			}
			fputs("</code></pre>\n", out);
			free(line);
			p = q;
			continue;
		}
		if (*t == '#') {
			int level = 0;
			while (t[level] == '#')
				level++;
			if (level <= 6 && (t[level] == ' ' || !t[level])) {
				CLOSE_BLOCK();
				const char *h = t + level;
				while (*h == ' ')
					h++;
				size_t hl = strlen(h);
				while (hl && (h[hl - 1] == '#' || h[hl - 1] == ' '))
					hl--;
				int lv = level + heading_shift;
				lv = lv < 1 ? 1 : lv > 6 ? 6 : lv;
				fprintf(out, "<h%d id=\"doc-", lv);
				slug(out, h, hl);
				fputs("\">", out);
				md_inline(out, h, hl);
				fprintf(out, "</h%d>\n", lv);
				free(line);
				p = next;
				continue;
			}
		}
		if (!*t) {
			CLOSE_BLOCK();
		} else if ((mark = list_marker(line, &ordered)) != 0) {
			if (open != (ordered ? OLIST : ULIST)) {
				CLOSE_BLOCK();
				open = ordered ? OLIST : ULIST;
				fputs(ordered ? "<ol>\n" : "<ul>\n", out);
			} else if (in_item) {
				FLUSH_TEXT();
				fputs("</li>\n", out);
			}
			fputs("<li>", out);
			in_item = true;
			fputs(line + mark, text.f);
			putc('\n', text.f);
		} else if ((open == ULIST || open == OLIST) && t != line) {
			fputs(t, text.f); /* an indented continuation of the item */
			putc('\n', text.f);
		} else {
			if (open != PARA) {
				CLOSE_BLOCK();
				open = PARA;
				fputs("<p>", out);
			}
			fputs(t, text.f);
			putc('\n', text.f);
		}
		free(line);
		p = next;
	}
	CLOSE_BLOCK();
#undef CLOSE_BLOCK
#undef FLUSH_TEXT
	free(mbuf_take(&text));
}

/* Appends one list item's link (label: URL) of the documentation section to m. */
static void ms_link_item(FILE *m, unsigned *n, const char *item)
{
	const char *h = item;
	size_t ul = 0;
	while ((h = strstr(h, "http")) && !(ul = bare_url(h, strlen(h))))
		h += 4;
	if (!h || !ul)
		return;
	const char *le = h;
	while (le > item && strchr(" \t\n:", le[-1]))
		le--;
	if (!(*n)++)
		fputs("<div class=\"mslinks\"><strong>Microsoft documentation</strong><ul>\n", m);
	fputs("<li><a href=\"", m);
	esc_n(m, h, ul);
	fputs("\">", m);
	if (le > item)
		md_inline(m, item, (size_t)(le - item));
	else
		esc_n(m, h, ul);
	fputs("</a></li>\n", m);
}

/*
 * The links of the rule document's "Microsoft documentation" section (a
 * list of "label: URL" items), as an HTML box; NULL when it has none. Heap;
 * the caller frees it.
 */
static char *ms_links(const char *md)
{
	const char *sec = md ? strstr(md, "\n## Microsoft") : NULL;
	if (!sec || !(sec = strchr(sec + 1, '\n')))
		return NULL;
	struct mbuf m, item;
	mbuf_open(&m);
	mbuf_open(&item);
	unsigned n = 0;
	bool in_item = false;
	for (const char *p = sec + 1; *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *line = xfmt("%.*s", (int)len, p);
		p = eol ? eol + 1 : p + len;
		bool ordered, heading = !strncmp(line, "## ", 3);
		size_t mark = heading ? 0 : list_marker(line, &ordered);
		if ((mark || heading || !*line) && in_item) {
			fflush(item.f);
			ms_link_item(m.f, &n, item.p);
			rewind(item.f);
			in_item = false;
		}
		if (heading) {
			free(line);
			break;
		}
		if (mark || (in_item && *line)) {
			const char *t = line + mark;
			while (*t == ' ' || *t == '\t')
				t++;
			fprintf(item.f, "%s%s", in_item ? " " : "", t);
			fputc('\0', item.f);
			fseeko(item.f, -1, SEEK_CUR);
			in_item = true;
		}
		free(line);
	}
	if (in_item) {
		fflush(item.f);
		ms_link_item(m.f, &n, item.p);
	}
	free(mbuf_take(&item));
	if (n)
		fputs("</ul></div>\n", m.f);
	char *s = mbuf_take(&m);
	if (!n) {
		free(s);
		return NULL;
	}
	return s;
}

/* ---- source files ----------------------------------------------------------- */

/* A top-level brace block: lines are 1-based. */
struct block {
	unsigned header, open, close;
};

struct srcfile {
	char *path;  /* as resolved */
	char *error; /* why it could not be read, or NULL */
	char *text;
	char **lines;
	unsigned nlines;
	bool *in_comment; /* per line: starts inside a block comment */
	struct block *blocks;
	unsigned nblocks;
};

static void scan_blocks(struct srcfile *sf)
{
	enum { CODE, LINE_COMMENT, BLOCK_COMMENT, STR, CHR, PREPROC } st = CODE;
	unsigned depth = 0, line = 1, last_term = 0, cap = 0;
	bool line_start = true; /* only blanks so far on this line */
	sf->in_comment = xcalloc(sf->nlines + 2, sizeof(bool));
	for (unsigned l = 0; l < sf->nlines; l++) {
		const char *s = sf->lines[l];
		sf->in_comment[l] = st == BLOCK_COMMENT;
		line = l + 1;
		line_start = true;
		if (st == LINE_COMMENT || st == STR || st == CHR)
			st = CODE; /* a line continuation we do not follow */
		size_t len = strlen(s);
		for (size_t i = 0; i < len; i++) {
			char c = s[i];
			switch (st) {
			case BLOCK_COMMENT:
				if (c == '*' && s[i + 1] == '/') {
					st = CODE;
					i++;
				}
				continue;
			case LINE_COMMENT:
				continue;
			case STR:
			case CHR:
				if (c == '\\')
					i++;
				else if (c == (st == STR ? '"' : '\''))
					st = CODE;
				continue;
			case PREPROC:
				if (c == '/' && s[i + 1] == '*') {
					st = BLOCK_COMMENT;
					i++;
				}
				continue;
			case CODE:
				break;
			}
			if (c == ' ' || c == '\t')
				continue;
			if (c == '#' && line_start) {
				st = PREPROC;
				if (!depth)
					last_term = line;
				continue;
			}
			line_start = false;
			if (c == '/' && s[i + 1] == '/') {
				st = LINE_COMMENT;
			} else if (c == '/' && s[i + 1] == '*') {
				st = BLOCK_COMMENT;
				i++;
			} else if (c == '"') {
				st = STR;
			} else if (c == '\'') {
				st = CHR;
			} else if (c == '{') {
				if (depth++ == 0) {
					if (sf->nblocks == cap) {
						cap = cap ? cap * 2 : 16;
						sf->blocks = xrealloc(sf->blocks,
								      cap * sizeof(*sf->blocks));
					}
					unsigned h = last_term + 1;
					while (h < line && !*sf->lines[h - 1])
						h++;
					if (line - h > MAX_HEADER_LINES)
						h = line - MAX_HEADER_LINES;
					sf->blocks[sf->nblocks++] = (struct block){ h, line, 0 };
				}
			} else if (c == '}') {
				if (depth && --depth == 0) {
					sf->blocks[sf->nblocks - 1].close = line;
					last_term = line;
				}
			} else if (c == ';' && !depth) {
				last_term = line;
			}
		}
		/* a preprocessor line ends at its end unless continued */
		if (st == PREPROC && !(len && s[len - 1] == '\\'))
			st = CODE;
		if (st == LINE_COMMENT && !(len && s[len - 1] == '\\'))
			st = CODE;
	}
	if (sf->nblocks && !sf->blocks[sf->nblocks - 1].close)
		sf->blocks[sf->nblocks - 1].close = sf->nlines;
}

static struct srcfile *load_source(const char *path)
{
	struct srcfile *sf = xcalloc(1, sizeof(*sf));
	sf->path = xstrdup(path);
	FILE *f = fopen(path, "rb");
	if (!f) {
		sf->error = xstrdup(strerror(errno));
		return sf;
	}
	struct mbuf m;
	mbuf_open(&m);
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, got, m.f);
	bool bad = ferror(f);
	fclose(f);
	sf->text = mbuf_take(&m);
	size_t n = m.n;
	if (bad) {
		sf->error = xstrdup("read error");
		return sf;
	}
	unsigned cap = 64;
	sf->lines = xmalloc(cap * sizeof(char *));
	char *s = sf->text;
	size_t i = 0;
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n) {
		char *start = s + i;
		char *nl = memchr(start, '\n', n - i);
		size_t l = nl ? (size_t)(nl - start) : n - i;
		i += l + (nl ? 1 : 0);
		if (l && start[l - 1] == '\r')
			l--;
		start[l] = '\0';
		/* a NUL inside the line ends it early; that is fine for display */
		if (sf->nlines == cap) {
			cap *= 2;
			sf->lines = xrealloc(sf->lines, cap * sizeof(char *));
		}
		sf->lines[sf->nlines++] = start;
	}
	scan_blocks(sf);
	return sf;
}

static void srcfile_free(struct srcfile *sf)
{
	free(sf->path);
	free(sf->error);
	free(sf->text);
	free(sf->lines);
	free(sf->in_comment);
	free(sf->blocks);
	free(sf);
}

static const char *const c_keywords[] = {
	"_Bool",    "__except", "__finally", "__leave",  "__try",   "auto",  "bool",     "break",
	"case",     "char",     "const",     "continue", "default", "do",    "double",   "else",
	"enum",     "extern",   "false",     "float",    "for",     "goto",  "if",       "inline",
	"int",      "long",     "register",  "restrict", "return",  "short", "signed",   "sizeof",
	"static",   "struct",   "switch",    "true",     "typedef", "union", "unsigned", "void",
	"volatile", "while",    NULL
};

static bool is_keyword(const char *s, size_t n)
{
	for (unsigned i = 0; c_keywords[i]; i++)
		if (strlen(c_keywords[i]) == n && !memcmp(c_keywords[i], s, n))
			return true;
	return false;
}

/* One line of source, escaped and highlighted. */
static void write_code_line(FILE *out, const char *s, bool in_comment)
{
	size_t i = 0, n = strlen(s);
	if (in_comment) {
		const char *end = strstr(s, "*/");
		size_t l = end ? (size_t)(end - s) + 2 : n;
		fputs("<span class=\"c\">", out);
		esc_n(out, s, l);
		fputs("</span>", out);
		i = l;
	}
	size_t lead = i;
	while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	if (i == 0 && lead < n && s[lead] == '#') {
		size_t e = lead + 1;
		while (e < n && (s[e] == ' ' || isalpha((unsigned char)s[e])))
			e++;
		esc_n(out, s, lead);
		fputs("<span class=\"p\">", out);
		esc_n(out, s + lead, e - lead);
		fputs("</span>", out);
		i = e;
	}
	while (i < n) {
		char c = s[i];
		if (c == '/' && s[i + 1] == '/') {
			fputs("<span class=\"c\">", out);
			esc_n(out, s + i, n - i);
			fputs("</span>", out);
			return;
		}
		if (c == '/' && s[i + 1] == '*') {
			const char *end = strstr(s + i + 2, "*/");
			size_t l = end ? (size_t)(end - s - i) + 2 : n - i;
			fputs("<span class=\"c\">", out);
			esc_n(out, s + i, l);
			fputs("</span>", out);
			i += l;
			continue;
		}
		if (c == '"' || c == '\'') {
			size_t j = i + 1;
			while (j < n && s[j] != c) {
				if (s[j] == '\\' && j + 1 < n)
					j++;
				j++;
			}
			if (j < n)
				j++;
			fputs("<span class=\"s\">", out);
			esc_n(out, s + i, j - i);
			fputs("</span>", out);
			i = j;
			continue;
		}
		if (isalpha((unsigned char)c) || c == '_') {
			size_t j = i;
			while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_'))
				j++;
			if (is_keyword(s + i, j - i)) {
				fputs("<span class=\"k\">", out);
				esc_n(out, s + i, j - i);
				fputs("</span>", out);
			} else {
				esc_n(out, s + i, j - i);
			}
			i = j;
			continue;
		}
		esc_n(out, s + i, 1);
		i++;
	}
}

/* The display column (tabs to 8) before byte column col (1-based) of s. */
static unsigned visual_col(const char *s, unsigned col)
{
	unsigned v = 0;
	for (unsigned i = 0; s && s[i] && i + 1 < col; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\t')
			v = (v / 8 + 1) * 8;
		else if ((c & 0xC0) != 0x80)
			v++;
	}
	return v;
}

/* ---- the report's data ---------------------------------------------------- */

struct rstep {
	const char *file;
	unsigned line, col;
	const char *msg;
};

struct rfinding {
	unsigned n;
	const char *fingerprint;
	int fingerprint_version;
	const char *rule, *severity, *file;
	unsigned line, col;
	const char *function, *message, *state, *note;
	const char *steps_json, *related_json;
	bool isnew;
};

struct report {
	/* options */
	const char *out_dir;
	const char *db_path;
	const char *root; /* where relative paths of the run are resolved */
	/* data */
	struct store *db;
	struct arena a;
	struct store_run run;
	int64_t baseline_run; /* 0: none */
	struct rfinding *v;
	unsigned n, cap;
	char **base_fps; /* sorted */
	unsigned nbase, capbase;
	struct ptrvec failed_path, failed_reason; /* arena strings */
	bool have_run_files;
	struct srcfile **files;
	unsigned nfiles, capfiles;
};

static const char *adup(struct report *r, const char *s)
{
	return s ? arena_strdup(&r->a, s) : NULL;
}

static int collect_finding(void *ctx, const struct store_finding *f)
{
	struct report *r = ctx;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	struct rfinding *d = &r->v[r->n++];
	*d = (struct rfinding){
		.n = r->n,
		.fingerprint = adup(r, f->fingerprint),
		.fingerprint_version = f->fingerprint_version,
		.rule = adup(r, f->rule),
		.severity = adup(r, f->severity),
		.file = adup(r, f->file),
		.line = f->line,
		.col = f->col,
		.function = adup(r, f->function ? f->function : ""),
		.message = adup(r, f->message),
		.state = adup(r, f->state ? f->state : "open"),
		.note = adup(r, f->note),
		.steps_json = adup(r, f->steps),
		.related_json = adup(r, f->related),
	};
	return 0;
}

static int collect_base(void *ctx, const struct store_finding *f)
{
	struct report *r = ctx;
	if (r->nbase == r->capbase) {
		r->capbase = r->capbase ? r->capbase * 2 : 256;
		r->base_fps = xrealloc(r->base_fps, r->capbase * sizeof(char *));
	}
	r->base_fps[r->nbase++] = arena_strdup(&r->a, f->fingerprint);
	return 0;
}

static int collect_run_file(void *ctx, const char *path, const char *status, const char *reason)
{
	struct report *r = ctx;
	r->have_run_files = true;
	if (strcmp(status, "failed") != 0)
		return 0;
	ptrvec_push(&r->failed_path, arena_strdup(&r->a, path));
	ptrvec_push(&r->failed_reason, reason ? arena_strdup(&r->a, reason) : NULL);
	return 0;
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct prev_ctx {
	int64_t before, found;
};

static int find_prev(void *ctx, const struct store_run *run)
{
	struct prev_ctx *p = ctx;
	if (run->complete && run->id < p->before && run->id > p->found)
		p->found = run->id;
	return 0;
}

/* A run named by an id or a --revision label; 0 when there is none. */
/* The file a stored path names on disk. Heap. */
static char *resolve_path(const struct report *r, const char *file)
{
	if (file[0] == '/')
		return xstrdup(file);
	char *p = xfmt("%s/%s", r->root, file);
	if (access(p, R_OK) != 0 && access(file, R_OK) == 0) {
		free(p);
		char cwd[4096];
		if (getcwd(cwd, sizeof(cwd)))
			return xfmt("%s/%s", cwd, file);
		return xstrdup(file);
	}
	return p;
}

/* The source file a stored path names, loaded once. */
static struct srcfile *source_for(struct report *r, const char *file)
{
	char *path = resolve_path(r, file);
	for (unsigned i = r->nfiles; i-- > 0;)
		if (!strcmp(r->files[i]->path, path)) {
			free(path);
			return r->files[i];
		}
	if (r->nfiles == r->capfiles) {
		r->capfiles = r->capfiles ? r->capfiles * 2 : 16;
		r->files = xrealloc(r->files, r->capfiles * sizeof(*r->files));
	}
	struct srcfile *sf = load_source(path);
	free(path);
	r->files[r->nfiles++] = sf;
	return sf;
}

/* ---- the finding page ------------------------------------------------------- */

/* A location drawn on the page: a path step (no >= 1) or the related location (no 0). */
struct mark {
	const char *file;
	unsigned line, col;
	const char *msg;
	unsigned no;
	bool last;
};

static void read_loc(const struct json_value *o, struct mark *m)
{
	const struct json_value *l = json_get(o, "line"), *c = json_get(o, "col");
	m->file = json_string(json_get(o, "file"));
	m->line = l && l->type == JSON_NUMBER && l->number > 0 ? (unsigned)l->number : 0;
	m->col = c && c->type == JSON_NUMBER && c->number > 0 ? (unsigned)c->number : 0;
	m->msg = json_string(json_get(o, "msg"));
	if (!m->msg)
		m->msg = json_string(json_get(o, "message"));
	if (!m->msg)
		m->msg = "";
}

struct range {
	unsigned from, to;
};

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;
	return x->from < y->from ? -1 : x->from > y->from;
}

/* The lines shown around line: its top-level block, or some context. */
static struct range range_for(const struct srcfile *sf, unsigned line)
{
	for (unsigned i = 0; i < sf->nblocks; i++) {
		const struct block *b = &sf->blocks[i];
		if (line >= b->header && line <= b->close &&
		    b->close - b->header <= MAX_BLOCK_LINES)
			return (struct range){ b->header, b->close };
	}
	unsigned from = line > CONTEXT_LINES ? line - CONTEXT_LINES : 1;
	unsigned to = line + CONTEXT_LINES;
	return (struct range){ from, to > sf->nlines ? sf->nlines : to };
}

static void write_bubble(FILE *out, const struct srcfile *sf, const struct mark *m)
{
	const char *text = m->line <= sf->nlines ? sf->lines[m->line - 1] : "";
	unsigned v = visual_col(text, m->col);
	fprintf(out, "<div class=\"ind\" style=\"padding-left:%uch\">", v > 80 ? 80 : v);
	if (m->no)
		fprintf(out,
			"<div class=\"bubble%s\" id=\"step-%u\" data-step=\"%u\"><span "
			"class=\"no\">%u</span>",
			m->last ? " last" : "", m->no, m->no, m->no);
	else
		fputs("<div class=\"bubble rel\" id=\"related\"><span class=\"no\">R</span>", out);
	report_html_escape(out, m->msg);
	fputs("</div></div>", out);
}

/* One file's section of the page: its ranges of lines with the marks drawn. */
static void write_file_section(FILE *out, struct report *r, const char *file,
			       const struct mark *marks, unsigned nmarks, unsigned primary_line,
			       bool primary)
{
	struct srcfile *sf = source_for(r, file);
	fputs("<div class=\"src\"><h3>", out);
	report_html_escape(out, file);
	fputs("</h3>\n", out);
	if (sf->error) {
		fputs("<p class=\"missing\">The source file is not available (", out);
		report_html_escape(out, sf->path);
		fputs(": ", out);
		report_html_escape(out, sf->error);
		fputs("): the path is listed above.</p></div>\n", out);
		return;
	}
	struct range *rg = xmalloc((nmarks + 1) * sizeof(*rg));
	unsigned nr = 0;
	if (primary && primary_line >= 1 && primary_line <= sf->nlines)
		rg[nr++] = range_for(sf, primary_line);
	for (unsigned i = 0; i < nmarks; i++)
		if (marks[i].line >= 1 && marks[i].line <= sf->nlines)
			rg[nr++] = range_for(sf, marks[i].line);
	if (!nr) {
		fputs("<p class=\"missing\">The lines of this finding are not in the file on disk: "
		      "it "
		      "changed since the scan.</p></div>\n",
		      out);
		free(rg);
		return;
	}
	qsort(rg, nr, sizeof(*rg), cmp_range);
	unsigned m = 0;
	for (unsigned i = 1; i < nr; i++) {
		if (rg[i].from <= rg[m].to + 3) {
			if (rg[i].to > rg[m].to)
				rg[m].to = rg[i].to;
		} else {
			rg[++m] = rg[i];
		}
	}
	nr = m + 1;
	fputs("<table>\n", out);
	for (unsigned i = 0; i < nr; i++) {
		if (i || rg[i].from > 1)
			fprintf(out,
				"<tr class=\"gap\"><td class=\"ln\"></td><td>&#8942;</td></tr>\n");
		for (unsigned l = rg[i].from; l <= rg[i].to; l++) {
			bool hl = primary && l == primary_line;
			fprintf(out,
				"<tr id=\"%sL%u\"%s><td class=\"ln\">%u</td><td class=\"code\">",
				primary ? "" : "f", l, hl ? " class=\"mark\"" : "", l);
			write_code_line(out, sf->lines[l - 1], sf->in_comment[l - 1]);
			fputs("</td></tr>\n", out);
			bool any = false;
			for (unsigned k = 0; k < nmarks; k++) {
				if (marks[k].line != l)
					continue;
				if (!any)
					fputs("<tr class=\"bubbles\"><td class=\"ln\"></td><td>",
					      out);
				any = true;
				write_bubble(out, sf, &marks[k]);
			}
			if (any)
				fputs("</td></tr>\n", out);
		}
	}
	if (rg[nr - 1].to < sf->nlines)
		fprintf(out, "<tr class=\"gap\"><td class=\"ln\"></td><td>&#8942;</td></tr>\n");
	fputs("</table></div>\n", out);
	free(rg);
}

static void write_loc_text(FILE *out, const char *file, unsigned line, unsigned col)
{
	report_html_escape(out, file);
	fprintf(out, ":%u:%u", line, col);
}

static int write_finding_page(struct report *r, const struct rfinding *f, const char *dir,
			      char **err)
{
	/* the marks: steps in order, then the related location */
	struct json_value *steps = NULL, *rel = NULL;
	if (f->steps_json)
		steps = json_parse(f->steps_json, strlen(f->steps_json), NULL);
	if (f->related_json)
		rel = json_parse(f->related_json, strlen(f->related_json), NULL);
	unsigned nsteps = steps && steps->type == JSON_ARRAY ? (unsigned)steps->n : 0;
	struct mark *marks = xcalloc(nsteps + 2, sizeof(*marks));
	unsigned nm = 0;
	for (unsigned i = 0; i < nsteps; i++) {
		read_loc(steps->items[i], &marks[nm]);
		if (!marks[nm].file)
			marks[nm].file = f->file;
		marks[nm].no = nm + 1;
		marks[nm].last = i + 1 == nsteps;
		nm++;
	}
	if (rel && rel->type == JSON_OBJECT) {
		read_loc(rel, &marks[nm]);
		if (marks[nm].file)
			nm++;
	}

	/* the path as a list */
	struct mbuf sb;
	mbuf_open(&sb);
	if (nsteps) {
		fputs("<ol class=\"steps\">\n", sb.f);
		for (unsigned i = 0; i < nsteps; i++) {
			fprintf(sb.f,
				"<li id=\"path-%u\"><a href=\"#step-%u\" data-goto-step=\"%u\">",
				i + 1, i + 1, i + 1);
			write_loc_text(sb.f, marks[i].file, marks[i].line, marks[i].col);
			fputs("</a>: ", sb.f);
			report_html_escape(sb.f, marks[i].msg);
			fputs("</li>\n", sb.f);
		}
		fputs("</ol>\n", sb.f);
	} else {
		fputs("<p>This finding has no path steps.</p>\n", sb.f);
	}
	char *steps_html = mbuf_take(&sb);

	/* the source: the finding's file first, then the others in order of appearance */
	struct mbuf src;
	mbuf_open(&src);
	const char **seen = xcalloc(nm + 2, sizeof(char *));
	unsigned nseen = 0;
	seen[nseen++] = f->file;
	for (unsigned i = 0; i < nm; i++) {
		unsigned j;
		for (j = 0; j < nseen; j++)
			if (!strcmp(seen[j], marks[i].file))
				break;
		if (j == nseen)
			seen[nseen++] = marks[i].file;
	}
	struct mark *sub = xcalloc(nm + 1, sizeof(*sub));
	for (unsigned j = 0; j < nseen; j++) {
		unsigned ns = 0;
		for (unsigned i = 0; i < nm; i++)
			if (!strcmp(marks[i].file, seen[j]))
				sub[ns++] = marks[i];
		write_file_section(src.f, r, seen[j], sub, ns, f->line, j == 0);
	}
	free(sub);
	free(seen);
	char *source_html = mbuf_take(&src);

	/* facts */
	char *related_html = NULL;
	if (rel && nm && marks[nm - 1].no == 0) {
		struct mbuf m;
		mbuf_open(&m);
		fputs("<dt>Related</dt><dd><a href=\"#related\"><code>", m.f);
		write_loc_text(m.f, marks[nm - 1].file, marks[nm - 1].line, marks[nm - 1].col);
		fputs("</code></a> ", m.f);
		report_html_escape(m.f, marks[nm - 1].msg);
		fputs("</dd>", m.f);
		related_html = mbuf_take(&m);
	}
	char *note_html = NULL;
	if (f->note && *f->note) {
		struct mbuf m;
		mbuf_open(&m);
		fputs(" &ndash; ", m.f);
		report_html_escape(m.f, f->note);
		note_html = mbuf_take(&m);
	}
	char *isnew_html = NULL;
	if (r->baseline_run)
		isnew_html = f->isnew ? xfmt(" <span class=\"new\">new since run %lld</span>",
					     (long long)r->baseline_run)
				      : xfmt(" (also in run %lld)", (long long)r->baseline_run);

	/* the rule's documentation */
	const char *doc = rule_doc(f->rule);
	struct mbuf dm;
	mbuf_open(&dm);
	if (doc) {
		report_markdown(dm.f, doc, 1);
	} else {
		fputs("<h2>", dm.f);
		report_html_escape(dm.f, f->rule);
		fputs("</h2><p>This version of fltcheck has no documentation for this rule.</p>\n",
		      dm.f);
	}
	char *doc_html = mbuf_take(&dm);
	char *links_html = ms_links(doc);

	char *prev = f->n > 1 ? xfmt("%u.html", f->n - 1) : xstrdup("");
	char *next = f->n < r->n ? xfmt("%u.html", f->n + 1) : xstrdup("");
	char *prev_link = f->n > 1 ? xfmt("<a href=\"%s\" id=\"prev\">&larr; previous</a>", prev)
				   : xstrdup("<span>&larr; previous</span>");
	char *next_link = f->n < r->n ? xfmt("<a href=\"%s\" id=\"next\">next &rarr;</a>", next)
				      : xstrdup("<span>next &rarr;</span>");
	char nbuf[16], tbuf[16], lbuf[16], cbuf[16], vbuf[16];
	snprintf(nbuf, sizeof(nbuf), "%u", f->n);
	snprintf(tbuf, sizeof(tbuf), "%u", r->n);
	snprintf(lbuf, sizeof(lbuf), "%u", f->line);
	snprintf(cbuf, sizeof(cbuf), "%u", f->col);
	snprintf(vbuf, sizeof(vbuf), "%d", f->fingerprint_version);
	char *e_rule = html_dup(f->rule), *e_file = html_dup(f->file),
	     *e_sev = html_dup(f->severity), *e_msg = html_dup(f->message),
	     *e_fn = html_dup(f->function), *e_fp = html_dup(f->fingerprint),
	     *e_state = html_dup(f->state);
	const struct tpl_var vars[] = {
		{ "n", nbuf },
		{ "total", tbuf },
		{ "prev", prev },
		{ "next", next },
		{ "prev_link", prev_link },
		{ "next_link", next_link },
		{ "rule", e_rule },
		{ "severity", e_sev },
		{ "message", e_msg },
		{ "file", e_file },
		{ "line", lbuf },
		{ "col", cbuf },
		{ "function", e_fn },
		{ "related", related_html },
		{ "fingerprint", e_fp },
		{ "fingerprint_version", vbuf },
		{ "isnew", isnew_html },
		{ "state", e_state },
		{ "note", note_html },
		{ "mslinks", links_html },
		{ "steps", steps_html },
		{ "source", source_html },
		{ "doc", doc_html },
	};
	char *path = xfmt("%s/findings/%u.html", dir, f->n);
	struct outfile o;
	int rc = outfile_open(&o, path, err);
	if (rc == 0) {
		tpl_write(o.f, template_text("finding.html"), vars, sizeof(vars) / sizeof(vars[0]));
		rc = outfile_close(&o, err);
	}
	free(path);
	free(e_rule), free(e_file), free(e_sev), free(e_msg), free(e_fn), free(e_fp), free(e_state);
	free(prev), free(next), free(prev_link), free(next_link);
	free(doc_html), free(links_html), free(steps_html), free(source_html);
	free(related_html), free(note_html), free(isnew_html);
	free(marks);
	json_free(steps);
	json_free(rel);
	return rc;
}

/* ---- the index ---------------------------------------------------------------- */

struct count {
	const char *key;
	unsigned n, nnew;
};

static void count_add(struct count *c, unsigned *nc, const char *key, bool isnew)
{
	for (unsigned i = 0; i < *nc; i++)
		if (!strcmp(c[i].key, key)) {
			c[i].n++;
			c[i].nnew += isnew;
			return;
		}
	c[*nc] = (struct count){ key, 1, isnew };
	(*nc)++;
}

static int cmp_count(const void *a, const void *b)
{
	const struct count *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->key, y->key);
}

static const char *const severities[] = { "error", "warning", "note", NULL };
static const char *const states[] = { "open", "confirmed", "false-positive", "intentional", NULL };

static void json_kv_str(FILE *f, const char *key, const char *v, bool comma)
{
	if (comma)
		putc(',', f);
	json_write_string(f, key);
	putc(':', f);
	json_write_string(f, v);
}

static void json_kv_num(FILE *f, const char *key, long long v, bool comma)
{
	if (comma)
		putc(',', f);
	json_write_string(f, key);
	fprintf(f, ":%lld", v);
}

static void json_counts(FILE *f, const char *key, const struct count *c, unsigned nc)
{
	putc(',', f);
	json_write_string(f, key);
	fputs(":{", f);
	for (unsigned i = 0; i < nc; i++) {
		if (i)
			putc(',', f);
		json_write_string(f, c[i].key);
		fprintf(f, ":%u", c[i].n);
	}
	putc('}', f);
}

static int write_index(struct report *r, const char *dir, char **err)
{
	unsigned nr = 0, ns = 0, nt = 0, nnew = 0;
	struct count *by_rule = xcalloc(r->n + 1, sizeof(*by_rule));
	struct count by_sev[8], by_state[8];
	for (unsigned i = 0; severities[i]; i++)
		by_sev[ns++] = (struct count){ severities[i], 0, 0 };
	for (unsigned i = 0; states[i]; i++)
		by_state[nt++] = (struct count){ states[i], 0, 0 };
	for (unsigned i = 0; i < r->n; i++) {
		const struct rfinding *f = &r->v[i];
		count_add(by_rule, &nr, f->rule, f->isnew);
		if (ns < 8)
			count_add(by_sev, &ns, f->severity, f->isnew);
		if (nt < 8)
			count_add(by_state, &nt, f->state, f->isnew);
		nnew += f->isnew;
	}
	qsort(by_rule, nr, sizeof(*by_rule), cmp_count);

	/* the data blob */
	struct mbuf jb;
	mbuf_open(&jb);
	FILE *j = jb.f;
	fputs("{\"summary\":{", j);
	json_kv_num(j, "run", r->run.id, false);
	json_kv_str(j, "revision", r->run.revision, true);
	json_kv_str(j, "started_at", r->run.started_at, true);
	json_kv_str(j, "finished_at", r->run.finished_at, true);
	json_kv_str(j, "tool_version", r->run.tool_version, true);
	json_kv_str(j, "source_root", r->run.source_root, true);
	json_kv_num(j, "files_analyzed", r->run.files_analyzed, true);
	json_kv_num(j, "files_failed", r->run.files_failed, true);
	json_kv_num(j, "total", r->n, true);
	fputs(",\"baseline_run\":", j);
	if (r->baseline_run)
		fprintf(j, "%lld,\"new\":%u", (long long)r->baseline_run, nnew);
	else
		fputs("null,\"new\":null", j);
	json_counts(j, "by_rule", by_rule, nr);
	json_counts(j, "by_severity", by_sev, ns);
	json_counts(j, "by_state", by_state, nt);
	fputs(",\"failed_files\":[", j);
	for (unsigned i = 0; i < r->failed_path.n; i++) {
		fputs(i ? ",{" : "{", j);
		json_kv_str(j, "file", r->failed_path.v[i], false);
		json_kv_str(j, "reason", r->failed_reason.v[i], true);
		putc('}', j);
	}
	fputs("]},\"findings\":[", j);
	for (unsigned i = 0; i < r->n; i++) {
		const struct rfinding *f = &r->v[i];
		fputs(i ? ",\n{" : "\n{", j);
		json_kv_num(j, "n", f->n, false);
		json_kv_str(j, "rule", f->rule, true);
		json_kv_str(j, "severity", f->severity, true);
		json_kv_str(j, "file", f->file, true);
		json_kv_num(j, "line", f->line, true);
		json_kv_num(j, "col", f->col, true);
		json_kv_str(j, "function", f->function, true);
		json_kv_str(j, "message", f->message, true);
		json_kv_str(j, "state", f->state, true);
		json_kv_str(j, "fingerprint", f->fingerprint, true);
		fprintf(j, ",\"isnew\":%s}", f->isnew ? "true" : "false");
	}
	fputs("]}", j);
	size_t jlen;
	fflush(j);
	jlen = jb.n;
	char *json = mbuf_take(&jb);
	struct mbuf db;
	mbuf_open(&db);
	write_script_json(db.f, json, jlen);
	free(json);
	char *data_html = mbuf_take(&db);

	/* the summary */
	struct mbuf sm;
	mbuf_open(&sm);
	FILE *s = sm.f;
	fputs("<ul class=\"cards\">\n", s);
	fprintf(s,
		"<li><span class=\"v\" id=\"s-total\">%u</span><span "
		"class=\"k\">findings</span></li>\n",
		r->n);
	if (r->baseline_run)
		fprintf(s,
			"<li%s><span class=\"v\" id=\"s-new\">%u</span><span class=\"k\">new since "
			"run "
			"%lld</span></li>\n",
			nnew ? " class=\"bad\"" : "", nnew, (long long)r->baseline_run);
	else
		fputs("<li><span class=\"v\" id=\"s-new\">&ndash;</span><span class=\"k\">new: no "
		      "earlier run to compare with</span></li>\n",
		      s);
	fprintf(s,
		"<li><span class=\"v\" id=\"s-analyzed\">%u</span><span class=\"k\">files "
		"analyzed</span></li>\n",
		r->run.files_analyzed);
	fprintf(s,
		"<li%s><span class=\"v\" id=\"s-failed\">%u</span><span class=\"k\">files not "
		"analyzed</span></li>\n",
		r->run.files_failed ? " class=\"bad\"" : "", r->run.files_failed);
	fputs("</ul>\n<div class=\"tables\">\n", s);
	fputs("<table class=\"small\" id=\"by-rule\"><thead><tr><th>Rule</th><th>Title</th>"
	      "<th>Severity</th><th>Findings</th><th>New</th></tr></thead><tbody>\n",
	      s);
	for (unsigned i = 0; i < nr; i++) {
		const struct rule *ru = rule_find(by_rule[i].key);
		const char *sev = "";
		for (unsigned k = 0; k < r->n; k++)
			if (!strcmp(r->v[k].rule, by_rule[i].key)) {
				sev = r->v[k].severity;
				break;
			}
		fputs("<tr><td><a href=\"#\" data-filter-rule=\"", s);
		report_html_escape(s, by_rule[i].key);
		fputs("\">", s);
		report_html_escape(s, by_rule[i].key);
		fputs("</a></td><td>", s);
		report_html_escape(s, ru ? ru->title : "");
		fputs("</td><td><span class=\"sev sev-", s);
		report_html_escape(s, sev);
		fputs("\">", s);
		report_html_escape(s, sev);
		fprintf(s, "</span></td><td class=\"num\">%u</td><td class=\"num\">", by_rule[i].n);
		if (r->baseline_run)
			fprintf(s, "%u", by_rule[i].nnew);
		fputs("</td></tr>\n", s);
	}
	if (!nr)
		fputs("<tr><td colspan=\"5\">No findings.</td></tr>\n", s);
	fputs("</tbody></table>\n", s);
	fputs("<table class=\"small\" "
	      "id=\"by-severity\"><thead><tr><th>Severity</th><th>Findings</th>"
	      "</tr></thead><tbody>\n",
	      s);
	for (unsigned i = 0; i < ns; i++) {
		fputs("<tr><td>", s);
		report_html_escape(s, by_sev[i].key);
		fprintf(s, "</td><td class=\"num\">%u</td></tr>\n", by_sev[i].n);
	}
	fputs("</tbody></table>\n", s);
	fputs("<table class=\"small\" id=\"by-state\"><thead><tr><th>Triage</th><th>Findings</th>"
	      "</tr></thead><tbody>\n",
	      s);
	for (unsigned i = 0; i < nt; i++) {
		fputs("<tr><td>", s);
		report_html_escape(s, by_state[i].key);
		fprintf(s, "</td><td class=\"num\">%u</td></tr>\n", by_state[i].n);
	}
	fputs("</tbody></table>\n", s);
	fputs("<table class=\"small\" id=\"run\"><tbody>\n", s);
	fprintf(s, "<tr><th>Run</th><td>%lld</td></tr>\n", (long long)r->run.id);
	if (r->run.revision) {
		fputs("<tr><th>Revision</th><td><code>", s);
		report_html_escape(s, r->run.revision);
		fputs("</code></td></tr>\n", s);
	}
	fputs("<tr><th>Started</th><td>", s);
	report_html_escape(s, r->run.started_at);
	fputs("</td></tr>\n<tr><th>Finished</th><td>", s);
	report_html_escape(s, r->run.finished_at);
	fputs("</td></tr>\n<tr><th>fltcheck</th><td>", s);
	report_html_escape(s, r->run.tool_version);
	fputs("</td></tr>\n<tr><th>Source root</th><td><code>", s);
	report_html_escape(s, r->run.source_root);
	fputs("</code></td></tr>\n<tr><th>Command</th><td><code>", s);
	report_html_escape(s, r->run.arguments);
	fputs("</code></td></tr>\n", s);
	if (r->baseline_run)
		fprintf(s, "<tr><th>Baseline</th><td>run %lld</td></tr>\n",
			(long long)r->baseline_run);
	fputs("</tbody></table>\n</div>\n", s);
	char *summary_html = mbuf_take(&sm);

	/* the files that could not be analyzed */
	char *failed_html = NULL;
	if (r->run.files_failed || r->failed_path.n) {
		struct mbuf fm;
		mbuf_open(&fm);
		unsigned nf = r->run.files_failed > r->failed_path.n ? r->run.files_failed
								     : r->failed_path.n;
		fprintf(fm.f,
			"<section id=\"failed\" class=\"failed\"><h2>%u file%s could not be "
			"analyzed</h2>\n<p>Their code was not checked: no findings from them are "
			"in "
			"this report, which does not mean they are clean.</p>\n",
			nf, nf == 1 ? "" : "s");
		if (r->failed_path.n) {
			fputs("<ul>\n", fm.f);
			for (unsigned i = 0; i < r->failed_path.n; i++) {
				fputs("<li><code>", fm.f);
				report_html_escape(fm.f, r->failed_path.v[i]);
				fputs("</code>", fm.f);
				if (r->failed_reason.v[i]) {
					fputs("<pre>", fm.f);
					report_html_escape(fm.f, r->failed_reason.v[i]);
					fputs("</pre>", fm.f);
				}
				fputs("</li>\n", fm.f);
			}
			fputs("</ul>\n", fm.f);
		} else {
			fputs("<p>This database does not record which files they were.</p>\n",
			      fm.f);
		}
		fputs("</section>\n", fm.f);
		failed_html = mbuf_take(&fm);
	}

	char runbuf[32];
	snprintf(runbuf, sizeof(runbuf), "%lld", (long long)r->run.id);
	char *rev = NULL;
	if (r->run.revision) {
		char *e = html_dup(r->run.revision);
		rev = xfmt(" (revision <code>%s</code>)", e);
		free(e);
	}
	char *e_time = html_dup(r->run.started_at), *e_tv = html_dup(r->run.tool_version),
	     *e_db = html_dup(r->db_path);
	const struct tpl_var vars[] = {
		{ "version", FLTCHECK_VERSION },
		{ "run", runbuf },
		{ "revision", rev },
		{ "time", e_time },
		{ "tool_version", e_tv },
		{ "db", e_db },
		{ "failed_files", failed_html },
		{ "summary", summary_html },
		{ "data", data_html },
	};
	char *path = xfmt("%s/index.html", dir);
	struct outfile o;
	int rc = outfile_open(&o, path, err);
	if (rc == 0) {
		tpl_write(o.f, template_text("index.html"), vars, sizeof(vars) / sizeof(vars[0]));
		rc = outfile_close(&o, err);
	}
	free(path);
	free(rev), free(e_time), free(e_tv), free(e_db);
	free(failed_html), free(summary_html), free(data_html);
	free(by_rule);
	return rc;
}

/* Removes findings/<m>.html pages of an earlier, larger report. */
static void prune_pages(const char *dir, unsigned n)
{
	char *fdir = xfmt("%s/findings", dir);
	DIR *d = opendir(fdir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			char *end;
			unsigned long m = strtoul(e->d_name, &end, 10);
			if (end != e->d_name && isdigit((unsigned char)e->d_name[0]) &&
			    !strcmp(end, ".html") && (m == 0 || m > n)) {
				char *p = xfmt("%s/%s", fdir, e->d_name);
				unlink(p);
				free(p);
			}
		}
		closedir(d);
	}
	free(fdir);
}

/* ---- the command ------------------------------------------------------------- */

static const char usage[] =
	"usage: fltcheck report --html <dir> [--run <id|revision>] [--baseline-run <id|revision>]\n"
	"                       [--db <file>] [--root <dir>]\n"
	"\n"
	"Writes a static HTML report of a stored run into <dir> (created if missing):\n"
	"index.html with the summary and a findings table, findings/<n>.html with each\n"
	"finding's annotated source and path. It needs no network and opens from file://.\n"
	"\n"
	"  --html <dir>             the folder to write\n"
	"  --sarif <file>           write the run as a SARIF 2.1.0 log (findings triaged as\n"
	"                           false positive or intentional are left out)\n"
	"  --run <id|revision>      the run (default: the newest complete run)\n"
	"  --baseline-run <run>     count findings as new against this run (default: the\n"
	"                           complete run before the reported one)\n"
	"  --db <file>              the database (default: <root>/.fltcheck/fltcheck.db)\n"
	"  --root <dir>             the source root: where the database is by default and\n"
	"                           where relative paths of the run are read from (default:\n"
	"                           the run's own source root)\n"
	"\n"
	"exit status: 0 written, 2 usage error, missing database, unknown run or a folder\n"
	"that cannot be written, 4 the database cannot be read.\n";

/*
 * The run as a SARIF log at path (written to a temporary file, then renamed):
 * the run's enabled rules, its findings except those triaged false-positive
 * or intentional, baseline states against the baseline run when there is
 * one, and its files not analyzed.
 */
static int write_sarif(struct report *r, int64_t run_id, const char *path)
{
	struct findings fs = { 0 };
	if (dbcmd_load_findings(r->db, run_id, NULL, NULL, &fs) < 0) {
		fprintf(stderr, "fltcheck: error: %s\n",
			store_errmsg(r->db) ? store_errmsg(r->db) : "cannot read the database");
		findings_free(&fs);
		return EXIT_DATABASE;
	}
	struct findings shown = { 0 }; /* borrows from fs */
	shown.v = xcalloc(fs.n + 1, sizeof(*shown.v));
	const char **state = xcalloc(fs.n + 1, sizeof(*state));
	for (unsigned i = 0; i < fs.n; i++) {
		const struct finding *f = &fs.v[i];
		if (!strcmp(f->triage_state, "false-positive") ||
		    !strcmp(f->triage_state, "intentional"))
			continue;
		const char *fp = f->fingerprint;
		state[shown.n] =
			r->nbase && bsearch(&fp, r->base_fps, r->nbase, sizeof(char *), cmp_strp)
				? "unchanged"
				: "new";
		shown.v[shown.n++] = *f;
	}
	bool enabled[64] = { 0 };
	char *ids = xstrdup(r->run.rule_set ? r->run.rule_set : "");
	bool any = false;
	for (char *t = strtok(ids, ","); t; t = strtok(NULL, ","))
		for (unsigned i = 0; rule_table[i] && i < 64; i++)
			if (!strcmp(rule_table[i]->id, t))
				enabled[i] = any = true;
	free(ids);
	struct not_analyzed *failed = xcalloc(r->failed_path.n + 1, sizeof(*failed));
	for (unsigned i = 0; i < r->failed_path.n; i++) {
		failed[i].path = r->failed_path.v[i];
		failed[i].reason = r->failed_reason.v[i];
	}
	struct sarif_input si = { 0 };
	si.fs = &shown;
	si.baseline_state = r->baseline_run ? state : NULL;
	si.enabled = any ? enabled : NULL;
	si.root = r->root;
	si.failed = failed;
	si.nfailed = r->failed_path.n;
	si.command_line = r->run.arguments;
	char *tmp = xfmt("%s.tmp-%ld", path, (long)getpid());
	FILE *out = fopen(tmp, "w");
	int rc = EXIT_CLEAN;
	if (!out || sarif_write(out, &si) != 0 || fclose(out) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "fltcheck: error: cannot write '%s': %s\n", path, strerror(errno));
		if (out)
			unlink(tmp);
		rc = EXIT_USAGE;
	} else {
		printf("fltcheck: SARIF log of run %lld (%u finding%s) written to %s\n",
		       (long long)run_id, shown.n, shown.n == 1 ? "" : "s", path);
	}
	free(tmp);
	free(failed);
	free(state);
	free(shown.v);
	findings_free(&fs);
	return rc;
}

int report_main(int argc, char **argv)
{
	const char *sarif = NULL;
	const char *html = NULL, *run_spec = NULL, *base_spec = NULL, *db_opt = NULL,
		   *root_opt = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return EXIT_CLEAN;
		} else if (cli_opt(argc, argv, &i, "--html", &v)) {
			html = v;
		} else if (cli_opt(argc, argv, &i, "--sarif", &v)) {
			sarif = v;
		} else if (cli_opt(argc, argv, &i, "--run", &v)) {
			run_spec = v;
		} else if (cli_opt(argc, argv, &i, "--baseline-run", &v)) {
			base_spec = v;
		} else if (cli_opt(argc, argv, &i, "--db", &v)) {
			db_opt = v;
		} else if (cli_opt(argc, argv, &i, "--root", &v)) {
			root_opt = v;
		} else {
			fprintf(stderr,
				"fltcheck: error: report: unknown argument '%s' (see 'fltcheck "
				"report --help')\n",
				a);
			return EXIT_USAGE;
		}
		if (!v || !*v) {
			fprintf(stderr, "fltcheck: error: report: %s needs a value\n", a);
			return EXIT_USAGE;
		}
	}
	if (!html && !sarif) {
		fprintf(stderr,
			"fltcheck: error: report: --html <dir> or --sarif <file> is required "
			"(see 'fltcheck report --help')\n");
		return EXIT_USAGE;
	}

	int rc = EXIT_CLEAN;
	char *err = NULL;
	struct report r = { 0 };
	arena_init(&r.a);
	char *root = project_root(root_opt);
	if (!root) {
		fprintf(stderr, "fltcheck: error: cannot use '%s' as the source root: %s\n",
			root_opt, strerror(errno ? errno : ENOENT));
		arena_release(&r.a);
		return EXIT_USAGE;
	}
	char *db_path = project_db_path(db_opt, root);
	r.db_path = db_path;
	r.out_dir = html;
	struct stat st;
	/* store_open would create a missing database: a report of nothing is a mistake */
	if (stat(db_path, &st) != 0) {
		fprintf(stderr, "fltcheck: error: cannot open database '%s': %s\n", db_path,
			strerror(errno));
		rc = EXIT_USAGE;
		goto out;
	}
	if (store_open(db_path, &r.db, &err) != STORE_OK) {
		fprintf(stderr, "fltcheck: error: %s\n", err ? err : "cannot open database");
		rc = EXIT_DATABASE;
		goto out;
	}
	int64_t run_id = 0;
	if (run_spec) {
		if (!(run_id = dbcmd_find_run(r.db, run_spec))) {
			fprintf(stderr,
				"fltcheck: error: --run '%s': no such run in '%s' (see 'fltcheck "
				"runs')\n",
				run_spec, db_path);
			rc = EXIT_USAGE;
			goto out;
		}
	} else if (store_latest_run(r.db, &run_id) != STORE_OK) {
		if (store_errmsg(r.db)) {
			fprintf(stderr, "fltcheck: error: %s\n", store_errmsg(r.db));
			rc = EXIT_DATABASE;
		} else {
			fprintf(stderr,
				"fltcheck: error: no complete run in '%s': scan with --db first\n",
				db_path);
			rc = EXIT_USAGE;
		}
		goto out;
	}
	if (store_get_run(r.db, run_id, &r.a, &r.run) != STORE_OK) {
		fprintf(stderr, "fltcheck: error: %s\n",
			store_errmsg(r.db) ? store_errmsg(r.db) : "cannot read the run");
		rc = EXIT_DATABASE;
		goto out;
	}
	if (base_spec) {
		if (!(r.baseline_run = dbcmd_find_run(r.db, base_spec))) {
			fprintf(stderr,
				"fltcheck: error: --baseline-run '%s': no such run in '%s'\n",
				base_spec, db_path);
			rc = EXIT_USAGE;
			goto out;
		}
	} else {
		struct prev_ctx pc = { run_id, 0 };
		store_list_runs(r.db, find_prev, &pc);
		r.baseline_run = pc.found;
	}
	if (root_opt)
		r.root = root;
	else
		r.root = r.run.source_root && *r.run.source_root ? r.run.source_root : root;

	if (store_get_findings(r.db, run_id, NULL, NULL, collect_finding, &r) < 0 ||
	    (r.baseline_run &&
	     store_get_findings(r.db, r.baseline_run, NULL, NULL, collect_base, &r) < 0) ||
	    store_get_run_files(r.db, run_id, collect_run_file, &r) < 0) {
		fprintf(stderr, "fltcheck: error: %s\n",
			store_errmsg(r.db) ? store_errmsg(r.db) : "cannot read the database");
		rc = EXIT_DATABASE;
		goto out;
	}
	if (r.nbase > 1)
		qsort(r.base_fps, r.nbase, sizeof(char *), cmp_strp);
	for (unsigned i = 0; i < r.n; i++)
		r.v[i].isnew = r.baseline_run && !bsearch(&r.v[i].fingerprint, r.base_fps, r.nbase,
							  sizeof(char *), cmp_strp);

	if (sarif) {
		rc = write_sarif(&r, run_id, sarif);
		if (rc != EXIT_CLEAN)
			goto out;
	}
	if (html) {
		char *fdir = xfmt("%s/findings", html);
		bool ok = make_dirs(fdir, &err) == 0 &&
			  write_static(html, "style.css", &err) == 0 &&
			  write_static(html, "report.js", &err) == 0;
		free(fdir);
		for (unsigned i = 0; ok && i < r.n; i++)
			ok = write_finding_page(&r, &r.v[i], html, &err) == 0;
		if (ok) {
			prune_pages(html, r.n);
			ok = write_index(&r, html, &err) == 0;
		}
		if (!ok) {
			fprintf(stderr, "fltcheck: error: %s\n", err);
			rc = EXIT_USAGE;
			goto out;
		}
		printf("fltcheck: report of run %lld (%u finding%s) written to %s/index.html\n",
		       (long long)run_id, r.n, r.n == 1 ? "" : "s", html);
	}

out:
	free(err);
	for (unsigned i = 0; i < r.nfiles; i++)
		srcfile_free(r.files[i]);
	free(r.files);
	free(r.v);
	free(r.base_fps);
	ptrvec_free(&r.failed_path);
	ptrvec_free(&r.failed_reason);
	store_close(r.db);
	arena_release(&r.a);
	free(db_path);
	free(root);
	return rc;
}
