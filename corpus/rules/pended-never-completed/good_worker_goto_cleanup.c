/*
 * pended-never-completed, conforming: the worker has several failure exits,
 * all of which go to one label that completes the operation with the
 * status chosen so far.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

VOID
CreateWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FLT_PREOP_CALLBACK_STATUS verdict = FLT_PREOP_SUCCESS_NO_CALLBACK;
	PVOID buffer;

	buffer = ExAllocatePoolWithTag(PagedPool, PAGE_SIZE, 'fubW');
	if (buffer == NULL) {
		goto Done;
	}
	if (Data->Iopb->Parameters.Create.AllocationSize.QuadPart > 0x40000000) {
		Data->IoStatus.Status = STATUS_DISK_FULL;
		Data->IoStatus.Information = 0;
		verdict = FLT_PREOP_COMPLETE;
		goto Done;
	}
Done:
	if (buffer != NULL) {
		ExFreePoolWithTag(buffer, 'fubW');
	}
	FltCompletePendedPreOperation(Data, verdict, NULL);
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
