/*
 * A small cache of source files split into lines: see source.h.
 */
#include "source.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct src_file {
	char *text; /* NULL: the file could not be read */
	char **lines;
	unsigned nlines;
};

static struct strmap files; /* path -> struct src_file */

/* load may run on several engine threads at once. */
static pthread_mutex_t files_lock = PTHREAD_MUTEX_INITIALIZER;

static struct src_file *load_locked(const char *path);

static struct src_file *load(const char *path)
{
	pthread_mutex_lock(&files_lock);
	struct src_file *f = load_locked(path);
	pthread_mutex_unlock(&files_lock);
	return f;
}

static struct src_file *load_locked(const char *path)
{
	bool added;
	void **slot = strmap_slot(&files, path, &added);
	if (!added) {
		struct src_file *f = *slot;
		return f->text ? f : NULL;
	}
	struct src_file *f = xcalloc(1, sizeof(*f));
	*slot = f;
	size_t n;
	char *buf = read_whole_file(path, &n);
	if (!buf)
		return NULL;
	f->text = buf;
	unsigned cnt = 1;
	for (const char *q = buf, *end = buf + n; (q = memchr(q, '\n', (size_t)(end - q))); q++)
		cnt++;
	f->lines = xcalloc(cnt + 1, sizeof(char *));
	f->lines[f->nlines++] = buf;
	for (char *q = buf, *end = buf + n; (q = memchr(q, '\n', (size_t)(end - q))); q++) {
		*q = '\0';
		if (q > buf && q[-1] == '\r')
			q[-1] = '\0';
		f->lines[f->nlines++] = q + 1;
	}
	return f;
}

const char *source_line(const char *file, unsigned line)
{
	if (!file || !line)
		return NULL;
	struct src_file *f = load(file);
	if (!f || line > f->nlines)
		return NULL;
	return f->lines[line - 1];
}

char *source_expr_text(const char *file, unsigned line, unsigned col)
{
	const char *l = source_line(file, line);
	if (!l || col == 0 || col - 1 > strlen(l))
		return NULL;
	const char *p = l + col - 1, *start = p;
	int depth = 0;
	while (*p) {
		if (*p == '(' || *p == '[')
			depth++;
		else if (*p == ')' || *p == ']') {
			if (depth == 0)
				break;
			depth--;
		} else if (depth == 0 && (*p == ';' || *p == '{' || *p == '?' || *p == ',')) {
			break;
		} else if (p[0] == '/' && (p[1] == '/' || p[1] == '*')) {
			break;
		}
		p++;
	}
	while (p > start && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	if (p == start)
		return NULL;
	size_t n = (size_t)(p - start);
	if (n > 120)
		n = 120;
	char *out = xmalloc(n + 1);
	memcpy(out, start, n);
	out[n] = '\0';
	return out;
}

static void free_file(void *p)
{
	struct src_file *f = p;
	free(f->text);
	free(f->lines);
	free(f);
}

void source_release(void)
{
	strmap_free(&files, free_file);
}
