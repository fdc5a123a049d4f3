/*
 * status-set-not-completed (C++): an audit helper in this file records a
 * status in the callback data, and the pre-op then passes the operation on.
 */
#include <fltKernel.h>

static VOID
AuditDenied(PFLT_CALLBACK_DATA Data)
{
	Data->IoStatus.Status = STATUS_ACCESS_DENIED;
	Data->IoStatus.Information = 0;
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetSecurity(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	       PVOID *CompletionContext)
{
	if (Data->RequestorMode == UserMode) {
		AuditDenied(Data);
		return FLT_PREOP_SUCCESS_NO_CALLBACK; // expect: status-set-not-completed
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_SECURITY, 0, PreSetSecurity, NULL },
	{ IRP_MJ_OPERATION_END }
};
