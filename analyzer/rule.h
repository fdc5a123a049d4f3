/*
 * The interface between the engine and the rules: the only header a rule
 * includes. The engine explores every path of every callback and work
 * routine, and at the points that matter (a return, a call of a routine that
 * pends or completes an operation, the end of a path) it hands each enabled
 * rule an event with a read-only view of what holds on that path. A rule
 * decides and calls rule_report; it never walks the AST.
 */
#ifndef FLTCHECK_RULE_H
#define FLTCHECK_RULE_H

#include <stdbool.h>
#include "facts.h"
#include "ir.h"
#include "value.h"

enum rule_severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };

/* Roles a function plays in the program; a function may have several. */
enum fn_role {
	ROLE_PREOP = 1u << 0,
	ROLE_POSTOP = 1u << 1,
	ROLE_DEFERRED_WORKER = 1u << 2, /* FltQueueDeferredIoWorkItem routine */
	ROLE_GENERIC_WORKER = 1u << 3,  /* FltQueueGenericWorkItem routine */
	ROLE_CANCEL_CALLBACK = 1u << 4, /* FltCbdqInitialize CompleteCanceledIo */
	ROLE_SAFE_POST = 1u << 5,       /* FltDoCompletionProcessingWhenSafe routine */
	ROLE_DEQUEUER = 1u << 6,        /* takes pended operations off a cancel-safe queue */
};

enum ev_kind {
	EV_RETURN,   /* a return of the analyzed function (value = returned values) */
	EV_CALL,     /* a call of an API the engine models (api set; value = its status argument) */
	EV_PATH_END, /* a path of the analyzed function ends (after EV_RETURN, or at the '}') */
};

enum iostatus_state {
	IOS_UNSET,   /* Data->IoStatus.Status not written on this path */
	IOS_SET,     /* written; values in iostatus_values */
	IOS_UNKNOWN, /* the data went to code we cannot see, which may have set it */
};

enum handoff_state {
	HANDOFF_NONE,      /* the operation was not given to anything */
	HANDOFF_UNCHECKED, /* a queue call's result was ignored */
	HANDOFF_FAILED,    /* the queue call failed on this path */
	HANDOFF_OK,        /* queued and the queue call succeeded */
	HANDOFF_ESCAPED,   /* passed to code we cannot see */
	HANDOFF_STORED,    /* stored in memory (a list, a context) for later use */
};

struct path_view {
	unsigned kinds;                /* KIND_* the operation may be on this path */
	bool kinds_known;              /* false for callbacks no registration names */
	const struct majorset *majors; /* major functions possible on this path */
	bool sync_established;         /* FltIsOperationSynchronous(Data) was true */
	enum iostatus_state iostatus;
	const struct vset *iostatus_values;
	bool ctx_nonnull; /* *CompletionContext holds a non-NULL value */
	enum handoff_state handoff;
	const char *handoff_api; /* the queue routine involved, if any */
	bool pend_flagged;       /* pend-non-irp was already reported at a call on this path */
	unsigned completions;    /* FltCompletePendedPreOperation calls on this data so far */
	bool owns_pended; /* EV_PATH_END: a pended operation this path owns is not completed */
	const char *owned_what; /* what that operation is, for messages */
	bool program_completes; /* some function of the program calls FltCompletePendedPreOperation
				 */
};

struct pfunc;

struct rule_event {
	enum ev_kind kind;
	const struct pfunc *fn; /* the callback or routine being analyzed */
	unsigned roles;         /* its ROLE_* bits */
	const char *fn_name;
	const struct api_info *api; /* EV_CALL */
	const struct vset *value;   /* EV_RETURN: returned; EV_CALL: status argument or NULL */
	const struct vset *context; /* EV_CALL: context argument or NULL */
	struct ir_loc loc;          /* where a finding is reported */
	struct path_view path;
	void *priv; /* engine data used by rule_report */
};

struct rule {
	const char *id;
	const char *title;
	enum rule_severity severity;
	const char *milestone;
	void (*check)(const struct rule *self, const struct rule_event *ev);
};

/*
 * Reports a finding of rule r at ev->loc, with the path of the event as
 * notes. 'last_step' (may be NULL) is the final note, at ev->loc. At most one
 * finding per rule and location is kept.
 */
void rule_report(const struct rule *r, const struct rule_event *ev, const char *last_step,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Like rule_report, with a related location (a registration entry, say). */
void rule_report_related(const struct rule *r, const struct rule_event *ev,
			 const struct ir_loc *related, const char *related_msg,
			 const char *last_step, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Registration facts a rule may ask about the analyzed callback. */
/* True when some entry registering ev->fn as a pre-op for major mj has no post-op; *where gets its
 * location. */
bool rule_entry_lacks_postop(const struct rule_event *ev, unsigned mj, struct ir_loc *where);
/*
 * Finds a registration entry of ev->fn (or of the pre-ops that queued it)
 * for a major function possible on this path that can be of one of 'kinds';
 * stores its location and major. Returns false when there is none.
 */
bool rule_kind_origin(const struct rule_event *ev, unsigned kinds, struct ir_loc *where,
		      unsigned *major);
/* Reports like rule_report, with the registration entry that makes the kind possible as a note. */
void rule_report_kind(const struct rule *r, const struct rule_event *ev, unsigned kinds,
		      const char *last_step, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* True when the post-op paired with ev->fn for IRP_MJ_CREATE calls FltReissueSynchronousIo. */
bool rule_create_postop_reissues(const struct rule_event *ev);

/* Convenience: does the path allow an operation of any of these kinds? */
static inline bool rule_may_be(const struct rule_event *ev, unsigned kinds)
{
	return (ev->path.kinds & kinds) != 0;
}

/* Does the event's value include this FLT_PREOP_* enumerator? */
static inline bool rule_value_is_preop(const struct rule_event *ev, long long v)
{
	return vset_has_const(ev->value, VT_PREOP, v);
}

/* Is this a return from a pre-operation callback (registered or by signature)? */
static inline bool rule_preop_return(const struct rule_event *ev)
{
	return ev->kind == EV_RETURN && (ev->roles & ROLE_PREOP) && !(ev->roles & ROLE_POSTOP);
}

/* Does the path's IoStatus.Status hold a failure code (NT_SUCCESS false)? */
bool rule_status_may_fail(const struct rule_event *ev);

/* Every rule, in id order; NULL-terminated. */
extern const struct rule *const rule_table[];
const struct rule *rule_find(const char *id);
/* The documentation of a rule (rules/<id>.md), or NULL. */
const char *rule_doc(const char *id);
const char *rule_severity_name(enum rule_severity s);

#endif
