/*
 * status-set-not-completed: SET_INFORMATION (IRP only, so SYNCHRONIZE is
 * otherwise fine) sets STATUS_ACCESS_DENIED and then synchronizes.
 */
#include <fltKernel.h>

BOOLEAN IsProtectedFile(PFILE_OBJECT FileObject);

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	    PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (IsProtectedFile(FltObjects->FileObject)) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_SYNCHRONIZE; // expect: status-set-not-completed
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_INFORMATION, 0, PreSetInfo, PostSetInfo },
	{ IRP_MJ_OPERATION_END }
};
