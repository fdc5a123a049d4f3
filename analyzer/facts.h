/*
 * Fixed facts about the minifilter world that the engine and the rules
 * share: the operation kinds, what each IRP_MJ code can be, the status enum
 * values, and the table of Filter Manager routines that matter (api.def).
 * These are data, not logic: a rule asks "which kinds can major X be?", it
 * does not know the answer itself.
 */
#ifndef FLTCHECK_FACTS_H
#define FLTCHECK_FACTS_H

#include <stdbool.h>
#include <stdint.h>

/* Operation kinds (FLT_CALLBACK_DATA.Flags bits 0x1, 0x2, 0x4). */
enum {
	KIND_IRP = 1u << 0,
	KIND_FASTIO = 1u << 1,
	KIND_FSFILTER = 1u << 2,
	KIND_ALL = KIND_IRP | KIND_FASTIO | KIND_FSFILTER,
};

/* FLT_PREOP_CALLBACK_STATUS and FLT_POSTOP_CALLBACK_STATUS values. */
enum {
	PREOP_SUCCESS_WITH_CALLBACK = 0,
	PREOP_SUCCESS_NO_CALLBACK = 1,
	PREOP_PENDING = 2,
	PREOP_DISALLOW_FASTIO = 3,
	PREOP_COMPLETE = 4,
	PREOP_SYNCHRONIZE = 5,
	PREOP_DISALLOW_FSFILTER_IO = 6,
	POSTOP_FINISHED_PROCESSING = 0,
	POSTOP_MORE_PROCESSING_REQUIRED = 1,
	POSTOP_DISALLOW_FSFILTER_IO = 2,
};

/* IRP_MJ codes that rules name. */
enum {
	MJ_CREATE = 0x00,
	MJ_CLOSE = 0x02,
	MJ_READ = 0x03,
	MJ_WRITE = 0x04,
	MJ_QUERY_INFORMATION = 0x05,
	MJ_CLEANUP = 0x12,
	MJ_OPERATION_END = 0x80,
};

#define STATUS_PENDING_VALUE 0x103

/* A set of major function codes (0..255). */
struct majorset {
	uint64_t w[4];
};

void majorset_all(struct majorset *s);
void majorset_clear(struct majorset *s);
void majorset_add(struct majorset *s, unsigned mj);
bool majorset_has(const struct majorset *s, unsigned mj);
bool majorset_empty(const struct majorset *s);
bool majorset_is_all(const struct majorset *s);

/* The kinds an operation with this major function can be. */
unsigned facts_major_kinds(unsigned mj);
/* Union of facts_major_kinds over the set. */
unsigned facts_majorset_kinds(const struct majorset *s);
/* "IRP_MJ_READ", or NULL for an unknown code. Static string. */
const char *facts_major_name(unsigned mj);
const char *facts_preop_name(long long v);
const char *facts_postop_name(long long v);
/* "IRP", "fast I/O", "FsFilter" joined with " or ". Static buffer per call site: copy it. */
const char *facts_kinds_text(unsigned kinds, char *buf, unsigned n);

/* What a Filter Manager routine does, from analyzer/api.def. */
enum api_kind {
	API_NONE,
	API_QUEUE_DEFERRED, /* FltQueueDeferredIoWorkItem: pends Data on success */
	API_QUEUE_GENERIC,  /* FltQueueGenericWorkItem: hands its context to a routine */
	API_CBDQ_INSERT,    /* FltCbdqInsertIo: pends Data on success */
	API_CBDQ_INIT,      /* FltCbdqInitialize: names the queue callbacks */
	API_CBDQ_REMOVE,    /* FltCbdqRemoveIo / RemoveNextIo: returns an owned pended Data */
	API_COMPLETE_PRE,   /* FltCompletePendedPreOperation */
	API_COMPLETE_POST,  /* FltCompletePendedPostOperation */
	API_ALLOC,          /* returns memory or a work item, or NULL */
	API_IS_SYNC,        /* FltIsOperationSynchronous */
	API_DO_WHEN_SAFE,   /* FltDoCompletionProcessingWhenSafe */
	API_REISSUE,        /* FltReissueSynchronousIo */
	API_NORETURN,       /* never returns */
	API_NEUTRAL,        /* takes Data but neither keeps nor completes it */
};

struct api_info {
	const char *name;
	enum api_kind kind;
	int data_arg;    /* index of the callback data argument, or -1 */
	int routine_arg; /* index of the routine argument, or -1 */
	int status_arg;  /* index of a status argument, or -1 */
	int context_arg; /* index of a context argument, or -1 */
};

/* The entry for a routine name, or NULL when fltcheck knows nothing of it. */
const struct api_info *facts_api(const char *name);

#endif
