/*
 * The per-root result cache of the engine: a key for the analysis of one
 * root (a callback or work routine) that covers everything the analysis
 * reads, and the text form of what it produced (its findings, the facts it
 * handed to the routines it queued, whether it stopped early).
 *
 * The key hashes: the build and the rules (the caller's salt); whether the
 * program completes pended operations anywhere; the root's content hash,
 * roles, registration entries and the facts the routines' queuers gave it so
 * far (with those queuers' entries); whether the post-ops its entries name
 * call FltReissueSynchronousIo; and, following the calls of the summaries
 * from the root, the content hash of every function it may inline (or that
 * the name is not defined), plus whether each routine its queueing calls
 * name exists. The engine analyzes roots in a fixed order, so computing the
 * key just before a root would be analyzed sees the same facts the analysis
 * would.
 */
#ifndef FLTCHECK_ROOTCACHE_H
#define FLTCHECK_ROOTCACHE_H

#include <stdbool.h>
#include "finding.h"
#include "program.h"
#include "summary.h"

/* What the engine asks of a store of root results (both may be NULL). */
struct engine_cache {
	/* The stored text for key, or NULL (valid until the scan ends). */
	const char *(*get)(void *ctx, const char *key);
	void (*put)(void *ctx, const char *key, const char *text);
	void *ctx;
	const char *salt; /* the build and the enabled rules */
	unsigned hits, misses;
};

/* A fact one root gave another function: queued it (from a pre-op) or handed it a pended op. */
struct root_effect {
	bool owns; /* owns_pended; else a queue fact */
	struct pfunc *target;
	struct majorset majors;
	unsigned kinds;
};

struct root_result {
	struct findings findings;
	struct root_effect *effects;
	unsigned neffects, cap;
	bool incomplete;
	unsigned long visits;
};

struct rootkey_ctx; /* reused across roots: marks of visited functions */

struct rootkey_ctx *rootkey_new(const struct program *p);
void rootkey_free(struct rootkey_ctx *k);
void rootkey_compute(struct rootkey_ctx *k, const struct pfunc *root, const char *salt,
		     char out[SUMMARY_HASH_HEX]);

void root_result_effect(struct root_result *r, const struct root_effect *e);
/* The text form (heap); NULL when the result cannot be kept (a link with a newline). */
char *root_result_encode(const struct root_result *r);
/*
 * Parses text, resolving effect targets in p; appends the findings to out
 * (keeping the first of equal ones, as findings_add does) and the effects to
 * r. Returns -1, with out unchanged, when text is not a valid result.
 */
int root_result_decode(const char *text, const struct program *p, struct findings *out,
		       struct root_result *r);
void root_result_free(struct root_result *r);

#endif
