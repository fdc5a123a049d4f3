/*
 * pend-non-irp: the pre-op refuses fast I/O, but it is also registered for
 * IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION, an FsFilter callback. Ruling
 * out fast I/O does not make the operation an IRP.
 */
#include <fltKernel.h>

VOID
SectionWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreMapOrRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	     PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;
	NTSTATUS status;

	if (FLT_IS_FASTIO_OPERATION(Data)) {
		return FLT_PREOP_DISALLOW_FASTIO;
	}
	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	status = FltQueueDeferredIoWorkItem(wi, Data, SectionWorker, CriticalWorkQueue, NULL); // expect: pend-non-irp
	if (status != STATUS_SUCCESS) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreMapOrRead, NULL },
	{ IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION, 0, PreMapOrRead, NULL },
	{ IRP_MJ_OPERATION_END }
};
