/*
 * WriteShield pre- and post-operation callbacks. Each BUG comment explains
 * what goes wrong at run time; the expect comment names the finding.
 */
#include "writeshield.h"

static BOOLEAN
WsWantsWriteAccess(PFLT_CALLBACK_DATA Data)
{
	ACCESS_MASK access = Data->Iopb->Parameters.Create.SecurityContext->DesiredAccess;

	return (access & (FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE)) != 0;
}

/*
 * IRP_MJ_CREATE: deny write opens on read-only-policy volumes; pend opens
 * of audited files to WsAuditCreateWorker (workers.c).
 */
FLT_PREOP_CALLBACK_STATUS FLTAPI
WsPreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	PWS_INSTANCE_CONTEXT ictx = NULL;
	PFLT_DEFERRED_IO_WORKITEM wi;
	BOOLEAN readOnly = FALSE;
	NTSTATUS status;

	if (Data->RequestorMode == KernelMode) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (NT_SUCCESS(FltGetInstanceContext(FltObjects->Instance, (PFLT_CONTEXT *)&ictx))) {
		readOnly = ictx->ReadOnlyPolicy;
		FltReleaseContext(ictx);
	}
	if (readOnly && WsWantsWriteAccess(Data)) {
		/*
		 * BUG: the status is never set, so the caller sees whatever
		 * IoStatus.Status held (often STATUS_SUCCESS: an "open" with
		 * no file behind it). Needs Data->IoStatus.Status =
		 * STATUS_MEDIA_WRITE_PROTECTED first.
		 */
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE; // expect: complete-without-status
	}
	if (!WsNeedsAudit(&FltObjects->FileObject->FileName)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	status = FltQueueDeferredIoWorkItem(wi, Data, WsAuditCreateWorker, DelayedWorkQueue, NULL);
	if (!NT_SUCCESS(status)) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	/* Correct here; the bug is in WsAuditCreateWorker (workers.c). */
	return FLT_PREOP_PENDING;
}

/*
 * IRP_MJ_READ and IRP_MJ_QUERY_INFORMATION: park operations on held files
 * in the instance's hold queue.
 */
FLT_PREOP_CALLBACK_STATUS FLTAPI
WsPreReadOrQuery(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
		 PVOID *CompletionContext)
{
	PWS_INSTANCE_CONTEXT ictx = NULL;
	NTSTATUS status;

	if (!WsIsOnHold(FltObjects->FileObject)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	status = FltGetInstanceContext(FltObjects->Instance, (PFLT_CONTEXT *)&ictx);
	if (!NT_SUCCESS(status)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	/*
	 * BUG: reads and queries also arrive as fast I/O, and fast I/O cannot
	 * be queued or pended. Return FLT_PREOP_DISALLOW_FASTIO first when
	 * FLT_IS_FASTIO_OPERATION(Data).
	 */
	status = FltCbdqInsertIo(&ictx->HoldQueue, Data, NULL, NULL); // expect: pend-non-irp
	FltReleaseContext(ictx);
	if (!NT_SUCCESS(status)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

/*
 * IRP_MJ_WRITE: writes to tracked files are synchronized so that the
 * post-write can journal them in the writer's context.
 */
FLT_PREOP_CALLBACK_STATUS FLTAPI
WsPreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	if (!FLT_IS_IRP_OPERATION(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!WsIsTracked(FltObjects->FileObject)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	/*
	 * BUG: asynchronous writes (including paging writes from the modified
	 * page writer) are synchronized as well, which can deadlock. Test
	 * FltIsOperationSynchronous(Data) and return
	 * FLT_PREOP_SUCCESS_WITH_CALLBACK when it is FALSE.
	 */
	return FLT_PREOP_SYNCHRONIZE; // expect: sync-async-io
}

FLT_POSTOP_CALLBACK_STATUS FLTAPI
WsPostWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID CompletionContext,
	    FLT_POST_OPERATION_FLAGS Flags)
{
	if (!FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING) && NT_SUCCESS(Data->IoStatus.Status)) {
		WsJournalWrite(FltObjects->FileObject, (ULONG)Data->IoStatus.Information);
	}
	return FLT_POSTOP_FINISHED_PROCESSING;
}

/* IRP_MJ_SET_INFORMATION: tracked files cannot be deleted. */
FLT_PREOP_CALLBACK_STATUS FLTAPI
WsPreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	FILE_INFORMATION_CLASS cls = Data->Iopb->Parameters.SetFileInformation.FileInformationClass;

	if (cls != FileDispositionInformation && cls != FileDispositionInformationEx) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (WsIsTracked(FltObjects->FileObject)) {
		Data->IoStatus.Status = STATUS_CANNOT_DELETE;
		Data->IoStatus.Information = 0;
		/*
		 * BUG: the operation is passed on, so the delete goes ahead and
		 * the status set above is overwritten. Meant FLT_PREOP_COMPLETE.
		 */
		return FLT_PREOP_SUCCESS_NO_CALLBACK; // expect: status-set-not-completed
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

/* IRP_MJ_CLEANUP: refuse to let go of a file whose journal is not flushed. */
FLT_PREOP_CALLBACK_STATUS FLTAPI
WsPreCleanup(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	if (WsHasUnflushedJournal(FltObjects->FileObject)) {
		/*
		 * BUG: cleanup (like close) must never fail: the handle is gone
		 * for the application anyway, and the file system never sees
		 * the cleanup. Flush here, or pass it on and flush later.
		 */
		Data->IoStatus.Status = STATUS_SHARING_VIOLATION;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE; // expect: fail-cleanup-close
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

/* IRP_MJ_DIRECTORY_CONTROL: only directory enumerations get the post-op. */
FLT_PREOP_CALLBACK_STATUS FLTAPI
WsPreDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	if (Data->Iopb->MinorFunction != IRP_MN_QUERY_DIRECTORY) {
		/*
		 * BUG: a post-operation status in a pre-operation callback. Its
		 * value is 0, which Filter Manager reads as
		 * FLT_PREOP_SUCCESS_WITH_CALLBACK: the post-op runs for change
		 * notifications too. Meant FLT_PREOP_SUCCESS_NO_CALLBACK.
		 */
		return FLT_POSTOP_FINISHED_PROCESSING; // expect: wrong-status-enum
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

FLT_POSTOP_CALLBACK_STATUS FLTAPI
WsPostDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID CompletionContext,
	      FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}
