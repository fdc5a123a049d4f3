/*
 * complete-without-status, conforming: the status is written through a
 * local pointer to Data->IoStatus before the operation is completed.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

BOOLEAN IsBlockedName(PCUNICODE_STRING Name);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	PIO_STATUS_BLOCK iosb = &Data->IoStatus;

	if (IsBlockedName(&FltObjects->FileObject->FileName)) {
		iosb->Status = STATUS_ACCESS_DENIED;
		iosb->Information = 0;
		return FLT_PREOP_COMPLETE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
