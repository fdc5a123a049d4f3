/*
 * sync-non-irp, conforming: the major function is tested through a local
 * `PFLT_IO_PARAMETER_BLOCK iopb = Data->Iopb;`. The SYNCHRONIZE is reached
 * only for DIRECTORY_CONTROL (IRP only); the fast-I/O-capable LOCK_CONTROL
 * entry takes the other branch.
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
	PFLT_IO_PARAMETER_BLOCK iopb = Data->Iopb;

	if (iopb->MajorFunction == IRP_MJ_DIRECTORY_CONTROL &&
	    iopb->MinorFunction == IRP_MN_QUERY_DIRECTORY) {
		return FLT_PREOP_SYNCHRONIZE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DIRECTORY_CONTROL, 0, PreCommon, PostCommon },
	{ IRP_MJ_LOCK_CONTROL, 0, PreCommon, PostCommon },
	{ IRP_MJ_OPERATION_END }
};
