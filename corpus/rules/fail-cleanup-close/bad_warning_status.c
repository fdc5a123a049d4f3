/*
 * fail-cleanup-close: STATUS_DEVICE_BUSY (0x80000011) has warning severity,
 * not error severity, but NT_SUCCESS is FALSE for it: the close is still
 * failed. The rule is about any status that is not a success code.
 */
#include <fltKernel.h>

LONG OutstandingWrites(PFILE_OBJECT FileObject);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreClose(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	if (OutstandingWrites(FltObjects->FileObject) > 0) {
		Data->IoStatus.Status = STATUS_DEVICE_BUSY;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE; // expect: fail-cleanup-close
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLOSE, 0, PreClose, NULL },
	{ IRP_MJ_OPERATION_END }
};
