/*
 * The database commands: see dbcmd.h.
 */
#include "dbcmd.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "baseline.h"
#include "cli.h"
#include "exitcode.h"
#include "fingerprint.h"
#include "json.h"
#include "project.h"
#include "rule.h"
#include "store.h"
#include "triagefile.h"

/* The options each command takes. */
enum {
	OPT_DB = 1 << 0,
	OPT_ROOT = 1 << 1,
	OPT_FORMAT = 1 << 2,
	OPT_RUN = 1 << 3,
	OPT_RULE = 1 << 4,
	OPT_STATE = 1 << 5,
	OPT_NOTE = 1 << 6,
};

#define COMMON_HELP                                                                    \
	"  --db FILE      the database (default: <root>/.fltcheck/fltcheck.db)\n"      \
	"  --root DIR     the source root (default: the nearest folder upwards with\n" \
	"                 a .fltcheck folder or a .git entry, else the current one)\n" \
	"  -h, --help     this text\n"
#define FORMAT_HELP "  --format F     text (the default) or json\n"
#define RUN_HELP    "A run is named by its id or by its --revision label (an id first).\n"

static const struct command {
	const char *name;
	unsigned opts;
	const char *help;
} commands[] = {
	{ "runs", OPT_DB | OPT_ROOT | OPT_FORMAT,
	  "usage: fltcheck runs [--format text|json] [--db FILE] [--root DIR]\n"
	  "\n"
	  "Lists the runs stored in the database, oldest first: id, start time (UTC),\n"
	  "--revision label, files analyzed, files not analyzed, number of findings and\n"
	  "the fltcheck version that made the run.\n"
	  "\n" FORMAT_HELP COMMON_HELP "\n"
	  "exit status: 0; 2 usage error or no database; 4 database error\n" },
	{ "findings", OPT_DB | OPT_ROOT | OPT_FORMAT | OPT_RUN | OPT_RULE | OPT_STATE,
	  "usage: fltcheck findings [--run N|LABEL] [--rule ID] [--state S]\n"
	  "                         [--format text|json] [--db FILE] [--root DIR]\n"
	  "\n"
	  "Prints the findings of a stored run (default: the newest) without analysing\n"
	  "anything, in the scan's text or JSON format, each with its fingerprint and\n"
	  "triage state: in text, a last note line per finding,\n"
	  "  FILE:LINE:COL: note: fingerprint <16 hex digits>, triage <state>[: <note>]\n"
	  "in JSON, \"fingerprint\", \"triage\" and \"triage_note\" members. Files the run\n"
	  "could not analyze are listed on stderr (text) or in \"not_analyzed\" (JSON).\n"
	  "\n"
	  "  --run N|LABEL  the run (see 'fltcheck runs')\n"
	  "  --rule ID      only this rule's findings (see 'fltcheck --list-rules')\n"
	  "  --state S      only findings in triage state S: open, confirmed,\n"
	  "                 false-positive or intentional\n" FORMAT_HELP COMMON_HELP "\n" RUN_HELP
	  "exit status: 0 when no listed finding is open or confirmed, 1 when one is;\n"
	  "2 usage error, no database or no such run; 4 database error\n" },
	{ "diff", OPT_DB | OPT_ROOT | OPT_FORMAT,
	  "usage: fltcheck diff A B [--format text|json] [--db FILE] [--root DIR]\n"
	  "\n"
	  "Compares the findings of run B with those of an earlier run A, matched by\n"
	  "fingerprint (so a finding that only moved is unchanged): new (in B, not in\n"
	  "A), fixed (in A, not in B) and unchanged. Triage states do not matter here.\n"
	  "Text: a summary line, then one line per finding,\n"
	  "  new|fixed|unchanged: FILE:LINE:COL: SEVERITY: MESSAGE [RULE] FINGERPRINT\n"
	  "Runs whose fingerprints are of different schemes cannot be compared.\n"
	  "\n" FORMAT_HELP COMMON_HELP "\n" RUN_HELP
	  "exit status: 0 when B has no new findings, 1 when it has; 2 usage error, no\n"
	  "database, no such run or runs that cannot be compared; 4 database error\n" },
	{ "triage", OPT_DB | OPT_ROOT | OPT_STATE | OPT_NOTE,
	  "usage: fltcheck triage FINGERPRINT --state S [--note TEXT]\n"
	  "                       [--db FILE] [--root DIR]\n"
	  "       fltcheck triage export FILE [--db FILE] [--root DIR]\n"
	  "       fltcheck triage import FILE [--db FILE] [--root DIR]\n"
	  "\n"
	  "Records a review decision for the findings with this fingerprint, in this\n"
	  "and every later run. FINGERPRINT is the full 16 hex digits, or a prefix of\n"
	  "6 or more that only one stored fingerprint starts with ('fltcheck findings'\n"
	  "shows them). A full fingerprint that no stored run has is recorded anyway,\n"
	  "with a warning. S is one of:\n"
	  "  confirmed       a real problem: still shown, still fails scans\n"
	  "  false-positive  not a problem: scans no longer show it nor fail on it\n"
	  "  intentional     correct as designed: likewise hidden\n"
	  "  open            undo an earlier decision\n"
	  "Prints the decision recorded: FINGERPRINT: STATE[: NOTE]\n"
	  "\n"
	  "  --state S      the decision (required)\n"
	  "  --note TEXT    why, kept with the decision\n"
	  "\n"
	  "'triage export FILE' writes every decision of the database (with its time,\n"
	  "and the rule, file and function of its newest finding) to FILE, a small\n"
	  "JSON file sorted by fingerprint, meant to be committed so that a team shares\n"
	  "its decisions. 'triage import FILE' merges one into the database: a decision\n"
	  "is taken when the database has none for that fingerprint or an older one;\n"
	  "a newer one here is kept. FILE is read whole before anything is written.\n" COMMON_HELP
	  "\n"
	  "exit status: 0; 2 usage error, no database, unknown or ambiguous fingerprint,\n"
	  "a FILE that cannot be read or written or is not a triage file; 4 database\n"
	  "error\n" },
	{ "baseline", OPT_DB | OPT_ROOT | OPT_RUN,
	  "usage: fltcheck baseline write FILE [--run N|LABEL] [--db FILE] [--root DIR]\n"
	  "\n"
	  "Writes the fingerprints of a run's findings (default: the newest run) to\n"
	  "FILE, a small JSON file sorted by file, rule and fingerprint, with paths\n"
	  "relative to the source root and no time stamps, meant to be committed and\n"
	  "reviewed. A scan given --baseline FILE then shows and fails only on findings\n"
	  "whose fingerprint is not in it. FILE is replaced atomically.\n"
	  "\n"
	  "  --run N|LABEL  the run (see 'fltcheck runs')\n" COMMON_HELP "\n" RUN_HELP
	  "exit status: 0; 2 usage error, no database, no such run or FILE cannot be\n"
	  "written; 4 database error\n" },
};

static const struct command *command_find(const char *name)
{
	for (unsigned i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

bool dbcmd_is_command(const char *name)
{
	return command_find(name) != NULL;
}

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
	unsigned unknown;      /* rows of rules this fltcheck does not know */
	char unknown_rule[64]; /* the first of those rules */
	int fp_version;        /* of the rows read: -1 none yet, -2 several */
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
		if (!lc->unknown++)
			snprintf(lc->unknown_rule, sizeof(lc->unknown_rule), "%s", sf->rule);
		return 0;
	}
	if (lc->fp_version == -1)
		lc->fp_version = sf->fingerprint_version;
	else if (lc->fp_version != sf->fingerprint_version)
		lc->fp_version = -2;
	char *file = join_root(lc->root, sf->file);
	struct ir_loc loc = { file, sf->line, sf->col };
	struct finding *f = findings_add(lc->out, r, loc, sf->function, sf->message);
	free(file);
	if (!f)
		return 0; /* the same rule at the same place twice: shown once, as by a scan */
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

/* dbcmd_load_findings; *fp_version (may be NULL) the fingerprint scheme of the rows
 * read: -1 when there were none, -2 when they mix schemes. */
static int load_findings(struct store *s, int64_t run_id, const char *rule, const char *state,
			 struct findings *out, int *fp_version)
{
	struct arena a;
	arena_init(&a);
	struct store_run run;
	struct load_ctx lc = { out, NULL, 0, "", -1 };
	int rc = store_get_run(s, run_id, &a, &run);
	if (rc == STORE_OK) {
		lc.root = run.source_root;
		rc = store_get_findings(s, run_id, rule, state, load_cb, &lc);
	}
	if (lc.unknown)
		fprintf(stderr,
			"fltcheck: warning: run %lld holds %u finding%s of rules this fltcheck "
			"does "
			"not know ('%s'%s); %s left out\n",
			(long long)run_id, lc.unknown, lc.unknown == 1 ? "" : "s", lc.unknown_rule,
			lc.unknown > 1 ? ", ..." : "", lc.unknown == 1 ? "it is" : "they are");
	arena_release(&a);
	findings_sort(out);
	if (fp_version)
		*fp_version = lc.fp_version;
	return rc;
}

int dbcmd_load_findings(struct store *s, int64_t run_id, const char *rule, const char *state,
			struct findings *out)
{
	return load_findings(s, run_id, rule, state, out, NULL);
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
	const struct command *c;
	const char *db, *root, *format, *run, *rule, *state, *note;
	const char *pos[3];
	unsigned npos;
	char fingerprint[17]; /* triage: the fingerprint given, lowercase */
};

/* Parses the options; returns -1 to go on, or an exit status. */
static int parse_opts(int argc, char **argv, struct dbopts *o)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = { { "--db", OPT_DB },    { "--root", OPT_ROOT }, { "--format", OPT_FORMAT },
		      { "--run", OPT_RUN },  { "--rule", OPT_RULE }, { "--state", OPT_STATE },
		      { "--note", OPT_NOTE } };
	memset(o, 0, sizeof(*o));
	o->cmd = argv[0];
	o->c = command_find(argv[0]);
	o->format = "text";
	if (!o->c) {
		fprintf(stderr, "fltcheck: error: unknown command '%s'\n", argv[0]);
		return EXIT_USAGE;
	}
	bool only_args = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || !a[1]) {
			if (o->npos == sizeof(o->pos) / sizeof(o->pos[0]))
				return usage(o->cmd, "unexpected argument '%s'", a);
			o->pos[o->npos++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(o->c->help, stdout);
			return EXIT_CLEAN;
		}
		const char **slot[] = { &o->db,   &o->root,  &o->format, &o->run,
					&o->rule, &o->state, &o->note };
		bool matched = false;
		for (unsigned k = 0; k < sizeof(names) / sizeof(names[0]) && !matched; k++) {
			if (!(o->c->opts & names[k].bit))
				continue;
			const char *v;
			if (!cli_opt(argc, argv, &i, names[k].name, &v))
				continue;
			if (!v || !*v)
				return usage(o->cmd, "%s needs a value", names[k].name);
			*slot[k] = v;
			matched = true;
		}
		if (!matched)
			return usage(o->cmd, "unknown option '%s'", a);
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

static bool is_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* Checks the command's arguments before the database is opened; returns -1 to go on,
 * or an exit status. */
static int check_args(struct dbopts *o)
{
	const char *cmd = o->c->name;
	unsigned want = 0;
	if (!strcmp(cmd, "diff")) {
		if (o->npos < 2)
			return usage(o->cmd, "%s", "needs two runs: fltcheck diff A B");
		want = 2;
	} else if (!strcmp(cmd, "triage") && o->npos >= 1 &&
		   (!strcmp(o->pos[0], "export") || !strcmp(o->pos[0], "import"))) {
		if (o->npos < 2)
			return usage(o->cmd, "needs a file: fltcheck triage %s FILE", o->pos[0]);
		if (o->state || o->note)
			return usage(o->cmd, "%s",
				     "--state and --note go with one fingerprint, not with "
				     "export or import");
		want = 2;
	} else if (!strcmp(cmd, "triage")) {
		if (o->npos < 1)
			return usage(o->cmd, "%s",
				     "needs a fingerprint: fltcheck triage FINGERPRINT --state S");
		want = 1;
		const char *fp = o->pos[0];
		size_t len = strlen(fp);
		for (size_t i = 0; i < len && i < sizeof(o->fingerprint) - 1; i++)
			o->fingerprint[i] = (char)tolower((unsigned char)fp[i]);
		if (len < 6 || len > 16 || !is_hex(o->fingerprint))
			return usage(o->cmd, "'%s' is not a fingerprint (6 to 16 hex digits)", fp);
		if (!o->state)
			return usage(
				o->cmd, "%s",
				"needs --state confirmed, false-positive, intentional or open");
	} else if (!strcmp(cmd, "baseline")) {
		if (o->npos < 1 || strcmp(o->pos[0], "write") != 0)
			return usage(o->cmd, "%s",
				     o->npos ? "unknown subcommand: use 'baseline write FILE'"
					     : "needs a subcommand: fltcheck baseline write FILE");
		if (o->npos < 2)
			return usage(o->cmd, "%s", "needs a file: fltcheck baseline write FILE");
		want = 2;
	}
	if (o->npos > want)
		return usage(o->cmd, "unexpected argument '%s'", o->pos[want]);
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

/* The files a run could not analyze: absolute paths and reasons (heap). */
struct failed_files {
	const char *root;
	struct ptrvec paths, reasons;
};

static int failed_cb(void *ctx, const char *path, const char *status, const char *reason)
{
	struct failed_files *ff = ctx;
	if (strcmp(status, "failed") != 0)
		return 0;
	ptrvec_push(&ff->paths, join_root(ff->root, path));
	ptrvec_push(&ff->reasons, xstrdup(reason ? reason : "cannot parse"));
	return 0;
}

static void failed_free(struct failed_files *ff)
{
	for (unsigned i = 0; i < ff->paths.n; i++) {
		free(ff->paths.v[i]);
		free(ff->reasons.v[i]);
	}
	ptrvec_free(&ff->paths);
	ptrvec_free(&ff->reasons);
}

static int cmd_findings(const struct dbopts *o, struct store *s)
{
	int64_t run = need_run(o, s, o->run);
	if (!run)
		return EXIT_USAGE;
	struct arena a;
	arena_init(&a);
	struct store_run r;
	struct findings fs = { 0 };
	struct failed_files ff = { 0 };
	int rc = EXIT_CLEAN;
	if (store_get_run(s, run, &a, &r) != STORE_OK) {
		rc = db_failed(o, s);
		goto out;
	}
	ff.root = r.source_root;
	if (load_findings(s, run, o->rule, o->state, &fs, NULL) < 0 ||
	    store_get_run_files(s, run, failed_cb, &ff) < 0) {
		rc = db_failed(o, s);
		goto out;
	}
	if (!strcmp(o->format, "json")) {
		findings_print_json(stdout, &fs, (const char *const *)ff.paths.v, ff.paths.n);
	} else {
		findings_print_text(stdout, &fs);
		for (unsigned i = 0; i < ff.paths.n; i++)
			fprintf(stderr,
				"fltcheck findings: note: run %lld did not analyze '%s': %s\n",
				(long long)run, finding_display_path(ff.paths.v[i]),
				(const char *)ff.reasons.v[i]);
	}
	for (unsigned i = 0; i < fs.n; i++)
		if (!strcmp(fs.v[i].triage_state, "open") ||
		    !strcmp(fs.v[i].triage_state, "confirmed"))
			rc = EXIT_FINDINGS;
out:
	failed_free(&ff);
	findings_free(&fs);
	arena_release(&a);
	return rc;
}

/* ---- diff ----------------------------------------------------------------------------- */

static int cmp_by_fingerprint(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;
	return strcmp(x->fingerprint, y->fingerprint);
}

/* fs's findings sorted by fingerprint, for in_set (heap). */
static const struct finding **fingerprint_index(const struct findings *fs)
{
	const struct finding **v = xcalloc(fs->n + 1, sizeof(*v));
	for (unsigned i = 0; i < fs->n; i++)
		v[i] = &fs->v[i];
	if (fs->n > 1)
		qsort(v, fs->n, sizeof(*v), cmp_by_fingerprint);
	return v;
}

static bool in_set(const struct finding *const *index, unsigned n, const struct finding *f)
{
	return n && bsearch(&f, index, n, sizeof(*index), cmp_by_fingerprint) != NULL;
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
		fputs(", \"severity\": ", stdout);
		json_write_string(stdout, rule_severity_name(f->rule->severity));
		fputs(", \"file\": ", stdout);
		json_write_string(stdout, finding_display_path(f->file));
		printf(", \"line\": %u, \"column\": %u, \"function\": ", f->line, f->col);
		json_write_string(stdout, f->function);
		fputs(", \"message\": ", stdout);
		json_write_string(stdout, f->message);
		fputs(", \"triage\": ", stdout);
		json_write_string(stdout, f->triage_state ? f->triage_state : "open");
		fputs("}", stdout);
	} else {
		printf("%s: %s:%u:%u: %s: %s [%s] %s\n", kind, finding_display_path(f->file),
		       f->line, f->col, rule_severity_name(f->rule->severity), f->message,
		       f->rule->id, f->fingerprint);
	}
}

static int cmd_diff(const struct dbopts *o, struct store *s)
{
	int64_t a = need_run(o, s, o->pos[0]), b = a ? need_run(o, s, o->pos[1]) : 0;
	if (!a || !b)
		return EXIT_USAGE;
	struct findings fa = { 0 }, fb = { 0 };
	int va, vb, rc = EXIT_CLEAN;
	if (load_findings(s, a, NULL, NULL, &fa, &va) < 0 ||
	    load_findings(s, b, NULL, NULL, &fb, &vb) < 0) {
		findings_free(&fa);
		findings_free(&fb);
		return db_failed(o, s);
	}
	/* Fingerprints of different schemes never match: refuse rather than call
	 * everything new and fixed. A run without findings matches any. */
	if (va == -2 || vb == -2 || (va >= 0 && vb >= 0 && va != vb)) {
		fprintf(stderr,
			"fltcheck diff: error: runs %lld and %lld have fingerprints of different "
			"schemes (%d and %d) and cannot be compared\n",
			(long long)a, (long long)b, va, vb);
		findings_free(&fa);
		findings_free(&fb);
		return EXIT_USAGE;
	}
	const struct finding **ia = fingerprint_index(&fa), **ib = fingerprint_index(&fb);
	bool json = !strcmp(o->format, "json");
	unsigned n[3] = { 0, 0, 0 }; /* new, fixed, unchanged */
	for (unsigned i = 0; i < fb.n; i++)
		n[in_set(ia, fa.n, &fb.v[i]) ? 2 : 0]++;
	for (unsigned i = 0; i < fa.n; i++)
		n[1] += !in_set(ib, fb.n, &fa.v[i]);
	static const char *const kinds[] = { "new", "fixed", "unchanged" };
	if (json)
		printf("{\n  \"tool\": \"fltcheck\",\n  \"from\": %lld,\n  \"to\": %lld,\n"
		       "  \"counts\": {\"new\": %u, \"fixed\": %u, \"unchanged\": %u},",
		       (long long)a, (long long)b, n[0], n[1], n[2]);
	else
		printf("run %lld -> run %lld: %u new, %u fixed, %u unchanged\n", (long long)a,
		       (long long)b, n[0], n[1], n[2]);
	for (unsigned k = 0; k < 3; k++) {
		/* new and unchanged: B's findings (as they are now); fixed: A's */
		const struct findings *list = k == 1 ? &fa : &fb;
		const struct finding *const *other = k == 1 ? ib : ia;
		unsigned nother = k == 1 ? fb.n : fa.n;
		bool first = true;
		if (json)
			printf("%s\n  \"%s\": [", k ? "," : "", kinds[k]);
		for (unsigned i = 0; i < list->n; i++)
			if ((k == 2) == in_set(other, nother, &list->v[i]))
				diff_item(json, &first, kinds[k], &list->v[i]);
		if (json)
			fputs(first ? "]" : "\n  ]", stdout);
	}
	if (json)
		fputs("\n}\n", stdout);
	if (n[0])
		rc = EXIT_FINDINGS;
	free(ia);
	free(ib);
	findings_free(&fa);
	findings_free(&fb);
	return rc;
}

/* ---- triage --------------------------------------------------------------------------- */

/* Decisions copied out of store_list_triage. */
struct triage_rows {
	struct arena a;
	struct store_triage_row *v;
	unsigned n, cap;
};

static int copy_triage_row(void *ctx, const struct store_triage_row *r)
{
	struct triage_rows *t = ctx;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	struct store_triage_row *c = &t->v[t->n++];
	const char *const from[] = { r->fingerprint, r->state, r->note,    r->updated_at,
				     r->rule,        r->file,  r->function };
	const char **to[] = { &c->fingerprint, &c->state, &c->note,    &c->updated_at,
			      &c->rule,        &c->file,  &c->function };
	for (unsigned i = 0; i < sizeof(to) / sizeof(to[0]); i++)
		*to[i] = from[i] ? arena_strdup(&t->a, from[i]) : NULL;
	return 0;
}

static int cmd_triage_export(const struct dbopts *o, struct store *s)
{
	struct triage_rows t = { 0 };
	arena_init(&t.a);
	int rc = EXIT_CLEAN;
	char *err = NULL;
	if (store_list_triage(s, copy_triage_row, &t) != STORE_OK) {
		rc = db_failed(o, s);
	} else if (triagefile_write(o->pos[1], t.v, t.n, &err) != 0) {
		fprintf(stderr, "fltcheck triage: error: %s\n", err ? err : "?");
		rc = EXIT_USAGE;
	} else {
		printf("wrote %u triage decision%s to '%s'\n", t.n, t.n == 1 ? "" : "s", o->pos[1]);
	}
	free(err);
	free(t.v);
	arena_release(&t.a);
	return rc;
}

static int cmd_triage_import(const struct dbopts *o, struct store *s)
{
	struct arena a;
	arena_init(&a);
	struct store_triage_row *rows = NULL;
	unsigned n = 0, counts[3] = { 0 };
	int rc = EXIT_CLEAN;
	char *err = NULL;
	if (triagefile_read(o->pos[1], &a, &rows, &n, &err) != 0) {
		fprintf(stderr, "fltcheck triage: error: %s\n", err ? err : "?");
		rc = EXIT_USAGE;
	} else if (store_import_triage(s, rows, n, counts) != STORE_OK) {
		rc = db_failed(o, s);
	} else {
		printf("imported '%s': %u decision%s recorded, %u kept (newer here), %u already "
		       "the same\n",
		       o->pos[1], counts[0], counts[0] == 1 ? "" : "s", counts[1], counts[2]);
	}
	free(err);
	arena_release(&a);
	return rc;
}

static int cmd_triage(const struct dbopts *o, struct store *s)
{
	if (!strcmp(o->pos[0], "export"))
		return cmd_triage_export(o, s);
	if (!strcmp(o->pos[0], "import"))
		return cmd_triage_import(o, s);
	const char *given = o->fingerprint;
	size_t len = strlen(given);
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
	int64_t run = need_run(o, s, o->run);
	if (!run)
		return EXIT_USAGE;
	struct arena a;
	arena_init(&a);
	struct store_run r;
	struct findings fs = { 0 };
	int rc = EXIT_CLEAN;
	int fpv = -1;
	if (store_get_run(s, run, &a, &r) != STORE_OK ||
	    load_findings(s, run, NULL, NULL, &fs, &fpv) < 0) {
		rc = db_failed(o, s);
	} else if (fpv != -1 && fpv != FINGERPRINT_VERSION) {
		fprintf(stderr,
			"fltcheck baseline: error: run %lld has fingerprints of another scheme "
			"than this fltcheck's (%d); scan again and write the baseline from that "
			"run\n",
			(long long)run, FINGERPRINT_VERSION);
		rc = EXIT_USAGE;
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
	if (rc < 0)
		rc = check_args(&o);
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
