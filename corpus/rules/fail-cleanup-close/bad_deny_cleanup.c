/*
 * fail-cleanup-close: a cleanup is "denied". Cleanup and close must never
 * fail; the handle is gone for the caller either way and the file object
 * state is left inconsistent.
 */
#include <fltKernel.h>

BOOLEAN IsLockedByPolicy(PFILE_OBJECT FileObject);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCleanup(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (IsLockedByPolicy(FltObjects->FileObject)) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE; // expect: fail-cleanup-close
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLEANUP, 0, PreCleanup, NULL },
	{ IRP_MJ_OPERATION_END }
};
