/*
 * sync-non-irp, conforming: QUERY_INFORMATION with fast I/O excluded by the
 * expanded flag test `(Data->Flags & FLTFL_CALLBACK_DATA_FAST_IO_OPERATION) != 0`.
 * What is left is IRP-based (QUERY_INFORMATION is never an FsFilter
 * callback), and sync-async-io does not apply to this major.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostQueryInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	      PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreQueryInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	     PVOID *CompletionContext)
{
	if ((Data->Flags & FLTFL_CALLBACK_DATA_FAST_IO_OPERATION) != 0) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SYNCHRONIZE;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_QUERY_INFORMATION, 0, PreQueryInfo, PostQueryInfo },
	{ IRP_MJ_OPERATION_END }
};
