/*
 * sync-non-irp, conforming: IRP_MJ_QUERY_INFORMATION is fast I/O only for
 * FileBasicInformation, FileStandardInformation and
 * FileNetworkOpenInformation. Synchronizing the name queries is fine: they
 * always arrive as IRPs. The class is read through a local Iopb pointer.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostQueryInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	      PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreQueryInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	     PVOID *CompletionContext)
{
	PFLT_IO_PARAMETER_BLOCK iopb = Data->Iopb;
	FLT_PREOP_CALLBACK_STATUS result;

	switch (iopb->Parameters.QueryFileInformation.FileInformationClass) {
	case FileNameInformation:
	case FileNormalizedNameInformation:
	case FileAllInformation:
		result = FLT_PREOP_SYNCHRONIZE;
		break;
	default:
		result = FLT_PREOP_SUCCESS_NO_CALLBACK;
		break;
	}
	return result;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_QUERY_INFORMATION, 0, PreQueryInfo, PostQueryInfo },
	{ IRP_MJ_OPERATION_END }
};
