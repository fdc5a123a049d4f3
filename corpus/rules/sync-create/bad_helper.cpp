/*
 * sync-create (C++): the pre-create returns whatever a helper decides; the
 * helper synchronizes every create that asks for write access. The post-create
 * inspects the result but never reissues.
 */
#include <fltKernel.h>

static FLT_PREOP_CALLBACK_STATUS
CreateDisposition(PFLT_CALLBACK_DATA Data)
{
	ACCESS_MASK access =
		Data->Iopb->Parameters.Create.SecurityContext->DesiredAccess;

	if ((access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) == 0) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SYNCHRONIZE;
}

extern "C" FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	if (Data->IoStatus.Status == STATUS_REPARSE) {
		return FLT_POSTOP_FINISHED_PROCESSING;
	}
	return FLT_POSTOP_FINISHED_PROCESSING;
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	return CreateDisposition(Data); // expect: sync-create
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, PostCreate },
	{ IRP_MJ_OPERATION_END }
};
