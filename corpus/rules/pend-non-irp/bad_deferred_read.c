/*
 * pend-non-irp: a pre-read queues every read to a deferred I/O work item.
 * Fast I/O reads reach this callback too, and FltQueueDeferredIoWorkItem is
 * for IRP-based operations only. Reported at the queue call.
 */
#include <fltKernel.h>

VOID
ReadWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;
	NTSTATUS status;

	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	status = FltQueueDeferredIoWorkItem(wi, Data, ReadWorker, DelayedWorkQueue, NULL); // expect: pend-non-irp
	if (!NT_SUCCESS(status)) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, NULL },
	{ IRP_MJ_OPERATION_END }
};
