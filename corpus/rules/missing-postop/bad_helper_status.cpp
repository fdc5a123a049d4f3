/*
 * missing-postop (C++): the pre-op returns a helper's decision; the helper
 * asks for a callback on large queries. No post-op is registered.
 */
#include <fltKernel.h>

static FLT_PREOP_CALLBACK_STATUS
WantsCallback(PFLT_CALLBACK_DATA Data)
{
	return Data->Iopb->Parameters.DirectoryControl.QueryDirectory.Length > PAGE_SIZE
		       ? FLT_PREOP_SUCCESS_WITH_CALLBACK
		       : FLT_PREOP_SUCCESS_NO_CALLBACK;
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (Data->Iopb->MinorFunction != IRP_MN_QUERY_DIRECTORY) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return WantsCallback(Data); // expect: missing-postop
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DIRECTORY_CONTROL, 0, PreDirCtrl, NULL },
	{ IRP_MJ_OPERATION_END }
};
