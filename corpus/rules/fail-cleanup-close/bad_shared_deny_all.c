/*
 * fail-cleanup-close: a shared "deny everything for this file" pre-op is
 * registered for CREATE, SET_INFORMATION and CLEANUP. Denying the first two
 * is fine; the CLEANUP registration makes the same return a bug.
 */
#include <fltKernel.h>

BOOLEAN IsQuarantined(PFILE_OBJECT FileObject);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreDenyQuarantined(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
		   PVOID *CompletionContext)
{
	if (!IsQuarantined(FltObjects->FileObject)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	Data->IoStatus.Status = STATUS_ACCESS_DENIED;
	Data->IoStatus.Information = 0;
	return FLT_PREOP_COMPLETE; // expect: fail-cleanup-close
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreDenyQuarantined, NULL },
	{ IRP_MJ_SET_INFORMATION, 0, PreDenyQuarantined, NULL },
	{ IRP_MJ_CLEANUP, 0, PreDenyQuarantined, NULL },
	{ IRP_MJ_OPERATION_END }
};
