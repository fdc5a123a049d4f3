/*
 * sync-async-io (C++): the status comes from a helper in the same file.
 * The helper only looks at the transfer size; the finding is reported on
 * the callback's return.
 */
#include <fltKernel.h>

namespace {

FLT_PREOP_CALLBACK_STATUS
ChooseStatus(PFLT_CALLBACK_DATA Data)
{
	if (Data->Iopb->Parameters.Read.Length < PAGE_SIZE) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SYNCHRONIZE;
}

} // namespace

extern "C" FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	if (FLT_IS_FASTIO_OPERATION(Data)) {
		return FLT_PREOP_DISALLOW_FASTIO;
	}
	return ChooseStatus(Data); // expect: sync-async-io
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
