/*
 * pended-never-completed, conforming: the worker's early-return path hands
 * the operation to a helper in this file that completes it; the helper is
 * analyzed at the call site, so both worker paths complete.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

static VOID
FailPended(PFLT_CALLBACK_DATA Data, NTSTATUS Status)
{
	Data->IoStatus.Status = Status;
	Data->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
}

VOID
WriteWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	PVOID buffer = ExAllocatePoolWithTag(PagedPool, PAGE_SIZE, 'fubW');

	FltFreeDeferredIoWorkItem(WorkItem);
	if (buffer == NULL) {
		FailPended(Data, STATUS_INSUFFICIENT_RESOURCES);
		return;
	}
	ExFreePoolWithTag(buffer, 'fubW');
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;

	if (!FLT_IS_IRP_OPERATION(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, WriteWorker,
						   DelayedWorkQueue, NULL))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
