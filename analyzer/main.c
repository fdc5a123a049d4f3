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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "ast.h"
#include "compdb.h"
#include "dirset.h"
#include "finding.h"
#include "fingerprint.h"
#include "program.h"
#include "rule.h"
#include "source.h"
#include "suppress.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_INCOMPLETE = 3 };

struct input {
	char *path;
	const char *const *args; /* from the compilation database, or NULL */
	unsigned nargs;
	bool is_cpp;
};

struct inputs {
	struct input *v;
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
	const char *root; /* source root for fingerprints */
	bool verify;
	bool show_parse_errors;
	bool quiet;
};

static const char usage_text[] =
	"usage: fltcheck [options] <file|dir>...\n"
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
	"  --format text|json       output format (default text)\n"
	"  --root <dir>             source root that fingerprints are relative to (default: .)\n"
	"  --show-parse-errors      list parse errors, not just their count\n"
	"  --verify                 compare findings with '// expect: <rule>' comments (tests)\n"
	"  -q, --quiet              no parse error counts on stderr\n"
	"  --version, --help\n"
	"\n"
	"exit status: 0 no findings, 1 findings, 2 usage or input error,\n"
	"             3 some code could not be analyzed (wins over 1)\n";

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

static void add_input(struct inputs *in, const char *path, const char *const *args, unsigned nargs,
		      bool is_cpp)
{
	for (unsigned i = 0; i < in->n; i++)
		if (strcmp(in->v[i].path, path) == 0)
			return;
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 16;
		in->v = xrealloc(in->v, in->cap * sizeof(*in->v));
	}
	struct input *x = &in->v[in->n++];
	x->path = xstrdup(path);
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

/* ------------------------------------------------------------- analysis */

struct run {
	struct ir_tu **tus;
	unsigned ntus;
	struct program prog;
	struct findings findings;
	struct ptrvec failed; /* paths not analyzed (char *) */
	bool incomplete;
	unsigned parse_errors;
	struct suppressions sup;
};

static bool rule_id_exists(const char *id)
{
	return rule_find(id) != NULL;
}

static void print_diags(const struct ir_tu *tu)
{
	for (unsigned i = 0; i < tu->ndiags; i++) {
		const struct ir_diag *d = &tu->diags[i];
		fprintf(stderr, "%s:%u:%u: %s: %s\n", finding_display_path(d->loc.file),
			d->loc.line, d->loc.col,
			d->severity == IR_DIAG_WARNING ? "warning" : "error", d->text);
	}
}

static void run_analysis(struct run *r, const struct inputs *in, const struct options *o,
			 const bool *enabled)
{
	memset(r, 0, sizeof(*r));
	r->tus = xcalloc(in->n + 1, sizeof(*r->tus));
	program_init(&r->prog);
	for (unsigned i = 0; i < in->n; i++) {
		const struct input *x = &in->v[i];
		struct ptrvec args = { 0 };
		for (unsigned k = 0; k < x->nargs; k++)
			ptrvec_push(&args, (void *)x->args[k]);
		for (unsigned k = 0; k < o->args.n; k++)
			ptrvec_push(&args, o->args.v[k]);
		struct ast_options ao = { 0 };
		ao.args = (const char *const *)args.v;
		ao.nargs = args.n;
		ao.wdk_dir = o->wdk;
		ao.model_dir = model_dir();
		ao.force_cpp = x->is_cpp;
		struct ir_tu *tu = ast_parse(x->path, &ao);
		ptrvec_free(&args);
		r->tus[r->ntus++] = tu;
		if (!tu->parsed) {
			fprintf(stderr, "fltcheck: error: %s; '%s' was not analyzed\n",
				tu->fail_reason ? tu->fail_reason : "cannot parse", x->path);
			ptrvec_push(&r->failed, x->path);
			r->incomplete = true;
			continue;
		}
		const struct ir_diag *fatal = NULL;
		for (unsigned k = 0; k < tu->ndiags && !fatal; k++)
			if (tu->diags[k].severity == IR_DIAG_FATAL)
				fatal = &tu->diags[k];
		if (fatal) {
			/* a missing header leaves the AST unreliable: do not trust it */
			if (o->show_parse_errors)
				print_diags(tu);
			fprintf(stderr, "fltcheck: error: %s:%u:%u: %s; '%s' was not analyzed\n",
				finding_display_path(fatal->loc.file), fatal->loc.line,
				fatal->loc.col, fatal->text, finding_display_path(x->path));
			r->parse_errors += tu->nerrors;
			ptrvec_push(&r->failed, x->path);
			r->incomplete = true;
			continue;
		}
		if (tu->nerrors) {
			r->parse_errors += tu->nerrors;
			if (o->show_parse_errors)
				print_diags(tu);
			else if (!o->quiet)
				fprintf(stderr,
					"fltcheck: warning: %u parse error%s in '%s' "
					"(--show-parse-errors "
					"lists them)\n",
					tu->nerrors, tu->nerrors == 1 ? "" : "s",
					finding_display_path(x->path));
		}
		program_add_tu(&r->prog, tu);
	}
	program_link(&r->prog);
	/* A callback or routine whose own body could not be parsed was not analyzed. */
	for (unsigned i = 0; i < r->prog.nfuncs; i++) {
		const struct pfunc *fn = r->prog.funcs[i];
		if (!fn->body_unparsed || !fn->roles)
			continue;
		fprintf(stderr,
			"fltcheck: error: %s:%u: the body of '%s' has parse errors; it was not "
			"analyzed\n",
			finding_display_path(fn->f->loc.file), fn->f->loc.line, fn->f->name);
		ptrvec_push(&r->failed, (void *)fn->f->loc.file);
		r->incomplete = true;
	}
	engine_run(&r->prog, enabled, &r->findings);
	findings_sort(&r->findings);

	/* Fingerprints first: the occurrence index counts the whole set. */
	if (r->findings.n) {
		char(*fp)[17] = xcalloc(r->findings.n, sizeof(*fp));
		fingerprint_compute(&r->findings, o->root, fp);
		for (unsigned i = 0; i < r->findings.n; i++)
			memcpy(r->findings.v[i].fingerprint, fp[i], sizeof(fp[i]));
		free(fp);
	}
	/* Then the suppressions written in the analyzed sources. */
	struct ptrvec files = { 0 };
	for (unsigned i = 0; i < in->n; i++)
		ptrvec_push(&files, in->v[i].path);
	suppress_scan(&r->sup, (const char *const *)files.v, files.n, rule_id_exists);
	ptrvec_free(&files);
	suppress_apply(&r->sup, &r->findings);
}

static void run_release(struct run *r)
{
	suppress_free(&r->sup);
	findings_free(&r->findings);
	program_release(&r->prog);
	for (unsigned i = 0; i < r->ntus; i++)
		ast_tu_free(r->tus[i]);
	free(r->tus);
	ptrvec_free(&r->failed);
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
	struct run r;
	run_analysis(&r, in, o, enabled);
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
	run_release(&r);
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

static const char *take_value(int argc, char **argv, int *i, const char *opt)
{
	size_t n = strlen(opt);
	if (strncmp(argv[*i], opt, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static bool is_opt(const char *arg, const char *opt)
{
	size_t n = strlen(opt);
	return strncmp(arg, opt, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int main(int argc, char **argv)
{
	static struct options o; /* static: reachable until exit */
	o.format = "text";
	const char *explain_id = NULL;
	bool list = false;
	int rc = EXIT_CLEAN;

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
		} else if (is_opt(a, "--explain")) {
			if (!(explain_id = take_value(argc, argv, &i, "--explain")))
				return usage_error("%s needs a rule id", a);
		} else if (!strcmp(a, "-p") || is_opt(a, "--cdb")) {
			if (!(o.cdb = take_value(argc, argv, &i, a)))
				return usage_error("%s needs a path", a);
		} else if (is_opt(a, "--path-map")) {
			if (!(v = take_value(argc, argv, &i, "--path-map")) || !strchr(v, '='))
				return usage_error("%s needs FROM=TO", "--path-map");
			const char *eq = strchr(v, '=');
			ptrvec_push(&o.maps_from, xfmt("%.*s", (int)(eq - v), v));
			ptrvec_push(&o.maps_to, xstrdup(eq + 1));
		} else if (is_opt(a, "--wdk")) {
			if (!(o.wdk = take_value(argc, argv, &i, "--wdk")))
				return usage_error("%s needs a directory", a);
		} else if (is_opt(a, "--rules")) {
			if (!(o.rules = take_value(argc, argv, &i, "--rules")))
				return usage_error("%s needs a list of rule ids", a);
		} else if (is_opt(a, "--disable")) {
			if (!(o.disable = take_value(argc, argv, &i, "--disable")))
				return usage_error("%s needs a list of rule ids", a);
		} else if (is_opt(a, "--format")) {
			if (!(o.format = take_value(argc, argv, &i, "--format")))
				return usage_error("%s needs text or json", a);
			if (strcmp(o.format, "text") && strcmp(o.format, "json"))
				return usage_error("unknown format '%s': use text or json",
						   o.format);
		} else if (is_opt(a, "--root")) {
			if (!(o.root = take_value(argc, argv, &i, "--root")))
				return usage_error("%s needs a directory", a);
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

	if (!o.root)
		o.root = ".";
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
	if (!in.n) {
		rc = usage_error("%s", o.cdb ? "the compilation database lists no files"
					     : "no input files");
		goto done;
	}

	struct run r;
	run_analysis(&r, &in, &o, enabled);
	if (!strcmp(o.format, "json"))
		findings_print_json(stdout, &r.findings, (const char *const *)r.failed.v,
				    r.failed.n);
	else
		findings_print_text(stdout, &r.findings);
	suppress_print_notes(strcmp(o.format, "json") ? stdout : stderr, &r.sup);
	rc = r.incomplete ? EXIT_INCOMPLETE : r.findings.n ? EXIT_FINDINGS : EXIT_CLEAN;
	if (!o.quiet && strcmp(o.format, "json") != 0 && (r.findings.n || r.incomplete))
		fprintf(stderr, "fltcheck: %u finding%s in %u file%s%s\n", r.findings.n,
			r.findings.n == 1 ? "" : "s", in.n, in.n == 1 ? "" : "s",
			r.incomplete ? "; some code was not analyzed" : "");
	run_release(&r);
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
	return rc;
}
