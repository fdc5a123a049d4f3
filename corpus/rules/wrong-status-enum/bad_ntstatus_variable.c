/*
 * wrong-status-enum: one NTSTATUS variable serves as the API result and as
 * the callback result. On the path where FltGetFileNameInformation fails
 * it still holds that NTSTATUS when it is returned.
 */
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	PFLT_FILE_NAME_INFORMATION name = NULL;
	NTSTATUS status;

	status = FltGetFileNameInformation(Data, FLT_FILE_NAME_NORMALIZED |
					   FLT_FILE_NAME_QUERY_DEFAULT, &name);
	if (!NT_SUCCESS(status)) {
		return status; // expect: wrong-status-enum
	}
	FltReleaseFileNameInformation(name);
	status = FLT_PREOP_SUCCESS_NO_CALLBACK;
	return status;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
