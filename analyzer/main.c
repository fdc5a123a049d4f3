/*
 * The fltcheck command line. It gathers the translation units (from paths
 * or a compilation database), parses each with the frontend, links them
 * into one program, runs the engine and prints the findings. --verify runs
 * the same pipeline over annotated inputs and compares the findings with
 * the expectations written in them (the test suite's mode).
 *
 * Exit codes: 0 no findings, 1 findings, 2 usage or input error, 3 some
 * translation unit (or some callback's body) could not be analyzed; 3 wins
 * over 1.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "ast.h"
#include "baseline.h"
#include "cli.h"
#include "compdb.h"
#include "dbcmd.h"
#include "dirset.h"
#include "exitcode.h"
#include "finding.h"
#include "fingerprint.h"
#include "program.h"
#include "project.h"
#include "report.h"
#include "rule.h"
#include "sarif.h"
#include "scan.h"
#include "source.h"
#include "store.h"
#include "suppress.h"
#include "timing.h"

struct inputs {
	struct scan_input *v;
	unsigned n, cap;
};

struct options {
	struct ptrvec paths; /* positional */
	struct ptrvec args;  /* -I/-D/-U and everything after -- */
	struct ptrvec maps_from, maps_to;
	const char *cdb;
	const char *wdk;
	const char *format;
	const char *rules;
	const char *disable;
	const char *root; /* source root for fingerprints and the database */
	const char *db;
	const char *revision;
	const char *baseline;
	const char *new_since;
	int fail_on; /* the lowest severity that fails the run (enum rule_severity), -1: none,
		      * -2: not given (note; warning with --hook) */
	unsigned jobs;
	bool no_db;
	bool no_cache;
	bool hook;               /* --hook: check the given files within the stored program */
	struct ptrvec hook_show; /* --hook: real paths whose findings are shown */
	struct ptrvec hook_hdrs; /* --hook: real paths of the given headers */
	bool stats;
	bool verify;
	bool show_parse_errors;
	bool quiet;
};

static const char usage_text[] =
	"usage: fltcheck [options] <file|dir>...\n"
	"       fltcheck runs|findings|diff|triage|baseline ...   (the findings database)\n"
	"       fltcheck report --html DIR [--run N|LABEL]       (an HTML report of a run)\n"
	"\n"
	"Checks Windows file-system minifilter callbacks and work routines.\n"
	"Directories are searched for .c, .cpp, .cc and .cxx files; all inputs form one program.\n"
	"\n"
	"options:\n"
	"  -p <dir|compile_commands.json>  take files and flags from a compilation database\n"
	"  --path-map FROM=TO       rewrite path prefixes read from the compilation database\n"
	"  -I <dir>, -D <m>[=v], -U <m>  compiler flags for every file\n"
	"  -- <flags>...            pass the remaining arguments to the compiler\n"
	"  --wdk <dir>              parse against a real WDK instead of the bundled model\n"
	"  --rules <id,...>         run only these rules\n"
	"  --disable <id,...>       do not run these rules\n"
	"  --list-rules             list the rules and exit\n"
	"  --explain <id>           print a rule's documentation and exit\n"
	"  --format <f>             text (default), json, sarif (SARIF 2.1.0), github (workflow\n"
	"                           annotations) or msvc (Visual Studio's Error List form)\n"
	"  --root <dir>             source root: fingerprints and stored paths are relative to it\n"
	"                           (default: the nearest folder up from here holding .fltcheck\n"
	"                           or .git, else the current folder)\n"
	"  -j, --jobs <n>           parse n files and analyze n callbacks at once (default: the\n"
	"                           number of cores)\n"
	"  --fail-on <level>        which findings make the exit status 1: note (all: the\n"
	"                           default), warning (the default with --hook), error, never\n"
	"\n"
	"findings database (see also: fltcheck runs|findings|diff|triage|baseline --help):\n"
	"  --db <file>              the database (default: <root>/.fltcheck/fltcheck.db)\n"
	"  --no-db                  use no database: no cache, no stored run, no triage\n"
	"  --no-cache               parse every file and analyze every callback again (the\n"
	"                           results are still stored)\n"
	"  --revision <label>       record this label (e.g. a commit id) with the run\n"
	"  --baseline <file>        report and fail only on findings not in this baseline\n"
	"  --new-since <run|label>  report and fail only on findings not in that stored run\n"
	"  --stats                  print how many files were parsed and callbacks analyzed, and\n"
	"                           how many were taken from the cache\n"
	"  --hook                   pre-commit mode: check the given (staged) files, with the\n"
	"                           rest of the program taken from the newest stored run;\n"
	"                           headers select the files that include them\n"
	"  --show-parse-errors      list parse errors, not just their count\n"
	"  --verify                 compare findings with '// expect: <rule>' comments (tests)\n"
	"  -q, --quiet              no parse error counts on stderr\n"
	"  --version, --help\n"
	"\n"
	"exit status: 0 no findings (at the --fail-on level), 1 findings, 2 usage or input error,\n"
	"             3 some code could not be analyzed (wins over 1),\n"
	"             4 database error, 130 interrupted\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "fltcheck: error: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see 'fltcheck --help')\n");
	return EXIT_USAGE;
}

static bool has_source_ext(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return false;
	return !strcmp(dot, ".c") || !strcmp(dot, ".cpp") || !strcmp(dot, ".cc") ||
	       !strcmp(dot, ".cxx") || !strcmp(dot, ".C");
}

static bool is_cpp_path(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && strcmp(dot, ".c") != 0;
}

/*
 * The name fltcheck gives a source file: relative to the current folder when
 * under it, else absolute, with "." and ".." segments resolved as text, so
 * that "./a.c", "a.c" and "/here/a.c" are one file with one name (and one
 * entry in the parse cache). Heap.
 */
static char *canonical_path(const char *path)
{
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		return xstrdup(path);
	char *abs = path[0] == '/' ? xstrdup(path) : xfmt("%s/%s", cwd, path);
	char *out = xmalloc(strlen(abs) + 2);
	size_t n = 0;
	for (char *seg = strtok(abs, "/"); seg; seg = strtok(NULL, "/")) {
		if (!strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--; /* the slash before the dropped segment */
			continue;
		}
		out[n++] = '/';
		size_t l = strlen(seg);
		memcpy(out + n, seg, l);
		n += l;
	}
	if (!n)
		out[n++] = '/';
	out[n] = '\0';
	free(abs);
	size_t cl = strlen(cwd);
	if (cl > 1 && !strncmp(out, cwd, cl) && out[cl] == '/') {
		char *rel = xstrdup(out + cl + 1);
		free(out);
		return rel;
	}
	return out;
}

static void add_input(struct inputs *in, const char *given, const char *const *args, unsigned nargs,
		      bool is_cpp)
{
	char *path = canonical_path(given);
	for (unsigned i = 0; i < in->n; i++)
		if (strcmp(in->v[i].path, path) == 0) {
			free(path);
			return;
		}
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 16;
		in->v = xrealloc(in->v, in->cap * sizeof(*in->v));
	}
	struct scan_input *x = &in->v[in->n++];
	x->path = path;
	x->args = args;
	x->nargs = nargs;
	x->is_cpp = is_cpp;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Folders already searched, so that symlink loops end. */
static struct dirset dirs_seen;

/* Adds the sources under dir, sorted, recursively; skips hidden folders and
 * folders already searched (a symlink loop, or two links to one folder). */
static void scan_dir(struct inputs *in, const char *dir, int depth)
{
	struct stat dst;
	if (depth == 0)
		dirset_clear(&dirs_seen); /* a new search */
	if (stat(dir, &dst) != 0 || !dirset_add(&dirs_seen, &dst))
		return;
	DIR *d = opendir(dir);
	if (!d || depth > 32) {
		if (d)
			closedir(d);
		return;
	}
	struct ptrvec names = { 0 };
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		ptrvec_push(&names, xstrdup(de->d_name));
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(void *), cmp_str);
	for (unsigned i = 0; i < names.n; i++) {
		char *p = xfmt("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
			       (char *)names.v[i]);
		struct stat st;
		if (stat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				scan_dir(in, p, depth + 1);
			else if (S_ISREG(st.st_mode) && has_source_ext(p))
				add_input(in, p, NULL, 0, is_cpp_path(p));
		}
		free(p);
		free(names.v[i]);
	}
	ptrvec_free(&names);
}

static bool split_list(const char *list, bool *enabled, bool value)
{
	char *copy = xstrdup(list);
	bool ok = true;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		while (*tok == ' ')
			tok++;
		const struct rule *r = rule_find(tok);
		if (!r) {
			fprintf(stderr,
				"fltcheck: error: unknown rule '%s' (see 'fltcheck "
				"--list-rules')\n",
				tok);
			ok = false;
			break;
		}
		for (unsigned i = 0; rule_table[i]; i++)
			if (rule_table[i] == r)
				enabled[i] = value;
	}
	free(copy);
	return ok;
}

static const char *model_dir(void)
{
	const char *env = getenv("FLTCHECK_MODEL_DIR");
	return env && *env ? env : FLTCHECK_MODEL_DIR;
}

static unsigned default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

/* SIGINT and SIGTERM stop the scan at the next unit; a second one kills as usual. */
static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Runs the scan of one program with the options of the command line. */
static void scan_program(struct scan_result *r, const struct inputs *in, const struct options *o,
			 const bool *enabled, struct store *db)
{
	struct scan_options so = { 0 };
	so.args = (const char *const *)o->args.v;
	so.nargs = o->args.n;
	so.wdk = o->wdk;
	so.model_dir = model_dir();
	so.root = o->root;
	so.jobs = o->jobs ? o->jobs : default_jobs();
	so.db = db;
	so.no_cache = o->no_cache;
	so.show_parse_errors = o->show_parse_errors;
	so.quiet = o->quiet;
	so.enabled = enabled;
	so.interrupted = &interrupted;
	scan_run(r, in->v, in->n, &so);
}

/* ------------------------------------------------------------- verify */

struct expect {
	char *file;
	unsigned line;
	char *rule;
	int kind; /* 0 expect, 1 known-fp, 2 known-fn */
	bool matched;
};

struct expects {
	struct expect *v;
	unsigned n, cap;
};

static void add_expect(struct expects *ex, const char *file, unsigned line, const char *rule,
		       int kind)
{
	if (ex->n == ex->cap) {
		ex->cap = ex->cap ? ex->cap * 2 : 16;
		ex->v = xrealloc(ex->v, ex->cap * sizeof(*ex->v));
	}
	struct expect *e = &ex->v[ex->n++];
	e->file = xstrdup(file);
	e->line = line;
	e->rule = xstrdup(rule);
	e->kind = kind;
	e->matched = false;
}

/* Reads the expectations of one file; returns -1 when a marker names an unknown rule. */
static int read_expects(const char *file, struct expects *ex, bool *no_findings, bool *any)
{
	static const char *const markers[] = { "// expect:", "// known-fp:", "// known-fn:" };
	int rc = 0;
	for (unsigned line = 1;; line++) {
		const char *l = source_line(file, line);
		if (!l)
			break;
		if (strstr(l, "// fltcheck-verify: no-findings"))
			*no_findings = true;
		for (int k = 0; k < 3; k++) {
			const char *m = strstr(l, markers[k]);
			if (!m)
				continue;
			*any = true;
			char *list = xstrdup(m + strlen(markers[k]));
			for (char *tok = strtok(list, ", \t"); tok; tok = strtok(NULL, ", \t")) {
				if (!rule_find(tok)) {
					fprintf(stderr,
						"%s:%u: error: unknown rule '%s' in expectation\n",
						file, line, tok);
					rc = -1;
					continue;
				}
				add_expect(ex, file, line, tok, k);
			}
			free(list);
		}
	}
	return rc;
}

static bool same_file(const char *a, const char *b)
{
	return strcmp(finding_display_path(a), finding_display_path(b)) == 0;
}

/* Verifies one program; returns true when it passes. */
static bool verify_program(const struct inputs *in, const struct options *o, const bool *enabled,
			   const char *label, unsigned *known)
{
	struct scan_result r;
	scan_program(&r, in, o, enabled, NULL);
	bool ok = true;
	if (r.incomplete || r.parse_errors) {
		fprintf(stderr, "%s: error: inputs of a verify run must parse without errors\n",
			label);
		ok = false;
	}
	struct expects ex = { 0 };
	for (unsigned i = 0; i < in->n; i++) {
		bool none = false, any = false;
		if (read_expects(in->v[i].path, &ex, &none, &any) < 0)
			ok = false;
		if (!none && !any) {
			fprintf(stderr,
				"%s: error: no expectations; mark a file without findings with "
				"'// fltcheck-verify: no-findings'\n",
				in->v[i].path);
			ok = false;
		}
		if (none && any) {
			fprintf(stderr,
				"%s: error: 'no-findings' marker in a file with expectations\n",
				in->v[i].path);
			ok = false;
		}
	}
	for (unsigned i = 0; i < r.findings.n; i++) {
		const struct finding *f = &r.findings.v[i];
		struct expect *hit = NULL;
		for (unsigned k = 0; k < ex.n && !hit; k++) {
			struct expect *e = &ex.v[k];
			if (!e->matched && e->line == f->line && !strcmp(e->rule, f->rule->id) &&
			    same_file(e->file, f->file))
				hit = e;
		}
		if (!hit) {
			fprintf(stderr, "%s:%u:%u: error: unexpected finding [%s]: %s\n",
				finding_display_path(f->file), f->line, f->col, f->rule->id,
				f->message);
			ok = false;
			continue;
		}
		hit->matched = true;
		if (hit->kind == 1) {
			(*known)++;
			printf("%s:%u: known false positive [%s] still reported\n",
			       finding_display_path(hit->file), hit->line, hit->rule);
		} else if (hit->kind == 2) {
			printf("%s:%u: known false negative [%s] is now reported: update the "
			       "marker\n",
			       finding_display_path(hit->file), hit->line, hit->rule);
		}
	}
	for (unsigned k = 0; k < ex.n; k++) {
		struct expect *e = &ex.v[k];
		if (e->matched)
			continue;
		if (e->kind == 0) {
			fprintf(stderr, "%s:%u: error: expected finding [%s] was not reported\n",
				finding_display_path(e->file), e->line, e->rule);
			ok = false;
		} else if (e->kind == 2) {
			(*known)++;
			printf("%s:%u: known false negative [%s] still missed\n",
			       finding_display_path(e->file), e->line, e->rule);
		} else {
			printf("%s:%u: known false positive [%s] is no longer reported: update the "
			       "marker\n",
			       finding_display_path(e->file), e->line, e->rule);
		}
	}
	if (!ok && r.findings.n) {
		fprintf(stderr, "%s: all findings:\n", label);
		findings_print_text(stderr, &r.findings);
	}
	for (unsigned k = 0; k < ex.n; k++) {
		free(ex.v[k].file);
		free(ex.v[k].rule);
	}
	free(ex.v);
	scan_release(&r);
	printf("%s %s\n", ok ? "PASS" : "FAIL", label);
	return ok;
}

static int verify_main(const struct options *o, const bool *enabled)
{
	unsigned passed = 0, failed = 0, known = 0;
	for (unsigned i = 0; i < o->paths.n; i++) {
		const char *p = o->paths.v[i];
		struct stat st;
		struct inputs in = { 0 };
		if (stat(p, &st) != 0) {
			fprintf(stderr, "fltcheck: error: cannot open '%s': %s\n", p,
				strerror(errno));
			failed++;
			continue;
		}
		if (S_ISDIR(st.st_mode))
			scan_dir(&in, p, 0);
		else
			add_input(&in, p, NULL, 0, is_cpp_path(p));
		if (!in.n) {
			fprintf(stderr, "fltcheck: error: no source files in '%s'\n", p);
			failed++;
			continue;
		}
		if (verify_program(&in, o, enabled, p, &known))
			passed++;
		else
			failed++;
		for (unsigned k = 0; k < in.n; k++)
			free(in.v[k].path);
		free(in.v);
	}
	if (known)
		printf("%u known false positives/negatives\n", known);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* ------------------------------------------------------------- scan */

/* The command line as one string, for the run record. */
static char *join_argv(int argc, char **argv)
{
	size_t len = 1;
	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) * 2 + 3;
	char *s = xmalloc(len), *p = s;
	for (int i = 0; i < argc; i++) {
		bool quote = !argv[i][0] || strpbrk(argv[i], " \t\"'\\") != NULL;
		if (i)
			*p++ = ' ';
		if (quote)
			*p++ = '\'';
		for (const char *c = argv[i]; *c; c++) {
			if (quote && *c == '\'')
				*p++ = '\\';
			*p++ = *c;
		}
		if (quote)
			*p++ = '\'';
	}
	*p = '\0';
	return s;
}

static char *enabled_rule_ids(const bool *enabled)
{
	char *s = xstrdup("");
	for (unsigned i = 0; rule_table[i]; i++) {
		if (!enabled[i])
			continue;
		char *t = xfmt("%s%s%s", s, *s ? "," : "", rule_table[i]->id);
		free(s);
		s = t;
	}
	return s;
}

/* True when the fingerprint is triaged false-positive or intentional. */
static bool triaged_away(struct store *db, const char *fp)
{
	struct arena a;
	arena_init(&a);
	struct store_triage t;
	bool away = store_get_triage(db, fp, &a, &t) == STORE_OK &&
		    (!strcmp(t.state, "false-positive") || !strcmp(t.state, "intentional"));
	arena_release(&a);
	return away;
}

static int collect_fingerprint(void *ctx, const struct store_finding *f)
{
	ptrvec_push(ctx, xstrdup(f->fingerprint));
	return 0;
}

static bool output_format_known(const char *f)
{
	static const char *const known[] = { "text", "json", "sarif", "github", "msvc" };
	for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(f, known[i]))
			return true;
	return false;
}

/* Prints the findings shown in the chosen format; state[i] is finding i's baseline state. */
static void print_findings(const struct options *o, const struct findings *shown,
			   const struct scan_result *r, const bool *enabled,
			   const char *const *state, int argc, char **argv)
{
	if (!strcmp(o->format, "json")) {
		const char **failed = xcalloc(r->nfailed + 1, sizeof(*failed));
		for (unsigned i = 0; i < r->nfailed; i++)
			failed[i] = r->failed[i].path;
		findings_print_json(stdout, shown, failed, r->nfailed);
		free(failed);
	} else if (!strcmp(o->format, "sarif")) {
		char *cmd = join_argv(argc, argv);
		struct sarif_input si = { 0 };
		si.fs = shown;
		si.baseline_state = state;
		si.enabled = enabled;
		si.root = o->root;
		si.failed = r->failed;
		si.nfailed = r->nfailed;
		si.command_line = cmd;
		sarif_write(stdout, &si);
		free(cmd);
	} else if (!strcmp(o->format, "github")) {
		findings_print_github(stdout, shown);
	} else if (!strcmp(o->format, "msvc")) {
		findings_print_msvc(stdout, shown);
	} else {
		findings_print_text(stdout, shown);
	}
}

/* Stores the scan as one run; returns its id, or 0 after printing why not. */
static int64_t store_scan(struct store *db, const char *db_path, const struct scan_result *r,
			  const struct inputs *in, const struct options *o, const bool *enabled,
			  int argc, char **argv)
{
	char *args = join_argv(argc, argv);
	char *rules = enabled_rule_ids(enabled);
	struct store_run_info info = { FLTCHECK_VERSION, rules, args, o->root, o->revision };
	int64_t run = 0;
	int rc = store_begin_run(db, &info, &run);
	for (unsigned i = 0; rc == STORE_OK && i < r->findings.n; i++)
		rc = store_put_finding(db, run, &r->findings.v[i], r->findings.v[i].fingerprint,
				       FINGERPRINT_VERSION);
	/* For the test suite: die in the middle of writing a run. */
	const char *crash = getenv("FLTCHECK_TEST_CRASH");
	if (crash && !strcmp(crash, "mid-run") && rc == STORE_OK)
		raise(SIGKILL);
	unsigned failed_inputs = 0;
	for (unsigned i = 0; rc == STORE_OK && i < in->n; i++) {
		const char *status = r->unit_status[i] ? r->unit_status[i] : "failed";
		failed_inputs += !strcmp(status, "failed");
		rc = store_put_run_file(db, run, in->v[i].path, status, r->unit_reason[i]);
	}
	if (rc == STORE_OK)
		rc = store_commit_run(db, run, in->n - failed_inputs, failed_inputs);
	if (rc != STORE_OK) {
		fprintf(stderr, "fltcheck: error: %s; the run was not stored in '%s'\n",
			store_errmsg(db) ? store_errmsg(db) : "database error", db_path);
		store_abort_run(db);
		run = 0;
	}
	free(args);
	free(rules);
	return run;
}

/* --hook: true when findings in file are shown (it is one of the given files). */
static bool hook_shows(const struct options *o, const char *file)
{
	char *real = realpath(file, NULL);
	bool yes = false;
	for (unsigned i = 0; real && i < o->hook_show.n && !yes; i++)
		yes = !strcmp(o->hook_show.v[i], real);
	free(real);
	return yes;
}

/* --hook: the units that include a given header are shown too. */
static void hook_add_includers(const struct options *o, const struct scan_result *r)
{
	struct ptrvec *show = (struct ptrvec *)&o->hook_show;
	for (unsigned i = 0; i < r->ntus; i++) {
		const struct ir_tu *tu = r->tus[i];
		bool hit = false;
		for (unsigned k = 0; k < tu->nincludes && !hit; k++)
			for (unsigned h = 0; h < o->hook_hdrs.n && !hit; h++)
				hit = !strcmp(tu->includes[k], o->hook_hdrs.v[h]);
		char *real = hit ? realpath(tu->path, NULL) : NULL;
		if (real)
			ptrvec_push(show, real);
	}
}

struct hook_files {
	const char *root;
	struct inputs *in;
	const struct ptrvec *given; /* real paths of the given sources */
};

static int hook_file_cb(void *ctx, const char *path, const char *status, const char *reason)
{
	struct hook_files *hf = ctx;
	(void)status;
	(void)reason;
	char *abs = path[0] == '/' ? xstrdup(path) : xfmt("%s/%s", hf->root, path);
	char *real = realpath(abs, NULL);
	bool given = false;
	for (unsigned i = 0; real && i < hf->given->n && !given; i++)
		given = !strcmp(hf->given->v[i], real);
	if (real && !given)
		add_input(hf->in, abs, NULL, 0, is_cpp_path(abs));
	free(real);
	free(abs);
	return 0;
}

/*
 * --hook: the files of the newest stored run join the given ones, so that
 * registration tables and work routines in files not being committed are
 * known. Without a stored run the given files are checked alone.
 */
static void hook_add_stored(struct inputs *in, const struct options *o)
{
	char *path = project_db_path(o->db, o->root);
	struct stat st;
	struct store *db = NULL;
	char *err = NULL;
	int64_t run = 0;
	if (o->no_db) {
		free(path);
		return;
	}
	if (stat(path, &st) == 0 && store_open(path, &db, &err) == STORE_OK)
		run = dbcmd_find_run(db, NULL);
	if (run) {
		struct arena a;
		arena_init(&a);
		struct store_run r;
		if (store_get_run(db, run, &a, &r) == STORE_OK) {
			struct hook_files hf = { r.source_root, in, &o->hook_show };
			store_get_run_files(db, run, hook_file_cb, &hf);
		}
		arena_release(&a);
	} else if (!o->quiet) {
		fprintf(stderr,
			"fltcheck: note: no stored scan in '%s'; checking the given files alone "
			"(scan the whole driver once to know its registrations)\n",
			path);
	}
	free(err);
	store_close(db);
	free(path);
}

/* --hook: a compilation database in the usual places, when -p was not given. */
static char *hook_find_cdb(const char *root)
{
	static const char *const places[] = { "build/", "out/", "" };
	for (unsigned i = 0; i < 3; i++) {
		char *p = xfmt("%s/%scompile_commands.json", root, places[i]);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			return p;
		free(p);
	}
	return NULL;
}

static int scan_and_report(const struct inputs *in, const struct options *o, const bool *enabled,
			   int argc, char **argv)
{
	struct store *db = NULL;
	char *db_path = NULL;
	int rc = EXIT_CLEAN;
	struct ptrvec since = { 0 }; /* fingerprints of the --new-since run, sorted */
	struct ptrvec base = { 0 };  /* fingerprints of the --baseline file, sorted */
	if (!o->no_db) {
		db_path = project_db_path(o->db, o->root);
		char *err = NULL;
		if (store_open(db_path, &db, &err) != STORE_OK) {
			fprintf(stderr, "fltcheck: error: %s\n",
				err ? err : "cannot open database");
			free(err);
			free(db_path);
			return EXIT_DATABASE;
		}
	}
	if (o->new_since) {
		int64_t earlier = db ? dbcmd_find_run(db, o->new_since) : 0;
		if (!earlier) {
			fprintf(stderr,
				"fltcheck: error: --new-since '%s': no such run in the database "
				"(see 'fltcheck runs')\n",
				o->new_since);
			rc = EXIT_USAGE;
			goto out;
		}
		store_get_findings(db, earlier, NULL, NULL, collect_fingerprint, &since);
		if (since.n > 1)
			qsort(since.v, since.n, sizeof(void *), cmp_str);
	}
	if (o->baseline) {
		char *err = NULL;
		if (baseline_read(o->baseline, &base, &err) != 0) {
			fprintf(stderr, "fltcheck: error: %s\n",
				err ? err : "cannot read baseline");
			free(err);
			rc = EXIT_USAGE;
			goto out;
		}
	}

	catch_signals();
	struct scan_result r;
	scan_program(&r, in, o, enabled, db);
	if (r.interrupted || interrupted) {
		fprintf(stderr, "fltcheck: interrupted; this run was not stored\n");
		scan_release(&r);
		rc = EXIT_INTERRUPTED;
		goto out;
	}
	if (r.db_error && !o->quiet)
		fprintf(stderr, "fltcheck: warning: the parse cache was not updated: %s\n",
			r.db_error);
	int64_t run = 0;
	if (db && !o->hook) {
		run = store_scan(db, db_path, &r, in, o, enabled, argc, argv);
		if (!run)
			rc = EXIT_DATABASE;
		timing_mark("run write");
	}

	/* What is shown and fails the run: not triaged away, not in the baseline or the
	 * earlier run. SARIF also carries the known ones, with baselineState "unchanged". */
	bool compare = o->baseline || o->new_since;
	bool sarif = !strcmp(o->format, "sarif");
	struct findings shown = { 0 };
	shown.v = xcalloc(r.findings.n + 1, sizeof(*shown.v));
	const char **state = xcalloc(r.findings.n + 1, sizeof(*state));
	unsigned triaged = 0, known = 0, fresh = 0, failing = 0;
	if (o->hook)
		hook_add_includers(o, &r);
	for (unsigned i = 0; i < r.findings.n; i++) {
		const struct finding *f = &r.findings.v[i];
		if (o->hook && !hook_shows(o, f->file))
			continue;
		if (db && triaged_away(db, f->fingerprint)) {
			triaged++;
			continue;
		}
		bool old = (o->new_since && baseline_has(&since, f->fingerprint)) ||
			   (o->baseline && baseline_has(&base, f->fingerprint));
		if (old)
			known++;
		else
			fresh++;
		if (!old && o->fail_on >= 0 && (int)f->rule->severity >= o->fail_on)
			failing++;
		if (old && !sarif)
			continue;
		state[shown.n] = old ? "unchanged" : "new";
		shown.v[shown.n++] = *f;
	}
	print_findings(o, &shown, &r, enabled, compare ? state : NULL, argc, argv);
	suppress_print_notes(strcmp(o->format, "text") ? stderr : stdout, &r.sup);
	if (rc == EXIT_CLEAN)
		rc = r.incomplete ? EXIT_INCOMPLETE : failing ? EXIT_FINDINGS : EXIT_CLEAN;
	if (!o->quiet && !o->hook && !strcmp(o->format, "text") && (fresh || r.incomplete)) {
		fprintf(stderr, "fltcheck: %u finding%s in %u file%s", fresh, fresh == 1 ? "" : "s",
			in->n, in->n == 1 ? "" : "s");
		if (triaged)
			fprintf(stderr, "; %u triaged as false positive or intentional", triaged);
		if (known)
			fprintf(stderr, "; %u known (%s)", known,
				o->baseline ? "in the baseline" : "in the earlier run");
		fprintf(stderr, "%s\n", r.incomplete ? "; some code was not analyzed" : "");
	}
	if (o->stats) {
		fprintf(stderr,
			"fltcheck: %u translation unit%s: %u parsed, %u from the cache, %u not "
			"analyzed%s\n",
			in->n, in->n == 1 ? "" : "s", r.parsed, r.cached, r.nfailed,
			r.program_cached ? "; the program's findings from the cache" : "");
		if (r.roots_cached || r.roots_analyzed)
			fprintf(stderr,
				"fltcheck: %u callbacks and work routines: %u analyzed, %u from "
				"the "
				"cache\n",
				r.roots_cached + r.roots_analyzed, r.roots_analyzed,
				r.roots_cached);
		if (run)
			fprintf(stderr, "fltcheck: run %lld stored in '%s'\n", (long long)run,
				db_path);
	}
	free(shown.v);
	free(state);
	timing_mark("output");
	scan_release(&r);
	timing_mark("release");
	timing_report();
out:
	for (unsigned i = 0; i < since.n; i++)
		free(since.v[i]);
	ptrvec_free(&since);
	for (unsigned i = 0; i < base.n; i++)
		free(base.v[i]);
	ptrvec_free(&base);
	store_close(db);
	free(db_path);
	return rc;
}

/* ------------------------------------------------------------- main */

static int list_rules(void)
{
	for (unsigned i = 0; rule_table[i]; i++)
		printf("%-28s %-8s %s  %s\n", rule_table[i]->id,
		       rule_severity_name(rule_table[i]->severity), rule_table[i]->milestone,
		       rule_table[i]->title);
	return EXIT_CLEAN;
}

static int explain(const char *id)
{
	if (!rule_find(id)) {
		fprintf(stderr,
			"fltcheck: error: unknown rule '%s' (see 'fltcheck --list-rules')\n", id);
		return EXIT_USAGE;
	}
	const char *doc = rule_doc(id);
	if (!doc) {
		fprintf(stderr, "fltcheck: error: no documentation for rule '%s'\n", id);
		return EXIT_USAGE;
	}
	fputs(doc, stdout);
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	timing_mark("main");
	if (argc > 1 && !strcmp(argv[1], "report"))
		return report_main(argc - 1, argv + 1);
	static struct options o; /* static: reachable until exit */
	char *hook_cdb = NULL;
	o.format = "text";
	o.fail_on = -2;
	const char *explain_id = NULL;
	bool list = false;
	int rc = EXIT_CLEAN;

	if (argc > 1 && dbcmd_is_command(argv[1]))
		return dbcmd_main(argc - 1, argv + 1);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v;
		if (!strcmp(a, "--")) {
			for (i++; i < argc; i++)
				ptrvec_push(&o.args, xstrdup(argv[i]));
			break;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage_text, stdout);
			return EXIT_CLEAN;
		} else if (!strcmp(a, "--version")) {
			printf("fltcheck %s (%s)\n", FLTCHECK_VERSION, ast_clang_version());
			return EXIT_CLEAN;
		} else if (!strcmp(a, "--list-rules")) {
			list = true;
		} else if (cli_opt(argc, argv, &i, "--explain", &v)) {
			if (!(explain_id = v))
				return usage_error("%s needs a rule id", a);
		} else if (cli_opt(argc, argv, &i, "-p", &v) ||
			   cli_opt(argc, argv, &i, "--cdb", &v)) {
			if (!(o.cdb = v))
				return usage_error("%s needs a path", a);
		} else if (cli_opt(argc, argv, &i, "--path-map", &v)) {
			if (!v || !strchr(v, '='))
				return usage_error("%s needs FROM=TO", "--path-map");
			const char *eq = strchr(v, '=');
			ptrvec_push(&o.maps_from, xfmt("%.*s", (int)(eq - v), v));
			ptrvec_push(&o.maps_to, xstrdup(eq + 1));
		} else if (cli_opt(argc, argv, &i, "--wdk", &v)) {
			if (!(o.wdk = v))
				return usage_error("%s needs a directory", a);
		} else if (cli_opt(argc, argv, &i, "--rules", &v)) {
			if (!(o.rules = v))
				return usage_error("%s needs a list of rule ids", a);
		} else if (cli_opt(argc, argv, &i, "--disable", &v)) {
			if (!(o.disable = v))
				return usage_error("%s needs a list of rule ids", a);
		} else if (cli_opt(argc, argv, &i, "--format", &v)) {
			if (!(o.format = v))
				return usage_error("%s needs a format", a);
			if (!output_format_known(o.format))
				return usage_error("unknown format '%s': use text, json, sarif, "
						   "github or msvc",
						   o.format);
		} else if (cli_opt(argc, argv, &i, "--root", &v)) {
			if (!(o.root = v))
				return usage_error("%s needs a directory", a);
		} else if (cli_opt(argc, argv, &i, "--db", &v)) {
			if (!(o.db = v))
				return usage_error("%s needs a file", a);
		} else if (!strcmp(a, "--no-db")) {
			o.no_db = true;
		} else if (!strcmp(a, "--no-cache")) {
			o.no_cache = true;
		} else if (!strcmp(a, "--hook")) {
			o.hook = true;
		} else if (!strcmp(a, "--stats")) {
			o.stats = true;
		} else if (cli_opt(argc, argv, &i, "--revision", &v)) {
			if (!(o.revision = v) || !*o.revision)
				return usage_error("%s needs a label", a);
		} else if (cli_opt(argc, argv, &i, "--fail-on", &v)) {
			static const struct {
				const char *name;
				int level;
			} levels[] = { { "note", SEV_NOTE },
				       { "warning", SEV_WARNING },
				       { "error", SEV_ERROR },
				       { "never", -1 } };
			if (!v)
				return usage_error("%s needs a level", a);
			unsigned k = 0;
			while (k < sizeof(levels) / sizeof(levels[0]) && strcmp(v, levels[k].name))
				k++;
			if (k == sizeof(levels) / sizeof(levels[0]))
				return usage_error(
					"unknown level '%s': use note, warning, error or "
					"never",
					v);
			o.fail_on = levels[k].level;
		} else if (cli_opt(argc, argv, &i, "--baseline", &v)) {
			if (!(o.baseline = v))
				return usage_error("%s needs a file", a);
		} else if (cli_opt(argc, argv, &i, "--new-since", &v)) {
			if (!(o.new_since = v) || !*o.new_since)
				return usage_error("%s needs a run id or a revision label", a);
		} else if ((a[0] == '-' && a[1] == 'j' && a[2] && a[2] != '=') ||
			   cli_opt(argc, argv, &i, "-j", &v) ||
			   cli_opt(argc, argv, &i, "--jobs", &v)) {
			if (a[1] == 'j' && a[2] && a[2] != '=')
				v = a + 2;
			else if (!v)
				return usage_error("%s needs a number", a);
			char *end;
			long n = strtol(v, &end, 10);
			if (*end || n < 1 || n > 256)
				return usage_error("-j needs a number from 1 to 256, not '%s'", v);
			o.jobs = (unsigned)n;
		} else if (!strcmp(a, "--show-parse-errors")) {
			o.show_parse_errors = true;
		} else if (!strcmp(a, "--verify")) {
			o.verify = true;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o.quiet = true;
		} else if (!strncmp(a, "-I", 2) || !strncmp(a, "-D", 2) || !strncmp(a, "-U", 2)) {
			if (a[2]) {
				ptrvec_push(&o.args, xstrdup(a));
			} else {
				if (i + 1 >= argc)
					return usage_error("%s needs an argument", a);
				ptrvec_push(&o.args, xfmt("%s%s", a, argv[++i]));
			}
		} else if (a[0] == '-' && a[1]) {
			return usage_error("unknown option '%s'", a);
		} else {
			ptrvec_push(&o.paths, (void *)a);
		}
	}

	if (o.fail_on == -2) /* a pre-commit hook lets notes (advice) through */
		o.fail_on = o.hook ? SEV_WARNING : SEV_NOTE;
	char *root = project_root(o.root);
	if (!root) {
		fprintf(stderr, "fltcheck: error: cannot open source root '%s': %s\n", o.root,
			strerror(errno));
		return EXIT_USAGE;
	}
	o.root = root;
	if (o.no_db && (o.db || o.new_since))
		return usage_error("%s cannot be combined with --db or --new-since", "--no-db");
	if (list)
		return list_rules();
	if (explain_id)
		return explain(explain_id);

	bool enabled[64];
	for (unsigned i = 0; i < 64; i++)
		enabled[i] = true;
	if (o.rules) {
		for (unsigned i = 0; i < 64; i++)
			enabled[i] = false;
		if (!split_list(o.rules, enabled, true))
			return EXIT_USAGE;
	}
	if (o.disable && !split_list(o.disable, enabled, false))
		return EXIT_USAGE;

	if (!o.wdk) {
		struct stat st;
		if (stat(model_dir(), &st) != 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr,
				"fltcheck: error: the bundled WDK model is missing at '%s' "
				"(set FLTCHECK_MODEL_DIR or pass --wdk)\n",
				model_dir());
			return EXIT_USAGE;
		}
	} else {
		struct stat st;
		if (stat(o.wdk, &st) != 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "fltcheck: error: cannot open WDK directory '%s'\n", o.wdk);
			return EXIT_USAGE;
		}
	}

	if (o.verify) {
		if (!o.paths.n)
			return usage_error("%s needs files or directories", "--verify");
		rc = verify_main(&o, enabled);
		goto out;
	}

	struct inputs in = { 0 };
	struct compdb db = { 0 };
	if (o.hook) {
		if (!o.cdb)
			o.cdb = hook_cdb = hook_find_cdb(o.root);
		/* Headers are not units: they select the units that include them. */
		struct ptrvec sources = { 0 };
		for (unsigned i = 0; i < o.paths.n; i++) {
			char *real = realpath(o.paths.v[i], NULL);
			if (!real)
				continue; /* deleted or renamed away: nothing to check */
			if (has_source_ext(real)) {
				ptrvec_push(&sources, o.paths.v[i]);
				ptrvec_push(&o.hook_show, real);
			} else {
				ptrvec_push(&o.hook_hdrs, real);
			}
		}
		ptrvec_free(&o.paths);
		o.paths = sources;
	}
	if (o.cdb) {
		struct compdb_options co = { (const char *const *)o.maps_from.v,
					     (const char *const *)o.maps_to.v, o.maps_from.n };
		char *err = NULL;
		if (compdb_load(o.cdb, &co, &db, &err) != 0) {
			fprintf(stderr, "fltcheck: error: %s\n",
				err ? err : "cannot read compilation database");
			free(err);
			return EXIT_USAGE;
		}
	}
	for (unsigned i = 0; i < o.paths.n; i++) {
		const char *p = o.paths.v[i];
		struct stat st;
		if (stat(p, &st) != 0) {
			fprintf(stderr, "fltcheck: error: cannot open '%s': %s\n", p,
				strerror(errno));
			rc = EXIT_USAGE;
			goto done;
		}
		unsigned before = in.n;
		if (S_ISDIR(st.st_mode))
			scan_dir(&in, p, 0);
		else
			add_input(&in, p, NULL, 0, is_cpp_path(p));
		if (in.n == before && S_ISDIR(st.st_mode)) {
			fprintf(stderr,
				"fltcheck: error: no source files (.c, .cpp, .cc, .cxx) in '%s'\n",
				p);
			rc = EXIT_USAGE;
			goto done;
		}
	}
	if (o.hook)
		hook_add_stored(&in, &o);
	if (o.cdb) {
		/* Files given on the command line take their flags from the database;
		 * with none given, every database entry is analyzed. */
		if (!in.n) {
			for (unsigned k = 0; k < db.n; k++)
				add_input(&in, db.entries[k].file,
					  (const char *const *)db.entries[k].args,
					  db.entries[k].nargs, db.entries[k].is_cpp);
		} else {
			for (unsigned i = 0; i < in.n; i++) {
				char *abs = realpath(in.v[i].path, NULL);
				for (unsigned k = 0; abs && k < db.n; k++) {
					if (strcmp(db.entries[k].file, abs) == 0) {
						in.v[i].args =
							(const char *const *)db.entries[k].args;
						in.v[i].nargs = db.entries[k].nargs;
						in.v[i].is_cpp = db.entries[k].is_cpp;
					}
				}
				free(abs);
			}
		}
	}
	if (!in.n && o.hook) {
		rc = EXIT_CLEAN; /* only headers that no stored unit includes, or nothing */
		goto done;
	}
	if (!in.n) {
		rc = usage_error("%s", o.cdb ? "the compilation database lists no files"
					     : "no input files");
		goto done;
	}

	rc = scan_and_report(&in, &o, enabled, argc, argv);
done:
	for (unsigned i = 0; i < in.n; i++)
		free(in.v[i].path);
	free(in.v);
	compdb_free(&db);
out:
	source_release();
	for (unsigned i = 0; i < o.maps_from.n; i++) {
		free(o.maps_from.v[i]);
		free(o.maps_to.v[i]);
	}
	ptrvec_free(&o.maps_from);
	ptrvec_free(&o.maps_to);
	for (unsigned i = 0; i < o.args.n; i++)
		free(o.args.v[i]);
	ptrvec_free(&o.paths);
	ptrvec_free(&o.args);
	for (unsigned i = 0; i < o.hook_show.n; i++)
		free(o.hook_show.v[i]);
	ptrvec_free(&o.hook_show);
	for (unsigned i = 0; i < o.hook_hdrs.n; i++)
		free(o.hook_hdrs.v[i]);
	ptrvec_free(&o.hook_hdrs);
	free(hook_cdb);
	return rc;
}
