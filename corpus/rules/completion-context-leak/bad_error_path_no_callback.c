/*
 * completion-context-leak: the context is stored in *CompletionContext
 * early; the later error path returns NO_CALLBACK with it still set. No
 * post-op runs, so nothing frees it.
 */
#include <fltKernel.h>

typedef struct _WRITE_CTX {
	LARGE_INTEGER Offset;
	ULONG Length;
} WRITE_CTX, *PWRITE_CTX;

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
       PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	ExFreePoolWithTag(CompletionContext, 'xtcC');
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
      PVOID *CompletionContext)
{
	PWRITE_CTX ctx;

	ctx = (PWRITE_CTX)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*ctx), 'xtcC');
	if (ctx == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	*CompletionContext = ctx;
	ctx->Offset = Data->Iopb->Parameters.Write.ByteOffset;
	ctx->Length = Data->Iopb->Parameters.Write.Length;
	if (ctx->Length == 0) {
		ExFreePoolWithTag(ctx, 'xtcC');
		return FLT_PREOP_SUCCESS_NO_CALLBACK; // expect: completion-context-leak
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
