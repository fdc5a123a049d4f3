/*
 * wrong-status-enum, conforming (C++): the result is held in a variable of
 * the callback's own enum type, chosen in a switch with fallthrough.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreFsCtl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	FLT_PREOP_CALLBACK_STATUS result = FLT_PREOP_SUCCESS_NO_CALLBACK;

	switch (Data->Iopb->MinorFunction) {
	case IRP_MN_USER_FS_REQUEST:
	case IRP_MN_KERNEL_CALL:
		result = FLT_PREOP_SUCCESS_WITH_CALLBACK;
		break;
	default:
		break;
	}
	return result;
}

extern "C" FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostFsCtl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	FLT_POSTOP_CALLBACK_STATUS result = FLT_POSTOP_FINISHED_PROCESSING;
	return result;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_FILE_SYSTEM_CONTROL, 0, PreFsCtl, PostFsCtl },
	{ IRP_MJ_OPERATION_END }
};
