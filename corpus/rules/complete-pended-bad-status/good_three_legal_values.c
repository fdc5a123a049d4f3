/*
 * complete-pended-bad-status, conforming: the worker uses each of the three
 * legal values; a context is passed only with SUCCESS_WITH_CALLBACK, and
 * the entry has a post-op to receive it.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

BOOLEAN PolicyDenies(ULONG Class);
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
	ULONG cls = Data->Iopb->Parameters.SetFileInformation.FileInformationClass;
	PVOID ctx;

	FltFreeDeferredIoWorkItem(WorkItem);
	if (PolicyDenies(cls)) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
		return;
	}
	if (!NeedsPostProcessing(cls)) {
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
		return;
	}
	ctx = ExAllocatePoolWithTag(NonPagedPoolNx, 64, '1xtC');
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_WITH_CALLBACK, ctx);
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
