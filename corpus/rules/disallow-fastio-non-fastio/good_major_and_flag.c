/*
 * disallow-fastio-non-fastio, conforming: a shared pre-op for CREATE and
 * LOCK_CONTROL; DISALLOW_FASTIO only when the major is LOCK_CONTROL and
 * the operation is not an IRP (both tests in one && condition).
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	if (Data->Iopb->MajorFunction == IRP_MJ_LOCK_CONTROL && !FLT_IS_IRP_OPERATION(Data)) {
		return FLT_PREOP_DISALLOW_FASTIO;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCommon, NULL },
	{ IRP_MJ_LOCK_CONTROL, 0, PreCommon, NULL },
	{ IRP_MJ_OPERATION_END }
};
