/*
 * pend-without-handoff: the queue call is retried up to three times, but
 * when all three attempts fail the loop ends and PENDING is returned anyway.
 */
#include <fltKernel.h>

VOID
CleanupWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	FltFreeDeferredIoWorkItem(WorkItem);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCleanup(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;
	NTSTATUS status = STATUS_UNSUCCESSFUL;
	ULONG attempt;

	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	for (attempt = 0; attempt < 3; attempt++) {
		status = FltQueueDeferredIoWorkItem(wi, Data, CleanupWorker,
						    DelayedWorkQueue, NULL);
		if (NT_SUCCESS(status)) {
			break;
		}
	}
	return FLT_PREOP_PENDING; // expect: pend-without-handoff
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLEANUP, 0, PreCleanup, NULL },
	{ IRP_MJ_OPERATION_END }
};
