/*
 * The frontend: the only file of fltcheck that includes clang-c headers. It
 * builds the compiler arguments a Windows kernel build would use (MSVC
 * target, kernel defines, WDK or bundled model headers as system headers),
 * parses one translation unit with libclang and converts what the rest of
 * the tool needs into the IR of ir.h: every function defined outside system
 * headers (one walk over each body), the FLT_OPERATION_REGISTRATION tables,
 * and the error diagnostics. Every CXString is copied into the TU's arena
 * (through a small intern table) and disposed at once; no cursor outlives
 * ast_parse.
 *
 * Shapes produced where ir.h leaves a choice:
 * - A DeclStmt directly inside a compound statement is flattened into one
 *   IR_DECL per declarator; elsewhere (for-init, a case or label body) it
 *   becomes one IR_DECL, or an IR_COMPOUND of them when it has several.
 *   Local `extern` declarations produce no node. A static local gets an
 *   IR_DECL with `link` set; references to it are IR_REF_GLOBAL with the link
 *   "<file>:<function>.<name>".
 * - A C++17 init statement or a condition variable of if/switch/while/for is
 *   emitted as IR_DECL (or statement) in an IR_COMPOUND that wraps the
 *   statement. libclang does not show a switch's init statement at all;
 *   references to its variable still get a local index.
 * - Case values are the values C gives them after conversion to the promoted
 *   type of the switch condition: with `switch (UCHAR)`, `case ((UCHAR)-1):`
 *   (how the WDK spells IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION) is 255,
 *   while a plain `case -1:` stays -1 and can never match. `case A ... B`
 *   becomes IR_UNKNOWN holding both bounds and the sub-statement.
 * - Integer constants are folded through casts, unary and binary operators
 *   (IR_F_CONST and ival on the folded node); literals and enum constants
 *   always carry IR_F_CONST.
 * - A C++ constructor call (CXXConstructExpr) is IR_UNKNOWN named after the
 *   class, with the arguments as kids; a member access through implicit
 *   `this` gets a synthesized IR_UNKNOWN "this" base. Constructor member
 *   initializer lists are not converted.
 * - IR_UNKNOWN nodes carry the libclang cursor kind spelling in `name`
 *   (a designated initializer `.Field = v` is IR_UNKNOWN named "Field").
 * - IR_CASE.name is the macro or enum constant the case value was written
 *   with ("IRP_MJ_CREATE"), else NULL.
 * - An overloaded C++ operator call gets its operator function as kids[0].
 * - Locations: the expansion location of the node's start (for a call, its
 *   callee; for return, the keyword); IR_DECL at the declaration's start; an
 *   implicit cast shares its operand's location and macro.
 * - node->macro is set on every node (statements too) that starts in a
 *   macro's expansion: the outermost macro expanded where the node's first
 *   token is written. Tokens passed as macro arguments count as written by
 *   the user: in `NT_SUCCESS(Status)` the >= and the cast have macro
 *   "NT_SUCCESS" but `Status` has none, and in `WRAP(TRUE)` the 1 has "TRUE".
 * - Function templates and members of class templates are not converted
 *   (their bodies are not even parsed, -fdelayed-template-parsing).
 * - Functions nested deeper than AST_MAX_DEPTH nodes get an IR_UNKNOWN
 *   "too deep" (invalid) in place of the rest, and body_has_errors.
 *
 * This file is built into the parser module libfltfront.so (with arena.c,
 * vfs.c and dirset.c), not into fltcore: frontend.c loads it on the first
 * parse, so that runs which parse nothing never load libclang. Its only
 * exported symbol is the table fltfront_api (see ast.h).
 */
#define _GNU_SOURCE
#include "ast.h"

#include <clang-c/Index.h>
#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#if defined(__has_include)
#	if __has_include("vfs.h")
#		include "vfs.h"
#		define AST_HAVE_VFS 1
#	endif
#endif

/* Nesting deeper than this becomes an invalid IR_UNKNOWN. The conversion
 * runs on its own thread with AST_STACK_SIZE bytes of stack: each level
 * costs ours and clang's frames (clang's getBeginLoc recurses down operand
 * chains), about 1.5 KB, or 6 KB under ASan. */
#define AST_MAX_DEPTH  5000
#define AST_STACK_SIZE ((size_t)64 << 20)

/* ---- small containers ------------------------------------------------------ */

/* String interning: one arena copy per distinct string. */
struct strtab {
	const char **v;
	unsigned cap, n;
};

static unsigned str_hash(const char *s, size_t n)
{
	unsigned h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static const char *intern_n(struct strtab *t, struct arena *a, const char *s, size_t n)
{
	if (t->n * 2 >= t->cap) {
		unsigned ncap = t->cap ? t->cap * 2 : 1024;
		const char **nv = xcalloc(ncap, sizeof(*nv));
		for (unsigned i = 0; i < t->cap; i++) {
			if (!t->v[i])
				continue;
			unsigned j = str_hash(t->v[i], strlen(t->v[i])) & (ncap - 1);
			while (nv[j])
				j = (j + 1) & (ncap - 1);
			nv[j] = t->v[i];
		}
		free(t->v);
		t->v = nv;
		t->cap = ncap;
	}
	unsigned j = str_hash(s, n) & (t->cap - 1);
	while (t->v[j]) {
		if (strncmp(t->v[j], s, n) == 0 && t->v[j][n] == '\0')
			return t->v[j];
		j = (j + 1) & (t->cap - 1);
	}
	t->v[j] = arena_strndup(a, s, n);
	t->n++;
	return t->v[j];
}

/* A map from declaration cursors to what we know about them. */
enum decl_kind { DK_LOCAL, DK_FUNC, DK_GLOBAL, DK_ENUM_TYPE };

struct cmap_ent {
	CXCursor key;
	unsigned hash;
	unsigned gen; /* the entry is in use when gen == the map's gen */
	bool param;   /* a DK_LOCAL entry that is a parameter */
	enum decl_kind kind;
	int index;
	bool noreturn;
	const char *name, *link;
};

struct cmap {
	struct cmap_ent *v;
	unsigned cap, n, gen;
};

static struct cmap_ent *cmap_find(struct cmap *m, CXCursor c, enum decl_kind kind, bool *created)
{
	if (!m->gen)
		m->gen = 1;
	if (m->n * 2 >= m->cap) {
		unsigned ncap = m->cap ? m->cap * 2 : 64;
		struct cmap_ent *nv = xcalloc(ncap, sizeof(*nv));
		for (unsigned i = 0; i < m->cap; i++) {
			if (m->v[i].gen != m->gen)
				continue;
			unsigned j = m->v[i].hash & (ncap - 1);
			while (nv[j].gen == m->gen)
				j = (j + 1) & (ncap - 1);
			nv[j] = m->v[i];
		}
		free(m->v);
		m->v = nv;
		m->cap = ncap;
	}
	unsigned h = clang_hashCursor(c) * 2654435761u + (unsigned)kind;
	unsigned j = h & (m->cap - 1);
	while (m->v[j].gen == m->gen) {
		if (m->v[j].hash == h && m->v[j].kind == kind &&
		    clang_equalCursors(m->v[j].key, c)) {
			*created = false;
			return &m->v[j];
		}
		j = (j + 1) & (m->cap - 1);
	}
	struct cmap_ent *e = &m->v[j];
	memset(e, 0, sizeof(*e));
	e->key = c;
	e->hash = h;
	e->gen = m->gen;
	e->kind = kind;
	m->n++;
	*created = true;
	return e;
}

/* Forgets every entry in O(1); generations wrap only after 4e9 clears. */
static void cmap_clear(struct cmap *m)
{
	m->n = 0;
	if (++m->gen == 0) {
		if (m->v)
			memset(m->v, 0, m->cap * sizeof(*m->v));
		m->gen = 1;
	}
}

static void cmap_free(struct cmap *m)
{
	free(m->v);
	m->v = NULL;
	m->cap = m->n = 0;
}

/* ---- conversion state -------------------------------------------------------- */

struct file_ent {
	CXFile file;
	const char *name;
	const char *buf; /* owned by the CXTranslationUnit */
	size_t len;
	bool buf_loaded;
};

struct err_pos {
	CXFile file;
	unsigned off;
};

/* Integer type facts for constant folding. */
struct ity {
	unsigned bits; /* 1 for bool */
	bool is_signed;
	bool ok;
};

struct type_ent {
	const void *key;
	enum CXTypeKind kind;
	const char *spelling;
	bool ity_done;
	struct ity ity;
};

struct tcache {
	struct type_ent *v;
	unsigned cap, n;
};

struct conv {
	CXTranslationUnit tu;
	struct tcache types;
	struct ir_tu *ir;
	struct arena *a;
	bool cpp;
	struct strtab strs;
	struct cmap decls;  /* per TU: functions, globals, enums */
	struct cmap locals; /* per function: locals and parameters */
	struct file_ent *files;
	unsigned nfiles, capfiles;
	struct err_pos *errs;
	unsigned nerrs;
	const char *kind_names[1024];

	/* scratch stacks */
	CXCursor *stk;
	unsigned nstk, capstk;
	struct ir_node **nst;
	unsigned nnst, capnst;

	/* per function */
	const char *fn_name;
	int nlocals;
	unsigned depth;
	bool fn_invalid;
	struct ity sw_type; /* promoted type of the innermost switch condition */
	/* where the cursor last converted by conv_any starts (a ParenExpr starts
	 * at its '(' although its node is the inner expression's) */
	struct ir_loc last_start;
	const char *last_macro;
	bool last_ok;

	struct ptrvec funcs, tables;
};

static const char *intern(struct conv *cv, const char *s)
{
	return s ? intern_n(&cv->strs, cv->a, s, strlen(s)) : NULL;
}

/* Copies a CXString into the arena (interned) and disposes of it. */
static const char *take(struct conv *cv, CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = intern(cv, c ? c : "");
	clang_disposeString(s);
	return r;
}

static struct file_ent *file_ent(struct conv *cv, CXFile f)
{
	for (unsigned i = 0; i < cv->nfiles; i++)
		if (cv->files[i].file == f)
			return &cv->files[i];
	if (cv->nfiles == cv->capfiles) {
		cv->capfiles = cv->capfiles ? cv->capfiles * 2 : 16;
		cv->files = xrealloc(cv->files, cv->capfiles * sizeof(*cv->files));
	}
	struct file_ent *e = &cv->files[cv->nfiles++];
	memset(e, 0, sizeof(*e));
	e->file = f;
	e->name = take(cv, clang_getFileName(f));
	return e;
}

static const char *file_name(struct conv *cv, CXFile f)
{
	return f ? file_ent(cv, f)->name : "";
}

static const char *file_buf(struct conv *cv, CXFile f, size_t *len)
{
	if (!f)
		return NULL;
	struct file_ent *e = file_ent(cv, f);
	if (!e->buf_loaded) {
		e->buf_loaded = true;
		e->buf = clang_getFileContents(cv->tu, f, &e->len);
	}
	*len = e->len;
	return e->buf;
}

static struct ir_loc make_loc(struct conv *cv, CXSourceLocation l)
{
	CXFile f;
	unsigned line, col;
	clang_getExpansionLocation(l, &f, &line, &col, NULL);
	struct ir_loc r = { file_name(cv, f), line, col };
	return r;
}

/*
 * The macro whose invocation is written where 'l' comes from, or NULL.
 * For a token of a macro's body that is the outermost macro expanded at the
 * node's position (NT_SUCCESS for the whole `NT_SUCCESS(x)` expression,
 * FLT_IS_IRP_OPERATION rather than the FlagOn inside it). A token passed as
 * a macro argument counts as written by the user: `x` in NT_SUCCESS(x) has
 * no macro, while TRUE in `WRAP(TRUE)` gives "TRUE".
 */
static const char *macro_at(struct conv *cv, CXSourceLocation l)
{
	/* libclang keeps the raw SourceLocation in int_data, whose top bit
	 * marks a macro location: file locations need no further look. */
	if (!(l.int_data & 0x80000000u))
		return NULL;
	CXFile ef, ff, sf;
	unsigned eoff, foff, soff;
	clang_getExpansionLocation(l, &ef, NULL, NULL, &eoff);
	/* the file location follows macro arguments back to where they are
	 * written, and other expansions to their invocation */
	clang_getFileLocation(l, &ff, NULL, NULL, &foff);
	if (ff != ef || foff != eoff) {
		clang_getSpellingLocation(l, &sf, NULL, NULL, &soff);
		if (sf == ff && soff == foff)
			return NULL; /* a plain token of a macro argument */
		ef = ff;
		eoff = foff;
	}
	size_t len;
	const char *buf = file_buf(cv, ef, &len);
	if (!buf || eoff >= len)
		return NULL;
	size_t e = eoff;
	while (e < len && (isalnum((unsigned char)buf[e]) || buf[e] == '_' || buf[e] == '$'))
		e++;
	if (e == eoff || isdigit((unsigned char)buf[eoff]))
		return NULL;
	return intern_n(&cv->strs, cv->a, buf + eoff, e - eoff);
}

static const char *kind_name(struct conv *cv, enum CXCursorKind k)
{
	if ((unsigned)k >= sizeof(cv->kind_names) / sizeof(cv->kind_names[0]))
		return take(cv, clang_getCursorKindSpelling(k));
	if (!cv->kind_names[k])
		cv->kind_names[k] = take(cv, clang_getCursorKindSpelling(k));
	return cv->kind_names[k];
}

/* Types are uniqued by clang, so the opaque pointer in data[0] identifies a
 * type with its sugar and qualifiers within one TU. */
static struct type_ent *type_ent(struct conv *cv, CXType t)
{
	struct tcache *m = &cv->types;
	if (m->n * 2 >= m->cap) {
		unsigned ncap = m->cap ? m->cap * 2 : 512;
		struct type_ent *nv = xcalloc(ncap, sizeof(*nv));
		for (unsigned i = 0; i < m->cap; i++) {
			if (!m->v[i].key)
				continue;
			unsigned j = (unsigned)(((uintptr_t)m->v[i].key >> 4) * 2654435761u) &
				     (ncap - 1);
			while (nv[j].key)
				j = (j + 1) & (ncap - 1);
			nv[j] = m->v[i];
		}
		free(m->v);
		m->v = nv;
		m->cap = ncap;
	}
	const void *key = t.data[0];
	unsigned j = (unsigned)(((uintptr_t)key >> 4) * 2654435761u) & (m->cap - 1);
	while (m->v[j].key) {
		if (m->v[j].key == key && m->v[j].kind == t.kind)
			return &m->v[j];
		j = (j + 1) & (m->cap - 1);
	}
	struct type_ent *e = &m->v[j];
	e->key = key ? key : (const void *)1;
	e->kind = t.kind;
	e->spelling = take(cv, clang_getTypeSpelling(t));
	m->n++;
	return e;
}

/* ---- children ---------------------------------------------------------------- */

static enum CXChildVisitResult collect_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct conv *cv = data;
	if (cv->nstk == cv->capstk) {
		cv->capstk = cv->capstk ? cv->capstk * 2 : 256;
		cv->stk = xrealloc(cv->stk, cv->capstk * sizeof(*cv->stk));
	}
	cv->stk[cv->nstk++] = c;
	return CXChildVisit_Continue;
}

/* Pushes the children of 'c' on the cursor stack; returns their count. Read
 * them as cv->stk[base + i] (the stack moves when it grows) and pop with
 * cv->nstk = base. */
static unsigned children(struct conv *cv, CXCursor c, unsigned *base)
{
	*base = cv->nstk;
	clang_visitChildren(c, collect_cb, cv);
	return cv->nstk - *base;
}

static bool is_code(enum CXCursorKind k)
{
	return clang_isExpression(k) || clang_isStatement(k) || k == CXCursor_VarDecl;
}

/* Keeps only code children (expressions, statements, variables) in place. */
static unsigned code_children(struct conv *cv, CXCursor c, unsigned *base)
{
	unsigned n = children(cv, c, base), m = 0;
	for (unsigned i = 0; i < n; i++) {
		CXCursor k = cv->stk[*base + i];
		if (is_code(clang_getCursorKind(k)))
			cv->stk[*base + m++] = k;
	}
	cv->nstk = *base + m;
	return m;
}

static void npush(struct conv *cv, struct ir_node *n)
{
	if (cv->nnst == cv->capnst) {
		cv->capnst = cv->capnst ? cv->capnst * 2 : 256;
		cv->nst = xrealloc(cv->nst, cv->capnst * sizeof(*cv->nst));
	}
	cv->nst[cv->nnst++] = n;
}

/* Moves the node stack above 'base' into n's kids. */
static void npop_kids(struct conv *cv, struct ir_node *n, unsigned base)
{
	n->nkids = cv->nnst - base;
	n->kids = arena_alloc(cv->a, (n->nkids ? n->nkids : 1) * sizeof(*n->kids));
	for (unsigned i = 0; i < n->nkids; i++) {
		n->kids[i] = cv->nst[base + i];
		if (n->kids[i] && (n->kids[i]->flags & IR_F_INVALID))
			n->flags |= IR_F_INVALID;
	}
	cv->nnst = base;
}

/* ---- nodes -------------------------------------------------------------------- */

/* A node without a location yet. */
static struct ir_node *node_blank(struct conv *cv, enum ir_kind k, unsigned nkids)
{
	struct ir_node *n = arena_alloc(cv->a, sizeof(*n));
	n->kind = k;
	n->ref_index = -1;
	if (nkids) {
		n->nkids = nkids;
		n->kids = arena_alloc(cv->a, nkids * sizeof(*n->kids));
	}
	return n;
}

static struct ir_node *node_at(struct conv *cv, enum ir_kind k, CXSourceLocation l, unsigned nkids)
{
	struct ir_node *n = node_blank(cv, k, nkids);
	n->loc = make_loc(cv, l);
	n->macro = macro_at(cv, l);
	return n;
}

/*
 * The start of a cursor. clang_getCursorLocation is the begin location for
 * statements and most expressions and is much cheaper than the extent
 * (which lexes the last token); member expressions and declarations report
 * their name there, so they use the extent.
 */
static CXSourceLocation cursor_start(struct conv *cv, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	/* in C++ a DeclRefExpr may start with a qualifier (ns::name) */
	if (k == CXCursor_MemberRefExpr || clang_isDeclaration(k) ||
	    (cv->cpp && k == CXCursor_DeclRefExpr))
		return clang_getRangeStart(clang_getCursorExtent(c));
	return clang_getCursorLocation(c);
}

static struct ir_node *node_new(struct conv *cv, enum ir_kind k, CXCursor c, unsigned nkids)
{
	return node_at(cv, k, cursor_start(cv, c), nkids);
}

/*
 * For nodes that start where their first operand starts (binary and
 * conditional operators, subscripts, implicit casts), called right after
 * converting that operand: asking clang would walk
 * down the whole operand chain again (getBeginLoc recurses), which is
 * quadratic on long `a + b + c ...` chains.
 */
static void loc_from_first_kid(struct conv *cv, struct ir_node *n, CXCursor c)
{
	if (cv->last_ok) {
		n->loc = cv->last_start;
		n->macro = cv->last_macro;
	} else {
		CXSourceLocation l = cursor_start(cv, c);
		n->loc = make_loc(cv, l);
		n->macro = macro_at(cv, l);
	}
}

static void set_kid(struct ir_node *n, unsigned i, struct ir_node *k)
{
	n->kids[i] = k;
	if (k && (k->flags & IR_F_INVALID))
		n->flags |= IR_F_INVALID;
}

/* Sets node->type from the cursor's type; flags dependent types (which in
 * non-template code only come from error recovery) as invalid. */
static CXType set_type(struct conv *cv, struct ir_node *n, CXCursor c)
{
	CXType t = clang_getCursorType(c);
	if (t.kind == CXType_Dependent) {
		n->flags |= IR_F_INVALID;
		n->type = NULL;
		return t;
	}
	if (t.kind != CXType_Invalid)
		n->type = type_ent(cv, t)->spelling;
	return t;
}

/* ---- integer constants -------------------------------------------------------- */

static struct ity int_type_raw(CXType t)
{
	struct ity r = { 0, false, false };
	CXType c = clang_getCanonicalType(t);
	switch (c.kind) {
	case CXType_Bool:
		r.bits = 1;
		r.ok = true;
		return r;
	case CXType_Enum: {
		CXType u = clang_getEnumDeclIntegerType(clang_getTypeDeclaration(c));
		if (u.kind == CXType_Enum || u.kind == CXType_Invalid)
			return r;
		return int_type_raw(u);
	}
	case CXType_Char_S:
	case CXType_SChar:
	case CXType_Short:
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
		r.is_signed = true;
		break;
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_UShort:
	case CXType_UInt:
	case CXType_ULong:
	case CXType_ULongLong:
	case CXType_WChar:
	case CXType_Char16:
	case CXType_Char32:
	case CXType_Pointer:
		break;
	default:
		return r;
	}
	long long size = clang_Type_getSizeOf(c);
	if (size <= 0 || size > 8)
		return r;
	r.bits = (unsigned)size * 8;
	r.ok = true;
	return r;
}

static struct ity int_type(struct conv *cv, CXType t)
{
	if (t.kind == CXType_Invalid || t.kind == CXType_Dependent)
		return int_type_raw(t);
	struct type_ent *e = type_ent(cv, t);
	if (!e->ity_done) {
		e->ity = int_type_raw(t);
		e->ity_done = true;
	}
	return e->ity;
}

static long long int_convert(unsigned long long v, struct ity t)
{
	if (t.bits == 1)
		return v != 0;
	if (t.bits >= 64)
		return (long long)v;
	unsigned long long mask = (1ULL << t.bits) - 1;
	v &= mask;
	if (t.is_signed && ((v >> (t.bits - 1)) & 1))
		v |= ~mask;
	return (long long)v;
}

/* clang_Cursor_Evaluate for integer expressions that contain no errors. */
static bool eval_int(CXCursor c, long long *out)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	if (!r)
		return false;
	bool ok = false;
	if (clang_EvalResult_getKind(r) == CXEval_Int) {
		if (clang_EvalResult_isUnsignedInt(r))
			*out = (long long)clang_EvalResult_getAsUnsigned(r);
		else
			*out = clang_EvalResult_getAsLongLong(r);
		ok = true;
	}
	clang_EvalResult_dispose(r);
	return ok;
}

static bool is_const(const struct ir_node *n)
{
	return n && (n->flags & (IR_F_CONST | IR_F_INVALID)) == IR_F_CONST;
}

static void fold_unop(struct conv *cv, struct ir_node *n, CXType t)
{
	struct ity ty = int_type(cv, t);
	if (!ty.ok || !is_const(n->kids[0]))
		return;
	unsigned long long v = (unsigned long long)n->kids[0]->ival;
	switch (n->op) {
	case IR_OP_MINUS:
		v = 0 - v;
		break;
	case IR_OP_PLUS:
		break;
	case IR_OP_NOT:
		v = ~v;
		break;
	case IR_OP_LNOT:
		v = v == 0;
		break;
	default:
		return;
	}
	n->ival = int_convert(v, ty);
	n->flags |= IR_F_CONST;
}

static void fold_binop(struct conv *cv, struct ir_node *n, CXType t, CXType lt)
{
	struct ity ty = int_type(cv, t), lty = int_type(cv, lt);
	if (!ty.ok || !lty.ok || !is_const(n->kids[0]) || !is_const(n->kids[1]))
		return;
	unsigned long long a = (unsigned long long)n->kids[0]->ival;
	unsigned long long b = (unsigned long long)n->kids[1]->ival;
	long long sa = n->kids[0]->ival, sb = n->kids[1]->ival;
	bool s = lty.is_signed;
	unsigned long long v;
	switch (n->op) {
	case IR_OP_MUL:
		v = a * b;
		break;
	case IR_OP_DIV:
	case IR_OP_REM:
		if (b == 0 || (s && sb == -1))
			return;
		if (n->op == IR_OP_DIV)
			v = s ? (unsigned long long)(sa / sb) : a / b;
		else
			v = s ? (unsigned long long)(sa % sb) : a % b;
		break;
	case IR_OP_ADD:
		v = a + b;
		break;
	case IR_OP_SUB:
		v = a - b;
		break;
	case IR_OP_SHL:
		if (b >= 64)
			return;
		v = a << b;
		break;
	case IR_OP_SHR:
		if (b >= 64)
			return;
		v = s ? (unsigned long long)(sa >> b) : a >> b;
		break;
	case IR_OP_LT:
		v = s ? sa < sb : a < b;
		break;
	case IR_OP_GT:
		v = s ? sa > sb : a > b;
		break;
	case IR_OP_LE:
		v = s ? sa <= sb : a <= b;
		break;
	case IR_OP_GE:
		v = s ? sa >= sb : a >= b;
		break;
	case IR_OP_EQ:
		v = a == b;
		break;
	case IR_OP_NE:
		v = a != b;
		break;
	case IR_OP_AND:
		v = a & b;
		break;
	case IR_OP_XOR:
		v = a ^ b;
		break;
	case IR_OP_OR:
		v = a | b;
		break;
	case IR_OP_LAND:
		v = a && b;
		break;
	case IR_OP_LOR:
		v = a || b;
		break;
	default:
		return;
	}
	n->ival = int_convert(v, ty);
	n->flags |= IR_F_CONST;
}

/* ---- declarations: names and links ------------------------------------------------ */

static bool is_func_kind(enum CXCursorKind k)
{
	return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
	       k == CXCursor_Destructor || k == CXCursor_ConversionFunction;
}

/* "ns::Class::name" for C++ declarations, the plain spelling in C. */
static const char *qualified_name(struct conv *cv, CXCursor c)
{
	const char *name = take(cv, clang_getCursorSpelling(c));
	if (!cv->cpp)
		return name;
	bool changed = false;
	CXCursor p = clang_getCursorSemanticParent(c);
	for (int guard = 0; guard < 32 && !clang_Cursor_isNull(p); guard++) {
		enum CXCursorKind k = clang_getCursorKind(p);
		if (k != CXCursor_Namespace && k != CXCursor_StructDecl &&
		    k != CXCursor_ClassDecl && k != CXCursor_UnionDecl &&
		    k != CXCursor_ClassTemplate && k != CXCursor_ClassTemplatePartialSpecialization)
			break;
		CXString ps = clang_getCursorSpelling(p);
		const char *pn = clang_getCString(ps);
		if (pn && *pn) {
			name = arena_fmt(cv->a, "%s::%s", pn, name);
			changed = true;
		}
		clang_disposeString(ps);
		p = clang_getCursorSemanticParent(p);
	}
	return changed ? intern(cv, name) : name;
}

/* The file holding the definition of 'c' (or its declaration). */
static const char *decl_file(struct conv *cv, CXCursor c)
{
	CXCursor d = clang_getCursorDefinition(c);
	if (clang_Cursor_isNull(d) || clang_isInvalid(clang_getCursorKind(d)))
		d = c;
	CXFile f;
	clang_getExpansionLocation(clang_getCursorLocation(d), &f, NULL, NULL, NULL);
	return file_name(cv, f);
}

static bool has_noreturn_attr(struct conv *cv, CXCursor fn)
{
	CXType t = clang_getCursorType(fn);
	CXString ts = clang_getTypeSpelling(t);
	const char *s = clang_getCString(ts);
	bool r = s && strstr(s, "noreturn");
	clang_disposeString(ts);
	if (r || !clang_Cursor_hasAttrs(fn))
		return r;
	/* _Noreturn and [[noreturn]] are declaration attributes: look at their tokens. */
	unsigned base, n = children(cv, fn, &base);
	for (unsigned i = 0; i < n && !r; i++) {
		CXCursor k = cv->stk[base + i];
		if (!clang_isAttribute(clang_getCursorKind(k)))
			continue;
		CXToken *toks = NULL;
		unsigned ntoks = 0;
		clang_tokenize(cv->tu, clang_getCursorExtent(k), &toks, &ntoks);
		for (unsigned j = 0; j < ntoks && j < 4; j++) {
			CXString sp = clang_getTokenSpelling(cv->tu, toks[j]);
			const char *ss = clang_getCString(sp);
			if (ss && (!strcmp(ss, "_Noreturn") || !strcmp(ss, "noreturn")))
				r = true;
			clang_disposeString(sp);
		}
		if (toks)
			clang_disposeTokens(cv->tu, toks, ntoks);
	}
	cv->nstk = base;
	return r;
}

static struct cmap_ent *func_info(struct conv *cv, CXCursor fn)
{
	CXCursor canon = clang_getCanonicalCursor(fn);
	bool created;
	struct cmap_ent *e = cmap_find(&cv->decls, canon, DK_FUNC, &created);
	if (!created)
		return e;
	e->name = qualified_name(cv, canon);
	enum CXLinkageKind lk = clang_getCursorLinkage(canon);
	if (lk == CXLinkage_Internal || lk == CXLinkage_UniqueExternal)
		e->link = arena_fmt(cv->a, "%s:%s", decl_file(cv, canon), e->name);
	else
		e->link = e->name;
	e->index = lk == CXLinkage_Internal || lk == CXLinkage_UniqueExternal;
	/* noreturn may sit on any redeclaration; the type carries the GNU and
	 * __declspec forms, which are inherited. */
	e->noreturn = has_noreturn_attr(cv, fn) ||
		      (!clang_equalCursors(fn, canon) && has_noreturn_attr(cv, canon));
	return e;
}

static struct cmap_ent *global_info(struct conv *cv, CXCursor var)
{
	CXCursor canon = clang_getCanonicalCursor(var);
	bool created;
	struct cmap_ent *e = cmap_find(&cv->decls, canon, DK_GLOBAL, &created);
	if (!created)
		return e;
	e->name = take(cv, clang_getCursorSpelling(canon));
	enum CXLinkageKind lk = clang_getCursorLinkage(canon);
	if (lk == CXLinkage_External) {
		e->link = qualified_name(cv, canon);
	} else if (lk == CXLinkage_Internal || lk == CXLinkage_UniqueExternal) {
		e->link =
			arena_fmt(cv->a, "%s:%s", decl_file(cv, canon), qualified_name(cv, canon));
	} else {
		/* a static local: qualify with its function */
		CXCursor p = clang_getCursorSemanticParent(canon);
		const char *fn = cv->fn_name;
		if (is_func_kind(clang_getCursorKind(p)))
			fn = func_info(cv, p)->name;
		e->link = arena_fmt(cv->a, "%s:%s.%s", decl_file(cv, canon), fn ? fn : "", e->name);
	}
	return e;
}

static const char *strip_underscores(const char *s)
{
	while (*s == '_')
		s++;
	return s;
}

/* The enum's name for an enum constant, without leading underscores. */
static const char *enum_type_name(struct conv *cv, CXCursor constant)
{
	CXCursor ed = clang_getCursorSemanticParent(constant);
	if (clang_getCursorKind(ed) != CXCursor_EnumDecl)
		return NULL;
	bool created;
	struct cmap_ent *e = cmap_find(&cv->decls, ed, DK_ENUM_TYPE, &created);
	if (!created)
		return e->name;
	const char *name = NULL;
	CXString s = clang_getCursorSpelling(ed);
	const char *sp = clang_getCString(s);
	/* clang 19 names an anonymous enum after its typedef; a truly anonymous
	 * enum spells "(unnamed ...)" or "enum (unnamed ...)". */
	if (sp && *sp && !strchr(sp, '(') && !strchr(sp, ' '))
		name = intern(cv, strip_underscores(sp));
	clang_disposeString(s);
	if (!name) {
		CXType it = clang_getEnumDeclIntegerType(ed);
		name = it.kind != CXType_Invalid ? take(cv, clang_getTypeSpelling(it)) : "int";
	}
	e->name = name;
	return name;
}

/* ---- expressions ------------------------------------------------------------------ */

static struct ir_node *conv_any(struct conv *cv, CXCursor c);
static struct ir_node *conv_stmt(struct conv *cv, CXCursor c);
static void check_reg_table(struct conv *cv, CXCursor var);

static enum ir_op bin_op(enum CXBinaryOperatorKind k)
{
	switch (k) {
	case CXBinaryOperator_Mul:
		return IR_OP_MUL;
	case CXBinaryOperator_Div:
		return IR_OP_DIV;
	case CXBinaryOperator_Rem:
		return IR_OP_REM;
	case CXBinaryOperator_Add:
		return IR_OP_ADD;
	case CXBinaryOperator_Sub:
		return IR_OP_SUB;
	case CXBinaryOperator_Shl:
		return IR_OP_SHL;
	case CXBinaryOperator_Shr:
		return IR_OP_SHR;
	case CXBinaryOperator_LT:
		return IR_OP_LT;
	case CXBinaryOperator_GT:
		return IR_OP_GT;
	case CXBinaryOperator_LE:
		return IR_OP_LE;
	case CXBinaryOperator_GE:
		return IR_OP_GE;
	case CXBinaryOperator_EQ:
		return IR_OP_EQ;
	case CXBinaryOperator_NE:
		return IR_OP_NE;
	case CXBinaryOperator_And:
		return IR_OP_AND;
	case CXBinaryOperator_Xor:
		return IR_OP_XOR;
	case CXBinaryOperator_Or:
		return IR_OP_OR;
	case CXBinaryOperator_LAnd:
		return IR_OP_LAND;
	case CXBinaryOperator_LOr:
		return IR_OP_LOR;
	case CXBinaryOperator_Assign:
		return IR_OP_ASSIGN;
	case CXBinaryOperator_MulAssign:
		return IR_OP_MUL_ASSIGN;
	case CXBinaryOperator_DivAssign:
		return IR_OP_DIV_ASSIGN;
	case CXBinaryOperator_RemAssign:
		return IR_OP_REM_ASSIGN;
	case CXBinaryOperator_AddAssign:
		return IR_OP_ADD_ASSIGN;
	case CXBinaryOperator_SubAssign:
		return IR_OP_SUB_ASSIGN;
	case CXBinaryOperator_ShlAssign:
		return IR_OP_SHL_ASSIGN;
	case CXBinaryOperator_ShrAssign:
		return IR_OP_SHR_ASSIGN;
	case CXBinaryOperator_AndAssign:
		return IR_OP_AND_ASSIGN;
	case CXBinaryOperator_XorAssign:
		return IR_OP_XOR_ASSIGN;
	case CXBinaryOperator_OrAssign:
		return IR_OP_OR_ASSIGN;
	case CXBinaryOperator_Comma:
		return IR_OP_COMMA;
	default:
		return IR_OP_NONE;
	}
}

static enum ir_op un_op(enum CXUnaryOperatorKind k)
{
	switch (k) {
	case CXUnaryOperator_PostInc:
		return IR_OP_POSTINC;
	case CXUnaryOperator_PostDec:
		return IR_OP_POSTDEC;
	case CXUnaryOperator_PreInc:
		return IR_OP_PREINC;
	case CXUnaryOperator_PreDec:
		return IR_OP_PREDEC;
	case CXUnaryOperator_AddrOf:
		return IR_OP_ADDROF;
	case CXUnaryOperator_Deref:
		return IR_OP_DEREF;
	case CXUnaryOperator_Plus:
		return IR_OP_PLUS;
	case CXUnaryOperator_Minus:
		return IR_OP_MINUS;
	case CXUnaryOperator_Not:
		return IR_OP_NOT;
	case CXUnaryOperator_LNot:
		return IR_OP_LNOT;
	case CXUnaryOperator_Real:
		return IR_OP_REAL;
	case CXUnaryOperator_Imag:
		return IR_OP_IMAG;
	case CXUnaryOperator_Extension:
		return IR_OP_EXTENSION;
	default:
		return IR_OP_NONE;
	}
}

/* An IR_UNKNOWN with all code children converted. */
static struct ir_node *conv_unknown(struct conv *cv, CXCursor c)
{
	struct ir_node *n = node_new(cv, IR_UNKNOWN, c, 0);
	n->name = kind_name(cv, clang_getCursorKind(c));
	if (clang_isExpression(clang_getCursorKind(c)))
		set_type(cv, n, c);
	unsigned base, cnt = code_children(cv, c, &base), nb = cv->nnst;
	for (unsigned i = 0; i < cnt; i++)
		npush(cv, conv_any(cv, cv->stk[base + i]));
	cv->nstk = base;
	npop_kids(cv, n, nb);
	return n;
}

static struct ir_node *conv_declref(struct conv *cv, CXCursor c)
{
	CXCursor ref = clang_getCursorReferenced(c);
	enum CXCursorKind rk =
		clang_Cursor_isNull(ref) ? CXCursor_InvalidFile : clang_getCursorKind(ref);
	if (rk == CXCursor_EnumConstantDecl) {
		struct ir_node *n = node_new(cv, IR_ENUM_CONST, c, 0);
		n->name = take(cv, clang_getCursorSpelling(ref));
		n->ival = clang_getEnumConstantDeclValue(ref);
		n->type = enum_type_name(cv, ref);
		n->flags |= IR_F_CONST;
		n->ref_kind = IR_REF_ENUM;
		return n;
	}
	struct ir_node *n = node_new(cv, IR_DECLREF, c, 0);
	set_type(cv, n, c);
	bool created;
	if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl) {
		struct cmap_ent *e = NULL;
		if (rk == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(ref) == 1) {
			e = global_info(cv, ref);
			n->name = e->name;
			n->ref_kind = IR_REF_GLOBAL;
			n->link = e->link;
			return n;
		}
		e = cmap_find(&cv->locals, ref, DK_LOCAL, &created);
		if (created) {
			/* not declared in the walked body (a lambda parameter, a
			 * switch init): give it a fresh local id */
			e->index = cv->nlocals++;
			e->name = take(cv, clang_getCursorSpelling(ref));
		}
		n->name = e->name;
		n->ref_kind = e->param ? IR_REF_PARAM : IR_REF_LOCAL;
		n->ref_index = e->index;
		return n;
	}
	if (is_func_kind(rk)) {
		struct cmap_ent *e = func_info(cv, ref);
		n->name = e->name;
		n->link = e->link;
		n->ref_kind = IR_REF_FUNCTION;
		return n;
	}
	n->name = take(cv, clang_getCursorSpelling(c));
	n->ref_kind = IR_REF_OTHER;
	if (rk == CXCursor_InvalidFile && cv->cpp == false)
		n->flags |= IR_F_INVALID;
	return n;
}

static struct ir_node *strip_implicit(struct ir_node *n)
{
	while (n && n->kind == IR_CAST && (n->flags & IR_F_IMPLICIT) && n->nkids)
		n = n->kids[0];
	return n;
}

static struct ir_node *conv_call(struct conv *cv, CXCursor c)
{
	unsigned base, cnt = code_children(cv, c, &base);
	int nargs = clang_Cursor_getNumArguments(c);
	CXCursor ref = clang_getCursorReferenced(c);
	enum CXCursorKind rk =
		clang_Cursor_isNull(ref) ? CXCursor_InvalidFile : clang_getCursorKind(ref);
	if (rk == CXCursor_Constructor || (cv->cpp && nargs >= 0 && cnt == (unsigned)nargs)) {
		/* CXXConstructExpr: no callee child */
		cv->nstk = base;
		struct ir_node *n = conv_unknown(cv, c);
		n->name = take(cv, clang_getCursorSpelling(c));
		return n;
	}
	struct ir_node *n = node_new(cv, IR_CALL, c, 0);
	set_type(cv, n, c);
	unsigned nb = cv->nnst;
	for (unsigned i = 0; i < cnt; i++)
		npush(cv, conv_any(cv, cv->stk[base + i]));
	cv->nstk = base;
	if (cnt == 0) {
		/* keep kids[0] meaningful even for odd shapes */
		struct ir_node *u = node_new(cv, IR_UNKNOWN, c, 0);
		u->name = "callee";
		npush(cv, u);
	}
	npop_kids(cv, n, nb);
	if (cv->cpp && is_func_kind(rk) && n->nkids > 1) {
		/* an overloaded operator: the callee is not the first child */
		const char *want = func_info(cv, ref)->link;
		for (unsigned i = 1; i < n->nkids; i++) {
			struct ir_node *k = strip_implicit(n->kids[i]);
			struct ir_node *k0 = strip_implicit(n->kids[0]);
			if (k0 &&
			    ((k0->kind == IR_DECLREF && k0->link == want) || k0->kind == IR_MEMBER))
				break;
			if (k && k->kind == IR_DECLREF && k->link == want) {
				struct ir_node *t = n->kids[i];
				memmove(n->kids + 1, n->kids, i * sizeof(*n->kids));
				n->kids[0] = t;
				break;
			}
		}
	}
	struct ir_node *callee = strip_implicit(n->kids[0]);
	if (callee && callee->kind == IR_DECLREF && callee->ref_kind == IR_REF_FUNCTION) {
		n->name = callee->name;
		n->link = callee->link;
	} else if (callee && callee->kind == IR_MEMBER && is_func_kind(rk)) {
		struct cmap_ent *e = func_info(cv, ref);
		n->name = e->name;
		n->link = e->link;
	}
	if (is_func_kind(rk) && func_info(cv, ref)->noreturn)
		n->flags |= IR_F_NORETURN;
	return n;
}

static struct ir_node *conv_member(struct conv *cv, CXCursor c)
{
	struct ir_node *n = node_new(cv, IR_MEMBER, c, 1);
	set_type(cv, n, c);
	n->name = take(cv, clang_getCursorSpelling(c));
	unsigned base, cnt = code_children(cv, c, &base);
	if (cnt) {
		CXCursor b = cv->stk[base];
		CXType bt = clang_getCanonicalType(clang_getCursorType(b));
		if (bt.kind == CXType_Pointer)
			n->flags |= IR_F_ARROW;
		set_kid(n, 0, conv_any(cv, cv->stk[base]));
	} else {
		/* implicit this-> */
		struct ir_node *t = node_new(cv, IR_UNKNOWN, c, 0);
		t->name = "this";
		set_kid(n, 0, t);
		n->flags |= IR_F_ARROW;
	}
	cv->nstk = base;
	return n;
}

/* The value of an integer literal token (C, C++14 separators, MS suffixes). */
static bool parse_int_token(const char *b, size_t len, unsigned long long *out)
{
	size_t i = 0;
	unsigned base = 10;
	if (len >= 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (len >= 2 && b[0] == '0' && (b[1] == 'b' || b[1] == 'B')) {
		base = 2;
		i = 2;
	} else if (len >= 1 && b[0] == '0') {
		base = 8;
	}
	unsigned long long v = 0;
	size_t ndigits = 0;
	for (; i < len; i++) {
		int ch = (unsigned char)b[i], d;
		if (ch == '\'')
			continue;
		if (isdigit(ch))
			d = ch - '0';
		else if (base == 16 && isxdigit(ch))
			d = tolower(ch) - 'a' + 10;
		else
			break;
		if ((unsigned)d >= base || v > (ULLONG_MAX - (unsigned)d) / base)
			return false;
		v = v * base + (unsigned)d;
		ndigits++;
	}
	if (!ndigits && base != 8)
		return false;
	/* the rest must be a suffix: u, l, ll, i64, ui64, ... */
	for (; i < len && (isalnum((unsigned char)b[i]) || b[i] == '_'); i++)
		if (!strchr("uUlLiI0123468zZ", b[i]))
			return false;
	if (i < len && (b[i] == '.' || b[i] == '+' || b[i] == '-'))
		return false; /* a floating literal */
	*out = v;
	return true;
}

/* The literal's value from its spelling, without asking clang to evaluate. */
static bool literal_value(struct conv *cv, CXCursor c, long long *out)
{
	CXFile f;
	unsigned off;
	clang_getSpellingLocation(clang_getCursorLocation(c), &f, NULL, NULL, &off);
	size_t len;
	const char *b = file_buf(cv, f, &len);
	if (!b || off >= len || !isdigit((unsigned char)b[off]))
		return false;
	size_t e = off;
	while (e < len && (isalnum((unsigned char)b[e]) || b[e] == '\'' || b[e] == '_'))
		e++;
	unsigned long long v;
	if (!parse_int_token(b + off, e - off, &v))
		return false;
	*out = (long long)v;
	return true;
}

static struct ir_node *conv_literal(struct conv *cv, CXCursor c)
{
	struct ir_node *n = node_new(cv, IR_INT, c, 0);
	CXType t = set_type(cv, n, c);
	long long v;
	bool known = clang_getCursorKind(c) == CXCursor_IntegerLiteral && literal_value(cv, c, &v);
	if (known || eval_int(c, &v)) {
		struct ity ty = int_type(cv, t);
		n->ival = ty.ok ? int_convert((unsigned long long)v, ty) : v;
		n->flags |= IR_F_CONST;
	}
	return n;
}

static struct ir_node *conv_cast(struct conv *cv, CXCursor c, bool implicit)
{
	unsigned base, cnt = code_children(cv, c, &base);
	if (cnt == 0) {
		cv->nstk = base;
		return conv_unknown(cv, c);
	}
	struct ir_node *n;
	if (implicit) {
		/* same start as the operand: take its location and macro */
		n = node_blank(cv, IR_CAST, 1);
		n->flags |= IR_F_IMPLICIT;
		set_kid(n, 0, conv_any(cv, cv->stk[base + cnt - 1]));
		loc_from_first_kid(cv, n, c);
	} else {
		n = node_new(cv, IR_CAST, c, 1);
		set_kid(n, 0, conv_any(cv, cv->stk[base + cnt - 1]));
	}
	cv->nstk = base;
	CXType t = set_type(cv, n, c);
	struct ity ty = int_type(cv, t);
	if (ty.ok && is_const(n->kids[0])) {
		n->ival = int_convert((unsigned long long)n->kids[0]->ival, ty);
		n->flags |= IR_F_CONST;
	}
	return n;
}

/* UnexposedExpr: mostly implicit conversions (one child with the same extent). */
static struct ir_node *conv_unexposed_expr(struct conv *cv, CXCursor c)
{
	unsigned base, n = children(cv, c, &base);
	if (n >= 1 && clang_getCursorKind(cv->stk[base]) == CXCursor_MemberRef) {
		/* a designated initializer: keep the designator as the name */
		struct ir_node *d = node_new(cv, IR_UNKNOWN, c, 0);
		d->name = take(cv, clang_getCursorSpelling(cv->stk[base]));
		unsigned nb = cv->nnst;
		for (unsigned i = 1; i < n; i++)
			if (is_code(clang_getCursorKind(cv->stk[base + i])))
				npush(cv, conv_any(cv, cv->stk[base + i]));
		cv->nstk = base;
		npop_kids(cv, d, nb);
		return d;
	}
	/* ImplicitCastExpr, and wrappers like it (ExprWithCleanups,
	 * MaterializeTemporaryExpr, ConstantExpr): one operand, same start */
	bool cast = n == 1 && clang_isExpression(clang_getCursorKind(cv->stk[base]));
	cv->nstk = base;
	if (cast)
		return conv_cast(cv, c, true);
	return conv_unknown(cv, c);
}

static struct ir_node *conv_expr(struct conv *cv, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct ir_node *n;
	unsigned base, cnt;
	switch (k) {
	case CXCursor_UnexposedExpr:
		return conv_unexposed_expr(cv, c);
	case CXCursor_DeclRefExpr:
		return conv_declref(cv, c);
	case CXCursor_MemberRefExpr:
		return conv_member(cv, c);
	case CXCursor_CallExpr:
		return conv_call(cv, c);
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_CXXBoolLiteralExpr:
		return conv_literal(cv, c);
	case CXCursor_GNUNullExpr:
	case CXCursor_CXXNullPtrLiteralExpr:
		n = node_new(cv, IR_INT, c, 0);
		set_type(cv, n, c);
		n->flags |= IR_F_CONST;
		return n;
	case CXCursor_StringLiteral:
		n = node_new(cv, IR_STRING, c, 0);
		set_type(cv, n, c);
		n->name = take(cv, clang_getCursorSpelling(c));
		return n;
	case CXCursor_ParenExpr:
		cnt = code_children(cv, c, &base);
		if (cnt == 1) {
			CXCursor k0 = cv->stk[base];
			cv->nstk = base;
			return conv_any(cv, k0);
		}
		cv->nstk = base;
		return conv_unknown(cv, c);
	case CXCursor_UnaryOperator: {
		cnt = code_children(cv, c, &base);
		if (cnt != 1) {
			cv->nstk = base;
			return conv_unknown(cv, c);
		}
		n = node_new(cv, IR_UNOP, c, 1);
		CXType t = set_type(cv, n, c);
		n->op = un_op(clang_getCursorUnaryOperatorKind(c));
		set_kid(n, 0, conv_any(cv, cv->stk[base]));
		cv->nstk = base;
		fold_unop(cv, n, t);
		return n;
	}
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator: {
		cnt = code_children(cv, c, &base);
		if (cnt != 2) {
			cv->nstk = base;
			return conv_unknown(cv, c);
		}
		n = node_blank(cv, IR_BINOP, 2);
		CXType t = set_type(cv, n, c);
		CXType lt = clang_getCursorType(cv->stk[base]);
		n->op = bin_op(clang_getCursorBinaryOperatorKind(c));
		set_kid(n, 0, conv_any(cv, cv->stk[base]));
		loc_from_first_kid(cv, n, c);
		set_kid(n, 1, conv_any(cv, cv->stk[base + 1]));
		cv->nstk = base;
		fold_binop(cv, n, t, lt);
		return n;
	}
	case CXCursor_ConditionalOperator:
		cnt = code_children(cv, c, &base);
		if (cnt != 3) {
			cv->nstk = base;
			return conv_unknown(cv, c);
		}
		n = node_blank(cv, IR_COND, 3);
		set_type(cv, n, c);
		set_kid(n, 0, conv_any(cv, cv->stk[base]));
		loc_from_first_kid(cv, n, c);
		set_kid(n, 1, conv_any(cv, cv->stk[base + 1]));
		set_kid(n, 2, conv_any(cv, cv->stk[base + 2]));
		cv->nstk = base;
		return n;
	case CXCursor_ArraySubscriptExpr:
		cnt = code_children(cv, c, &base);
		if (cnt != 2) {
			cv->nstk = base;
			return conv_unknown(cv, c);
		}
		n = node_blank(cv, IR_SUBSCRIPT, 2);
		set_type(cv, n, c);
		set_kid(n, 0, conv_any(cv, cv->stk[base]));
		loc_from_first_kid(cv, n, c);
		set_kid(n, 1, conv_any(cv, cv->stk[base + 1]));
		cv->nstk = base;
		return n;
	case CXCursor_CStyleCastExpr:
	case CXCursor_CXXStaticCastExpr:
	case CXCursor_CXXReinterpretCastExpr:
	case CXCursor_CXXConstCastExpr:
	case CXCursor_CXXDynamicCastExpr:
	case CXCursor_CXXFunctionalCastExpr:
	case CXCursor_CXXAddrspaceCastExpr:
		return conv_cast(cv, c, false);
	case CXCursor_UnaryExpr: {
		n = conv_unknown(cv, c);
		n->kind = IR_SIZEOF;
		n->name = NULL;
		long long v;
		if (!(n->flags & IR_F_INVALID) && n->type && eval_int(c, &v)) {
			n->ival = v;
			n->flags |= IR_F_CONST;
		}
		return n;
	}
	case CXCursor_InitListExpr:
		n = conv_unknown(cv, c);
		n->kind = IR_INIT_LIST;
		n->name = NULL;
		return n;
	case CXCursor_StmtExpr:
		cnt = code_children(cv, c, &base);
		if (cnt != 1 || clang_getCursorKind(cv->stk[base]) != CXCursor_CompoundStmt) {
			cv->nstk = base;
			return conv_unknown(cv, c);
		}
		n = node_new(cv, IR_STMT_EXPR, c, 1);
		set_type(cv, n, c);
		set_kid(n, 0, conv_stmt(cv, cv->stk[base]));
		cv->nstk = base;
		return n;
	case CXCursor_CXXThisExpr:
		n = conv_unknown(cv, c);
		n->name = "this";
		return n;
	default:
		return conv_unknown(cv, c);
	}
}

/* ---- statements --------------------------------------------------------------------- */

static struct ir_node *conv_vardecl(struct conv *cv, CXCursor v)
{
	if (clang_Cursor_hasVarDeclExternalStorage(v) == 1)
		return NULL;
	struct ir_node *n = node_new(cv, IR_DECL, v, 1);
	bool created;
	struct cmap_ent *e = cmap_find(&cv->locals, v, DK_LOCAL, &created);
	if (created) {
		e->index = cv->nlocals++;
		e->name = take(cv, clang_getCursorSpelling(v));
	}
	n->name = e->name;
	n->ref_index = e->index;
	n->ref_kind = IR_REF_LOCAL;
	CXType t = clang_getCursorType(v);
	if (t.kind != CXType_Invalid)
		n->type = take(cv, clang_getTypeSpelling(t));
	if (clang_isInvalidDeclaration(v))
		n->flags |= IR_F_INVALID;
	if (clang_Cursor_hasVarDeclGlobalStorage(v) == 1) {
		n->link = global_info(cv, v)->link;
		check_reg_table(cv, v);
	}
	CXCursor init = clang_Cursor_getVarDeclInitializer(v);
	if (!clang_Cursor_isNull(init) && is_code(clang_getCursorKind(init)))
		set_kid(n, 0, conv_any(cv, init));
	return n;
}

/* A DeclStmt where one statement is expected. */
static struct ir_node *conv_declstmt(struct conv *cv, CXCursor c)
{
	unsigned base, cnt = children(cv, c, &base), nb = cv->nnst;
	for (unsigned i = 0; i < cnt; i++)
		if (clang_getCursorKind(cv->stk[base + i]) == CXCursor_VarDecl) {
			struct ir_node *d = conv_vardecl(cv, cv->stk[base + i]);
			if (d)
				npush(cv, d);
		}
	cv->nstk = base;
	if (cv->nnst - nb == 1) {
		struct ir_node *d = cv->nst[nb];
		cv->nnst = nb;
		return d;
	}
	struct ir_node *n = node_new(cv, cv->nnst == nb ? IR_NULL_STMT : IR_COMPOUND, c, 0);
	npop_kids(cv, n, nb);
	return n;
}

static struct ir_node *conv_compound(struct conv *cv, CXCursor c)
{
	struct ir_node *n = node_new(cv, IR_COMPOUND, c, 0);
	unsigned base, cnt = code_children(cv, c, &base), nb = cv->nnst;
	for (unsigned i = 0; i < cnt; i++) {
		CXCursor k = cv->stk[base + i];
		if (clang_getCursorKind(k) == CXCursor_DeclStmt) {
			unsigned b2, c2 = children(cv, k, &b2);
			for (unsigned j = 0; j < c2; j++)
				if (clang_getCursorKind(cv->stk[b2 + j]) == CXCursor_VarDecl) {
					struct ir_node *d = conv_vardecl(cv, cv->stk[b2 + j]);
					if (d)
						npush(cv, d);
				}
			cv->nstk = b2;
			continue;
		}
		struct ir_node *s = conv_any(cv, k);
		if (s)
			npush(cv, s);
	}
	cv->nstk = base;
	npop_kids(cv, n, nb);
	return n;
}

/* A placeholder for a part that error recovery removed. */
static struct ir_node *missing(struct conv *cv, CXCursor at, enum ir_kind k)
{
	struct ir_node *n = node_new(cv, k, at, 0);
	n->flags |= IR_F_INVALID;
	cv->fn_invalid = true;
	return n;
}

/* The header of for/if/switch/while as spelled: '(' ... ')' and the ';'s at depth 1. */
struct header {
	CXFile file;
	unsigned lp, rp, semi[2], nsemi;
};

static bool scan_header(struct conv *cv, CXCursor stmt, struct header *h)
{
	unsigned off;
	clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(stmt)), &h->file, NULL,
				  NULL, &off);
	size_t len;
	const char *b = file_buf(cv, h->file, &len);
	if (!b || off >= len)
		return false;
	size_t i = off;
	while (i < len && (isalnum((unsigned char)b[i]) || b[i] == '_'))
		i++;
	/* skip blanks and comments up to '(' */
	for (;;) {
		while (i < len && (isspace((unsigned char)b[i]) || b[i] == '\\'))
			i++;
		if (i + 1 < len && b[i] == '/' && b[i + 1] == '*') {
			const char *e = strstr(b + i + 2, "*/");
			if (!e || (size_t)(e - b) >= len)
				return false;
			i = (size_t)(e - b) + 2;
		} else if (i + 1 < len && b[i] == '/' && b[i + 1] == '/') {
			while (i < len && b[i] != '\n')
				i++;
		} else {
			break;
		}
	}
	if (i >= len || b[i] != '(')
		return false;
	h->lp = (unsigned)i;
	h->nsemi = 0;
	int depth = 0;
	for (; i < len; i++) {
		char ch = b[i];
		if (ch == '"' || ch == '\'') {
			for (i++; i < len && b[i] != ch && b[i] != '\n'; i++)
				if (b[i] == '\\')
					i++;
		} else if (ch == '/' && i + 1 < len && b[i + 1] == '/') {
			while (i < len && b[i] != '\n')
				i++;
		} else if (ch == '/' && i + 1 < len && b[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(b[i] == '*' && b[i + 1] == '/'); i++)
				;
			i++;
		} else if (ch == '(' || ch == '[' || ch == '{') {
			depth++;
		} else if (ch == ')' || ch == ']' || ch == '}') {
			if (--depth == 0) {
				h->rp = (unsigned)i;
				return true;
			}
		} else if (ch == ';' && depth == 1 && h->nsemi < 2) {
			h->semi[h->nsemi++] = (unsigned)i;
		}
	}
	return false;
}

/* Where a header child starts: 0 before the first ';', 1, 2, or -1 if unknown. */
static int header_part(struct header *h, CXCursor c)
{
	CXFile f;
	unsigned off;
	clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(c)), &f, NULL, NULL,
				  &off);
	if (f != h->file || off <= h->lp || off >= h->rp)
		return -1;
	for (unsigned i = 0; i < h->nsemi; i++)
		if (off < h->semi[i])
			return (int)i;
	return (int)h->nsemi;
}

/* Wraps 's' in a compound after the nodes pushed since 'nb', if any. */
static struct ir_node *wrap_prefix(struct conv *cv, CXCursor c, unsigned nb, struct ir_node *s)
{
	if (cv->nnst == nb)
		return s;
	struct ir_node *w = node_new(cv, IR_COMPOUND, c, 0);
	npush(cv, s);
	npop_kids(cv, w, nb);
	return w;
}

static struct ir_node *conv_header_decl(struct conv *cv, CXCursor k)
{
	return clang_getCursorKind(k) == CXCursor_VarDecl ? conv_vardecl(cv, k) : conv_any(cv, k);
}

static struct ir_node *conv_for(struct conv *cv, CXCursor c)
{
	unsigned base, cnt = code_children(cv, c, &base), nb = cv->nnst;
	struct ir_node *n = node_new(cv, IR_FOR, c, 4);
	if (cnt == 0) {
		cv->nstk = base;
		set_kid(n, 3, missing(cv, c, IR_NULL_STMT));
		return n;
	}
	int slot[8];
	unsigned nh = cnt - 1 < 8 ? cnt - 1 : 8, nparts = 0;
	CXCursor parts[8];
	/* condition variables go before the loop */
	for (unsigned i = 0; i < nh; i++) {
		CXCursor k = cv->stk[base + i];
		if (clang_getCursorKind(k) == CXCursor_VarDecl) {
			struct ir_node *d = conv_vardecl(cv, k);
			if (d)
				npush(cv, d);
		} else {
			parts[nparts++] = k;
		}
	}
	CXCursor body = cv->stk[base + cnt - 1];
	cv->nstk = base;
	if (nparts == 3) {
		slot[0] = 0, slot[1] = 1, slot[2] = 2;
	} else if (nparts > 0) {
		struct header h;
		bool ok = scan_header(cv, c, &h) && h.nsemi == 2;
		int used = 0;
		for (unsigned i = 0; ok && i < nparts; i++) {
			slot[i] = header_part(&h, parts[i]);
			if (slot[i] < 0 || (used & (1 << slot[i])))
				ok = false;
			else
				used |= 1 << slot[i];
		}
		if (!ok) {
			/* the header came through macro arguments: guess by shape */
			for (unsigned i = 0; i < nparts; i++) {
				enum CXCursorKind k = clang_getCursorKind(parts[i]);
				bool assign = k == CXCursor_DeclStmt ||
					      (k == CXCursor_BinaryOperator &&
					       clang_getCursorBinaryOperatorKind(parts[i]) ==
						       CXBinaryOperator_Assign);
				bool step = k == CXCursor_CompoundAssignOperator ||
					    (k == CXCursor_UnaryOperator &&
					     clang_getCursorUnaryOperatorKind(parts[i]) <=
						     CXUnaryOperator_PreDec);
				if (nparts == 1)
					slot[i] = assign ? 0 : step ? 2 : 1;
				else if (i == 0)
					slot[i] = assign ? 0 : 1;
				else
					slot[i] = slot[0] == 0 && !step ? 1 : 2;
			}
		}
	}
	for (unsigned i = 0; i < nparts && i < 3; i++) {
		struct ir_node *p = clang_getCursorKind(parts[i]) == CXCursor_DeclStmt
					    ? conv_declstmt(cv, parts[i])
					    : conv_any(cv, parts[i]);
		if (!n->kids[slot[i]])
			set_kid(n, (unsigned)slot[i], p);
	}
	set_kid(n, 3, conv_stmt(cv, body));
	return wrap_prefix(cv, c, nb, n);
}

/* if/switch/while: [init] [condvar] cond body... ; 'nbody' parts follow the cond. */
static struct ir_node *conv_cond_stmt(struct conv *cv, CXCursor c, enum ir_kind kind)
{
	unsigned base, cnt = code_children(cv, c, &base), nb = cv->nnst;
	unsigned first = 0;
	/* leading init statement and condition variable */
	while (first < cnt && first < 2) {
		enum CXCursorKind k = clang_getCursorKind(cv->stk[base + first]);
		if (k != CXCursor_DeclStmt && k != CXCursor_VarDecl)
			break;
		first++;
	}
	if (cv->cpp && first == 0 && cnt >= 3) {
		/* maybe an expression init statement: look for the header's ';' */
		struct header h;
		if (scan_header(cv, c, &h) && h.nsemi == 1 && header_part(&h, cv->stk[base]) == 0)
			first = 1;
	}
	for (unsigned i = 0; i < first; i++) {
		CXCursor k = cv->stk[base + i];
		struct ir_node *p = clang_getCursorKind(k) == CXCursor_DeclStmt
					    ? conv_declstmt(cv, k)
					    : conv_header_decl(cv, k);
		if (p)
			npush(cv, p);
	}
	unsigned nk = kind == IR_IF ? 3 : 2;
	struct ir_node *n = node_new(cv, kind, c, nk);
	unsigned rest = cnt - first;
	struct ity saved = cv->sw_type;
	if (rest >= 1) {
		CXCursor cond = cv->stk[base + first];
		if (kind == IR_SWITCH)
			cv->sw_type = int_type(cv, clang_getCursorType(cond));
		set_kid(n, kind == IR_DO ? 1 : 0, conv_any(cv, cond));
	} else {
		set_kid(n, 0, missing(cv, c, IR_UNKNOWN));
	}
	if (rest >= 2)
		set_kid(n, 1, conv_stmt(cv, cv->stk[base + first + 1]));
	else
		set_kid(n, 1, missing(cv, c, IR_NULL_STMT));
	if (kind == IR_IF && rest >= 3)
		set_kid(n, 2, conv_stmt(cv, cv->stk[base + first + 2]));
	cv->sw_type = saved;
	cv->nstk = base;
	return wrap_prefix(cv, c, nb, n);
}

static struct ir_node *conv_case(struct conv *cv, CXCursor c)
{
	unsigned base, cnt = code_children(cv, c, &base);
	if (cnt >= 3) {
		/* GNU case range */
		cv->nstk = base;
		return conv_unknown(cv, c);
	}
	struct ir_node *n = node_new(cv, IR_CASE, c, 1);
	if (cnt >= 1) {
		CXCursor lhs = cv->stk[base];
		struct ir_node *v = conv_any(cv, lhs);
		long long val = 0;
		bool ok = false;
		if (is_const(v)) {
			val = v->ival;
			ok = true;
		} else if (!(v->flags & IR_F_INVALID) && v->type) {
			ok = eval_int(lhs, &val);
		}
		if (ok) {
			n->ival = cv->sw_type.ok ? int_convert((unsigned long long)val, cv->sw_type)
						 : val;
			n->flags |= IR_F_CONST;
		}
		struct ir_node *sv = strip_implicit(v);
		n->name = v->macro ? v->macro : sv && sv->kind == IR_ENUM_CONST ? sv->name : NULL;
		if (v->flags & IR_F_INVALID)
			n->flags |= IR_F_INVALID;
	}
	if (cnt >= 2)
		set_kid(n, 0, conv_stmt(cv, cv->stk[base + 1]));
	cv->nstk = base;
	return n;
}

/* kids[0] = the single (last) code child converted as a statement, or NULL. */
static struct ir_node *conv_wrap1(struct conv *cv, CXCursor c, enum ir_kind kind)
{
	struct ir_node *n = node_new(cv, kind, c, 1);
	unsigned base, cnt = code_children(cv, c, &base);
	if (cnt)
		set_kid(n, 0, conv_stmt(cv, cv->stk[base + cnt - 1]));
	cv->nstk = base;
	return n;
}

static struct ir_node *conv_stmt_kind(struct conv *cv, CXCursor c, enum CXCursorKind k)
{
	struct ir_node *n;
	unsigned base, cnt;
	switch (k) {
	case CXCursor_CompoundStmt:
		return conv_compound(cv, c);
	case CXCursor_DeclStmt:
		return conv_declstmt(cv, c);
	case CXCursor_IfStmt:
		return conv_cond_stmt(cv, c, IR_IF);
	case CXCursor_SwitchStmt:
		return conv_cond_stmt(cv, c, IR_SWITCH);
	case CXCursor_WhileStmt:
		return conv_cond_stmt(cv, c, IR_WHILE);
	case CXCursor_DoStmt:
		cnt = code_children(cv, c, &base);
		n = node_new(cv, IR_DO, c, 2);
		set_kid(n, 0,
			cnt >= 1 ? conv_stmt(cv, cv->stk[base]) : missing(cv, c, IR_NULL_STMT));
		set_kid(n, 1,
			cnt >= 2 ? conv_any(cv, cv->stk[base + 1]) : missing(cv, c, IR_UNKNOWN));
		cv->nstk = base;
		return n;
	case CXCursor_ForStmt:
		return conv_for(cv, c);
	case CXCursor_CaseStmt:
		return conv_case(cv, c);
	case CXCursor_DefaultStmt:
		return conv_wrap1(cv, c, IR_DEFAULT);
	case CXCursor_LabelStmt:
		n = conv_wrap1(cv, c, IR_LABEL);
		n->name = take(cv, clang_getCursorSpelling(c));
		return n;
	case CXCursor_GotoStmt:
		n = node_new(cv, IR_GOTO, c, 0);
		cnt = children(cv, c, &base);
		for (unsigned i = 0; i < cnt; i++)
			if (clang_getCursorKind(cv->stk[base + i]) == CXCursor_LabelRef)
				n->name = take(cv, clang_getCursorSpelling(cv->stk[base + i]));
		cv->nstk = base;
		return n;
	case CXCursor_BreakStmt:
		return node_new(cv, IR_BREAK, c, 0);
	case CXCursor_ContinueStmt:
		return node_new(cv, IR_CONTINUE, c, 0);
	case CXCursor_NullStmt:
		return node_new(cv, IR_NULL_STMT, c, 0);
	case CXCursor_ReturnStmt:
		n = node_new(cv, IR_RETURN, c, 1);
		cnt = code_children(cv, c, &base);
		if (cnt)
			set_kid(n, 0, conv_any(cv, cv->stk[base]));
		cv->nstk = base;
		return n;
	case CXCursor_SEHTryStmt:
		cnt = code_children(cv, c, &base);
		n = node_new(cv, IR_SEH_TRY, c, 2);
		set_kid(n, 0,
			cnt >= 1 ? conv_stmt(cv, cv->stk[base]) : missing(cv, c, IR_COMPOUND));
		set_kid(n, 1,
			cnt >= 2 ? conv_stmt(cv, cv->stk[base + 1])
				 : missing(cv, c, IR_SEH_FINALLY));
		cv->nstk = base;
		return n;
	case CXCursor_SEHExceptStmt:
		cnt = code_children(cv, c, &base);
		n = node_new(cv, IR_SEH_EXCEPT, c, 2);
		set_kid(n, 0, cnt >= 1 ? conv_any(cv, cv->stk[base]) : missing(cv, c, IR_UNKNOWN));
		set_kid(n, 1,
			cnt >= 2 ? conv_stmt(cv, cv->stk[base + 1]) : missing(cv, c, IR_COMPOUND));
		cv->nstk = base;
		return n;
	case CXCursor_SEHFinallyStmt:
		n = conv_wrap1(cv, c, IR_SEH_FINALLY);
		if (!n->kids[0])
			set_kid(n, 0, missing(cv, c, IR_COMPOUND));
		return n;
	case CXCursor_SEHLeaveStmt:
		return node_new(cv, IR_SEH_LEAVE, c, 0);
	case CXCursor_CXXTryStmt: {
		n = node_new(cv, IR_CXX_TRY, c, 0);
		cnt = code_children(cv, c, &base);
		unsigned nb = cv->nnst;
		for (unsigned i = 0; i < cnt; i++)
			npush(cv, conv_stmt(cv, cv->stk[base + i]));
		if (cnt == 0)
			npush(cv, missing(cv, c, IR_COMPOUND));
		cv->nstk = base;
		npop_kids(cv, n, nb);
		return n;
	}
	case CXCursor_CXXCatchStmt: {
		n = node_new(cv, IR_CXX_CATCH, c, 1);
		cnt = code_children(cv, c, &base);
		for (unsigned i = 0; i + 1 < cnt; i++)
			if (clang_getCursorKind(cv->stk[base + i]) == CXCursor_VarDecl)
				conv_vardecl(cv, cv->stk[base + i]); /* registers the local */
		if (cnt)
			set_kid(n, 0, conv_stmt(cv, cv->stk[base + cnt - 1]));
		else
			set_kid(n, 0, missing(cv, c, IR_COMPOUND));
		cv->nstk = base;
		return n;
	}
	case CXCursor_GCCAsmStmt:
	case CXCursor_MSAsmStmt:
		return node_new(cv, IR_ASM, c, 0);
	case CXCursor_UnexposedStmt:
		/* AttributedStmt ([[fallthrough]];) and the like: see through */
		cnt = code_children(cv, c, &base);
		if (cnt == 1) {
			CXCursor k0 = cv->stk[base];
			cv->nstk = base;
			return conv_stmt(cv, k0);
		}
		cv->nstk = base;
		return conv_unknown(cv, c);
	default:
		return conv_unknown(cv, c);
	}
}

static struct ir_node *conv_any(struct conv *cv, CXCursor c)
{
	if (++cv->depth > AST_MAX_DEPTH) {
		cv->depth--;
		struct ir_node *n = node_new(cv, IR_UNKNOWN, c, 0);
		n->name = "too deep";
		n->flags |= IR_F_INVALID;
		cv->fn_invalid = true;
		cv->last_start = n->loc;
		cv->last_macro = n->macro;
		cv->last_ok = true;
		return n;
	}
	enum CXCursorKind k = clang_getCursorKind(c);
	struct ir_node *n;
	if (k == CXCursor_VarDecl)
		n = conv_vardecl(cv, c);
	else if (clang_isExpression(k))
		n = conv_expr(cv, c);
	else
		n = conv_stmt_kind(cv, c, k);
	cv->depth--;
	if (k == CXCursor_ParenExpr) {
		CXSourceLocation l = clang_getCursorLocation(c); /* the '(' */
		cv->last_start = make_loc(cv, l);
		cv->last_macro = macro_at(cv, l);
		cv->last_ok = true;
	} else {
		cv->last_ok = n != NULL;
		if (n) {
			cv->last_start = n->loc;
			cv->last_macro = n->macro;
		}
	}
	if (n && (n->flags & IR_F_INVALID))
		cv->fn_invalid = true;
	return n;
}

/* A statement position: never NULL. */
static struct ir_node *conv_stmt(struct conv *cv, CXCursor c)
{
	struct ir_node *n = conv_any(cv, c);
	return n ? n : node_new(cv, IR_NULL_STMT, c, 0);
}

/* ---- functions ---------------------------------------------------------------------- */

static bool errors_in(struct conv *cv, CXFile f, unsigned from, unsigned to)
{
	/* cv->errs is sorted by (file, off) */
	unsigned lo = 0, hi = cv->nerrs;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const struct err_pos *e = &cv->errs[mid];
		if ((uintptr_t)e->file < (uintptr_t)f || (e->file == f && e->off < from))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cv->nerrs && cv->errs[lo].file == f && cv->errs[lo].off <= to;
}

static void conv_function(struct conv *cv, CXCursor fn)
{
	unsigned base, cnt = children(cv, fn, &base);
	CXCursor body = clang_getNullCursor();
	for (unsigned i = cnt; i-- > 0;) {
		enum CXCursorKind k = clang_getCursorKind(cv->stk[base + i]);
		if (k == CXCursor_CompoundStmt || k == CXCursor_CXXTryStmt) {
			body = cv->stk[base + i];
			break;
		}
	}
	cv->nstk = base;
	if (clang_Cursor_isNull(body))
		return;

	struct ir_func *f = arena_alloc(cv->a, sizeof(*f));
	struct cmap_ent *info = func_info(cv, fn);
	f->name = info->name;
	f->link = info->link;
	f->is_static = info->index != 0;
	f->is_noreturn = info->noreturn;
	f->loc = make_loc(cv, clang_getCursorLocation(fn));
	CXType rt = clang_getCursorResultType(fn);
	f->ret_type = rt.kind != CXType_Invalid ? take(cv, clang_getTypeSpelling(rt)) : "";

	cmap_clear(&cv->locals);
	cv->nlocals = 0;
	cv->fn_invalid = false;
	cv->fn_name = f->name;
	cv->depth = 0;
	cv->sw_type.ok = false;
	int np = clang_Cursor_getNumArguments(fn);
	if (np > 0) {
		f->nparams = (unsigned)np;
		f->params = arena_alloc(cv->a, (size_t)np * sizeof(*f->params));
		for (int i = 0; i < np; i++) {
			CXCursor p = clang_Cursor_getArgument(fn, (unsigned)i);
			f->params[i].name = take(cv, clang_getCursorSpelling(p));
			CXType pt = clang_getCursorType(p);
			f->params[i].type = pt.kind != CXType_Invalid
						    ? take(cv, clang_getTypeSpelling(pt))
						    : "";
			bool created;
			struct cmap_ent *e = cmap_find(&cv->locals, p, DK_LOCAL, &created);
			e->param = true;
			e->index = i;
			e->name = f->params[i].name;
		}
	}

	CXSourceRange ext = clang_getCursorExtent(body);
	CXFile bf, ef;
	unsigned boff, eoff, eline, ecol;
	clang_getExpansionLocation(clang_getRangeStart(ext), &bf, NULL, NULL, &boff);
	clang_getExpansionLocation(clang_getRangeEnd(ext), &ef, &eline, &ecol, &eoff);
	f->end_loc.file = file_name(cv, ef);
	f->end_loc.line = eline;
	f->end_loc.col = ecol > 1 ? ecol - 1 : ecol;

	struct ir_node *b = conv_stmt(cv, body);
	if (b->kind != IR_COMPOUND) {
		struct ir_node *w = node_new(cv, IR_COMPOUND, body, 1);
		set_kid(w, 0, b);
		b = w;
	}
	f->body = b;
	f->nlocals = (unsigned)cv->nlocals;
	f->body_has_errors = cv->fn_invalid || (b->flags & IR_F_INVALID) ||
			     (bf == ef && errors_in(cv, bf, boff, eoff));
	cv->fn_name = NULL;
	ptrvec_push(&cv->funcs, f);
}

/* ---- registration tables -------------------------------------------------------------- */

struct field_names {
	const char *v[16];
	unsigned n;
	struct conv *cv;
};

static enum CXVisitorResult field_cb(CXCursor c, CXClientData data)
{
	struct field_names *fn = data;
	if (fn->n < 16)
		fn->v[fn->n++] = take(fn->cv, clang_getCursorSpelling(c));
	return CXVisit_Continue;
}

static const char *func_link_of(struct ir_node *n)
{
	for (int guard = 0; n && guard < 16; guard++) {
		if (n->kind == IR_DECLREF)
			return n->ref_kind == IR_REF_FUNCTION ? n->link : NULL;
		if ((n->kind == IR_CAST || (n->kind == IR_UNOP && n->op == IR_OP_ADDROF)) &&
		    n->nkids)
			n = n->kids[0];
		else
			return NULL;
	}
	return NULL;
}

static void check_reg_table(struct conv *cv, CXCursor var)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(var));
	if (t.kind != CXType_ConstantArray && t.kind != CXType_IncompleteArray)
		return;
	CXType el = clang_getCanonicalType(clang_getArrayElementType(t));
	if (el.kind != CXType_Record)
		return;
	CXString ds = clang_getCursorSpelling(clang_getTypeDeclaration(el));
	const char *dn = clang_getCString(ds);
	bool match = dn && (!strcmp(dn, "_FLT_OPERATION_REGISTRATION") ||
			    !strcmp(dn, "FLT_OPERATION_REGISTRATION"));
	clang_disposeString(ds);
	if (!match)
		return;
	CXCursor init = clang_Cursor_getVarDeclInitializer(var);
	if (clang_Cursor_isNull(init) || clang_getCursorKind(init) != CXCursor_InitListExpr)
		return;

	struct field_names fields = { .cv = cv };
	clang_Type_visitFields(el, field_cb, &fields);
	int f_major = 0, f_flags = 1, f_pre = 2, f_post = 3;
	for (unsigned i = 0; i < fields.n; i++) {
		if (!strcmp(fields.v[i], "MajorFunction"))
			f_major = (int)i;
		else if (!strcmp(fields.v[i], "Flags"))
			f_flags = (int)i;
		else if (!strcmp(fields.v[i], "PreOperation"))
			f_pre = (int)i;
		else if (!strcmp(fields.v[i], "PostOperation"))
			f_post = (int)i;
	}

	/* Convert the initializer with the expression converter; the function
	 * state is saved around it (static locals are found mid-body). */
	struct cmap saved_locals = cv->locals;
	int saved_nlocals = cv->nlocals;
	bool saved_invalid = cv->fn_invalid;
	memset(&cv->locals, 0, sizeof(cv->locals));
	struct ir_node *list = conv_any(cv, init);
	cmap_free(&cv->locals);
	cv->locals = saved_locals;
	cv->nlocals = saved_nlocals;
	cv->fn_invalid = saved_invalid;
	if (!list || list->kind != IR_INIT_LIST)
		return;

	struct ir_reg_table *tab = arena_alloc(cv->a, sizeof(*tab));
	tab->name = take(cv, clang_getCursorSpelling(var));
	tab->loc = make_loc(cv, clang_getCursorLocation(var));
	tab->entries = arena_alloc(cv->a, (list->nkids ? list->nkids : 1) * sizeof(*tab->entries));
	for (unsigned i = 0; i < list->nkids; i++) {
		struct ir_node *e = list->kids[i];
		if (!e || e->kind != IR_INIT_LIST)
			continue;
		struct ir_reg_entry *r = &tab->entries[tab->nentries];
		memset(r, 0, sizeof(*r));
		r->loc = e->loc;
		r->major = -1;
		r->flags_known = true;
		struct ir_node *val[16] = { 0 };
		int pos = 0;
		for (unsigned j = 0; j < e->nkids; j++) {
			struct ir_node *k = e->kids[j];
			int fi = pos;
			if (k && k->kind == IR_UNKNOWN && k->name && k->nkids == 1 && k->kids[0]) {
				for (unsigned q = 0; q < fields.n; q++)
					if (!strcmp(fields.v[q], k->name)) {
						fi = (int)q;
						k = k->kids[0];
						break;
					}
			}
			if (fi >= 0 && fi < 16)
				val[fi] = k;
			pos = fi + 1;
		}
		struct ir_node *m = val[f_major];
		if (m) {
			if (is_const(m))
				r->major = (int)((unsigned long long)m->ival & 0xFF);
			for (struct ir_node *x = m; x && !r->major_name;
			     x = x->nkids ? x->kids[0] : NULL) {
				if (x->macro)
					r->major_name = x->macro;
				if (x->kind != IR_CAST)
					break;
			}
		} else {
			r->major = 0;
		}
		if (val[f_flags]) {
			r->flags_known = is_const(val[f_flags]);
			r->flags = r->flags_known ? (unsigned long long)val[f_flags]->ival : 0;
		}
		r->pre = func_link_of(val[f_pre]);
		r->post = func_link_of(val[f_post]);
		tab->nentries++;
	}
	if (tab->nentries && tab->entries[tab->nentries - 1].major == 0x80) {
		tab->has_terminator = true;
		tab->nentries--;
	}
	ptrvec_push(&cv->tables, tab);
}

/* ---- the translation unit ------------------------------------------------------------- */

static bool in_system_header(CXCursor c)
{
	return clang_Location_isInSystemHeader(clang_getCursorLocation(c)) != 0;
}

static void walk_decls(struct conv *cv, CXCursor parent)
{
	unsigned base, cnt = children(cv, parent, &base);
	for (unsigned i = 0; i < cnt; i++) {
		CXCursor c = cv->stk[base + i];
		enum CXCursorKind k = clang_getCursorKind(c);
		if (is_func_kind(k)) {
			if (clang_isCursorDefinition(c) && !in_system_header(c))
				conv_function(cv, c);
		} else if (k == CXCursor_VarDecl) {
			if (!in_system_header(c) && clang_Cursor_hasVarDeclExternalStorage(c) != 1)
				check_reg_table(cv, c);
		} else if (k == CXCursor_Namespace || k == CXCursor_LinkageSpec ||
			   k == CXCursor_UnexposedDecl ||
			   (cv->cpp && (k == CXCursor_StructDecl || k == CXCursor_ClassDecl ||
					k == CXCursor_UnionDecl))) {
			if (!in_system_header(c))
				walk_decls(cv, c);
		}
	}
	cv->nstk = base;
}

static int err_cmp(const void *a, const void *b)
{
	const struct err_pos *x = a, *y = b;
	if (x->file != y->file)
		return (uintptr_t)x->file < (uintptr_t)y->file ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

static void collect_diags(struct conv *cv)
{
	unsigned n = clang_getNumDiagnostics(cv->tu);
	struct ir_diag *d = arena_alloc(cv->a, (n ? n : 1) * sizeof(*d));
	cv->errs = xcalloc(n ? n : 1, sizeof(*cv->errs));
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic dg = clang_getDiagnostic(cv->tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(dg);
		if (sev == CXDiagnostic_Error || sev == CXDiagnostic_Fatal) {
			struct ir_diag *o = &d[cv->ir->ndiags++];
			CXFile f;
			unsigned line, col, off;
			clang_getExpansionLocation(clang_getDiagnosticLocation(dg), &f, &line, &col,
						   &off);
			o->loc.file = file_name(cv, f);
			o->loc.line = line;
			o->loc.col = col;
			o->text = take(cv, clang_getDiagnosticSpelling(dg));
			/* KeepGoing turns a missing include into a plain error; it is still
			 * fatal to us, since what the header declares is unknown. */
			o->severity =
				sev == CXDiagnostic_Fatal || strstr(o->text, "' file not found")
					? IR_DIAG_FATAL
					: IR_DIAG_ERROR;
			cv->errs[cv->nerrs].file = f;
			cv->errs[cv->nerrs].off = off;
			cv->nerrs++;
		}
		clang_disposeDiagnostic(dg);
	}
	cv->ir->diags = d;
	cv->ir->nerrors = cv->ir->ndiags;
	qsort(cv->errs, cv->nerrs, sizeof(*cv->errs), err_cmp);
}

static void convert_tu(struct ir_tu *ir, CXTranslationUnit tu, bool cpp)
{
	struct conv *cv = xcalloc(1, sizeof(*cv));
	cv->tu = tu;
	cv->ir = ir;
	cv->a = &ir->arena;
	cv->cpp = cpp;
	collect_diags(cv);
	walk_decls(cv, clang_getTranslationUnitCursor(tu));

	ir->nfuncs = cv->funcs.n;
	ir->funcs = arena_alloc(cv->a, (cv->funcs.n ? cv->funcs.n : 1) * sizeof(*ir->funcs));
	for (unsigned i = 0; i < cv->funcs.n; i++)
		ir->funcs[i] = cv->funcs.v[i];
	ir->ntables = cv->tables.n;
	ir->tables = arena_alloc(cv->a, (cv->tables.n ? cv->tables.n : 1) * sizeof(*ir->tables));
	for (unsigned i = 0; i < cv->tables.n; i++)
		ir->tables[i] = cv->tables.v[i];

	ptrvec_free(&cv->funcs);
	ptrvec_free(&cv->tables);
	cmap_free(&cv->decls);
	cmap_free(&cv->locals);
	free(cv->strs.v);
	free(cv->types.v);
	free(cv->files);
	free(cv->errs);
	free(cv->stk);
	free(cv->nst);
	free(cv);
}

struct convert_job {
	struct ir_tu *ir;
	CXTranslationUnit tu;
	bool cpp;
};

static void *convert_thread(void *p)
{
	struct convert_job *j = p;
	convert_tu(j->ir, j->tu, j->cpp);
	return NULL;
}

/* Deeply nested code needs more stack than a worker thread may have. */
static void convert_on_big_stack(struct ir_tu *ir, CXTranslationUnit tu, bool cpp)
{
	struct convert_job job = { ir, tu, cpp };
	pthread_attr_t attr;
	pthread_t th;
	bool done = false;
	if (pthread_attr_init(&attr) == 0) {
		if (pthread_attr_setstacksize(&attr, AST_STACK_SIZE) == 0 &&
		    pthread_create(&th, &attr, convert_thread, &job) == 0) {
			pthread_join(th, NULL);
			done = true;
		}
		pthread_attr_destroy(&attr);
	}
	if (!done)
		convert_tu(ir, tu, cpp);
}

/* ---- compiler arguments ----------------------------------------------------------------- */

struct argv {
	char **v;
	unsigned n, cap;
};

static void arg_add(struct argv *a, const char *s)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	a->v[a->n++] = xstrdup(s);
}

static void arg_free(struct argv *a)
{
	for (unsigned i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* dir/name, matching name without regard to case; NULL if absent. Heap string. */
static char *child_ci(const char *dir, const char *name)
{
	char *p = xfmt("%s/%s", dir, name);
	if (is_dir(p))
		return p;
	free(p);
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	struct dirent *e;
	char *r = NULL;
	while (!r && (e = readdir(d)))
		if (!strcasecmp(e->d_name, name)) {
			r = xfmt("%s/%s", dir, e->d_name);
			if (!is_dir(r)) {
				free(r);
				r = NULL;
			}
		}
	closedir(d);
	return r;
}

/* Compares dotted version strings numerically ("10.0.22621.0"). */
static int version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			unsigned long x = strtoul(a, (char **)&a, 10),
				      y = strtoul(b, (char **)&b, 10);
			if (x != y)
				return x < y ? -1 : 1;
		} else {
			if (*a != *b)
				return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
			a++;
			b++;
		}
	}
	return 0;
}

/* The WDK's Include/<version> folder for 'wdk', or NULL. Heap string. */
static char *wdk_include_root(const char *wdk)
{
	char *km = child_ci(wdk, "km");
	if (km) {
		free(km);
		return xstrdup(wdk);
	}
	const char *base = strrchr(wdk, '/');
	base = base ? base + 1 : wdk;
	if (!strcasecmp(base, "km")) {
		char *r = xfmt("%s/..", wdk);
		return r;
	}
	char *inc = child_ci(wdk, "Include");
	if (!inc)
		return NULL;
	DIR *d = opendir(inc);
	char *best = NULL;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.' || !isdigit((unsigned char)e->d_name[0]))
				continue;
			char *cand = xfmt("%s/%s", inc, e->d_name);
			char *ckm = child_ci(cand, "km");
			if (ckm &&
			    (!best || version_cmp(strrchr(cand, '/'), strrchr(best, '/')) > 0)) {
				free(best);
				best = cand;
				cand = NULL;
			}
			free(ckm);
			free(cand);
		}
		closedir(d);
	}
	free(inc);
	return best;
}

/* The clang resource directory (builtin headers) matching the loaded libclang. */
static char *resource_dir(void)
{
	CXString vs = clang_getClangVersion();
	const char *v = clang_getCString(vs);
	const char *p = v ? strstr(v, "version ") : NULL;
	int major = p ? atoi(p + 8) : 0;
	clang_disposeString(vs);
	if (major <= 0)
		return NULL;
	char *cands[6] = { 0 };
	unsigned nc = 0;
	Dl_info info;
	if (dladdr((void *)clang_getClangVersion, &info) && info.dli_fname) {
		char *lib = xstrdup(info.dli_fname);
		char *slash = strrchr(lib, '/');
		if (slash) {
			*slash = '\0';
			cands[nc++] = xfmt("%s/clang/%d", lib, major);
		}
		free(lib);
		char *real = realpath(info.dli_fname, NULL);
		if (real) {
			slash = strrchr(real, '/');
			if (slash) {
				*slash = '\0';
				cands[nc++] = xfmt("%s/clang/%d", real, major);
			}
			free(real);
		}
	}
	cands[nc++] = xfmt("/usr/lib/llvm-%d/lib/clang/%d", major, major);
	cands[nc++] = xfmt("/usr/lib/clang/%d", major);
	cands[nc++] = xfmt("/usr/local/lib/clang/%d", major);
	char *found = NULL;
	for (unsigned i = 0; i < nc; i++) {
		char *probe = xfmt("%s/include/stddef.h", cands[i]);
		if (!found && is_file(probe)) {
			found = cands[i];
			cands[i] = NULL;
		}
		free(probe);
		free(cands[i]);
	}
	return found;
}

static bool has_ext(const char *path, const char *const *exts)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return false;
	for (unsigned i = 0; exts[i]; i++)
		if (!strcmp(dot + 1, exts[i]))
			return true;
	return false;
}

static void add_overlay(struct argv *av, const char *dir)
{
#ifdef AST_HAVE_VFS
	/* vfs is not thread-safe; ast_parse may run on several threads */
	static pthread_mutex_t vfs_lock = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&vfs_lock);
	const char *ov = vfs_overlay_path(dir);
	pthread_mutex_unlock(&vfs_lock);
	if (ov) {
		arg_add(av, "-ivfsoverlay");
		arg_add(av, ov);
	}
#else
	(void)av;
	(void)dir;
#endif
}

/* Adds the folder of a file (resolved) to dirs unless it is there already. */
static void add_dir_of(struct ptrvec *dirs, const char *file)
{
	char *real = file ? realpath(file, NULL) : NULL;
	char *slash = real ? strrchr(real, '/') : NULL;
	if (!slash) {
		free(real);
		return;
	}
	*slash = '\0';
	if (!real[0]) {
		real[0] = '/';
		real[1] = '\0';
	}
	for (unsigned i = 0; i < dirs->n; i++)
		if (!strcmp(dirs->v[i], real)) {
			free(real);
			return;
		}
	ptrvec_push(dirs, real);
}

/*
 * True when some #include was not found; dirs then gets the folders of the
 * files holding those includes and of the main file.
 */
static bool missing_include_dirs(CXTranslationUnit tu, const char *main_file, struct ptrvec *dirs)
{
	unsigned n = clang_getNumDiagnostics(tu);
	bool missing = false;
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic dg = clang_getDiagnostic(tu, i);
		CXString sp = clang_getDiagnosticSpelling(dg);
		const char *text = clang_getCString(sp);
		if (text && strstr(text, "' file not found")) {
			CXFile f;
			clang_getExpansionLocation(clang_getDiagnosticLocation(dg), &f, NULL, NULL,
						   NULL);
			CXString fn = clang_getFileName(f);
			add_dir_of(dirs, clang_getCString(fn));
			clang_disposeString(fn);
			missing = true;
		}
		clang_disposeString(sp);
		clang_disposeDiagnostic(dg);
	}
	if (missing)
		add_dir_of(dirs, main_file);
	return missing && dirs->n > 0;
}

/* Fills av; returns an error message (heap) or NULL. */
static char *build_args(struct argv *av, const char *path, const struct ast_options *opt, bool *cpp)
{
	static const char *const base_args[] = {
		"--target=x86_64-pc-windows-msvc",
		"-fms-extensions",
		"-fms-compatibility",
		"-fms-compatibility-version=19.29",
		"-D_AMD64_",
		"-DAMD64",
		"-D_WIN64",
		"-D_KERNEL_MODE=1",
		"-DNTDDI_VERSION=0x0A000007",
		"-D_WIN32_WINNT=0x0A00",
		"-DWINVER=0x0A00",
		"-DWINNT=1",
		"-DPOOL_NX_OPTIN=1",
		"-ferror-limit=0",
		"-Wno-everything",
	};
	static const char *const cpp_exts[] = {
		"cpp", "cc", "cxx", "C", "CPP", "hpp", "hxx", NULL
	};
	*cpp = (opt && opt->force_cpp) || has_ext(path, cpp_exts);
	for (unsigned i = 0; i < sizeof(base_args) / sizeof(base_args[0]); i++)
		arg_add(av, base_args[i]);
	arg_add(av, "-x");
	arg_add(av, *cpp ? "c++" : "c");
	if (*cpp) {
		arg_add(av, "-fdelayed-template-parsing");
		arg_add(av, "-std=c++17");
	}
	char *rd = resource_dir();
	if (rd) {
		arg_add(av, "-resource-dir");
		arg_add(av, rd);
		free(rd);
	}
	if (opt && opt->wdk_dir) {
		char *root = wdk_include_root(opt->wdk_dir);
		if (!root)
			return xfmt(
				"cannot find WDK headers in '%s': expected Include/<version>/km",
				opt->wdk_dir);
		char *km = child_ci(root, "km");
		char *crt = km ? child_ci(km, "crt") : NULL;
		char *shared = child_ci(root, "shared");
		add_overlay(av, root);
		const char *dirs[] = { km, crt, shared };
		for (unsigned i = 0; i < 3; i++)
			if (dirs[i]) {
				arg_add(av, "-isystem");
				arg_add(av, dirs[i]);
			}
		free(km);
		free(crt);
		free(shared);
		free(root);
	} else if (opt && opt->model_dir) {
		add_overlay(av, opt->model_dir);
		arg_add(av, "-isystem");
		arg_add(av, opt->model_dir);
	}
	for (unsigned i = 0; opt && i < opt->nargs; i++)
		if (opt->args[i])
			arg_add(av, opt->args[i]);
	return NULL;
}

/* ---- source files ------------------------------------------------------------------------ */

static void put_utf8(char *o, size_t *n, unsigned cp)
{
	if (cp < 0x80) {
		o[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		o[(*n)++] = (char)(0xC0 | (cp >> 6));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		o[(*n)++] = (char)(0xE0 | (cp >> 12));
		o[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		o[(*n)++] = (char)(0xF0 | (cp >> 18));
		o[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	}
}

/* UTF-16 (after the BOM) to UTF-8; heap string, length in *outlen. */
static char *utf16_to_utf8(const unsigned char *p, size_t n, bool be, size_t *outlen)
{
	char *o = xmalloc(n / 2 * 3 + 4);
	size_t k = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		unsigned u =
			be ? (unsigned)(p[i] << 8 | p[i + 1]) : (unsigned)(p[i + 1] << 8 | p[i]);
		if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
			unsigned l = be ? (unsigned)(p[i + 2] << 8 | p[i + 3])
					: (unsigned)(p[i + 3] << 8 | p[i + 2]);
			if (l >= 0xDC00 && l < 0xE000) {
				put_utf8(o, &k, 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00));
				i += 2;
				continue;
			}
		}
		if (u >= 0xD800 && u < 0xE000)
			u = 0xFFFD;
		put_utf8(o, &k, u);
	}
	o[k] = '\0';
	*outlen = k;
	return o;
}

/* Reads 'path' when it is UTF-16; returns NULL with *err == 0 for other files. */
static char *read_if_utf16(const char *path, size_t *len, int *err)
{
	*err = 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = errno ? errno : ENOENT;
		return NULL;
	}
	unsigned char bom[2];
	size_t got = fread(bom, 1, 2, f);
	bool le = got == 2 && bom[0] == 0xFF && bom[1] == 0xFE;
	bool be = got == 2 && bom[0] == 0xFE && bom[1] == 0xFF;
	if (!le && !be) {
		fclose(f);
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	unsigned char *buf = xmalloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	fclose(f);
	char *out = utf16_to_utf8(buf, n, be, len);
	free(buf);
	return out;
}

struct incl_acc {
	struct ir_tu *ir;
	struct ptrvec paths;
};

static void incl_visit(CXFile f, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
	struct incl_acc *acc = data;
	(void)stack;
	if (depth == 0 || !f)
		return; /* the main file */
	CXString real = clang_File_tryGetRealPathName(f);
	const char *r = clang_getCString(real);
	CXString name = clang_getFileName(f);
	const char *n = clang_getCString(name);
	const char *use = r && *r ? r : n;
	if (use && *use)
		ptrvec_push(&acc->paths, arena_strdup(&acc->ir->arena, use));
	clang_disposeString(real);
	clang_disposeString(name);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Records the files tu included in ir->includes: sorted, each once. */
static void collect_includes(struct ir_tu *ir, CXTranslationUnit tu)
{
	struct incl_acc acc = { ir, { 0 } };
	clang_getInclusions(tu, incl_visit, &acc);
	if (acc.paths.n > 1)
		qsort(acc.paths.v, acc.paths.n, sizeof(void *), cmp_cstr);
	const char **v = arena_alloc(&ir->arena, (acc.paths.n + 1) * sizeof(*v));
	unsigned n = 0;
	for (unsigned i = 0; i < acc.paths.n; i++)
		if (!n || strcmp(v[n - 1], acc.paths.v[i]) != 0)
			v[n++] = acc.paths.v[i];
	ir->includes = v;
	ir->nincludes = n;
	ptrvec_free(&acc.paths);
}

static const char *cx_error_name(enum CXErrorCode e)
{
	switch (e) {
	case CXError_Failure:
		return "libclang failed";
	case CXError_Crashed:
		return "libclang crashed";
	case CXError_InvalidArguments:
		return "invalid arguments";
	case CXError_ASTReadError:
		return "AST read error";
	default:
		return "unknown libclang error";
	}
}

static struct ir_tu *fltfront_parse(const char *path, const struct ast_options *opt)
{
	struct ir_tu *ir = xcalloc(1, sizeof(*ir));
	arena_init(&ir->arena);
	ir->path = arena_strdup(&ir->arena, path ? path : "");
	ir->funcs = NULL;
	if (!path) {
		ir->fail_reason = "no file given";
		return ir;
	}

	int err;
	size_t ulen = 0;
	char *utf8 = read_if_utf16(path, &ulen, &err);
	if (err) {
		ir->fail_reason =
			arena_fmt(&ir->arena, "cannot open '%s': %s", path, strerror(err));
		return ir;
	}
	if (is_dir(path)) {
		ir->fail_reason =
			arena_fmt(&ir->arena, "cannot open '%s': %s", path, strerror(EISDIR));
		return ir;
	}

	struct argv av = { 0 };
	bool cpp = false;
	char *msg = build_args(&av, path, opt, &cpp);
	if (msg) {
		ir->fail_reason = arena_strdup(&ir->arena, msg);
		free(msg);
		arg_free(&av);
		free(utf8);
		return ir;
	}

	struct CXUnsavedFile unsaved = { path, utf8, (unsigned long)ulen };
	CXIndex index = clang_createIndex(0, 0);
	CXTranslationUnit tu = NULL;
	unsigned flags =
		CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	enum CXErrorCode ec =
		clang_parseTranslationUnit2(index, path, (const char *const *)av.v, (int)av.n,
					    utf8 ? &unsaved : NULL, utf8 ? 1 : 0, flags, &tu);
	/*
	 * Windows file systems ignore case: code written there includes
	 * "LinkedList.h" for linkedList.h and builds. When a header is not found,
	 * parse once more with the folders of the files that included it (and of
	 * the main file) looked up without regard to case, as the WDK's are.
	 */
	struct ptrvec dirs = { 0 };
	if (ec == CXError_Success && tu && missing_include_dirs(tu, path, &dirs)) {
		for (unsigned i = 0; i < dirs.n; i++)
			add_overlay(&av, dirs.v[i]);
		CXTranslationUnit again = NULL;
		if (clang_parseTranslationUnit2(index, path, (const char *const *)av.v, (int)av.n,
						utf8 ? &unsaved : NULL, utf8 ? 1 : 0, flags,
						&again) == CXError_Success &&
		    again) {
			clang_disposeTranslationUnit(tu);
			tu = again;
		}
	}
	for (unsigned i = 0; i < dirs.n; i++)
		free(dirs.v[i]);
	ptrvec_free(&dirs);
	if (ec != CXError_Success || !tu) {
		ir->fail_reason =
			arena_fmt(&ir->arena, "cannot parse '%s': %s", path, cx_error_name(ec));
	} else {
		ir->parsed = true;
		convert_on_big_stack(ir, tu, cpp);
		collect_includes(ir, tu);
		clang_disposeTranslationUnit(tu);
	}
	clang_disposeIndex(index);
	arg_free(&av);
	free(utf8);
	return ir;
}

static pthread_once_t version_once = PTHREAD_ONCE_INIT;
static char version_buf[256];

static void version_init(void)
{
	CXString s = clang_getClangVersion();
	const char *c = clang_getCString(s);
	snprintf(version_buf, sizeof(version_buf), "%s", c ? c : "libclang");
	clang_disposeString(s);
}

static const char *fltfront_clang_version(void)
{
	pthread_once(&version_once, version_init);
	return version_buf;
}

FLTFRONT_EXPORT const struct fltfront_api fltfront_api = {
	.key = FLTFRONT_KEY,
	.sizes = FLTFRONT_SIZES,
	.parse = fltfront_parse,
	.clang_version = fltfront_clang_version,
};
