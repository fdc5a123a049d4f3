/*
 * status-set-not-completed, conforming (C++): a shared pre-op for CREATE
 * and SET_INFORMATION. The status is set in the CREATE case, which
 * completes; the SET_INFORMATION case passes on without touching it.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" BOOLEAN IsReadOnlyMode(VOID);

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	switch (Data->Iopb->MajorFunction) {
	case IRP_MJ_CREATE:
		if (IsReadOnlyMode() &&
		    (Data->Iopb->Parameters.Create.SecurityContext->DesiredAccess &
		     FILE_WRITE_DATA) != 0) {
			Data->IoStatus.Status = STATUS_MEDIA_WRITE_PROTECTED;
			Data->IoStatus.Information = 0;
			return FLT_PREOP_COMPLETE;
		}
		break;
	case IRP_MJ_SET_INFORMATION:
	default:
		break;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCommon, NULL },
	{ IRP_MJ_SET_INFORMATION, 0, PreCommon, NULL },
	{ IRP_MJ_OPERATION_END }
};
