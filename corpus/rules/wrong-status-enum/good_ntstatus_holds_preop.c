/*
 * wrong-status-enum, conforming: an NTSTATUS variable is used as the
 * callback result, but on every returning path it only ever holds
 * FLT_PREOP_* values (as in some older samples). Unusual, not wrong.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	NTSTATUS returnStatus = FLT_PREOP_SUCCESS_NO_CALLBACK;

	if (Data->Iopb->Parameters.Write.Length != 0) {
		returnStatus = FLT_PREOP_SUCCESS_WITH_CALLBACK;
	}
	return returnStatus;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, PostWrite },
	{ IRP_MJ_OPERATION_END }
};
