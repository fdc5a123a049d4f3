/*
 * Whole-program linking: see program.h. Functions are keyed by their link
 * name ("name" for external linkage, "file:name" for static functions), so a
 * registration table in one file finds callbacks defined in another, and a
 * header defining the same static inline function in two TUs is one function.
 */
#include "program.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "irser.h"
#include "rule.h"
#include "summary.h"

void program_init(struct program *p)
{
	memset(p, 0, sizeof(*p));
	arena_init(&p->arena);
}

static unsigned hash_str(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void index_insert(struct program *p, struct pfunc *fn)
{
	if ((p->nfuncs + 1) * 2 > p->index_cap) {
		unsigned cap = p->index_cap ? p->index_cap * 2 : 256;
		struct pfunc **idx = xcalloc(cap, sizeof(*idx));
		for (unsigned i = 0; i < p->index_cap; i++) {
			struct pfunc *q = p->index[i];
			if (!q)
				continue;
			unsigned h = hash_str(q->f->link) & (cap - 1);
			while (idx[h])
				h = (h + 1) & (cap - 1);
			idx[h] = q;
		}
		free(p->index);
		p->index = idx;
		p->index_cap = cap;
	}
	unsigned h = hash_str(fn->f->link) & (p->index_cap - 1);
	while (p->index[h])
		h = (h + 1) & (p->index_cap - 1);
	p->index[h] = fn;
}

struct pfunc *program_find(const struct program *p, const char *link)
{
	if (!link || !p->index_cap)
		return NULL;
	unsigned h = hash_str(link) & (p->index_cap - 1);
	while (p->index[h]) {
		if (strcmp(p->index[h]->f->link, link) == 0)
			return p->index[h];
		h = (h + 1) & (p->index_cap - 1);
	}
	return NULL;
}

static bool same_loc(const struct ir_loc *a, const struct ir_loc *b)
{
	return a->line == b->line && a->col == b->col && strcmp(a->file, b->file) == 0;
}

void program_add_tu(struct program *p, const struct ir_tu *tu)
{
	for (unsigned i = 0; i < tu->nfuncs; i++) {
		const struct ir_func *f = tu->funcs[i];
		if (!f->link || !ir_func_has_body(f))
			continue;
		if (program_find(p, f->link))
			continue; /* the same function from a shared header, or a duplicate */
		struct pfunc *fn = arena_alloc(&p->arena, sizeof(*fn));
		fn->f = f;
		fn->tu = tu;
		fn->body_unparsed = f->body_has_errors;
		fn->sum = summary_of(tu, f);
		fn->index = p->nfuncs;
		p->funcs = xrealloc(p->funcs, (p->nfuncs + 1) * sizeof(*p->funcs));
		index_insert(p, fn);
		p->funcs[p->nfuncs++] = fn;
	}
	for (unsigned i = 0; i < tu->ntables; i++) {
		struct ir_reg_table *t = tu->tables[i];
		bool dup = false;
		for (unsigned j = 0; j < p->ntables && !dup; j++)
			dup = same_loc(&p->tables[j]->loc, &t->loc);
		if (dup)
			continue;
		p->tables = xrealloc(p->tables, (p->ntables + 1) * sizeof(*p->tables));
		p->tables[p->ntables++] = t;
	}
}

static void add_use(struct arena *a, struct reg_use **v, unsigned *n, const struct ir_reg_table *t,
		    const struct ir_reg_entry *e)
{
	struct reg_use *nv = arena_alloc(a, (*n + 1) * sizeof(*nv));
	if (*n)
		memcpy(nv, *v, *n * sizeof(*nv));
	nv[*n].table = t;
	nv[*n].entry = e;
	*v = nv;
	(*n)++;
}

/* The program functions of links[0..n), unique, at most max. */
static unsigned resolve_links(const struct program *p, const char *const *links, unsigned n,
			      struct pfunc **out, unsigned max)
{
	unsigned nout = 0;
	for (unsigned i = 0; i < n && nout < max; i++) {
		struct pfunc *fn = program_find(p, links[i]);
		bool dup = false;
		for (unsigned k = 0; k < nout && !dup; k++)
			dup = out[k] == fn;
		if (fn && !dup)
			out[nout++] = fn;
	}
	return nout;
}

unsigned program_routines_of(const struct program *p, const struct ir_func *f,
			     const struct ir_node *call, int arg, struct pfunc **out, unsigned max)
{
	const char *links[SUMMARY_MAX_LINKS];
	unsigned nl = summary_routine_links(f, call, arg, links, SUMMARY_MAX_LINKS);
	return resolve_links(p, links, nl, out, max);
}

/* The role that a queueing API gives the routines it names. */
static unsigned queue_role(unsigned api_kind)
{
	switch (api_kind) {
	case API_QUEUE_DEFERRED:
		return ROLE_DEFERRED_WORKER;
	case API_QUEUE_GENERIC:
		return ROLE_GENERIC_WORKER;
	case API_CBDQ_INIT:
		return ROLE_CANCEL_CALLBACK;
	case API_DO_WHEN_SAFE:
		return ROLE_SAFE_POST;
	default:
		return 0;
	}
}

void program_link(struct program *p)
{
	for (unsigned t = 0; t < p->ntables; t++) {
		const struct ir_reg_table *tab = p->tables[t];
		for (unsigned i = 0; i < tab->nentries; i++) {
			const struct ir_reg_entry *e = &tab->entries[i];
			struct pfunc *pre = program_find(p, e->pre);
			struct pfunc *post = program_find(p, e->post);
			if (pre) {
				pre->roles |= ROLE_PREOP;
				add_use(&p->arena, &pre->pre_uses, &pre->npre_uses, tab, e);
			}
			if (post) {
				post->roles |= ROLE_POSTOP;
				add_use(&p->arena, &post->post_uses, &post->npost_uses, tab, e);
			}
		}
	}
	/* What the bodies tell, from their summaries: roles given by the queueing
	 * APIs, the functions other functions call, the completion APIs. */
	bool *called = xcalloc(p->nfuncs + 1, sizeof(bool));
	for (unsigned i = 0; i < p->nfuncs; i++) {
		struct pfunc *fn = p->funcs[i];
		const struct ir_fsum *sum = fn->sum;
		if (sum->flags & SUM_COMPLETE_PRE) {
			p->completes_anywhere = true;
			fn->calls_complete_pre = true;
		}
		if (sum->flags & SUM_REISSUE)
			fn->calls_reissue = true;
		if (sum->flags & SUM_DEQUEUER)
			fn->roles |= ROLE_DEQUEUER;
		for (unsigned q = 0; q < sum->nqueues; q++) {
			unsigned role = queue_role(sum->queues[q].kind);
			struct pfunc *routines[8];
			unsigned nr = resolve_links(p, sum->queues[q].links, sum->queues[q].nlinks,
						    routines, 8);
			for (unsigned k = 0; k < nr; k++)
				routines[k]->roles |= role;
		}
		for (unsigned c = 0; c < sum->ncalls; c++) {
			if (sum->calls[c].api)
				continue;
			struct pfunc *callee = program_find(p, sum->calls[c].link);
			if (callee && callee != fn)
				called[callee->index] = true;
		}
	}
	/* FltReissueSynchronousIo through helpers: iterate to a fixed point. */
	for (bool changed = true; changed;) {
		changed = false;
		for (unsigned i = 0; i < p->nfuncs; i++) {
			struct pfunc *fn = p->funcs[i];
			if (fn->calls_reissue)
				continue;
			for (unsigned c = 0; c < fn->sum->ncalls && !fn->calls_reissue; c++) {
				struct pfunc *callee = program_find(p, fn->sum->calls[c].link);
				if (callee && callee->calls_reissue) {
					fn->calls_reissue = true;
					changed = true;
				}
			}
		}
	}
	/* Callbacks that no table names: known by their signature, unless they
	 * are helpers called by other functions. */
	for (unsigned i = 0; i < p->nfuncs; i++) {
		struct pfunc *fn = p->funcs[i];
		if ((fn->roles & (ROLE_PREOP | ROLE_POSTOP)) || called[i] || !fn->f->ret_type)
			continue;
		const char *rt = fn->f->ret_type;
		if (strstr(rt, "FLT_PREOP_CALLBACK_STATUS") && fn->f->nparams == 3) {
			fn->roles |= ROLE_PREOP;
			fn->from_signature = true;
		} else if (strstr(rt, "FLT_POSTOP_CALLBACK_STATUS") && fn->f->nparams == 4) {
			fn->roles |= ROLE_POSTOP;
			fn->from_signature = true;
		}
	}
	free(called);
}

/* CFGs (and the lazily read bodies under them) are built by one thread at a time. */
static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;

struct cfg *program_cfg(struct program *p, struct pfunc *fn)
{
	pthread_mutex_lock(&cfg_lock);
	if (!fn->cfg) {
		struct cfg *g = cfg_build(&p->arena, fn->f);
		cfg_liveness(&p->arena, g, fn->f);
		fn->cfg = g;
	}
	struct cfg *g = fn->cfg;
	pthread_mutex_unlock(&cfg_lock);
	return g;
}

void program_release(struct program *p)
{
	free(p->funcs);
	free(p->tables);
	free(p->index);
	arena_release(&p->arena);
	memset(p, 0, sizeof(*p));
}
