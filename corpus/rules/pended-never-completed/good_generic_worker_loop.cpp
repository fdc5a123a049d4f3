/*
 * pended-never-completed, conforming (C++): a generic work routine retries
 * a lookup in a loop, and completes exactly once after the loop on either branch.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" BOOLEAN PolicyLookup(ULONG Attempt);

extern "C" VOID
GenericWorker(PFLT_GENERIC_WORKITEM WorkItem, PVOID FltObject, PVOID Context)
{
	PFLT_CALLBACK_DATA data = static_cast<PFLT_CALLBACK_DATA>(Context);
	BOOLEAN found = FALSE;

	for (ULONG attempt = 0; attempt < 4 && !found; attempt++) {
		found = PolicyLookup(attempt);
	}
	if (found) {
		FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	} else {
		data->IoStatus.Status = STATUS_ACCESS_DENIED;
		data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(data, FLT_PREOP_COMPLETE, NULL);
	}
	FltFreeGenericWorkItem(WorkItem);
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
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

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_FILE_SYSTEM_CONTROL, 0, PreFsCtl, NULL },
	{ IRP_MJ_OPERATION_END }
};
