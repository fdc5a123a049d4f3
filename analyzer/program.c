/*
 * Whole-program linking: see program.h. Functions are keyed by their link
 * name ("name" for external linkage, "file:name" for static functions), so a
 * registration table in one file finds callbacks defined in another, and a
 * header defining the same static inline function in two TUs is one function.
 */
#include "program.h"

#include <stdlib.h>
#include <string.h>

#include "rule.h"

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
		if (!f->link || !f->body)
			continue;
		if (program_find(p, f->link))
			continue; /* the same function from a shared header, or a duplicate */
		struct pfunc *fn = arena_alloc(&p->arena, sizeof(*fn));
		fn->f = f;
		fn->tu = tu;
		fn->body_unparsed = f->body_has_errors;
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

static const struct ir_node *strip_casts(const struct ir_node *e)
{
	while (e && (e->kind == IR_CAST || (e->kind == IR_UNOP && e->op == IR_OP_ADDROF)) &&
	       e->nkids)
		e = e->kids[0];
	return e;
}

/* Collects the functions that a local variable is assigned anywhere in body. */
static void local_fn_assignments(const struct ir_node *n, int local, const struct ir_node **out,
				 unsigned *nout, unsigned max)
{
	if (!n)
		return;
	const struct ir_node *val = NULL;
	if (n->kind == IR_DECL && n->ref_index == local && n->nkids)
		val = n->kids[0];
	if (n->kind == IR_BINOP && n->op == IR_OP_ASSIGN && n->kids[0] &&
	    n->kids[0]->kind == IR_DECLREF && n->kids[0]->ref_kind == IR_REF_LOCAL &&
	    n->kids[0]->ref_index == local)
		val = n->kids[1];
	if (val && *nout < max)
		out[(*nout)++] = val;
	for (unsigned i = 0; i < n->nkids; i++)
		local_fn_assignments(n->kids[i], local, out, nout, max);
}

static void resolve_routine(const struct program *p, const struct ir_func *f,
			    const struct ir_node *e, struct pfunc **out, unsigned *nout,
			    unsigned max, int depth)
{
	e = strip_casts(e);
	if (!e || depth > 4 || *nout >= max)
		return;
	if (e->kind == IR_DECLREF && e->ref_kind == IR_REF_FUNCTION) {
		struct pfunc *fn = program_find(p, e->link);
		if (fn) {
			for (unsigned i = 0; i < *nout; i++)
				if (out[i] == fn)
					return;
			out[(*nout)++] = fn;
		}
	} else if (e->kind == IR_COND && e->nkids == 3) {
		resolve_routine(p, f, e->kids[1], out, nout, max, depth + 1);
		resolve_routine(p, f, e->kids[2], out, nout, max, depth + 1);
	} else if (e->kind == IR_DECLREF && e->ref_kind == IR_REF_LOCAL) {
		const struct ir_node *vals[16];
		unsigned nv = 0;
		local_fn_assignments(f->body, e->ref_index, vals, &nv, 16);
		for (unsigned i = 0; i < nv; i++)
			resolve_routine(p, f, vals[i], out, nout, max, depth + 1);
	}
}

unsigned program_routines_of(const struct program *p, const struct ir_func *f,
			     const struct ir_node *call, int arg, struct pfunc **out, unsigned max)
{
	unsigned n = 0;
	if (arg >= 0 && (unsigned)arg + 1 < call->nkids)
		resolve_routine(p, f, call->kids[arg + 1], out, &n, max, 0);
	return n;
}

struct scan_ctx {
	struct program *p;
	struct pfunc *fn;
	bool *called; /* per function index: called by some program function */
};

static void scan_calls(struct scan_ctx *c, const struct ir_node *n)
{
	if (!n)
		return;
	if (n->kind == IR_CALL) {
		const struct api_info *api = facts_api(n->name);
		struct pfunc *routines[8];
		unsigned nr = 0;
		if (api && api->routine_arg >= 0)
			nr = program_routines_of(c->p, c->fn->f, n, api->routine_arg, routines, 8);
		unsigned role = 0;
		if (api) {
			switch (api->kind) {
			case API_QUEUE_DEFERRED:
				role = ROLE_DEFERRED_WORKER;
				break;
			case API_QUEUE_GENERIC:
				role = ROLE_GENERIC_WORKER;
				break;
			case API_CBDQ_INIT:
				role = ROLE_CANCEL_CALLBACK;
				break;
			case API_DO_WHEN_SAFE:
				role = ROLE_SAFE_POST;
				break;
			case API_CBDQ_REMOVE:
				c->fn->roles |= ROLE_DEQUEUER;
				break;
			case API_COMPLETE_PRE:
				c->p->completes_anywhere = true;
				c->fn->calls_complete_pre = true;
				break;
			case API_REISSUE:
				c->fn->calls_reissue = true;
				break;
			default:
				break;
			}
		}
		for (unsigned i = 0; i < nr; i++)
			routines[i]->roles |= role;
		if (!api && n->link) {
			struct pfunc *callee = program_find(c->p, n->link);
			if (callee && callee != c->fn) {
				for (unsigned i = 0; i < c->p->nfuncs; i++)
					if (c->p->funcs[i] == callee)
						c->called[i] = true;
			}
		}
	}
	for (unsigned i = 0; i < n->nkids; i++)
		scan_calls(c, n->kids[i]);
}

static bool calls_reissuer(struct program *p, const struct ir_node *n)
{
	if (!n)
		return false;
	if (n->kind == IR_CALL && n->link) {
		struct pfunc *callee = program_find(p, n->link);
		if (callee && callee->calls_reissue)
			return true;
	}
	for (unsigned i = 0; i < n->nkids; i++)
		if (calls_reissuer(p, n->kids[i]))
			return true;
	return false;
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
	bool *called = xcalloc(p->nfuncs + 1, sizeof(bool));
	struct scan_ctx c = { p, NULL, called };
	for (unsigned i = 0; i < p->nfuncs; i++) {
		c.fn = p->funcs[i];
		scan_calls(&c, p->funcs[i]->f->body);
	}
	/* FltReissueSynchronousIo through helpers: iterate to a fixed point. */
	for (bool changed = true; changed;) {
		changed = false;
		for (unsigned i = 0; i < p->nfuncs; i++) {
			struct pfunc *fn = p->funcs[i];
			if (!fn->calls_reissue && calls_reissuer(p, fn->f->body)) {
				fn->calls_reissue = true;
				changed = true;
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

struct cfg *program_cfg(struct program *p, struct pfunc *fn)
{
	if (!fn->cfg) {
		fn->cfg = cfg_build(&p->arena, fn->f);
		cfg_liveness(&p->arena, fn->cfg, fn->f);
	}
	return fn->cfg;
}

void program_release(struct program *p)
{
	free(p->funcs);
	free(p->tables);
	free(p->index);
	arena_release(&p->arena);
	memset(p, 0, sizeof(*p));
}
