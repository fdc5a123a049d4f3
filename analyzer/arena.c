/*
 * Arena and heap helpers: see arena.h. Out of memory is fatal: there is no
 * sensible way for a checker to continue without the facts it was building.
 */
#include "arena.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ARENA_BLOCK_SIZE (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	_Alignas(max_align_t) unsigned char data[];
};

static void oom(size_t n)
{
	fprintf(stderr, "fltcheck: fatal: out of memory allocating %zu bytes\n", n);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		oom(count * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);
	memcpy(p, s, n);
	return p;
}

char *xfmt(const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

char *read_whole_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	/* one buffer of the file's size (and one byte more, to see the end) */
	struct stat st;
	size_t cap = 1 << 16, n = 0, got;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size < SIZE_MAX / 2)
		cap = (size_t)st.st_size + 1;
	char *buf = xmalloc(cap + 1);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
	}
	if (ferror(f)) {
		int e = errno ? errno : EIO;
		fclose(f);
		free(buf);
		errno = e;
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int write_whole_file(const char *path, const void *data, size_t len)
{
	char *tmp = xfmt("%s.tmp-%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		free(tmp);
		return -1;
	}
	int e = 0;
	if ((len && fwrite(data, 1, len, f) != len) || fflush(f) != 0 || fsync(fileno(f)) != 0)
		e = errno ? errno : EIO;
	if (fclose(f) != 0 && !e)
		e = errno ? errno : EIO;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	if (e)
		unlink(tmp);
	free(tmp);
	errno = e;
	return e ? -1 : 0;
}

FILE *xmemstream(char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	if (!f) {
		fprintf(stderr, "fltcheck: out of memory\n");
		abort();
	}
	return f;
}

uint64_t strhash64(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = arena_alloc_uninit(a, n);
	memset(p, 0, n);
	return p;
}

void *arena_alloc_uninit(struct arena *a, size_t n)
{
	size_t align = _Alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (!a->head || a->head->size - a->head->used < n) {
		size_t size = n > ARENA_BLOCK_SIZE / 4 ? n : ARENA_BLOCK_SIZE;
		struct arena_block *b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		if (a->head && size == n) {
			/* a large block: keep the current one for small requests */
			b->next = a->head->next;
			a->head->next = b;
			b->used = n;
			a->used += n;
			return b->data;
		}
		b->next = a->head;
		a->head = b;
	}
	void *p = a->head->data + a->head->used;
	a->head->used += n;
	a->used += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vfmt(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

char *arena_fmt(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vfmt(a, fmt, ap);
	va_end(ap);
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}

void ptrvec_push(struct ptrvec *pv, void *p)
{
	if (pv->n == pv->cap) {
		pv->cap = pv->cap ? pv->cap * 2 : 8;
		pv->v = xrealloc(pv->v, pv->cap * sizeof(*pv->v));
	}
	pv->v[pv->n++] = p;
}

void ptrvec_free(struct ptrvec *pv)
{
	free(pv->v);
	pv->v = NULL;
	pv->n = pv->cap = 0;
}

void **strmap_slot(struct strmap *m, const char *key, bool *added)
{
	if (2 * (m->n + 1) > m->cap) {
		unsigned ncap = m->cap ? m->cap * 2 : 64;
		struct strmap_ent *nv = xcalloc(ncap, sizeof(*nv));
		for (unsigned i = 0; i < m->cap; i++) {
			if (!m->v[i].key)
				continue;
			unsigned k = (unsigned)strhash64(m->v[i].key) & (ncap - 1);
			while (nv[k].key)
				k = (k + 1) & (ncap - 1);
			nv[k] = m->v[i];
		}
		free(m->v);
		m->v = nv;
		m->cap = ncap;
	}
	unsigned k = (unsigned)strhash64(key) & (m->cap - 1);
	while (m->v[k].key && strcmp(m->v[k].key, key) != 0)
		k = (k + 1) & (m->cap - 1);
	if (added)
		*added = !m->v[k].key;
	if (!m->v[k].key) {
		m->v[k].key = xstrdup(key);
		m->v[k].val = NULL;
		m->n++;
	}
	return &m->v[k].val;
}

void strmap_free(struct strmap *m, void (*free_val)(void *))
{
	for (unsigned i = 0; i < m->cap; i++) {
		if (!m->v[i].key)
			continue;
		free(m->v[i].key);
		if (free_val)
			free_val(m->v[i].val);
	}
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}
