/*
 * wrong-status-enum: a pre-op returns FLT_POSTOP_FINISHED_PROCESSING.
 * Its value 0 silently means FLT_PREOP_SUCCESS_WITH_CALLBACK. (A post-op is
 * registered, so the accidental WITH_CALLBACK is not also missing-postop.)
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	    PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (Data->Iopb->MinorFunction != IRP_MN_QUERY_DIRECTORY) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_POSTOP_FINISHED_PROCESSING; // expect: wrong-status-enum
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DIRECTORY_CONTROL, 0, PreDirCtrl, PostDirCtrl },
	{ IRP_MJ_OPERATION_END }
};
