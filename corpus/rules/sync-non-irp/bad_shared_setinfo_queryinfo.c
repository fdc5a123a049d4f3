/*
 * sync-non-irp: one pre-op registered for SET_INFORMATION (IRP only) and
 * QUERY_INFORMATION (IRP or fast I/O). The SYNCHRONIZE is fine for the first
 * and wrong for the second: nothing on the path rules out fast I/O.
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	FILE_INFORMATION_CLASS cls;

	if (Data->Iopb->MajorFunction == IRP_MJ_SET_INFORMATION) {
		cls = Data->Iopb->Parameters.SetFileInformation.FileInformationClass;
	} else {
		cls = Data->Iopb->Parameters.QueryFileInformation.FileInformationClass;
	}
	if (cls != FileBasicInformation && cls != FileStandardInformation) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SYNCHRONIZE; // expect: sync-non-irp
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreInfo, PostInfo },
	{ IRP_MJ_QUERY_INFORMATION, 0, PreInfo, PostInfo },
	{ IRP_MJ_OPERATION_END }
};
