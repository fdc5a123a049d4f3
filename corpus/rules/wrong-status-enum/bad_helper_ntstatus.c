/*
 * wrong-status-enum: the pre-op returns the result of an access-check
 * helper that returns an NTSTATUS (STATUS_SUCCESS is 0, which the Filter
 * Manager reads as WITH_CALLBACK; STATUS_ACCESS_DENIED is no status at all).
 * Reported at the callback's return. A post-op exists.
 */
#include <fltKernel.h>

static NTSTATUS
CheckAccess(PFLT_CALLBACK_DATA Data)
{
	if (Data->RequestorMode == KernelMode) {
		return STATUS_SUCCESS;
	}
	return STATUS_ACCESS_DENIED;
}

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostSetSecurity(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
		PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetSecurity(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	       PVOID *CompletionContext)
{
	return CheckAccess(Data); // expect: wrong-status-enum
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_SECURITY, 0, PreSetSecurity, PostSetSecurity },
	{ IRP_MJ_OPERATION_END }
};
