/*
 * sync-non-irp (C++): the decision is made in a helper that the callback
 * returns directly. The helper excludes asynchronous reads but nothing
 * excludes fast I/O reads; the finding belongs on the callback's return.
 */
#include <fltKernel.h>

static FLT_PREOP_CALLBACK_STATUS
DecideReadStatus(PFLT_CALLBACK_DATA Data)
{
	if (Data->Iopb->Parameters.Read.Length == 0) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (!FltIsOperationSynchronous(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SYNCHRONIZE;
}

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
	return DecideReadStatus(Data); // expect: sync-non-irp
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
