/*
 * complete-without-status, conforming: the look-alike of the __except bug;
 * the handler sets the exception code as the status before completing.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreQueryEa(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	PUCHAR buffer = (PUCHAR)Data->Iopb->Parameters.QueryEa.EaList;
	ULONG length = Data->Iopb->Parameters.QueryEa.EaListLength;

	if (buffer == NULL || length == 0 || Data->RequestorMode != UserMode) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	__try {
		ProbeForRead(buffer, length, sizeof(UCHAR));
		if (buffer[0] == 0) {
			Data->IoStatus.Status = STATUS_INVALID_PARAMETER;
			Data->IoStatus.Information = 0;
			return FLT_PREOP_COMPLETE;
		}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		Data->IoStatus.Status = GetExceptionCode();
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_QUERY_EA, 0, PreQueryEa, NULL },
	{ IRP_MJ_OPERATION_END }
};
