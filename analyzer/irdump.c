/*
 * The IR dump: see irdump.h. One node per line, children indented by two
 * spaces, attributes in a fixed order:
 *
 *   (binop eq 12:9 type="int" macro="NT_SUCCESS"
 *     (declref "Status" local#0 12:20 type="NTSTATUS")
 *     (int 0 12:9 const))
 *
 * Strings are written in double quotes with '"' and '\' escaped; NULL kids
 * are written as "()".
 */
#include "irdump.h"
#include "irser.h"

static const char *const kind_names[] = {
	[IR_COMPOUND] = "compound",
	[IR_DECL] = "decl",
	[IR_IF] = "if",
	[IR_SWITCH] = "switch",
	[IR_CASE] = "case",
	[IR_DEFAULT] = "default",
	[IR_WHILE] = "while",
	[IR_DO] = "do",
	[IR_FOR] = "for",
	[IR_BREAK] = "break",
	[IR_CONTINUE] = "continue",
	[IR_RETURN] = "return",
	[IR_GOTO] = "goto",
	[IR_LABEL] = "label",
	[IR_NULL_STMT] = "null",
	[IR_SEH_TRY] = "seh_try",
	[IR_SEH_EXCEPT] = "seh_except",
	[IR_SEH_FINALLY] = "seh_finally",
	[IR_SEH_LEAVE] = "seh_leave",
	[IR_CXX_TRY] = "cxx_try",
	[IR_CXX_CATCH] = "cxx_catch",
	[IR_ASM] = "asm",
	[IR_INT] = "int",
	[IR_ENUM_CONST] = "enum",
	[IR_DECLREF] = "declref",
	[IR_CALL] = "call",
	[IR_MEMBER] = "member",
	[IR_BINOP] = "binop",
	[IR_UNOP] = "unop",
	[IR_COND] = "cond",
	[IR_CAST] = "cast",
	[IR_SUBSCRIPT] = "subscript",
	[IR_SIZEOF] = "sizeof",
	[IR_STRING] = "string",
	[IR_INIT_LIST] = "init_list",
	[IR_STMT_EXPR] = "stmt_expr",
	[IR_UNKNOWN] = "unknown",
};

static const char *const op_names[] = {
	[IR_OP_NONE] = "none",
	[IR_OP_MUL] = "mul",
	[IR_OP_DIV] = "div",
	[IR_OP_REM] = "rem",
	[IR_OP_ADD] = "add",
	[IR_OP_SUB] = "sub",
	[IR_OP_SHL] = "shl",
	[IR_OP_SHR] = "shr",
	[IR_OP_LT] = "lt",
	[IR_OP_GT] = "gt",
	[IR_OP_LE] = "le",
	[IR_OP_GE] = "ge",
	[IR_OP_EQ] = "eq",
	[IR_OP_NE] = "ne",
	[IR_OP_AND] = "and",
	[IR_OP_XOR] = "xor",
	[IR_OP_OR] = "or",
	[IR_OP_LAND] = "land",
	[IR_OP_LOR] = "lor",
	[IR_OP_ASSIGN] = "assign",
	[IR_OP_MUL_ASSIGN] = "mul_assign",
	[IR_OP_DIV_ASSIGN] = "div_assign",
	[IR_OP_REM_ASSIGN] = "rem_assign",
	[IR_OP_ADD_ASSIGN] = "add_assign",
	[IR_OP_SUB_ASSIGN] = "sub_assign",
	[IR_OP_SHL_ASSIGN] = "shl_assign",
	[IR_OP_SHR_ASSIGN] = "shr_assign",
	[IR_OP_AND_ASSIGN] = "and_assign",
	[IR_OP_XOR_ASSIGN] = "xor_assign",
	[IR_OP_OR_ASSIGN] = "or_assign",
	[IR_OP_COMMA] = "comma",
	[IR_OP_POSTINC] = "postinc",
	[IR_OP_POSTDEC] = "postdec",
	[IR_OP_PREINC] = "preinc",
	[IR_OP_PREDEC] = "predec",
	[IR_OP_ADDROF] = "addrof",
	[IR_OP_DEREF] = "deref",
	[IR_OP_PLUS] = "plus",
	[IR_OP_MINUS] = "minus",
	[IR_OP_NOT] = "not",
	[IR_OP_LNOT] = "lnot",
	[IR_OP_REAL] = "real",
	[IR_OP_IMAG] = "imag",
	[IR_OP_EXTENSION] = "extension",
};

const char *ir_kind_name(enum ir_kind k)
{
	if ((unsigned)k < sizeof(kind_names) / sizeof(kind_names[0]) && kind_names[k])
		return kind_names[k];
	return "?";
}

const char *ir_op_name(enum ir_op op)
{
	if ((unsigned)op < sizeof(op_names) / sizeof(op_names[0]) && op_names[op])
		return op_names[op];
	return "?";
}

static void put_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("NULL", out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

static void indent_to(FILE *out, int indent)
{
	for (int i = 0; i < indent; i++)
		fputs("  ", out);
}

static const char *ref_kind_name(enum ir_ref_kind k)
{
	switch (k) {
	case IR_REF_LOCAL:
		return "local";
	case IR_REF_PARAM:
		return "param";
	case IR_REF_GLOBAL:
		return "global";
	case IR_REF_FUNCTION:
		return "function";
	case IR_REF_ENUM:
		return "enum";
	default:
		return "other";
	}
}

void ir_dump_node(FILE *out, const struct ir_node *n, int indent)
{
	indent_to(out, indent);
	if (!n) {
		fputs("()", out);
		return;
	}
	fprintf(out, "(%s", ir_kind_name(n->kind));
	if (n->op != IR_OP_NONE)
		fprintf(out, " %s", ir_op_name(n->op));
	if (n->name) {
		fputc(' ', out);
		put_str(out, n->name);
	}
	switch (n->kind) {
	case IR_INT:
	case IR_ENUM_CONST:
		fprintf(out, " %lld", n->ival);
		break;
	case IR_CASE:
	case IR_SIZEOF:
	case IR_CAST:
	case IR_UNOP:
	case IR_BINOP:
		if (n->flags & IR_F_CONST)
			fprintf(out, " =%lld", n->ival);
		break;
	default:
		break;
	}
	if (n->kind == IR_DECLREF || n->kind == IR_DECL) {
		if (n->kind == IR_DECLREF)
			fprintf(out, " %s", ref_kind_name(n->ref_kind));
		if (n->ref_index >= 0 && n->ref_kind != IR_REF_GLOBAL &&
		    n->ref_kind != IR_REF_FUNCTION)
			fprintf(out, "#%d", n->ref_index);
	}
	fprintf(out, " %u:%u", n->loc.line, n->loc.col);
	if (n->type) {
		fputs(" type=", out);
		put_str(out, n->type);
	}
	if (n->link) {
		fputs(" link=", out);
		put_str(out, n->link);
	}
	if (n->macro) {
		fputs(" macro=", out);
		put_str(out, n->macro);
	}
	if (n->flags & IR_F_IMPLICIT)
		fputs(" implicit", out);
	if (n->flags & IR_F_ARROW)
		fputs(" arrow", out);
	if ((n->flags & IR_F_CONST) && n->kind != IR_INT && n->kind != IR_ENUM_CONST &&
	    n->kind != IR_CASE && n->kind != IR_SIZEOF && n->kind != IR_CAST &&
	    n->kind != IR_UNOP && n->kind != IR_BINOP)
		fprintf(out, " const=%lld", n->ival);
	if (n->flags & IR_F_NORETURN)
		fputs(" noreturn", out);
	if (n->flags & IR_F_INVALID)
		fputs(" invalid", out);
	for (unsigned i = 0; i < n->nkids; i++) {
		fputc('\n', out);
		ir_dump_node(out, n->kids[i], indent + 1);
	}
	fputc(')', out);
}

static void put_loc(FILE *out, struct ir_loc l)
{
	put_str(out, l.file);
	fprintf(out, ":%u:%u", l.line, l.col);
}

void ir_dump_func(FILE *out, const struct ir_func *f)
{
	fputs("  (func ", out);
	put_str(out, f->name);
	fputs(" link=", out);
	put_str(out, f->link);
	if (f->is_static)
		fputs(" static", out);
	if (f->is_noreturn)
		fputs(" noreturn", out);
	if (f->body_has_errors)
		fputs(" errors", out);
	fputs(" at=", out);
	put_loc(out, f->loc);
	fprintf(out, " end=%u:%u", f->end_loc.line, f->end_loc.col);
	fputs(" ret=", out);
	put_str(out, f->ret_type);
	fprintf(out, " nlocals=%u\n    (params", f->nlocals);
	for (unsigned i = 0; i < f->nparams; i++) {
		fputs(" (", out);
		put_str(out, f->params[i].name);
		fputc(' ', out);
		put_str(out, f->params[i].type);
		fputc(')', out);
	}
	fputs(")\n", out);
	ir_dump_node(out, ir_func_body(f), 2);
	fputs(")\n", out);
}

void ir_dump_tu(FILE *out, const struct ir_tu *tu)
{
	fputs("(tu ", out);
	put_str(out, tu->path);
	if (!tu->parsed) {
		fputs(" not-parsed ", out);
		put_str(out, tu->fail_reason);
		fputs(")\n", out);
		return;
	}
	fprintf(out, " errors=%u\n", tu->nerrors);
	for (unsigned i = 0; i < tu->ndiags; i++) {
		const struct ir_diag *d = &tu->diags[i];
		fprintf(out, "  (diag %s ",
			d->severity == IR_DIAG_FATAL   ? "fatal"
			: d->severity == IR_DIAG_ERROR ? "error"
						       : "warning");
		put_loc(out, d->loc);
		fputc(' ', out);
		put_str(out, d->text);
		fputs(")\n", out);
	}
	for (unsigned i = 0; i < tu->nfuncs; i++)
		ir_dump_func(out, tu->funcs[i]);
	for (unsigned i = 0; i < tu->ntables; i++) {
		const struct ir_reg_table *t = tu->tables[i];
		fputs("  (table ", out);
		put_str(out, t->name);
		fputs(" at=", out);
		put_loc(out, t->loc);
		if (t->has_terminator)
			fputs(" terminated", out);
		for (unsigned j = 0; j < t->nentries; j++) {
			const struct ir_reg_entry *e = &t->entries[j];
			fprintf(out, "\n    (entry %u:%u major=%d", e->loc.line, e->loc.col,
				e->major);
			if (e->major_name) {
				fputc(' ', out);
				put_str(out, e->major_name);
			}
			if (e->flags_known)
				fprintf(out, " flags=0x%llx", e->flags);
			else
				fputs(" flags=?", out);
			fputs(" pre=", out);
			put_str(out, e->pre);
			fputs(" post=", out);
			put_str(out, e->post);
			fputc(')', out);
		}
		fputs(")\n", out);
	}
	fputs(")\n", out);
}
