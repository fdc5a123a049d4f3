/*
 * sync-non-irp: a suppression comment without a reason does not suppress
 * (fltcheck prints a note about it); the finding is still reported.
 */
#include <fltKernel.h>

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
	// fltcheck-suppress sync-non-irp
	return FLT_PREOP_SYNCHRONIZE; // expect: sync-non-irp
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
