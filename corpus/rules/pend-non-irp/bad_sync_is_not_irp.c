/*
 * pend-non-irp: "only pend synchronous requests" is not an IRP test:
 * FltIsOperationSynchronous() is TRUE for every fast I/O operation.
 */
#include <fltKernel.h>

VOID
IoctlWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	Data->IoStatus.Status = STATUS_SUCCESS;
	Data->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
	FltFreeDeferredIoWorkItem(WorkItem);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreIoctl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM wi;
	NTSTATUS status;

	if (!FltIsOperationSynchronous(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	wi = FltAllocateDeferredIoWorkItem();
	if (wi != NULL) {
		status = FltQueueDeferredIoWorkItem(wi, Data, IoctlWorker, DelayedWorkQueue, NULL); // expect: pend-non-irp
		if (NT_SUCCESS(status)) {
			return FLT_PREOP_PENDING;
		}
		FltFreeDeferredIoWorkItem(wi);
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DEVICE_CONTROL, 0, PreIoctl, NULL },
	{ IRP_MJ_OPERATION_END }
};
