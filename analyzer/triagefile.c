/*
 * Triage files: see triagefile.h.
 */
#include "triagefile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "json.h"

static void put_field(FILE *f, const char *name, const char *value)
{
	fprintf(f, ", \"%s\": ", name);
	if (value)
		json_write_string(f, value);
	else
		fputs("null", f);
}

int triagefile_write(const char *path, const struct store_triage_row *rows, unsigned n, char **err)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = xmemstream(&text, &len);
	fprintf(f,
		"{\n  \"version\": %d,\n  \"tool\": \"fltcheck\",\n  \"kind\": \"triage\",\n  "
		"\"fingerprint_version\": %d,\n  \"decisions\": [",
		TRIAGEFILE_VERSION, FINGERPRINT_VERSION);
	for (unsigned i = 0; i < n; i++) {
		const struct store_triage_row *r = &rows[i];
		fputs(i ? ",\n    {" : "\n    {", f);
		fputs("\"fingerprint\": ", f);
		json_write_string(f, r->fingerprint);
		put_field(f, "state", r->state);
		put_field(f, "note", r->note);
		put_field(f, "updated_at", r->updated_at);
		put_field(f, "rule", r->rule);
		put_field(f, "file", r->file);
		put_field(f, "function", r->function);
		fputs("}", f);
	}
	fputs(n ? "\n  ]\n}\n" : "]\n}\n", f);
	fclose(f);
	int rc = 0;
	if (write_whole_file(path, text, len) != 0) {
		*err = xfmt("cannot write triage file '%s': %s", path, strerror(errno));
		rc = -1;
	}
	free(text);
	return rc;
}

/* "YYYY-MM-DDTHH:MM:SSZ", as the database writes times. */
static bool utc_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	for (size_t i = 0; i < sizeof(shape) - 1; i++) {
		if (!s[i])
			return false;
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
			return false;
	}
	return s[sizeof(shape) - 1] == '\0';
}

int triagefile_read(const char *path, struct arena *a, struct store_triage_row **rows, unsigned *n,
		    char **err)
{
	*rows = NULL;
	*n = 0;
	struct json_value *root = json_parse_file(path, "triage file", err);
	if (!root)
		return -1;
	int rc = -1;
	const struct json_value *ver = json_get(root, "version");
	const char *kind = json_string(json_get(root, "kind"));
	const struct json_value *fpv = json_get(root, "fingerprint_version");
	const struct json_value *list = json_get(root, "decisions");
	if (root->type != JSON_OBJECT || !ver || ver->type != JSON_NUMBER || !kind ||
	    strcmp(kind, "triage") != 0) {
		*err = xfmt("'%s' is not an fltcheck triage file (see 'fltcheck triage --help')",
			    path);
	} else if (ver->number != TRIAGEFILE_VERSION) {
		*err = xfmt("triage file '%s' has version %g; this fltcheck reads version %d", path,
			    ver->number, TRIAGEFILE_VERSION);
	} else if (!fpv || fpv->type != JSON_NUMBER || fpv->number != FINGERPRINT_VERSION) {
		*err = xfmt("triage file '%s' has fingerprints of another scheme than this "
			    "fltcheck's (%d)",
			    path, FINGERPRINT_VERSION);
	} else if (!list || list->type != JSON_ARRAY) {
		*err = xfmt("triage file '%s' has no \"decisions\" array", path);
	} else {
		rc = 0;
		struct store_triage_row *v = arena_alloc(a, (list->n + 1) * sizeof(*v));
		for (size_t i = 0; i < list->n && rc == 0; i++) {
			const struct json_value *d = list->items[i];
			const char *fp = json_string(json_get(d, "fingerprint"));
			const char *state = json_string(json_get(d, "state"));
			const struct json_value *note = json_get(d, "note");
			const char *at = json_string(json_get(d, "updated_at"));
			const char *bad = NULL;
			if (d->type != JSON_OBJECT)
				bad = "is not an object";
			else if (!fp || !fingerprint_well_formed(fp))
				bad = "has no well-formed \"fingerprint\" (16 lowercase hex "
				      "digits)";
			else if (!state || !store_triage_state_valid(state))
				bad = "has no \"state\" of open, confirmed, false-positive or "
				      "intentional";
			else if (note && note->type != JSON_NULL && note->type != JSON_STRING)
				bad = "has a \"note\" that is neither a string nor null";
			else if (!at || !utc_time(at))
				bad = "has no \"updated_at\" of the form YYYY-MM-DDTHH:MM:SSZ";
			if (bad) {
				*err = xfmt("triage file '%s': decision %zu (line %u) %s", path,
					    i + 1, d->line, bad);
				rc = -1;
				break;
			}
			struct store_triage_row *r = &v[i];
			r->fingerprint = arena_strdup(a, fp);
			r->state = arena_strdup(a, state);
			r->note = note && note->type == JSON_STRING
					  ? arena_strdup(a, json_string(note))
					  : NULL;
			r->updated_at = arena_strdup(a, at);
		}
		if (rc == 0) {
			*rows = v;
			*n = (unsigned)list->n;
		}
	}
	json_free(root);
	return rc;
}
