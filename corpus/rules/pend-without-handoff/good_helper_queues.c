/*
 * pend-without-handoff, conforming: the work item is allocated and queued
 * by a helper in this file that returns the queue status; the pre-op pends
 * only when the helper succeeded. The result is kept in a conditional
 * expression.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

VOID
FlushWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	FltFreeDeferredIoWorkItem(WorkItem);
}

static NTSTATUS
QueueFlush(PFLT_CALLBACK_DATA Data)
{
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();
	NTSTATUS status;

	if (wi == NULL) {
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	status = FltQueueDeferredIoWorkItem(wi, Data, FlushWorker, DelayedWorkQueue, NULL);
	if (!NT_SUCCESS(status)) {
		FltFreeDeferredIoWorkItem(wi);
	}
	return status;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreFlush(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	NTSTATUS status = QueueFlush(Data);

	return NT_SUCCESS(status) ? FLT_PREOP_PENDING : FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_FLUSH_BUFFERS, 0, PreFlush, NULL },
	{ IRP_MJ_OPERATION_END }
};
