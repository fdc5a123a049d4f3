/*
 * status-set-not-completed, conforming: several checks set a failure status
 * and jump to one exit that completes; the pass-through path never sets it.
 * The exit decides by a local holding the callback result.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	FLT_PREOP_CALLBACK_STATUS ret = FLT_PREOP_SUCCESS_NO_CALLBACK;
	PFLT_PARAMETERS params = &Data->Iopb->Parameters;

	if (params->SetFileInformation.FileInformationClass == FileEndOfFileInformation &&
	    params->SetFileInformation.Length < sizeof(FILE_END_OF_FILE_INFORMATION)) {
		Data->IoStatus.Status = STATUS_INFO_LENGTH_MISMATCH;
		ret = FLT_PREOP_COMPLETE;
		goto Exit;
	}
	if (params->SetFileInformation.FileInformationClass == FileValidDataLengthInformation) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		ret = FLT_PREOP_COMPLETE;
		goto Exit;
	}
Exit:
	if (ret == FLT_PREOP_COMPLETE) {
		Data->IoStatus.Information = 0;
	}
	return ret;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
