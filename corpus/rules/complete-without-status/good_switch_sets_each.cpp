/*
 * complete-without-status, conforming (C++): every case of the switch that
 * reaches the shared COMPLETE return sets the status, including the case
 * reached by fallthrough.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	switch (Data->Iopb->Parameters.SetFileInformation.FileInformationClass) {
	case FileDispositionInformationEx:
		/* fall through */
	case FileDispositionInformation:
		Data->IoStatus.Status = STATUS_CANNOT_DELETE;
		break;
	case FileRenameInformation:
	case FileRenameInformationEx:
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		break;
	default:
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	Data->IoStatus.Information = 0;
	return FLT_PREOP_COMPLETE;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
