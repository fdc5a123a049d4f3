/*
 * Function summaries: what the whole-program link needs to know of a
 * function's body, and a hash of all of it, so that the link can run without
 * decoding the bodies of cached units and the engine can tell whether the
 * analysis of a callback would read anything that changed.
 *
 * A summary is built from the body once (summary_build) and then travels
 * with the function in the TU cache (irser.c). The link reads only
 * summaries: the calls, the routine arguments of the queueing APIs and a few
 * API facts. Everything is kept in the order the body mentions it, so that
 * the link resolves names exactly as a walk over the body would.
 */
#ifndef FLTCHECK_SUMMARY_H
#define FLTCHECK_SUMMARY_H

#include <stdbool.h>
#include "arena.h"
#include "ir.h"

/* Hex digits of a function's content hash (128 bits). */
#define SUMMARY_HASH_HEX 33

enum {
	SUM_COMPLETE_PRE = 1u << 0, /* calls FltCompletePendedPreOperation */
	SUM_REISSUE = 1u << 1,      /* calls FltReissueSynchronousIo */
	SUM_DEQUEUER = 1u << 2,     /* calls FltCbdqRemoveIo / RemoveNextIo */
	SUM_ALL = (1u << 3) - 1,
};

/* A direct call: the callee's link name, and whether facts.c knows it as an API. */
struct sum_call {
	const char *link;
	bool api;
};

/*
 * One call of an API that takes a routine (FltQueueDeferredIoWorkItem...):
 * the API kind (enum api_kind) and the link names its routine argument may
 * name, in the order program_routines_of would find them.
 */
struct sum_queue {
	unsigned kind;
	const char **links;
	unsigned nlinks;
};

struct ir_fsum {
	char hash[SUMMARY_HASH_HEX]; /* the whole function: header, body, locations */
	unsigned flags;              /* SUM_* */
	struct sum_call *calls;      /* unique by (link, api), first mention first */
	unsigned ncalls;
	struct sum_queue *queues; /* in body order */
	unsigned nqueues;
};

/* Builds f's summary in arena a (f must have its body). */
struct ir_fsum *summary_build(const struct ir_func *f, struct arena *a);

/* Builds the summaries that tu's functions with a body do not have yet. */
void summary_tu(struct ir_tu *tu);

/*
 * The summary of f (a function of tu): its own, or one built now in tu's
 * arena and kept in f (decoding a lazily read body first).
 */
const struct ir_fsum *summary_of(const struct ir_tu *tu, const struct ir_func *f);

/* e without the casts and address-of operators around it. */
const struct ir_node *summary_strip_casts(const struct ir_node *e);

/*
 * The link names that argument 'arg' of the call 'call' (inside f) may name
 * as a function: directly, through a conditional expression, or through a
 * local variable assigned a function anywhere in f; at most max, unique, in
 * the order of the walk. Returns how many were stored.
 */
unsigned summary_routine_links(const struct ir_func *f, const struct ir_node *call, int arg,
			       const char **out, unsigned max);

/* A 128-bit hash of n bytes, written as ir_fsum.hash is (for the root cache's keys). */
void summary_hash_bytes(const void *p, size_t n, char out[SUMMARY_HASH_HEX]);

/* The most routine links kept per queueing call. */
#define SUMMARY_MAX_LINKS 64

#endif
