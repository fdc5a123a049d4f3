/*
 * pend-non-irp, conforming (C++): fast I/O and FsFilter callbacks are both
 * excluded with one || condition before the operation is pended. The
 * pre-op is registered for DEVICE_CONTROL and RELEASE_FOR_CC_FLUSH.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" VOID
IoctlWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	FltFreeDeferredIoWorkItem(WorkItem);
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreIoctl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	if (FLT_IS_FASTIO_OPERATION(Data) || FLT_IS_FS_FILTER_OPERATION(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	PFLT_DEFERRED_IO_WORKITEM wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	NTSTATUS status = FltQueueDeferredIoWorkItem(wi, Data, IoctlWorker,
						     DelayedWorkQueue, NULL);
	if (!NT_SUCCESS(status)) {
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DEVICE_CONTROL, 0, PreIoctl, NULL },
	{ IRP_MJ_RELEASE_FOR_CC_FLUSH, 0, PreIoctl, NULL },
	{ IRP_MJ_OPERATION_END }
};
