/*
 * pend-without-handoff, conforming: a generic work item carries Data as its
 * Context; the queue result is checked and the item freed on failure.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

VOID
GenericWorker(PFLT_GENERIC_WORKITEM WorkItem, PVOID FltObject, PVOID Context)
{
	PFLT_CALLBACK_DATA data = (PFLT_CALLBACK_DATA)Context;

	FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	FltFreeGenericWorkItem(WorkItem);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreFsCtl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	PFLT_GENERIC_WORKITEM wi = FltAllocateGenericWorkItem();
	NTSTATUS status;

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	status = FltQueueGenericWorkItem(wi, FltObjects->Instance, GenericWorker,
					 DelayedWorkQueue, Data);
	if (!NT_SUCCESS(status)) {
		FltFreeGenericWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_FILE_SYSTEM_CONTROL, 0, PreFsCtl, NULL },
	{ IRP_MJ_OPERATION_END }
};
