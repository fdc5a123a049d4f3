/*
 * fail-cleanup-close, conforming: the pended cleanup's worker logs a flush
 * failure but always completes the cleanup with STATUS_SUCCESS.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

NTSTATUS FlushShadowCopy(PFILE_OBJECT FileObject);
VOID LogFlushFailure(NTSTATUS Status);

VOID
CleanupWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	NTSTATUS status = FlushShadowCopy(Data->Iopb->TargetFileObject);

	FltFreeDeferredIoWorkItem(WorkItem);
	if (!NT_SUCCESS(status)) {
		LogFlushFailure(status);
	}
	Data->IoStatus.Status = STATUS_SUCCESS;
	Data->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCleanup(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, CleanupWorker,
						   DelayedWorkQueue, NULL))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLEANUP, 0, PreCleanup, NULL },
	{ IRP_MJ_OPERATION_END }
};
