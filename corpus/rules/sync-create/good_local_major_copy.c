/*
 * sync-create, conforming: the major function is copied into a local first;
 * SYNCHRONIZE is only reached when it is not IRP_MJ_CREATE. The entry for
 * CREATE therefore never synchronizes.
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
	UCHAR major = Data->Iopb->MajorFunction;

	if (major != IRP_MJ_CREATE) {
		return FLT_PREOP_SYNCHRONIZE;
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCommon, PostCommon },
	{ IRP_MJ_CLEANUP, 0, PreCommon, PostCommon },
	{ IRP_MJ_OPERATION_END }
};
