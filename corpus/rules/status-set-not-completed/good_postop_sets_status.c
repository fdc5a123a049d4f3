/*
 * status-set-not-completed, conforming: a post-op may change the final
 * status (here it turns a successful read of a quarantined range into an
 * error); the rule is about pre-ops passing the operation on. The pre-op
 * itself does not touch the status.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

BOOLEAN InQuarantinedRange(PLARGE_INTEGER Offset);

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	if (FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING)) {
		return FLT_POSTOP_FINISHED_PROCESSING;
	}
	if (NT_SUCCESS(Data->IoStatus.Status) &&
	    InQuarantinedRange(&Data->Iopb->Parameters.Read.ByteOffset)) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
	}
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
