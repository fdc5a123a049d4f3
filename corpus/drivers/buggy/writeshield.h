/*
 * WriteShield: an example write-protection and audit minifilter with
 * deliberate bugs, written for the fltcheck corpus (the README's example).
 * The directory is analyzed as one program.
 *
 *   writeshield.c registration, DriverEntry, unload, instance callbacks
 *   operations.c  pre- and post-operation callbacks (six bugs)
 *   workers.c     audit work routine, hold queue, helpers (two bugs)
 *
 * What it means to do:
 *   - on read-only-policy volumes, opens for write are denied;
 *   - opens of audited files are pended while a worker logs them;
 *   - reads and queries of files "on hold" are parked in a cancel-safe
 *     queue until the auditor releases them;
 *   - writes to tracked files are synchronized for the post-write journal;
 *   - tracked files cannot be deleted, nor closed with an unflushed journal;
 *   - directory queries are post-processed.
 */
#ifndef WRITESHIELD_H
#define WRITESHIELD_H

#include <fltKernel.h>

#define WS_TAG 'hSsW'

typedef struct _WS_INSTANCE_CONTEXT {
	FLT_CALLBACK_DATA_QUEUE HoldQueue;
	LIST_ENTRY HoldList;
	KSPIN_LOCK HoldLock;
	volatile LONG Stopping;
	BOOLEAN ReadOnlyPolicy;
} WS_INSTANCE_CONTEXT, *PWS_INSTANCE_CONTEXT;

extern PFLT_FILTER WsFilter;

/* operations.c */
FLT_PREOP_CALLBACK_STATUS FLTAPI WsPreCreate(PFLT_CALLBACK_DATA Data,
					     PCFLT_RELATED_OBJECTS FltObjects,
					     PVOID *CompletionContext);
FLT_PREOP_CALLBACK_STATUS FLTAPI WsPreReadOrQuery(PFLT_CALLBACK_DATA Data,
						  PCFLT_RELATED_OBJECTS FltObjects,
						  PVOID *CompletionContext);
FLT_PREOP_CALLBACK_STATUS FLTAPI WsPreWrite(PFLT_CALLBACK_DATA Data,
					    PCFLT_RELATED_OBJECTS FltObjects,
					    PVOID *CompletionContext);
FLT_POSTOP_CALLBACK_STATUS FLTAPI WsPostWrite(PFLT_CALLBACK_DATA Data,
					      PCFLT_RELATED_OBJECTS FltObjects,
					      PVOID CompletionContext,
					      FLT_POST_OPERATION_FLAGS Flags);
FLT_PREOP_CALLBACK_STATUS FLTAPI WsPreSetInfo(PFLT_CALLBACK_DATA Data,
					      PCFLT_RELATED_OBJECTS FltObjects,
					      PVOID *CompletionContext);
FLT_PREOP_CALLBACK_STATUS FLTAPI WsPreCleanup(PFLT_CALLBACK_DATA Data,
					      PCFLT_RELATED_OBJECTS FltObjects,
					      PVOID *CompletionContext);
FLT_PREOP_CALLBACK_STATUS FLTAPI WsPreDirCtrl(PFLT_CALLBACK_DATA Data,
					      PCFLT_RELATED_OBJECTS FltObjects,
					      PVOID *CompletionContext);
FLT_POSTOP_CALLBACK_STATUS FLTAPI WsPostDirCtrl(PFLT_CALLBACK_DATA Data,
						PCFLT_RELATED_OBJECTS FltObjects,
						PVOID CompletionContext,
						FLT_POST_OPERATION_FLAGS Flags);

/* workers.c */
NTSTATUS WsHoldQueueInit(PFLT_INSTANCE Instance, PWS_INSTANCE_CONTEXT Context);
VOID WsReleaseHeldOperations(PWS_INSTANCE_CONTEXT Context);
VOID WsAuditCreateWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data,
			 PVOID Context);
BOOLEAN WsNeedsAudit(PCUNICODE_STRING Name);
BOOLEAN WsIsOnHold(PFILE_OBJECT FileObject);
BOOLEAN WsIsTracked(PFILE_OBJECT FileObject);
BOOLEAN WsHasUnflushedJournal(PFILE_OBJECT FileObject);
VOID WsJournalWrite(PFILE_OBJECT FileObject, ULONG Length);
VOID WsPlaceHold(VOID);
VOID WsLiftHold(PWS_INSTANCE_CONTEXT Context);

#endif /* WRITESHIELD_H */
