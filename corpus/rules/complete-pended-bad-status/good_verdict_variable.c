/*
 * complete-pended-bad-status, conforming: the status passed to
 * FltCompletePendedPreOperation is a local that holds COMPLETE or
 * SUCCESS_NO_CALLBACK on every path (set in a switch with a default).
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

VOID
Worker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FLT_PREOP_CALLBACK_STATUS verdict;

	switch (Data->Iopb->MinorFunction) {
	case IRP_MN_USER_FS_REQUEST:
		Data->IoStatus.Status = STATUS_NOT_SUPPORTED;
		Data->IoStatus.Information = 0;
		verdict = FLT_PREOP_COMPLETE;
		break;
	case IRP_MN_MOUNT_VOLUME:
	default:
		verdict = FLT_PREOP_SUCCESS_NO_CALLBACK;
		break;
	}
	FltCompletePendedPreOperation(Data, verdict, NULL);
	FltFreeDeferredIoWorkItem(WorkItem);
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
	{ IRP_MJ_FILE_SYSTEM_CONTROL, 0, PreOp, NULL },
	{ IRP_MJ_OPERATION_END }
};
