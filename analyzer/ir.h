/*
 * The intermediate representation that the frontend (ast.c, the only file
 * that talks to libclang) builds for each translation unit, and that the
 * rest of fltcheck reads. It is a small, libclang-free tree of statements
 * and expressions for every function defined in the user's sources, plus the
 * FLT_OPERATION_REGISTRATION tables found in global initializers and the
 * diagnostics of the parse. Everything here is owned by the TU's arena.
 */
#ifndef FLTCHECK_IR_H
#define FLTCHECK_IR_H

#include <stdbool.h>
#include "arena.h"

struct ir_fsum;      /* summary.h */
struct ir_lazy_body; /* irser.c */

/* A source position: file as given to / found by the compiler, 1-based line and column. */
struct ir_loc {
	const char *file; /* never NULL for a valid location; "" when unknown */
	unsigned line, col;
};

enum ir_kind {
	/* statements */
	IR_COMPOUND, /* kids: statements in order */
	IR_DECL,     /* local variable: name, type, ref_index = local id; kids[0] = init or NULL */
	IR_IF,       /* kids[0] cond, kids[1] then, kids[2] else or NULL (nkids == 3) */
	IR_SWITCH,   /* kids[0] cond, kids[1] body */
	IR_CASE,     /* ival = case value (ok when IR_F_CONST), kids[0] = sub-statement or NULL */
	IR_DEFAULT,  /* kids[0] = sub-statement or NULL */
	IR_WHILE,    /* kids[0] cond, kids[1] body */
	IR_DO,       /* kids[0] body, kids[1] cond */
	IR_FOR, /* kids[0] init, kids[1] cond, kids[2] inc, kids[3] body; any may be NULL but body
		 */
	IR_BREAK,
	IR_CONTINUE,
	IR_RETURN, /* kids[0] = value or NULL (nkids == 1) */
	IR_GOTO,   /* name = label */
	IR_LABEL,  /* name = label, kids[0] = sub-statement or NULL */
	IR_NULL_STMT,
	IR_SEH_TRY,     /* kids[0] = guarded block, kids[1] = IR_SEH_EXCEPT or IR_SEH_FINALLY */
	IR_SEH_EXCEPT,  /* kids[0] = filter expression, kids[1] = handler block */
	IR_SEH_FINALLY, /* kids[0] = block */
	IR_SEH_LEAVE,
	IR_CXX_TRY,   /* kids[0] = block, kids[1..] = IR_CXX_CATCH */
	IR_CXX_CATCH, /* kids[0] = handler block */
	IR_ASM,       /* inline assembly: no effect we model */

	/* expressions */
	IR_INT,        /* ival; integer, character and bool literals */
	IR_ENUM_CONST, /* name = constant, ival = value, type = enum name without leading '_' */
	IR_DECLREF,   /* name, ref_kind, ref_index (locals and params), link (functions, globals) */
	IR_CALL,      /* kids[0] callee expr, kids[1..] args; name/link set for a direct call */
	IR_MEMBER,    /* kids[0] base, name = field; IR_F_ARROW for '->' */
	IR_BINOP,     /* op, kids[0] lhs, kids[1] rhs; includes assignments and ',' */
	IR_UNOP,      /* op, kids[0] */
	IR_COND,      /* kids[0] cond, kids[1] then, kids[2] else */
	IR_CAST,      /* type = target type; IR_F_IMPLICIT for implicit conversions; kids[0] */
	IR_SUBSCRIPT, /* kids[0] base, kids[1] index */
	IR_SIZEOF,    /* sizeof/alignof; ival when IR_F_CONST */
	IR_STRING,    /* string literal */
	IR_INIT_LIST, /* kids: initializers */
	IR_STMT_EXPR, /* GNU ({ ... }); kids[0] = IR_COMPOUND */
	IR_UNKNOWN,   /* anything else; kids hold its converted sub-expressions / statements */
};

enum ir_op {
	IR_OP_NONE,
	/* binary */
	IR_OP_MUL,
	IR_OP_DIV,
	IR_OP_REM,
	IR_OP_ADD,
	IR_OP_SUB,
	IR_OP_SHL,
	IR_OP_SHR,
	IR_OP_LT,
	IR_OP_GT,
	IR_OP_LE,
	IR_OP_GE,
	IR_OP_EQ,
	IR_OP_NE,
	IR_OP_AND,
	IR_OP_XOR,
	IR_OP_OR,
	IR_OP_LAND,
	IR_OP_LOR,
	IR_OP_ASSIGN,
	IR_OP_MUL_ASSIGN,
	IR_OP_DIV_ASSIGN,
	IR_OP_REM_ASSIGN,
	IR_OP_ADD_ASSIGN,
	IR_OP_SUB_ASSIGN,
	IR_OP_SHL_ASSIGN,
	IR_OP_SHR_ASSIGN,
	IR_OP_AND_ASSIGN,
	IR_OP_XOR_ASSIGN,
	IR_OP_OR_ASSIGN,
	IR_OP_COMMA,
	/* unary */
	IR_OP_POSTINC,
	IR_OP_POSTDEC,
	IR_OP_PREINC,
	IR_OP_PREDEC,
	IR_OP_ADDROF,
	IR_OP_DEREF,
	IR_OP_PLUS,
	IR_OP_MINUS,
	IR_OP_NOT /* ~ */,
	IR_OP_LNOT /* ! */,
	IR_OP_REAL,
	IR_OP_IMAG,
	IR_OP_EXTENSION,
};

enum ir_ref_kind {
	IR_REF_OTHER,    /* unresolved or something we do not model */
	IR_REF_LOCAL,    /* ref_index = local id, unique within the function, matching IR_DECL */
	IR_REF_PARAM,    /* ref_index = 0-based parameter index */
	IR_REF_GLOBAL,   /* a file-scope or static-local variable; link set */
	IR_REF_FUNCTION, /* link set */
	IR_REF_ENUM,     /* an enum constant referenced in a way not folded into IR_ENUM_CONST */
};

enum ir_flags {
	IR_F_IMPLICIT = 1u << 0, /* IR_CAST: implicit conversion */
	IR_F_ARROW = 1u << 1,    /* IR_MEMBER: '->' */
	IR_F_CONST = 1u << 2,    /* ival is a known constant (IR_CASE, IR_SIZEOF, folded casts) */
	IR_F_NORETURN =
		1u << 3, /* IR_CALL: the callee is declared noreturn / __declspec(noreturn) */
	IR_F_INVALID = 1u << 4, /* the node (or an expression under it) contains errors */
};

struct ir_node {
	enum ir_kind kind;
	enum ir_op op;
	struct ir_loc loc;     /* expansion location of the node's start */
	struct ir_node **kids; /* may contain NULL where the layout above says so */
	unsigned nkids;
	unsigned flags;
	long long ival;
	const char *name; /* see enum ir_kind */
	const char *type; /* type spelling with typedef sugar (e.g. "NTSTATUS"), or NULL */
	const char *link; /* link name of a function or global: "name" if external, "file:name" if
			     static */
	const char *
		macro; /* outermost macro whose expansion produced this node, if it starts in one */
	enum ir_ref_kind ref_kind;
	int ref_index;
};

struct ir_param {
	const char *name; /* may be "" for unnamed parameters */
	const char *type; /* spelling with typedef sugar, e.g. "PFLT_CALLBACK_DATA" */
};

struct ir_func {
	const char *name;
	const char *link; /* see ir_node.link */
	bool is_static;
	struct ir_loc loc;     /* the function's name in its definition */
	struct ir_loc end_loc; /* the closing brace of the body */
	const char *ret_type;  /* spelling with typedef sugar, e.g. "FLT_PREOP_CALLBACK_STATUS" */
	struct ir_param *params;
	unsigned nparams;
	unsigned nlocals;     /* local ids are 0 .. nlocals-1 */
	struct ir_node *body; /* IR_COMPOUND */
	bool body_has_errors; /* an error diagnostic lies inside the body, or part of it is invalid
			       */
	bool is_noreturn;
	/* Set by the rest of fltcheck, never by the frontend: */
	struct ir_fsum *sum;       /* the link's summary (summary.h), or NULL until built */
	struct ir_lazy_body *lazy; /* a body not decoded yet (irser_read_lazy), or NULL */
};

/* Whether f has a body, decoded or not (ir_func_body in irser.h decodes it). */
static inline bool ir_func_has_body(const struct ir_func *f)
{
	return f->body || f->lazy;
}

/* One entry of an FLT_OPERATION_REGISTRATION array. */
struct ir_reg_entry {
	struct ir_loc loc;
	int major;              /* 0..255 (the UCHAR value), or -1 when not a constant */
	const char *major_name; /* the IRP_MJ_* spelling when known, else NULL */
	unsigned long long flags;
	bool flags_known;
	const char *pre;  /* link name of the pre-operation callback, or NULL */
	const char *post; /* link name of the post-operation callback, or NULL */
};

struct ir_reg_table {
	const char *name; /* the array variable */
	struct ir_loc loc;
	struct ir_reg_entry *entries; /* without the terminator */
	unsigned nentries;
	bool has_terminator; /* ends with IRP_MJ_OPERATION_END */
};

enum ir_diag_severity { IR_DIAG_WARNING, IR_DIAG_ERROR, IR_DIAG_FATAL };

struct ir_diag {
	struct ir_loc loc;
	enum ir_diag_severity severity;
	const char *text;
};

struct ir_tu {
	struct arena arena;      /* owns everything below */
	const char *path;        /* the main file as given */
	bool parsed;             /* false when libclang produced no translation unit at all */
	const char *fail_reason; /* set when !parsed */
	struct ir_func **funcs;
	unsigned nfuncs;
	struct ir_reg_table **tables;
	unsigned ntables;
	struct ir_diag *diags; /* errors and fatals only, in order */
	unsigned ndiags;
	unsigned nerrors; /* count of error and fatal diagnostics */
	/* Every file the unit included (directly or not), as real paths, sorted,
	 * without the main file; for the TU cache (not part of the irser form). */
	const char **includes;
	unsigned nincludes;
};

#endif
