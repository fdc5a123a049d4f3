/*
 * The scan: cache lookup, parallel parsing, caching, linking and the rules.
 * See scan.h.
 *
 * Only the calling thread touches the database, the file-hash table and
 * stderr; the parser threads only run ast_parse on units the calling thread
 * handed out, each into its own slot, and the results are used in input
 * order, so the outcome is the same for any number of threads.
 */
#include "scan.h"
#include "timing.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ast.h"
#include "fingerprint.h"
#include "irser.h"
#include "rootcache.h"
#include "rule.h"
#include "store.h"
#include "summary.h"

/* ---- hashes -------------------------------------------------------------------------------- */

#define HASH_HEX 33 /* 128 bits of SHA-256 as hex, and a NUL */

static void hex16(const unsigned char d[32], char out[HASH_HEX])
{
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < 16; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[32] = '\0';
}

/* The content hash of a file; false when it cannot be read. */
static bool hash_file(const char *path, char out[HASH_HEX])
{
	size_t n = 0;
	char *buf = read_whole_file(path, &n);
	if (!buf)
		return false;
	unsigned char d[32];
	fingerprint_sha256(buf, n, d);
	free(buf);
	hex16(d, out);
	return true;
}

/* Content hashes of the files seen in this scan, each file read once. */
struct hash_memo {
	struct strmap files; /* path -> struct memo_ent */
	struct store *db;    /* the files table: hashes of files whose stat is unchanged */
};

struct memo_ent {
	char hash[HASH_HEX];
	bool ok;
	bool put; /* to be recorded in the files table (memo_flush) */
	int64_t size, mtime;
};

/* A file's hash from the files table when its size and time are those recorded. */
static bool stored_hash(struct store *db, const char *path, const struct stat *st, int64_t mtime,
			char out[HASH_HEX])
{
	struct arena a;
	arena_init(&a);
	struct store_file f;
	bool ok = store_get_file(db, path, &a, &f) == STORE_OK && f.size == st->st_size &&
		  f.mtime_ns == mtime && strlen(f.content_hash) == HASH_HEX - 1;
	if (ok)
		memcpy(out, f.content_hash, HASH_HEX);
	arena_release(&a);
	return ok;
}

/* The hash of path, or NULL when it cannot be read. Borrowed from the memo. */
static const char *memo_hash(struct hash_memo *m, const char *path)
{
	bool added;
	void **slot = strmap_slot(&m->files, path, &added);
	if (!added) {
		struct memo_ent *e = *slot;
		return e->ok ? e->hash : NULL;
	}
	struct memo_ent *e = xcalloc(1, sizeof(*e));
	*slot = e;
	struct stat st;
	bool have = stat(path, &st) == 0;
	int64_t mtime = have ? (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec : -1;
	if (have && m->db && stored_hash(m->db, path, &st, mtime, e->hash)) {
		e->ok = true;
	} else {
		e->ok = hash_file(path, e->hash);
		/* A file changed in the last seconds may change again within the same
		 * tick of the file time: hash it again next time. */
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		if (e->ok && have && m->db && st.st_mtim.tv_sec + 2 < now.tv_sec) {
			e->put = true;
			e->size = st.st_size;
			e->mtime = mtime;
		}
	}
	return e->ok ? e->hash : NULL;
}

/* Records the new hashes in the files table, in one transaction. */
static void memo_flush(struct hash_memo *m)
{
	bool any = false;
	for (unsigned i = 0; i < m->files.cap && !any; i++)
		any = m->files.v[i].key && ((struct memo_ent *)m->files.v[i].val)->put;
	if (!any || store_begin_batch(m->db) != STORE_OK)
		return;
	for (unsigned i = 0; i < m->files.cap; i++) {
		struct memo_ent *e = m->files.v[i].val;
		if (!m->files.v[i].key || !e->put)
			continue;
		struct store_file f = { m->files.v[i].key, e->hash, e->size, e->mtime };
		store_put_file(m->db, &f);
		e->put = false;
	}
	store_end_batch(m->db);
}

static void memo_free(struct hash_memo *m)
{
	strmap_free(&m->files, free);
}

/* What identifies this build of fltcheck: its version and its executable's size and time. */
static const char *build_id(void)
{
	static char id[128];
	if (!id[0]) {
		struct stat st;
		if (stat("/proc/self/exe", &st) == 0)
			snprintf(id, sizeof(id), "%s exe %lld %lld.%09ld", FLTCHECK_VERSION,
				 (long long)st.st_size, (long long)st.st_mtim.tv_sec,
				 st.st_mtim.tv_nsec);
		else
			snprintf(id, sizeof(id), "%s", FLTCHECK_VERSION);
	}
	return id;
}

/* Everything that changes what parsing a unit gives, except file contents. */
static void args_hash(const struct scan_input *x, const struct ast_options *ao, char out[HASH_HEX])
{
	struct ptrvec parts = { 0 };
	char cwd[4096];
	ptrvec_push(&parts, xfmt("fltcheck-tu %s irser %d", build_id(), IRSER_VERSION));
	ptrvec_push(&parts, xstrdup(ast_frontend_id()));
	ptrvec_push(&parts, xstrdup(getcwd(cwd, sizeof(cwd)) ? cwd : "?"));
	ptrvec_push(&parts, xstrdup(x->path)); /* locations carry the path as given */
	ptrvec_push(&parts, xfmt("cpp=%d", ao->force_cpp));
	ptrvec_push(&parts, xfmt("wdk=%s", ao->wdk_dir ? ao->wdk_dir : ""));
	ptrvec_push(&parts, xfmt("model=%s", ao->wdk_dir ? "" : ao->model_dir));
	for (unsigned i = 0; i < ao->nargs; i++)
		ptrvec_push(&parts, xstrdup(ao->args[i] ? ao->args[i] : ""));
	size_t len = 0;
	for (unsigned i = 0; i < parts.n; i++)
		len += strlen(parts.v[i]) + 1;
	char *buf = xmalloc(len + 1), *p = buf;
	for (unsigned i = 0; i < parts.n; i++) {
		size_t l = strlen(parts.v[i]);
		memcpy(p, parts.v[i], l + 1); /* the NUL separates the parts */
		p += l + 1;
		free(parts.v[i]);
	}
	ptrvec_free(&parts);
	unsigned char d[32];
	fingerprint_sha256(buf, len, d);
	free(buf);
	hex16(d, out);
}

/* ---- parser threads --------------------------------------------------------------------- */

struct unit {
	const struct scan_input *in;
	struct ast_options ao;
	struct ptrvec args;
	char *abspath;
	char args_hash[HASH_HEX];
	char source_hash[HASH_HEX];
	bool hashed;
	struct ir_tu *tu;
	bool from_cache;
	/* A valid cache entry (source and headers unchanged), not yet decoded. */
	bool valid;
	struct store_tu cached; /* in the scan's arena */
	/* A freshly parsed unit's serialized IR, made by the thread that parsed it. */
	bool want_blob;
	unsigned char *blob;
	size_t blob_len;
};

static bool has_fatal(const struct ir_tu *tu)
{
	for (unsigned k = 0; k < tu->ndiags; k++)
		if (tu->diags[k].severity == IR_DIAG_FATAL)
			return true;
	return false;
}

/* The cache entry's header list becomes tu's includes. */
static void set_includes(struct ir_tu *tu, const struct store_tu *t)
{
	const char **inc = arena_alloc(&tu->arena, (t->nheaders + 1) * sizeof(*inc));
	for (unsigned i = 0; i < t->nheaders; i++)
		inc[i] = arena_strdup(&tu->arena, t->headers[i].path);
	tu->includes = inc;
	tu->nincludes = t->nheaders;
}

/* The TU of a valid cache entry, with its includes; NULL when the blob is refused. */
static struct ir_tu *cache_decode(const struct unit *u)
{
	const struct store_tu *t = &u->cached;
	/* bodies are decoded when the engine needs them: the blob lives in the scan's arena */
	struct ir_tu *tu = irser_read_lazy(t->facts, t->facts_len, NULL);
	if (!tu)
		return NULL; /* damaged or from another encoding: parse again */
	set_includes(tu, t);
	return tu;
}

struct pool {
	struct unit *units;
	unsigned *todo; /* indices of the units to parse */
	unsigned ntodo;
	unsigned next;
	pthread_mutex_t lock;
	volatile sig_atomic_t *interrupted;
};

static void *parse_worker(void *p)
{
	struct pool *pl = p;
	for (;;) {
		pthread_mutex_lock(&pl->lock);
		unsigned i = pl->next < pl->ntodo ? pl->todo[pl->next++] : UINT32_MAX;
		pthread_mutex_unlock(&pl->lock);
		if (i == UINT32_MAX || (pl->interrupted && *pl->interrupted))
			break;
		struct unit *u = &pl->units[i];
		/* a valid cache entry is decoded; a refused one, or none, parsed */
		if (u->valid && (u->tu = cache_decode(u)) != NULL)
			u->from_cache = true;
		else
			u->tu = ast_parse(u->in->path, &u->ao);
		if (!u->from_cache && u->tu->parsed)
			summary_tu(u->tu); /* for the link, and kept in the cache */
		if (!u->from_cache && u->want_blob && u->tu->parsed && !has_fatal(u->tu) &&
		    irser_write(u->tu, &u->blob, &u->blob_len) != 0)
			u->blob = NULL;
	}
	return NULL;
}

static void parse_all(struct pool *pl, unsigned jobs)
{
	if (jobs > pl->ntodo)
		jobs = pl->ntodo;
	if (jobs <= 1) {
		parse_worker(pl);
		return;
	}
	pthread_t *th = xcalloc(jobs, sizeof(*th));
	bool *started = xcalloc(jobs, sizeof(*started));
	for (unsigned k = 0; k < jobs; k++)
		started[k] = pthread_create(&th[k], NULL, parse_worker, pl) == 0;
	bool any = false;
	for (unsigned k = 0; k < jobs; k++)
		if (started[k]) {
			pthread_join(th[k], NULL);
			any = true;
		}
	if (!any)
		parse_worker(pl); /* no thread could be started: parse here */
	free(th);
	free(started);
}

/* ---- the TU cache ------------------------------------------------------------------------ */

static void note_db_error(struct scan_result *r, struct store *db)
{
	if (!r->db_error && store_errmsg(db))
		r->db_error = xstrdup(store_errmsg(db));
}

/* Whether u's cache entry still holds: its source and every header unchanged. */
static bool cache_check(struct scan_result *r, const struct scan_options *o, struct hash_memo *memo,
			struct unit *u)
{
	struct store_tu *t = &u->cached;
	int rc = store_get_tu(o->db, u->abspath, u->args_hash, &r->arena, t);
	if (rc != STORE_OK) {
		if (rc != STORE_NOT_FOUND)
			note_db_error(r, o->db);
		return false;
	}
	if (strcmp(t->source_hash, u->source_hash) != 0 || t->facts_version != IRSER_VERSION ||
	    !t->facts)
		return false;
	for (unsigned i = 0; i < t->nheaders; i++) {
		const char *h = memo_hash(memo, t->headers[i].path);
		if (!h || strcmp(h, t->headers[i].hash) != 0)
			return false;
	}
	return true;
}

/* A TU that holds only the path and includes of a cached unit (for --hook's includers). */
static struct ir_tu *cache_stub(const struct unit *u)
{
	struct ir_tu *tu = xcalloc(1, sizeof(*tu));
	arena_init(&tu->arena);
	tu->path = arena_strdup(&tu->arena, u->in->path);
	tu->parsed = true;
	const struct store_tu *t = &u->cached;
	set_includes(tu, t);
	return tu;
}

/* Stores a freshly parsed unit for the next scan; units with a fatal error are not kept. */
/* A unit's diagnostics, one "file:line:col: error: text" line each; display: paths as
 * printed (relative to the current folder), else as recorded. */
static void write_diags(FILE *out, const struct ir_tu *tu, bool display)
{
	for (unsigned i = 0; i < tu->ndiags; i++) {
		const struct ir_diag *d = &tu->diags[i];
		const char *file = d->loc.file ? d->loc.file : "";
		fprintf(out, "%s:%u:%u: %s: %s\n", display ? finding_display_path(file) : file,
			d->loc.line, d->loc.col,
			d->severity == IR_DIAG_WARNING ? "warning" : "error", d->text);
	}
}

static void cache_store(struct scan_result *r, const struct scan_options *o, struct hash_memo *memo,
			struct unit *u)
{
	if (!u->blob)
		return; /* not parsed, a fatal error, or not serializable */
	const unsigned char *blob = u->blob;
	size_t len = u->blob_len;
	struct store_header *hs = xcalloc(u->tu->nincludes + 1, sizeof(*hs));
	unsigned nh = 0;
	bool ok = true;
	for (unsigned i = 0; i < u->tu->nincludes && ok; i++) {
		const char *h = memo_hash(memo, u->tu->includes[i]);
		if (!h)
			ok = false; /* a header we cannot read back: never a cache hit */
		hs[nh].path = u->tu->includes[i];
		hs[nh++].hash = h;
	}
	if (ok) {
		struct store_tu t = { 0 };
		t.path = u->abspath;
		t.args_hash = u->args_hash;
		t.source_hash = u->source_hash;
		t.parse_status = (int)u->tu->nerrors; /* errors that were not fatal */
		/* for people reading the database: the facts hold the diagnostics too */
		char *diags = NULL;
		size_t dlen = 0;
		FILE *df = xmemstream(&diags, &dlen);
		write_diags(df, u->tu, false);
		fclose(df);
		t.diagnostics = diags;
		t.facts = blob;
		t.facts_len = len;
		t.facts_version = IRSER_VERSION;
		t.headers = hs;
		t.nheaders = nh;
		t.build = build_id();
		if (store_put_tu(o->db, 0, &t) != STORE_OK)
			note_db_error(r, o->db);
		free(diags);
	}
	free(hs);
}

/* ---- the scan ---------------------------------------------------------------------------- */

static bool rule_id_exists(const char *id)
{
	return rule_find(id) != NULL;
}

static void add_failure(struct scan_result *r, const char *path, const char *reason)
{
	r->failed = xrealloc(r->failed, (r->nfailed + 1) * sizeof(*r->failed));
	r->failed[r->nfailed].path = arena_strdup(&r->arena, path);
	r->failed[r->nfailed].reason = arena_strdup(&r->arena, reason);
	r->nfailed++;
	r->incomplete = true;
}

/* Reports unit u's parse problems; false when it cannot be analyzed. */
static bool check_unit(struct scan_result *r, const struct scan_options *o, const struct unit *u)
{
	const struct ir_tu *tu = u->tu;
	const char *path = u->in->path;
	if (!tu->parsed) {
		const char *why = tu->fail_reason ? tu->fail_reason : "cannot parse";
		fprintf(stderr, "fltcheck: error: %s; '%s' was not analyzed\n", why, path);
		add_failure(r, path, why);
		return false;
	}
	const struct ir_diag *fatal = NULL;
	for (unsigned k = 0; k < tu->ndiags && !fatal; k++)
		if (tu->diags[k].severity == IR_DIAG_FATAL)
			fatal = &tu->diags[k];
	if (fatal) {
		/* a missing header leaves the AST unreliable: do not trust it */
		if (o->show_parse_errors)
			write_diags(stderr, tu, true);
		char *why = xfmt("%s:%u:%u: %s", finding_display_path(fatal->loc.file),
				 fatal->loc.line, fatal->loc.col, fatal->text);
		fprintf(stderr, "fltcheck: error: %s; '%s' was not analyzed\n", why,
			finding_display_path(path));
		add_failure(r, path, why);
		free(why);
		r->parse_errors += tu->nerrors;
		return false;
	}
	if (tu->nerrors) {
		r->parse_errors += tu->nerrors;
		if (o->show_parse_errors)
			write_diags(stderr, tu, true);
		else if (!o->quiet)
			fprintf(stderr,
				"fltcheck: warning: %u parse error%s in '%s' (--show-parse-errors "
				"lists them)\n",
				tu->nerrors, tu->nerrors == 1 ? "" : "s",
				finding_display_path(path));
	}
	return true;
}

/*
 * The key of the whole program's result: the build, the root, the rules and,
 * unit by unit in order, the path, the argument and source hashes and every
 * header with its hash. Equal keys mean equal inputs to the link and the rules.
 */
static void program_key(const struct unit *units, unsigned n, const struct scan_options *o,
			struct hash_memo *memo, char out[HASH_HEX])
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = xmemstream(&buf, &len);
	fprintf(f, "fltcheck-program 1%c%s%c%s%c", 0, build_id(), 0, o->root ? o->root : "", 0);
	for (unsigned i = 0; rule_table[i]; i++)
		if (o->enabled[i])
			fprintf(f, "%s,", rule_table[i]->id);
	for (unsigned i = 0; i < n; i++) {
		const struct unit *u = &units[i];
		fprintf(f, "%c%s%c%s%c%s", 0, u->in->path, 0, u->args_hash, 0, u->source_hash);
		if (u->valid) {
			for (unsigned k = 0; k < u->cached.nheaders; k++)
				fprintf(f, "%c%s%c%s", 1, u->cached.headers[k].path, 1,
					u->cached.headers[k].hash);
		} else {
			for (unsigned k = 0; k < u->tu->nincludes; k++) {
				const char *h = memo_hash(memo, u->tu->includes[k]);
				fprintf(f, "%c%s%c%s", 1, u->tu->includes[k], 1, h ? h : "?");
			}
		}
	}
	fclose(f);
	unsigned char d[32];
	fingerprint_sha256(buf, len, d);
	free(buf);
	hex16(d, out);
}

/* ---- the per-root result cache ------------------------------------------------------- */

struct root_store {
	struct scan_result *r;
	struct store *db;
	bool read;             /* false with --no-cache: results are written, not read */
	struct ptrvec keys;    /* the keys this scan used (heap copies) */
	struct ptrvec put_key; /* the results to write after the engine, and their keys */
	struct ptrvec put_text;
};

static const char *root_get(void *ctx, const char *key)
{
	struct root_store *rs = ctx;
	const char *text = NULL;
	int rc = rs->read ? store_get_root(rs->db, key, &rs->r->arena, &text) : STORE_NOT_FOUND;
	if (rc != STORE_OK && rc != STORE_NOT_FOUND)
		note_db_error(rs->r, rs->db);
	ptrvec_push(&rs->keys, xstrdup(key));
	return rc == STORE_OK ? text : NULL;
}

static void root_put(void *ctx, const char *key, const char *text)
{
	struct root_store *rs = ctx;
	ptrvec_push(&rs->put_key, xstrdup(key));
	ptrvec_push(&rs->put_text, xstrdup(text));
}

/* Writes the new results and the list of the keys this scan used, in one transaction. */
static void root_store_flush(struct root_store *rs)
{
	bool batch = store_begin_batch(rs->db) == STORE_OK;
	for (unsigned i = 0; batch && i < rs->put_key.n; i++)
		if (store_put_root(rs->db, rs->put_key.v[i], rs->put_text.v[i]) != STORE_OK)
			batch = false;
	if (batch &&
	    store_keep_roots(rs->db, (const char *const *)rs->keys.v, rs->keys.n) != STORE_OK)
		batch = false;
	if (store_end_batch(rs->db) != STORE_OK || !batch)
		note_db_error(rs->r, rs->db);
}

static void root_store_free(struct root_store *rs)
{
	struct ptrvec *v[] = { &rs->keys, &rs->put_key, &rs->put_text };
	for (unsigned k = 0; k < 3; k++) {
		for (unsigned i = 0; i < v[k]->n; i++)
			free(v[k]->v[i]);
		ptrvec_free(v[k]);
	}
}

/* What besides the program decides a root's result: this build and the enabled rules. */
static char *root_salt(const struct scan_options *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = xmemstream(&buf, &len);
	fprintf(f, "%s rules", build_id());
	for (unsigned i = 0; rule_table[i]; i++)
		if (o->enabled[i])
			fprintf(f, " %s", rule_table[i]->id);
	fclose(f);
	return buf;
}

/* Fingerprints, for the whole set at once: the occurrence index counts all of it. */
static void compute_fingerprints(struct findings *fs, const char *root)
{
	if (!fs->n)
		return;
	char(*fp)[17] = xcalloc(fs->n, sizeof(*fp));
	fingerprint_compute(fs, root, fp);
	for (unsigned i = 0; i < fs->n; i++)
		memcpy(fs->v[i].fingerprint, fp[i], sizeof(fp[i]));
	free(fp);
}

void scan_run(struct scan_result *r, const struct scan_input *in, unsigned n,
	      const struct scan_options *o)
{
	timing_mark("start-up, database open");
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena);
	r->tus = xcalloc(n + 1, sizeof(*r->tus));
	r->unit_status = xcalloc(n + 1, sizeof(*r->unit_status));
	r->unit_reason = xcalloc(n + 1, sizeof(*r->unit_reason));
	program_init(&r->prog);

	/* Arguments and cache keys; which units' cached facts still hold. */
	struct unit *units = xcalloc(n + 1, sizeof(*units));
	unsigned *todo = xcalloc(n + 1, sizeof(*todo));
	unsigned ntodo = 0;
	struct hash_memo memo = { 0 };
	memo.db = o->no_cache ? NULL : o->db;
	bool use_db = o->db != NULL;
	bool all_clean = use_db && !o->no_cache; /* every unit cached, without parse errors */
	/* one snapshot for the lookups (the memo's writes wait for memo_flush) */
	bool reading = use_db && store_begin_read(o->db) == STORE_OK;
	for (unsigned i = 0; i < n; i++) {
		struct unit *u = &units[i];
		u->in = &in[i];
		for (unsigned k = 0; k < in[i].nargs; k++)
			ptrvec_push(&u->args, (void *)in[i].args[k]);
		for (unsigned k = 0; k < o->nargs; k++)
			ptrvec_push(&u->args, (void *)o->args[k]);
		u->ao.args = (const char *const *)u->args.v;
		u->ao.nargs = u->args.n;
		u->ao.wdk_dir = o->wdk;
		u->ao.model_dir = o->model_dir;
		u->ao.force_cpp = in[i].is_cpp;
		if (use_db) {
			u->abspath = realpath(in[i].path, NULL);
			if (u->abspath) {
				const char *h = memo_hash(&memo, u->abspath);
				if (h) {
					memcpy(u->source_hash, h, HASH_HEX);
					u->hashed = true;
				}
				args_hash(&in[i], &u->ao, u->args_hash);
			}
			if (u->hashed && !o->no_cache)
				u->valid = cache_check(r, o, &memo, u);
			if (!u->valid)
				ast_preload(); /* libclang loads while the other units are checked
						*/
			u->want_blob = u->hashed;
		}
		if (!u->valid || u->cached.parse_status != 0)
			all_clean = false;
	}

	if (reading)
		store_end_read(o->db);
	timing_mark("hash and cache check");
	/* Nothing changed since a scan that stored its result: take that result. */
	char key[HASH_HEX] = "";
	if (all_clean) {
		program_key(units, n, o, &memo, key);
		const char *text = NULL;
		if (store_get_program(o->db, key, &r->arena, &text) == STORE_OK &&
		    findings_deserialize(text, &r->findings) == 0) {
			for (unsigned i = 0; i < n; i++) {
				r->tus[r->ntus++] = cache_stub(&units[i]);
				r->unit_status[i] = "cached";
			}
			r->cached = n;
			r->program_cached = true;
			goto suppressions;
		}
		note_db_error(r, o->db);
	}

	/* The units to parse go first, so that the threads start on the long jobs. */
	for (unsigned i = 0; i < n; i++)
		if (!units[i].valid)
			todo[ntodo++] = i;
	for (unsigned i = 0; i < n; i++)
		if (units[i].valid)
			todo[ntodo++] = i;
	struct pool pl = { units, todo, ntodo, 0, PTHREAD_MUTEX_INITIALIZER, o->interrupted };
	parse_all(&pl, o->jobs ? o->jobs : 1);
	pthread_mutex_destroy(&pl.lock);
	timing_mark("parse and decode");

	/* One write transaction for the parsed units, taken after the parsing. */
	bool batch = use_db && ntodo && store_begin_batch(o->db) == STORE_OK;
	for (unsigned i = 0; i < n; i++) {
		struct unit *u = &units[i];
		if (!u->tu) { /* not parsed: the scan was interrupted */
			r->interrupted = true;
			continue;
		}
		if (u->from_cache)
			r->cached++;
		else
			r->parsed++;
		r->unit_status[i] = u->from_cache ? "cached" : "parsed";
		if (use_db && !u->from_cache && !r->interrupted)
			cache_store(r, o, &memo, u);
		r->tus[r->ntus++] = u->tu;
	}
	if (batch && store_end_batch(o->db) != STORE_OK)
		note_db_error(r, o->db);
	timing_mark("cache write");
	if (o->interrupted && *o->interrupted)
		r->interrupted = true;

	for (unsigned i = 0; i < n && !r->interrupted; i++) {
		if (check_unit(r, o, &units[i])) {
			program_add_tu(&r->prog, units[i].tu);
		} else {
			r->unit_status[i] = "failed";
			r->unit_reason[i] = r->failed[r->nfailed - 1].reason;
		}
	}
	if (r->interrupted)
		goto out;

	unsigned lazy_failures = irser_lazy_failures();
	program_link(&r->prog);
	timing_mark("link");
	/* A callback or routine whose own body could not be parsed was not analyzed. */
	for (unsigned i = 0; i < r->prog.nfuncs; i++) {
		const struct pfunc *fn = r->prog.funcs[i];
		if (!fn->body_unparsed || !fn->roles)
			continue;
		char *why =
			xfmt("%s:%u: the body of '%s' has parse errors",
			     finding_display_path(fn->f->loc.file), fn->f->loc.line, fn->f->name);
		fprintf(stderr, "fltcheck: error: %s; it was not analyzed\n", why);
		add_failure(r, fn->f->loc.file, why);
		free(why);
	}
	if (use_db) {
		struct root_store rs = { 0 };
		rs.r = r;
		rs.db = o->db;
		rs.read = !o->no_cache;
		char *salt = root_salt(o);
		struct engine_cache cache = { 0 };
		cache.get = root_get;
		cache.put = root_put;
		cache.ctx = &rs;
		cache.salt = salt;
		/* one snapshot for the lookups: no locking per root */
		bool snapshot = store_begin_read(o->db) == STORE_OK;
		engine_run(&r->prog, o->enabled, &r->findings, &cache, o->jobs ? o->jobs : 1);
		if (snapshot)
			store_end_read(o->db);
		timing_mark("engine and rules");
		r->roots_cached = cache.hits;
		r->roots_analyzed = cache.misses;
		if (irser_lazy_failures() == lazy_failures)
			root_store_flush(&rs);
		root_store_free(&rs);
		free(salt);
		timing_mark("root result write");
	} else {
		engine_run(&r->prog, o->enabled, &r->findings, NULL, o->jobs ? o->jobs : 1);
		timing_mark("engine and rules");
	}
	findings_sort(&r->findings);
	compute_fingerprints(&r->findings, o->root);
	timing_mark("fingerprints");

	/* A cached body that could not be decoded: the result is not complete. */
	if (irser_lazy_failures() != lazy_failures)
		r->incomplete = true; /* ir_func_body said which function and why */

	/* Keep the result for a re-scan of the same inputs, when it is complete and clean. */
	bool clean = use_db && !r->nfailed && !r->parse_errors && !r->incomplete;
	for (unsigned i = 0; clean && i < n; i++)
		clean = units[i].hashed && units[i].tu;
	if (clean) {
		if (!key[0])
			program_key(units, n, o, &memo, key);
		char *text = findings_serialize(&r->findings);
		if (store_put_program(o->db, key, text) != STORE_OK)
			note_db_error(r, o->db);
		free(text);
	}
	timing_mark("program result write");

suppressions:;
	/* Then the suppressions written in the analyzed sources. */
	struct ptrvec files = { 0 };
	for (unsigned i = 0; i < n; i++)
		ptrvec_push(&files, in[i].path);
	suppress_scan(&r->sup, (const char *const *)files.v, files.n, rule_id_exists);
	ptrvec_free(&files);
	suppress_apply(&r->sup, &r->findings);
	timing_mark("suppressions");
out:
	for (unsigned i = 0; i < n; i++) {
		ptrvec_free(&units[i].args);
		free(units[i].abspath);
		free(units[i].blob);
	}
	free(units);
	free(todo);
	ast_preload_wait();
	if (memo.db && !r->interrupted)
		memo_flush(&memo);
	memo_free(&memo);
}

void scan_release(struct scan_result *r)
{
	suppress_free(&r->sup);
	findings_free(&r->findings);
	program_release(&r->prog);
	for (unsigned i = 0; i < r->ntus; i++)
		ast_tu_free(r->tus[i]);
	free(r->tus);
	free(r->failed);
	free(r->unit_status);
	free(r->unit_reason);
	free(r->db_error);
	arena_release(&r->arena);
}
