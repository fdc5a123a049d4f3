/*
 * pend-non-irp: the operation is handed to an external routine (assumed to
 * take ownership) and pended, without any kind test, from a pre-op for
 * QUERY_INFORMATION, which may be fast I/O. No known queue call is on the
 * path, so the finding is at the `return FLT_PREOP_PENDING`.
 */
#include <fltKernel.h>

/* Implemented in another component; it resumes the operation later
 * through ServiceFinishRequest(). */
BOOLEAN ServiceSubmitRequest(PFLT_CALLBACK_DATA Data);

VOID
ServiceFinishRequest(PFLT_CALLBACK_DATA Data, BOOLEAN Allow)
{
	if (Allow) {
		FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
		return;
	}
	Data->IoStatus.Status = STATUS_ACCESS_DENIED;
	Data->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreQueryInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	     PVOID *CompletionContext)
{
	if (!ServiceSubmitRequest(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING; // expect: pend-non-irp
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_QUERY_INFORMATION, 0, PreQueryInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
