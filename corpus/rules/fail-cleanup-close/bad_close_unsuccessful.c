/*
 * fail-cleanup-close: the pre-close fails when its tracking record is
 * missing.
 */
#include <fltKernel.h>

PVOID LookupTracking(PFILE_OBJECT FileObject);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreClose(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	if (LookupTracking(FltObjects->FileObject) == NULL) {
		Data->IoStatus.Status = STATUS_UNSUCCESSFUL;
		return FLT_PREOP_COMPLETE; // expect: fail-cleanup-close
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLOSE, 0, PreClose, NULL },
	{ IRP_MJ_OPERATION_END }
};
