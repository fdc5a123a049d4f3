/*
 * complete-pended-bad-status (C++): the deny path passes the
 * request record as the context together with FLT_PREOP_COMPLETE. The
 * status is set, so complete-without-status does not apply.
 */
#include <fltKernel.h>

struct ScanRecord {
	ULONG Verdict;
};

extern "C" VOID
Worker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	ScanRecord *rec = static_cast<ScanRecord *>(Context);

	FltFreeDeferredIoWorkItem(WorkItem);
	if (rec != NULL && rec->Verdict != 0) {
		Data->IoStatus.Status = STATUS_VIRUS_INFECTED;
		Data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, rec); // expect: complete-pended-bad-status
		return;
	}
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
      PVOID *CompletionContext)
{
	static ScanRecord record;
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();

	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!NT_SUCCESS(FltQueueDeferredIoWorkItem(wi, Data, Worker, DelayedWorkQueue, &record))) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreOp, NULL },
	{ IRP_MJ_OPERATION_END }
};
