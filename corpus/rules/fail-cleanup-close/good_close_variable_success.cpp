/*
 * fail-cleanup-close, conforming (C++): the look-alike of the status
 * variable bug; the error is remembered for logging but the close is
 * completed with STATUS_SUCCESS on every path.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" BOOLEAN ReleaseTracking(PFILE_OBJECT FileObject);
extern "C" VOID LogCloseProblem(NTSTATUS Status);

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreClose(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	NTSTATUS problem = STATUS_SUCCESS;

	if (FltObjects->FileObject == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!ReleaseTracking(FltObjects->FileObject)) {
		problem = STATUS_INVALID_HANDLE;
		goto Complete;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
Complete:
	LogCloseProblem(problem);
	Data->IoStatus.Status = STATUS_SUCCESS;
	Data->IoStatus.Information = 0;
	return FLT_PREOP_COMPLETE;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLOSE, 0, PreClose, NULL },
	{ IRP_MJ_OPERATION_END }
};
