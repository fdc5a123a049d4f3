/*
 * Baseline files: see baseline.h.
 */
#include "baseline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "json.h"
#include "rule.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int baseline_read(const char *path, struct ptrvec *fps, char **err)
{
	struct json_value *root = json_parse_file(path, "baseline", err);
	if (!root)
		return -1;
	int rc = -1;
	const struct json_value *ver = json_get(root, "version");
	const struct json_value *fpv = json_get(root, "fingerprint_version");
	const struct json_value *list = json_get(root, "findings");
	if (root->type != JSON_OBJECT || !ver || ver->type != JSON_NUMBER) {
		*err = xfmt("'%s' is not an fltcheck baseline (no \"version\")", path);
	} else if (ver->number != BASELINE_VERSION) {
		*err = xfmt("baseline '%s' has version %g; this fltcheck reads version %d", path,
			    ver->number, BASELINE_VERSION);
	} else if (!fpv || fpv->type != JSON_NUMBER || fpv->number != FINGERPRINT_VERSION) {
		*err = xfmt("baseline '%s' has fingerprints of another scheme; write it again "
			    "with 'fltcheck baseline write'",
			    path);
	} else if (!list || list->type != JSON_ARRAY) {
		*err = xfmt("baseline '%s' has no \"findings\" array", path);
	} else {
		rc = 0;
		for (size_t i = 0; i < list->n && rc == 0; i++) {
			const char *fp = json_string(json_get(list->items[i], "fingerprint"));
			if (!fp || !fingerprint_well_formed(fp)) {
				*err = xfmt(
					"baseline '%s': finding %zu (line %u) has no well-formed "
					"\"fingerprint\" (16 lowercase hex digits)",
					path, i + 1, list->items[i]->line);
				rc = -1;
			} else {
				ptrvec_push(fps, xstrdup(fp));
			}
		}
	}
	json_free(root);
	if (rc != 0) {
		for (unsigned i = 0; i < fps->n; i++)
			free(fps->v[i]);
		fps->n = 0;
		return -1;
	}
	if (fps->n > 1)
		qsort(fps->v, fps->n, sizeof(void *), cmp_str);
	unsigned k = 0;
	for (unsigned i = 0; i < fps->n; i++) {
		if (k && !strcmp(fps->v[k - 1], fps->v[i]))
			free(fps->v[i]);
		else
			fps->v[k++] = fps->v[i];
	}
	fps->n = k;
	return 0;
}

bool baseline_has(const struct ptrvec *fps, const char *fp)
{
	return fps->n && bsearch(&fp, fps->v, fps->n, sizeof(void *), cmp_str) != NULL;
}

struct entry {
	const struct finding *f;
	char *rel;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->rel, y->rel);
	if (!c)
		c = strcmp(x->f->rule->id, y->f->rule->id);
	if (!c)
		c = strcmp(x->f->fingerprint, y->f->fingerprint);
	return c;
}

int baseline_write(const char *path, const struct findings *fs, const char *root, char **err)
{
	struct entry *e = xcalloc(fs->n + 1, sizeof(*e));
	for (unsigned i = 0; i < fs->n; i++) {
		e[i].f = &fs->v[i];
		e[i].rel = fingerprint_relpath(fs->v[i].file, root);
	}
	if (fs->n > 1)
		qsort(e, fs->n, sizeof(*e), cmp_entry);
	char *text = NULL;
	size_t len = 0;
	FILE *f = xmemstream(&text, &len);
	fprintf(f,
		"{\n  \"version\": %d,\n  \"tool\": \"fltcheck\",\n  "
		"\"fingerprint_version\": %d,\n  \"findings\": [",
		BASELINE_VERSION, FINGERPRINT_VERSION);
	unsigned written = 0;
	for (unsigned i = 0; i < fs->n; i++) {
		const struct finding *x = e[i].f;
		/* equal fingerprints have equal rules and files: adjacent */
		bool dup = i && !strcmp(e[i - 1].f->fingerprint, x->fingerprint);
		if (dup || !x->fingerprint[0])
			continue;
		fputs(written++ ? ",\n    {" : "\n    {", f);
		fputs("\"fingerprint\": ", f);
		json_write_string(f, x->fingerprint);
		fputs(", \"rule\": ", f);
		json_write_string(f, x->rule->id);
		fputs(", \"file\": ", f);
		json_write_string(f, e[i].rel);
		fputs(", \"function\": ", f);
		json_write_string(f, x->function);
		fputs(", \"message\": ", f);
		json_write_string(f, x->message);
		fputs("}", f);
	}
	fputs(written ? "\n  ]\n}\n" : "]\n}\n", f);
	fclose(f);
	int rc = 0;
	if (write_whole_file(path, text, len) != 0) {
		*err = xfmt("cannot write baseline '%s': %s", path, strerror(errno));
		rc = -1;
	}
	free(text);
	for (unsigned i = 0; i < fs->n; i++)
		free(e[i].rel);
	free(e);
	return rc;
}
