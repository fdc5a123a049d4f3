/*
 * pended-completed-twice, conforming (C++): the worker polls a service in
 * a loop and leaves the loop right after completing. After the loop it
 * completes only if the loop ended without completing, which it tracks in
 * a BOOLEAN; the two completions never happen on the same path.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" BOOLEAN ServiceAnswered(ULONG Attempt);

extern "C" VOID
DirWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	BOOLEAN completed = FALSE;

	for (ULONG attempt = 0; attempt < 3; attempt++) {
		if (ServiceAnswered(attempt)) {
			FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
			completed = TRUE;
			break;
		}
	}
	if (!completed) {
		Data->IoStatus.Status = STATUS_IO_TIMEOUT;
		Data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
	}
	FltFreeDeferredIoWorkItem(WorkItem);
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, DirWorker,
						   DelayedWorkQueue, NULL))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DIRECTORY_CONTROL, 0, PreDirCtrl, NULL },
	{ IRP_MJ_OPERATION_END }
};
