/*
 * sync-async-io: one pre-op for SET_INFORMATION and WRITE. The WRITE case
 * falls through into the SET_INFORMATION case and is synchronized with no
 * check that it is synchronous. (Fast I/O was excluded before the switch.)
 */
#include <fltKernel.h>

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
	if (!FLT_IS_IRP_OPERATION(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	switch (Data->Iopb->MajorFunction) {
	case IRP_MJ_WRITE:
		if (Data->Iopb->Parameters.Write.Length == 0) {
			break;
		}
		/* fall through */
	case IRP_MJ_SET_INFORMATION:
		return FLT_PREOP_SYNCHRONIZE; // expect: sync-async-io
	default:
		break;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreCommon, PostCommon },
	{ IRP_MJ_SET_INFORMATION, 0, PreCommon, PostCommon },
	{ IRP_MJ_OPERATION_END }
};
