/*
 * sync-non-irp, conforming (C++): the IRP test is the expanded
 * FlagOn(Data->Flags, FLTFL_CALLBACK_DATA_IRP_OPERATION) form, combined
 * with FltIsOperationSynchronous() in one && condition.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	if (FlagOn(Data->Flags, FLTFL_CALLBACK_DATA_IRP_OPERATION) &&
	    FltIsOperationSynchronous(Data)) {
		return FLT_PREOP_SYNCHRONIZE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, PostWrite },
	{ IRP_MJ_OPERATION_END }
};
