/*
 * sync-non-irp, conforming: one pre-op registered for READ and CLEANUP.
 * The switch on the major function synchronizes only the CLEANUP (always an
 * IRP); the READ case falls through to the default.
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
	switch (Data->Iopb->MajorFunction) {
	case IRP_MJ_CLEANUP:
		return FLT_PREOP_SYNCHRONIZE;
	case IRP_MJ_READ:
		/* fall through */
	default:
		break;
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreCommon, PostCommon },
	{ IRP_MJ_CLEANUP, 0, PreCommon, PostCommon },
	{ IRP_MJ_OPERATION_END }
};
