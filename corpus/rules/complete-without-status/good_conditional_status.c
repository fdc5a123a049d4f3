/*
 * complete-without-status, conforming: the status is chosen by ?: and set
 * once, before two different COMPLETE returns. STATUS_SUCCESS is a fine
 * final status too (the filter answers the query itself).
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

BOOLEAN IsHiddenVolume(PFLT_VOLUME Volume);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreQueryVolInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
		PVOID *CompletionContext)
{
	BOOLEAN hidden = IsHiddenVolume(FltObjects->Volume);

	if (Data->Iopb->Parameters.QueryVolumeInformation.FsInformationClass !=
	    FileFsVolumeInformation) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	Data->IoStatus.Status = hidden ? STATUS_ACCESS_DENIED : STATUS_SUCCESS;
	Data->IoStatus.Information = 0;
	if (hidden) {
		return FLT_PREOP_COMPLETE;
	}
	return FLT_PREOP_COMPLETE;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_QUERY_VOLUME_INFORMATION, 0, PreQueryVolInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
