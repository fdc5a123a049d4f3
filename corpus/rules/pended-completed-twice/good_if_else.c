/*
 * pended-completed-twice, conforming: two completion calls in the worker,
 * on exclusive branches.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

VOID
CreateWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	PVOID buffer = ExAllocatePoolWithTag(PagedPool, PAGE_SIZE, 'fubW');

	if (buffer == NULL) {
		Data->IoStatus.Status = STATUS_INSUFFICIENT_RESOURCES;
		Data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
	} else {
		ExFreePoolWithTag(buffer, 'fubW');
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	}
	FltFreeDeferredIoWorkItem(WorkItem);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, CreateWorker,
						   DelayedWorkQueue, NULL))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, NULL },
	{ IRP_MJ_OPERATION_END }
};
