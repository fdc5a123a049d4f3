/*
 * pended-never-completed, conforming: the look-alike of the __leave bug.
 * The completion itself is in the __finally, so the __leave path completes
 * too (with the default verdict).
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

VOID
SetInfoWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FLT_PREOP_CALLBACK_STATUS verdict = FLT_PREOP_SUCCESS_NO_CALLBACK;

	__try {
		if (Data->Iopb->Parameters.SetFileInformation.Length == 0) {
			__leave;
		}
		if (Data->Iopb->Parameters.SetFileInformation.FileInformationClass ==
		    FileDispositionInformation) {
			Data->IoStatus.Status = STATUS_ACCESS_DENIED;
			Data->IoStatus.Information = 0;
			verdict = FLT_PREOP_COMPLETE;
		}
	} __finally {
		FltCompletePendedPreOperation(Data, verdict, NULL);
		FltFreeDeferredIoWorkItem(WorkItem);
	}
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, SetInfoWorker,
						   DelayedWorkQueue, NULL))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
