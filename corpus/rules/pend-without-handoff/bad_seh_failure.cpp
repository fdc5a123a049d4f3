/*
 * pend-without-handoff (C++): the queue call sits in a __try whose
 * __except handler only records the failure; the code after the SEH block
 * pends whether or not the work item was queued (the status is not tested).
 */
#include <fltKernel.h>

extern "C" VOID
QueryEaWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	FltFreeDeferredIoWorkItem(WorkItem);
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreQueryEa(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();
	NTSTATUS status;

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	__try {
		if (Data->Iopb->Parameters.QueryEa.Length == 0) {
			__leave;
		}
		status = FltQueueDeferredIoWorkItem(wi, Data, QueryEaWorker,
						    DelayedWorkQueue, NULL);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		status = GetExceptionCode();
	}
	return FLT_PREOP_PENDING; // expect: pend-without-handoff
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_QUERY_EA, 0, PreQueryEa, NULL },
	{ IRP_MJ_OPERATION_END }
};
