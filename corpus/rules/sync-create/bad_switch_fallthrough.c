/*
 * sync-create: the CREATE case falls through into the CLEANUP case, which
 * synchronizes. The post-create never reissues the create.
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	switch (Data->Iopb->MajorFunction) {
	case IRP_MJ_CREATE:
		if (FlagOn(Data->Iopb->Parameters.Create.Options, FILE_DIRECTORY_FILE)) {
			return FLT_PREOP_SUCCESS_NO_CALLBACK;
		}
		/* fall through */
	case IRP_MJ_CLEANUP:
		return FLT_PREOP_SYNCHRONIZE; // expect: sync-create
	default:
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCommon, PostCommon },
	{ IRP_MJ_CLEANUP, 0, PreCommon, PostCommon },
	{ IRP_MJ_OPERATION_END }
};
