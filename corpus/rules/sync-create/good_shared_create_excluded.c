/*
 * sync-create, conforming: the shared pre-op sends creates down with
 * WITH_CALLBACK (the post-create is already synchronous) and synchronizes
 * only SET_INFORMATION.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	if (Data->Iopb->MajorFunction == IRP_MJ_CREATE) {
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	}
	return FLT_PREOP_SYNCHRONIZE;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCommon, PostCommon },
	{ IRP_MJ_SET_INFORMATION, 0, PreCommon, PostCommon },
	{ IRP_MJ_OPERATION_END }
};
