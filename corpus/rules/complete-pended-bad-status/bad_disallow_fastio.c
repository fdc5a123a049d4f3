/*
 * complete-pended-bad-status: a pended operation is an IRP; "disallowing
 * fast I/O" for it through FltCompletePendedPreOperation is invalid.
 * The bad value arrives through a local variable on the deny path.
 */
#include <fltKernel.h>

BOOLEAN PolicyAllowsRead(ULONG Length);

VOID
Worker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FLT_PREOP_CALLBACK_STATUS verdict = FLT_PREOP_SUCCESS_NO_CALLBACK;

	if (!PolicyAllowsRead(Data->Iopb->Parameters.Read.Length)) {
		verdict = FLT_PREOP_DISALLOW_FASTIO;
	}
	FltCompletePendedPreOperation(Data, verdict, NULL); // expect: complete-pended-bad-status
	FltFreeDeferredIoWorkItem(WorkItem);
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
	{ IRP_MJ_READ, 0, PreOp, NULL },
	{ IRP_MJ_OPERATION_END }
};
