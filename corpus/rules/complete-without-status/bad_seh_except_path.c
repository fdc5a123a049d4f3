/*
 * complete-without-status: the buffer is validated under __try. The
 * __except handler completes the request, but the status is set only on
 * the normal path inside the __try, after the access that faulted.
 */
#include <fltKernel.h>

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
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE; // expect: complete-without-status
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_QUERY_EA, 0, PreQueryEa, NULL },
	{ IRP_MJ_OPERATION_END }
};
