/*
 * pend-without-handoff, conforming: the look-alike of the goto-exit bug.
 * The return value starts as NO_CALLBACK and becomes PENDING only after
 * the queue call succeeded (tested as `status == STATUS_SUCCESS`).
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

VOID
SetInfoWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	FltFreeDeferredIoWorkItem(WorkItem);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	FLT_PREOP_CALLBACK_STATUS ret = FLT_PREOP_SUCCESS_NO_CALLBACK;
	PFLT_DEFERRED_IO_WORKITEM wi;
	NTSTATUS status;

	wi = FltAllocateDeferredIoWorkItem();
	if (!wi) {
		goto Exit;
	}
	status = FltQueueDeferredIoWorkItem(wi, Data, SetInfoWorker, DelayedWorkQueue, NULL);
	if (status == STATUS_SUCCESS) {
		ret = FLT_PREOP_PENDING;
		goto Exit;
	}
	FltFreeDeferredIoWorkItem(wi);
Exit:
	return ret;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
