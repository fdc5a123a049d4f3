/*
 * wrong-status-enum, conforming: a ULONG first holds an NTSTATUS from an
 * API call and is then overwritten with FLT_PREOP_* values before every
 * return. Only the value that reaches the return matters.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	PFLT_FILE_NAME_INFORMATION name = NULL;
	ULONG result;

	result = (ULONG)FltGetFileNameInformation(Data, FLT_FILE_NAME_NORMALIZED |
						  FLT_FILE_NAME_QUERY_DEFAULT, &name);
	if (!NT_SUCCESS((NTSTATUS)result)) {
		result = FLT_PREOP_SUCCESS_NO_CALLBACK;
		return result;
	}
	FltReleaseFileNameInformation(name);
	result = FLT_PREOP_SUCCESS_NO_CALLBACK;
	return result;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
