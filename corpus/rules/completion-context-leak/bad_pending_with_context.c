/*
 * completion-context-leak: the context is set and then the operation is
 * pended (properly queued). PENDING requires a NULL context; the worker
 * would have to pass the context to FltCompletePendedPreOperation itself.
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
       PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	ExFreePoolWithTag(CompletionContext, 'xtcC');
	return FLT_POSTOP_FINISHED_PROCESSING;
}

VOID
Worker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_WITH_CALLBACK, Context);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
      PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;
	PVOID ctx = ExAllocatePoolWithTag(NonPagedPoolNx, 32, 'xtcC');

	if (ctx == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	*CompletionContext = ctx;
	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, Worker, DelayedWorkQueue, ctx))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	}
	return FLT_PREOP_PENDING; // expect: completion-context-leak
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
