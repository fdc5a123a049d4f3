/*
 * wrong-status-enum, conforming: the helper returns FLT_PREOP_* values;
 * the post-op returns its own enum through a local and through ?:.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

static FLT_PREOP_CALLBACK_STATUS
DecideStatus(PFLT_CALLBACK_DATA Data)
{
	if (Data->Iopb->MinorFunction == IRP_MN_QUERY_DIRECTORY) {
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	    PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	FLT_POSTOP_CALLBACK_STATUS ret = FLT_POSTOP_FINISHED_PROCESSING;

	if (FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING)) {
		return ret;
	}
	return NT_SUCCESS(Data->IoStatus.Status) ? FLT_POSTOP_FINISHED_PROCESSING : ret;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	return DecideStatus(Data);
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DIRECTORY_CONTROL, 0, PreDirCtrl, PostDirCtrl },
	{ IRP_MJ_OPERATION_END }
};
