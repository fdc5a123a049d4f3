/*
 * Directory identity sets: see dirset.h.
 */
#include "dirset.h"

#include <stdlib.h>

#include "arena.h"

bool dirset_add(struct dirset *s, const struct stat *st)
{
	for (unsigned i = 0; i < s->n; i++)
		if (s->v[i].dev == st->st_dev && s->v[i].ino == st->st_ino)
			return false;
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	s->v[s->n].dev = st->st_dev;
	s->v[s->n].ino = st->st_ino;
	s->n++;
	return true;
}

void dirset_clear(struct dirset *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
}
