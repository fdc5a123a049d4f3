/*
 * missing-postop, conforming: the look-alike of the shared-entry bug. The
 * WRITE entry has no post-op, and the pre-op asks for a callback only when
 * the major is READ (tested through a local copy of the major).
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
PreReadWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	     PVOID *CompletionContext)
{
	UCHAR major = Data->Iopb->MajorFunction;

	if (major == IRP_MJ_WRITE) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreReadWrite, PostRead },
	{ IRP_MJ_WRITE, 0, PreReadWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
