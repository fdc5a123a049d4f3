/* The per-root result cache of the engine: see rootcache.h. */
#include "rootcache.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rootkey_ctx {
	const struct program *p;
	unsigned *mark; /* per function index: the stamp of the root that reached it */
	unsigned stamp;
	const struct pfunc **queue;
	unsigned char *buf; /* what the key hashes: tags, numbers and length-prefixed strings */
	size_t len, cap;
};

struct rootkey_ctx *rootkey_new(const struct program *p)
{
	struct rootkey_ctx *k = xcalloc(1, sizeof(*k));
	k->p = p;
	k->mark = xcalloc(p->nfuncs + 1, sizeof(*k->mark));
	k->queue = xcalloc(p->nfuncs + 1, sizeof(*k->queue));
	return k;
}

void rootkey_free(struct rootkey_ctx *k)
{
	if (!k)
		return;
	free(k->mark);
	free(k->queue);
	free(k->buf);
	free(k);
}

static void put_bytes(struct rootkey_ctx *k, const void *p, size_t n)
{
	if (k->len + n > k->cap) {
		k->cap = (k->len + n) * 2 + 256;
		k->buf = xrealloc(k->buf, k->cap);
	}
	memcpy(k->buf + k->len, p, n);
	k->len += n;
}

static void put_u64(struct rootkey_ctx *k, uint64_t v)
{
	put_bytes(k, &v, sizeof(v));
}

/* What follows: one of these tags opens each part of the key. */
enum { K_ROOT = 1, K_PRE, K_POST, K_PAIRED, K_QUEUER, K_QPRE, K_IN, K_CALL, K_ROUTINE };

static void put_tag(struct rootkey_ctx *k, unsigned tag)
{
	unsigned char c = (unsigned char)tag;
	put_bytes(k, &c, 1);
}

/* A string: its length first, so that no content can forge a separator; NULL differs from "". */
static void put_str(struct rootkey_ctx *k, const char *s)
{
	if (!s) {
		put_u64(k, UINT64_MAX);
		return;
	}
	size_t n = strlen(s);
	put_u64(k, n);
	put_bytes(k, s, n);
}

static void put_loc(struct rootkey_ctx *k, const struct ir_loc *l)
{
	put_str(k, l->file);
	put_u64(k, (uint64_t)l->line << 32 | l->col);
}

static void put_majors(struct rootkey_ctx *k, const struct majorset *m)
{
	for (unsigned i = 0; i < 4; i++)
		put_u64(k, m->w[i]);
}

static void put_uses(struct rootkey_ctx *k, unsigned tag, const struct reg_use *u, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		const struct ir_reg_table *t = u[i].table;
		const struct ir_reg_entry *e = u[i].entry;
		put_tag(k, tag);
		put_str(k, t->name);
		put_loc(k, &t->loc);
		put_u64(k, (uint64_t)t->has_terminator);
		put_loc(k, &e->loc);
		put_u64(k, (uint64_t)(int64_t)e->major);
		put_str(k, e->major_name);
		put_u64(k, (uint64_t)e->flags);
		put_u64(k, (uint64_t)e->flags_known);
		put_str(k, e->pre);
		put_str(k, e->post);
	}
}

/* A function the root's analysis may enter: its identity and content, or its absence. */
static void put_callee(struct rootkey_ctx *k, const char *link, unsigned *nq)
{
	const struct pfunc *fn = program_find(k->p, link);
	put_tag(k, K_CALL);
	put_str(k, link);
	if (!fn) {
		put_str(k, NULL);
		return;
	}
	put_str(k, fn->sum->hash);
	put_u64(k, (uint64_t)fn->body_unparsed);
	if (k->mark[fn->index] != k->stamp) {
		k->mark[fn->index] = k->stamp;
		k->queue[(*nq)++] = fn;
	}
}

void rootkey_compute(struct rootkey_ctx *k, const struct pfunc *root, const char *salt,
		     char out[SUMMARY_HASH_HEX])
{
	k->len = 0;
	if (++k->stamp == 0) { /* wrapped: start the marks afresh */
		memset(k->mark, 0, (k->p->nfuncs + 1) * sizeof(*k->mark));
		k->stamp = 1;
	}
	put_str(k, "fltcheck-root 2");
	put_str(k, salt);
	put_u64(k, (uint64_t)k->p->completes_anywhere);
	put_tag(k, K_ROOT);
	put_str(k, root->f->link);
	put_str(k, root->sum->hash);
	put_u64(k, root->roles);
	put_u64(k, (uint64_t)root->from_signature);
	put_u64(k, (uint64_t)root->body_unparsed);
	put_u64(k, (uint64_t)root->queued_from_pre);
	put_u64(k, (uint64_t)root->owns_pended);
	put_u64(k, root->queued_kinds);
	put_majors(k, &root->queued_majors);
	put_uses(k, K_PRE, root->pre_uses, root->npre_uses);
	put_uses(k, K_POST, root->post_uses, root->npost_uses);
	for (unsigned i = 0; i < root->npre_uses; i++) {
		const char *post = root->pre_uses[i].entry->post;
		if (!post)
			continue;
		const struct pfunc *pf = program_find(k->p, post);
		put_tag(k, K_PAIRED);
		put_str(k, post);
		put_u64(k, pf ? 1 + (uint64_t)pf->calls_reissue : 0);
	}
	for (unsigned i = 0; i < root->nqueuers; i++) {
		const struct pfunc *q = root->queuers[i];
		put_tag(k, K_QUEUER);
		put_str(k, q->f->link);
		put_uses(k, K_QPRE, q->pre_uses, q->npre_uses);
	}

	/* the functions the analysis may enter, breadth first from the root */
	unsigned nq = 0, head = 0;
	k->mark[root->index] = k->stamp;
	k->queue[nq++] = root;
	while (head < nq) {
		const struct pfunc *fn = k->queue[head++];
		const struct ir_fsum *s = fn->sum;
		put_tag(k, K_IN);
		put_str(k, fn->f->link);
		for (unsigned i = 0; i < s->ncalls; i++)
			if (!s->calls[i].api)
				put_callee(k, s->calls[i].link, &nq);
		for (unsigned i = 0; i < s->nqueues; i++)
			for (unsigned j = 0; j < s->queues[i].nlinks; j++) {
				const char *l = s->queues[i].links[j];
				put_tag(k, K_ROUTINE);
				put_str(k, l);
				put_u64(k, program_find(k->p, l) != NULL);
			}
	}
	summary_hash_bytes(k->buf, k->len, out);
}

/* ---- results ------------------------------------------------------------------------- */

void root_result_effect(struct root_result *r, const struct root_effect *e)
{
	if (r->neffects == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->effects = xrealloc(r->effects, r->cap * sizeof(*r->effects));
	}
	r->effects[r->neffects++] = *e;
}

void root_result_free(struct root_result *r)
{
	findings_free(&r->findings);
	free(r->effects);
	memset(r, 0, sizeof(*r));
}

/*
 * Text form:
 *   fltcheck-root-result 1
 *   incomplete <0|1> visits <n>
 *   q <kinds hex> <w0>,<w1>,<w2>,<w3> <link>     (one per queue fact)
 *   o <link>                                      (one per pended operation handed on)
 *   findings
 *   <findings_serialize text>
 */
char *root_result_encode(const struct root_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = xmemstream(&buf, &len);
	bool ok = true;
	fprintf(f, "fltcheck-root-result 1\nincomplete %d visits %lu\n", r->incomplete, r->visits);
	for (unsigned i = 0; i < r->neffects; i++) {
		const struct root_effect *e = &r->effects[i];
		const char *link = e->target->f->link;
		if (strchr(link, '\n'))
			ok = false;
		if (e->owns) {
			fprintf(f, "o %s\n", link);
		} else {
			fprintf(f, "q %x ", e->kinds);
			for (unsigned w = 0; w < 4; w++)
				fprintf(f, "%" PRIx64 ",", e->majors.w[w]);
			fprintf(f, " %s\n", link);
		}
	}
	char *fs = findings_serialize(&r->findings);
	fprintf(f, "findings\n%s", fs);
	free(fs);
	fclose(f);
	if (!ok) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The next line of *p (without its newline, in a copy the caller frees), or NULL at the end. */
static char *next_line(const char **p)
{
	const char *s = *p, *nl = strchr(s, '\n');
	if (!nl)
		return NULL;
	char *line = xmalloc((size_t)(nl - s) + 1);
	memcpy(line, s, (size_t)(nl - s));
	line[nl - s] = '\0';
	*p = nl + 1;
	return line;
}

int root_result_decode(const char *text, const struct program *p, struct findings *out,
		       struct root_result *r)
{
	const char *cur = text;
	char *line = next_line(&cur);
	bool ok = line && strcmp(line, "fltcheck-root-result 1") == 0;
	free(line);
	int inc = 0;
	unsigned long visits = 0;
	line = ok ? next_line(&cur) : NULL;
	ok = ok && line && sscanf(line, "incomplete %d visits %lu", &inc, &visits) == 2;
	free(line);
	unsigned first = r->neffects;
	bool body = false; /* the findings line was seen */
	while (ok && !body && (line = next_line(&cur)) != NULL) {
		struct root_effect e = { 0 };
		int at = 0;
		if (strcmp(line, "findings") == 0) {
			body = true;
		} else if (line[0] == 'o' && line[1] == ' ') {
			e.owns = true;
			at = 2;
		} else if (sscanf(line, "q %x %" SCNx64 ",%" SCNx64 ",%" SCNx64 ",%" SCNx64 ", %n",
				  &e.kinds, &e.majors.w[0], &e.majors.w[1], &e.majors.w[2],
				  &e.majors.w[3], &at) != 5 ||
			   !at) {
			ok = false;
		}
		if (ok && !body) {
			e.target = program_find(p, line + at);
			ok = e.target != NULL;
			if (ok)
				root_result_effect(r, &e);
		}
		free(line);
	}
	if (!ok || !body || findings_deserialize(cur, out) != 0) {
		r->neffects = first;
		return -1;
	}
	r->incomplete = inc != 0;
	r->visits = visits;
	return 0;
}
