/*
 * fail-cleanup-close, conforming: the look-alike of the shared deny-all
 * bug. The deny path is limited to CREATE by a test on the major function;
 * CLEANUP and CLOSE always pass through.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

BOOLEAN IsQuarantined(PFILE_OBJECT FileObject);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	if (Data->Iopb->MajorFunction == IRP_MJ_CREATE &&
	    IsQuarantined(FltObjects->FileObject)) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCommon, NULL },
	{ IRP_MJ_CLEANUP, 0, PreCommon, NULL },
	{ IRP_MJ_CLOSE, 0, PreCommon, NULL },
	{ IRP_MJ_OPERATION_END }
};
