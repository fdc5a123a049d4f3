/*
 * completion-context-leak: the deny path completes the create with the
 * completion context still set.
 */
#include <fltKernel.h>

BOOLEAN IsBlockedName(PCUNICODE_STRING Name);

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
       PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	ExFreePoolWithTag(CompletionContext, 'xtcC');
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
      PVOID *CompletionContext)
{
	PVOID ctx = ExAllocatePoolWithTag(NonPagedPoolNx, 32, 'xtcC');

	if (ctx == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	*CompletionContext = ctx;
	if (IsBlockedName(&FltObjects->FileObject->FileName)) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE; // expect: completion-context-leak
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
