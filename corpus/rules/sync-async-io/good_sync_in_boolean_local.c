/*
 * sync-async-io, conforming: FltIsOperationSynchronous() is stored in a
 * BOOLEAN first and tested later, after other early returns; the IRP test
 * uses FlagOn on Data->Flags.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

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
	BOOLEAN synchronous = FltIsOperationSynchronous(Data);

	if (!FlagOn(Data->Flags, FLTFL_CALLBACK_DATA_IRP_OPERATION)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (Data->Iopb->Parameters.Read.Length == 0) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (synchronous) {
		return FLT_PREOP_SYNCHRONIZE;
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
