/*
 * wrong-status-enum, conforming: the look-alike of the reused-NTSTATUS bug.
 * The failure path overwrites the variable with a FLT_PREOP_* value
 * before returning it.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	PFLT_FILE_NAME_INFORMATION name = NULL;
	NTSTATUS status;

	status = FltGetFileNameInformation(Data, FLT_FILE_NAME_NORMALIZED |
					   FLT_FILE_NAME_QUERY_DEFAULT, &name);
	if (!NT_SUCCESS(status)) {
		status = FLT_PREOP_SUCCESS_NO_CALLBACK;
		goto Exit;
	}
	FltReleaseFileNameInformation(name);
	status = FLT_PREOP_SUCCESS_NO_CALLBACK;
Exit:
	return status;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
