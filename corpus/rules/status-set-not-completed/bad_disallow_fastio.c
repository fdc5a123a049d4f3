/*
 * status-set-not-completed: the fast I/O read is refused correctly with
 * DISALLOW_FASTIO, but the pre-op also sets a status; Filter Manager sets
 * STATUS_FLT_DISALLOW_FAST_IO itself and the filter's value is dropped.
 */
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	if (FLT_IS_FASTIO_OPERATION(Data)) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		return FLT_PREOP_DISALLOW_FASTIO; // expect: status-set-not-completed
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, NULL },
	{ IRP_MJ_OPERATION_END }
};
