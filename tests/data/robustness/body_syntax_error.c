/*
 * CLI fixture (tests/cli.sh): the registered pre-op CliBrokenPreCreate has a
 * syntax error inside its body, so fltcheck cannot analyze it and must exit
 * with 3 and name the function. The rest of the file is valid.
 */
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS FLTAPI
CliBrokenPreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
		   PVOID *CompletionContext)
{
	NTSTATUS status = STATUS_SUCCESS;
	UNREFERENCED_PARAMETER(FltObjects);
	UNREFERENCED_PARAMETER(CompletionContext);
	if (Data->Iopb->MajorFunction == IRP_MJ_CREATE {
		status = STATUS_ACCESS_DENIED;
	}
	if (!NT_SUCCESS(status)) {
		Data->IoStatus.Status = status;
		return FLT_PREOP_COMPLETE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, CliBrokenPreCreate, NULL },
	{ IRP_MJ_OPERATION_END }
};
