/*
 * ScanGuard: an example access-control and scanning minifilter, written for
 * the fltcheck corpus. It has no M1 finding; every file here is analyzed as
 * part of one program.
 *
 *   scanguard.c  registration, DriverEntry, unload, instance setup/teardown
 *   operations.c pre- and post-operation callbacks
 *   queue.c      cancel-safe write queue, scanner thread, deferred worker
 *   policy.c     policy lookups and buffer scanning helpers
 *
 * What it does:
 *   - creates of denied names are completed with STATUS_ACCESS_DENIED;
 *   - creates that need a verdict from the (PASSIVE_LEVEL) policy store are
 *     pended to a deferred I/O work item, which completes them;
 *   - synchronous writes are scanned inline and synchronized, so the
 *     post-write can update the stream context; asynchronous writes are
 *     pended to a per-instance cancel-safe queue drained by a scanner thread;
 *   - reads and QUERY_INFORMATION share one pre-op that blocks infected files,
 *     refusing fast I/O so that it comes back as an IRP;
 *   - deletes and renames of protected files are denied; renames of other
 *     files are synchronized and audited in the post-op.
 */
#ifndef SCANGUARD_H
#define SCANGUARD_H

#include <fltKernel.h>

#define SG_TAG 'dGcS'

typedef enum _SG_VERDICT {
	SgVerdictAllow,
	SgVerdictDeny
} SG_VERDICT;

typedef struct _SG_GLOBALS {
	PFLT_FILTER Filter;
	FAST_MUTEX PolicyLock;
} SG_GLOBALS;

extern SG_GLOBALS SgGlobals;

typedef struct _SG_INSTANCE_CONTEXT {
	FLT_CALLBACK_DATA_QUEUE WriteQueue;
	LIST_ENTRY WriteList;
	KSPIN_LOCK WriteLock;
	KEVENT WorkReady;
	KEVENT ScannerExited;
	volatile LONG Stopping;
	BOOLEAN ScannerStarted;
} SG_INSTANCE_CONTEXT, *PSG_INSTANCE_CONTEXT;

typedef struct _SG_STREAM_CONTEXT {
	BOOLEAN Infected;
	volatile LONG WritesSinceScan;
} SG_STREAM_CONTEXT, *PSG_STREAM_CONTEXT;

/* operations.c */
FLT_PREOP_CALLBACK_STATUS FLTAPI SgPreCreate(PFLT_CALLBACK_DATA Data,
					     PCFLT_RELATED_OBJECTS FltObjects,
					     PVOID *CompletionContext);
FLT_POSTOP_CALLBACK_STATUS FLTAPI SgPostCreate(PFLT_CALLBACK_DATA Data,
					       PCFLT_RELATED_OBJECTS FltObjects,
					       PVOID CompletionContext,
					       FLT_POST_OPERATION_FLAGS Flags);
FLT_PREOP_CALLBACK_STATUS FLTAPI SgPreReadOrQuery(PFLT_CALLBACK_DATA Data,
						  PCFLT_RELATED_OBJECTS FltObjects,
						  PVOID *CompletionContext);
FLT_PREOP_CALLBACK_STATUS FLTAPI SgPreWrite(PFLT_CALLBACK_DATA Data,
					    PCFLT_RELATED_OBJECTS FltObjects,
					    PVOID *CompletionContext);
FLT_POSTOP_CALLBACK_STATUS FLTAPI SgPostWrite(PFLT_CALLBACK_DATA Data,
					      PCFLT_RELATED_OBJECTS FltObjects,
					      PVOID CompletionContext,
					      FLT_POST_OPERATION_FLAGS Flags);
FLT_PREOP_CALLBACK_STATUS FLTAPI SgPreSetInfo(PFLT_CALLBACK_DATA Data,
					      PCFLT_RELATED_OBJECTS FltObjects,
					      PVOID *CompletionContext);
FLT_POSTOP_CALLBACK_STATUS FLTAPI SgPostSetInfo(PFLT_CALLBACK_DATA Data,
						PCFLT_RELATED_OBJECTS FltObjects,
						PVOID CompletionContext,
						FLT_POST_OPERATION_FLAGS Flags);

/* queue.c */
NTSTATUS SgQueueStart(PFLT_INSTANCE Instance, PSG_INSTANCE_CONTEXT Context);
VOID SgQueueStop(PSG_INSTANCE_CONTEXT Context);
VOID SgQueueWaitStopped(PSG_INSTANCE_CONTEXT Context);
NTSTATUS SgQueueWrite(PSG_INSTANCE_CONTEXT Context, PFLT_CALLBACK_DATA Data);
VOID SgCreateVerdictWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data,
			   PVOID Context);

/* policy.c */
VOID SgPolicyInit(VOID);
BOOLEAN SgPolicyIsDenied(PCUNICODE_STRING Name);
BOOLEAN SgPolicyNeedsVerdict(PCUNICODE_STRING Name);
SG_VERDICT SgPolicyQueryVerdict(PCUNICODE_STRING Name);
BOOLEAN SgPolicyIsProtected(PCUNICODE_STRING Name);
BOOLEAN SgScanBuffer(PVOID Buffer, ULONG Length);
BOOLEAN SgScanWriteBuffer(PFLT_CALLBACK_DATA Data);
VOID SgAuditRename(PCUNICODE_STRING OldName);

#endif /* SCANGUARD_H */
