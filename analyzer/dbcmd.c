/*
 * The database commands: see dbcmd.h.
 */
#include "dbcmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "baseline.h"
#include "exitcode.h"
#include "json.h"
#include "project.h"
#include "rule.h"
#include "store.h"

static const char *const commands[] = { "runs", "findings", "diff", "triage", "baseline" };

bool dbcmd_is_command(const char *name)
{
	for (unsigned i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(name, commands[i]))
			return true;
	return false;
}

static const char help_text[] =
	"usage: fltcheck runs     [--format text|json]\n"
	"       fltcheck findings [--run N|LABEL] [--rule ID] [--state S] [--format text|json]\n"
	"       fltcheck diff A B [--format text|json]\n"
	"       fltcheck triage <fingerprint> --state S [--note TEXT]\n"
	"       fltcheck baseline write FILE [--run N|LABEL]\n"
	"\n"
	"Read the findings database without analysing anything (triage writes a decision).\n"
	"  runs      the stored runs, oldest first, with their counts\n"
	"  findings  the findings of a run (default: the newest), with fingerprint and triage\n"
	"            state; exit 1 when one of them is open or confirmed\n"
	"  diff      findings new in run B, fixed since run A, and unchanged (matched by\n"
	"            fingerprint); exit 1 when B has new findings\n"
	"  triage    record a review decision for a fingerprint (the full 16 digits or a\n"
	"            unique prefix of 6 or more): S is confirmed, false-positive,\n"
	"            intentional or open; false-positive and intentional findings are no\n"
	"            longer shown by scans nor fail them\n"
	"  baseline write  the fingerprints of a run's findings as a sorted JSON file to\n"
	"            commit; scans given --baseline FILE fail only on findings not in it\n"
	"A run is named by its id or by its --revision label.\n"
	"\n"
	"options: --db FILE (default <root>/.fltcheck/fltcheck.db), --root DIR\n"
	"exit status: 0, 1 as above, 2 usage error, 4 database error\n";

static int usage(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "fltcheck %s: error: ", cmd);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see 'fltcheck %s --help')\n", cmd);
	return EXIT_USAGE;
}

/* ---- reading findings back ------------------------------------------------------------- */

struct load_ctx {
	struct findings *out;
	const char *root;
	bool warned;
};

static char *join_root(const char *root, const char *path)
{
	if (!path)
		return xstrdup("");
	if (path[0] == '/' || !root || !*root)
		return xstrdup(path);
	return xfmt("%s/%s", root, path);
}

/* A stored location object {"file", "line", "col", "msg"}. */
static bool read_loc(const struct json_value *v, const char *root, char **file, unsigned *line,
		     unsigned *col, char **msg)
{
	if (!v || v->type != JSON_OBJECT)
		return false;
	const struct json_value *l = json_get(v, "line"), *c = json_get(v, "col");
	*file = join_root(root, json_string(json_get(v, "file")));
	*line = l && l->type == JSON_NUMBER ? (unsigned)l->number : 0;
	*col = c && c->type == JSON_NUMBER ? (unsigned)c->number : 0;
	const char *m = json_string(json_get(v, "msg"));
	*msg = xstrdup(m ? m : "");
	return true;
}

static int load_cb(void *ctx, const struct store_finding *sf)
{
	struct load_ctx *lc = ctx;
	const struct rule *r = rule_find(sf->rule);
	if (!r) {
		if (!lc->warned)
			fprintf(stderr,
				"fltcheck: warning: the database holds findings of rule '%s', "
				"which this fltcheck does not know; they are left out\n",
				sf->rule);
		lc->warned = true;
		return 0;
	}
	struct findings *fs = lc->out;
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->v = xrealloc(fs->v, fs->cap * sizeof(*fs->v));
	}
	struct finding *f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->rule = r;
	f->file = join_root(lc->root, sf->file);
	f->line = sf->line;
	f->col = sf->col;
	f->function = xstrdup(sf->function ? sf->function : "");
	f->message = xstrdup(sf->message ? sf->message : "");
	snprintf(f->fingerprint, sizeof(f->fingerprint), "%s", sf->fingerprint);
	f->triage_state = xstrdup(sf->state ? sf->state : "open");
	f->triage_note = sf->note ? xstrdup(sf->note) : NULL;
	struct json_value *steps =
		sf->steps ? json_parse(sf->steps, strlen(sf->steps), NULL) : NULL;
	if (steps && steps->type == JSON_ARRAY) {
		f->steps = xcalloc(steps->n + 1, sizeof(*f->steps));
		for (size_t i = 0; i < steps->n; i++) {
			struct finding_step *s = &f->steps[f->nsteps];
			if (read_loc(steps->items[i], lc->root, &s->file, &s->line, &s->col,
				     &s->msg))
				f->nsteps++;
		}
	}
	json_free(steps);
	struct json_value *rel =
		sf->related ? json_parse(sf->related, strlen(sf->related), NULL) : NULL;
	read_loc(rel, lc->root, &f->related_file, &f->related_line, &f->related_col,
		 &f->related_msg);
	json_free(rel);
	return 0;
}

int dbcmd_load_findings(struct store *s, int64_t run_id, const char *rule, const char *state,
			struct findings *out)
{
	struct arena a;
	arena_init(&a);
	struct store_run run;
	int rc = store_get_run(s, run_id, &a, &run);
	if (rc == STORE_OK) {
		struct load_ctx lc = { out, run.source_root, false };
		rc = store_get_findings(s, run_id, rule, state, load_cb, &lc);
	}
	arena_release(&a);
	findings_sort(out);
	return rc;
}

int64_t dbcmd_find_run(struct store *s, const char *spec)
{
	int64_t found = 0;
	if (!spec) {
		if (store_latest_run(s, &found) != STORE_OK)
			found = 0;
		return found;
	}
	char *end;
	long long id = strtoll(spec, &end, 10);
	struct arena a;
	arena_init(&a);
	struct store_run run;
	if (*spec && !*end && id > 0 && store_get_run(s, id, &a, &run) == STORE_OK && run.complete)
		found = id;
	else if (store_run_by_revision(s, spec, &found) != STORE_OK)
		found = 0;
	arena_release(&a);
	return found;
}

/* ---- options ------------------------------------------------------------------------- */

struct dbopts {
	const char *cmd;
	const char *db, *root, *format, *run, *rule, *state, *note;
	const char *pos[3];
	unsigned npos;
};

static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (!strncmp(argv[*i], name, n) && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (strcmp(argv[*i], name) != 0)
		return NULL;
	if (*i + 1 >= argc)
		return "";
	return argv[++*i];
}

/* Parses the options; returns -1 to go on, or an exit status. */
static int parse_opts(int argc, char **argv, struct dbopts *o)
{
	static const char *const names[] = { "--db",   "--root",  "--format", "--run",
					     "--rule", "--state", "--note" };
	memset(o, 0, sizeof(*o));
	o->cmd = argv[0];
	o->format = "text";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(help_text, stdout);
			return EXIT_CLEAN;
		}
		const char **slot[] = { &o->db,   &o->root,  &o->format, &o->run,
					&o->rule, &o->state, &o->note };
		bool matched = false;
		for (unsigned k = 0; k < sizeof(names) / sizeof(names[0]) && !matched; k++) {
			const char *v = opt_value(argc, argv, &i, names[k]);
			if (!v)
				continue;
			if (!*v)
				return usage(o->cmd, "%s needs a value", names[k]);
			*slot[k] = v;
			matched = true;
		}
		if (matched)
			continue;
		if (a[0] == '-' && a[1])
			return usage(o->cmd, "unknown option '%s'", a);
		if (o->npos == 3)
			return usage(o->cmd, "unexpected argument '%s'", a);
		o->pos[o->npos++] = a;
	}
	if (strcmp(o->format, "text") && strcmp(o->format, "json"))
		return usage(o->cmd, "unknown format '%s': use text or json", o->format);
	if (o->rule && !rule_find(o->rule)) {
		fprintf(stderr,
			"fltcheck %s: error: unknown rule '%s' (see 'fltcheck --list-rules')\n",
			o->cmd, o->rule);
		return EXIT_USAGE;
	}
	if (o->state && !store_triage_state_valid(o->state))
		return usage(o->cmd,
			     "unknown state '%s': use open, confirmed, false-positive or "
			     "intentional",
			     o->state);
	return -1;
}

/* Opens the existing database; returns NULL after printing why (and sets *rc). */
static struct store *open_existing(const struct dbopts *o, int *rc)
{
	char *root = project_root(o->root);
	if (!root) {
		fprintf(stderr, "fltcheck %s: error: cannot open source root '%s': %s\n", o->cmd,
			o->root, strerror(errno));
		*rc = EXIT_USAGE;
		return NULL;
	}
	char *path = project_db_path(o->db, root);
	struct stat st;
	struct store *s = NULL;
	if (stat(path, &st) != 0) {
		fprintf(stderr,
			"fltcheck %s: error: no database at '%s' (run a scan first, or pass "
			"--db)\n",
			o->cmd, path);
		*rc = EXIT_USAGE;
	} else {
		char *err = NULL;
		if (store_open(path, &s, &err) != STORE_OK) {
			fprintf(stderr, "fltcheck %s: error: %s\n", o->cmd,
				err ? err : "cannot open database");
			free(err);
			*rc = EXIT_DATABASE;
			s = NULL;
		}
	}
	free(path);
	free(root);
	return s;
}

static int db_failed(const struct dbopts *o, struct store *s)
{
	fprintf(stderr, "fltcheck %s: error: %s\n", o->cmd,
		store_errmsg(s) ? store_errmsg(s) : "database error");
	return EXIT_DATABASE;
}

/* The run named by spec (NULL: the newest), or 0 after printing why. */
static int64_t need_run(const struct dbopts *o, struct store *s, const char *spec)
{
	int64_t id = dbcmd_find_run(s, spec);
	if (!id) {
		if (spec)
			fprintf(stderr,
				"fltcheck %s: error: no run '%s' in the database (see 'fltcheck "
				"runs')\n",
				o->cmd, spec);
		else
			fprintf(stderr, "fltcheck %s: error: the database holds no run yet\n",
				o->cmd);
	}
	return id;
}

/* ---- runs ------------------------------------------------------------------------------- */

static int count_cb(void *ctx, const struct store_finding *f)
{
	(void)f;
	(*(unsigned *)ctx)++;
	return 0;
}

struct runs_ctx {
	struct store *s;
	bool json;
	unsigned n;
	struct ptrvec ids;
};

static int runs_collect(void *ctx, const struct store_run *r)
{
	struct runs_ctx *rc = ctx;
	if (r->complete)
		ptrvec_push(&rc->ids, (void *)(intptr_t)r->id);
	return 0;
}

static int cmd_runs(const struct dbopts *o, struct store *s)
{
	if (o->npos)
		return usage(o->cmd, "unexpected argument '%s'", o->pos[0]);
	struct runs_ctx rc = { s, !strcmp(o->format, "json"), 0, { 0 } };
	if (store_list_runs(s, runs_collect, &rc) < 0)
		return db_failed(o, s);
	if (rc.json)
		fputs("{\n  \"runs\": [", stdout);
	else
		printf("%-5s %-20s %-16s %8s %6s %8s  %s\n", "run", "started (UTC)", "revision",
		       "analyzed", "failed", "findings", "version");
	for (unsigned i = 0; i < rc.ids.n; i++) {
		int64_t id = (int64_t)(intptr_t)rc.ids.v[i];
		struct arena a;
		arena_init(&a);
		struct store_run r;
		unsigned nf = 0;
		if (store_get_run(s, id, &a, &r) != STORE_OK ||
		    store_get_findings(s, id, NULL, NULL, count_cb, &nf) < 0) {
			arena_release(&a);
			ptrvec_free(&rc.ids);
			return db_failed(o, s);
		}
		if (rc.json) {
			printf("%s\n    {\"id\": %lld, \"started_at\": ", i ? "," : "",
			       (long long)id);
			json_write_string(stdout, r.started_at);
			fputs(", \"finished_at\": ", stdout);
			json_write_string(stdout, r.finished_at ? r.finished_at : "");
			fputs(", \"revision\": ", stdout);
			if (r.revision)
				json_write_string(stdout, r.revision);
			else
				fputs("null", stdout);
			printf(", \"files_analyzed\": %u, \"files_failed\": %u, \"findings\": %u, "
			       "\"tool_version\": ",
			       r.files_analyzed, r.files_failed, nf);
			json_write_string(stdout, r.tool_version);
			fputs(", \"source_root\": ", stdout);
			json_write_string(stdout, r.source_root);
			fputs("}", stdout);
		} else {
			printf("%-5lld %-20s %-16s %8u %6u %8u  %s\n", (long long)id, r.started_at,
			       r.revision ? r.revision : "-", r.files_analyzed, r.files_failed, nf,
			       r.tool_version);
		}
		arena_release(&a);
	}
	if (rc.json)
		fputs(rc.ids.n ? "\n  ]\n}\n" : "]\n}\n", stdout);
	ptrvec_free(&rc.ids);
	return EXIT_CLEAN;
}

/* ---- findings ----------------------------------------------------------------------------- */

static int cmd_findings(const struct dbopts *o, struct store *s)
{
	if (o->npos)
		return usage(o->cmd, "unexpected argument '%s'", o->pos[0]);
	int64_t run = need_run(o, s, o->run);
	if (!run)
		return EXIT_USAGE;
	struct findings fs = { 0 };
	if (dbcmd_load_findings(s, run, o->rule, o->state, &fs) < 0) {
		findings_free(&fs);
		return db_failed(o, s);
	}
	if (!strcmp(o->format, "json"))
		findings_print_json(stdout, &fs, NULL, 0);
	else
		findings_print_text(stdout, &fs);
	int rc = EXIT_CLEAN;
	for (unsigned i = 0; i < fs.n; i++)
		if (!strcmp(fs.v[i].triage_state, "open") ||
		    !strcmp(fs.v[i].triage_state, "confirmed"))
			rc = EXIT_FINDINGS;
	findings_free(&fs);
	return rc;
}

/* ---- diff ----------------------------------------------------------------------------- */

static const struct finding *by_fingerprint(const struct findings *fs, const char *fp)
{
	for (unsigned i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].fingerprint, fp))
			return &fs->v[i];
	return NULL;
}

static void diff_item(bool json, bool *first, const char *kind, const struct finding *f)
{
	if (json) {
		fputs(*first ? "\n    {" : ",\n    {", stdout);
		*first = false;
		fputs("\"fingerprint\": ", stdout);
		json_write_string(stdout, f->fingerprint);
		fputs(", \"rule\": ", stdout);
		json_write_string(stdout, f->rule->id);
		fputs(", \"file\": ", stdout);
		json_write_string(stdout, finding_display_path(f->file));
		printf(", \"line\": %u, \"column\": %u, \"function\": ", f->line, f->col);
		json_write_string(stdout, f->function);
		fputs(", \"message\": ", stdout);
		json_write_string(stdout, f->message);
		fputs("}", stdout);
	} else {
		printf("%s: %s:%u:%u: %s: %s [%s] %s\n", kind, finding_display_path(f->file),
		       f->line, f->col, rule_severity_name(f->rule->severity), f->message,
		       f->rule->id, f->fingerprint);
	}
}

static int cmd_diff(const struct dbopts *o, struct store *s)
{
	if (o->npos != 2)
		return usage(o->cmd, "%s", "needs two runs: fltcheck diff A B");
	int64_t a = need_run(o, s, o->pos[0]), b = a ? need_run(o, s, o->pos[1]) : 0;
	if (!a || !b)
		return EXIT_USAGE;
	struct findings fa = { 0 }, fb = { 0 };
	if (dbcmd_load_findings(s, a, NULL, NULL, &fa) < 0 ||
	    dbcmd_load_findings(s, b, NULL, NULL, &fb) < 0) {
		findings_free(&fa);
		findings_free(&fb);
		return db_failed(o, s);
	}
	bool json = !strcmp(o->format, "json");
	unsigned nnew = 0, nfixed = 0, nsame = 0;
	for (unsigned i = 0; i < fb.n; i++)
		by_fingerprint(&fa, fb.v[i].fingerprint) ? nsame++ : nnew++;
	for (unsigned i = 0; i < fa.n; i++)
		nfixed += !by_fingerprint(&fb, fa.v[i].fingerprint);
	static const char *const kinds[] = { "new", "fixed", "unchanged" };
	if (json)
		printf("{\n  \"from\": %lld, \"to\": %lld,", (long long)a, (long long)b);
	else
		printf("run %lld -> run %lld: %u new, %u fixed, %u unchanged\n", (long long)a,
		       (long long)b, nnew, nfixed, nsame);
	for (unsigned k = 0; k < 3; k++) {
		const struct findings *list = k == 1 ? &fa : &fb;
		const struct findings *other = k == 1 ? &fb : &fa;
		bool first = true;
		if (json)
			printf("%s\n  \"%s\": [", k ? "," : "", kinds[k]);
		for (unsigned i = 0; i < list->n; i++) {
			bool in_other = by_fingerprint(other, list->v[i].fingerprint) != NULL;
			if ((k == 2) == in_other)
				diff_item(json, &first, kinds[k], &list->v[i]);
		}
		if (json)
			fputs(first ? "]" : "\n  ]", stdout);
	}
	if (json)
		fputs("\n}\n", stdout);
	findings_free(&fa);
	findings_free(&fb);
	return nnew ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* ---- triage --------------------------------------------------------------------------- */

static bool is_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

static int cmd_triage(const struct dbopts *o, struct store *s)
{
	if (o->npos != 1)
		return usage(o->cmd, "%s", "needs one fingerprint: fltcheck triage <fp> --state S");
	if (!o->state)
		return usage(o->cmd, "%s",
			     "needs --state confirmed|false-positive|intentional|open");
	const char *given = o->pos[0];
	size_t len = strlen(given);
	if (!is_hex(given) || len < 6 || len > 16)
		return usage(o->cmd,
			     "'%s' is not a fingerprint (6 to 16 lowercase hex digits; see "
			     "'fltcheck findings')",
			     given);
	struct arena a;
	arena_init(&a);
	const char *match = NULL;
	unsigned n = 0;
	int rc = EXIT_CLEAN;
	if (store_match_fingerprint(s, given, &a, &match, &n) != STORE_OK) {
		rc = db_failed(o, s);
	} else if (n > 1) {
		rc = usage(o->cmd, "the prefix '%s' matches several fingerprints: give more digits",
			   given);
	} else if (n == 0 && len < 16) {
		rc = usage(o->cmd, "no stored finding has a fingerprint starting with '%s'", given);
	} else {
		const char *fp = n ? match : given;
		if (!n)
			fprintf(stderr,
				"fltcheck triage: warning: no stored finding has fingerprint %s "
				"(yet); the decision is recorded anyway\n",
				fp);
		if (store_set_triage(s, fp, o->state, o->note) != STORE_OK)
			rc = db_failed(o, s);
		else
			printf("%s: %s%s%s\n", fp, o->state, o->note ? ": " : "",
			       o->note ? o->note : "");
	}
	arena_release(&a);
	return rc;
}

/* ---- baseline ----------------------------------------------------------------------------- */

static int cmd_baseline(const struct dbopts *o, struct store *s)
{
	if (o->npos != 2 || strcmp(o->pos[0], "write") != 0)
		return usage(o->cmd, "%s", "use: fltcheck baseline write FILE [--run N|LABEL]");
	int64_t run = need_run(o, s, o->run);
	if (!run)
		return EXIT_USAGE;
	struct arena a;
	arena_init(&a);
	struct store_run r;
	struct findings fs = { 0 };
	int rc = EXIT_CLEAN;
	if (store_get_run(s, run, &a, &r) != STORE_OK ||
	    dbcmd_load_findings(s, run, NULL, NULL, &fs) < 0) {
		rc = db_failed(o, s);
	} else {
		char *err = NULL;
		if (baseline_write(o->pos[1], &fs, r.source_root, &err) != 0) {
			fprintf(stderr, "fltcheck baseline: error: %s\n", err ? err : "?");
			free(err);
			rc = EXIT_USAGE;
		} else {
			printf("wrote %u fingerprint%s of run %lld to '%s'\n", fs.n,
			       fs.n == 1 ? "" : "s", (long long)run, o->pos[1]);
		}
	}
	findings_free(&fs);
	arena_release(&a);
	return rc;
}

int dbcmd_main(int argc, char **argv)
{
	struct dbopts o;
	int rc = parse_opts(argc, argv, &o);
	if (rc >= 0)
		return rc;
	struct store *s = open_existing(&o, &rc);
	if (!s)
		return rc;
	if (!strcmp(o.cmd, "runs"))
		rc = cmd_runs(&o, s);
	else if (!strcmp(o.cmd, "findings"))
		rc = cmd_findings(&o, s);
	else if (!strcmp(o.cmd, "diff"))
		rc = cmd_diff(&o, s);
	else if (!strcmp(o.cmd, "triage"))
		rc = cmd_triage(&o, s);
	else
		rc = cmd_baseline(&o, s);
	store_close(s);
	return rc;
}
