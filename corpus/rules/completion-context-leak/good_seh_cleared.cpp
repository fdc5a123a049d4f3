/*
 * completion-context-leak, conforming (C++): the context is published
 * inside __try; the __except handler clears it and frees the memory before
 * returning NO_CALLBACK.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
       PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	ExFreePoolWithTag(CompletionContext, 'xtcC');
	return FLT_POSTOP_FINISHED_PROCESSING;
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
      PVOID *CompletionContext)
{
	if (Data->RequestorMode != UserMode ||
	    Data->Iopb->Parameters.DirectoryControl.QueryDirectory.MdlAddress != NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	PUCHAR copy = static_cast<PUCHAR>(ExAllocatePoolWithTag(NonPagedPoolNx, 16, 'xtcC'));
	if (copy == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	*CompletionContext = copy;
	__try {
		PUCHAR user = static_cast<PUCHAR>(
			Data->Iopb->Parameters.DirectoryControl.QueryDirectory.DirectoryBuffer);
		ProbeForRead(user, 16, sizeof(UCHAR));
		RtlCopyMemory(copy, user, 16);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		*CompletionContext = NULL;
		ExFreePoolWithTag(copy, 'xtcC');
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DIRECTORY_CONTROL, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
