/*
 * status-set-not-completed: the pre-op sets a status "for the post-op to
 * see" and returns WITH_CALLBACK. The file system overwrites it.
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	if (Data->Iopb->Parameters.Write.Length == 0) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	Data->IoStatus.Status = STATUS_SUCCESS;
	return FLT_PREOP_SUCCESS_WITH_CALLBACK; // expect: status-set-not-completed
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, PostWrite },
	{ IRP_MJ_OPERATION_END }
};
