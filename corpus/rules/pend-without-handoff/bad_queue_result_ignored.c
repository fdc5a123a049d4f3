/*
 * pend-without-handoff: the result of FltQueueDeferredIoWorkItem is
 * ignored. The queue call fails for paging I/O, when TopLevelIrp is set or
 * while the instance is torn down; the create is then pended with nobody to
 * complete it.
 */
#include <fltKernel.h>

VOID
CreateWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	FltQueueDeferredIoWorkItem(wi, Data, CreateWorker, DelayedWorkQueue, NULL);
	return FLT_PREOP_PENDING; // expect: pend-without-handoff
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, NULL },
	{ IRP_MJ_OPERATION_END }
};
