/*
 * missing-postop: SYNCHRONIZE without a post-op. The SET_INFORMATION entry
 * was copied from a table row that had none.
 */
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (Data->Iopb->Parameters.SetFileInformation.FileInformationClass ==
	    FileRenameInformation) {
		return FLT_PREOP_SYNCHRONIZE; // expect: missing-postop
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
