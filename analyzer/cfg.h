/*
 * Control-flow graphs over the IR of one function. Statement-level control
 * (if, switch with fallthrough and default, loops, goto, break/continue,
 * return, SEH __try/__except/__finally/__leave, C++ try/catch) becomes
 * nodes and edges here; expression-level short-circuits (&&, ||, ?:) are
 * split by the engine when it evaluates a node's expression.
 */
#ifndef FLTCHECK_CFG_H
#define FLTCHECK_CFG_H

#include <stdio.h>
#include "ir.h"

enum cfg_node_kind {
	CN_ENTRY,
	CN_NOP,          /* join points, labels, loop heads */
	CN_EXPR,         /* evaluate node->ir (an expression or an IR_DECL) for its effects */
	CN_BRANCH,       /* node->ir is a condition; succ edges EDGE_TRUE / EDGE_FALSE */
	CN_SWITCH,       /* node->ir is the controlling expression; EDGE_CASE / EDGE_DEFAULT */
	CN_RETURN,       /* node->ir is the value or NULL; ends the path */
	CN_RETURN_SAVE,  /* evaluate and keep the value; __finally blocks follow */
	CN_RETURN_SAVED, /* return the kept value; ends the path */
	CN_END,          /* falling off the closing brace; ends the path */
	CN_SEH_FILTER,   /* an __except filter expression */
};

enum cfg_edge_kind {
	EDGE_NORMAL,
	EDGE_TRUE,
	EDGE_FALSE,
	EDGE_CASE,      /* case_value valid when case_known */
	EDGE_DEFAULT,   /* switch default, or no default: none of the cases */
	EDGE_EXCEPTION, /* to an __except or catch handler */
};

struct cfg_node;

struct cfg_edge {
	struct cfg_node *to;
	enum cfg_edge_kind kind;
	long long case_value;
	int case_known;
};

struct cfg_node {
	unsigned id;
	enum cfg_node_kind kind;
	const struct ir_node *ir;
	struct ir_loc loc;
	struct cfg_edge *succ;
	unsigned nsucc, capsucc;
	unsigned npred;
	int has_call;
};

struct cfg {
	struct cfg_node **nodes; /* nodes[0] is the entry */
	unsigned n, cap;
	struct cfg_node *entry;
	/* Live local variables at the entry of each node (after cfg_liveness):
	 * bit i of live[node * words + i / 32]; address-taken locals are always live. */
	unsigned words;
	unsigned *live;
};

/*
 * Builds the CFG of f. Everything is allocated from arena a, which must
 * outlive the graph.
 */
struct cfg *cfg_build(struct arena *a, const struct ir_func *f);

/*
 * Computes which locals are live at each node: read later on some path
 * before being assigned again. Locals whose address is taken count as live
 * everywhere.
 */
void cfg_liveness(struct arena *a, struct cfg *g, const struct ir_func *f);
/* Is local 'id' live on entry to node n? (Always true before cfg_liveness.) */
int cfg_live(const struct cfg *g, const struct cfg_node *n, int id);

/* Writes a line per node, for tests and --debug-cfg. */
void cfg_dump(FILE *out, const struct cfg *g);

#endif
