/*
 * pended-never-completed: the worker completes the write only when the
 * scan verdict is "allow"; when it is "deny" it logs and falls off the end.
 * Reported at the closing brace.
 */
#include <fltKernel.h>

BOOLEAN ScanBuffer(PVOID Buffer, ULONG Length);
VOID LogDenied(ULONG Length);

VOID
WriteWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	PFLT_IO_PARAMETER_BLOCK iopb = Data->Iopb;

	if (ScanBuffer(iopb->Parameters.Write.WriteBuffer, iopb->Parameters.Write.Length)) {
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	} else {
		LogDenied(iopb->Parameters.Write.Length);
	}
	FltFreeDeferredIoWorkItem(WorkItem);
} // expect: pended-never-completed

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;

	if (!FLT_IS_IRP_OPERATION(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, WriteWorker,
						   DelayedWorkQueue, NULL))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
