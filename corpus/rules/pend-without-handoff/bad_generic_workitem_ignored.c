/*
 * pend-without-handoff: the operation travels as the Context of a generic
 * work item; FltQueueGenericWorkItem fails while the filter unloads, and
 * the pre-op pends regardless.
 */
#include <fltKernel.h>

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

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	(VOID)FltQueueGenericWorkItem(wi, FltObjects->Instance, GenericWorker,
				      DelayedWorkQueue, Data);
	return FLT_PREOP_PENDING; // expect: pend-without-handoff
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_FILE_SYSTEM_CONTROL, 0, PreFsCtl, NULL },
	{ IRP_MJ_OPERATION_END }
};
