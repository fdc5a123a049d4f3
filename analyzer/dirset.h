/*
 * A set of directories by identity (device and inode), for walks that
 * follow symbolic links: a folder already visited is not entered again, so
 * symlink loops end and a folder reached by two links is listed once.
 */
#ifndef FLTCHECK_DIRSET_H
#define FLTCHECK_DIRSET_H

#include <stdbool.h>
#include <sys/stat.h>

struct dirset {
	struct dirset_id {
		dev_t dev;
		ino_t ino;
	} * v;
	unsigned n;
};

/* Adds the directory st describes; returns false when it was in the set already. */
bool dirset_add(struct dirset *s, const struct stat *st);
/* Empties the set (it can be used again). */
void dirset_clear(struct dirset *s);

#endif
