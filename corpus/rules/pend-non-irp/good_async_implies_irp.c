/*
 * pend-non-irp, conforming: only asynchronous reads are pended. An
 * operation for which FltIsOperationSynchronous() is FALSE is always an IRP
 * (fast I/O and FsFilter callbacks are synchronous by definition).
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

VOID
AsyncReadWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;
	BOOLEAN sync = FltIsOperationSynchronous(Data);

	if (sync) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (FltQueueDeferredIoWorkItem(wi, Data, AsyncReadWorker, DelayedWorkQueue,
				       NULL) == STATUS_SUCCESS) {
		return FLT_PREOP_PENDING;
	}
	FltFreeDeferredIoWorkItem(wi);
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, NULL },
	{ IRP_MJ_OPERATION_END }
};
