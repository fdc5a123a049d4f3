/*
 * completion-context-leak, conforming: the look-alike of the error-path
 * bug. The error path frees the context and clears *CompletionContext
 * before returning NO_CALLBACK.
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
	PULONG ctx = (PULONG)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(ULONG), 'xtcC');

	if (ctx == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	*CompletionContext = ctx;
	*ctx = Data->Iopb->Parameters.Write.Length;
	if (*ctx == 0) {
		*CompletionContext = NULL;
		ExFreePoolWithTag(ctx, 'xtcC');
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
