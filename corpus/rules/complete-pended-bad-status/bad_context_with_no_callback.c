/*
 * complete-pended-bad-status: a context is passed with
 * SUCCESS_NO_CALLBACK. No post-op will run to receive it (and it leaks).
 * The context is allocated before the decision and passed on both paths;
 * only the NO_CALLBACK path is wrong.
 */
#include <fltKernel.h>

BOOLEAN NeedsPostProcessing(ULONG Class);

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
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
		return;
	}
	if (NeedsPostProcessing(Data->Iopb->Parameters.SetFileInformation.FileInformationClass)) {
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_WITH_CALLBACK, ctx);
		return;
	}
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, ctx); // expect: complete-pended-bad-status
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
	{ IRP_MJ_SET_INFORMATION, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
