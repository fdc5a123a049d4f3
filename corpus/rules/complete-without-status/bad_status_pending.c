/*
 * complete-without-status: the operation is completed with STATUS_PENDING
 * as its final status, which is not a final status.
 */
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreLockControl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	       PVOID *CompletionContext)
{
	if (Data->Iopb->MinorFunction == IRP_MN_LOCK &&
	    !Data->Iopb->Parameters.LockControl.FailImmediately) {
		Data->IoStatus.Status = STATUS_PENDING;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE; // expect: complete-without-status
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_LOCK_CONTROL, 0, PreLockControl, NULL },
	{ IRP_MJ_OPERATION_END }
};
