/*
 * The IR encoding: see irser.h for the layout. The writer walks the TU once,
 * encoding the body into one buffer while it interns strings (indices given
 * in order of first use), then emits the header, the string table and the
 * body. The reader checks the header, the length and the checksum before it
 * decodes anything, then decodes with every count checked against the bytes
 * that remain, every enum against ir.h, and every field against the one
 * canonical spelling the writer would produce. Trees are walked with an
 * explicit stack in both directions, so a deep or hostile blob cannot
 * exhaust the C stack.
 */
#include "irser.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "summary.h"

/*
 * The encoding below lists every field of ir.h by hand. These checks fail
 * the build when ir.h grows a kind, an op or a field (on LP64 hosts), as a
 * reminder to extend the encoding and bump IRSER_VERSION.
 */
_Static_assert(IR_UNKNOWN == 36, "ir.h changed: update irser.c and bump IRSER_VERSION");
_Static_assert(IR_OP_EXTENSION == 43, "ir.h changed: update irser.c and bump IRSER_VERSION");
_Static_assert(IR_REF_ENUM == 5, "ir.h changed: update irser.c and bump IRSER_VERSION");
_Static_assert(IR_DIAG_FATAL == 2, "ir.h changed: update irser.c and bump IRSER_VERSION");
#if UINTPTR_MAX == 0xffffffffffffffffu
_Static_assert(sizeof(struct ir_loc) == 16, "ir.h changed: update irser.c, bump IRSER_VERSION");
_Static_assert(sizeof(struct ir_node) == 88, "ir.h changed: update irser.c, bump IRSER_VERSION");
_Static_assert(sizeof(struct ir_param) == 16, "ir.h changed: update irser.c, bump IRSER_VERSION");
_Static_assert(sizeof(struct ir_func) == 112, "ir.h changed: update irser.c, bump IRSER_VERSION");
_Static_assert(sizeof(struct ir_reg_entry) == 64,
	       "ir.h changed: update irser.c, bump IRSER_VERSION");
_Static_assert(sizeof(struct ir_reg_table) == 40,
	       "ir.h changed: update irser.c, bump IRSER_VERSION");
_Static_assert(sizeof(struct ir_diag) == 32, "ir.h changed: update irser.c, bump IRSER_VERSION");
/* includes/nincludes are not encoded: the TU cache stores them beside the blob. */
_Static_assert(sizeof(struct ir_tu) == 104, "ir.h changed: update irser.c, bump IRSER_VERSION");
#endif

static const unsigned char irser_magic[6] = { 'F', 'L', 'T', 'I', 'R', '\0' };

/* Which optional fields of a node follow its location. */
enum {
	NM_OP = 1u << 0,        /* op != IR_OP_NONE */
	NM_FLAGS = 1u << 1,     /* flags != 0 */
	NM_IVAL = 1u << 2,      /* ival != 0, zigzag */
	NM_NAME = 1u << 3,      /* name != NULL */
	NM_TYPE = 1u << 4,      /* type != NULL */
	NM_LINK = 1u << 5,      /* link != NULL */
	NM_MACRO = 1u << 6,     /* macro != NULL */
	NM_REF_KIND = 1u << 7,  /* ref_kind != IR_REF_OTHER */
	NM_REF_INDEX = 1u << 8, /* ref_index != -1, zigzag */
	NM_KIDS = 1u << 9,      /* nkids != 0; the kids follow the node */
	NM_ALL = (1u << 10) - 1,
};

/* Bits of a function's flags field. */
enum {
	FF_STATIC = 1u << 0,
	FF_BODY_ERRORS = 1u << 1,
	FF_NORETURN = 1u << 2,
	FF_SUMMARY = 1u << 3, /* the summary (summary.h) follows nlocals */
	FF_ALL = (1u << 4) - 1,
};

/* The fewest bytes each encoded item can take, to bound counts by what remains. */
enum {
	MIN_STRING = 1,
	MIN_DIAG = 5,  /* loc 3, severity, text */
	MIN_FUNC = 14, /* name, link, flags, loc 3, end_loc 3, ret, nparams, nlocals, len, body */
	MIN_PARAM = 2, /* name, type */
	MIN_TABLE = 6, /* name, loc 3, terminator, nentries */
	MIN_ENTRY = 9, /* loc 3, major, major_name, flags, known, pre, post */
	MIN_KID = 1,   /* a NULL kid */
};

unsigned long long irser_checksum(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t zigzag(long long v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v < 0 ? -1 : 0);
}

static long long unzigzag(uint64_t v)
{
	return (long long)(v >> 1) ^ -(long long)(v & 1);
}

/* ---- writing ------------------------------------------------------------------------ */

struct wbuf {
	unsigned char *p;
	size_t n, cap;
};

static void wb_reserve(struct wbuf *b, size_t extra)
{
	if (b->cap - b->n >= extra)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->n < extra)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

static void wb_bytes(struct wbuf *b, const void *p, size_t n)
{
	wb_reserve(b, n);
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void wb_varint(struct wbuf *b, uint64_t v)
{
	wb_reserve(b, 10);
	do {
		unsigned char c = v & 0x7f;
		v >>= 7;
		b->p[b->n++] = c | (v ? 0x80 : 0);
	} while (v);
}

static void put_le(unsigned char *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Strings by content, indexed in order of first use. slot[] holds index + 1. */
struct interner {
	const char **v;
	unsigned n, cap;
	unsigned *slot;
	unsigned nslot; /* a power of two, or 0 */
};

static uint64_t str_hash(const char *s)
{
	return irser_checksum((const unsigned char *)s, strlen(s));
}

static void interner_grow(struct interner *in)
{
	unsigned nslot = in->nslot ? in->nslot * 2 : 256;
	unsigned *slot = xcalloc(nslot, sizeof(*slot));
	for (unsigned i = 0; i < in->n; i++) {
		unsigned j = (unsigned)str_hash(in->v[i]) & (nslot - 1);
		while (slot[j])
			j = (j + 1) & (nslot - 1);
		slot[j] = i + 1;
	}
	free(in->slot);
	in->slot = slot;
	in->nslot = nslot;
}

static unsigned interner_add(struct interner *in, const char *s)
{
	if ((in->n + 1) * 2 > in->nslot)
		interner_grow(in);
	unsigned j = (unsigned)str_hash(s) & (in->nslot - 1);
	while (in->slot[j]) {
		if (strcmp(in->v[in->slot[j] - 1], s) == 0)
			return in->slot[j] - 1;
		j = (j + 1) & (in->nslot - 1);
	}
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 64;
		in->v = xrealloc(in->v, in->cap * sizeof(*in->v));
	}
	in->v[in->n] = s;
	in->slot[j] = in->n + 1;
	return in->n++;
}

struct wframe {
	const struct ir_node *n;
	unsigned i; /* next kid */
};

struct writer {
	struct wbuf body;
	struct interner strs;
	struct wframe *stk;
	unsigned nstk, capstk;
	bool bad; /* the IR cannot be encoded */
};

static void w_uint(struct writer *w, uint64_t v)
{
	wb_varint(&w->body, v);
}

static void w_sint(struct writer *w, long long v)
{
	wb_varint(&w->body, zigzag(v));
}

static void w_str(struct writer *w, const char *s)
{
	w_uint(w, s ? (uint64_t)interner_add(&w->strs, s) + 1 : 0);
}

static void w_loc(struct writer *w, struct ir_loc l)
{
	w_str(w, l.file);
	w_uint(w, l.line);
	w_uint(w, l.col);
}

/* One node without its kids: the tag, the field mask, the location, the fields. */
static void w_node(struct writer *w, const struct ir_node *n)
{
	if (!n) {
		w_uint(w, 0);
		return;
	}
	if ((unsigned)n->kind > IR_UNKNOWN || (unsigned)n->op > IR_OP_EXTENSION ||
	    (unsigned)n->ref_kind > IR_REF_ENUM || (n->nkids && !n->kids)) {
		w->bad = true;
		return;
	}
	unsigned mask = (n->op != IR_OP_NONE ? NM_OP : 0) | (n->flags ? NM_FLAGS : 0) |
			(n->ival ? NM_IVAL : 0) | (n->name ? NM_NAME : 0) |
			(n->type ? NM_TYPE : 0) | (n->link ? NM_LINK : 0) |
			(n->macro ? NM_MACRO : 0) |
			(n->ref_kind != IR_REF_OTHER ? NM_REF_KIND : 0) |
			(n->ref_index != -1 ? NM_REF_INDEX : 0) | (n->nkids ? NM_KIDS : 0);
	w_uint(w, (uint64_t)n->kind + 1);
	w_uint(w, mask);
	w_loc(w, n->loc);
	if (mask & NM_OP)
		w_uint(w, n->op);
	if (mask & NM_FLAGS)
		w_uint(w, n->flags);
	if (mask & NM_IVAL)
		w_sint(w, n->ival);
	if (mask & NM_NAME)
		w_str(w, n->name);
	if (mask & NM_TYPE)
		w_str(w, n->type);
	if (mask & NM_LINK)
		w_str(w, n->link);
	if (mask & NM_MACRO)
		w_str(w, n->macro);
	if (mask & NM_REF_KIND)
		w_uint(w, n->ref_kind);
	if (mask & NM_REF_INDEX)
		w_sint(w, n->ref_index);
	if (mask & NM_KIDS)
		w_uint(w, n->nkids);
}

static void w_push(struct writer *w, const struct ir_node *n)
{
	if (w->nstk == w->capstk) {
		w->capstk = w->capstk ? w->capstk * 2 : 64;
		w->stk = xrealloc(w->stk, w->capstk * sizeof(*w->stk));
	}
	w->stk[w->nstk].n = n;
	w->stk[w->nstk].i = 0;
	w->nstk++;
}

/* The tree under root in pre-order, without recursion. */
static void w_tree(struct writer *w, const struct ir_node *root)
{
	w_node(w, root);
	w->nstk = 0;
	if (root && root->nkids && !w->bad)
		w_push(w, root);
	while (w->nstk && !w->bad) {
		struct wframe *top = &w->stk[w->nstk - 1];
		if (top->i == top->n->nkids) {
			w->nstk--;
			continue;
		}
		const struct ir_node *k = top->n->kids[top->i++];
		if (w->nstk + 1 > IRSER_MAX_DEPTH) {
			w->bad = true;
			break;
		}
		w_node(w, k);
		if (k && k->nkids && !w->bad)
			w_push(w, k);
	}
}

static void w_summary(struct writer *w, const struct ir_fsum *s)
{
	w_str(w, s->hash);
	w_uint(w, s->flags);
	w_uint(w, s->ncalls);
	for (unsigned i = 0; i < s->ncalls; i++) {
		w_str(w, s->calls[i].link);
		w_uint(w, s->calls[i].api);
	}
	w_uint(w, s->nqueues);
	for (unsigned i = 0; i < s->nqueues; i++) {
		w_uint(w, s->queues[i].kind);
		w_uint(w, s->queues[i].nlinks);
		for (unsigned k = 0; k < s->queues[i].nlinks; k++)
			w_str(w, s->queues[i].links[k]);
	}
}

static void w_func(struct writer *w, const struct ir_func *f)
{
	if (!f || (f->nparams && !f->params)) {
		w->bad = true;
		return;
	}
	w_str(w, f->name);
	w_str(w, f->link);
	w_uint(w, (f->is_static ? FF_STATIC : 0) | (f->body_has_errors ? FF_BODY_ERRORS : 0) |
			  (f->is_noreturn ? FF_NORETURN : 0) | (f->sum ? FF_SUMMARY : 0));
	w_loc(w, f->loc);
	w_loc(w, f->end_loc);
	w_str(w, f->ret_type);
	w_uint(w, f->nparams);
	for (unsigned i = 0; i < f->nparams; i++) {
		w_str(w, f->params[i].name);
		w_str(w, f->params[i].type);
	}
	w_uint(w, f->nlocals);
	if (f->sum)
		w_summary(w, f->sum);
	/* the body, behind its length so that a lazy reader can step over it */
	struct wbuf outer = w->body;
	memset(&w->body, 0, sizeof(w->body));
	w_tree(w, ir_func_body(f));
	struct wbuf tree = w->body;
	w->body = outer;
	wb_varint(&w->body, tree.n);
	wb_bytes(&w->body, tree.p, tree.n);
	free(tree.p);
}

static void w_table(struct writer *w, const struct ir_reg_table *t)
{
	if (!t || (t->nentries && !t->entries)) {
		w->bad = true;
		return;
	}
	w_str(w, t->name);
	w_loc(w, t->loc);
	w_uint(w, t->has_terminator);
	w_uint(w, t->nentries);
	for (unsigned i = 0; i < t->nentries; i++) {
		const struct ir_reg_entry *e = &t->entries[i];
		w_loc(w, e->loc);
		w_sint(w, e->major);
		w_str(w, e->major_name);
		w_uint(w, e->flags);
		w_uint(w, e->flags_known);
		w_str(w, e->pre);
		w_str(w, e->post);
	}
}

static void w_tu(struct writer *w, const struct ir_tu *tu)
{
	if ((tu->ndiags && !tu->diags) || (tu->nfuncs && !tu->funcs) ||
	    (tu->ntables && !tu->tables)) {
		w->bad = true;
		return;
	}
	w_str(w, tu->path);
	w_uint(w, tu->parsed);
	w_str(w, tu->fail_reason);
	w_uint(w, tu->nerrors);
	w_uint(w, tu->ndiags);
	for (unsigned i = 0; i < tu->ndiags && !w->bad; i++) {
		const struct ir_diag *d = &tu->diags[i];
		if ((unsigned)d->severity > IR_DIAG_FATAL)
			w->bad = true;
		w_loc(w, d->loc);
		w_uint(w, d->severity);
		w_str(w, d->text);
	}
	w_uint(w, tu->nfuncs);
	for (unsigned i = 0; i < tu->nfuncs && !w->bad; i++)
		w_func(w, tu->funcs[i]);
	w_uint(w, tu->ntables);
	for (unsigned i = 0; i < tu->ntables && !w->bad; i++)
		w_table(w, tu->tables[i]);
}

int irser_write(const struct ir_tu *tu, unsigned char **out, size_t *len)
{
	struct writer w = { 0 };
	*out = NULL;
	*len = 0;
	if (!tu)
		return -1;
	w_tu(&w, tu);
	free(w.stk);
	free(w.strs.slot);
	if (w.bad) {
		free(w.strs.v);
		free(w.body.p);
		return -1;
	}

	struct wbuf o = { 0 };
	wb_reserve(&o, IRSER_HEADER_SIZE + w.body.n + 16);
	o.n = IRSER_HEADER_SIZE;
	wb_varint(&o, w.strs.n);
	for (unsigned i = 0; i < w.strs.n; i++) {
		size_t n = strlen(w.strs.v[i]);
		wb_varint(&o, n);
		wb_bytes(&o, w.strs.v[i], n);
	}
	wb_bytes(&o, w.body.p, w.body.n);
	free(w.strs.v);
	free(w.body.p);

	size_t plen = o.n - IRSER_HEADER_SIZE;
	memcpy(o.p, irser_magic, sizeof(irser_magic));
	put_le(o.p + 6, IRSER_VERSION, 2);
	put_le(o.p + 8, plen, 8);
	put_le(o.p + 16, irser_checksum(o.p + IRSER_HEADER_SIZE, plen), 8);
	*out = o.p;
	*len = o.n;
	return 0;
}

/* ---- reading ------------------------------------------------------------------------ */

struct rframe {
	struct ir_node *n;
	unsigned i; /* next kid */
};

struct reader {
	const unsigned char *base, *p, *end;
	struct arena *a;
	char *err; /* the first error; heap */
	char **strs;
	size_t nstr;
	size_t next_new;        /* strings are first used in table order */
	bool lazy;              /* function bodies are skipped, so first uses are not checked */
	struct ir_lazy_tu *ltu; /* lazy: what the bodies will be decoded with */
	struct rframe *stk;
	unsigned nstk, capstk;
};

static bool r_fail(struct reader *r, const char *what)
{
	if (!r->err)
		r->err = xfmt("cannot read IR blob: %s at offset %zu", what,
			      (size_t)(r->p - r->base));
	return false;
}

static size_t r_left(const struct reader *r)
{
	return (size_t)(r->end - r->p);
}

/* A canonical LEB128 varint of at most 64 bits. */
static bool r_varint(struct reader *r, uint64_t *v)
{
	uint64_t x = 0;
	const unsigned char *start = r->p;
	for (unsigned shift = 0;; shift += 7) {
		if (r->p == r->end) {
			r->p = start;
			return r_fail(r, "truncated");
		}
		unsigned char c = *r->p++;
		if (shift == 63 && c > 1) {
			r->p = start;
			return r_fail(r, "integer too large");
		}
		x |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			if (c == 0 && shift) {
				r->p = start;
				return r_fail(r, "over-long integer");
			}
			break;
		}
	}
	*v = x;
	return true;
}

static bool r_uint(struct reader *r, unsigned *v)
{
	uint64_t x;
	if (!r_varint(r, &x))
		return false;
	if (x > UINT_MAX)
		return r_fail(r, "value out of range");
	*v = (unsigned)x;
	return true;
}

static bool r_int(struct reader *r, int *v)
{
	uint64_t x;
	if (!r_varint(r, &x))
		return false;
	long long s = unzigzag(x);
	if (s < INT_MIN || s > INT_MAX)
		return r_fail(r, "value out of range");
	*v = (int)s;
	return true;
}

static bool r_bool(struct reader *r, bool *v)
{
	uint64_t x;
	if (!r_varint(r, &x))
		return false;
	if (x > 1)
		return r_fail(r, "bad boolean");
	*v = x != 0;
	return true;
}

/* A count of items taking at least min bytes each, so at most what remains allows. */
static bool r_count(struct reader *r, unsigned *n, size_t min)
{
	if (!r_uint(r, n))
		return false;
	if (*n > r_left(r) / min)
		return r_fail(r, "count exceeds the data");
	return true;
}

static bool r_str(struct reader *r, const char **s)
{
	uint64_t x;
	if (!r_varint(r, &x))
		return false;
	if (x == 0) {
		*s = NULL;
		return true;
	}
	x--;
	if (x >= r->nstr)
		return r_fail(r, "string index out of range");
	if (!r->lazy && x > r->next_new)
		return r_fail(r, "string used out of order");
	if (x == r->next_new)
		r->next_new++;
	*s = r->strs[x];
	return true;
}

/* A string field that is present (its mask bit set): NULL is not canonical. */
static bool r_str_set(struct reader *r, const char **s)
{
	if (!r_str(r, s))
		return false;
	if (!*s)
		return r_fail(r, "empty optional field");
	return true;
}

static bool r_loc(struct reader *r, struct ir_loc *l)
{
	return r_str(r, &l->file) && r_uint(r, &l->line) && r_uint(r, &l->col);
}

static bool r_strings(struct reader *r)
{
	unsigned n;
	if (!r_count(r, &n, MIN_STRING))
		return false;
	r->nstr = n;
	r->strs = arena_alloc(r->a, (n ? n : 1) * sizeof(*r->strs));
	/* reject duplicates: the writer stores each distinct string once */
	size_t nslot = 16;
	while (nslot < (size_t)n * 2)
		nslot *= 2;
	unsigned *slot = xcalloc(nslot, sizeof(*slot));
	bool ok = true;
	for (unsigned i = 0; i < n && ok; i++) {
		uint64_t len;
		if (!r_varint(r, &len)) {
			ok = false;
			break;
		}
		if (len > r_left(r)) {
			ok = r_fail(r, "truncated string");
			break;
		}
		if (memchr(r->p, '\0', (size_t)len)) {
			ok = r_fail(r, "NUL inside a string");
			break;
		}
		r->strs[i] = arena_strndup(r->a, (const char *)r->p, (size_t)len);
		size_t j = (size_t)str_hash(r->strs[i]) & (nslot - 1);
		while (slot[j]) {
			if (strcmp(r->strs[slot[j] - 1], r->strs[i]) == 0) {
				ok = r_fail(r, "duplicate string");
				break;
			}
			j = (j + 1) & (nslot - 1);
		}
		slot[j] = i + 1;
		r->p += len;
	}
	free(slot);
	return ok;
}

/* One node without its kids; its kids array is allocated, all NULL. */
static bool r_node(struct reader *r, struct ir_node **out)
{
	uint64_t tag, mask, x;
	*out = NULL;
	if (!r_varint(r, &tag))
		return false;
	if (tag == 0)
		return true;
	if (tag - 1 > IR_UNKNOWN)
		return r_fail(r, "bad node kind");
	if (!r_varint(r, &mask))
		return false;
	if (mask & ~(uint64_t)NM_ALL)
		return r_fail(r, "bad node field mask");

	struct ir_node *n = arena_alloc(r->a, sizeof(*n));
	n->kind = (enum ir_kind)(tag - 1);
	n->ref_index = -1;
	if (!r_loc(r, &n->loc))
		return false;
	if (mask & NM_OP) {
		if (!r_varint(r, &x))
			return false;
		if (x == IR_OP_NONE || x > IR_OP_EXTENSION)
			return r_fail(r, "bad operator");
		n->op = (enum ir_op)x;
	}
	if (mask & NM_FLAGS) {
		if (!r_uint(r, &n->flags))
			return false;
		if (!n->flags)
			return r_fail(r, "empty optional field");
	}
	if (mask & NM_IVAL) {
		if (!r_varint(r, &x))
			return false;
		n->ival = unzigzag(x);
		if (!n->ival)
			return r_fail(r, "empty optional field");
	}
	if ((mask & NM_NAME) && !r_str_set(r, &n->name))
		return false;
	if ((mask & NM_TYPE) && !r_str_set(r, &n->type))
		return false;
	if ((mask & NM_LINK) && !r_str_set(r, &n->link))
		return false;
	if ((mask & NM_MACRO) && !r_str_set(r, &n->macro))
		return false;
	if (mask & NM_REF_KIND) {
		if (!r_varint(r, &x))
			return false;
		if (x == IR_REF_OTHER || x > IR_REF_ENUM)
			return r_fail(r, "bad reference kind");
		n->ref_kind = (enum ir_ref_kind)x;
	}
	if (mask & NM_REF_INDEX) {
		if (!r_int(r, &n->ref_index))
			return false;
		if (n->ref_index == -1)
			return r_fail(r, "empty optional field");
	}
	if (mask & NM_KIDS) {
		if (!r_count(r, &n->nkids, MIN_KID))
			return false;
		if (!n->nkids)
			return r_fail(r, "empty optional field");
		n->kids = arena_alloc(r->a, n->nkids * sizeof(*n->kids));
	}
	*out = n;
	return true;
}

static void r_push(struct reader *r, struct ir_node *n)
{
	if (r->nstk == r->capstk) {
		r->capstk = r->capstk ? r->capstk * 2 : 64;
		r->stk = xrealloc(r->stk, r->capstk * sizeof(*r->stk));
	}
	r->stk[r->nstk].n = n;
	r->stk[r->nstk].i = 0;
	r->nstk++;
}

/* A tree in pre-order, without recursion; deeper than IRSER_MAX_DEPTH is an error. */
static bool r_tree(struct reader *r, struct ir_node **root)
{
	if (!r_node(r, root))
		return false;
	r->nstk = 0;
	if (*root && (*root)->nkids)
		r_push(r, *root);
	while (r->nstk) {
		struct rframe *top = &r->stk[r->nstk - 1];
		if (top->i == top->n->nkids) {
			r->nstk--;
			continue;
		}
		if (r->nstk + 1 > IRSER_MAX_DEPTH)
			return r_fail(r, "tree too deep");
		struct ir_node **slot = &top->n->kids[top->i++];
		if (!r_node(r, slot))
			return false;
		if (*slot && (*slot)->nkids)
			r_push(r, *slot);
	}
	return true;
}

/* What a lazily read TU keeps to decode its bodies later (in its arena). */
struct ir_lazy_tu {
	const unsigned char *base; /* the blob, which must outlive the TU */
	char **strs;
	size_t nstr;
	struct arena *a;
};

struct ir_lazy_body {
	const struct ir_lazy_tu *tu;
	size_t off, len; /* the encoded tree, from base */
};

static bool r_summary(struct reader *r, struct ir_func *f)
{
	struct ir_fsum *s = arena_alloc(r->a, sizeof(*s));
	const char *hash;
	if (!r_str(r, &hash) || !r_uint(r, &s->flags) || !r_count(r, &s->ncalls, 2))
		return false;
	if (!hash || strlen(hash) != SUMMARY_HASH_HEX - 1)
		return r_fail(r, "bad function hash");
	memcpy(s->hash, hash, SUMMARY_HASH_HEX);
	if (s->flags & ~(unsigned)SUM_ALL)
		return r_fail(r, "bad summary flags");
	if (s->ncalls)
		s->calls = arena_alloc(r->a, s->ncalls * sizeof(*s->calls));
	for (unsigned i = 0; i < s->ncalls; i++)
		if (!r_str_set(r, &s->calls[i].link) || !r_bool(r, &s->calls[i].api))
			return false;
	if (!r_count(r, &s->nqueues, 2))
		return false;
	if (s->nqueues)
		s->queues = arena_alloc(r->a, s->nqueues * sizeof(*s->queues));
	for (unsigned i = 0; i < s->nqueues; i++) {
		struct sum_queue *q = &s->queues[i];
		if (!r_uint(r, &q->kind) || !r_count(r, &q->nlinks, MIN_STRING))
			return false;
		if (q->nlinks > SUMMARY_MAX_LINKS)
			return r_fail(r, "too many routine links");
		q->links = arena_alloc(r->a, (q->nlinks ? q->nlinks : 1) * sizeof(*q->links));
		for (unsigned k = 0; k < q->nlinks; k++)
			if (!r_str_set(r, &q->links[k]))
				return false;
	}
	f->sum = s;
	return true;
}

/* The length-prefixed body: decoded now, or (lazy) stepped over and kept for later. */
static bool r_body(struct reader *r, struct ir_func *f)
{
	uint64_t len;
	if (!r_varint(r, &len))
		return false;
	if (len == 0 || len > r_left(r))
		return r_fail(r, "bad body length");
	if (r->lazy) {
		struct ir_lazy_body *lb = arena_alloc(r->a, sizeof(*lb));
		lb->tu = r->ltu;
		lb->off = (size_t)(r->p - r->base);
		lb->len = (size_t)len;
		f->lazy = lb;
		r->p += len;
		return true;
	}
	const unsigned char *end = r->p + len;
	if (!r_tree(r, &f->body))
		return false;
	if (r->p != end)
		return r_fail(r, "body length mismatch");
	return true;
}

static bool r_func(struct reader *r, struct ir_func *f)
{
	unsigned flags;
	if (!r_str(r, &f->name) || !r_str(r, &f->link) || !r_uint(r, &flags))
		return false;
	if (flags & ~(unsigned)FF_ALL)
		return r_fail(r, "bad function flags");
	f->is_static = flags & FF_STATIC;
	f->body_has_errors = flags & FF_BODY_ERRORS;
	f->is_noreturn = flags & FF_NORETURN;
	if (!r_loc(r, &f->loc) || !r_loc(r, &f->end_loc) || !r_str(r, &f->ret_type) ||
	    !r_count(r, &f->nparams, MIN_PARAM))
		return false;
	if (f->nparams)
		f->params = arena_alloc(r->a, f->nparams * sizeof(*f->params));
	for (unsigned i = 0; i < f->nparams; i++)
		if (!r_str(r, &f->params[i].name) || !r_str(r, &f->params[i].type))
			return false;
	if (!r_uint(r, &f->nlocals))
		return false;
	if ((flags & FF_SUMMARY) && !r_summary(r, f))
		return false;
	return r_body(r, f);
}

static bool r_table(struct reader *r, struct ir_reg_table *t)
{
	if (!r_str(r, &t->name) || !r_loc(r, &t->loc) || !r_bool(r, &t->has_terminator) ||
	    !r_count(r, &t->nentries, MIN_ENTRY))
		return false;
	if (t->nentries)
		t->entries = arena_alloc(r->a, t->nentries * sizeof(*t->entries));
	for (unsigned i = 0; i < t->nentries; i++) {
		struct ir_reg_entry *e = &t->entries[i];
		uint64_t flags;
		if (!r_loc(r, &e->loc) || !r_int(r, &e->major) || !r_str(r, &e->major_name) ||
		    !r_varint(r, &flags) || !r_bool(r, &e->flags_known) || !r_str(r, &e->pre) ||
		    !r_str(r, &e->post))
			return false;
		e->flags = flags;
	}
	return true;
}

static bool r_tu(struct reader *r, struct ir_tu *tu)
{
	if (!r_strings(r) || !r_str(r, &tu->path) || !r_bool(r, &tu->parsed) ||
	    !r_str(r, &tu->fail_reason) || !r_uint(r, &tu->nerrors) ||
	    !r_count(r, &tu->ndiags, MIN_DIAG))
		return false;
	if (tu->ndiags)
		tu->diags = arena_alloc(r->a, tu->ndiags * sizeof(*tu->diags));
	for (unsigned i = 0; i < tu->ndiags; i++) {
		struct ir_diag *d = &tu->diags[i];
		uint64_t sev;
		if (!r_loc(r, &d->loc) || !r_varint(r, &sev))
			return false;
		if (sev > IR_DIAG_FATAL)
			return r_fail(r, "bad diagnostic severity");
		d->severity = (enum ir_diag_severity)sev;
		if (!r_str(r, &d->text))
			return false;
	}
	if (!r_count(r, &tu->nfuncs, MIN_FUNC))
		return false;
	if (tu->nfuncs)
		tu->funcs = arena_alloc(r->a, tu->nfuncs * sizeof(*tu->funcs));
	for (unsigned i = 0; i < tu->nfuncs; i++) {
		tu->funcs[i] = arena_alloc(r->a, sizeof(*tu->funcs[i]));
		if (!r_func(r, tu->funcs[i]))
			return false;
	}
	if (!r_count(r, &tu->ntables, MIN_TABLE))
		return false;
	if (tu->ntables)
		tu->tables = arena_alloc(r->a, tu->ntables * sizeof(*tu->tables));
	for (unsigned i = 0; i < tu->ntables; i++) {
		tu->tables[i] = arena_alloc(r->a, sizeof(*tu->tables[i]));
		if (!r_table(r, tu->tables[i]))
			return false;
	}
	if (r->p != r->end)
		return r_fail(r, "trailing bytes");
	if (!r->lazy && r->next_new != r->nstr)
		return r_fail(r, "unused strings");
	return true;
}

static uint64_t get_le(const unsigned char *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* The header: NULL when it is fine, else the message (heap). */
static char *check_header(const unsigned char *buf, size_t len)
{
	size_t m = len < sizeof(irser_magic) ? len : sizeof(irser_magic);
	if (memcmp(buf, irser_magic, m) != 0)
		return xstrdup("cannot read IR blob: not an fltcheck IR blob");
	if (len < IRSER_HEADER_SIZE)
		return xfmt("cannot read IR blob: truncated header (%zu of %d bytes)", len,
			    IRSER_HEADER_SIZE);
	unsigned version = (unsigned)get_le(buf + 6, 2);
	if (version != IRSER_VERSION)
		return xfmt("cannot read IR blob: version %u, expected %d", version, IRSER_VERSION);
	uint64_t plen = get_le(buf + 8, 8);
	if (plen != len - IRSER_HEADER_SIZE)
		return xfmt("cannot read IR blob: %s (%zu payload bytes, header says %llu)",
			    plen > len - IRSER_HEADER_SIZE ? "truncated" : "trailing bytes",
			    len - IRSER_HEADER_SIZE, (unsigned long long)plen);
	if (irser_checksum(buf + IRSER_HEADER_SIZE, (size_t)plen) != get_le(buf + 16, 8))
		return xstrdup("cannot read IR blob: checksum mismatch");
	return NULL;
}

static struct ir_tu *read_tu(const unsigned char *buf, size_t len, char **err, bool lazy)
{
	if (err)
		*err = NULL;
	char *msg;
	if (!buf)
		msg = xstrdup("cannot read IR blob: no data");
	else
		msg = check_header(buf, len);
	if (msg) {
		if (err)
			*err = msg;
		else
			free(msg);
		return NULL;
	}

	struct ir_tu *tu = xcalloc(1, sizeof(*tu));
	arena_init(&tu->arena);
	struct reader r = { 0 };
	r.base = buf;
	r.p = buf + IRSER_HEADER_SIZE;
	r.end = buf + len;
	r.a = &tu->arena;
	r.lazy = lazy;
	if (lazy) {
		r.ltu = arena_alloc(r.a, sizeof(*r.ltu));
		r.ltu->base = buf;
		r.ltu->a = r.a;
	}
	bool ok = r_tu(&r, tu);
	if (ok && lazy) {
		r.ltu->strs = r.strs;
		r.ltu->nstr = r.nstr;
	}
	free(r.stk);
	if (!ok) {
		arena_release(&tu->arena);
		free(tu);
		if (err)
			*err = r.err;
		else
			free(r.err);
		return NULL;
	}
	return tu;
}

struct ir_tu *irser_read(const unsigned char *buf, size_t len, char **err)
{
	return read_tu(buf, len, err, false);
}

struct ir_tu *irser_read_lazy(const unsigned char *buf, size_t len, char **err)
{
	return read_tu(buf, len, err, true);
}

static unsigned lazy_failures;

unsigned irser_lazy_failures(void)
{
	return __atomic_load_n(&lazy_failures, __ATOMIC_RELAXED);
}

const struct ir_node *ir_func_body(const struct ir_func *cf)
{
	struct ir_func *f = (struct ir_func *)cf;
	if (!f->lazy)
		return f->body;
	const struct ir_lazy_body *lb = f->lazy;
	f->lazy = NULL;
	struct reader r = { 0 };
	r.base = lb->tu->base;
	r.p = lb->tu->base + lb->off;
	r.end = r.p + lb->len;
	r.a = lb->tu->a;
	r.strs = lb->tu->strs;
	r.nstr = lb->tu->nstr;
	r.lazy = true;
	struct ir_node *body = NULL;
	if (r_tree(&r, &body) && r.p == r.end) {
		f->body = body;
	} else {
		/* the blob passed its checksum, so this is a bug or a forged blob */
		fprintf(stderr,
			"fltcheck: error: the cached body of '%s' cannot be read (%s); "
			"it is treated as unparsed: run with --no-cache\n",
			f->name ? f->name : "?", r.err ? r.err : "length mismatch");
		f->body = NULL;
		f->body_has_errors = true;
		__atomic_add_fetch(&lazy_failures, 1, __ATOMIC_RELAXED);
	}
	free(r.err);
	free(r.stk);
	return f->body;
}
