/*
 * status-set-not-completed: the deny branch sets an error status but
 * forgets to complete; the function falls through to NO_CALLBACK, the file
 * system runs the create and overwrites the status.
 */
#include <fltKernel.h>

BOOLEAN IsBlockedName(PCUNICODE_STRING Name);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	if (IsBlockedName(&FltObjects->FileObject->FileName)) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK; // expect: status-set-not-completed
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, NULL },
	{ IRP_MJ_OPERATION_END }
};
