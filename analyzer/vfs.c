/*
 * Clang VFS overlays for case-insensitive includes (see vfs.h).
 *
 * An overlay is a YAML file (written here in its JSON subset) that lists a
 * directory tree with `case-sensitive: false`; clang then resolves
 * `#include <FLTKERNEL.H>` to fltKernel.h under that tree while every path
 * outside it falls through to the real file system. Each distinct directory
 * gets one overlay per process, kept in a private mkdtemp directory that an
 * atexit handler empties and removes.
 */
#define _XOPEN_SOURCE 700

#include "vfs.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "dirset.h"

/* Deeper trees than this are assumed to be symbolic-link cycles. */
#define VFS_MAX_DEPTH 32
/* Entries of one overlay at most (a WDK's Include tree has a few thousand). */
#define VFS_MAX_ENTRIES 100000

struct vfs_entry {
	char *dir;     /* the directory as the caller named it */
	char *overlay; /* path of its overlay file */
};

static struct vfs_entry *vfs_entries;
static unsigned vfs_count;
static char *vfs_tmpdir;

static void vfs_cleanup(void)
{
	unsigned i;

	for (i = 0; i < vfs_count; i++) {
		unlink(vfs_entries[i].overlay);
		free(vfs_entries[i].overlay);
		free(vfs_entries[i].dir);
	}
	free(vfs_entries);
	vfs_entries = NULL;
	vfs_count = 0;
	if (vfs_tmpdir) {
		rmdir(vfs_tmpdir);
		free(vfs_tmpdir);
		vfs_tmpdir = NULL;
	}
}

/* Creates the private directory on first use; returns 0 or -1 with a message. */
static int vfs_make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *templ;

	if (vfs_tmpdir)
		return 0;
	if (!base || !*base)
		base = "/tmp";
	templ = xfmt("%s/fltcheck-vfs-XXXXXX", base);
	if (!mkdtemp(templ)) {
		fprintf(stderr, "fltcheck: cannot create temporary directory '%s': %s\n", templ,
			strerror(errno));
		free(templ);
		return -1;
	}
	vfs_tmpdir = templ;
	atexit(vfs_cleanup);
	return 0;
}

static void vfs_put_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void vfs_indent(FILE *out, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		fputs("  ", out);
}

static int vfs_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Writes the entries of directory `path` as the "contents" list of an
 * overlay directory node. Unreadable subdirectories and special files are
 * skipped; only an unreadable top directory is an error.
 */
/* Directories listed already in the overlay being written, and its entries so far. */
static struct dirset vfs_dirs_seen;
static unsigned long vfs_entries_written;

static int vfs_write_contents(FILE *out, const char *path, int depth)
{
	DIR *d = opendir(path);
	struct dirent *de;
	struct ptrvec names = { 0 };
	unsigned i, written = 0;

	if (!d) {
		if (depth == 0)
			fprintf(stderr, "fltcheck: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		ptrvec_push(&names, xstrdup(de->d_name));
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(names.v[0]), vfs_name_cmp);

	fputs("[", out);
	for (i = 0; i < names.n; i++) {
		const char *name = names.v[i];
		char *child = xfmt("%s/%s", path, name);
		struct stat st;

		/* hidden folders (.git, .vs, .fltcheck) hold no headers, and can hold many files */
		if (vfs_entries_written >= VFS_MAX_ENTRIES || stat(child, &st) != 0 ||
		    (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) ||
		    (S_ISDIR(st.st_mode) && (name[0] == '.' || depth + 1 >= VFS_MAX_DEPTH)) ||
		    (S_ISDIR(st.st_mode) && !dirset_add(&vfs_dirs_seen, &st))) {
			free(child);
			continue;
		}
		vfs_entries_written++;
		fputs(written++ ? ",\n" : "\n", out);
		vfs_indent(out, depth + 2);
		if (S_ISDIR(st.st_mode)) {
			fputs("{ \"type\": \"directory\", \"name\": ", out);
			vfs_put_string(out, name);
			fputs(", \"contents\": ", out);
			if (vfs_write_contents(out, child, depth + 1) != 0)
				fputs("[]", out);
			fputs(" }", out);
		} else {
			fputs("{ \"type\": \"file\", \"name\": ", out);
			vfs_put_string(out, name);
			fputs(", \"external-contents\": ", out);
			vfs_put_string(out, child);
			fputs(" }", out);
		}
		free(child);
	}
	fputs("\n", out);
	vfs_indent(out, depth + 1);
	fputs("]", out);
	for (i = 0; i < names.n; i++)
		free(names.v[i]);
	ptrvec_free(&names);
	return 0;
}

/* Writes the overlay for `root` (an absolute, resolved path) to `file`. */
static int vfs_write_overlay(const char *file, const char *root)
{
	FILE *out = fopen(file, "w");
	int rc;

	if (!out) {
		fprintf(stderr, "fltcheck: cannot create '%s': %s\n", file, strerror(errno));
		return -1;
	}
	fputs("{\n  \"version\": 0,\n  \"case-sensitive\": \"false\",\n"
	      "  \"overlay-relative\": \"false\",\n  \"roots\": [\n"
	      "    { \"type\": \"directory\", \"name\": ",
	      out);
	vfs_put_string(out, root);
	fputs(",\n      \"contents\": ", out);
	dirset_clear(&vfs_dirs_seen);
	vfs_entries_written = 0;
	struct stat rst;
	if (stat(root, &rst) == 0)
		dirset_add(&vfs_dirs_seen, &rst);
	rc = vfs_write_contents(out, root, 0);
	fputs(" }\n  ]\n}\n", out);
	if (fclose(out) != 0 && rc == 0) {
		fprintf(stderr, "fltcheck: cannot write '%s': %s\n", file, strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		unlink(file);
	return rc;
}

const char *vfs_overlay_path(const char *dir)
{
	char resolved[PATH_MAX];
	struct stat st;
	char *file;
	unsigned i;

	for (i = 0; i < vfs_count; i++)
		if (strcmp(vfs_entries[i].dir, dir) == 0)
			return vfs_entries[i].overlay;

	if (!realpath(dir, resolved)) {
		fprintf(stderr, "fltcheck: cannot resolve '%s': %s\n", dir, strerror(errno));
		return NULL;
	}
	if (stat(resolved, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "fltcheck: cannot use '%s': not a directory\n", dir);
		return NULL;
	}
	if (vfs_make_tmpdir() != 0)
		return NULL;
	file = xfmt("%s/overlay-%u.yaml", vfs_tmpdir, vfs_count);
	if (vfs_write_overlay(file, resolved) != 0) {
		free(file);
		return NULL;
	}
	vfs_entries = xrealloc(vfs_entries, (vfs_count + 1) * sizeof(*vfs_entries));
	vfs_entries[vfs_count].dir = xstrdup(dir);
	vfs_entries[vfs_count].overlay = file;
	vfs_count++;
	return file;
}
