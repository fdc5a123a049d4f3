/*
 * pend-non-irp, conforming: fast I/O reads are refused with
 * DISALLOW_FASTIO (so the I/O manager retries them as IRPs); what is queued
 * is always an IRP.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

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

	if (!FLT_IS_IRP_OPERATION(Data)) {
		return FLT_PREOP_DISALLOW_FASTIO;
	}
	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	status = FltQueueDeferredIoWorkItem(wi, Data, ReadWorker, DelayedWorkQueue, NULL);
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
