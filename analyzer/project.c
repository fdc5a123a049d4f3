/*
 * The project's source root and database location: see project.h.
 */
#include "project.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

static bool has_entry(const char *dir, const char *name)
{
	char *p = xfmt("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", name);
	struct stat st;
	bool ok = lstat(p, &st) == 0;
	free(p);
	return ok;
}

char *project_root(const char *given)
{
	if (given)
		return realpath(given, NULL);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		return xstrdup(".");
	char probe[PATH_MAX];
	memcpy(probe, cwd, sizeof(cwd));
	for (;;) {
		if (has_entry(probe, ".fltcheck") || has_entry(probe, ".git"))
			return xstrdup(probe);
		char *slash = strrchr(probe, '/');
		if (!slash || slash == probe)
			break;
		*slash = '\0';
	}
	return xstrdup(cwd);
}

char *project_db_path(const char *given, const char *root)
{
	if (given)
		return xstrdup(given);
	return xfmt("%s%s.fltcheck/fltcheck.db", root, strcmp(root, "/") ? "/" : "");
}
