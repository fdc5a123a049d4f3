/*
 * completion-context-leak, conforming: the documented shape; the context is
 * published only immediately before the WITH_CALLBACK return.
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

	if (Data->Iopb->Parameters.Write.Length == 0) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	ctx = ExAllocatePoolWithTag(NonPagedPoolNx, 32, 'xtcC');
	if (ctx == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	*CompletionContext = ctx;
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
