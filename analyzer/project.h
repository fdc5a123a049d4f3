/*
 * Where a project lives: its source root (the folder that fingerprints and
 * stored paths are relative to) and its database file.
 */
#ifndef FLTCHECK_PROJECT_H
#define FLTCHECK_PROJECT_H

/*
 * The source root as an absolute path (heap; the caller frees it): given
 * when not NULL (made absolute; NULL is returned when it does not exist),
 * otherwise the nearest folder, from the current one upwards, that holds a
 * .fltcheck folder or a .git entry, otherwise the current folder.
 */
char *project_root(const char *given);

/*
 * The database path (heap): given when not NULL, otherwise
 * <root>/.fltcheck/fltcheck.db.
 */
char *project_db_path(const char *given, const char *root);

/* Paths relative to the root: fingerprint_relpath (fingerprint.h). */

#endif
