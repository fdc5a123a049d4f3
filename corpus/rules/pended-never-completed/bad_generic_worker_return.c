/*
 * pended-never-completed: a generic work item's Context carries the
 * pended Data. When the instance is going away the routine just frees the
 * work item and returns.
 */
#include <fltKernel.h>

static volatile LONG Unloading;

VOID
GenericWorker(PFLT_GENERIC_WORKITEM WorkItem, PVOID FltObject, PVOID Context)
{
	PFLT_CALLBACK_DATA data = (PFLT_CALLBACK_DATA)Context;

	if (Unloading) {
		FltFreeGenericWorkItem(WorkItem);
		return; // expect: pended-never-completed
	}
	FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	FltFreeGenericWorkItem(WorkItem);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreFsCtl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	PFLT_GENERIC_WORKITEM wi = FltAllocateGenericWorkItem();

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueGenericWorkItem(wi, FltObjects->Instance, GenericWorker,
						DelayedWorkQueue, Data))) {
		FltFreeGenericWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_FILE_SYSTEM_CONTROL, 0, PreFsCtl, NULL },
	{ IRP_MJ_OPERATION_END }
};
