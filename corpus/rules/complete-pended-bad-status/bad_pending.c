/*
 * complete-pended-bad-status: the worker "re-pends" the operation by
 * passing FLT_PREOP_PENDING to FltCompletePendedPreOperation. Only COMPLETE,
 * SUCCESS_NO_CALLBACK and SUCCESS_WITH_CALLBACK are accepted there.
 */
#include <fltKernel.h>

BOOLEAN ServiceReady(VOID);

VOID
Worker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	if (!ServiceReady()) {
		FltCompletePendedPreOperation(Data, FLT_PREOP_PENDING, NULL); // expect: complete-pended-bad-status
		return;
	}
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
      PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, Worker, DelayedWorkQueue, NULL))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreOp, NULL },
	{ IRP_MJ_OPERATION_END }
};
