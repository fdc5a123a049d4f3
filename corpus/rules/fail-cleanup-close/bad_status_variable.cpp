/*
 * fail-cleanup-close (C++): the close is completed with a status held in
 * a local that is an error on one path (a goto to the common exit).
 */
#include <fltKernel.h>

extern "C" BOOLEAN ReleaseTracking(PFILE_OBJECT FileObject);

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreClose(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	NTSTATUS status = STATUS_SUCCESS;

	if (FltObjects->FileObject == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!ReleaseTracking(FltObjects->FileObject)) {
		status = STATUS_INVALID_HANDLE;
		goto Complete;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
Complete:
	Data->IoStatus.Status = status;
	Data->IoStatus.Information = 0;
	return FLT_PREOP_COMPLETE; // expect: fail-cleanup-close
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLOSE, 0, PreClose, NULL },
	{ IRP_MJ_OPERATION_END }
};
