/*
 * pended-completed-twice (C++): the worker completes a zero-length query
 * itself, then falls into the common path that calls a helper which
 * completes again. The second completion happens inside the helper; like
 * every helper finding it is reported in the analyzed routine, at the line
 * of the call to the helper.
 */
#include <fltKernel.h>

static VOID
FinishQuery(PFLT_CALLBACK_DATA Data)
{
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

extern "C" VOID
DirWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	if (Data->Iopb->Parameters.DirectoryControl.QueryDirectory.Length == 0) {
		Data->IoStatus.Status = STATUS_INVALID_PARAMETER;
		Data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
	}
	FinishQuery(Data); // expect: pended-completed-twice
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
