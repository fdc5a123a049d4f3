/*
 * completion-context-leak: a single exit label frees the name information,
 * but the failure path that jumps there after the context was published
 * returns NO_CALLBACK without clearing *CompletionContext.
 */
#include <fltKernel.h>

typedef struct _DIR_CTX {
	PFLT_FILE_NAME_INFORMATION Name;
} DIR_CTX, *PDIR_CTX;

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
       PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	PDIR_CTX ctx = (PDIR_CTX)CompletionContext;

	FltReleaseFileNameInformation(ctx->Name);
	ExFreePoolWithTag(ctx, 'xtcC');
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreOp(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
      PVOID *CompletionContext)
{
	FLT_PREOP_CALLBACK_STATUS ret = FLT_PREOP_SUCCESS_NO_CALLBACK;
	PDIR_CTX ctx;
	NTSTATUS status;

	ctx = (PDIR_CTX)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*ctx), 'xtcC');
	if (ctx == NULL) {
		goto Exit;
	}
	*CompletionContext = ctx;
	status = FltGetFileNameInformation(Data, FLT_FILE_NAME_NORMALIZED |
					   FLT_FILE_NAME_QUERY_DEFAULT, &ctx->Name);
	if (!NT_SUCCESS(status)) {
		ExFreePoolWithTag(ctx, 'xtcC');
		goto Exit;
	}
	ret = FLT_PREOP_SUCCESS_WITH_CALLBACK;
Exit:
	return ret; // expect: completion-context-leak
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DIRECTORY_CONTROL, 0, PreOp, PostOp },
	{ IRP_MJ_OPERATION_END }
};
