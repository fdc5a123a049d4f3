/*
 * fail-cleanup-close: the cleanup is pended while a flush of the filter's
 * cache runs; when the flush fails, the worker completes the cleanup with
 * the flush error. Reported at the FltCompletePendedPreOperation call.
 */
#include <fltKernel.h>

NTSTATUS FlushShadowCopy(PFILE_OBJECT FileObject);

VOID
CleanupWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	NTSTATUS status = FlushShadowCopy(Data->Iopb->TargetFileObject);

	FltFreeDeferredIoWorkItem(WorkItem);
	if (NT_SUCCESS(status)) {
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
		return;
	}
	Data->IoStatus.Status = status;
	Data->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL); // expect: fail-cleanup-close
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
