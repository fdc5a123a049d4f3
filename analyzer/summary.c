/* Function summaries: see summary.h. */
#include "summary.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "facts.h"
#include "irser.h"

/* ---- the content hash ----------------------------------------------------------------- */

/* Two independent 64-bit lanes: FNV-1a and a multiply-rotate lane. */
struct hasher {
	uint64_t a, b;
};

static void h_bytes(struct hasher *h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h->a = (h->a ^ s[i]) * 0x100000001b3ull;
		h->b = ((h->b << 7 | h->b >> 57) ^ s[i]) * 0x9e3779b97f4a7c15ull;
	}
}

static void h_u64(struct hasher *h, uint64_t v)
{
	unsigned char b[8];
	for (unsigned i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	h_bytes(h, b, sizeof(b));
}

/* A string and its end: NULL and "" hash differently. */
static void h_str(struct hasher *h, const char *s)
{
	if (!s) {
		h_u64(h, UINT64_MAX);
		return;
	}
	size_t n = strlen(s);
	h_u64(h, n);
	h_bytes(h, s, n);
}

static void h_loc(struct hasher *h, const struct ir_loc *l)
{
	h_str(h, l->file);
	h_u64(h, (uint64_t)l->line << 32 | l->col);
}

static uint64_t h_final(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

/* ---- the walk ------------------------------------------------------------------------- */

struct builder {
	struct arena *a;
	const struct ir_func *f;
	struct hasher h;
	struct ir_fsum *s;
	unsigned capcalls, capqueues;
};

const struct ir_node *summary_strip_casts(const struct ir_node *e)
{
	while (e && (e->kind == IR_CAST || (e->kind == IR_UNOP && e->op == IR_OP_ADDROF)) &&
	       e->nkids)
		e = e->kids[0];
	return e;
}

/* Collects the values that a local variable is assigned anywhere in body. */
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

static void routine_links(const struct ir_func *f, const struct ir_node *e, const char **out,
			  unsigned *nout, unsigned max, int depth)
{
	e = summary_strip_casts(e);
	if (!e || depth > 4 || *nout >= max)
		return;
	if (e->kind == IR_DECLREF && e->ref_kind == IR_REF_FUNCTION) {
		if (!e->link)
			return;
		for (unsigned i = 0; i < *nout; i++)
			if (strcmp(out[i], e->link) == 0)
				return;
		out[(*nout)++] = e->link;
	} else if (e->kind == IR_COND && e->nkids == 3) {
		routine_links(f, e->kids[1], out, nout, max, depth + 1);
		routine_links(f, e->kids[2], out, nout, max, depth + 1);
	} else if (e->kind == IR_DECLREF && e->ref_kind == IR_REF_LOCAL) {
		const struct ir_node *vals[16];
		unsigned nv = 0;
		local_fn_assignments(ir_func_body(f), e->ref_index, vals, &nv, 16);
		for (unsigned i = 0; i < nv; i++)
			routine_links(f, vals[i], out, nout, max, depth + 1);
	}
}

unsigned summary_routine_links(const struct ir_func *f, const struct ir_node *call, int arg,
			       const char **out, unsigned max)
{
	unsigned n = 0;
	if (arg >= 0 && (unsigned)arg + 1 < call->nkids)
		routine_links(f, call->kids[arg + 1], out, &n, max, 0);
	return n;
}

static void add_call(struct builder *b, const char *link, bool api)
{
	struct ir_fsum *s = b->s;
	for (unsigned i = 0; i < s->ncalls; i++)
		if (s->calls[i].api == api && strcmp(s->calls[i].link, link) == 0)
			return;
	if (s->ncalls == b->capcalls) {
		b->capcalls = b->capcalls ? b->capcalls * 2 : 8;
		struct sum_call *v = arena_alloc(b->a, b->capcalls * sizeof(*v));
		if (s->ncalls)
			memcpy(v, s->calls, s->ncalls * sizeof(*v));
		s->calls = v;
	}
	s->calls[s->ncalls].link = link;
	s->calls[s->ncalls++].api = api;
}

static void add_queue(struct builder *b, const struct ir_node *call, const struct api_info *api)
{
	const char *links[SUMMARY_MAX_LINKS];
	unsigned n = summary_routine_links(b->f, call, api->routine_arg, links, SUMMARY_MAX_LINKS);
	struct ir_fsum *s = b->s;
	if (s->nqueues == b->capqueues) {
		b->capqueues = b->capqueues ? b->capqueues * 2 : 4;
		struct sum_queue *v = arena_alloc(b->a, b->capqueues * sizeof(*v));
		if (s->nqueues)
			memcpy(v, s->queues, s->nqueues * sizeof(*v));
		s->queues = v;
	}
	struct sum_queue *q = &s->queues[s->nqueues++];
	q->kind = (unsigned)api->kind;
	q->nlinks = n;
	q->links = arena_alloc(b->a, (n ? n : 1) * sizeof(*q->links));
	memcpy(q->links, links, n * sizeof(*links));
}

static void walk(struct builder *b, const struct ir_node *n)
{
	struct hasher *h = &b->h;
	if (!n) {
		h_u64(h, 0);
		return;
	}
	h_u64(h, (uint64_t)n->kind + 1);
	h_u64(h, (uint64_t)n->op << 32 | n->flags);
	h_loc(h, &n->loc);
	h_u64(h, (uint64_t)n->ival);
	h_str(h, n->name);
	h_str(h, n->type);
	h_str(h, n->link);
	h_str(h, n->macro);
	h_u64(h, (uint64_t)n->ref_kind << 32 | (uint32_t)n->ref_index);
	h_u64(h, n->nkids);
	if (n->kind == IR_CALL) {
		const struct api_info *api = facts_api(n->name);
		if (api && api->routine_arg >= 0)
			add_queue(b, n, api);
		if (api && api->kind == API_COMPLETE_PRE)
			b->s->flags |= SUM_COMPLETE_PRE;
		if (api && api->kind == API_REISSUE)
			b->s->flags |= SUM_REISSUE;
		if (api && api->kind == API_CBDQ_REMOVE)
			b->s->flags |= SUM_DEQUEUER;
		if (n->link)
			add_call(b, n->link, api != NULL);
	}
	for (unsigned i = 0; i < n->nkids; i++)
		walk(b, n->kids[i]);
}

static void h_hex(const struct hasher *h, char out[SUMMARY_HASH_HEX])
{
	snprintf(out, SUMMARY_HASH_HEX, "%016llx%016llx", (unsigned long long)h_final(h->a),
		 (unsigned long long)h_final(h->b));
}

static void h_init(struct hasher *h)
{
	h->a = 0xcbf29ce484222325ull;
	h->b = 0x6a09e667f3bcc908ull;
}

/*
 * Eight bytes a step (root keys run to kilobytes each, thousands a scan);
 * the same two lanes, each word mixed by a multiply and a shift, and the
 * length last.
 */
void summary_hash_bytes(const void *p, size_t n, char out[SUMMARY_HASH_HEX])
{
	struct hasher h;
	h_init(&h);
	const unsigned char *s = p;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h.a = (h.a ^ w) * 0x100000001b3ull;
		h.a ^= h.a >> 29;
		h.b = ((h.b << 7 | h.b >> 57) ^ w) * 0x9e3779b97f4a7c15ull;
		h.b ^= h.b >> 31;
	}
	h_bytes(&h, s + i, n - i);
	h_u64(&h, n);
	h_hex(&h, out);
}

struct ir_fsum *summary_build(const struct ir_func *f, struct arena *a)
{
	struct builder b = { 0 };
	b.a = a;
	b.f = f;
	h_init(&b.h);
	b.s = arena_alloc(a, sizeof(*b.s));
	h_str(&b.h, "fltcheck-function 1");
	h_str(&b.h, f->name);
	h_str(&b.h, f->link);
	h_u64(&b.h, (uint64_t)f->is_static | (uint64_t)f->body_has_errors << 1 |
			    (uint64_t)f->is_noreturn << 2);
	h_loc(&b.h, &f->loc);
	h_loc(&b.h, &f->end_loc);
	h_str(&b.h, f->ret_type);
	h_u64(&b.h, f->nparams);
	for (unsigned i = 0; i < f->nparams; i++) {
		h_str(&b.h, f->params[i].name);
		h_str(&b.h, f->params[i].type);
	}
	h_u64(&b.h, f->nlocals);
	walk(&b, ir_func_body(f));
	h_hex(&b.h, b.s->hash);
	return b.s;
}

void summary_tu(struct ir_tu *tu)
{
	for (unsigned i = 0; i < tu->nfuncs; i++) {
		struct ir_func *f = tu->funcs[i];
		if (!f->sum && ir_func_has_body(f))
			f->sum = summary_build(f, &tu->arena);
	}
}

const struct ir_fsum *summary_of(const struct ir_tu *tu, const struct ir_func *f)
{
	if (!f->sum)
		((struct ir_func *)f)->sum = summary_build(f, &((struct ir_tu *)tu)->arena);
	return f->sum;
}
