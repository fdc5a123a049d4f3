/*
 * fail-cleanup-close, conforming: the pre-op shared by CREATE and CLEANUP
 * completes CREATE with STATUS_REPARSE (a success code, 0x104) after
 * pointing the file object at another name, and CLEANUP with STATUS_SUCCESS.
 * Neither fails a cleanup.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

BOOLEAN IsRedirected(PFILE_OBJECT FileObject);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	if (!IsRedirected(FltObjects->FileObject)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (Data->Iopb->MajorFunction == IRP_MJ_CREATE) {
		Data->IoStatus.Status = STATUS_REPARSE;
		Data->IoStatus.Information = IO_REPARSE;
		return FLT_PREOP_COMPLETE;
	}
	Data->IoStatus.Status = STATUS_SUCCESS;
	Data->IoStatus.Information = 0;
	return FLT_PREOP_COMPLETE;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCommon, NULL },
	{ IRP_MJ_CLEANUP, 0, PreCommon, NULL },
	{ IRP_MJ_OPERATION_END }
};
