/*
 * pend-non-irp, conforming: one pre-op for CREATE, READ and
 * ACQUIRE_FOR_SECTION_SYNCHRONIZATION; a switch on the major pends only in
 * the CREATE case. READ and the FsFilter callback go to the default.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

VOID
OpenWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;
	NTSTATUS status;

	switch (Data->Iopb->MajorFunction) {
	case IRP_MJ_CREATE:
		wi = FltAllocateDeferredIoWorkItem();
		if (wi == NULL) {
			break;
		}
		status = FltQueueDeferredIoWorkItem(wi, Data, OpenWorker, DelayedWorkQueue, NULL);
		if (NT_SUCCESS(status)) {
			return FLT_PREOP_PENDING;
		}
		FltFreeDeferredIoWorkItem(wi);
		break;
	case IRP_MJ_READ:
	default:
		break;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCommon, NULL },
	{ IRP_MJ_READ, 0, PreCommon, NULL },
	{ IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION, 0, PreCommon, NULL },
	{ IRP_MJ_OPERATION_END }
};
