/*
 * pend-non-irp: one pre-op registered for CREATE and READ. It tests the
 * major function, but pends READ as well as CREATE; the READ may be fast
 * I/O. The CREATE path through the same queue call is fine, the finding is
 * for the READ registration, at the queue call.
 */
#include <fltKernel.h>

VOID
ScanWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	FltFreeDeferredIoWorkItem(WorkItem);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreScan(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;

	if (Data->Iopb->MajorFunction != IRP_MJ_CREATE &&
	    Data->Iopb->MajorFunction != IRP_MJ_READ) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	wi = FltAllocateDeferredIoWorkItem();
	if (!wi) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, ScanWorker, // expect: pend-non-irp
						   DelayedWorkQueue, NULL))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreScan, NULL },
	{ IRP_MJ_READ, 0, PreScan, NULL },
	{ IRP_MJ_OPERATION_END }
};
