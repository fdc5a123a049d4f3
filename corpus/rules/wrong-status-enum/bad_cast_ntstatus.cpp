/*
 * wrong-status-enum (C++): C++ will not convert an NTSTATUS to the enum
 * implicitly, so the author cast it. The cast silences the compiler, not
 * the bug: STATUS_NOT_SUPPORTED is not a pre-operation status.
 */
#include <fltKernel.h>

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreQueryQuota(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	      PVOID *CompletionContext)
{
	NTSTATUS status = STATUS_NOT_SUPPORTED;

	if (Data->Iopb->Parameters.QueryQuota.Length != 0) {
		return (FLT_PREOP_CALLBACK_STATUS)status; // expect: wrong-status-enum
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_QUERY_QUOTA, 0, PreQueryQuota, NULL },
	{ IRP_MJ_OPERATION_END }
};
