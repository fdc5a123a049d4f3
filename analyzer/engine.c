/*
 * The path-sensitive engine. Each callback and work routine is explored over
 * its CFG with a worklist of (node, state) pairs. A state holds what is
 * known on one path: the operation kinds and major functions still possible,
 * whether FltIsOperationSynchronous held, what was written to
 * Data->IoStatus.Status and *CompletionContext, whether the operation was
 * handed to a queue and whether that worked, pended operations owned and
 * completed, and the values of local variables. Expressions are evaluated
 * into small value sets; conditions split a state into the states where they
 * hold. Calls of functions defined in the program are analyzed in place with
 * the caller's state (so a helper's guards and returns count on the caller's
 * path). Identical states meeting at a node are explored once, so
 * independent branches that do not change what we track cost nothing; a node
 * that sees too many distinct states joins them, conservatively for
 * precision: a joined fact that is no longer certain reports nothing.
 *
 * At returns, modelled API calls and path ends the engine hands the rules an
 * event (rule.h) and keeps the path's steps for the notes of a finding.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "rootcache.h"
#include "rule.h"
#include "source.h"
#include "timing.h"

#define MAX_STATES_PER_NODE 48
#define MAX_RES             8
#define MAX_DEPTH           6
#define VISIT_BUDGET        400000

enum { CTX_NULL, CTX_SET, CTX_UNKNOWN };
enum { OWN_NONE, OWN_PENDING, OWN_DONE };
enum { RES_CALL, RES_ALLOC, RES_REMOVED };
enum { R_UNKNOWN, R_OK, R_FAIL };              /* RES_CALL */
enum { A_UNKNOWN, A_NULL, A_NONNULL };         /* RES_ALLOC */
enum { O_UNKNOWN, O_NULL, O_PENDING, O_DONE }; /* RES_REMOVED (O_UNKNOWN: not yet tested) */

const struct vset vset_top = { 1, 0, { { 0 } } };

struct step {
	struct step *prev;
	struct ir_loc loc;
	const char *msg;
};

struct res {
	int64_t id;
	uint8_t kind, st, count, api;
	const char *name; /* the routine called */
	const struct ir_node *call;
	const struct ir_func *fn;
};

struct lvar {
	int id; /* locals >= 0, parameters -1 - index */
	const struct vset *v;
};

struct state {
	unsigned kinds;
	struct majorset majors;
	uint8_t sync, ios, ctx, handoff, pend_flagged, completions, owned, nres;
	uint8_t qi_fastable; /* a QUERY_INFORMATION class that fast I/O can carry is possible */
	const struct vset *ios_vals;
	const struct vset *ctx_val; /* what *CompletionContext holds when ctx == CTX_SET */
	const char *handoff_api;
	struct res res[MAX_RES];
	unsigned nvars;
	const struct lvar *vars; /* sorted by id; never changed in place */
	const struct vset *retval;
	struct step *trail;
	unsigned hash;
};

struct svec {
	struct state **v;
	unsigned n, cap;
};

struct outcome {
	struct state *st;
	const struct vset *v;
};

struct ovec {
	struct outcome *v;
	unsigned n, cap;
};

struct exitv {
	struct state **st; /* with retval set */
	unsigned n, cap;
};

/* A helper's exits for one entry state, with their steps relative to the entry. */
struct memo {
	struct memo *next;
	const struct pfunc *fn;
	struct state *entry; /* hash set */
	struct state **exits;
	unsigned nexits;
};

struct actx {
	struct program *p;
	struct memo *memos[256];
	struct arena *a;
	const bool *enabled;
	struct findings *out;
	struct pfunc *root;
	struct pfunc *cur; /* the function whose CFG is being explored */
	int depth;
	struct pfunc *stack[MAX_DEPTH + 1];
	struct ir_loc call_loc0; /* the root-level call site while depth > 0 */
	long budget;
	bool interesting;
	bool incomplete;
	struct root_result *res; /* the root's findings go to res->findings, effects too */
};

/* ---------------------------------------------------------------- values */

bool aval_eq(const struct aval *x, const struct aval *y)
{
	return x->tag == y->tag && x->v == y->v && (x->tag != VT_SYM || x->sym == y->sym);
}

bool vset_eq(const struct vset *x, const struct vset *y)
{
	if (x == y)
		return true;
	if (!x || !y || x->top != y->top || x->n != y->n)
		return false;
	if (x->top)
		return true;
	for (unsigned i = 0; i < x->n; i++) {
		bool found = false;
		for (unsigned j = 0; j < y->n && !found; j++)
			found = aval_eq(&x->a[i], &y->a[j]);
		if (!found)
			return false;
	}
	return true;
}

bool vset_has_const(const struct vset *s, enum vtag tag, long long v)
{
	if (!s || s->top)
		return false;
	for (unsigned i = 0; i < s->n; i++)
		if (s->a[i].tag == tag && s->a[i].v == v)
			return true;
	return false;
}

bool vset_has_sym(const struct vset *s, enum vsym sym)
{
	if (!s || s->top)
		return false;
	for (unsigned i = 0; i < s->n; i++)
		if (s->a[i].tag == VT_SYM && s->a[i].sym == sym)
			return true;
	return false;
}

const char *aval_text(const struct aval *a, char *buf, unsigned n)
{
	const char *nm = NULL;
	switch (a->tag) {
	case VT_PREOP:
		nm = a->name ? a->name : facts_preop_name(a->v);
		break;
	case VT_POSTOP:
		nm = a->name ? a->name : facts_postop_name(a->v);
		break;
	case VT_NTSTATUS:
		if (a->name)
			snprintf(buf, n, "the NTSTATUS %s", a->name);
		else
			snprintf(buf, n, "the NTSTATUS 0x%08llX",
				 (unsigned long long)(uint32_t)a->v);
		return buf;
	case VT_BOOL:
		snprintf(buf, n, "the BOOLEAN %s", a->name ? a->name : (a->v ? "TRUE" : "FALSE"));
		return buf;
	case VT_ENUM:
		snprintf(buf, n, "the enumerator %s", a->name ? a->name : "?");
		return buf;
	case VT_NUM:
		if (a->name)
			snprintf(buf, n, "%s (the number %lld)", a->name, (long long)a->v);
		else
			snprintf(buf, n, "the number %lld", (long long)a->v);
		return buf;
	default:
		snprintf(buf, n, "a value");
		return buf;
	}
	snprintf(buf, n, "%s", nm ? nm : "?");
	return buf;
}

static const struct vset *vs_one(struct actx *c, struct aval a)
{
	struct vset *s = arena_alloc(c->a, sizeof(*s));
	s->n = 1;
	s->a[0] = a;
	return s;
}

static const struct vset *vs_const(struct actx *c, enum vtag tag, long long v, const char *name)
{
	struct aval a = { 0 };
	a.tag = tag;
	a.v = v;
	a.name = name;
	return vs_one(c, a);
}

static const struct vset *vs_sym(struct actx *c, enum vsym sym, int64_t v)
{
	struct aval a = { 0 };
	a.tag = VT_SYM;
	a.sym = sym;
	a.v = v;
	return vs_one(c, a);
}

static const struct vset *vs_union(struct actx *c, const struct vset *x, const struct vset *y)
{
	if (!x || !y || x->top || y->top)
		return &vset_top;
	if (vset_eq(x, y))
		return x;
	struct vset *s = arena_alloc(c->a, sizeof(*s));
	*s = *x;
	for (unsigned i = 0; i < y->n; i++) {
		bool found = false;
		for (unsigned j = 0; j < s->n && !found; j++)
			found = aval_eq(&s->a[j], &y->a[i]);
		if (found)
			continue;
		if (s->n == VSET_MAX)
			return &vset_top;
		s->a[s->n++] = y->a[i];
	}
	return s;
}

static bool vs_single(const struct vset *s, struct aval *out)
{
	if (!s || s->top || s->n != 1)
		return false;
	*out = s->a[0];
	return true;
}

static bool aval_is_const(const struct aval *a)
{
	return a->tag != VT_SYM;
}

/* ---------------------------------------------------------------- states */

static struct state *st_copy(struct actx *c, const struct state *s)
{
	struct state *n = arena_alloc_uninit(c->a, sizeof(*n));
	*n = *s;
	return n;
}

static const struct vset *st_var(const struct state *s, int id)
{
	for (unsigned i = 0; i < s->nvars; i++)
		if (s->vars[i].id == id)
			return s->vars[i].v;
	return &vset_top;
}

static void st_set_var(struct actx *c, struct state *s, int id, const struct vset *v)
{
	struct lvar *nv = arena_alloc(c->a, (s->nvars + 1) * sizeof(*nv));
	unsigned n = 0;
	bool placed = false;
	for (unsigned i = 0; i < s->nvars; i++) {
		if (!placed && s->vars[i].id >= id) {
			if (!v->top)
				nv[n++] = (struct lvar){ id, v };
			placed = true;
			if (s->vars[i].id == id)
				continue;
		}
		nv[n++] = s->vars[i];
	}
	if (!placed && !v->top)
		nv[n++] = (struct lvar){ id, v };
	s->vars = nv;
	s->nvars = n;
}

static struct res *st_res(struct state *s, int64_t id)
{
	for (unsigned i = 0; i < s->nres; i++)
		if (s->res[i].id == id)
			return &s->res[i];
	return NULL;
}

static struct res *st_new_res(struct state *s, int64_t id, uint8_t kind)
{
	struct res *r = st_res(s, id);
	if (!r) {
		if (s->nres == MAX_RES) {
			/* forget the oldest fact */
			memmove(&s->res[0], &s->res[1], (MAX_RES - 1) * sizeof(s->res[0]));
			s->nres--;
		}
		r = &s->res[s->nres++];
	}
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->kind = kind;
	return r;
}

static unsigned hash_mix(unsigned h, uint64_t v)
{
	h ^= (unsigned)(v ^ (v >> 32));
	return h * 16777619u;
}

static unsigned hash_vset(unsigned h, const struct vset *v)
{
	if (!v)
		return hash_mix(h, 7);
	if (v->top)
		return hash_mix(h, 11);
	unsigned x = 0;
	for (unsigned i = 0; i < v->n; i++)
		x += (unsigned)(v->a[i].v * 31 + v->a[i].tag * 7 + v->a[i].sym);
	return hash_mix(hash_mix(h, v->n), x);
}

static unsigned st_hash(const struct state *s)
{
	unsigned h = 2166136261u;
	h = hash_mix(h, s->kinds);
	for (int i = 0; i < 4; i++)
		h = hash_mix(h, s->majors.w[i]);
	h = hash_mix(h, (uint64_t)s->sync | (uint64_t)s->ios << 8 | (uint64_t)s->ctx << 16 |
				(uint64_t)s->handoff << 24 | (uint64_t)s->pend_flagged << 32 |
				(uint64_t)s->completions << 40 | (uint64_t)s->owned << 48 |
				(uint64_t)s->qi_fastable << 56);
	h = hash_vset(h, s->ios_vals);
	h = hash_vset(h, s->ctx_val);
	h = hash_vset(h, s->retval);
	for (unsigned i = 0; i < s->nres; i++)
		h = hash_mix(h, (uint64_t)s->res[i].id ^ ((uint64_t)s->res[i].st << 56) ^
					((uint64_t)s->res[i].count << 48));
	for (unsigned i = 0; i < s->nvars; i++)
		h = hash_vset(hash_mix(h, (uint64_t)(int64_t)s->vars[i].id), s->vars[i].v);
	return h;
}

static bool st_eq(const struct state *x, const struct state *y)
{
	if (x->hash != y->hash || x->kinds != y->kinds || x->sync != y->sync || x->ios != y->ios ||
	    x->ctx != y->ctx || x->handoff != y->handoff || x->pend_flagged != y->pend_flagged ||
	    x->completions != y->completions || x->owned != y->owned || x->nres != y->nres ||
	    x->nvars != y->nvars)
		return false;
	if (memcmp(&x->majors, &y->majors, sizeof(x->majors)) != 0)
		return false;
	if (!vset_eq(x->ios_vals, y->ios_vals) || !vset_eq(x->retval, y->retval) ||
	    !vset_eq(x->ctx_val, y->ctx_val))
		return false;
	for (unsigned i = 0; i < x->nres; i++) {
		const struct res *a = &x->res[i], *b = &y->res[i];
		if (a->id != b->id || a->st != b->st || a->count != b->count || a->kind != b->kind)
			return false;
	}
	for (unsigned i = 0; i < x->nvars; i++)
		if (x->vars[i].id != y->vars[i].id || !vset_eq(x->vars[i].v, y->vars[i].v))
			return false;
	return true;
}

/* Joins b into a, keeping only what both paths agree on (or the union of possibilities). */
static void st_join(struct actx *c, struct state *a, const struct state *b)
{
	a->kinds |= b->kinds;
	for (int i = 0; i < 4; i++)
		a->majors.w[i] |= b->majors.w[i];
	if (a->sync != b->sync)
		a->sync = 0;
	if (a->ios != b->ios || !vset_eq(a->ios_vals, b->ios_vals)) {
		a->ios = IOS_UNKNOWN;
		a->ios_vals = &vset_top;
	}
	if (a->ctx != b->ctx || !vset_eq(a->ctx_val, b->ctx_val))
		a->ctx = CTX_UNKNOWN;
	if (a->handoff != b->handoff)
		a->handoff = HANDOFF_ESCAPED;
	a->pend_flagged |= b->pend_flagged;
	a->qi_fastable |= b->qi_fastable;
	if (a->completions != b->completions)
		a->completions = a->completions < b->completions ? a->completions : b->completions;
	if (a->owned != b->owned)
		a->owned = OWN_DONE;
	for (unsigned i = 0; i < a->nres; i++) {
		struct res *r = &a->res[i];
		const struct res *o = NULL;
		for (unsigned j = 0; j < b->nres; j++)
			if (b->res[j].id == r->id)
				o = &b->res[j];
		if (!o || o->st != r->st) {
			r->st = r->kind == RES_REMOVED ? O_DONE : 0;
			r->count = 0;
		}
	}
	struct lvar *nv = arena_alloc(c->a, (a->nvars + 1) * sizeof(*nv));
	unsigned n = 0;
	for (unsigned i = 0; i < a->nvars; i++) {
		const struct vset *o = st_var(b, a->vars[i].id);
		const struct vset *u = vs_union(c, a->vars[i].v, o);
		if (!u->top)
			nv[n++] = (struct lvar){ a->vars[i].id, u };
	}
	a->vars = nv;
	a->nvars = n;
	if (a->retval || b->retval)
		a->retval = vs_union(c, a->retval, b->retval);
}

/* ---------------------------------------------------------------- steps */

static void step(struct actx *c, struct state *s, struct ir_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void step(struct actx *c, struct state *s, struct ir_loc loc, const char *fmt, ...)
{
	struct step *st = arena_alloc(c->a, sizeof(*st));
	va_list ap;
	va_start(ap, fmt);
	st->msg = arena_vfmt(c->a, fmt, ap);
	va_end(ap);
	st->loc = loc;
	st->prev = s->trail;
	s->trail = st;
}

static const char *vtext(struct actx *c, const struct vset *v)
{
	if (!v || v->top)
		return "an unknown value";
	char buf[128];
	if (v->n == 1)
		return arena_strdup(c->a, aval_text(&v->a[0], buf, sizeof(buf)));
	char *out = arena_strdup(c->a, "one of ");
	for (unsigned i = 0; i < v->n; i++)
		out = arena_fmt(c->a, "%s%s%s", out, i ? ", " : "",
				aval_text(&v->a[i], buf, sizeof(buf)));
	return out;
}

static const char *cond_text(struct actx *c, const struct ir_node *e)
{
	char *t = source_expr_text(e->loc.file, e->loc.line, e->loc.col);
	if (!t)
		return "the condition";
	const char *r = arena_fmt(c->a, "'%s'", t);
	free(t);
	return r;
}

/* ---------------------------------------------------------------- vectors */

static void sv_push(struct actx *c, struct svec *v, struct state *s)
{
	if (v->n == v->cap) {
		unsigned cap = v->cap ? v->cap * 2 : 4;
		struct state **nv = arena_alloc(c->a, cap * sizeof(*nv));
		if (v->n)
			memcpy(nv, v->v, v->n * sizeof(*nv));
		v->v = nv;
		v->cap = cap;
	}
	v->v[v->n++] = s;
}

static void ov_push(struct actx *c, struct ovec *v, struct state *s, const struct vset *val)
{
	if (v->n == v->cap) {
		unsigned cap = v->cap ? v->cap * 2 : 4;
		struct outcome *nv = arena_alloc(c->a, cap * sizeof(*nv));
		if (v->n)
			memcpy(nv, v->v, v->n * sizeof(*nv));
		v->v = nv;
		v->cap = cap;
	}
	v->v[v->n].st = s;
	v->v[v->n].v = val;
	v->n++;
}

/* ---------------------------------------------------------------- events */

struct event_priv {
	struct actx *c;
	struct state *st;
};

/*
 * The kinds the possible major functions allow on this path. A
 * QUERY_INFORMATION is fast I/O only for the Basic, Standard and
 * NetworkOpen classes; once the path rules those out, it is an IRP.
 */
static unsigned major_kinds_of(const struct state *s, const struct majorset *m0)
{
	struct majorset m = *m0;
	unsigned extra = 0;
	if (!s->qi_fastable && majorset_has(&m, MJ_QUERY_INFORMATION)) {
		m.w[MJ_QUERY_INFORMATION >> 6] &= ~(1ull << (MJ_QUERY_INFORMATION & 63));
		extra = KIND_IRP;
		if (majorset_empty(&m))
			return extra;
	}
	return facts_majorset_kinds(&m) | extra;
}

static unsigned major_kinds(const struct state *s)
{
	return major_kinds_of(s, &s->majors);
}

/*
 * A value as the rules should see it on this path: an allocation known to
 * have succeeded is a non-NULL address, one known to have failed is NULL; a
 * status returned by a call is an NTSTATUS (a success or a failure where a
 * test on it decided which).
 */
static const struct vset *resolve(struct actx *c, const struct state *s, const struct vset *v)
{
	if (!v || v->top)
		return v;
	struct vset *out = NULL;
	for (unsigned i = 0; i < v->n; i++) {
		const struct aval *a = &v->a[i];
		if (a->tag != VT_SYM || (a->sym != SYM_ALLOC && a->sym != SYM_CALLRES))
			continue;
		const struct res *r = NULL;
		for (unsigned k = 0; k < s->nres; k++)
			if (s->res[k].id == a->v)
				r = &s->res[k];
		if (!r)
			continue;
		if (!out) {
			out = arena_alloc(c->a, sizeof(*out));
			*out = *v;
		}
		struct aval *o = &out->a[i];
		if (a->sym == SYM_ALLOC && r->st == A_NONNULL) {
			o->sym = SYM_ADDR;
		} else if (a->sym == SYM_ALLOC && r->st == A_NULL) {
			o->tag = VT_NUM;
			o->v = 0;
		} else if (a->sym == SYM_CALLRES) {
			o->tag = VT_NTSTATUS;
			o->v = r->st == R_FAIL ? (int32_t)0xC0000001 : 0;
			o->name = arena_fmt(c->a, "%s by %s",
					    r->st == R_FAIL ? "failure returned" : "returned",
					    r->name ? r->name : "a call");
		}
	}
	return out ? out : v;
}

static bool ctx_nonnull(struct actx *c, const struct state *s)
{
	if (s->ctx != CTX_SET)
		return false;
	const struct vset *v = resolve(c, s, s->ctx_val);
	if (!v || v->top)
		return true;
	for (unsigned i = 0; i < v->n; i++)
		if (v->a[i].tag == VT_SYM || v->a[i].v != 0)
			return true;
	return false;
}

static void fill_view(struct actx *c, const struct state *s, struct path_view *pv)
{
	memset(pv, 0, sizeof(*pv));
	unsigned mk = major_kinds(s);
	pv->kinds = s->kinds & mk;
	pv->kinds_known =
		!c->root->from_signature || !majorset_is_all(&s->majors) || s->kinds != KIND_ALL;
	pv->majors = &s->majors;
	pv->sync_established = s->sync;
	pv->iostatus = s->ios;
	pv->iostatus_values = s->ios_vals ? resolve(c, s, s->ios_vals) : &vset_top;
	pv->ctx_nonnull = ctx_nonnull(c, s);
	pv->handoff = s->handoff;
	pv->handoff_api = s->handoff_api;
	pv->pend_flagged = s->pend_flagged;
	pv->completions = s->completions;
	pv->program_completes = c->p->completes_anywhere;
}

static void fire(struct actx *c, struct rule_event *ev, struct state *s)
{
	struct event_priv pr = { c, s };
	ev->fn = c->root;
	ev->roles = c->root->roles;
	ev->fn_name = c->root->f->name;
	ev->priv = &pr;
	for (unsigned i = 0; rule_table[i]; i++)
		if (c->enabled[i])
			rule_table[i]->check(rule_table[i], ev);
	ev->priv = NULL;
}

static struct ir_loc report_loc(struct actx *c, struct ir_loc here)
{
	return c->depth ? c->call_loc0 : here;
}

static void report_v(const struct rule *r, const struct rule_event *ev,
		     const struct ir_loc *related, const char *related_msg, const char *last_step,
		     const char *fmt, va_list ap)
{
	struct event_priv *pr = ev->priv;
	struct actx *c = pr->c;
	char *msg = arena_vfmt(c->a, fmt, ap);
	struct finding *f = findings_add(c->out, r, ev->loc, c->root->f->name, msg);
	if (!f)
		return;
	struct step *chain[512];
	unsigned n = 0;
	for (struct step *s = pr->st->trail; s && n < 512; s = s->prev)
		chain[n++] = s;
	while (n--)
		finding_add_step(f, chain[n]->loc, chain[n]->msg);
	if (last_step)
		finding_add_step(f, ev->loc, last_step);
	if (related) {
		f->related_file = xstrdup(related->file);
		f->related_line = related->line;
		f->related_col = related->col;
		f->related_msg = xstrdup(related_msg ? related_msg : "related location");
	}
}

void rule_report(const struct rule *r, const struct rule_event *ev, const char *last_step,
		 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_v(r, ev, NULL, NULL, last_step, fmt, ap);
	va_end(ap);
}

void rule_report_related(const struct rule *r, const struct rule_event *ev,
			 const struct ir_loc *related, const char *related_msg,
			 const char *last_step, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_v(r, ev, related, related_msg, last_step, fmt, ap);
	va_end(ap);
}

static bool uses_lack_postop(const struct pfunc *fn, unsigned mj, struct ir_loc *where)
{
	for (unsigned i = 0; i < fn->npre_uses; i++) {
		const struct ir_reg_entry *e = fn->pre_uses[i].entry;
		if (e->major >= 0 && (unsigned)e->major == mj && !e->post) {
			if (where)
				*where = e->loc;
			return true;
		}
	}
	return false;
}

bool rule_entry_lacks_postop(const struct rule_event *ev, unsigned mj, struct ir_loc *where)
{
	const struct pfunc *fn = ev->fn;
	if (fn->npre_uses)
		return uses_lack_postop(fn, mj, where);
	for (unsigned i = 0; i < fn->nqueuers; i++)
		if (uses_lack_postop(fn->queuers[i], mj, where))
			return true;
	return false;
}

static bool origin_in(const struct pfunc *fn, const struct rule_event *ev, unsigned kinds,
		      struct ir_loc *where, unsigned *major)
{
	for (unsigned i = 0; i < fn->npre_uses; i++) {
		const struct ir_reg_entry *e = fn->pre_uses[i].entry;
		if (e->major < 0 || !majorset_has(ev->path.majors, (unsigned)e->major) ||
		    !(facts_major_kinds((unsigned)e->major) & kinds))
			continue;
		*where = e->loc;
		*major = (unsigned)e->major;
		return true;
	}
	return false;
}

bool rule_kind_origin(const struct rule_event *ev, unsigned kinds, struct ir_loc *where,
		      unsigned *major)
{
	if (origin_in(ev->fn, ev, kinds, where, major))
		return true;
	for (unsigned i = 0; i < ev->fn->nqueuers; i++)
		if (origin_in(ev->fn->queuers[i], ev, kinds, where, major))
			return true;
	return false;
}

void rule_report_kind(const struct rule *r, const struct rule_event *ev, unsigned kinds,
		      const char *last_step, const char *fmt, ...)
{
	struct ir_loc where;
	unsigned mj;
	const char *related = NULL;
	struct event_priv *pr = ev->priv;
	if (rule_kind_origin(ev, kinds, &where, &mj)) {
		char buf[64];
		const char *name = facts_major_name(mj);
		related = arena_fmt(
			pr->c->a, "'%s' is registered for %s, which can be %s", ev->fn_name,
			name ? name : "this major function",
			facts_kinds_text(facts_major_kinds(mj) & kinds, buf, sizeof(buf)));
	}
	va_list ap;
	va_start(ap, fmt);
	report_v(r, ev, related ? &where : NULL, related, last_step, fmt, ap);
	va_end(ap);
}

bool rule_create_postop_reissues(const struct rule_event *ev)
{
	struct event_priv *pr = ev->priv;
	const struct pfunc *fn = ev->fn;
	for (unsigned i = 0; i < fn->npre_uses; i++) {
		const struct ir_reg_entry *e = fn->pre_uses[i].entry;
		if (e->major != MJ_CREATE || !e->post)
			continue;
		const struct pfunc *post = program_find(pr->c->p, e->post);
		if (post && post->calls_reissue)
			return true;
	}
	return false;
}

/* ---------------------------------------------------------------- evaluation */

static void eval(struct actx *c, struct state *s, const struct ir_node *e, struct ovec *out);
static void split(struct actx *c, struct state *s, const struct ir_node *e, bool want,
		  struct svec *out);
static void run_function(struct actx *c, struct pfunc *fn, struct state *entry,
			 struct exitv *exits);

static const struct ir_node *strip(const struct ir_node *e)
{
	while (e && e->kind == IR_CAST && e->nkids && e->kids[0] &&
	       ((e->flags & IR_F_IMPLICIT) || !e->type || !strstr(e->type, "NTSTATUS")))
		e = e->kids[0];
	return e;
}

static bool type_is(const char *t, const char *name)
{
	if (!t)
		return false;
	while (!strncmp(t, "const ", 6) || !strncmp(t, "volatile ", 9))
		t += t[0] == 'c' ? 6 : 9;
	return strcmp(t, name) == 0;
}

static long long truncate_to(const char *t, long long v, bool *changed)
{
	*changed = true;
	if (type_is(t, "UCHAR") || type_is(t, "unsigned char") || type_is(t, "BYTE"))
		return (unsigned char)v;
	if (type_is(t, "CHAR") || type_is(t, "char") || type_is(t, "signed char"))
		return (signed char)v;
	if (type_is(t, "USHORT") || type_is(t, "unsigned short") || type_is(t, "WORD"))
		return (unsigned short)v;
	if (type_is(t, "ULONG") || type_is(t, "unsigned long") || type_is(t, "unsigned int") ||
	    type_is(t, "DWORD") || type_is(t, "UINT32"))
		return (uint32_t)v;
	if (type_is(t, "LONG") || type_is(t, "long") || type_is(t, "int") ||
	    type_is(t, "NTSTATUS") || type_is(t, "INT32"))
		return (int32_t)v;
	*changed = false;
	return v;
}

static enum vtag enum_tag(const char *type)
{
	if (!type)
		return VT_ENUM;
	if (strstr(type, "FLT_PREOP_CALLBACK_STATUS"))
		return VT_PREOP;
	if (strstr(type, "FLT_POSTOP_CALLBACK_STATUS"))
		return VT_POSTOP;
	return VT_ENUM;
}

/* Does this value set mention the callback data (or a removed one)? */
static bool vs_is_data(const struct vset *v)
{
	return vset_has_sym(v, SYM_DATA) || vset_has_sym(v, SYM_REMOVED) ||
	       vset_has_sym(v, SYM_WORKCTX);
}

/* The data passed to code we cannot see: it may complete, queue or keep it. */
static void escape_data(struct actx *c, struct state *s, const struct vset *v, struct ir_loc loc,
			const char *how, bool stored)
{
	if (!v || v->top)
		return;
	for (unsigned i = 0; i < v->n; i++) {
		const struct aval *a = &v->a[i];
		if (a->tag != VT_SYM)
			continue;
		if (a->sym == SYM_DATA) {
			if (s->handoff == HANDOFF_NONE) {
				s->handoff = stored ? HANDOFF_STORED : HANDOFF_ESCAPED;
				step(c, s, loc, "the operation is %s", how);
			}
			if (s->ios == IOS_UNSET)
				s->ios = IOS_UNKNOWN;
			if (s->owned == OWN_PENDING)
				s->owned = OWN_DONE;
		} else if (a->sym == SYM_WORKCTX) {
			/* the context that carries the operation went to code we cannot see */
			if (s->owned == OWN_PENDING) {
				s->owned = OWN_DONE;
				step(c, s, loc, "the context carrying the operation is %s", how);
			}
		} else if (a->sym == SYM_REMOVED) {
			struct res *r = st_res(s, a->v);
			if (r && r->st != O_NULL)
				r->st = O_DONE;
			if (s->ios == IOS_UNSET)
				s->ios = IOS_UNKNOWN;
		}
	}
}

static void assign_local(struct actx *c, struct state *s, const struct ir_node *lhs,
			 const struct vset *v, struct ir_loc loc)
{
	int id = lhs->ref_kind == IR_REF_LOCAL ? lhs->ref_index : -1 - lhs->ref_index;
	st_set_var(c, s, id, v);
	struct aval a;
	if (vs_single(v, &a) && (a.tag == VT_PREOP || a.tag == VT_POSTOP || a.tag == VT_NTSTATUS))
		step(c, s, loc, "'%s' is set to %s", lhs->name ? lhs->name : "?", vtext(c, v));
}

static bool is_iostatus_status(const struct ir_node *lhs, const struct ir_node **base)
{
	lhs = strip(lhs);
	if (!lhs || lhs->kind != IR_MEMBER || !lhs->name || strcmp(lhs->name, "Status") != 0)
		return false;
	const struct ir_node *in = strip(lhs->kids[0]);
	if (!in || in->kind != IR_MEMBER || !in->name || strcmp(in->name, "IoStatus") != 0)
		return false;
	*base = in->kids[0];
	return true;
}

static bool is_iostatus_whole(const struct ir_node *lhs)
{
	lhs = strip(lhs);
	return lhs && lhs->kind == IR_MEMBER && lhs->name && strcmp(lhs->name, "IoStatus") == 0;
}

/* The effect of storing v through lhs (anything but a local variable). */
static void store(struct actx *c, struct state *s, const struct ir_node *lhs, const struct vset *v,
		  struct ir_loc loc)
{
	const struct ir_node *base;
	lhs = strip(lhs);
	if (is_iostatus_status(lhs, &base)) {
		s->ios = IOS_SET;
		s->ios_vals = v;
		step(c, s, loc, "Data->IoStatus.Status is set to %s", vtext(c, v));
		return;
	}
	if (is_iostatus_whole(lhs)) {
		s->ios = IOS_SET;
		s->ios_vals = &vset_top;
		return;
	}
	if (lhs->kind == IR_MEMBER && lhs->name && !strcmp(lhs->name, "Status") && lhs->nkids) {
		/* through a pointer to the status block: iosb->Status = ... */
		struct ovec o = { 0 };
		eval(c, st_copy(c, s), lhs->kids[0], &o);
		bool iosb = o.n > 0;
		for (unsigned i = 0; i < o.n; i++)
			iosb &= vset_has_sym(o.v[i].v, SYM_IOSTATUS);
		if (iosb) {
			s->ios = IOS_SET;
			s->ios_vals = v;
			step(c, s, loc, "Data->IoStatus.Status is set to %s", vtext(c, v));
			return;
		}
	}
	if (lhs->kind == IR_UNOP && lhs->op == IR_OP_DEREF) {
		struct ovec o = { 0 };
		eval(c, st_copy(c, s), lhs->kids[0], &o);
		bool ctxptr = false;
		for (unsigned i = 0; i < o.n; i++)
			ctxptr |= vset_has_sym(o.v[i].v, SYM_CTXPTR);
		if (ctxptr) {
			struct aval a;
			bool null = vs_single(v, &a) && aval_is_const(&a) && a.v == 0;
			if (!null && vs_single(v, &a) && a.tag == VT_SYM && a.sym == SYM_ALLOC) {
				struct res *r = st_res(s, a.v);
				null = r && r->st == A_NULL;
			}
			s->ctx = null ? CTX_NULL : CTX_SET;
			s->ctx_val = v;
			step(c, s, loc,
			     null ? "*CompletionContext is set to NULL"
				  : "*CompletionContext is set to a non-NULL value");
			return;
		}
	}
	if (vs_is_data(v))
		escape_data(c, s, v, loc, "stored for later use", true);
}

static void eval_seq(struct actx *c, struct state *s, const struct ir_node *const *nodes,
		     unsigned n, struct ovec *out);

/* Outcomes of evaluating each of n expressions in order; vals[k][i] is the value of node i in
 * outcome k. */
struct multi {
	struct state *st;
	const struct vset **vals;
};

static void eval_all(struct actx *c, struct state *s, const struct ir_node *const *nodes,
		     unsigned n, struct multi **res, unsigned *nres)
{
	unsigned cap = 4, cnt = 1;
	struct multi *cur = arena_alloc(c->a, cap * sizeof(*cur));
	cur[0].st = s;
	cur[0].vals = arena_alloc(c->a, (n + 1) * sizeof(*cur[0].vals));
	for (unsigned i = 0; i < n; i++) {
		unsigned ncap = 4, ncnt = 0;
		struct multi *next = arena_alloc(c->a, ncap * sizeof(*next));
		for (unsigned k = 0; k < cnt; k++) {
			struct ovec o = { 0 };
			if (nodes[i])
				eval(c, cur[k].st, nodes[i], &o);
			else
				ov_push(c, &o, cur[k].st, &vset_top);
			for (unsigned j = 0; j < o.n; j++) {
				if (ncnt == ncap) {
					struct multi *nn =
						arena_alloc(c->a, ncap * 2 * sizeof(*nn));
					memcpy(nn, next, ncnt * sizeof(*nn));
					next = nn;
					ncap *= 2;
				}
				next[ncnt].st = o.v[j].st;
				next[ncnt].vals =
					arena_alloc(c->a, (n + 1) * sizeof(*next[ncnt].vals));
				memcpy(next[ncnt].vals, cur[k].vals, i * sizeof(*cur[k].vals));
				next[ncnt].vals[i] = o.v[j].v;
				ncnt++;
			}
		}
		cur = next;
		cnt = ncnt;
	}
	*res = cur;
	*nres = cnt;
}

/* Evaluates nodes in order for their effects; the value is unknown. */
static void eval_seq(struct actx *c, struct state *s, const struct ir_node *const *nodes,
		     unsigned n, struct ovec *out)
{
	struct multi *m;
	unsigned nm;
	eval_all(c, s, nodes, n, &m, &nm);
	for (unsigned k = 0; k < nm; k++)
		ov_push(c, out, m[k].st, &vset_top);
}

static const struct vset *arg_of(const struct multi *m, const struct ir_node *call, int idx)
{
	if (idx < 0 || (unsigned)idx + 1 >= call->nkids)
		return NULL;
	return m->vals[idx];
}

/* 'completions': for a completion call, how many times its operation is now completed. */
static void call_event(struct actx *c, struct state *s, const struct api_info *api,
		       const struct ir_node *call, const struct vset *status,
		       const struct vset *context, unsigned completions)
{
	struct rule_event ev = { 0 };
	ev.kind = EV_CALL;
	ev.api = api;
	ev.value = resolve(c, s, status);
	ev.context = resolve(c, s, context);
	ev.loc = report_loc(c, call->loc);
	fill_view(c, s, &ev.path);
	ev.path.completions = completions;
	fire(c, &ev, s);
}

/* What a root tells a function it queued or handed a pended operation. */
static void apply_effect(struct pfunc *root, const struct root_effect *e)
{
	struct pfunc *routine = e->target;
	if (e->owns) {
		routine->owns_pended = true;
		return;
	}
	routine->queued_from_pre = true;
	for (int i = 0; i < 4; i++)
		routine->queued_majors.w[i] |= e->majors.w[i];
	routine->queued_kinds |= e->kinds;
	for (unsigned i = 0; i < routine->nqueuers; i++)
		if (routine->queuers[i] == root)
			return;
	if (routine->nqueuers < 4)
		routine->queuers[routine->nqueuers++] = root;
}

/* Effects are logged during the analysis and applied after the pass (finish_root). */
static void effect(struct actx *c, const struct root_effect *e)
{
	root_result_effect(c->res, e);
}

static void note_queuer(struct actx *c, struct pfunc *routine, const struct state *s)
{
	if (!(c->root->roles & ROLE_PREOP))
		return;
	struct root_effect e = { 0 };
	e.target = routine;
	e.majors = s->majors;
	e.kinds = s->kinds & major_kinds(s);
	effect(c, &e);
}

/* The value of a call fltcheck does not model: a status symbol when it returns an NTSTATUS. */
static const struct vset *status_result(struct actx *c, struct state *s, const struct ir_node *call)
{
	if (!type_is(call->type, "NTSTATUS"))
		return &vset_top;
	int64_t site = (int64_t)(intptr_t)call;
	struct res *r = st_new_res(s, site, RES_CALL);
	r->api = API_NONE;
	r->name = call->name;
	r->call = call;
	r->fn = c->cur->f;
	return vs_sym(c, SYM_CALLRES, site);
}

static void api_call(struct actx *c, struct multi *m, const struct ir_node *call,
		     const struct api_info *api, struct ovec *out)
{
	struct state *s = m->st;
	const struct vset *data = arg_of(m, call, api->data_arg);
	int64_t site = (int64_t)(intptr_t)call;
	const char *nm = api->name;
	switch (api->kind) {
	case API_QUEUE_DEFERRED:
	case API_CBDQ_INSERT:
	case API_QUEUE_GENERIC: {
		bool is_data = data && vset_has_sym(data, SYM_DATA);
		if (api->kind == API_QUEUE_GENERIC)
			is_data = true; /* its context is what carries the operation */
		step(c, s, call->loc, "calling %s", nm);
		if (api->kind != API_QUEUE_GENERIC && is_data) {
			unsigned k = s->kinds & major_kinds(s);
			call_event(c, s, api, call, NULL, NULL, 0);
			if (k & (KIND_FASTIO | KIND_FSFILTER))
				s->pend_flagged = 1;
		}
		struct pfunc *routines[8];
		unsigned nr =
			program_routines_of(c->p, c->cur->f, call, api->routine_arg, routines, 8);
		for (unsigned i = 0; i < nr; i++)
			if (api->kind == API_QUEUE_DEFERRED)
				note_queuer(c, routines[i], s);
		struct res *r = st_new_res(s, site, RES_CALL);
		r->api = (uint8_t)api->kind;
		r->name = nm;
		r->call = call;
		r->fn = c->cur->f;
		if (is_data && s->handoff != HANDOFF_OK) {
			s->handoff = HANDOFF_UNCHECKED;
			s->handoff_api = nm;
		}
		if (data && vset_has_sym(data, SYM_REMOVED))
			escape_data(c, s, data, call->loc, "queued again", false);
		else if (data && data->top && s->owned == OWN_PENDING &&
			 (c->root->roles & ROLE_GENERIC_WORKER))
			s->owned = OWN_DONE;
		if (s->owned == OWN_PENDING && data && vset_has_sym(data, SYM_DATA))
			s->owned = OWN_DONE; /* passed on to another routine */
		ov_push(c, out, s, vs_sym(c, SYM_CALLRES, site));
		return;
	}
	case API_CBDQ_REMOVE: {
		struct res *r = st_new_res(s, site, RES_REMOVED);
		r->st = O_UNKNOWN;
		ov_push(c, out, s, vs_sym(c, SYM_REMOVED, site));
		return;
	}
	case API_COMPLETE_PRE: {
		const struct vset *status = arg_of(m, call, api->status_arg);
		const struct vset *ctx = arg_of(m, call, api->context_arg);
		struct aval d = { 0 };
		bool single = data && vs_single(data, &d) && d.tag == VT_SYM;
		step(c, s, call->loc, "the pended operation is completed with %s",
		     vtext(c, status));
		/* how many times this very operation has now been completed */
		unsigned count = 0;
		struct res *removed = single && d.sym == SYM_REMOVED ? st_res(s, d.v) : NULL;
		if (single && d.sym == SYM_DATA)
			count = ++s->completions;
		else if (removed)
			count = ++removed->count;
		call_event(c, s, api, call, status, ctx, count);
		if (removed)
			removed->st = O_DONE;
		/* the operation this routine owns, unless what was completed is
		 * known to be another one (taken off a queue here) */
		if (s->owned == OWN_PENDING && !(single && d.sym == SYM_REMOVED))
			s->owned = OWN_DONE;
		ov_push(c, out, s, &vset_top);
		return;
	}
	case API_ALLOC: {
		struct res *r = st_new_res(s, site, RES_ALLOC);
		r->st = A_UNKNOWN;
		ov_push(c, out, s, vs_sym(c, SYM_ALLOC, site));
		return;
	}
	case API_IS_SYNC:
		ov_push(c, out, s, vs_sym(c, SYM_SYNC, 0));
		return;
	case API_NORETURN:
		return; /* the path ends */
	default:
		ov_push(c, out, s, status_result(c, s, call));
		return;
	}
}

static void bind_entry(struct actx *c, struct state *s, const struct ir_func *f,
		       const struct vset *const *args, unsigned nargs)
{
	s->vars = NULL;
	s->nvars = 0;
	for (unsigned i = 0; i < f->nparams && i < nargs; i++)
		if (args[i])
			st_set_var(c, s, -1 - (int)i, args[i]);
}

/* Appends the steps of 'from' (a chain that starts empty) to s's trail, in order. */
static void replay_steps(struct actx *c, struct state *s, const struct step *from)
{
	const struct step *chain[256];
	unsigned n = 0;
	for (const struct step *t = from; t && n < 256; t = t->prev)
		chain[n++] = t;
	while (n--) {
		struct step *st = arena_alloc(c->a, sizeof(*st));
		*st = *chain[n];
		st->prev = s->trail;
		s->trail = st;
	}
}

static void inline_call(struct actx *c, struct multi *m, const struct ir_node *call,
			struct pfunc *callee, struct ovec *out)
{
	struct state *caller = m->st;
	unsigned nargs = call->nkids - 1;
	struct state *entry = st_copy(c, caller);
	bind_entry(c, entry, callee->f, m->vals, nargs);
	entry->retval = NULL;
	entry->trail = NULL;
	entry->hash = st_hash(entry);

	/* The same helper entered in the same state: reuse what it did. */
	struct memo *memo = NULL;
	unsigned bucket = entry->hash & 255;
	for (struct memo *mm = c->memos[bucket]; mm && !memo; mm = mm->next)
		if (mm->fn == callee && st_eq(mm->entry, entry))
			memo = mm;
	if (!memo) {
		struct ir_loc saved0 = c->call_loc0;
		if (c->depth == 0)
			c->call_loc0 = call->loc;
		struct pfunc *saved_cur = c->cur;
		c->stack[++c->depth] = callee;
		struct exitv ex = { 0 };
		run_function(c, callee, st_copy(c, entry), &ex);
		c->depth--;
		c->cur = saved_cur;
		c->call_loc0 = saved0;
		memo = arena_alloc(c->a, sizeof(*memo));
		memo->fn = callee;
		memo->entry = entry;
		memo->exits = ex.st;
		memo->nexits = ex.n;
		memo->next = c->memos[bucket];
		c->memos[bucket] = memo;
	}
	/* Findings made inside the helper were reported for its first caller, at
	 * that call site; a later call in the same state reuses them silently. */

	for (unsigned i = 0; i < memo->nexits; i++) {
		struct state *x = st_copy(c, memo->exits[i]);
		const struct vset *rv = x->retval ? x->retval : &vset_top;
		const struct step *inner = x->trail;
		x->trail = caller->trail;
		/* a helper that did nothing worth a note on this path is not mentioned */
		if (inner) {
			step(c, x, call->loc, "calling '%s'", callee->f->name);
			replay_steps(c, x, inner);
			step(c, x, call->loc, "returning from '%s'", callee->f->name);
		}
		x->vars = caller->vars;
		x->nvars = caller->nvars;
		x->retval = caller->retval;
		x->hash = 0;
		ov_push(c, out, x, rv);
	}
}

static bool on_stack(struct actx *c, const struct pfunc *fn)
{
	for (int i = 0; i <= c->depth; i++)
		if (c->stack[i] == fn)
			return true;
	return false;
}

static void eval_call(struct actx *c, struct state *s, const struct ir_node *e, struct ovec *out)
{
	unsigned nargs = e->nkids ? e->nkids - 1 : 0;
	struct multi *m;
	unsigned nm;
	eval_all(c, s, (const struct ir_node *const *)e->kids + 1, nargs, &m, &nm);
	const struct api_info *api = facts_api(e->name);
	struct pfunc *callee = api ? NULL : program_find(c->p, e->link);
	for (unsigned k = 0; k < nm; k++) {
		if (api) {
			api_call(c, &m[k], e, api, out);
		} else if (callee && c->depth < MAX_DEPTH && !on_stack(c, callee) &&
			   !callee->body_unparsed) {
			inline_call(c, &m[k], e, callee, out);
		} else {
			if (e->flags & IR_F_NORETURN)
				continue;
			if (callee && (callee->f->is_noreturn))
				continue;
			for (unsigned i = 0; i < nargs; i++)
				if (vs_is_data(m[k].vals[i]))
					escape_data(c, m[k].st, m[k].vals[i], e->loc,
						    arena_fmt(c->a, "passed to '%s'",
							      e->name ? e->name : "a function"),
						    false);
			ov_push(c, out, m[k].st, status_result(c, m[k].st, e));
		}
	}
}

static long long fold(enum ir_op op, long long a, long long b, bool *ok)
{
	*ok = true;
	switch (op) {
	case IR_OP_ADD:
		return a + b;
	case IR_OP_SUB:
		return a - b;
	case IR_OP_MUL:
		return a * b;
	case IR_OP_AND:
		return a & b;
	case IR_OP_OR:
		return a | b;
	case IR_OP_XOR:
		return a ^ b;
	case IR_OP_SHL:
		return (b >= 0 && b < 63) ? (long long)((unsigned long long)a << b) : 0;
	case IR_OP_SHR:
		return (b >= 0 && b < 63) ? a >> b : 0;
	case IR_OP_DIV:
		if (b)
			return a / b;
		break;
	case IR_OP_REM:
		if (b)
			return a % b;
		break;
	default:
		break;
	}
	*ok = false;
	return 0;
}

static enum ir_op compound_base(enum ir_op op)
{
	switch (op) {
	case IR_OP_MUL_ASSIGN:
		return IR_OP_MUL;
	case IR_OP_DIV_ASSIGN:
		return IR_OP_DIV;
	case IR_OP_REM_ASSIGN:
		return IR_OP_REM;
	case IR_OP_ADD_ASSIGN:
		return IR_OP_ADD;
	case IR_OP_SUB_ASSIGN:
		return IR_OP_SUB;
	case IR_OP_SHL_ASSIGN:
		return IR_OP_SHL;
	case IR_OP_SHR_ASSIGN:
		return IR_OP_SHR;
	case IR_OP_AND_ASSIGN:
		return IR_OP_AND;
	case IR_OP_XOR_ASSIGN:
		return IR_OP_XOR;
	case IR_OP_OR_ASSIGN:
		return IR_OP_OR;
	default:
		return IR_OP_NONE;
	}
}

static const struct vset *arith(struct actx *c, enum ir_op op, const struct vset *l,
				const struct vset *r)
{
	struct aval a, b;
	if (!vs_single(l, &a) || !vs_single(r, &b))
		return &vset_top;
	if (op == IR_OP_AND && a.tag == VT_SYM && a.sym == SYM_FLAGS && aval_is_const(&b))
		return vs_sym(c, SYM_FLAGS_AND, b.v);
	if (op == IR_OP_AND && b.tag == VT_SYM && b.sym == SYM_FLAGS && aval_is_const(&a))
		return vs_sym(c, SYM_FLAGS_AND, a.v);
	if (!aval_is_const(&a) || !aval_is_const(&b))
		return &vset_top;
	bool ok;
	long long v = fold(op, a.v, b.v, &ok);
	if (!ok)
		return &vset_top;
	return vs_const(c, VT_NUM, v, NULL);
}

/* Pointer types by their spelling: "T *", or the Windows habit of PTYPE typedefs. */
static bool is_pointer_type(const char *t)
{
	if (!t)
		return false;
	if (strchr(t, '*'))
		return true;
	while (!strncmp(t, "const ", 6))
		t += 6;
	if (t[0] != 'P' || !t[1])
		return false;
	for (const char *p = t + 1; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

static bool is_lvalue_var(const struct ir_node *n)
{
	return n && n->kind == IR_DECLREF &&
	       (n->ref_kind == IR_REF_LOCAL || n->ref_kind == IR_REF_PARAM);
}

static void eval_assign(struct actx *c, struct state *s, const struct ir_node *e, struct ovec *out)
{
	const struct ir_node *lhs = strip(e->kids[0]);
	struct ovec o = { 0 };
	eval(c, s, e->kids[1], &o);
	for (unsigned i = 0; i < o.n; i++) {
		struct state *x = o.v[i].st;
		const struct vset *v = o.v[i].v;
		if (e->op != IR_OP_ASSIGN) {
			const struct vset *old = is_lvalue_var(lhs)
							 ? st_var(x, lhs->ref_kind == IR_REF_LOCAL
									     ? lhs->ref_index
									     : -1 - lhs->ref_index)
							 : &vset_top;
			v = arith(c, compound_base(e->op), old, v);
		}
		if (is_lvalue_var(lhs))
			assign_local(c, x, lhs, v, e->loc);
		else
			store(c, x, lhs, v, e->loc);
		ov_push(c, out, x, v);
	}
}

/* Value of a condition-like expression: split into the true and false states. */
static void eval_as_bool(struct actx *c, struct state *s, const struct ir_node *e, struct ovec *out)
{
	struct svec t = { 0 }, f = { 0 };
	bool outer = c->interesting;
	c->interesting = false;
	split(c, st_copy(c, s), e, true, &t);
	split(c, s, e, false, &f);
	bool tracked = c->interesting;
	c->interesting = outer || tracked;
	/* Keep the two outcomes apart only when the test involved something we
	 * track; a flag computed from untracked values is just unknown. */
	const struct vset *one = tracked ? vs_const(c, VT_NUM, 1, NULL) : &vset_top;
	const struct vset *zero = tracked ? vs_const(c, VT_NUM, 0, NULL) : &vset_top;
	for (unsigned i = 0; i < t.n; i++)
		ov_push(c, out, t.v[i], one);
	for (unsigned i = 0; i < f.n; i++)
		ov_push(c, out, f.v[i], zero);
}

static void eval_member(struct actx *c, struct state *s, const struct ir_node *e, struct ovec *out)
{
	struct ovec o = { 0 };
	eval(c, s, e->kids[0], &o);
	for (unsigned i = 0; i < o.n; i++) {
		const struct vset *b = o.v[i].v, *v = &vset_top;
		const char *f = e->name ? e->name : "";
		if (vset_has_sym(b, SYM_DATA) && !strcmp(f, "Iopb"))
			v = vs_sym(c, SYM_IOPB, 0);
		else if (vset_has_sym(b, SYM_DATA) && !strcmp(f, "Flags"))
			v = vs_sym(c, SYM_FLAGS, 0);
		else if (vset_has_sym(b, SYM_IOPB) && !strcmp(f, "MajorFunction"))
			v = vs_sym(c, SYM_MAJOR, 0);
		else if (vset_has_sym(b, SYM_IOPB) && !strcmp(f, "Parameters"))
			v = vs_sym(c, SYM_PARAMS, 0);
		else if (vset_has_sym(b, SYM_PARAMS) && !strcmp(f, "QueryFileInformation"))
			v = vs_sym(c, SYM_QUERYINFO, 0);
		else if (vset_has_sym(b, SYM_QUERYINFO) && !strcmp(f, "FileInformationClass"))
			v = vs_sym(c, SYM_INFOCLASS, 0);
		else if (vs_is_data(b) && !strcmp(f, "IoStatus"))
			v = vs_sym(c, SYM_IOSTATUS, 0);
		else if (vset_has_sym(b, SYM_IOSTATUS) && !strcmp(f, "Status"))
			v = o.v[i].st->ios == IOS_SET && o.v[i].st->ios_vals ? o.v[i].st->ios_vals
									     : &vset_top;
		ov_push(c, out, o.v[i].st, v);
	}
}

static void eval(struct actx *c, struct state *s, const struct ir_node *e, struct ovec *out)
{
	if (!e) {
		ov_push(c, out, s, &vset_top);
		return;
	}
	switch (e->kind) {
	case IR_INT: {
		enum vtag tag = VT_NUM;
		if (e->macro && (!strcmp(e->macro, "TRUE") || !strcmp(e->macro, "FALSE")))
			tag = VT_BOOL;
		ov_push(c, out, s, vs_const(c, tag, e->ival, e->macro));
		return;
	}
	case IR_ENUM_CONST:
		ov_push(c, out, s, vs_const(c, enum_tag(e->type), e->ival, e->name));
		return;
	case IR_CAST: {
		struct ovec o = { 0 };
		eval(c, s, e->kids[0], &o);
		for (unsigned i = 0; i < o.n; i++) {
			const struct vset *v = o.v[i].v;
			struct aval a;
			if (vs_single(v, &a) && aval_is_const(&a)) {
				bool changed;
				long long nv = truncate_to(e->type, a.v, &changed);
				bool to_status = !(e->flags & IR_F_IMPLICIT) &&
						 type_is(e->type, "NTSTATUS") && a.tag == VT_NUM;
				if (changed && nv != a.v)
					a.v = nv;
				if (to_status) {
					a.tag = VT_NTSTATUS;
					a.name = e->macro;
				} else if (!a.name && e->macro && a.tag == VT_NUM) {
					a.name = e->macro;
				}
				v = vs_one(c, a);
			}
			ov_push(c, out, o.v[i].st, v);
		}
		return;
	}
	case IR_DECLREF:
		if (e->ref_kind == IR_REF_LOCAL)
			ov_push(c, out, s, st_var(s, e->ref_index));
		else if (e->ref_kind == IR_REF_PARAM)
			ov_push(c, out, s, st_var(s, -1 - e->ref_index));
		else
			ov_push(c, out, s, &vset_top);
		return;
	case IR_MEMBER:
		eval_member(c, s, e, out);
		return;
	case IR_CALL:
		eval_call(c, s, e, out);
		return;
	case IR_COND: {
		struct svec t = { 0 }, f = { 0 };
		split(c, st_copy(c, s), e->kids[0], true, &t);
		split(c, s, e->kids[0], false, &f);
		for (unsigned i = 0; i < t.n; i++)
			eval(c, t.v[i], e->kids[1], out);
		for (unsigned i = 0; i < f.n; i++)
			eval(c, f.v[i], e->kids[2], out);
		return;
	}
	case IR_UNOP:
		switch (e->op) {
		case IR_OP_LNOT:
			eval_as_bool(c, s, e, out);
			return;
		case IR_OP_ADDROF: {
			/* &Data->IoStatus keeps standing for the status block */
			struct ovec o = { 0 };
			eval(c, s, e->kids[0], &o);
			for (unsigned i = 0; i < o.n; i++)
				ov_push(c, out, o.v[i].st,
					vset_has_sym(o.v[i].v, SYM_IOSTATUS)
						? o.v[i].v
						: vs_sym(c, SYM_ADDR, 0));
			return;
		}
		case IR_OP_MINUS:
		case IR_OP_NOT:
		case IR_OP_PLUS: {
			struct ovec o = { 0 };
			eval(c, s, e->kids[0], &o);
			for (unsigned i = 0; i < o.n; i++) {
				struct aval a;
				const struct vset *v = &vset_top;
				if (vs_single(o.v[i].v, &a) && aval_is_const(&a)) {
					long long x = e->op == IR_OP_MINUS ? -a.v
						      : e->op == IR_OP_NOT ? ~a.v
									   : a.v;
					v = vs_const(c, VT_NUM, x, NULL);
				}
				ov_push(c, out, o.v[i].st, v);
			}
			return;
		}
		case IR_OP_PREINC:
		case IR_OP_PREDEC:
		case IR_OP_POSTINC:
		case IR_OP_POSTDEC: {
			const struct ir_node *t = strip(e->kids[0]);
			struct ovec o = { 0 };
			eval(c, s, e->kids[0], &o);
			for (unsigned i = 0; i < o.n; i++) {
				if (is_lvalue_var(t))
					st_set_var(c, o.v[i].st,
						   t->ref_kind == IR_REF_LOCAL ? t->ref_index
									       : -1 - t->ref_index,
						   &vset_top);
				ov_push(c, out, o.v[i].st, &vset_top);
			}
			return;
		}
		default: {
			struct ovec o = { 0 };
			eval(c, s, e->kids[0], &o);
			for (unsigned i = 0; i < o.n; i++)
				ov_push(c, out, o.v[i].st, &vset_top);
			return;
		}
		}
	case IR_BINOP:
		switch (e->op) {
		case IR_OP_ASSIGN:
		case IR_OP_MUL_ASSIGN:
		case IR_OP_DIV_ASSIGN:
		case IR_OP_REM_ASSIGN:
		case IR_OP_ADD_ASSIGN:
		case IR_OP_SUB_ASSIGN:
		case IR_OP_SHL_ASSIGN:
		case IR_OP_SHR_ASSIGN:
		case IR_OP_AND_ASSIGN:
		case IR_OP_XOR_ASSIGN:
		case IR_OP_OR_ASSIGN:
			eval_assign(c, s, e, out);
			return;
		case IR_OP_COMMA: {
			struct ovec o = { 0 };
			eval(c, s, e->kids[0], &o);
			for (unsigned i = 0; i < o.n; i++)
				eval(c, o.v[i].st, e->kids[1], out);
			return;
		}
		case IR_OP_LAND:
		case IR_OP_LOR:
		case IR_OP_EQ:
		case IR_OP_NE:
		case IR_OP_LT:
		case IR_OP_GT:
		case IR_OP_LE:
		case IR_OP_GE:
			eval_as_bool(c, s, e, out);
			return;
		default: {
			struct multi *m;
			unsigned nm;
			eval_all(c, s, (const struct ir_node *const *)e->kids, 2, &m, &nm);
			for (unsigned k = 0; k < nm; k++)
				ov_push(c, out, m[k].st,
					arith(c, e->op, m[k].vals[0], m[k].vals[1]));
			return;
		}
		}
	case IR_DECL: {
		if (!e->nkids || !e->kids[0]) {
			ov_push(c, out, s, &vset_top);
			return;
		}
		struct ovec o = { 0 };
		eval(c, s, e->kids[0], &o);
		for (unsigned i = 0; i < o.n; i++) {
			struct ir_node tmp = { 0 };
			tmp.kind = IR_DECLREF;
			tmp.ref_kind = IR_REF_LOCAL;
			tmp.ref_index = e->ref_index;
			tmp.name = e->name;
			assign_local(c, o.v[i].st, &tmp, o.v[i].v, e->loc);
			if (vs_is_data(o.v[i].v) && e->type && strstr(e->type, "[")) {
				/* stored into a local aggregate: treat as kept */
				escape_data(c, o.v[i].st, o.v[i].v, e->loc, "stored for later use",
					    true);
			}
			ov_push(c, out, o.v[i].st, o.v[i].v);
		}
		return;
	}
	case IR_INIT_LIST: {
		/* an initializer that captures the data keeps it */
		struct multi *m;
		unsigned nm;
		eval_all(c, s, (const struct ir_node *const *)e->kids, e->nkids, &m, &nm);
		for (unsigned k = 0; k < nm; k++) {
			for (unsigned i = 0; i < e->nkids; i++)
				if (vs_is_data(m[k].vals[i]))
					escape_data(c, m[k].st, m[k].vals[i], e->loc,
						    "stored for later use", true);
			ov_push(c, out, m[k].st, &vset_top);
		}
		return;
	}
	case IR_SIZEOF:
		ov_push(c, out, s,
			(e->flags & IR_F_CONST) ? vs_const(c, VT_NUM, e->ival, NULL) : &vset_top);
		return;
	case IR_STRING:
		ov_push(c, out, s, vs_sym(c, SYM_ADDR, 0));
		return;
	default: {
		/* evaluate the parts for their effects */
		eval_seq(c, s, (const struct ir_node *const *)e->kids, e->nkids, out);
		return;
	}
	}
}

/* ---------------------------------------------------------------- conditions */

/* Narrows s so that a value in v has the given truth. Returns false when impossible. */
static bool refine_truth(struct actx *c, struct state *s, const struct vset *v, bool want)
{
	if (!v || v->top)
		return true;
	bool possible = false;
	for (unsigned i = 0; i < v->n; i++) {
		const struct aval *a = &v->a[i];
		if (aval_is_const(a)) {
			c->interesting = true;
			if ((a->v != 0) == want)
				possible = true;
			continue;
		}
		switch (a->sym) {
		case SYM_FLAGS_AND: {
			unsigned kmask = (unsigned)a->v & KIND_ALL;
			if (!kmask) {
				possible = true;
				break;
			}
			c->interesting = true;
			unsigned nk = want ? (s->kinds & kmask) : (s->kinds & ~kmask);
			unsigned eff = nk & major_kinds(s);
			if (eff) {
				s->kinds = nk;
				possible = true;
			}
			break;
		}
		case SYM_SYNC:
			c->interesting = true;
			if (want) {
				s->sync = 1;
			} else {
				s->kinds &= KIND_IRP;
				if (!(s->kinds & major_kinds(s)))
					break;
				s->sync = 0;
			}
			possible = true;
			break;
		case SYM_ALLOC:
		case SYM_REMOVED: {
			c->interesting = true;
			struct res *r = st_res(s, a->v);
			if (!r) {
				possible = true;
				break;
			}
			if (r->kind == RES_ALLOC) {
				uint8_t need = want ? A_NONNULL : A_NULL;
				if (r->st == A_UNKNOWN || r->st == need) {
					r->st = need;
					possible = true;
				}
			} else {
				if (want) {
					if (r->st != O_NULL) {
						if (r->st == O_UNKNOWN)
							r->st = O_PENDING;
						possible = true;
					}
				} else if (r->st == O_UNKNOWN || r->st == O_NULL) {
					r->st = O_NULL;
					possible = true;
				}
			}
			break;
		}
		case SYM_CALLRES: {
			c->interesting = true;
			struct res *r = st_res(s, a->v);
			uint8_t need =
				want ? R_FAIL : R_OK; /* nonzero status: not STATUS_SUCCESS */
			if (!r || r->st == R_UNKNOWN || r->st == need) {
				if (r)
					r->st = need;
				possible = true;
			}
			break;
		}
		default:
			possible = true; /* pointers to the operation are never NULL here */
			break;
		}
	}
	return possible;
}

static bool cmp_holds(enum ir_op op, long long a, long long b)
{
	switch (op) {
	case IR_OP_EQ:
		return a == b;
	case IR_OP_NE:
		return a != b;
	case IR_OP_LT:
		return a < b;
	case IR_OP_GT:
		return a > b;
	case IR_OP_LE:
		return a <= b;
	case IR_OP_GE:
		return a >= b;
	default:
		return true;
	}
}

static enum ir_op swap_op(enum ir_op op)
{
	switch (op) {
	case IR_OP_LT:
		return IR_OP_GT;
	case IR_OP_GT:
		return IR_OP_LT;
	case IR_OP_LE:
		return IR_OP_GE;
	case IR_OP_GE:
		return IR_OP_LE;
	default:
		return op;
	}
}

static bool apply_queue_result(struct state *s, struct res *r, uint8_t st)
{
	if (r->st != R_UNKNOWN && r->st != st)
		return false;
	r->st = st;
	if (r->api == API_QUEUE_DEFERRED || r->api == API_CBDQ_INSERT ||
	    r->api == API_QUEUE_GENERIC) {
		if (s->handoff == HANDOFF_UNCHECKED || s->handoff == HANDOFF_OK ||
		    s->handoff == HANDOFF_FAILED)
			s->handoff = st == R_OK ? HANDOFF_OK : HANDOFF_FAILED;
	}
	return true;
}

/*
 * Narrows s so that "l op r" has truth 'want', where l is a symbol or a set
 * of constants. lhs_node is the left operand, so that a local variable can
 * be narrowed to the values that make the comparison hold.
 */
static bool refine_cmp(struct actx *c, struct state *s, const struct ir_node *lhs_node,
		       const struct vset *l, enum ir_op op, const struct vset *r, bool want)
{
	struct aval b;
	if (!vs_single(r, &b) || !aval_is_const(&b))
		return true;
	if ((!l || l->top) && b.v == 0 && (op == IR_OP_EQ || op == IR_OP_NE)) {
		/* an unknown pointer tested against NULL */
		const struct ir_node *ln = strip(lhs_node);
		if (is_lvalue_var(ln) && is_pointer_type(ln->type))
			st_set_var(c, s,
				   ln->ref_kind == IR_REF_LOCAL ? ln->ref_index
								: -1 - ln->ref_index,
				   ((op == IR_OP_EQ) == want) ? vs_const(c, VT_NUM, 0, NULL)
							      : vs_sym(c, SYM_ADDR, 0));
		return true;
	}
	if (!l || l->top)
		return true;
	c->interesting = true;
	/* symbols */
	struct aval a;
	if (vs_single(l, &a) && a.tag == VT_SYM) {
		switch (a.sym) {
		case SYM_MAJOR: {
			struct majorset n;
			majorset_clear(&n);
			for (unsigned mj = 0; mj < 256; mj++)
				if (majorset_has(&s->majors, mj) &&
				    cmp_holds(op, (long long)mj, b.v & 0xff) == want)
					majorset_add(&n, mj);
			if (majorset_empty(&n) || !(s->kinds & major_kinds_of(s, &n)))
				return false;
			s->majors = n;
			return true;
		}
		case SYM_INFOCLASS: {
			/* FileBasicInformation, FileStandardInformation, FileNetworkOpenInformation
			 */
			static const long long fastable[] = { 4, 5, 34 };
			bool any = false;
			if ((op == IR_OP_EQ) == want || !(op == IR_OP_EQ || op == IR_OP_NE)) {
				for (unsigned i = 0; i < 3; i++)
					any |= cmp_holds(op, fastable[i], b.v) == want;
				s->qi_fastable = s->qi_fastable && any;
			}
			return true;
		}
		case SYM_CALLRES: {
			struct res *rr = st_res(s, a.v);
			if (!rr)
				return true;
			/* status op constant: decide success or failure where we can */
			int32_t k = (int32_t)b.v;
			int outcome = -1; /* -1 unknown, 1 success, 0 failure */
			if (k == 0 && (op == IR_OP_GE || op == IR_OP_LT)) {
				bool ge = (op == IR_OP_GE) == want;
				outcome = ge ? 1 : 0;
			} else if (k == 0 && (op == IR_OP_EQ || op == IR_OP_NE)) {
				bool eq = (op == IR_OP_EQ) == want;
				if (eq)
					outcome = 1;
				else
					outcome = -1;
			} else if (k < 0 && (op == IR_OP_EQ || op == IR_OP_NE)) {
				bool eq = (op == IR_OP_EQ) == want;
				if (eq)
					outcome = 0;
			}
			if (outcome < 0)
				return rr->st != R_OK || true;
			return apply_queue_result(s, rr, outcome ? R_OK : R_FAIL);
		}
		case SYM_FLAGS_AND: {
			/* (Flags & m) == 0 / != 0 / == m */
			bool truth;
			if (b.v == 0)
				truth = (op == IR_OP_NE) == want;
			else if (op == IR_OP_EQ || op == IR_OP_NE)
				truth = (op == IR_OP_EQ) == want;
			else
				return true;
			struct vset tmp = *l;
			return refine_truth(c, s, &tmp, truth);
		}
		case SYM_SYNC:
		case SYM_ALLOC:
		case SYM_REMOVED: {
			if (op != IR_OP_EQ && op != IR_OP_NE)
				return true;
			bool truth = (b.v != 0) == ((op == IR_OP_EQ) == want);
			if (b.v != 0 && a.sym != SYM_SYNC)
				return true;
			struct vset tmp = *l;
			return refine_truth(c, s, &tmp, truth);
		}
		default:
			return true;
		}
	}
	/* constants: keep those for which the comparison has the wanted truth */
	struct vset keep = { 0 };
	for (unsigned i = 0; i < l->n; i++) {
		const struct aval *x = &l->a[i];
		if (!aval_is_const(x) || cmp_holds(op, x->v, b.v) == want)
			keep.a[keep.n++] = *x;
	}
	if (!keep.n)
		return false;
	const struct ir_node *ln = strip(lhs_node);
	if (keep.n != l->n && is_lvalue_var(ln)) {
		struct vset *nv = arena_alloc(c->a, sizeof(*nv));
		*nv = keep;
		st_set_var(c, s, ln->ref_kind == IR_REF_LOCAL ? ln->ref_index : -1 - ln->ref_index,
			   nv);
	}
	return true;
}

static bool is_cmp(enum ir_op op)
{
	return op == IR_OP_EQ || op == IR_OP_NE || op == IR_OP_LT || op == IR_OP_GT ||
	       op == IR_OP_LE || op == IR_OP_GE;
}

static void split_cmp(struct actx *c, struct state *s, const struct ir_node *e, bool want,
		      struct svec *out)
{
	struct multi *m;
	unsigned nm;
	eval_all(c, s, (const struct ir_node *const *)e->kids, 2, &m, &nm);
	for (unsigned k = 0; k < nm; k++) {
		const struct vset *l = m[k].vals[0], *r = m[k].vals[1];
		struct state *x = m[k].st;
		struct aval la, ra;
		bool ok;
		if (vs_single(l, &la) && vs_single(r, &ra) && aval_is_const(&la) &&
		    aval_is_const(&ra)) {
			c->interesting = true;
			ok = cmp_holds(e->op, la.v, ra.v) == want;
		} else if (vs_single(r, &ra) && aval_is_const(&ra)) {
			ok = refine_cmp(c, x, e->kids[0], l, e->op, r, want);
		} else if (vs_single(l, &la) && aval_is_const(&la)) {
			ok = refine_cmp(c, x, e->kids[1], r, swap_op(e->op), l, want);
		} else {
			ok = true;
		}
		if (ok)
			sv_push(c, out, x);
	}
}

static void split(struct actx *c, struct state *s, const struct ir_node *e, bool want,
		  struct svec *out)
{
	e = strip(e);
	if (!e) {
		sv_push(c, out, s);
		return;
	}
	if (e->kind == IR_CAST && e->nkids) { /* an explicit cast to NTSTATUS: look through */
		split(c, s, e->kids[0], want, out);
		return;
	}
	if (e->kind == IR_UNOP && e->op == IR_OP_LNOT) {
		split(c, s, e->kids[0], !want, out);
		return;
	}
	if (e->kind == IR_BINOP && (e->op == IR_OP_LAND || e->op == IR_OP_LOR)) {
		bool and = e->op == IR_OP_LAND;
		/* and: true = a&&b ; false = !a || (a && !b). or: symmetric */
		struct svec first = { 0 };
		split(c, st_copy(c, s), e->kids[0], and, &first);
		if (want == and) {
			for (unsigned i = 0; i < first.n; i++)
				split(c, first.v[i], e->kids[1], want, out);
		} else {
			split(c, s, e->kids[0], !and, out);
			for (unsigned i = 0; i < first.n; i++)
				split(c, first.v[i], e->kids[1], want, out);
		}
		return;
	}
	if (e->kind == IR_BINOP && e->op == IR_OP_COMMA) {
		struct ovec o = { 0 };
		eval(c, s, e->kids[0], &o);
		for (unsigned i = 0; i < o.n; i++)
			split(c, o.v[i].st, e->kids[1], want, out);
		return;
	}
	if (e->kind == IR_COND) {
		struct svec t = { 0 }, f = { 0 };
		split(c, st_copy(c, s), e->kids[0], true, &t);
		split(c, s, e->kids[0], false, &f);
		for (unsigned i = 0; i < t.n; i++)
			split(c, t.v[i], e->kids[1], want, out);
		for (unsigned i = 0; i < f.n; i++)
			split(c, f.v[i], e->kids[2], want, out);
		return;
	}
	if (e->kind == IR_BINOP && is_cmp(e->op)) {
		split_cmp(c, s, e, want, out);
		return;
	}
	struct ovec o = { 0 };
	eval(c, s, e, &o);
	for (unsigned i = 0; i < o.n; i++) {
		struct state *x = o.v[i].st;
		if (o.v[i].v->top && is_lvalue_var(e) && is_pointer_type(e->type)) {
			/* if (p): an unknown local is non-zero on the true side, zero on the other
			 */
			st_set_var(c, x,
				   e->ref_kind == IR_REF_LOCAL ? e->ref_index : -1 - e->ref_index,
				   want ? vs_sym(c, SYM_ADDR, 0) : vs_const(c, VT_NUM, 0, NULL));
			sv_push(c, out, x);
		} else if (refine_truth(c, x, o.v[i].v, want)) {
			sv_push(c, out, x);
		}
	}
}

/* ---------------------------------------------------------------- exploration */

struct seen {
	struct state **v;
	unsigned n, cap;
	struct state *overflow;
};

struct work {
	struct cfg_node *node;
	struct state *st;
};

struct fnrun {
	struct actx *c;
	struct cfg *g;
	struct seen *seen;
	struct work *wl;
	unsigned nwl, capwl;
	struct exitv *exits;
};

static void push(struct fnrun *r, struct cfg_node *n, struct state *s)
{
	if (r->nwl == r->capwl) {
		unsigned cap = r->capwl ? r->capwl * 2 : 64;
		struct work *w = xrealloc(r->wl, cap * sizeof(*w));
		r->wl = w;
		r->capwl = cap;
	}
	r->wl[r->nwl].node = n;
	r->wl[r->nwl].st = s;
	r->nwl++;
}

static bool vs_mentions(const struct vset *v, int64_t id)
{
	if (!v || v->top)
		return false;
	for (unsigned i = 0; i < v->n; i++)
		if (v->a[i].tag == VT_SYM && v->a[i].v == id &&
		    (v->a[i].sym == SYM_CALLRES || v->a[i].sym == SYM_ALLOC))
			return true;
	return false;
}

/*
 * Forgets what can no longer matter at node n: locals that are dead there,
 * and facts about call results that nothing refers to any more (a queue
 * call's result stays, for the hand-off; a removed operation stays until it
 * is completed). This is what lets paths that differ only in such things
 * meet again.
 */
static void prune(struct actx *c, struct cfg *g, struct cfg_node *n, struct state *s)
{
	unsigned keep = 0;
	for (unsigned i = 0; i < s->nvars; i++)
		keep += s->vars[i].id < 0 || cfg_live(g, n, s->vars[i].id);
	if (keep != s->nvars) {
		struct lvar *nv = arena_alloc(c->a, (keep + 1) * sizeof(*nv));
		unsigned k = 0;
		for (unsigned i = 0; i < s->nvars; i++)
			if (s->vars[i].id < 0 || cfg_live(g, n, s->vars[i].id))
				nv[k++] = s->vars[i];
		s->vars = nv;
		s->nvars = k;
	}
	for (unsigned i = 0; i < s->nres;) {
		const struct res *r = &s->res[i];
		bool needed = r->kind == RES_REMOVED || (r->kind == RES_CALL && r->api != API_NONE);
		needed = needed || vs_mentions(s->ios_vals, r->id) ||
			 vs_mentions(s->ctx_val, r->id) || vs_mentions(s->retval, r->id);
		for (unsigned k = 0; k < s->nvars && !needed; k++)
			needed = vs_mentions(s->vars[k].v, r->id);
		if (needed) {
			i++;
			continue;
		}
		memmove(&s->res[i], &s->res[i + 1], (s->nres - i - 1) * sizeof(s->res[0]));
		s->nres--;
	}
}

/* Returns the state to explore from node n, or NULL when nothing new arrives. */
static struct state *admit(struct fnrun *r, struct cfg_node *n, struct state *s)
{
	struct seen *sn = &r->seen[n->id];
	prune(r->c, r->g, n, s);
	s->hash = st_hash(s);
	if (sn->overflow) {
		struct state *j = st_copy(r->c, sn->overflow);
		st_join(r->c, j, s);
		j->hash = st_hash(j);
		if (st_eq(j, sn->overflow))
			return NULL;
		sn->overflow = j;
		return st_copy(r->c, j);
	}
	for (unsigned i = 0; i < sn->n; i++)
		if (st_eq(sn->v[i], s))
			return NULL;
	if (sn->n == MAX_STATES_PER_NODE) {
		if (getenv("FLTCHECK_DEBUG_JOIN"))
			fprintf(stderr, "join at %s:%u (node %u) in %s\n", n->loc.file, n->loc.line,
				n->id, r->c->cur->f->name);
		struct state *j = st_copy(r->c, sn->v[0]);
		for (unsigned i = 1; i < sn->n; i++)
			st_join(r->c, j, sn->v[i]);
		st_join(r->c, j, s);
		j->hash = st_hash(j);
		sn->overflow = j;
		return st_copy(r->c, j);
	}
	if (sn->n == sn->cap) {
		unsigned cap = sn->cap ? sn->cap * 2 : 4;
		struct state **v = arena_alloc(r->c->a, cap * sizeof(*v));
		if (sn->n)
			memcpy(v, sn->v, sn->n * sizeof(*v));
		sn->v = v;
		sn->cap = cap;
	}
	sn->v[sn->n++] = s;
	return s;
}

static void path_end(struct actx *c, struct state *s, struct ir_loc loc)
{
	struct rule_event ev = { 0 };
	ev.kind = EV_PATH_END;
	ev.loc = loc;
	fill_view(c, s, &ev.path);
	if (s->owned == OWN_PENDING) {
		ev.path.owns_pended = true;
		ev.path.owned_what = "the pended operation this routine was given";
	}
	for (unsigned i = 0; i < s->nres && !ev.path.owns_pended; i++) {
		if (s->res[i].kind == RES_REMOVED && s->res[i].st == O_PENDING) {
			ev.path.owns_pended = true;
			ev.path.owned_what =
				arena_fmt(c->a, "the operation removed from the queue at line %u",
					  s->res[i].call ? s->res[i].call->loc.line : 0);
		}
	}
	fire(c, &ev, s);
}

static void do_return(struct fnrun *r, struct cfg_node *n, struct state *s, const struct vset *v)
{
	struct actx *c = r->c;
	if (c->depth > 0) {
		s->retval = v;
		if (r->exits->n == r->exits->cap) {
			unsigned cap = r->exits->cap ? r->exits->cap * 2 : 4;
			struct state **nv = arena_alloc(c->a, cap * sizeof(*nv));
			if (r->exits->n)
				memcpy(nv, r->exits->st, r->exits->n * sizeof(*nv));
			r->exits->st = nv;
			r->exits->cap = cap;
		}
		r->exits->st[r->exits->n++] = s;
		return;
	}
	if (n->kind != CN_END) {
		struct rule_event ev = { 0 };
		ev.kind = EV_RETURN;
		ev.value = resolve(c, s, v);
		ev.loc = n->loc;
		fill_view(c, s, &ev.path);
		fire(c, &ev, s);
		/* a pre-op that pends hands the routines it queued a pended operation */
		if ((c->root->roles & ROLE_PREOP) && vset_has_const(v, VT_PREOP, PREOP_PENDING)) {
			for (unsigned i = 0; i < s->nres; i++) {
				const struct res *q = &s->res[i];
				if (q->kind != RES_CALL || q->api != API_QUEUE_GENERIC ||
				    q->st == R_FAIL)
					continue;
				struct pfunc *routines[8];
				unsigned nr =
					program_routines_of(c->p, q->fn, q->call, 2, routines, 8);
				for (unsigned k = 0; k < nr; k++) {
					struct root_effect e = { 0 };
					e.owns = true;
					e.target = routines[k];
					effect(c, &e);
					note_queuer(c, routines[k], s);
				}
			}
		}
	}
	/* an operation taken off a queue and returned is the caller's to complete */
	for (unsigned i = 0; v && !v->top && i < v->n; i++) {
		if (v->a[i].tag != VT_SYM || v->a[i].sym != SYM_REMOVED)
			continue;
		struct res *q = st_res(s, v->a[i].v);
		if (q)
			q->st = O_DONE;
	}
	path_end(c, s, n->loc);
}

/* A case label's meaning, for notes: a major function, or a query class fast I/O can carry. */
static const char *case_name(const struct vset *v, long long value)
{
	if (vset_has_sym(v, SYM_MAJOR))
		return facts_major_name((unsigned)value & 0xff);
	if (!vset_has_sym(v, SYM_INFOCLASS))
		return NULL;
	switch (value) {
	case 4:
		return "FileBasicInformation, which can be fast I/O";
	case 5:
		return "FileStandardInformation, which can be fast I/O";
	case 34:
		return "FileNetworkOpenInformation, which can be fast I/O";
	default:
		return NULL;
	}
}

static void transfer(struct fnrun *r, struct cfg_node *n, struct state *s)
{
	struct actx *c = r->c;
	for (unsigned i = 0; i < n->nsucc; i++)
		if (n->succ[i].kind == EDGE_EXCEPTION)
			push(r, n->succ[i].to, st_copy(c, s));

	switch (n->kind) {
	case CN_ENTRY:
	case CN_NOP:
		break;
	case CN_EXPR:
	case CN_SEH_FILTER: {
		struct ovec o = { 0 };
		eval(c, s, n->ir, &o);
		for (unsigned k = 0; k < o.n; k++)
			for (unsigned i = 0; i < n->nsucc; i++)
				if (n->succ[i].kind == EDGE_NORMAL)
					push(r, n->succ[i].to,
					     k + 1 < o.n || i + 1 < n->nsucc ? st_copy(c, o.v[k].st)
									     : o.v[k].st);
		return;
	}
	case CN_BRANCH: {
		for (int want = 1; want >= 0; want--) {
			struct svec out = { 0 };
			c->interesting = false;
			split(c, st_copy(c, s), n->ir, want, &out);
			bool interesting = c->interesting;
			for (unsigned k = 0; k < out.n; k++) {
				if (interesting)
					step(c, out.v[k], n->loc, "assuming %s is %s",
					     cond_text(c, n->ir), want ? "true" : "false");
				for (unsigned i = 0; i < n->nsucc; i++)
					if (n->succ[i].kind == (want ? EDGE_TRUE : EDGE_FALSE))
						push(r, n->succ[i].to, out.v[k]);
			}
		}
		return;
	}
	case CN_SWITCH: {
		struct ovec o = { 0 };
		eval(c, s, n->ir, &o);
		for (unsigned k = 0; k < o.n; k++) {
			const struct vset *v = o.v[k].v;
			bool tracked = !v->top;
			for (unsigned i = 0; i < n->nsucc; i++) {
				const struct cfg_edge *e = &n->succ[i];
				if (e->kind == EDGE_EXCEPTION)
					continue;
				struct state *x = st_copy(c, o.v[k].st);
				bool ok = true;
				if (e->kind == EDGE_CASE && e->case_known) {
					ok = refine_cmp(c, x, n->ir, v, IR_OP_EQ,
							vs_const(c, VT_NUM, e->case_value, NULL),
							true);
					if (ok && tracked) {
						const char *mn = case_name(v, e->case_value);
						if (mn)
							step(c, x, e->to->loc,
							     "entering the case for %s", mn);
						else
							step(c, x, e->to->loc, "entering case %lld",
							     e->case_value);
					}
				} else if (e->kind == EDGE_DEFAULT) {
					for (unsigned j = 0; j < n->nsucc && ok; j++)
						if (n->succ[j].kind == EDGE_CASE &&
						    n->succ[j].case_known)
							ok = refine_cmp(
								c, x, n->ir, v, IR_OP_EQ,
								vs_const(c, VT_NUM,
									 n->succ[j].case_value,
									 NULL),
								false);
					if (ok && tracked)
						step(c, x, e->to->loc,
						     "taking the default branch of the switch");
				}
				if (ok)
					push(r, e->to, x);
			}
		}
		return;
	}
	case CN_RETURN:
	case CN_RETURN_SAVE: {
		struct ovec o = { 0 };
		if (n->ir)
			eval(c, s, n->ir, &o);
		else
			ov_push(c, &o, s, &vset_top);
		for (unsigned k = 0; k < o.n; k++) {
			if (n->kind == CN_RETURN) {
				do_return(r, n, o.v[k].st, o.v[k].v);
			} else {
				o.v[k].st->retval = o.v[k].v;
				for (unsigned i = 0; i < n->nsucc; i++)
					if (n->succ[i].kind == EDGE_NORMAL)
						push(r, n->succ[i].to, st_copy(c, o.v[k].st));
			}
		}
		return;
	}
	case CN_RETURN_SAVED: {
		const struct vset *v = s->retval ? s->retval : &vset_top;
		s->retval = NULL;
		do_return(r, n, s, v);
		return;
	}
	case CN_END:
		do_return(r, n, s, &vset_top);
		return;
	}
	for (unsigned i = 0; i < n->nsucc; i++)
		if (n->succ[i].kind == EDGE_NORMAL)
			push(r, n->succ[i].to, i + 1 < n->nsucc ? st_copy(c, s) : s);
}

static void run_function(struct actx *c, struct pfunc *fn, struct state *entry, struct exitv *exits)
{
	struct cfg *g = program_cfg(c->p, fn);
	struct fnrun r = { 0 };
	r.c = c;
	r.g = g;
	r.exits = exits;
	r.seen = arena_alloc(c->a, (g->n + 1) * sizeof(*r.seen));
	c->cur = fn;
	push(&r, g->entry, entry);
	while (r.nwl) {
		struct work w = r.wl[--r.nwl];
		if (--c->budget < 0) {
			c->incomplete = true;
			break;
		}
		struct state *s = admit(&r, w.node, w.st);
		if (!s)
			continue;
		c->cur = fn;
		/* the admitted state stays as it is: transfer works on a copy */
		transfer(&r, w.node, st_copy(c, s));
	}
	free(r.wl);
}

/* ---------------------------------------------------------------- roots */

static void analyze_root(struct program *p, struct pfunc *fn, const bool *enabled,
			 struct root_result *res)
{
	struct arena a;
	arena_init(&a);
	struct actx c = { 0 };
	c.p = p;
	c.a = &a;
	c.enabled = enabled;
	c.out = &res->findings;
	c.res = res;
	c.root = fn;
	c.cur = fn;
	c.stack[0] = fn;
	c.budget = VISIT_BUDGET;

	struct state *s = arena_alloc(&a, sizeof(*s));
	s->kinds = KIND_ALL;
	majorset_all(&s->majors);
	s->ios = IOS_UNSET;
	s->ios_vals = &vset_top;
	s->ctx = CTX_NULL;
	s->handoff = HANDOFF_NONE;
	s->owned = OWN_NONE;
	s->qi_fastable = 1;

	if (fn->npre_uses || fn->npost_uses) {
		majorset_clear(&s->majors);
		for (unsigned i = 0; i < fn->npre_uses; i++) {
			int mj = fn->pre_uses[i].entry->major;
			if (mj < 0) {
				majorset_all(&s->majors);
				break;
			}
			majorset_add(&s->majors, (unsigned)mj);
		}
		for (unsigned i = 0; i < fn->npost_uses; i++) {
			int mj = fn->post_uses[i].entry->major;
			if (mj < 0) {
				majorset_all(&s->majors);
				break;
			}
			majorset_add(&s->majors, (unsigned)mj);
		}
	} else if (fn->queued_from_pre && !majorset_empty(&fn->queued_majors)) {
		s->majors = fn->queued_majors;
		if (fn->queued_kinds)
			s->kinds = fn->queued_kinds;
	}

	const struct ir_func *f = fn->f;
	const struct vset *args[8] = { 0 };
	unsigned np = f->nparams < 8 ? f->nparams : 8;
	if (fn->roles & (ROLE_PREOP | ROLE_POSTOP)) {
		if (np > 0)
			args[0] = vs_sym(&c, SYM_DATA, 0);
		if ((fn->roles & ROLE_PREOP) && np > 2)
			args[2] = vs_sym(&c, SYM_CTXPTR, 0);
	}
	if ((fn->roles & ROLE_DEFERRED_WORKER) && np > 1) {
		args[1] = vs_sym(&c, SYM_DATA, 0);
		if (fn->queued_from_pre)
			s->owned = OWN_PENDING;
	}
	if ((fn->roles & ROLE_CANCEL_CALLBACK) && np > 1) {
		args[1] = vs_sym(&c, SYM_DATA, 0);
		s->owned = OWN_PENDING;
	}
	if ((fn->roles & ROLE_GENERIC_WORKER) && fn->owns_pended) {
		s->owned = OWN_PENDING;
		if (np > 2)
			args[2] = vs_sym(&c, SYM_WORKCTX, 0);
	}
	bind_entry(&c, s, f, args, np);
	run_function(&c, fn, s, NULL);
	res->visits = (unsigned long)(VISIT_BUDGET - (c.budget > 0 ? c.budget : 0));
	res->incomplete = c.incomplete;
	arena_release(&a);
}

/* One root of a pass: its key, its stored result (a hit) or the one analyzed now. */
struct root_job {
	struct pfunc *fn;
	char key[SUMMARY_HASH_HEX];
	const char *text; /* the stored result, or NULL: analyze */
	struct root_result res;
};

struct root_pool {
	struct program *p;
	const bool *enabled;
	struct root_job *jobs;
	unsigned n, next;
	pthread_mutex_t lock;
};

static void *root_worker(void *arg)
{
	struct root_pool *pl = arg;
	for (;;) {
		pthread_mutex_lock(&pl->lock);
		while (pl->next < pl->n && pl->jobs[pl->next].text)
			pl->next++;
		unsigned i = pl->next < pl->n ? pl->next++ : UINT32_MAX;
		pthread_mutex_unlock(&pl->lock);
		if (i == UINT32_MAX)
			return NULL;
		analyze_root(pl->p, pl->jobs[i].fn, pl->enabled, &pl->jobs[i].res);
	}
}

/* Analyzes the jobs without a stored result, on up to nthreads threads. */
static void analyze_jobs(struct root_pool *pl, unsigned nthreads)
{
	unsigned todo = 0;
	for (unsigned i = 0; i < pl->n; i++)
		todo += !pl->jobs[i].text;
	if (nthreads > todo)
		nthreads = todo;
	pthread_t th[ENGINE_MAX_THREADS];
	unsigned started = 0;
	for (unsigned k = 1; k < nthreads && k < ENGINE_MAX_THREADS; k++)
		if (pthread_create(&th[started], NULL, root_worker, pl) == 0)
			started++;
	root_worker(pl); /* this thread works too */
	for (unsigned k = 0; k < started; k++)
		pthread_join(th[k], NULL);
}

/* The keys of jobs[begin..end), on one thread. */
struct key_range {
	const struct program *p;
	struct root_job *jobs;
	unsigned begin, end;
	const char *salt;
};

static void *key_worker(void *arg)
{
	struct key_range *r = arg;
	struct rootkey_ctx *k = rootkey_new(r->p);
	for (unsigned i = r->begin; i < r->end; i++)
		rootkey_compute(k, r->jobs[i].fn, r->salt, r->jobs[i].key);
	rootkey_free(k);
	return NULL;
}

/* The cache keys of jobs[0..n), split into nthreads ranges computed at once. */
static void compute_keys(const struct program *p, struct root_job *jobs, unsigned n,
			 const char *salt, unsigned nthreads)
{
	if (nthreads > ENGINE_MAX_THREADS)
		nthreads = ENGINE_MAX_THREADS;
	if (nthreads > n / 256 + 1) /* a range worth a thread */
		nthreads = n / 256 + 1;
	struct key_range r[ENGINE_MAX_THREADS];
	pthread_t th[ENGINE_MAX_THREADS];
	bool started[ENGINE_MAX_THREADS] = { false };
	for (unsigned t = 0; t < nthreads; t++)
		r[t] = (struct key_range){ p, jobs, (unsigned)((uint64_t)n * t / nthreads),
					   (unsigned)((uint64_t)n * (t + 1) / nthreads), salt };
	for (unsigned t = 1; t < nthreads; t++)
		started[t] = pthread_create(&th[t], NULL, key_worker, &r[t]) == 0;
	key_worker(&r[0]);
	for (unsigned t = 1; t < nthreads; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		else
			key_worker(&r[t]); /* no thread: here */
	}
}

/*
 * A root's result reaches out through the text form, stored or made now, so
 * that a hit and a miss print the same; then its effects are applied.
 */
static void finish_root(struct program *p, const bool *enabled, struct root_job *j,
			struct findings *out, struct engine_cache *cache)
{
	bool done = false;
	if (j->text) {
		struct root_result res = { 0 };
		if (root_result_decode(j->text, p, out, &res) == 0) {
			root_result_free(&j->res);
			j->res = res;
			cache->hits++;
			done = true;
		} else {
			root_result_free(&res);
			/* a damaged stored result: analyze the root now */
			analyze_root(p, j->fn, enabled, &j->res);
		}
	}
	if (!done) {
		char *text = root_result_encode(&j->res);
		struct root_result back = { 0 };
		bool lost = !text || root_result_decode(text, p, out, &back) != 0;
		root_result_free(&back);
		if (lost) {
			/* cannot happen: the text form holds what it was given */
			fprintf(stderr, "fltcheck: internal error: the result of '%s' was lost\n",
				j->fn->f->name);
			abort();
		}
		if (cache) {
			cache->misses++;
			if (cache->put)
				cache->put(cache->ctx, j->key, text);
		}
		free(text);
	}
	for (unsigned i = 0; i < j->res.neffects; i++)
		apply_effect(j->fn, &j->res.effects[i]);
	p->stat_visits += j->res.visits;
	p->stat_incomplete += j->res.incomplete;
	if (j->res.incomplete)
		fprintf(stderr,
			"fltcheck: warning: analysis of '%s' stopped early: too many paths\n",
			j->fn->f->name);
}

void engine_run(struct program *p, const bool *enabled, struct findings *out,
		struct engine_cache *cache, unsigned nthreads)
{
	struct root_job *jobs = xcalloc(p->nfuncs + 1, sizeof(*jobs));
	(void)facts_majorset_kinds(&(struct majorset){ { 0 } }); /* its table, before threads */
	/*
	 * Callbacks first: they tell the work routines what they were given. The
	 * roots of a pass are analyzed independently (in parallel) and their
	 * results taken in program order: what a callback hands on (its effects)
	 * is applied after the whole pass, so no root of a pass sees another's.
	 */
	for (int pass = 0; pass < 2; pass++) {
		unsigned n = 0;
		for (unsigned i = 0; i < p->nfuncs; i++) {
			struct pfunc *fn = p->funcs[i];
			unsigned cb = fn->roles & (ROLE_PREOP | ROLE_POSTOP);
			unsigned wk =
				fn->roles & (ROLE_DEFERRED_WORKER | ROLE_GENERIC_WORKER |
					     ROLE_CANCEL_CALLBACK | ROLE_SAFE_POST | ROLE_DEQUEUER);
			if ((pass == 0 && !cb) || (pass == 1 && (cb || !wk)))
				continue;
			if (fn->body_unparsed)
				continue;
			struct root_job *j = &jobs[n++];
			memset(j, 0, sizeof(*j));
			j->fn = fn;
		}
		if (cache) {
			compute_keys(p, jobs, n, cache->salt, nthreads ? nthreads : 1);
			timing_mark(pass ? "engine: keys, pass 1" : "engine: keys, pass 0");
			for (unsigned i = 0; i < n && cache->get; i++)
				jobs[i].text = cache->get(cache->ctx, jobs[i].key);
		}
		timing_mark(pass ? "engine: lookups, pass 1" : "engine: lookups, pass 0");
		struct root_pool pl = { p, enabled, jobs, n, 0, PTHREAD_MUTEX_INITIALIZER };
		analyze_jobs(&pl, nthreads ? nthreads : 1);
		pthread_mutex_destroy(&pl.lock);
		timing_mark(pass ? "engine: analysis, pass 1" : "engine: analysis, pass 0");
		for (unsigned i = 0; i < n; i++) {
			finish_root(p, enabled, &jobs[i], out, cache);
			root_result_free(&jobs[i].res);
		}
		timing_mark(pass ? "engine: results, pass 1" : "engine: results, pass 0");
	}
	free(jobs);
}
