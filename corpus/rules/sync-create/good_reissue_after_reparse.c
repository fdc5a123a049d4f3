/*
 * sync-create, conforming: the post-create reissues the create after
 * STATUS_REPARSE, which FltReissueSynchronousIo documents as requiring a
 * synchronized pre-create. The note is not reported for this pair.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	if (FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING)) {
		return FLT_POSTOP_FINISHED_PROCESSING;
	}
	if (Data->IoStatus.Status == STATUS_REPARSE &&
	    !FlagOn(Data->Iopb->Parameters.Create.Options, FILE_OPEN_REPARSE_POINT)) {
		Data->Iopb->Parameters.Create.Options |= FILE_OPEN_REPARSE_POINT;
		FltSetCallbackDataDirty(Data);
		FltReissueSynchronousIo(FltObjects->Instance, Data);
	}
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	return FLT_PREOP_SYNCHRONIZE;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, PostCreate },
	{ IRP_MJ_OPERATION_END }
};
