/*
 * sync-non-irp, conforming: SET_INFORMATION and FLUSH_BUFFERS are only ever
 * IRP-based, so an unguarded SYNCHRONIZE is correct for them.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	    PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	switch (Data->Iopb->Parameters.SetFileInformation.FileInformationClass) {
	case FileRenameInformation:
	case FileDispositionInformation:
		return FLT_PREOP_SYNCHRONIZE;
	default:
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreFlush(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	return FLT_PREOP_SYNCHRONIZE;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, PostSetInfo },
	{ IRP_MJ_FLUSH_BUFFERS, 0, PreFlush, PostSetInfo },
	{ IRP_MJ_OPERATION_END }
};
