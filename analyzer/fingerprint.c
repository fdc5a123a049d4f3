/*
 * Finding fingerprints: a small SHA-256, the normalization of the reported
 * statement (a light C lexer over the cached source lines) and the
 * occurrence index. See fingerprint.h for what goes into the hash and why.
 */
#include "fingerprint.h"

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "rule.h"
#include "source.h"

/* --- SHA-256 ------------------------------------------------------------------ */

struct sha256 {
	uint32_t h[8];
	unsigned char block[64];
	size_t fill;    /* bytes in block */
	uint64_t total; /* bytes hashed so far */
};

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static uint32_t ror32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static void sha256_block(struct sha256 *s, const unsigned char *p)
{
	uint32_t w[64];
	for (unsigned i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (unsigned i = 16; i < 64; i++) {
		uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
	uint32_t e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
	for (unsigned i = 0; i < 64; i++) {
		uint32_t S1 = ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25);
		uint32_t ch = (e & f) ^ (~e & g);
		uint32_t t1 = h + S1 + ch + sha256_k[i] + w[i];
		uint32_t S0 = ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22);
		uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
		uint32_t t2 = S0 + maj;
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	s->h[0] += a;
	s->h[1] += b;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
	s->h[5] += f;
	s->h[6] += g;
	s->h[7] += h;
}

static void sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	memcpy(s->h, h0, sizeof(h0));
	s->fill = 0;
	s->total = 0;
}

static void sha256_update(struct sha256 *s, const unsigned char *p, size_t n)
{
	s->total += n;
	while (n) {
		size_t take = 64 - s->fill;
		if (take > n)
			take = n;
		memcpy(s->block + s->fill, p, take);
		s->fill += take;
		p += take;
		n -= take;
		if (s->fill == 64) {
			sha256_block(s, s->block);
			s->fill = 0;
		}
	}
}

static void sha256_final(struct sha256 *s, unsigned char out[32])
{
	uint64_t bits = s->total * 8;
	unsigned char pad[72] = { 0x80 };
	size_t padlen = (s->fill < 56 ? 56 : 120) - s->fill;
	for (unsigned i = 0; i < 8; i++)
		pad[padlen + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, pad, padlen + 8);
	for (unsigned i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void fingerprint_sha256(const void *data, size_t n, unsigned char out[32])
{
	struct sha256 s;
	sha256_init(&s);
	sha256_update(&s, data, n);
	sha256_final(&s, out);
}

/* --- statement text ------------------------------------------------------------ */

/*
 * The source from line:col on, as one string that grows a line at a time
 * (lines joined with '\n') while the lexer asks for more.
 */
struct stmt_src {
	const char *file;
	unsigned next_line; /* the next line to append */
	bool eof;
	char *buf;
	size_t n, cap;
};

static void src_append(struct stmt_src *t, const char *s, size_t len)
{
	if (t->n + len + 1 > t->cap) {
		while (t->n + len + 1 > t->cap)
			t->cap = t->cap ? t->cap * 2 : 256;
		t->buf = xrealloc(t->buf, t->cap);
	}
	memcpy(t->buf + t->n, s, len);
	t->n += len;
	t->buf[t->n] = '\0';
}

/* The character at i, reading further lines as needed; 0 past the end. */
static char src_at(struct stmt_src *t, size_t i)
{
	while (i >= t->n && !t->eof) {
		const char *l = source_line(t->file, t->next_line);
		if (!l) {
			t->eof = true;
			break;
		}
		t->next_line++;
		src_append(t, "\n", 1);
		src_append(t, l, strlen(l));
	}
	return i < t->n ? t->buf[i] : '\0';
}

static bool is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of a backslash-newline splice at i (with an optional '\r'), or 0. */
static size_t splice_len(struct stmt_src *t, size_t i)
{
	if (src_at(t, i) != '\\')
		return 0;
	size_t j = i + 1;
	while (src_at(t, j) == '\r')
		j++;
	return src_at(t, j) == '\n' ? j + 1 - i : 0;
}

/* The end of the token that starts at i (not whitespace or a comment). */
static size_t token_end(struct stmt_src *t, size_t i)
{
	char c = src_at(t, i);
	if (c == '"' || c == '\'') {
		size_t j = i + 1;
		for (;;) {
			char d = src_at(t, j);
			if (d == '\0' || d == '\n')
				return j; /* unterminated: stop at the line end */
			if (d == '\\' && src_at(t, j + 1) != '\0') {
				j += 2;
				continue;
			}
			j++;
			if (d == c)
				return j;
		}
	}
	if (is_digit(c) || (c == '.' && is_digit(src_at(t, i + 1)))) {
		/* a preprocessing number: 0x1F, 1.5e+3, 10ull */
		size_t j = i + 1;
		for (;;) {
			char d = src_at(t, j);
			char p = src_at(t, j - 1);
			if ((d == '+' || d == '-') &&
			    (p == 'e' || p == 'E' || p == 'p' || p == 'P'))
				j++;
			else if (is_ident_char(d) || d == '.')
				j++;
			else
				return j;
		}
	}
	if (is_ident_char(c)) {
		size_t j = i + 1;
		while (is_ident_char(src_at(t, j)))
			j++;
		return j;
	}
	return i + 1;
}

static bool token_is(const struct stmt_src *t, size_t s, size_t e, const char *word)
{
	size_t len = strlen(word);
	return e - s == len && memcmp(t->buf + s, word, len) == 0;
}

#define STMT_MAX 4096

char *fingerprint_statement(const char *file, unsigned line, unsigned col)
{
	const char *l = file ? source_line(file, line) : NULL;
	if (!l)
		return NULL;
	size_t len = strlen(l), start = col ? col - 1 : 0;
	if (start > len)
		start = len;
	struct stmt_src t = { .file = file, .next_line = line + 1 };
	src_append(&t, l + start, len - start);

	char *out = xmalloc(STMT_MAX + 64);
	size_t on = 0;
	bool sep = false;  /* whitespace or a comment since the last token */
	bool bol = false;  /* only whitespace since the last line end */
	bool first = true; /* no token yet */
	bool head = false; /* an if/while/for/switch: stop after its condition */
	int depth = 0;     /* brackets opened since the start */
	size_t i = 0;

	while (on < STMT_MAX) {
		char c = src_at(&t, i);
		if (c == '\0')
			break;
		if (is_space(c)) {
			sep = true;
			if (c == '\n')
				bol = true;
			i++;
			continue;
		}
		size_t sp = splice_len(&t, i);
		if (sp) {
			i += sp;
			continue;
		}
		if (c == '/' && src_at(&t, i + 1) == '/') {
			while (src_at(&t, i) != '\0' && src_at(&t, i) != '\n')
				i += splice_len(&t, i) ? splice_len(&t, i) : 1;
			sep = true;
			continue;
		}
		if (c == '/' && src_at(&t, i + 1) == '*') {
			i += 2;
			while (src_at(&t, i) != '\0' &&
			       !(src_at(&t, i) == '*' && src_at(&t, i + 1) == '/'))
				i++;
			if (src_at(&t, i) != '\0')
				i += 2;
			sep = true;
			continue;
		}
		if (c == '#' && bol && !first) {
			/* a preprocessor line inside the statement (#ifdef DBG ...) */
			while (src_at(&t, i) != '\0' && src_at(&t, i) != '\n')
				i += splice_len(&t, i) ? splice_len(&t, i) : 1;
			sep = true;
			continue;
		}
		bol = false;
		size_t e = token_end(&t, i);
		bool stop_after = false;
		if (first) {
			if (c == '{' || c == '}' || c == ')' || c == ']')
				stop_after = true;
			else
				head = token_is(&t, i, e, "if") || token_is(&t, i, e, "while") ||
				       token_is(&t, i, e, "for") || token_is(&t, i, e, "switch") ||
				       token_is(&t, i, e, "__except");
		} else if (depth == 0 && (c == '{' || c == ')' || c == ']' || c == '}')) {
			break; /* a body, or the end of an enclosing bracket */
		}
		if (!stop_after) {
			if (c == '(' || c == '[' || c == '{')
				depth++;
			else if (c == ')' || c == ']' || c == '}')
				stop_after = --depth == 0 && head && c == ')';
			else if (c == ';' && depth == 0)
				stop_after = true;
		}
		if (sep && on && is_ident_char(out[on - 1]) && is_ident_char(c))
			out[on++] = ' ';
		size_t tl = e - i;
		if (tl > STMT_MAX + 62 - on)
			tl = STMT_MAX + 62 - on;
		memcpy(out + on, t.buf + i, tl);
		on += tl;
		i = e;
		sep = false;
		first = false;
		if (stop_after)
			break;
	}
	out[on] = '\0';
	free(t.buf);
	return out;
}

/* --- paths and the fingerprint ----------------------------------------------------- */

/* The part of f under directory r (lexically), or NULL. */
static const char *path_under(const char *f, const char *r)
{
	size_t n = strlen(r);
	while (n > 1 && (r[n - 1] == '/' || r[n - 1] == '\\'))
		n--;
	if (n == 1 && r[0] == '/')
		return f[0] == '/' ? f + 1 : NULL;
	if (n == 0 || strncmp(f, r, n) != 0 || (f[n] != '/' && f[n] != '\\'))
		return NULL;
	return f + n + 1;
}

/*
 * realpath, remembered for the life of the process: the same few files are
 * named by every finding and step, and files do not move during a run.
 * Returns a string owned by the table, or NULL when realpath fails.
 */
static const char *real_of(const char *path)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static struct strmap tab; /* path -> realpath, NULL when it failed */
	pthread_mutex_lock(&lock);
	bool added;
	void **slot = strmap_slot(&tab, path, &added);
	if (added)
		*slot = realpath(path, NULL);
	const char *r = *slot;
	pthread_mutex_unlock(&lock);
	return r;
}

char *fingerprint_relpath(const char *file, const char *root)
{
	if (!root || !*root)
		return xstrdup(file);
	const char *rf = real_of(file), *rr = real_of(root);
	const char *rel = NULL;
	if (rf && rr)
		rel = path_under(rf, rr);
	if (!rel)
		rel = path_under(file, root);
	if (!rel)
		return xstrdup(file);
	while (rel[0] == '.' && (rel[1] == '/' || rel[1] == '\\'))
		rel += 2;
	char *out = xstrdup(rel);
	for (char *p = out; *p; p++)
		if (*p == '\\')
			*p = '/';
	return out;
}

bool fingerprint_well_formed(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 16;
}

int fingerprint_compute(const struct findings *fs, const char *root, char (*fp)[17])
{
	int ret = 0;
	unsigned n = fs->n;
	if (!n)
		return 0;
	char **rel = xcalloc(n, sizeof(*rel));
	char **stmt = xcalloc(n, sizeof(*stmt));
	for (unsigned i = 0; i < n; i++) {
		const struct finding *f = &fs->v[i];
		if (i && strcmp(f->file, fs->v[i - 1].file) == 0)
			rel[i] = xstrdup(rel[i - 1]);
		else
			rel[i] = fingerprint_relpath(f->file, root);
		stmt[i] = fingerprint_statement(f->file, f->line, f->col);
		if (!stmt[i]) {
			if (!source_line(f->file, 1))
				ret = -1;
			stmt[i] = xstrdup("");
		}
	}
	static const char hex[] = "0123456789abcdef";
	/* the occurrence index: how many findings before this one hash the same text */
	struct strmap seen = { 0 };
	for (unsigned i = 0; i < n; i++) {
		const struct finding *f = &fs->v[i];
		char *what = xfmt("v%d|%s|%s|%s|%s", FINGERPRINT_VERSION, f->rule->id, rel[i],
				  f->function, stmt[i]);
		void **count = strmap_slot(&seen, what, NULL);
		uintptr_t k = (uintptr_t)*count;
		*count = (void *)(k + 1);
		char *text = xfmt("%s|%u", what, (unsigned)k);
		free(what);
		unsigned char h[32];
		fingerprint_sha256(text, strlen(text), h);
		free(text);
		for (unsigned b = 0; b < 8; b++) {
			fp[i][2 * b] = hex[h[b] >> 4];
			fp[i][2 * b + 1] = hex[h[b] & 15];
		}
		fp[i][16] = '\0';
	}
	strmap_free(&seen, NULL);
	for (unsigned i = 0; i < n; i++) {
		free(rel[i]);
		free(stmt[i]);
	}
	free(rel);
	free(stmt);
	return ret;
}
