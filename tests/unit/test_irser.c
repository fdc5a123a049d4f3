/*
 * Unit tests for the IR encoding (irser.c). Real corpus sources are parsed
 * and round-tripped: write, read, write again must give the same bytes, and
 * the original and the rebuilt TU must be equal field by field and dump the
 * same. Hand-built TUs cover the corners (empty, not parsed, NULL kids, the
 * depth limit), and damaged blobs (every truncation, random byte flips with
 * and without a repaired checksum, another version, trailing bytes) must be
 * refused with a message, never crash. A blob whose checksum was repaired
 * after a flip may still decode; then it must re-encode to the same bytes,
 * since the reader accepts only canonical input.
 */
#define _GNU_SOURCE
#include "unit.h"

#include "arena.h"
#include "ast.h"
#include "irdump.h"
#include "irser.h"
#include "summary.h"

#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FLTCHECK_MODEL_DIR
#	define FLTCHECK_MODEL_DIR "analyzer/wdk"
#endif
#define CORPUS_DIR FLTCHECK_MODEL_DIR "/../../corpus"

/* ---- helpers ----------------------------------------------------------------------- */

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool loc_eq(struct ir_loc a, struct ir_loc b)
{
	return str_eq(a.file, b.file) && a.line == b.line && a.col == b.col;
}

static bool node_fields_eq(const struct ir_node *a, const struct ir_node *b)
{
	return a->kind == b->kind && a->op == b->op && loc_eq(a->loc, b->loc) &&
	       a->nkids == b->nkids && a->flags == b->flags && a->ival == b->ival &&
	       str_eq(a->name, b->name) && str_eq(a->type, b->type) && str_eq(a->link, b->link) &&
	       str_eq(a->macro, b->macro) && a->ref_kind == b->ref_kind &&
	       a->ref_index == b->ref_index;
}

/* Two trees equal in every field, compared without recursion (they may be deep). */
static bool tree_eq(const struct ir_node *a, const struct ir_node *b)
{
	struct pair {
		const struct ir_node *a, *b;
	};
	struct pair *stk = NULL;
	size_t n = 0, cap = 0;
	bool eq = true;
	for (;;) {
		if (!a || !b) {
			eq = a == b;
		} else if (!node_fields_eq(a, b)) {
			eq = false;
		} else {
			for (unsigned i = 0; i < a->nkids; i++) {
				if (n == cap) {
					cap = cap ? cap * 2 : 64;
					stk = xrealloc(stk, cap * sizeof(*stk));
				}
				stk[n].a = a->kids[i];
				stk[n].b = b->kids[i];
				n++;
			}
		}
		if (!eq || !n)
			break;
		n--;
		a = stk[n].a;
		b = stk[n].b;
	}
	free(stk);
	return eq;
}

static bool tu_eq(const struct ir_tu *a, const struct ir_tu *b)
{
	if (!str_eq(a->path, b->path) || a->parsed != b->parsed ||
	    !str_eq(a->fail_reason, b->fail_reason) || a->nfuncs != b->nfuncs ||
	    a->ntables != b->ntables || a->ndiags != b->ndiags || a->nerrors != b->nerrors)
		return false;
	for (unsigned i = 0; i < a->ndiags; i++)
		if (!loc_eq(a->diags[i].loc, b->diags[i].loc) ||
		    a->diags[i].severity != b->diags[i].severity ||
		    !str_eq(a->diags[i].text, b->diags[i].text))
			return false;
	for (unsigned i = 0; i < a->nfuncs; i++) {
		const struct ir_func *f = a->funcs[i], *g = b->funcs[i];
		if (!str_eq(f->name, g->name) || !str_eq(f->link, g->link) ||
		    f->is_static != g->is_static || !loc_eq(f->loc, g->loc) ||
		    !loc_eq(f->end_loc, g->end_loc) || !str_eq(f->ret_type, g->ret_type) ||
		    f->nparams != g->nparams || f->nlocals != g->nlocals ||
		    f->body_has_errors != g->body_has_errors || f->is_noreturn != g->is_noreturn)
			return false;
		for (unsigned j = 0; j < f->nparams; j++)
			if (!str_eq(f->params[j].name, g->params[j].name) ||
			    !str_eq(f->params[j].type, g->params[j].type))
				return false;
		if (!tree_eq(f->body, g->body))
			return false;
	}
	for (unsigned i = 0; i < a->ntables; i++) {
		const struct ir_reg_table *t = a->tables[i], *u = b->tables[i];
		if (!str_eq(t->name, u->name) || !loc_eq(t->loc, u->loc) ||
		    t->nentries != u->nentries || t->has_terminator != u->has_terminator)
			return false;
		for (unsigned j = 0; j < t->nentries; j++) {
			const struct ir_reg_entry *e = &t->entries[j], *f = &u->entries[j];
			if (!loc_eq(e->loc, f->loc) || e->major != f->major ||
			    !str_eq(e->major_name, f->major_name) || e->flags != f->flags ||
			    e->flags_known != f->flags_known || !str_eq(e->pre, f->pre) ||
			    !str_eq(e->post, f->post))
				return false;
		}
	}
	return true;
}

/* The IR dump as a heap string; the caller frees it. */
static char *dump(const struct ir_tu *tu)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	if (!f)
		abort();
	ir_dump_tu(f, tu);
	fclose(f);
	return s;
}

/* Rewrites the header's length and checksum to fit the payload of buf[0..len). */
static void fix_header(unsigned char *buf, size_t len)
{
	uint64_t plen = len - IRSER_HEADER_SIZE;
	uint64_t sum = irser_checksum(buf + IRSER_HEADER_SIZE, len - IRSER_HEADER_SIZE);
	for (unsigned i = 0; i < 8; i++) {
		buf[8 + i] = (unsigned char)(plen >> (8 * i));
		buf[16 + i] = (unsigned char)(sum >> (8 * i));
	}
}

static bool has_prefix(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Reading buf must fail with a message. Returns whether it did. */
static bool refused(const unsigned char *buf, size_t len)
{
	char *err = NULL;
	struct ir_tu *tu = irser_read(buf, len, &err);
	bool ok = !tu && has_prefix(err, "cannot read IR blob: ");
	if (tu)
		ast_tu_free(tu);
	free(err);
	return ok;
}

/* Reading buf either fails with a message or succeeds and re-encodes to buf itself. */
static bool refused_or_canonical(const unsigned char *buf, size_t len)
{
	char *err = NULL;
	struct ir_tu *tu = irser_read(buf, len, &err);
	if (!tu) {
		bool ok = has_prefix(err, "cannot read IR blob: ");
		free(err);
		return ok;
	}
	unsigned char *again;
	size_t n;
	bool ok = irser_write(tu, &again, &n) == 0 && n == len && memcmp(again, buf, n) == 0;
	free(again);
	ast_tu_free(tu);
	return ok;
}

/*
 * Writes tu, reads it back, writes that again: the blobs must be identical,
 * the TUs equal and their dumps the same. Returns the blob (caller frees)
 * or NULL after recording a failure.
 */
static unsigned char *round_trip(const struct ir_tu *tu, size_t *len, bool check_dump)
{
	unsigned char *b1 = NULL, *b2 = NULL;
	size_t n1 = 0, n2 = 0;
	if (!CHECK(irser_write(tu, &b1, &n1) == 0))
		return NULL;
	char *err = NULL;
	struct ir_tu *back = irser_read(b1, n1, &err);
	if (!CHECK(back)) {
		fprintf(stderr, "  %s: %s\n", tu->path ? tu->path : "(null)", err);
		free(err);
		free(b1);
		return NULL;
	}
	CHECK(err == NULL);
	CHECK(tu_eq(tu, back));
	if (CHECK(irser_write(back, &b2, &n2) == 0)) {
		CHECK_EQ_INT(n2, n1);
		CHECK(n1 == n2 && memcmp(b1, b2, n1) == 0);
	}
	if (check_dump) {
		char *d1 = dump(tu), *d2 = dump(back);
		CHECK_EQ_STR(d2, d1);
		free(d1);
		free(d2);
	}
	free(b2);
	ast_tu_free(back);
	*len = n1;
	return b1;
}

static struct ir_tu *tu_new(void)
{
	struct ir_tu *tu = xcalloc(1, sizeof(*tu));
	arena_init(&tu->arena);
	return tu;
}

static struct ir_node *node_new(struct ir_tu *tu, enum ir_kind k, unsigned nkids)
{
	struct ir_node *n = arena_alloc(&tu->arena, sizeof(*n));
	n->kind = k;
	n->ref_index = -1;
	n->loc.file = "t.c";
	n->loc.line = 1;
	n->loc.col = 1;
	n->nkids = nkids;
	if (nkids)
		n->kids = arena_alloc(&tu->arena, nkids * sizeof(*n->kids));
	return n;
}

static struct ir_func *func_add(struct ir_tu *tu, const char *name, struct ir_node *body)
{
	struct ir_func *f = arena_alloc(&tu->arena, sizeof(*f));
	f->name = name;
	f->link = name;
	f->loc.file = "t.c";
	f->loc.line = 1;
	f->end_loc = f->loc;
	f->ret_type = "void";
	f->body = body;
	tu->funcs = arena_alloc(&tu->arena, sizeof(*tu->funcs));
	tu->funcs[0] = f;
	tu->nfuncs = 1;
	return f;
}

/* A small TU touching every structure, with NULL kids and odd values. */
static struct ir_tu *small_tu(void)
{
	struct ir_tu *tu = tu_new();
	tu->path = "t.c";
	tu->parsed = true;
	tu->nerrors = 1;
	tu->ndiags = 1;
	tu->diags = arena_alloc(&tu->arena, sizeof(*tu->diags));
	tu->diags[0].loc = (struct ir_loc){ "t.h", 3, 9 };
	tu->diags[0].severity = IR_DIAG_ERROR;
	tu->diags[0].text = "unknown type name 'X'";

	struct ir_node *body = node_new(tu, IR_COMPOUND, 2);
	struct ir_node *iff = node_new(tu, IR_IF, 3); /* no else: kids[2] stays NULL */
	struct ir_node *cmp = node_new(tu, IR_BINOP, 2);
	cmp->op = IR_OP_NE;
	cmp->macro = "NT_SUCCESS";
	cmp->flags = IR_F_CONST | IR_F_INVALID;
	cmp->ival = -1234567890123ll;
	cmp->kids[0] = node_new(tu, IR_DECLREF, 0);
	cmp->kids[0]->name = "Status";
	cmp->kids[0]->ref_kind = IR_REF_LOCAL;
	cmp->kids[0]->ref_index = 0;
	cmp->kids[0]->type = "NTSTATUS";
	cmp->kids[1] = node_new(tu, IR_INT, 0);
	cmp->kids[1]->ival = (long long)(~0ull >> 1);
	iff->kids[0] = cmp;
	iff->kids[1] = node_new(tu, IR_RETURN, 1);
	body->kids[0] = iff;
	struct ir_node *call = node_new(tu, IR_CALL, 2);
	call->name = "FltCompletePendedPreOperation";
	call->link = "FltCompletePendedPreOperation";
	call->flags = IR_F_NORETURN;
	call->loc.line = 4000000000u;
	call->kids[0] = node_new(tu, IR_DECLREF, 0);
	call->kids[0]->ref_kind = IR_REF_FUNCTION;
	call->kids[0]->ref_index = -2;
	call->kids[0]->name = "";
	body->kids[1] = call;

	struct ir_func *f = func_add(tu, "Pre", body);
	f->is_static = true;
	f->is_noreturn = true;
	f->link = "t.c:Pre";
	f->nlocals = 1;
	f->nparams = 2;
	f->params = arena_alloc(&tu->arena, 2 * sizeof(*f->params));
	f->params[0] = (struct ir_param){ "Data", "PFLT_CALLBACK_DATA" };
	f->params[1] = (struct ir_param){ "", "PVOID" };

	tu->ntables = 1;
	tu->tables = arena_alloc(&tu->arena, sizeof(*tu->tables));
	struct ir_reg_table *t = arena_alloc(&tu->arena, sizeof(*t));
	tu->tables[0] = t;
	t->name = "Callbacks";
	t->loc = (struct ir_loc){ "t.c", 20, 1 };
	t->has_terminator = true;
	t->nentries = 2;
	t->entries = arena_alloc(&tu->arena, 2 * sizeof(*t->entries));
	t->entries[0] = (struct ir_reg_entry){ { "t.c", 21, 5 }, 0,   "IRP_MJ_CREATE", 3, true,
					       "t.c:Pre",        NULL };
	t->entries[1] =
		(struct ir_reg_entry){ { NULL, 0, 0 }, -1, NULL, ~0ull, false, NULL, "Post" };
	return tu;
}

/* ---- cases ------------------------------------------------------------------------- */

static void test_irser__empty_tu(void)
{
	struct ir_tu *tu = tu_new();
	size_t n;
	unsigned char *b = round_trip(tu, &n, true);
	CHECK(b != NULL);
	free(b);
	tu->path = "";
	tu->parsed = true;
	b = round_trip(tu, &n, true);
	CHECK(b != NULL);
	free(b);
	ast_tu_free(tu);
}

static void test_irser__not_parsed(void)
{
	struct ir_tu *tu = tu_new();
	tu->path = "missing.c";
	tu->fail_reason = "cannot open 'missing.c': No such file or directory";
	size_t n;
	free(round_trip(tu, &n, true));
	ast_tu_free(tu);

	struct ast_options o = { 0 };
	o.model_dir = FLTCHECK_MODEL_DIR;
	tu = ast_parse("/nonexistent/irser/x.c", &o);
	CHECK(!tu->parsed && tu->fail_reason);
	free(round_trip(tu, &n, true));
	ast_tu_free(tu);
}

static void test_irser__small_tu(void)
{
	struct ir_tu *tu = small_tu();
	size_t n;
	unsigned char *b = round_trip(tu, &n, true);
	if (b) {
		struct ir_tu *back = irser_read(b, n, NULL);
		if (CHECK(back)) {
			const struct ir_node *iff = back->funcs[0]->body->kids[0];
			CHECK_EQ_INT(iff->nkids, 3);
			CHECK(iff->kids[2] == NULL);
			CHECK(iff->kids[1]->kids[0] == NULL);
			CHECK_EQ_STR(back->tables[0]->entries[1].post, "Post");
			CHECK(back->tables[0]->entries[1].loc.file == NULL);
			ast_tu_free(back);
		}
	}
	/* deterministic: the same IR gives the same bytes */
	unsigned char *b2;
	size_t n2;
	if (CHECK(irser_write(tu, &b2, &n2) == 0)) {
		CHECK(b && n2 == n && memcmp(b, b2, n) == 0);
		free(b2);
	}
	free(b);
	ast_tu_free(tu);
}

static void test_irser__bad_ir_not_written(void)
{
	struct ir_tu *tu = small_tu();
	unsigned char *b = (unsigned char *)"x";
	size_t n = 1;
	tu->funcs[0]->body->kids[1]->kind = (enum ir_kind)(IR_UNKNOWN + 1);
	CHECK(irser_write(tu, &b, &n) == -1);
	CHECK(b == NULL && n == 0);
	tu->funcs[0]->body->kids[1]->kind = IR_CALL;
	tu->funcs[0] = NULL;
	CHECK(irser_write(tu, &b, &n) == -1);
	ast_tu_free(tu);
}

static void test_irser__truncations(void)
{
	struct ir_tu *tu = small_tu();
	unsigned char *b;
	size_t n;
	if (!CHECK(irser_write(tu, &b, &n) == 0)) {
		ast_tu_free(tu);
		return;
	}
	unsigned bad = 0, bad_fixed = 0;
	for (size_t k = 0; k < n; k++) {
		/* an exact-size copy, so that ASan sees any read past the end */
		unsigned char *p = xmalloc(k ? k : 1);
		memcpy(p, b, k);
		if (!refused(p, k))
			bad++;
		if (k >= IRSER_HEADER_SIZE) {
			/* a truncated payload under a valid header reaches the decoder */
			fix_header(p, k);
			if (!refused(p, k))
				bad_fixed++;
		}
		free(p);
	}
	CHECK_EQ_INT(bad, 0);
	CHECK_EQ_INT(bad_fixed, 0);
	CHECK(refused(NULL, 0));
	CHECK(refused(NULL, 10));
	free(b);
	ast_tu_free(tu);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void flip_blob(const unsigned char *b, size_t n, unsigned rounds)
{
	unsigned char *p = xmalloc(n);
	unsigned bad = 0, bad_fixed = 0;
	for (unsigned i = 0; i < rounds; i++) {
		memcpy(p, b, n);
		unsigned nflips = 1 + (unsigned)(rng() % 3);
		for (unsigned j = 0; j < nflips; j++) {
			size_t at = (size_t)(rng() % n);
			unsigned char x = (unsigned char)(rng() % 255 + 1);
			p[at] ^= x;
		}
		if (!refused(p, n))
			bad++;
		/* repair the checksum (and length) so the decoder sees the damage */
		fix_header(p, n);
		if (!refused_or_canonical(p, n))
			bad_fixed++;
	}
	CHECK_EQ_INT(bad, 0);
	CHECK_EQ_INT(bad_fixed, 0);
	free(p);
}

static void test_irser__flips(void)
{
	struct ir_tu *tu = small_tu();
	unsigned char *b;
	size_t n;
	if (CHECK(irser_write(tu, &b, &n) == 0)) {
		flip_blob(b, n, 20000);
		/* every single byte of the payload set to every value, checksum repaired */
		unsigned char *p = xmalloc(n);
		unsigned bad = 0;
		for (size_t at = IRSER_HEADER_SIZE; at < n; at++) {
			for (unsigned v = 0; v < 256; v++) {
				memcpy(p, b, n);
				p[at] = (unsigned char)v;
				fix_header(p, n);
				if (!refused_or_canonical(p, n))
					bad++;
			}
		}
		CHECK_EQ_INT(bad, 0);
		free(p);
		free(b);
	}
	ast_tu_free(tu);

	struct ast_options o = { 0 };
	o.model_dir = FLTCHECK_MODEL_DIR;
	tu = ast_parse(CORPUS_DIR "/drivers/clean/queue.c", &o);
	if (CHECK(tu->parsed) && CHECK(irser_write(tu, &b, &n) == 0)) {
		flip_blob(b, n, 2000);
		free(b);
	}
	ast_tu_free(tu);
}

static void test_irser__header(void)
{
	struct ir_tu *tu = small_tu();
	unsigned char *b;
	size_t n;
	if (!CHECK(irser_write(tu, &b, &n) == 0)) {
		ast_tu_free(tu);
		return;
	}
	CHECK(memcmp(b, "FLTIR", 6) == 0);
	CHECK_EQ_INT(b[6] | b[7] << 8, IRSER_VERSION);

	char *err = NULL;
	b[6] = IRSER_VERSION + 1;
	CHECK(irser_read(b, n, &err) == NULL);
	CHECK(err && strstr(err, "version"));
	free(err);
	b[6] = 0;
	CHECK(refused(b, n));
	b[6] = IRSER_VERSION;

	b[0] = 'X';
	CHECK(irser_read(b, n, &err) == NULL);
	CHECK(err && strstr(err, "not an fltcheck IR blob"));
	free(err);
	b[0] = 'F';

	b[n - 1] ^= 1;
	CHECK(irser_read(b, n, &err) == NULL);
	CHECK(err && strstr(err, "checksum"));
	free(err);
	b[n - 1] ^= 1;

	/* a trailing byte, with or without a header that admits it */
	unsigned char *p = xmalloc(n + 1);
	memcpy(p, b, n);
	p[n] = 0;
	CHECK(refused(p, n + 1));
	fix_header(p, n + 1);
	CHECK(irser_read(p, n + 1, &err) == NULL);
	CHECK(err && strstr(err, "trailing bytes"));
	free(err);
	free(p);

	struct ir_tu *back = irser_read(b, n, &err);
	CHECK(back && !err);
	ast_tu_free(back);
	free(b);
	ast_tu_free(tu);
}

/* A chain of unary nodes depth deep, as a function body. */
static struct ir_tu *chain_tu(unsigned depth)
{
	struct ir_tu *tu = tu_new();
	tu->path = "deep.c";
	tu->parsed = true;
	struct ir_node *root = node_new(tu, IR_COMPOUND, 1), *n = root;
	for (unsigned i = 1; i < depth; i++) {
		struct ir_node *k = node_new(tu, IR_UNOP, i + 1 < depth ? 1 : 0);
		k->op = IR_OP_MINUS;
		k->loc.line = i;
		n->kids[0] = k;
		n = k;
	}
	func_add(tu, "deep", root);
	return tu;
}

static void varint(unsigned char **p, uint64_t v)
{
	do {
		unsigned char c = v & 0x7f;
		v >>= 7;
		*(*p)++ = c | (v ? 0x80 : 0);
	} while (v);
}

static void test_irser__depth(void)
{
	struct ir_tu *tu = chain_tu(IRSER_MAX_DEPTH);
	size_t n;
	free(round_trip(tu, &n, false));
	ast_tu_free(tu);

	tu = chain_tu(IRSER_MAX_DEPTH + 1);
	unsigned char *b;
	CHECK(irser_write(tu, &b, &n) == -1);
	ast_tu_free(tu);

	/* hand-made blobs holding a chain one level too deep, and a million deep */
	unsigned depths[] = { IRSER_MAX_DEPTH, IRSER_MAX_DEPTH + 1, 1000000 };
	for (unsigned d = 0; d < 3; d++) {
		unsigned char *buf = xmalloc(IRSER_HEADER_SIZE + 64 + (size_t)depths[d] * 8);
		memset(buf, 0, IRSER_HEADER_SIZE);
		memcpy(buf, "FLTIR", 6);
		buf[6] = IRSER_VERSION;
		unsigned char *p = buf + IRSER_HEADER_SIZE;
		varint(&p, 0); /* no strings */
		varint(&p, 0); /* path */
		varint(&p, 1); /* parsed */
		varint(&p, 0); /* fail_reason */
		varint(&p, 0); /* nerrors */
		varint(&p, 0); /* ndiags */
		varint(&p, 1); /* nfuncs */
		for (unsigned i = 0; i < 12; i++)
			varint(&p, 0); /* name .. nlocals */
		/* the body, behind its length */
		unsigned char *body = xmalloc(64 + (size_t)depths[d] * 8), *q = body;
		for (unsigned i = 0; i < depths[d]; i++) {
			bool last = i + 1 == depths[d];
			varint(&q, IR_UNOP + 1);
			varint(&q, last ? 0 : 1u << 9); /* kids */
			varint(&q, 0);
			varint(&q, 0);
			varint(&q, 0);
			if (!last)
				varint(&q, 1);
		}
		varint(&p, (uint64_t)(q - body));
		memcpy(p, body, (size_t)(q - body));
		p += q - body;
		free(body);
		varint(&p, 0); /* ntables */
		size_t len = (size_t)(p - buf);
		fix_header(buf, len);
		char *err = NULL;
		struct ir_tu *back = irser_read(buf, len, &err);
		if (depths[d] <= IRSER_MAX_DEPTH) {
			CHECK(back != NULL);
			if (!back)
				fprintf(stderr, "  %s\n", err);
		} else {
			CHECK(back == NULL);
			CHECK(err && strstr(err, "too deep"));
		}
		ast_tu_free(back);
		free(err);
		free(buf);
	}
}

static unsigned max_depth(const struct ir_node *root)
{
	struct frame {
		const struct ir_node *n;
		unsigned d;
	};
	struct frame *stk = NULL;
	size_t n = 0, cap = 0;
	unsigned best = 0;
	if (root) {
		stk = xmalloc(sizeof(*stk));
		cap = 1;
		stk[n++] = (struct frame){ root, 1 };
	}
	while (n) {
		struct frame f = stk[--n];
		if (f.d > best)
			best = f.d;
		for (unsigned i = 0; i < f.n->nkids; i++) {
			if (!f.n->kids[i])
				continue;
			if (n == cap) {
				cap *= 2;
				stk = xrealloc(stk, cap * sizeof(*stk));
			}
			stk[n++] = (struct frame){ f.n->kids[i], f.d + 1 };
		}
	}
	free(stk);
	return best;
}

/* The frontend's own depth limit leaves trees that the encoding accepts. */
static void test_irser__deep_source(void)
{
	char dir[] = "/tmp/fltcheck-irser.XXXXXX";
	if (!CHECK(mkdtemp(dir)))
		return;
	char path[64];
	snprintf(path, sizeof(path), "%s/deep.c", dir);
	FILE *f = fopen(path, "w");
	if (!CHECK(f))
		return;
	fputs("int deep(int x)\n{\n\treturn ", f);
	/* a left-deep chain: clang's bracket depth limit does not apply */
	fputs("x", f);
	for (int i = 0; i < 6000; i++)
		fputs(" + x", f);
	fputs(";\n}\n", f);
	fclose(f);

	struct ast_options o = { 0 };
	o.model_dir = FLTCHECK_MODEL_DIR;
	struct ir_tu *tu = ast_parse(path, &o);
	if (CHECK(tu->parsed) && CHECK(tu->nfuncs == 1)) {
		unsigned d = max_depth(tu->funcs[0]->body);
		CHECK(d > 4000);
		CHECK(d <= IRSER_MAX_DEPTH);
		printf("irser: deep source: depth %u\n", d);
		size_t n;
		free(round_trip(tu, &n, false));
	}
	ast_tu_free(tu);
	unlink(path);
	rmdir(dir);
}

/*
 * With summaries (summary.h): the blob reads back eagerly to the same bytes;
 * read lazily, every summary is there before any body is decoded, the bodies
 * decode to the same dump, and writing the lazy TU gives the same bytes.
 */
static void check_summaries_and_lazy(struct ir_tu *tu)
{
	summary_tu(tu);
	unsigned char *b = NULL, *b2 = NULL;
	size_t n = 0, n2 = 0;
	if (!CHECK(irser_write(tu, &b, &n) == 0))
		return;
	char *err = NULL;
	struct ir_tu *eager = irser_read(b, n, &err);
	if (CHECK(eager)) {
		if (CHECK(irser_write(eager, &b2, &n2) == 0))
			CHECK(n2 == n && memcmp(b, b2, n) == 0);
		free(b2);
		b2 = NULL;
		ast_tu_free(eager);
	} else {
		fprintf(stderr, "  %s\n", err);
		free(err);
	}
	struct ir_tu *lazy = irser_read_lazy(b, n, &err);
	if (!CHECK(lazy)) {
		fprintf(stderr, "  %s\n", err);
		free(err);
		free(b);
		return;
	}
	CHECK_EQ_INT(lazy->nfuncs, tu->nfuncs);
	for (unsigned i = 0; i < tu->nfuncs && i < lazy->nfuncs; i++) {
		const struct ir_func *f = tu->funcs[i], *g = lazy->funcs[i];
		CHECK(ir_func_has_body(g) == ir_func_has_body(f));
		CHECK(g->body == NULL); /* not decoded yet */
		if (!CHECK((f->sum != NULL) == (g->sum != NULL)) || !f->sum)
			continue;
		CHECK_EQ_STR(g->sum->hash, f->sum->hash);
		CHECK_EQ_INT(g->sum->flags, f->sum->flags);
		CHECK_EQ_INT(g->sum->ncalls, f->sum->ncalls);
		for (unsigned k = 0; k < f->sum->ncalls && k < g->sum->ncalls; k++) {
			CHECK_EQ_STR(g->sum->calls[k].link, f->sum->calls[k].link);
			CHECK(g->sum->calls[k].api == f->sum->calls[k].api);
		}
		CHECK_EQ_INT(g->sum->nqueues, f->sum->nqueues);
		/* a summary rebuilt from the decoded body is the same */
		struct arena a;
		arena_init(&a);
		const struct ir_fsum *again = summary_build(g, &a);
		CHECK_EQ_STR(again->hash, f->sum->hash);
		arena_release(&a);
	}
	char *d1 = dump(tu), *d2 = dump(lazy);
	CHECK_EQ_STR(d2, d1);
	free(d1);
	free(d2);
	if (CHECK(irser_write(lazy, &b2, &n2) == 0))
		CHECK(n2 == n && memcmp(b, b2, n) == 0);
	free(b2);
	ast_tu_free(lazy);
	free(b);
}

/*
 * A lazily read body that turns out to be damaged (behind a valid checksum):
 * the TU reads, the body decodes to NULL with body_has_errors set, and the
 * failure is counted; an eager read refuses the same blob.
 */
static void test_irser__lazy_damaged_body(void)
{
	struct ir_tu *tu = tu_new();
	tu->path = "t.c";
	tu->parsed = true;
	func_add(tu, "f", node_new(tu, IR_COMPOUND, 0));
	unsigned char *b = NULL;
	size_t n = 0;
	if (!CHECK(irser_write(tu, &b, &n) == 0)) {
		ast_tu_free(tu);
		return;
	}
	ast_tu_free(tu);
	/* ... body length 5, the node (tag, mask, file, line, col), ntables 0 */
	if (!CHECK(n > IRSER_HEADER_SIZE + 8 && b[n - 1] == 0 && b[n - 7] == 5)) {
		free(b);
		return;
	}
	b[n - 6] = 0x7f; /* no such node kind */
	fix_header(b, n);
	char *err = NULL;
	CHECK(irser_read(b, n, &err) == NULL);
	free(err);
	err = NULL;
	struct ir_tu *lazy = irser_read_lazy(b, n, &err);
	if (CHECK(lazy) && CHECK_EQ_INT(lazy->nfuncs, 1)) {
		unsigned before = irser_lazy_failures();
		CHECK(ir_func_has_body(lazy->funcs[0]));
		CHECK(ir_func_body(lazy->funcs[0]) == NULL);
		CHECK(lazy->funcs[0]->body_has_errors);
		CHECK_EQ_INT(irser_lazy_failures(), before + 1);
		CHECK(ir_func_body(lazy->funcs[0]) == NULL); /* reported once */
		CHECK_EQ_INT(irser_lazy_failures(), before + 1);
	}
	ast_tu_free(lazy);
	free(err);
	free(b);
}

static void test_irser__corpus(void)
{
	static const char *const patterns[] = {
		CORPUS_DIR "/drivers/*/*.c",
		CORPUS_DIR "/rules/*/*.cpp",
		CORPUS_DIR "/rules/*/bad_*.c",
	};
	glob_t g = { 0 };
	for (unsigned i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		glob(patterns[i], i ? GLOB_APPEND : 0, NULL, &g);
	CHECK(g.gl_pathc >= 20);

	struct ast_options o = { 0 };
	o.model_dir = FLTCHECK_MODEL_DIR;
	size_t total_blob = 0, total_dump = 0;
	unsigned nfuncs = 0, ntables = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct ir_tu *tu = ast_parse(g.gl_pathv[i], &o);
		if (!CHECK(tu->parsed)) {
			fprintf(stderr, "  %s: %s\n", g.gl_pathv[i], tu->fail_reason);
			ast_tu_free(tu);
			continue;
		}
		nfuncs += tu->nfuncs;
		ntables += tu->ntables;
		size_t n;
		unsigned char *b = round_trip(tu, &n, true);
		if (b) {
			char *d = dump(tu);
			total_blob += n;
			total_dump += strlen(d);
			free(d);
			/* a second parse of the same file encodes to the same bytes */
			if (i % 8 == 0) {
				struct ir_tu *again = ast_parse(g.gl_pathv[i], &o);
				unsigned char *b2;
				size_t n2;
				if (CHECK(irser_write(again, &b2, &n2) == 0)) {
					CHECK(n2 == n && memcmp(b, b2, n) == 0);
					free(b2);
				}
				ast_tu_free(again);
			}
		}
		free(b);
		check_summaries_and_lazy(tu);
		ast_tu_free(tu);
	}
	CHECK(nfuncs > 100);
	CHECK(ntables > 10);
	/* compact: well under the size of the (location-poor) dump */
	CHECK(total_blob * 2 < total_dump);
	printf("irser: %zu files, %u functions, blobs %zu bytes, dumps %zu bytes\n", g.gl_pathc,
	       nfuncs, total_blob, total_dump);
	globfree(&g);
}

void unit_main(void)
{
	UNIT_RUN(test_irser__empty_tu);
	UNIT_RUN(test_irser__not_parsed);
	UNIT_RUN(test_irser__small_tu);
	UNIT_RUN(test_irser__bad_ir_not_written);
	UNIT_RUN(test_irser__truncations);
	UNIT_RUN(test_irser__flips);
	UNIT_RUN(test_irser__header);
	UNIT_RUN(test_irser__depth);
	UNIT_RUN(test_irser__deep_source);
	UNIT_RUN(test_irser__lazy_damaged_body);
	UNIT_RUN(test_irser__corpus);
}
