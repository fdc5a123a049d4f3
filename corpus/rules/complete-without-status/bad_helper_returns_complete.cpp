/*
 * complete-without-status (C++): a helper in this file decides to complete
 * the operation (FLT_PREOP_COMPLETE) but never sets the status; the
 * callback returns the helper's value. Reported at the callback's return.
 */
#include <fltKernel.h>

static FLT_PREOP_CALLBACK_STATUS
ReadOnlyVolumeCheck(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects)
{
	if (FltObjects->Volume == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (Data->Iopb->Parameters.SetVolumeInformation.FsInformationClass ==
	    FileFsLabelInformation) {
		return FLT_PREOP_COMPLETE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreSetVolInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	      PVOID *CompletionContext)
{
	return ReadOnlyVolumeCheck(Data, FltObjects); // expect: complete-without-status
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SET_VOLUME_INFORMATION, 0, PreSetVolInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
