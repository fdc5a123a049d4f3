/*
 * complete-without-status, conforming: the status is written by a helper in
 * this file (through its Data parameter) before the COMPLETE return.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

static VOID
FailRequest(PFLT_CALLBACK_DATA Data, NTSTATUS Status)
{
	Data->IoStatus.Status = Status;
	Data->IoStatus.Information = 0;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (Data->Iopb->Parameters.SetFileInformation.FileInformationClass !=
	    FileDispositionInformation) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	FailRequest(Data, STATUS_CANNOT_DELETE);
	return FLT_PREOP_COMPLETE;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
