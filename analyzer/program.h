/*
 * The whole-program model: every function and registration table of every
 * translation unit, linked by name. It knows which functions are pre- and
 * post-operation callbacks (and for which majors, through which registration
 * entries), which are work routines (through the routine arguments of the
 * queueing routines), and which only match a callback signature. The engine
 * analyzes the program; the rules read what the engine found.
 */
#ifndef FLTCHECK_PROGRAM_H
#define FLTCHECK_PROGRAM_H

#include <stdbool.h>
#include "arena.h"
#include "cfg.h"
#include "facts.h"
#include "finding.h"
#include "ir.h"

struct reg_use {
	const struct ir_reg_table *table;
	const struct ir_reg_entry *entry;
};

struct pfunc {
	const struct ir_func *f;
	const struct ir_tu *tu;
	unsigned roles;           /* enum fn_role bits */
	bool from_signature;      /* callback role known only from its signature */
	struct reg_use *pre_uses; /* entries naming it as pre-operation callback */
	unsigned npre_uses;
	struct reg_use *post_uses; /* entries naming it as post-operation callback */
	unsigned npost_uses;
	struct cfg *cfg; /* built on first use, in the program arena */
	/* Facts learned from the functions that queue this one. */
	bool queued_from_pre; /* queued by a pre-op (or its helpers) */
	bool owns_pended;     /* a generic routine whose context carries a pended operation */
	struct majorset queued_majors;
	unsigned queued_kinds;
	bool calls_reissue;       /* calls FltReissueSynchronousIo, directly or through helpers */
	bool calls_complete_pre;  /* calls FltCompletePendedPreOperation, directly */
	bool body_unparsed;       /* its body had parse errors */
	struct pfunc *queuers[4]; /* pre-ops that queued this routine */
	unsigned nqueuers;
	const struct ir_fsum *sum; /* what the link knows of the body (summary.h) */
	unsigned index;            /* in program.funcs */
};

struct program {
	struct arena arena;
	struct pfunc **funcs;
	unsigned nfuncs;
	struct ir_reg_table **tables;
	unsigned ntables;
	bool completes_anywhere;   /* some function calls FltCompletePendedPreOperation */
	unsigned long stat_visits; /* (node, state) pairs the engine explored */
	unsigned stat_incomplete;  /* functions whose exploration hit the budget */
	struct pfunc **index;      /* open-addressing hash by link name */
	unsigned index_cap;
};

void program_init(struct program *p);
/* Adds the functions and tables of tu, which must outlive the program. */
void program_add_tu(struct program *p, const struct ir_tu *tu);
/* Links names, finds callbacks and routines. Call after the last program_add_tu. */
void program_link(struct program *p);
struct pfunc *program_find(const struct program *p, const char *link);
/*
 * The program functions that argument 'arg' of the call 'call' (inside f)
 * may name: directly, through a conditional expression, or through a local
 * variable assigned a function anywhere in f. Returns how many were stored.
 */
unsigned program_routines_of(const struct program *p, const struct ir_func *f,
			     const struct ir_node *call, int arg, struct pfunc **out, unsigned max);
/* The CFG of fn, built on first use. */
struct cfg *program_cfg(struct program *p, struct pfunc *fn);
void program_release(struct program *p);

struct engine_cache; /* rootcache.h */

/* The most threads engine_run uses. */
#define ENGINE_MAX_THREADS 64

/*
 * Runs the path analysis of every callback and work routine and the enabled
 * rules (enabled[i] for rule_table[i]); findings are appended to out. With a
 * cache (may be NULL), a root whose key the cache knows is not analyzed
 * again: its stored result is used (see rootcache.h). The roots are analyzed
 * on up to nthreads threads; the result does not depend on their number.
 */
void engine_run(struct program *p, const bool *enabled, struct findings *out,
		struct engine_cache *cache, unsigned nthreads);

#endif
