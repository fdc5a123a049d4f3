/*
 * pend-without-handoff: the return value starts out as PENDING and the
 * allocation-failure path jumps to the common exit without changing it.
 * Only the allocation-failure path is wrong; the queue-failure path resets
 * the value before jumping.
 */
#include <fltKernel.h>

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
	FLT_PREOP_CALLBACK_STATUS ret = FLT_PREOP_PENDING;
	PFLT_DEFERRED_IO_WORKITEM wi;
	NTSTATUS status;

	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		goto Exit;
	}
	status = FltQueueDeferredIoWorkItem(wi, Data, SetInfoWorker, DelayedWorkQueue, NULL);
	if (!NT_SUCCESS(status)) {
		FltFreeDeferredIoWorkItem(wi);
		ret = FLT_PREOP_SUCCESS_NO_CALLBACK;
		goto Exit;
	}
Exit:
	return ret; // expect: pend-without-handoff
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
