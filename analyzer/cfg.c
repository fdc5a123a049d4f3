/*
 * CFG construction: a single forward walk over a function's IR. Each
 * statement is built from a "current" node (NULL when the code is not
 * reachable by falling through, as after a return; labels and cases make it
 * reachable again). Loops record their break and continue targets, try
 * statements their handlers and __finally blocks; gotos are resolved at the
 * end. __finally blocks are copied onto each way out of their __try that we
 * model (falling through, __leave, return).
 */
#include "cfg.h"

#include <string.h>

#include "irser.h"

struct try_ctx {
	struct try_ctx *outer;
	const struct ir_node *finally_block; /* NULL for __except / catch */
	struct cfg_node **handlers;          /* exception targets */
	unsigned nhandlers;
	struct cfg_node *leave_target;
};

struct label {
	const char *name;
	struct cfg_node *node;
	struct label *next;
};

struct pending_goto {
	struct cfg_node *from;
	const char *name;
	struct pending_goto *next;
};

struct builder {
	struct arena *a;
	struct cfg *g;
	struct cfg_node *break_target, *continue_target, *switch_node;
	int switch_has_default;
	struct try_ctx *tries;
	struct label *labels;
	struct pending_goto *gotos;
};

static int expr_has_call(const struct ir_node *n)
{
	if (!n)
		return 0;
	if (n->kind == IR_CALL)
		return 1;
	for (unsigned i = 0; i < n->nkids; i++)
		if (expr_has_call(n->kids[i]))
			return 1;
	return 0;
}

static void add_edge(struct builder *b, struct cfg_node *from, struct cfg_node *to,
		     enum cfg_edge_kind kind, long long value, int known)
{
	if (!from || !to)
		return;
	if (from->nsucc == from->capsucc) {
		unsigned cap = from->capsucc ? from->capsucc * 2 : 2;
		struct cfg_edge *e = arena_alloc(b->a, cap * sizeof(*e));
		if (from->nsucc)
			memcpy(e, from->succ, from->nsucc * sizeof(*e));
		from->succ = e;
		from->capsucc = cap;
	}
	struct cfg_edge *e = &from->succ[from->nsucc++];
	e->to = to;
	e->kind = kind;
	e->case_value = value;
	e->case_known = known;
	to->npred++;
}

static void link_to(struct builder *b, struct cfg_node *from, struct cfg_node *to)
{
	add_edge(b, from, to, EDGE_NORMAL, 0, 0);
}

static struct cfg_node *new_node(struct builder *b, enum cfg_node_kind kind,
				 const struct ir_node *ir, struct ir_loc loc)
{
	struct cfg *g = b->g;
	struct cfg_node *n = arena_alloc(b->a, sizeof(*n));
	n->kind = kind;
	n->ir = ir;
	n->loc = loc;
	n->id = g->n;
	if (g->n == g->cap) {
		unsigned cap = g->cap ? g->cap * 2 : 32;
		struct cfg_node **v = arena_alloc(b->a, cap * sizeof(*v));
		if (g->n)
			memcpy(v, g->nodes, g->n * sizeof(*v));
		g->nodes = v;
		g->cap = cap;
	}
	g->nodes[g->n++] = n;
	if (kind != CN_NOP && kind != CN_ENTRY && kind != CN_END)
		n->has_call = expr_has_call(ir);
	/* A call inside a guarded block may raise: it can reach the handlers. */
	if (n->has_call) {
		for (struct try_ctx *t = b->tries; t; t = t->outer) {
			if (!t->nhandlers)
				continue;
			for (unsigned i = 0; i < t->nhandlers; i++)
				add_edge(b, n, t->handlers[i], EDGE_EXCEPTION, 0, 0);
			break;
		}
	}
	return n;
}

static struct cfg_node *nop(struct builder *b, struct ir_loc loc)
{
	return new_node(b, CN_NOP, NULL, loc);
}

static struct cfg_node *label_node(struct builder *b, const char *name, struct ir_loc loc)
{
	for (struct label *l = b->labels; l; l = l->next)
		if (strcmp(l->name, name) == 0)
			return l->node;
	struct label *l = arena_alloc(b->a, sizeof(*l));
	l->name = name;
	l->node = nop(b, loc);
	l->next = b->labels;
	b->labels = l;
	return l->node;
}

static struct cfg_node *build(struct builder *b, const struct ir_node *s, struct cfg_node *cur);

/* Copies the __finally blocks between the innermost try and 'until' (exclusive) onto the flow. */
static struct cfg_node *run_finallies(struct builder *b, struct cfg_node *cur,
				      struct try_ctx *until)
{
	struct try_ctx *saved = b->tries;
	for (struct try_ctx *t = b->tries; t && t != until; t = t->outer) {
		if (!t->finally_block)
			continue;
		b->tries = t->outer; /* the finally body runs outside its own try */
		cur = build(b, t->finally_block, cur);
	}
	b->tries = saved;
	return cur;
}

static int in_finally_try(struct builder *b)
{
	for (struct try_ctx *t = b->tries; t; t = t->outer)
		if (t->finally_block)
			return 1;
	return 0;
}

static struct cfg_node *build_loop_body(struct builder *b, const struct ir_node *body,
					struct cfg_node *cur, struct cfg_node *brk,
					struct cfg_node *cont)
{
	struct cfg_node *ob = b->break_target, *oc = b->continue_target;
	b->break_target = brk;
	b->continue_target = cont;
	cur = build(b, body, cur);
	b->break_target = ob;
	b->continue_target = oc;
	return cur;
}

static struct cfg_node *branch(struct builder *b, const struct ir_node *cond, struct cfg_node *cur,
			       struct cfg_node **t, struct cfg_node **f)
{
	struct cfg_node *br = new_node(b, CN_BRANCH, cond, cond->loc);
	link_to(b, cur, br);
	*t = nop(b, cond->loc);
	*f = nop(b, cond->loc);
	add_edge(b, br, *t, EDGE_TRUE, 0, 0);
	add_edge(b, br, *f, EDGE_FALSE, 0, 0);
	return br;
}

static struct cfg_node *build_try(struct builder *b, const struct ir_node *s, struct cfg_node *cur)
{
	struct try_ctx t = { 0 };
	t.outer = b->tries;
	struct cfg_node *after = nop(b, s->loc);
	struct cfg_node *entry = nop(b, s->loc);
	link_to(b, cur, entry);
	const struct ir_node *h = s->nkids > 1 ? s->kids[1] : NULL;

	if (s->kind == IR_CXX_TRY) {
		t.nhandlers = s->nkids > 1 ? s->nkids - 1 : 0;
		t.handlers = arena_alloc(b->a, (t.nhandlers + 1) * sizeof(*t.handlers));
		for (unsigned i = 0; i < t.nhandlers; i++)
			t.handlers[i] = nop(b, s->kids[i + 1] ? s->kids[i + 1]->loc : s->loc);
	} else if (h && h->kind == IR_SEH_EXCEPT) {
		t.nhandlers = 1;
		t.handlers = arena_alloc(b->a, sizeof(*t.handlers));
		t.handlers[0] = nop(b, h->loc);
	} else if (h && h->kind == IR_SEH_FINALLY) {
		t.finally_block = h->nkids ? h->kids[0] : NULL;
	}
	/* The guarded block may fault before its first call (a user buffer). */
	for (unsigned i = 0; i < t.nhandlers; i++)
		add_edge(b, entry, t.handlers[i], EDGE_EXCEPTION, 0, 0);

	struct cfg_node *normal_exit = nop(b, s->loc);
	t.leave_target = normal_exit;
	b->tries = &t;
	struct cfg_node *end = build(b, s->nkids ? s->kids[0] : NULL, entry);
	b->tries = t.outer;
	link_to(b, end, normal_exit);

	if (t.finally_block) {
		struct cfg_node *fin = build(b, t.finally_block, normal_exit);
		link_to(b, fin, after);
	} else {
		link_to(b, normal_exit, after);
	}

	if (s->kind == IR_CXX_TRY) {
		for (unsigned i = 0; i < t.nhandlers; i++) {
			const struct ir_node *c = s->kids[i + 1];
			struct cfg_node *e =
				build(b, c && c->nkids ? c->kids[0] : NULL, t.handlers[i]);
			link_to(b, e, after);
		}
	} else if (t.nhandlers) {
		struct cfg_node *filter =
			new_node(b, CN_SEH_FILTER, h->nkids ? h->kids[0] : NULL, h->loc);
		link_to(b, t.handlers[0], filter);
		struct cfg_node *e = build(b, h->nkids > 1 ? h->kids[1] : NULL, filter);
		link_to(b, e, after);
	}
	return after->npred ? after : NULL;
}

static struct cfg_node *build(struct builder *b, const struct ir_node *s, struct cfg_node *cur)
{
	if (!s)
		return cur;
	switch (s->kind) {
	case IR_COMPOUND:
		for (unsigned i = 0; i < s->nkids; i++)
			cur = build(b, s->kids[i], cur);
		return cur;
	case IR_NULL_STMT:
	case IR_ASM:
		return cur;
	case IR_IF: {
		struct cfg_node *t, *f, *join = nop(b, s->loc);
		branch(b, s->kids[0], cur, &t, &f);
		link_to(b, build(b, s->kids[1], t), join);
		link_to(b, build(b, s->nkids > 2 ? s->kids[2] : NULL, f), join);
		return join->npred ? join : NULL;
	}
	case IR_WHILE: {
		struct cfg_node *head = nop(b, s->loc), *t, *f;
		link_to(b, cur, head);
		branch(b, s->kids[0], head, &t, &f);
		link_to(b, build_loop_body(b, s->kids[1], t, f, head), head);
		return f;
	}
	case IR_DO: {
		struct cfg_node *body = nop(b, s->loc), *cont = nop(b, s->loc);
		struct cfg_node *after = nop(b, s->loc), *t, *f;
		link_to(b, cur, body);
		link_to(b, build_loop_body(b, s->kids[0], body, after, cont), cont);
		branch(b, s->kids[1], cont, &t, &f);
		link_to(b, t, body);
		link_to(b, f, after);
		return after->npred ? after : NULL;
	}
	case IR_FOR: {
		if (s->kids[0])
			cur = build(b, s->kids[0], cur);
		struct cfg_node *head = nop(b, s->loc), *after = nop(b, s->loc), *body;
		link_to(b, cur, head);
		if (s->kids[1]) {
			struct cfg_node *f;
			branch(b, s->kids[1], head, &body, &f);
			link_to(b, f, after);
		} else {
			body = nop(b, s->loc);
			link_to(b, head, body);
		}
		struct cfg_node *cont = nop(b, s->loc);
		link_to(b, build_loop_body(b, s->kids[3], body, after, cont), cont);
		struct cfg_node *inc = cont;
		if (s->kids[2]) {
			inc = new_node(b, CN_EXPR, s->kids[2], s->kids[2]->loc);
			link_to(b, cont, inc);
		}
		link_to(b, inc, head);
		return after->npred ? after : NULL;
	}
	case IR_SWITCH: {
		struct cfg_node *sw = new_node(b, CN_SWITCH, s->kids[0], s->loc);
		link_to(b, cur, sw);
		struct cfg_node *after = nop(b, s->loc);
		struct cfg_node *osw = b->switch_node, *obrk = b->break_target;
		int odef = b->switch_has_default;
		b->switch_node = sw;
		b->break_target = after;
		b->switch_has_default = 0;
		link_to(b, build(b, s->kids[1], NULL), after);
		if (!b->switch_has_default)
			add_edge(b, sw, after, EDGE_DEFAULT, 0, 0);
		b->switch_node = osw;
		b->break_target = obrk;
		b->switch_has_default = odef;
		return after->npred ? after : NULL;
	}
	case IR_CASE:
	case IR_DEFAULT: {
		struct cfg_node *n = nop(b, s->loc);
		if (b->switch_node) {
			if (s->kind == IR_CASE)
				add_edge(b, b->switch_node, n, EDGE_CASE, s->ival,
					 (s->flags & IR_F_CONST) != 0);
			else {
				add_edge(b, b->switch_node, n, EDGE_DEFAULT, 0, 0);
				b->switch_has_default = 1;
			}
		}
		link_to(b, cur, n);
		return build(b, s->nkids ? s->kids[0] : NULL, n);
	}
	case IR_BREAK:
		link_to(b, cur, b->break_target);
		return NULL;
	case IR_CONTINUE:
		link_to(b, cur, b->continue_target);
		return NULL;
	case IR_RETURN: {
		const struct ir_node *v = s->nkids ? s->kids[0] : NULL;
		if (!in_finally_try(b)) {
			struct cfg_node *r = new_node(b, CN_RETURN, v, s->loc);
			link_to(b, cur, r);
			return NULL;
		}
		struct cfg_node *save = new_node(b, CN_RETURN_SAVE, v, s->loc);
		link_to(b, cur, save);
		struct cfg_node *end = run_finallies(b, save, NULL);
		struct cfg_node *r = new_node(b, CN_RETURN_SAVED, v, s->loc);
		link_to(b, end, r);
		return NULL;
	}
	case IR_GOTO: {
		struct cfg_node *n = nop(b, s->loc);
		link_to(b, cur, n);
		struct pending_goto *pg = arena_alloc(b->a, sizeof(*pg));
		pg->from = n;
		pg->name = s->name ? s->name : "";
		pg->next = b->gotos;
		b->gotos = pg;
		return NULL;
	}
	case IR_LABEL: {
		struct cfg_node *n = label_node(b, s->name ? s->name : "", s->loc);
		link_to(b, cur, n);
		return build(b, s->nkids ? s->kids[0] : NULL, n);
	}
	case IR_SEH_TRY:
	case IR_CXX_TRY:
		return build_try(b, s, cur);
	case IR_SEH_LEAVE: {
		for (struct try_ctx *t = b->tries; t; t = t->outer) {
			if (t->leave_target) {
				link_to(b, cur, t->leave_target);
				return NULL;
			}
		}
		return cur;
	}
	case IR_SEH_EXCEPT:
	case IR_SEH_FINALLY:
	case IR_CXX_CATCH:
		/* only reached through their try statement */
		return cur;
	default: {
		/* IR_DECL and expression statements */
		struct cfg_node *n = new_node(b, CN_EXPR, s, s->loc);
		link_to(b, cur, n);
		return n;
	}
	}
}

struct cfg *cfg_build(struct arena *a, const struct ir_func *f)
{
	struct builder b = { 0 };
	b.a = a;
	b.g = arena_alloc(a, sizeof(*b.g));
	struct cfg_node *entry = new_node(&b, CN_ENTRY, NULL, f->loc);
	b.g->entry = entry;
	struct cfg_node *end = build(&b, ir_func_body(f), entry);
	if (end) {
		struct cfg_node *e = new_node(&b, CN_END, NULL, f->end_loc);
		link_to(&b, end, e);
	}
	for (struct pending_goto *pg = b.gotos; pg; pg = pg->next) {
		for (struct label *l = b.labels; l; l = l->next) {
			if (strcmp(l->name, pg->name) == 0) {
				link_to(&b, pg->from, l->node);
				break;
			}
		}
	}
	return b.g;
}

static const char *kind_name(enum cfg_node_kind k)
{
	static const char *names[] = {
		"entry",  "nop",         "expr",         "branch", "switch",
		"return", "return-save", "return-saved", "end",    "filter"
	};
	return names[k];
}

static const char *edge_name(enum cfg_edge_kind k)
{
	static const char *names[] = { "", "T", "F", "case", "default", "exc" };
	return names[k];
}

void cfg_dump(FILE *out, const struct cfg *g)
{
	for (unsigned i = 0; i < g->n; i++) {
		const struct cfg_node *n = g->nodes[i];
		fprintf(out, "%u %s L%u ->", n->id, kind_name(n->kind), n->loc.line);
		for (unsigned j = 0; j < n->nsucc; j++) {
			const struct cfg_edge *e = &n->succ[j];
			fprintf(out, " %u", e->to->id);
			if (e->kind == EDGE_CASE && e->case_known)
				fprintf(out, "(case %lld)", e->case_value);
			else if (e->kind != EDGE_NORMAL)
				fprintf(out, "(%s)", edge_name(e->kind));
		}
		fputc('\n', out);
	}
}

/* ------------------------------------------------------------ liveness */

static void set_bit(unsigned *w, int i)
{
	w[i / 32] |= 1u << (i % 32);
}

/* Marks the locals read by n; 'skip' is an assigned lvalue that is not read. */
static void collect_uses(const struct ir_node *n, const struct ir_node *skip, unsigned *uses,
			 unsigned *addr, int nlocals)
{
	if (!n)
		return;
	if (n != skip && n->kind == IR_DECLREF && n->ref_kind == IR_REF_LOCAL &&
	    n->ref_index >= 0 && n->ref_index < nlocals)
		set_bit(uses, n->ref_index);
	if (n->kind == IR_UNOP && n->op == IR_OP_ADDROF && n->nkids && n->kids[0] &&
	    n->kids[0]->kind == IR_DECLREF && n->kids[0]->ref_kind == IR_REF_LOCAL &&
	    n->kids[0]->ref_index >= 0 && n->kids[0]->ref_index < nlocals)
		set_bit(addr, n->kids[0]->ref_index);
	for (unsigned i = 0; i < n->nkids; i++)
		collect_uses(n->kids[i], skip, uses, addr, nlocals);
}

/* The local a node assigns as a whole (x = ...; or a declaration), or -1. */
static int node_def(const struct ir_node *n)
{
	if (!n)
		return -1;
	if (n->kind == IR_DECL)
		return n->ref_index;
	if (n->kind == IR_BINOP && n->op == IR_OP_ASSIGN && n->kids[0] &&
	    n->kids[0]->kind == IR_DECLREF && n->kids[0]->ref_kind == IR_REF_LOCAL)
		return n->kids[0]->ref_index;
	return -1;
}

void cfg_liveness(struct arena *a, struct cfg *g, const struct ir_func *f)
{
	int nl = (int)f->nlocals;
	unsigned words = nl ? (unsigned)(nl + 31) / 32 : 0;
	g->words = words;
	if (!words)
		return;
	unsigned *uses = arena_alloc(a, (size_t)g->n * words * sizeof(unsigned));
	unsigned *live = arena_alloc(a, (size_t)g->n * words * sizeof(unsigned));
	unsigned *addr = arena_alloc(a, words * sizeof(unsigned));
	int *def = arena_alloc(a, g->n * sizeof(int));
	for (unsigned i = 0; i < g->n; i++) {
		const struct cfg_node *n = g->nodes[i];
		def[i] = -1;
		if (n->kind == CN_ENTRY || n->kind == CN_NOP || n->kind == CN_END)
			continue;
		def[i] = n->kind == CN_EXPR ? node_def(n->ir) : -1;
		const struct ir_node *skip = NULL;
		if (def[i] >= 0 && n->ir->kind == IR_BINOP)
			skip = n->ir->kids[0];
		collect_uses(n->ir, skip, uses + (size_t)i * words, addr, nl);
		if (def[i] >= nl)
			def[i] = -1;
	}
	/* A node that assigns a local may not reach its uses when it is an __except
	 * handler's predecessor; exception edges carry the state from before the
	 * node, which is fine: the def is killed only on the normal way out. */
	for (int changed = 1; changed;) {
		changed = 0;
		for (unsigned k = g->n; k-- > 0;) {
			const struct cfg_node *n = g->nodes[k];
			unsigned *in = live + (size_t)k * words;
			for (unsigned w = 0; w < words; w++) {
				unsigned out = 0, exc = 0;
				for (unsigned j = 0; j < n->nsucc; j++) {
					unsigned v = live[(size_t)n->succ[j].to->id * words + w];
					if (n->succ[j].kind == EDGE_EXCEPTION)
						exc |= v;
					else
						out |= v;
				}
				if (def[k] >= 0 && (unsigned)def[k] / 32 == w)
					out &= ~(1u << (def[k] % 32));
				unsigned nv = uses[(size_t)k * words + w] | out | exc | addr[w];
				if (nv != in[w]) {
					in[w] = nv;
					changed = 1;
				}
			}
		}
	}
	g->live = live;
}

int cfg_live(const struct cfg *g, const struct cfg_node *n, int id)
{
	if (!g->live || id < 0 || (unsigned)id / 32 >= g->words)
		return 1;
	return (g->live[(size_t)n->id * g->words + (unsigned)id / 32] >> (id % 32)) & 1;
}
