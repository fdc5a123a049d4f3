/*
 * complete-without-status: the status is set in only one of two branches
 * that both reach the common COMPLETE return.
 */
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	FILE_INFORMATION_CLASS cls =
		Data->Iopb->Parameters.SetFileInformation.FileInformationClass;

	if (cls != FileDispositionInformation && cls != FileRenameInformation) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (cls == FileDispositionInformation) {
		Data->IoStatus.Status = STATUS_CANNOT_DELETE;
	}
	Data->IoStatus.Information = 0;
	return FLT_PREOP_COMPLETE; // expect: complete-without-status
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
