/*
 * pend-without-handoff: large writes are queued properly; the branch for
 * small non-cached writes returns PENDING too, but nothing was queued on it.
 */
#include <fltKernel.h>

VOID
WriteWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	FltFreeDeferredIoWorkItem(WorkItem);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;

	if (!FLT_IS_IRP_OPERATION(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (Data->Iopb->Parameters.Write.Length > 0x100000) {
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
	if (FlagOn(Data->Iopb->IrpFlags, IRP_NOCACHE)) {
		return FLT_PREOP_PENDING; // expect: pend-without-handoff
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
