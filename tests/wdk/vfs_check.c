/*
 * Driver for tests/wdk_model.sh. Arguments come in pairs DIR COPY: for each
 * it asks vfs_overlay_path() for DIR's overlay, checks that a second call
 * returns the cached path, copies the overlay to COPY (the original is
 * removed at exit) and prints the original path so the caller can check
 * that the cleanup ran. A missing directory must be refused. Exit status 0
 * on success.
 */
#include <stdio.h>

#include "vfs.h"

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	FILE *out = in ? fopen(to, "wb") : NULL;
	char buf[4096];
	size_t n;
	int rc = 0;

	if (!in || !out) {
		fprintf(stderr, "vfs_check: cannot copy '%s' to '%s'\n", from, to);
		if (in)
			fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 3 || argc % 2 == 0) {
		fprintf(stderr, "usage: vfs_check DIR COPY [DIR COPY]...\n");
		return 2;
	}
	for (i = 1; i + 1 < argc; i += 2) {
		const char *path = vfs_overlay_path(argv[i]);

		if (!path)
			return 1;
		if (vfs_overlay_path(argv[i]) != path) {
			fprintf(stderr, "vfs_check: second call for '%s' did not reuse '%s'\n",
				argv[i], path);
			return 1;
		}
		if (copy_file(path, argv[i + 1]) != 0)
			return 1;
		printf("%s\n", path);
	}
	if (vfs_overlay_path("/nonexistent/fltcheck-vfs-check") != NULL) {
		fprintf(stderr, "vfs_check: a missing directory was accepted\n");
		return 1;
	}
	return 0;
}
