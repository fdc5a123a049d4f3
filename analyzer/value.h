/*
 * Abstract values of the path analysis. A value set (vset) is the small set
 * of things an expression may be on one path: constants that remember what
 * they are (a FLT_PREOP_* enumerator, an NTSTATUS, a bare number, ...) and
 * symbols that stand for parts of the operation (the callback data, its
 * major function, the result of a queue call). A set that grew too large,
 * or an expression we do not model, is "top": anything.
 *
 * Value sets are immutable once built and owned by the analysis arena.
 */
#ifndef FLTCHECK_VALUE_H
#define FLTCHECK_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include "ir.h"

enum vtag {
	VT_NUM,      /* a bare number */
	VT_PREOP,    /* a FLT_PREOP_CALLBACK_STATUS enumerator */
	VT_POSTOP,   /* a FLT_POSTOP_CALLBACK_STATUS enumerator */
	VT_NTSTATUS, /* a constant of type NTSTATUS (STATUS_*) */
	VT_BOOL,     /* TRUE / FALSE */
	VT_ENUM,     /* an enumerator of some other enum */
	VT_SYM,      /* a symbol, see enum vsym */
};

enum vsym {
	SYM_DATA,      /* the operation's callback data */
	SYM_IOPB,      /* Data->Iopb */
	SYM_MAJOR,     /* Data->Iopb->MajorFunction */
	SYM_FLAGS,     /* Data->Flags */
	SYM_FLAGS_AND, /* Data->Flags & v */
	SYM_IOSTATUS,  /* Data->IoStatus */
	SYM_CTXPTR,    /* the pre-op's CompletionContext parameter */
	SYM_SYNC,      /* the result of FltIsOperationSynchronous */
	SYM_CALLRES,   /* the status returned by the call at site v */
	SYM_ALLOC,     /* the pointer returned by the allocation at site v */
	SYM_REMOVED,   /* the callback data removed from a queue at site v */
	SYM_ADDR,      /* the address of something: never NULL */
	SYM_PARAMS,    /* Data->Iopb->Parameters */
	SYM_QUERYINFO, /* ...Parameters.QueryFileInformation */
	SYM_INFOCLASS, /* ...QueryFileInformation.FileInformationClass */
	SYM_WORKCTX,   /* a generic work routine's context, which carries a pended operation */
};

struct aval {
	uint8_t tag;
	uint8_t sym;
	int64_t v;
	const char *name; /* spelling for messages (enumerator, macro); not part of identity */
};

#define VSET_MAX 8

struct vset {
	uint8_t top;
	uint8_t n;
	struct aval a[VSET_MAX];
};

extern const struct vset vset_top;

bool aval_eq(const struct aval *x, const struct aval *y);
bool vset_eq(const struct vset *x, const struct vset *y);
/* True when some element is the given constant (tag and value). */
bool vset_has_const(const struct vset *s, enum vtag tag, long long v);
/* True when some element is the given symbol. */
bool vset_has_sym(const struct vset *s, enum vsym sym);
/* Spelling of one value for messages, e.g. "FLT_PREOP_SYNCHRONIZE" or "the number 0". */
const char *aval_text(const struct aval *a, char *buf, unsigned n);

#endif
