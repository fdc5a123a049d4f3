/*
 * missing-postop, conforming (C++): SYNCHRONIZE and WITH_CALLBACK are
 * returned only for the two entries that have post-ops; the third entry
 * (FLUSH_BUFFERS, no post-op) is excluded with an || test at the top.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	PFLT_IO_PARAMETER_BLOCK iopb = Data->Iopb;

	if (iopb->MajorFunction == IRP_MJ_FLUSH_BUFFERS || FltObjects->FileObject == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (iopb->MajorFunction == IRP_MJ_SET_INFORMATION) {
		return FLT_PREOP_SYNCHRONIZE;
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLEANUP, 0, PreCommon, PostCommon },
	{ IRP_MJ_SET_INFORMATION, 0, PreCommon, PostCommon },
	{ IRP_MJ_FLUSH_BUFFERS, 0, PreCommon, NULL },
	{ IRP_MJ_OPERATION_END }
};
