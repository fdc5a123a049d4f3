/*
 * pended-never-completed (C++): one worker for pended CREATE and CLEANUP
 * operations switches on the major function. The default case only breaks,
 * so a major the author did not expect falls off the end uncompleted.
 * (The pre-op is registered for SET_INFORMATION too, so the default case is
 * reachable.)
 */
#include <fltKernel.h>

extern "C" VOID
CommonWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	switch (Data->Iopb->MajorFunction) {
	case IRP_MJ_CREATE:
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
		break;
	case IRP_MJ_CLEANUP:
		Data->IoStatus.Status = STATUS_SUCCESS;
		Data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
		break;
	default:
		break;
	}
} // expect: pended-never-completed

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	NTSTATUS status = FltQueueDeferredIoWorkItem(wi, Data, CommonWorker,
						     DelayedWorkQueue, NULL);
	if (!NT_SUCCESS(status)) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCommon, NULL },
	{ IRP_MJ_CLEANUP, 0, PreCommon, NULL },
	{ IRP_MJ_SET_INFORMATION, 0, PreCommon, NULL },
	{ IRP_MJ_OPERATION_END }
};
