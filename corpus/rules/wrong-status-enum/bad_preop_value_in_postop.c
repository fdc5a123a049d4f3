/*
 * wrong-status-enum: a post-op returns FLT_PREOP_SUCCESS_NO_CALLBACK on its
 * error path. Its value 1 means FLT_POSTOP_MORE_PROCESSING_REQUIRED: the
 * create is never completed.
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	if (!NT_SUCCESS(Data->IoStatus.Status)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK; // expect: wrong-status-enum
	}
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, PostCreate },
	{ IRP_MJ_OPERATION_END }
};
