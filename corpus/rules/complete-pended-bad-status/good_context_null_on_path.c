/*
 * complete-pended-bad-status, conforming: the context variable is passed
 * with NO_CALLBACK only on the path where its allocation failed, i.e. where
 * it is NULL. A checker that only looks at the argument expression would
 * flag this call.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
       PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	if (CompletionContext != NULL) {
		ExFreePoolWithTag(CompletionContext, '1xtC');
	}
	return FLT_POSTOP_FINISHED_PROCESSING;
}

VOID
Worker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	PVOID ctx = ExAllocatePoolWithTag(NonPagedPoolNx, 64, '1xtC');

	FltFreeDeferredIoWorkItem(WorkItem);
	if (ctx == NULL) {
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, ctx);
		return;
	}
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_WITH_CALLBACK, ctx);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
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
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, Worker, DelayedWorkQueue, NULL))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
