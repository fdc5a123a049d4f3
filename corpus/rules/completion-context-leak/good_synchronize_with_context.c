/*
 * completion-context-leak, conforming: SYNCHRONIZE hands the context to the
 * post-op just like WITH_CALLBACK. SET_INFORMATION is IRP-only, so the
 * SYNCHRONIZE itself is fine.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
       PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	ExFreePoolWithTag(CompletionContext, 'xtcC');
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
      PVOID *CompletionContext)
{
	PVOID ctx;

	if (Data->Iopb->Parameters.SetFileInformation.FileInformationClass !=
	    FileRenameInformation) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	ctx = ExAllocatePoolWithTag(NonPagedPoolNx, 32, 'xtcC');
	if (ctx == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	*CompletionContext = ctx;
	return FLT_PREOP_SYNCHRONIZE;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
