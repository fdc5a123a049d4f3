/*
 * sync-non-irp, suppressed: the finding is real, but the team reviewed it
 * and keeps the code; an inline suppression with a reason silences it.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID CompletionContext,
	 FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	if (!FltIsOperationSynchronous(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	// fltcheck-suppress sync-non-irp: the post-op only logs; WITH_CALLBACK is fine for fast I/O
	return FLT_PREOP_SYNCHRONIZE;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
