/*
 * complete-without-status: the deny branch completes the create without
 * setting Data->IoStatus.Status; whatever was in it is returned to the
 * caller as the result of the open.
 */
#include <fltKernel.h>

BOOLEAN IsBlockedName(PCUNICODE_STRING Name);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	if (IsBlockedName(&FltObjects->FileObject->FileName)) {
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE; // expect: complete-without-status
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, NULL },
	{ IRP_MJ_OPERATION_END }
};
