/*
 * missing-postop, conforming: the worker resumes a pended operation of an
 * entry without a post-op using NO_CALLBACK; WITH_CALLBACK is used only
 * for the entry that has one (a switch on the major).
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	    PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

VOID
Worker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	switch (Data->Iopb->MajorFunction) {
	case IRP_MJ_SET_INFORMATION:
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_WITH_CALLBACK, NULL);
		break;
	case IRP_MJ_CREATE:
	default:
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
		break;
	}
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
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
	{ IRP_MJ_CREATE, 0, PreCommon, NULL },
	{ IRP_MJ_SET_INFORMATION, 0, PreCommon, PostSetInfo },
	{ IRP_MJ_OPERATION_END }
};
