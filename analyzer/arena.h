/*
 * Memory for fltcheck. Process-lifetime allocations go through xmalloc and
 * friends, which abort with a message when memory runs out. Everything that
 * belongs to one translation unit (its IR, its strings) lives in an arena
 * that is released as a whole; nothing allocated from an arena is freed on
 * its own.
 */
#ifndef FLTCHECK_ARENA_H
#define FLTCHECK_ARENA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* printf into a new heap string; the caller frees it. */
/*
 * The whole file, NUL-terminated, in a new heap buffer; its length in *len.
 * NULL with errno set when it cannot be opened or read.
 */
char *read_whole_file(const char *path, size_t *len);
/*
 * Replaces path with len bytes, atomically: a temporary file beside it,
 * synced, renamed over it. 0, or -1 with errno set (nothing is left behind).
 */
int write_whole_file(const char *path, const void *data, size_t len);
/* open_memstream that aborts, as xmalloc does, when it cannot. */
FILE *xmemstream(char **buf, size_t *len);
/* FNV-1a 64 of a string, for hash tables. */
uint64_t strhash64(const char *s);
char *xfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used; /* bytes handed out, for statistics */
};

void arena_init(struct arena *a);
/* Zeroed memory owned by the arena; valid until arena_release. */
void *arena_alloc(struct arena *a, size_t n);
/* Like arena_alloc, but the memory is not cleared: for objects filled at once. */
void *arena_alloc_uninit(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_fmt(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vfmt(struct arena *a, const char *fmt, va_list ap);
/* Frees every block; the arena can be used again after arena_init. */
void arena_release(struct arena *a);

/*
 * A growable array of pointers, allocated on the heap. Used where the number
 * of elements is not known up front.
 */
struct ptrvec {
	void **v;
	unsigned n, cap;
};

void ptrvec_push(struct ptrvec *pv, void *p);
void ptrvec_free(struct ptrvec *pv);

/*
 * A map from strings to pointers, on the heap (open addressing). Zero-
 * initialize it; iterate over v[0..cap) skipping entries whose key is NULL.
 */
struct strmap {
	struct strmap_ent {
		char *key; /* a copy owned by the map */
		void *val;
	} * v;
	unsigned n, cap; /* cap is a power of two */
};

/*
 * The value slot of key, added (holding NULL) when missing; *added (when not
 * NULL) says whether it was. The slot is valid until the next call.
 */
void **strmap_slot(struct strmap *m, const char *key, bool *added);
/* Frees the keys, the values through free_val when not NULL, and the table. */
void strmap_free(struct strmap *m, void (*free_val)(void *));

#endif
