/*
 * fail-cleanup-close, conforming: a filter that owns the file object may
 * complete the cleanup itself, with STATUS_SUCCESS.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

BOOLEAN IsOwnedByFilter(PFILE_OBJECT FileObject);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCleanup(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (IsOwnedByFilter(FltObjects->FileObject)) {
		Data->IoStatus.Status = STATUS_SUCCESS;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLEANUP, 0, PreCleanup, NULL },
	{ IRP_MJ_OPERATION_END }
};
