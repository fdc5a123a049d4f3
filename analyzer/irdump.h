/*
 * A readable S-expression dump of the IR (ir.h), for tests and debugging:
 * functions with their parameters and bodies, registration tables and
 * diagnostics. The format is for people and golden tests, not a stable
 * interchange format.
 */
#ifndef FLTCHECK_IRDUMP_H
#define FLTCHECK_IRDUMP_H

#include <stdio.h>
#include "ir.h"

/* Dumps the whole translation unit. */
void ir_dump_tu(FILE *out, const struct ir_tu *tu);
/* Dumps one function, or one node and its subtree at the given indentation. */
void ir_dump_func(FILE *out, const struct ir_func *f);
void ir_dump_node(FILE *out, const struct ir_node *n, int indent);

/* Lower-case names, e.g. "compound", "seh_try"; "add_assign", "lnot". Static strings. */
const char *ir_kind_name(enum ir_kind k);
const char *ir_op_name(enum ir_op op);

#endif
