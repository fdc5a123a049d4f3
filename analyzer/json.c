/*
 * The JSON reader and string writer: see json.h. The reader is a recursive
 * descent over a byte buffer with an explicit length; recursion is bounded
 * by JSON_MAX_DEPTH. It tracks the current line while skipping whitespace
 * (raw newlines can only occur there), so every node knows where it starts
 * and every error names a line and column.
 */
#include "json.h"

#include "arena.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct json_parser {
	const unsigned char *s;
	size_t len, pos;
	unsigned line;
	size_t line_start; /* offset of the first byte of the current line */
	unsigned depth;
	char *err;
};

/* A growable byte buffer for decoded strings. */
struct json_buf {
	char *p;
	size_t n, cap;
};

static void buf_add(struct json_buf *b, const void *data, size_t n)
{
	if (b->cap - b->n < n + 1) {
		size_t cap = b->cap ? b->cap : 32;
		while (cap - b->n < n + 1)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void buf_add_codepoint(struct json_buf *b, uint32_t cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xf0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_add(b, u, n);
}

/*
 * The length of the well-formed UTF-8 sequence at s (at most avail bytes),
 * with its code point in *cp, or 0 when the bytes are not well-formed
 * (overlong forms, surrogates and values above U+10FFFF included).
 */
static size_t utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
	uint32_t c;
	size_t n, i;

	if (avail == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Records the first error, with the position of pos appended. */
static void fail_at(struct json_parser *p, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail_at(struct json_parser *p, size_t pos, const char *fmt, ...)
{
	char msg[128];
	va_list ap;

	if (p->err)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->err = xfmt("%s at line %u, column %zu", msg, p->line, pos - p->line_start + 1);
}

/* An error at the current position: "unexpected end of input" at the end,
 * otherwise the message given. */
static void fail_expected(struct json_parser *p, const char *what)
{
	if (p->pos >= p->len)
		fail_at(p, p->pos, "unexpected end of input");
	else if (p->s[p->pos] == '\0')
		fail_at(p, p->pos, "unexpected NUL byte");
	else
		fail_at(p, p->pos, "%s", what);
}

static void skip_ws(struct json_parser *p)
{
	while (p->pos < p->len) {
		unsigned char c = p->s[p->pos];
		if (c == '\n') {
			p->line++;
			p->line_start = p->pos + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		p->pos++;
	}
}

static struct json_value *new_value(struct json_parser *p, enum json_type type)
{
	struct json_value *v = xcalloc(1, sizeof(*v));
	v->type = type;
	v->line = p->line;
	v->column = (unsigned)(p->pos - p->line_start + 1);
	return v;
}

static int hex4(const unsigned char *s, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/*
 * Parses the \uXXXX escape at p->pos (which points at the 'u'), and the
 * low surrogate that must follow a high one. Returns 0 with the code point.
 */
static int parse_unicode_escape(struct json_parser *p, uint32_t *cp)
{
	size_t start = p->pos - 1; /* the backslash */
	uint32_t hi, lo;

	if (p->len - p->pos < 5 || hex4(p->s + p->pos + 1, &hi) < 0) {
		fail_at(p, start, "invalid \\u escape (expected 4 hex digits)");
		return -1;
	}
	p->pos += 5;
	if (hi >= 0xdc00 && hi <= 0xdfff) {
		fail_at(p, start, "unpaired surrogate \\u%04X in string", (unsigned)hi);
		return -1;
	}
	if (hi < 0xd800 || hi > 0xdbff) {
		*cp = hi;
		return 0;
	}
	if (p->len - p->pos < 6 || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u' ||
	    hex4(p->s + p->pos + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff) {
		fail_at(p, start, "unpaired surrogate \\u%04X in string", (unsigned)hi);
		return -1;
	}
	p->pos += 6;
	*cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	return 0;
}

/* Parses the string whose opening quote is at p->pos into b. */
static int parse_string_into(struct json_parser *p, struct json_buf *b)
{
	p->pos++; /* the opening quote */
	buf_add(b, "", 0);
	for (;;) {
		size_t run = p->pos;
		unsigned char c;
		uint32_t cp;
		size_t n;

		while (run < p->len && p->s[run] >= 0x20 && p->s[run] < 0x80 && p->s[run] != '"' &&
		       p->s[run] != '\\')
			run++;
		buf_add(b, p->s + p->pos, run - p->pos);
		p->pos = run;
		if (p->pos >= p->len) {
			fail_at(p, p->pos, "unexpected end of input in string");
			return -1;
		}
		c = p->s[p->pos];
		if (c == '"') {
			p->pos++;
			return 0;
		}
		if (c < 0x20) {
			fail_at(p, p->pos, "unescaped control character 0x%02x in string", c);
			return -1;
		}
		if (c >= 0x80) {
			n = utf8_decode(p->s + p->pos, p->len - p->pos, &cp);
			if (n == 0) {
				fail_at(p, p->pos, "invalid UTF-8 in string");
				return -1;
			}
			buf_add(b, p->s + p->pos, n);
			p->pos += n;
			continue;
		}
		/* a backslash */
		if (p->pos + 1 >= p->len) {
			fail_at(p, p->pos + 1, "unexpected end of input in string");
			return -1;
		}
		p->pos++;
		switch (p->s[p->pos]) {
		case '"':
		case '\\':
		case '/':
			buf_add(b, p->s + p->pos, 1);
			break;
		case 'b':
			buf_add(b, "\b", 1);
			break;
		case 'f':
			buf_add(b, "\f", 1);
			break;
		case 'n':
			buf_add(b, "\n", 1);
			break;
		case 'r':
			buf_add(b, "\r", 1);
			break;
		case 't':
			buf_add(b, "\t", 1);
			break;
		case 'u':
			if (parse_unicode_escape(p, &cp) < 0)
				return -1;
			buf_add_codepoint(b, cp);
			continue;
		default:
			if (p->s[p->pos] >= 0x21 && p->s[p->pos] < 0x7f)
				fail_at(p, p->pos - 1, "invalid escape '\\%c' in string",
					p->s[p->pos]);
			else
				fail_at(p, p->pos - 1, "invalid escape in string");
			return -1;
		}
		p->pos++;
	}
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static struct json_value *parse_number(struct json_parser *p)
{
	size_t start = p->pos, i = p->pos;
	struct json_value *v;
	char small[64], *copy;

	if (i < p->len && p->s[i] == '-')
		i++;
	if (i < p->len && p->s[i] == '0') {
		i++;
		if (i < p->len && is_digit(p->s[i])) {
			fail_at(p, start, "invalid number (leading zero)");
			return NULL;
		}
	} else if (i < p->len && is_digit(p->s[i])) {
		while (i < p->len && is_digit(p->s[i]))
			i++;
	} else {
		fail_at(p, start, "invalid number");
		return NULL;
	}
	if (i < p->len && p->s[i] == '.') {
		i++;
		if (i >= p->len || !is_digit(p->s[i])) {
			fail_at(p, start, "invalid number (no digits after '.')");
			return NULL;
		}
		while (i < p->len && is_digit(p->s[i]))
			i++;
	}
	if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
		i++;
		if (i < p->len && (p->s[i] == '+' || p->s[i] == '-'))
			i++;
		if (i >= p->len || !is_digit(p->s[i])) {
			fail_at(p, start, "invalid number (no digits in exponent)");
			return NULL;
		}
		while (i < p->len && is_digit(p->s[i]))
			i++;
	}
	v = new_value(p, JSON_NUMBER);
	copy = i - start < sizeof(small) ? small : xmalloc(i - start + 1);
	memcpy(copy, p->s + start, i - start);
	copy[i - start] = '\0';
	v->number = strtod(copy, NULL);
	if (copy != small)
		free(copy);
	p->pos = i;
	return v;
}

static struct json_value *parse_value(struct json_parser *p);

static struct json_value *parse_array(struct json_parser *p)
{
	struct json_value *v = new_value(p, JSON_ARRAY);
	size_t cap = 0;

	p->pos++; /* '[' */
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		return v;
	}
	for (;;) {
		struct json_value *item = parse_value(p);
		if (!item)
			goto fail;
		if (v->n == cap) {
			cap = cap ? cap * 2 : 4;
			v->items = xrealloc(v->items, cap * sizeof(*v->items));
		}
		v->items[v->n++] = item;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']') {
			p->pos++;
			return v;
		}
		fail_expected(p, "expected ',' or ']'");
		goto fail;
	}
fail:
	json_free(v);
	return NULL;
}

static struct json_value *parse_object(struct json_parser *p)
{
	struct json_value *v = new_value(p, JSON_OBJECT);
	size_t cap = 0;

	p->pos++; /* '{' */
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		return v;
	}
	for (;;) {
		struct json_buf key = { 0 };
		struct json_value *value;

		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != '"') {
			fail_expected(p, "expected a string (object key)");
			goto fail;
		}
		if (parse_string_into(p, &key) < 0) {
			free(key.p);
			goto fail;
		}
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != ':') {
			free(key.p);
			fail_expected(p, "expected ':'");
			goto fail;
		}
		p->pos++;
		value = parse_value(p);
		if (!value) {
			free(key.p);
			goto fail;
		}
		if (v->n == cap) {
			cap = cap ? cap * 2 : 4;
			v->members = xrealloc(v->members, cap * sizeof(*v->members));
		}
		v->members[v->n].key = key.p;
		v->members[v->n].key_len = key.n;
		v->members[v->n].value = value;
		v->n++;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == '}') {
			p->pos++;
			return v;
		}
		fail_expected(p, "expected ',' or '}'");
		goto fail;
	}
fail:
	json_free(v);
	return NULL;
}

static struct json_value *parse_literal(struct json_parser *p, const char *word,
					enum json_type type, bool boolean)
{
	size_t n = strlen(word);
	struct json_value *v;

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0) {
		size_t i = 0;
		while (p->pos + i < p->len && i < n && p->s[p->pos + i] == (unsigned char)word[i])
			i++;
		if (p->pos + i >= p->len)
			fail_at(p, p->pos + i, "unexpected end of input");
		else
			fail_at(p, p->pos, "invalid literal (expected '%s')", word);
		return NULL;
	}
	v = new_value(p, type);
	v->boolean = boolean;
	p->pos += n;
	return v;
}

static struct json_value *parse_value(struct json_parser *p)
{
	struct json_value *v;
	struct json_buf b = { 0 };

	skip_ws(p);
	if (p->pos >= p->len) {
		fail_expected(p, "");
		return NULL;
	}
	switch (p->s[p->pos]) {
	case '{':
	case '[':
		if (p->depth >= JSON_MAX_DEPTH) {
			fail_at(p, p->pos, "nesting deeper than %d levels", JSON_MAX_DEPTH);
			return NULL;
		}
		p->depth++;
		v = p->s[p->pos] == '{' ? parse_object(p) : parse_array(p);
		p->depth--;
		return v;
	case '"':
		v = new_value(p, JSON_STRING);
		if (parse_string_into(p, &b) < 0) {
			free(b.p);
			json_free(v);
			return NULL;
		}
		v->string = b.p;
		v->len = b.n;
		return v;
	case 't':
		return parse_literal(p, "true", JSON_BOOL, true);
	case 'f':
		return parse_literal(p, "false", JSON_BOOL, false);
	case 'n':
		return parse_literal(p, "null", JSON_NULL, false);
	default:
		if (p->s[p->pos] == '-' || is_digit(p->s[p->pos]))
			return parse_number(p);
		fail_expected(p, "expected a value");
		return NULL;
	}
}

struct json_value *json_parse(const char *text, size_t len, char **err)
{
	struct json_parser p = { 0 };
	struct json_value *v;

	if (err)
		*err = NULL;
	p.s = (const unsigned char *)(text ? text : "");
	p.len = text ? len : 0;
	p.line = 1;
	if (p.len >= 3 && memcmp(p.s, "\xef\xbb\xbf", 3) == 0) {
		p.pos = 3;
		p.line_start = 3;
	}
	v = parse_value(&p);
	if (v) {
		skip_ws(&p);
		if (p.pos < p.len) {
			fail_at(&p, p.pos, "unexpected %s after the JSON value",
				p.s[p.pos] ? "characters" : "NUL byte");
			json_free(v);
			v = NULL;
		}
	}
	if (!v) {
		if (err)
			*err = p.err;
		else
			free(p.err);
	}
	return v;
}

void json_free(struct json_value *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->n && v->items; i++)
		json_free(v->items[i]);
	for (i = 0; i < v->n && v->members; i++) {
		free(v->members[i].key);
		json_free(v->members[i].value);
	}
	free(v->items);
	free(v->members);
	free(v->string);
	free(v);
}

const struct json_value *json_get(const struct json_value *obj, const char *key)
{
	size_t i, n;

	if (!obj || obj->type != JSON_OBJECT || !key)
		return NULL;
	n = strlen(key);
	for (i = 0; i < obj->n; i++) {
		const struct json_member *m = &obj->members[i];
		if (m->key_len == n && memcmp(m->key, key, n) == 0)
			return m->value;
	}
	return NULL;
}

const char *json_string(const struct json_value *v)
{
	return v && v->type == JSON_STRING ? v->string : NULL;
}

const char *json_type_name(enum json_type type)
{
	switch (type) {
	case JSON_NULL:
		return "null";
	case JSON_BOOL:
		return "boolean";
	case JSON_NUMBER:
		return "number";
	case JSON_STRING:
		return "string";
	case JSON_ARRAY:
		return "array";
	case JSON_OBJECT:
		return "object";
	}
	return "unknown";
}

int json_write_string_n(FILE *f, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	if (!s) {
		fputs("null", f);
		return ferror(f) ? -1 : 0;
	}
	putc('"', f);
	while (i < len) {
		unsigned char c = u[i];
		uint32_t cp;
		size_t n;

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			size_t run = i + 1;
			while (run < len && u[run] >= 0x20 && u[run] < 0x80 && u[run] != '"' &&
			       u[run] != '\\')
				run++;
			fwrite(u + i, 1, run - i, f);
			i = run;
			continue;
		}
		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (c < 0x20) {
				fprintf(f, "\\u%04x", c);
				break;
			}
			n = utf8_decode(u + i, len - i, &cp);
			if (n == 0) {
				fputs("\\ufffd", f);
				break;
			}
			if (cp == 0x2028 || cp == 0x2029)
				fprintf(f, "\\u%04x", (unsigned)cp);
			else
				fwrite(u + i, 1, n, f);
			i += n;
			continue;
		}
		i++;
	}
	putc('"', f);
	return ferror(f) ? -1 : 0;
}

int json_write_string(FILE *f, const char *s)
{
	return json_write_string_n(f, s, s ? strlen(s) : 0);
}

struct json_value *json_parse_file(const char *path, const char *what, char **err)
{
	size_t len = 0;
	char *text = read_whole_file(path, &len);
	if (!text) {
		*err = xfmt("cannot read %s '%s': %s", what, path, strerror(errno));
		return NULL;
	}
	char *perr = NULL;
	struct json_value *root = json_parse(text, len, &perr);
	free(text);
	if (!root)
		*err = xfmt("%s '%s' is not valid JSON: %s", what, path, perr ? perr : "?");
	free(perr);
	return root;
}
