/*
 * sync-async-io, conforming: the rule is about READ and WRITE only. This
 * pre-op is shared by WRITE and SET_INFORMATION; SET_INFORMATION is
 * synchronized without a synchronous test, WRITE only after one.
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
	UCHAR major = Data->Iopb->MajorFunction;

	if (major == IRP_MJ_SET_INFORMATION) {
		return FLT_PREOP_SYNCHRONIZE;
	}
	if (FLT_IS_IRP_OPERATION(Data) && FltIsOperationSynchronous(Data)) {
		return FLT_PREOP_SYNCHRONIZE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreCommon, PostCommon },
	{ IRP_MJ_SET_INFORMATION, 0, PreCommon, PostCommon },
	{ IRP_MJ_OPERATION_END }
};
