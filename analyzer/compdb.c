/*
 * The compilation database reader: see compdb.h for what it accepts and
 * what it produces. The work for one entry runs in four steps: validate the
 * JSON object, split "command" (or copy "arguments") into tokens, expand
 * @response files among them, and translate the tokens into the short
 * clang-spelled list the frontend wants. Paths go through one function,
 * path_resolve, so that every path gets the same normalization and the
 * same --path-map treatment. All results live on the heap and belong to the
 * struct compdb.
 */
#include "compdb.h"

#include "arena.h"
#include "json.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A growable string. */
struct sbuf {
	char *p;
	size_t n, cap;
};

static void sb_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->cap - b->n < n + 1) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap - b->n < n + 1)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void sb_addc(struct sbuf *b, char c)
{
	sb_addn(b, &c, 1);
}

static void sb_adds(struct sbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

/* The buffer's string, which the caller frees; the buffer is emptied. */
static char *sb_take(struct sbuf *b)
{
	char *p;

	sb_addn(b, "", 0);
	p = b->p;
	memset(b, 0, sizeof(*b));
	return p;
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool ascii_eq_nocase(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_lower(a[i]) != ascii_lower(b[i]))
			return false;
	return true;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- paths ---------------------------------------------------------------- */

static bool is_drive(const char *s)
{
	char c = ascii_lower(s[0]);
	return c >= 'a' && c <= 'z' && s[1] == ':';
}

static bool path_is_abs(const char *s)
{
	return s[0] == '/' || is_drive(s);
}

static void slashify(char *s)
{
	for (; *s; s++)
		if (*s == '\\')
			*s = '/';
}

/*
 * s ('/'-separated) without empty and "." components and with ".." applied
 * lexically; no trailing slash except on a root. Keeps a root of "/", "//"
 * (UNC), "X:/" or "X:". Returns a new string.
 */
static char *path_collapse(const char *s)
{
	size_t len = strlen(s), plen = 0, ncomp = 0, i;
	size_t *start, *clen;
	struct sbuf out = { 0 };
	bool rooted;

	if (is_drive(s))
		plen = s[2] == '/' ? 3 : 2;
	else if (s[0] == '/' && s[1] == '/' && s[2] != '/')
		plen = 2;
	else if (s[0] == '/')
		plen = 1;
	rooted = plen > 0 && s[plen - 1] == '/';
	start = xmalloc((len / 2 + 2) * sizeof(*start));
	clen = xmalloc((len / 2 + 2) * sizeof(*clen));
	i = plen;
	while (i < len) {
		size_t b = i, n;
		while (i < len && s[i] != '/')
			i++;
		n = i - b;
		if (i < len)
			i++;
		if (n == 0 || (n == 1 && s[b] == '.'))
			continue;
		if (n == 2 && s[b] == '.' && s[b + 1] == '.') {
			if (ncomp > 0 && !(clen[ncomp - 1] == 2 && s[start[ncomp - 1]] == '.' &&
					   s[start[ncomp - 1] + 1] == '.')) {
				ncomp--;
				continue;
			}
			if (rooted)
				continue; /* ".." of the root is the root */
		}
		start[ncomp] = b;
		clen[ncomp] = n;
		ncomp++;
	}
	sb_addn(&out, s, plen);
	for (i = 0; i < ncomp; i++) {
		if (i > 0)
			sb_addc(&out, '/');
		sb_addn(&out, s + start[i], clen[i]);
	}
	if (out.n == 0)
		sb_addc(&out, '.');
	free(start);
	free(clen);
	return sb_take(&out);
}

/* ---- the loader ------------------------------------------------------------ */

struct loader {
	const char *dbpath; /* as shown in messages */
	char **map_from, **map_to;
	unsigned nmaps;
	char *err;
	unsigned index, line; /* the entry being read */
	const char *dir;      /* its directory: absolute, not mapped */
	const char *file;     /* its file: absolute, not mapped */
	const char *file_raw; /* its "file" as written */
};

static void fail_entry(struct loader *ld, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "malformed compilation database 'db': entry N<fmt> (line L)" */
static void fail_entry(struct loader *ld, unsigned line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (ld->err)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ld->err = xfmt("malformed compilation database '%s': entry %u%s (line %u)", ld->dbpath,
		       ld->index, msg, line ? line : ld->line);
}

/* path with the longest matching map applied; a new string. */
static char *path_map(const struct loader *ld, const char *path)
{
	size_t best_len = 0, fl;
	int best = -1;
	unsigned i;
	const char *rest, *to;
	struct sbuf out = { 0 };

	for (i = 0; i < ld->nmaps; i++) {
		const char *from = ld->map_from[i];
		fl = strlen(from);
		if (fl == 0 || (best >= 0 && fl <= best_len))
			continue;
		if (is_drive(from) ? !ascii_eq_nocase(path, from, fl)
				   : strncmp(path, from, fl) != 0)
			continue;
		if (path[fl] != '\0' && path[fl] != '/' && from[fl - 1] != '/')
			continue;
		best = (int)i;
		best_len = fl;
	}
	if (best < 0)
		return xstrdup(path);
	to = ld->map_to[best];
	rest = path + best_len;
	while (*rest == '/')
		rest++;
	if (*rest == '\0')
		return xstrdup(to);
	fl = strlen(to);
	if (fl > 0 && to[fl - 1] == '/')
		fl--;
	sb_addn(&out, to, fl);
	sb_addc(&out, '/');
	sb_adds(&out, rest);
	return sb_take(&out);
}

/* raw with '/' separators, made absolute against base (when base is not
 * NULL) and collapsed, but not mapped. A new string. */
static char *path_absolute(const char *raw, const char *base)
{
	char *s = xstrdup(raw), *c;

	slashify(s);
	if (!path_is_abs(s) && base) {
		char *j = xfmt("%s/%s", base, s);
		free(s);
		s = j;
	}
	c = path_collapse(s);
	free(s);
	return c;
}

/* path_absolute, then mapped. base must not be mapped already. A new string. */
static char *path_resolve(const struct loader *ld, const char *raw, const char *base)
{
	char *a = path_absolute(raw, base), *m, *c;

	m = path_map(ld, a);
	free(a);
	c = path_collapse(m);
	free(m);
	return c;
}

/* ---- files and encodings ------------------------------------------------------ */

static void sb_add_utf8(struct sbuf *b, uint32_t cp)
{
	char u[4];

	if (cp < 0x80) {
		sb_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		sb_addn(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		sb_addn(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		sb_addn(b, u, 4);
	}
}

/* UTF-16 (little- or big-endian) to UTF-8; unpaired surrogates and an odd
 * last byte become U+FFFD. */
static char *utf16_to_utf8(const unsigned char *s, size_t len, bool big, size_t *outlen)
{
	struct sbuf b = { 0 };
	size_t i = 0;

	sb_addn(&b, "", 0);
	while (i + 1 < len) {
		uint32_t u =
			big ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
		i += 2;
		if (u >= 0xd800 && u <= 0xdbff && i + 1 < len) {
			uint32_t lo = big ? (uint32_t)(s[i] << 8 | s[i + 1])
					  : (uint32_t)(s[i + 1] << 8 | s[i]);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				i += 2;
				sb_add_utf8(&b, 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00));
				continue;
			}
		}
		if (u >= 0xd800 && u <= 0xdfff)
			u = 0xfffd;
		sb_add_utf8(&b, u);
	}
	if (i < len)
		sb_add_utf8(&b, 0xfffd);
	*outlen = b.n;
	return sb_take(&b);
}

/*
 * buf[0..*len) as UTF-8 text: a UTF-8 byte order mark is removed, UTF-16
 * with a byte order mark is converted, and so is BOM-less UTF-16LE when
 * guess_utf16 is set and the text starts with an ASCII character. Takes
 * buf; returns the new text and updates *len.
 */
static char *decode_text(char *buf, size_t *len, bool guess_utf16)
{
	const unsigned char *u = (const unsigned char *)buf;
	char *out;

	if (*len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		memmove(buf, buf + 3, *len - 3 + 1);
		*len -= 3;
		return buf;
	}
	if (*len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
		out = utf16_to_utf8(u + 2, *len - 2, u[0] == 0xfe, len);
	else if (guess_utf16 && *len >= 2 && u[0] != 0 && u[0] < 0x80 && u[1] == 0)
		out = utf16_to_utf8(u, *len, false, len);
	else
		return buf;
	free(buf);
	return out;
}

/* ---- splitting command lines ------------------------------------------------- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * Splits s with the rules of the Microsoft C runtime (2008 and later), which
 * cl.exe uses for its command line and LLVM's TokenizeWindowsCommandLine for
 * response files: 2n backslashes and a quote give n backslashes and a quote
 * that opens or closes a quoted part, 2n+1 backslashes and a quote give n
 * backslashes and a literal quote, other backslashes are literal, and ""
 * inside a quoted part is a literal quote. (CommandLineToArgvW differs only
 * in that last case, where it also ends the quoted part.) When program_first
 * is set the first word is the program name, in which quotes only group and
 * backslashes are literal. Newlines count as spaces, as in response files.
 */
static void split_windows(const char *s, bool program_first, struct ptrvec *out)
{
	struct sbuf tok = { 0 };
	bool in_tok = false, quoted = false;

	while (is_space(*s))
		s++;
	if (program_first && *s) {
		sb_addn(&tok, "", 0);
		for (; *s && (quoted || !is_space(*s)); s++) {
			if (*s == '"')
				quoted = !quoted;
			else
				sb_addc(&tok, *s);
		}
		ptrvec_push(out, sb_take(&tok));
		quoted = false;
	}
	while (*s) {
		if (!quoted && is_space(*s)) {
			if (in_tok)
				ptrvec_push(out, sb_take(&tok));
			in_tok = false;
			s++;
			continue;
		}
		if (!in_tok)
			sb_addn(&tok, "", 0);
		in_tok = true;
		if (*s == '\\') {
			size_t n = strspn(s, "\\"), i;
			bool quote = s[n] == '"';
			for (i = 0; i < (quote ? n / 2 : n); i++)
				sb_addc(&tok, '\\');
			s += n;
			if (quote && n % 2 == 1) {
				sb_addc(&tok, '"');
				s++;
			}
		} else if (*s == '"') {
			if (quoted && s[1] == '"') {
				sb_addc(&tok, '"');
				s += 2;
			} else {
				quoted = !quoted;
				s++;
			}
		} else {
			sb_addc(&tok, *s++);
		}
	}
	if (in_tok)
		ptrvec_push(out, sb_take(&tok));
	free(tok.p);
}

/*
 * Splits s with POSIX shell rules: single quotes are literal, double quotes
 * allow \" \\ \$ \` escapes, a backslash outside quotes escapes any
 * character, backslash-newline joins lines. Returns -1 on an unterminated
 * quote.
 */
static int split_posix(const char *s, struct ptrvec *out)
{
	struct sbuf tok = { 0 };
	bool in_tok = false;

	while (*s) {
		char c = *s;
		if (c == '\\' && (s[1] == '\n' || (s[1] == '\r' && s[2] == '\n'))) {
			s += s[1] == '\n' ? 2 : 3;
			continue;
		}
		if (is_space(c)) {
			if (in_tok)
				ptrvec_push(out, sb_take(&tok));
			in_tok = false;
			s++;
			continue;
		}
		if (!in_tok)
			sb_addn(&tok, "", 0);
		in_tok = true;
		if (c == '\\') {
			if (s[1] == '\0') {
				sb_addc(&tok, '\\');
				s++;
			} else {
				sb_addc(&tok, s[1]);
				s += 2;
			}
		} else if (c == '\'') {
			s++;
			while (*s && *s != '\'')
				sb_addc(&tok, *s++);
			if (!*s)
				goto unterminated;
			s++;
		} else if (c == '"') {
			s++;
			while (*s && *s != '"') {
				if (*s == '\\' &&
				    (s[1] == '"' || s[1] == '\\' || s[1] == '$' || s[1] == '`')) {
					sb_addc(&tok, s[1]);
					s += 2;
				} else if (*s == '\\' && s[1] == '\n') {
					s += 2;
				} else {
					sb_addc(&tok, *s++);
				}
			}
			if (!*s)
				goto unterminated;
			s++;
		} else {
			sb_addc(&tok, c);
			s++;
		}
	}
	if (in_tok)
		ptrvec_push(out, sb_take(&tok));
	free(tok.p);
	return 0;
unterminated:
	free(tok.p);
	return -1;
}

/* Whether s holds a backslash drive path such as C:\ (or /IC:\). */
static bool has_drive_backslash(const char *s)
{
	for (; s[0] && s[1] && s[2]; s++)
		if (is_drive(s) && s[2] == '\\')
			return true;
	return false;
}

/* Whether argv0 names cl or clang-cl, with or without .exe, in any case. */
static bool is_cl_driver(const char *argv0)
{
	static const char *const names[] = { "cl", "cl.exe", "clang-cl", "clang-cl.exe" };
	const char *base = argv0, *p;
	size_t i;

	for (p = argv0; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(base) == strlen(names[i]) &&
		    ascii_eq_nocase(base, names[i], strlen(base)))
			return true;
	return false;
}

/* s for a one-line message: control characters become '?'. A new string. */
static char *printable(const char *s)
{
	char *p = xstrdup(s), *q;

	for (q = p; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			*q = '?';
	return p;
}

/* ---- response files ---------------------------------------------------------- */

/*
 * Appends arg to out, or, for @file, the expansion of that file. Returns -1
 * with ld->err set.
 */
static int expand_arg(struct loader *ld, const char *arg, bool windows, unsigned depth,
		      struct ptrvec *out)
{
	struct ptrvec toks = { 0 };
	char *path, *shown, *text;
	size_t len;
	unsigned i;
	int rc = 0;

	if (arg[0] != '@' || arg[1] == '\0') {
		ptrvec_push(out, xstrdup(arg));
		return 0;
	}
	path = path_resolve(ld, arg + 1, ld->dir);
	shown = printable(path);
	if (depth >= COMPDB_MAX_RSP_DEPTH) {
		fail_entry(ld, 0, ": response files nested deeper than %d levels at '%s'",
			   COMPDB_MAX_RSP_DEPTH, shown);
		free(shown);
		free(path);
		return -1;
	}
	text = read_whole_file(path, &len);
	if (!text) {
		if (!ld->err)
			ld->err = xfmt("cannot open response file '%s' for entry %u of '%s': %s",
				       shown, ld->index, ld->dbpath, strerror(errno));
		free(shown);
		free(path);
		return -1;
	}
	text = decode_text(text, &len, true);
	if (memchr(text, '\0', len)) {
		fail_entry(ld, 0, ": response file '%s' contains NUL bytes", shown);
		rc = -1;
	} else if (windows || has_drive_backslash(text)) {
		split_windows(text, false, &toks);
	} else if (split_posix(text, &toks) < 0) {
		fail_entry(ld, 0, ": unterminated quote in response file '%s'", shown);
		rc = -1;
	}
	free(shown);
	for (i = 0; i < toks.n; i++) {
		if (rc == 0)
			rc = expand_arg(ld, toks.v[i], windows, depth + 1, out);
		free(toks.v[i]);
	}
	ptrvec_free(&toks);
	free(text);
	free(path);
	return rc;
}

/* ---- option translation -------------------------------------------------------- */

enum lang { LANG_DEFAULT, LANG_C, LANG_CXX };

struct xlate {
	struct loader *ld;
	char **a; /* the expanded command, a[0] the compiler */
	unsigned n, i;
	struct ptrvec out;
	enum lang lang;
};

enum xresult { X_UNKNOWN, X_DONE, X_STOP };

/*
 * The value of a joined-or-separate option whose name is name_len bytes
 * long (prefix included): the rest of the argument, or the next argument.
 * NULL when the option ends the command.
 */
static const char *value_of(struct xlate *x, size_t name_len)
{
	const char *arg = x->a[x->i];

	if (arg[name_len])
		return arg + name_len;
	if (x->i + 1 < x->n)
		return x->a[++x->i];
	return NULL;
}

/* The next argument, for an option that always takes a separate value. */
static const char *next_arg(struct xlate *x)
{
	return x->i + 1 < x->n ? x->a[++x->i] : NULL;
}

static void emit_path(struct xlate *x, const char *flag, const char *raw)
{
	char *p;

	if (!raw || !*raw)
		return;
	p = path_resolve(x->ld, raw, x->ld->dir);
	ptrvec_push(&x->out, xfmt("%s%s", flag, p));
	free(p);
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void emit_include(struct xlate *x, const char *raw, bool cl)
{
	char *p, *norm;

	if (!raw || !*raw)
		return;
	norm = xstrdup(raw);
	slashify(norm);
	p = path_resolve(x->ld, raw, x->ld->dir);
	if (!path_is_abs(norm) && !file_exists(p)) {
		free(p);
		p = NULL;
		if (cl) {
			char *srcdir = xfmt("%s/..", x->ld->file);
			p = path_resolve(x->ld, raw, srcdir);
			free(srcdir);
			if (!file_exists(p)) {
				free(p);
				p = NULL;
			}
		}
		if (!p)
			p = path_collapse(norm);
	}
	ptrvec_push(&x->out, xstrdup("-include"));
	ptrvec_push(&x->out, p);
	free(norm);
}

static void emit_macro(struct xlate *x, const char *flag, const char *val, bool cl)
{
	char *s;

	if (!val || !*val)
		return;
	s = xfmt("%s%s", flag, val);
	if (cl) {
		/* cl accepts /DNAME#VALUE for /DNAME=VALUE */
		char *p = s + strcspn(s, "=#");
		if (*p == '#')
			*p = '=';
	}
	ptrvec_push(&x->out, s);
}

static void set_lang(struct xlate *x, const char *v)
{
	if (!v)
		return;
	if (strcmp(v, "c") == 0 || strcmp(v, "c-header") == 0)
		x->lang = LANG_C;
	else if (strcmp(v, "c++") == 0 || strcmp(v, "c++-header") == 0)
		x->lang = LANG_CXX;
	else if (strcmp(v, "none") == 0)
		x->lang = LANG_DEFAULT;
}

/* cl and clang-cl options; arg starts with '/' or '-'. */
static enum xresult xlate_cl(struct xlate *x)
{
	static const char *const separate[] = { "Xclang",     "o",         "F",
						"AI",         "FU",        "winsysroot",
						"vctoolsdir", "winsdkdir", "sourceDependencies" };
	static const struct {
		const char *from, *to;
	} stds[] = { { "c++latest", "c++2c" }, { "c++23preview", "c++23" }, { "clatest", "c23" } };
	const char *o = x->a[x->i] + 1;
	size_t i;

	if (strcmp(o, "link") == 0)
		return X_STOP;
	if (starts_with(o, "external:I")) {
		emit_path(x, "-isystem", value_of(x, 1 + strlen("external:I")));
	} else if (starts_with(o, "imsvc")) {
		emit_path(x, "-isystem", value_of(x, 1 + strlen("imsvc")));
	} else if (starts_with(o, "FI")) {
		emit_include(x, value_of(x, 3), true);
	} else if (starts_with(o, "std:")) {
		const char *v = o + 4;
		for (i = 0; i < sizeof(stds) / sizeof(stds[0]); i++)
			if (strcmp(v, stds[i].from) == 0)
				v = stds[i].to;
		if (*v)
			ptrvec_push(&x->out, xfmt("-std=%s", v));
	} else if (strcmp(o, "TP") == 0) {
		x->lang = LANG_CXX;
	} else if (strcmp(o, "TC") == 0) {
		x->lang = LANG_C;
	} else if (starts_with(o, "Tp")) {
		x->lang = LANG_CXX;
		value_of(x, 3);
	} else if (starts_with(o, "Tc")) {
		x->lang = LANG_C;
		value_of(x, 3);
	} else if (o[0] == 'I') {
		emit_path(x, "-I", value_of(x, 2));
	} else if (o[0] == 'D') {
		emit_macro(x, "-D", value_of(x, 2), true);
	} else if (o[0] == 'U') {
		emit_macro(x, "-U", value_of(x, 2), true);
	} else {
		for (i = 0; i < sizeof(separate) / sizeof(separate[0]); i++) {
			if (strcmp(o, separate[i]) == 0) {
				next_arg(x);
				return X_DONE;
			}
		}
		return X_UNKNOWN;
	}
	return X_DONE;
}

/* gcc and clang options; arg starts with '-'. */
static enum xresult xlate_gcc(struct xlate *x)
{
	static const char *const separate[] = {
		"-o",
		"-MF",
		"-MT",
		"-MQ",
		"-MJ",
		"-Xclang",
		"-Xpreprocessor",
		"-Xassembler",
		"-Xlinker",
		"-target",
		"-arch",
		"-isysroot",
		"--sysroot",
		"-imacros",
		"-include-pch",
		"-iprefix",
		"-iwithprefix",
		"-iwithprefixbefore",
		"-ivfsoverlay",
		"-iframework",
		"-cxx-isystem",
		"-L",
		"-T",
		"-u",
		"-z",
		"-aux-info",
		"-dumpbase",
		"-dumpdir",
		"--param",
		"-B",
		"-F",
		"-resource-dir",
		"-working-directory",
		"-gcc-toolchain",
		"-mllvm",
		"-main-file-name",
	};
	const char *arg = x->a[x->i];
	size_t i;

	if (strcmp(arg, "-I-") == 0)
		return X_DONE;
	if (starts_with(arg, "-isystem")) {
		emit_path(x, "-isystem", value_of(x, strlen("-isystem")));
	} else if (starts_with(arg, "-idirafter")) {
		emit_path(x, "-isystem", value_of(x, strlen("-idirafter")));
	} else if (starts_with(arg, "-iquote")) {
		emit_path(x, "-I", value_of(x, strlen("-iquote")));
	} else if (starts_with(arg, "-I")) {
		emit_path(x, "-I", value_of(x, 2));
	} else if (starts_with(arg, "-D")) {
		emit_macro(x, "-D", value_of(x, 2), false);
	} else if (starts_with(arg, "-U")) {
		emit_macro(x, "-U", value_of(x, 2), false);
	} else if (strcmp(arg, "-include") == 0 || strcmp(arg, "--include") == 0) {
		emit_include(x, next_arg(x), false);
	} else if (starts_with(arg, "--include=")) {
		emit_include(x, arg + strlen("--include="), false);
	} else if (starts_with(arg, "-std=") || starts_with(arg, "--std=")) {
		const char *v = strchr(arg, '=') + 1;
		if (*v)
			ptrvec_push(&x->out, xfmt("-std=%s", v));
	} else if (strcmp(arg, "--std") == 0) {
		const char *v = next_arg(x);
		if (v && *v)
			ptrvec_push(&x->out, xfmt("-std=%s", v));
	} else if (starts_with(arg, "-x")) {
		set_lang(x, value_of(x, 2));
	} else {
		for (i = 0; i < sizeof(separate) / sizeof(separate[0]); i++) {
			if (strcmp(arg, separate[i]) == 0) {
				next_arg(x);
				return X_DONE;
			}
		}
		if (starts_with(arg, "-Xarch_"))
			next_arg(x);
		return X_UNKNOWN;
	}
	return X_DONE;
}

static bool has_cxx_extension(const char *file)
{
	static const char *const exts[] = { "cpp", "cxx", "cc",  "c++", "cp",   "hpp",
					    "hxx", "hh",  "ipp", "ixx", "cppm", "tcc" };
	const char *dot = strrchr(file, '.');
	size_t i;

	if (!dot || strchr(dot, '/'))
		return false;
	dot++;
	if (strcmp(dot, "C") == 0)
		return true;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strlen(dot) == strlen(exts[i]) && ascii_eq_nocase(dot, exts[i], strlen(dot)))
			return true;
	return false;
}

/* ---- entries --------------------------------------------------------------------- */

/* The type of v for messages: "a number", "an array", "null", ... */
static const char *a_type(const struct json_value *v)
{
	switch (v->type) {
	case JSON_NULL:
		return "null";
	case JSON_BOOL:
		return "a boolean";
	case JSON_NUMBER:
		return "a number";
	case JSON_STRING:
		return "a string";
	case JSON_ARRAY:
		return "an array";
	case JSON_OBJECT:
		return "an object";
	}
	return json_type_name(v->type);
}

/* The string member key of entry e, or NULL after reporting why not. */
static const char *entry_string(struct loader *ld, const struct json_value *e, const char *key)
{
	const struct json_value *v = json_get(e, key);

	if (!v) {
		fail_entry(ld, 0, " has no \"%s\"", key);
		return NULL;
	}
	if (v->type != JSON_STRING) {
		fail_entry(ld, v->line, ": \"%s\" is %s, not a string", key, a_type(v));
		return NULL;
	}
	if (v->len == 0) {
		fail_entry(ld, v->line, ": \"%s\" is empty", key);
		return NULL;
	}
	if (strlen(v->string) != v->len) {
		fail_entry(ld, v->line, ": \"%s\" contains a NUL character", key);
		return NULL;
	}
	return v->string;
}

/* The command's tokens into toks (a[0] the compiler); sets *windows. */
static int entry_tokens(struct loader *ld, const struct json_value *e, struct ptrvec *toks,
			bool *windows)
{
	const struct json_value *args = json_get(e, "arguments");
	const struct json_value *cmd = json_get(e, "command");
	size_t i;

	*windows = false;
	if (args) {
		if (args->type != JSON_ARRAY) {
			fail_entry(ld, args->line, ": \"arguments\" is %s, not an array",
				   a_type(args));
			return -1;
		}
		if (args->n == 0) {
			fail_entry(ld, args->line, ": \"arguments\" is empty");
			return -1;
		}
		for (i = 0; i < args->n; i++) {
			const struct json_value *v = args->items[i];
			if (v->type != JSON_STRING) {
				fail_entry(ld, v->line,
					   ": \"arguments\" element %zu is %s, not a string", i,
					   a_type(v));
				return -1;
			}
			if (strlen(v->string) != v->len) {
				fail_entry(ld, v->line,
					   ": \"arguments\" element %zu contains a NUL character",
					   i);
				return -1;
			}
			if (has_drive_backslash(v->string))
				*windows = true;
		}
		for (i = 0; i < args->n; i++)
			ptrvec_push(toks, xstrdup(args->items[i]->string));
		if (is_cl_driver(toks->v[0]))
			*windows = true;
		return 0;
	}
	if (!cmd) {
		fail_entry(ld, 0, " has neither \"arguments\" nor \"command\"");
		return -1;
	}
	if (cmd->type != JSON_STRING) {
		fail_entry(ld, cmd->line, ": \"command\" is %s, not a string", a_type(cmd));
		return -1;
	}
	if (strlen(cmd->string) != cmd->len) {
		fail_entry(ld, cmd->line, ": \"command\" contains a NUL character");
		return -1;
	}
	*windows = has_drive_backslash(cmd->string) || strstr(cmd->string, "--driver-mode=cl");
	if (!*windows) {
		/* the program name under Windows rules decides */
		struct ptrvec first = { 0 };
		split_windows(cmd->string, true, &first);
		*windows = first.n > 0 && is_cl_driver(first.v[0]);
		for (i = 0; i < first.n; i++)
			free(first.v[i]);
		ptrvec_free(&first);
	}
	if (*windows) {
		split_windows(cmd->string, true, toks);
	} else if (split_posix(cmd->string, toks) < 0) {
		fail_entry(ld, cmd->line, ": unterminated quote in \"command\"");
		return -1;
	}
	if (toks->n == 0) {
		fail_entry(ld, cmd->line, ": \"command\" is empty");
		return -1;
	}
	return 0;
}

static void free_strings(struct ptrvec *pv)
{
	unsigned i;

	for (i = 0; i < pv->n; i++)
		free(pv->v[i]);
	ptrvec_free(pv);
}

/* Fills ent->args and ent->is_cpp from the entry's command. */
static int entry_args(struct loader *ld, const struct json_value *e, struct compdb_entry *ent)
{
	struct ptrvec toks = { 0 }, cmd = { 0 };
	struct xlate x = { 0 };
	bool windows, cl;
	unsigned i;
	int rc = -1;

	if (entry_tokens(ld, e, &toks, &windows) < 0)
		goto out;
	for (i = 0; i < toks.n; i++)
		if (strcmp(toks.v[i], "--driver-mode=cl") == 0)
			windows = true;
	cl = windows;
	ptrvec_push(&cmd, xstrdup(toks.v[0]));
	for (i = 1; i < toks.n; i++)
		if (expand_arg(ld, toks.v[i], windows, 0, &cmd) < 0)
			goto out;

	x.ld = ld;
	x.a = (char **)cmd.v;
	x.n = cmd.n;
	for (x.i = 1; x.i < x.n; x.i++) {
		const char *arg = x.a[x.i];
		enum xresult r = X_UNKNOWN;
		if (strcmp(arg, ld->file_raw) == 0)
			continue; /* the source, which clang-cl may take for /U or /I */
		if (cl && (arg[0] == '/' || arg[0] == '-'))
			r = xlate_cl(&x);
		if (r == X_STOP)
			break;
		if (r == X_UNKNOWN && arg[0] == '-')
			xlate_gcc(&x);
	}
	if (x.lang != LANG_DEFAULT) {
		ptrvec_push(&x.out, xstrdup("-x"));
		ptrvec_push(&x.out, xstrdup(x.lang == LANG_CXX ? "c++" : "c"));
	}
	ent->is_cpp = x.lang == LANG_DEFAULT ? has_cxx_extension(ent->file) : x.lang == LANG_CXX;
	ent->nargs = x.out.n;
	ent->args = xmalloc((x.out.n + 1) * sizeof(*ent->args));
	for (i = 0; i < x.out.n; i++)
		ent->args[i] = x.out.v[i];
	ent->args[x.out.n] = NULL;
	ptrvec_free(&x.out);
	rc = 0;
out:
	free_strings(&toks);
	free_strings(&cmd);
	return rc;
}

/* ---- de-duplication: a set of resolved file names ------------------------------------ */

struct fileset {
	const char **slot;
	size_t cap, n;
};

static bool file_eq(const char *a, const char *b)
{
	if (is_drive(a) && is_drive(b))
		return strlen(a) == strlen(b) && ascii_eq_nocase(a, b, strlen(a));
	return strcmp(a, b) == 0;
}

static size_t file_hash(const char *s)
{
	bool fold = is_drive(s);
	size_t h = 0xcbf29ce484222325ull & SIZE_MAX;

	for (; *s; s++)
		h = (h ^ (unsigned char)(fold ? ascii_lower(*s) : *s)) * 1099511628211ull;
	return h;
}

/* Adds s (borrowed); false when an equal name is already there. */
static bool fileset_add(struct fileset *fs, const char *s)
{
	size_t i;

	if (2 * (fs->n + 1) > fs->cap) {
		struct fileset bigger = { 0 };
		bigger.cap = fs->cap ? fs->cap * 2 : 64;
		bigger.slot = xcalloc(bigger.cap, sizeof(*bigger.slot));
		for (i = 0; i < fs->cap; i++)
			if (fs->slot[i])
				fileset_add(&bigger, fs->slot[i]);
		free(fs->slot);
		*fs = bigger;
	}
	for (i = file_hash(s) & (fs->cap - 1); fs->slot[i]; i = (i + 1) & (fs->cap - 1))
		if (file_eq(fs->slot[i], s))
			return false;
	fs->slot[i] = s;
	fs->n++;
	return true;
}

static void entry_free(struct compdb_entry *ent)
{
	unsigned i;

	free(ent->file);
	free(ent->directory);
	for (i = 0; ent->args && i < ent->nargs; i++)
		free(ent->args[i]);
	free(ent->args);
	memset(ent, 0, sizeof(*ent));
}

/* ---- the database ------------------------------------------------------------------ */

/* The absolute folder of the database file dbpath; a new string. */
static char *db_folder(const char *dbpath, char **err)
{
	char *cwd = NULL, *abs, *dir;
	size_t size = 256;

	if (dbpath[0] == '/') {
		abs = xstrdup(dbpath);
	} else {
		for (;;) {
			cwd = xrealloc(cwd, size);
			if (getcwd(cwd, size))
				break;
			if (errno != ERANGE) {
				*err = xfmt("cannot determine the current directory: %s",
					    strerror(errno));
				free(cwd);
				return NULL;
			}
			size *= 2;
		}
		abs = xfmt("%s/%s", cwd, dbpath);
		free(cwd);
	}
	dir = xfmt("%s/..", abs);
	free(abs);
	abs = path_collapse(dir);
	free(dir);
	return abs;
}

static void set_err(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
}

int compdb_load(const char *path, const struct compdb_options *opt, struct compdb *out, char **err)
{
	struct loader ld = { 0 };
	struct fileset seen = { 0 };
	struct json_value *root = NULL;
	char *dbpath, *shown_db, *text, *jerr = NULL, *folder = NULL;
	struct stat st;
	size_t len, i;
	unsigned cap = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (err)
		*err = NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		size_t n = strlen(path);
		dbpath = xfmt("%s%scompile_commands.json", path,
			      n > 0 && path[n - 1] == '/' ? "" : "/");
	} else {
		dbpath = xstrdup(path);
	}
	shown_db = printable(dbpath);
	ld.dbpath = shown_db;

	text = read_whole_file(dbpath, &len);
	if (!text) {
		ld.err = xfmt("cannot open '%s': %s", shown_db, strerror(errno));
		goto out;
	}
	text = decode_text(text, &len, false);
	root = json_parse(text, len, &jerr);
	free(text);
	if (!root) {
		ld.err = xfmt("cannot parse '%s': %s", shown_db, jerr);
		free(jerr);
		goto out;
	}
	if (root->type != JSON_ARRAY) {
		ld.err = xfmt("malformed compilation database '%s': the top level is %s, "
			      "not an array",
			      shown_db, a_type(root));
		goto out;
	}
	folder = db_folder(dbpath, &ld.err);
	if (!folder)
		goto out;

	if (opt && opt->nmaps) {
		ld.nmaps = opt->nmaps;
		ld.map_from = xcalloc(opt->nmaps, sizeof(*ld.map_from));
		ld.map_to = xcalloc(opt->nmaps, sizeof(*ld.map_to));
		for (i = 0; i < opt->nmaps; i++) {
			char *f = xstrdup(opt->map_from[i] ? opt->map_from[i] : "");
			char *t = xstrdup(opt->map_to[i] ? opt->map_to[i] : "");
			slashify(f);
			slashify(t);
			ld.map_from[i] = *f ? path_collapse(f) : xstrdup("");
			ld.map_to[i] = *t ? path_collapse(t) : xstrdup("");
			free(f);
			free(t);
		}
	}

	for (i = 0; i < root->n; i++) {
		const struct json_value *e = root->items[i];
		struct compdb_entry ent = { 0 };
		const char *file, *dir;
		char *dir_abs = NULL, *file_abs = NULL;
		bool kept = false;
		int erc;

		ld.index = (unsigned)i;
		ld.line = e->line;
		if (e->type != JSON_OBJECT) {
			fail_entry(&ld, 0, " is %s, not an object", a_type(e));
			goto out;
		}
		if (!(dir = entry_string(&ld, e, "directory")) ||
		    !(file = entry_string(&ld, e, "file")))
			goto out;
		dir_abs = path_absolute(dir, folder);
		file_abs = path_absolute(file, dir_abs);
		ent.directory = path_resolve(&ld, dir_abs, NULL);
		ent.file = path_resolve(&ld, file_abs, NULL);
		ld.dir = dir_abs;
		ld.file = file_abs;
		ld.file_raw = file;
		if (fileset_add(&seen, ent.file)) {
			erc = entry_args(&ld, e, &ent);
			if (erc == 0) {
				if (out->n == cap) {
					cap = cap ? cap * 2 : 16;
					out->entries =
						xrealloc(out->entries, cap * sizeof(*out->entries));
				}
				out->entries[out->n++] = ent;
				kept = true;
			}
		} else {
			/* a later entry for the same file: check it, keep the first */
			struct ptrvec toks = { 0 };
			bool windows;
			erc = entry_tokens(&ld, e, &toks, &windows);
			free_strings(&toks);
		}
		if (!kept)
			entry_free(&ent);
		free(dir_abs);
		free(file_abs);
		ld.dir = ld.file = ld.file_raw = NULL;
		if (erc < 0)
			goto out;
	}
	rc = 0;

out:
	for (i = 0; i < ld.nmaps; i++) {
		free(ld.map_from[i]);
		free(ld.map_to[i]);
	}
	free(ld.map_from);
	free(ld.map_to);
	free(seen.slot);
	free(folder);
	json_free(root);
	free(dbpath);
	free(shown_db);
	if (rc < 0) {
		compdb_free(out);
		set_err(err, ld.err);
	}
	return rc;
}

void compdb_free(struct compdb *db)
{
	unsigned i;

	if (!db)
		return;
	for (i = 0; i < db->n; i++)
		entry_free(&db->entries[i]);
	free(db->entries);
	db->entries = NULL;
	db->n = 0;
}
