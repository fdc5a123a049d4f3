/*
 * completion-context-leak, conforming: the allocation result is stored in
 * *CompletionContext before it is checked. On the NO_CALLBACK path the
 * stored value is NULL, so nothing leaks. A checker that only looks for
 * "a write to *CompletionContext" would flag it.
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
	PVOID p = ExAllocatePoolWithTag(NonPagedPoolNx, 32, 'xtcC');

	*CompletionContext = p;
	if (p == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLEANUP, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
