/*
 * sync-non-irp: a pre-read that trusts FltIsOperationSynchronous() to mean
 * "IRP". Fast I/O reads reach this callback and FltIsOperationSynchronous()
 * is TRUE for them, so the SYNCHRONIZE below is returned for fast I/O too.
 * (sync-async-io is satisfied: the operation is known synchronous here.)
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	if (!FltIsOperationSynchronous(Data)) {
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	}
	return FLT_PREOP_SYNCHRONIZE; // expect: sync-non-irp
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
