/*
 * ScanGuard pre- and post-operation callbacks.
 */
#include "scanguard.h"

// fltcheck-verify: no-findings

/*
 * IRP_MJ_CREATE. Denied names are failed here; names that need a verdict
 * from the policy store are pended to SgCreateVerdictWorker (queue.c),
 * because the lookup waits on a mutex. Everything else gets the post-create,
 * which attaches a stream context.
 */
FLT_PREOP_CALLBACK_STATUS FLTAPI
SgPreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	PFLT_FILE_NAME_INFORMATION name = NULL;
	PFLT_DEFERRED_IO_WORKITEM wi;
	BOOLEAN denied;
	BOOLEAN needsVerdict;
	NTSTATUS status;

	if (Data->RequestorMode == KernelMode ||
	    FlagOn(Data->Iopb->OperationFlags, SL_OPEN_PAGING_FILE) ||
	    FlagOn(Data->Iopb->Parameters.Create.Options, FILE_DIRECTORY_FILE)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}

	status = FltGetFileNameInformation(Data, FLT_FILE_NAME_OPENED | FLT_FILE_NAME_QUERY_DEFAULT,
					   &name);
	if (!NT_SUCCESS(status)) {
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	}
	denied = SgPolicyIsDenied(&name->Name);
	needsVerdict = SgPolicyNeedsVerdict(&name->Name);
	FltReleaseFileNameInformation(name);

	if (denied) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE;
	}
	if (!needsVerdict) {
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	}

	wi = FltAllocateDeferredIoWorkItem();
	if (wi == NULL) {
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	}
	status = FltQueueDeferredIoWorkItem(wi, Data, SgCreateVerdictWorker, DelayedWorkQueue, NULL);
	if (!NT_SUCCESS(status)) {
		/* Paging I/O, TopLevelIrp set or the instance is going away. */
		FltFreeDeferredIoWorkItem(wi);
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

FLT_POSTOP_CALLBACK_STATUS FLTAPI
SgPostCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID CompletionContext,
	     FLT_POST_OPERATION_FLAGS Flags)
{
	PSG_STREAM_CONTEXT ctx = NULL;
	NTSTATUS status;

	if (FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING) || !NT_SUCCESS(Data->IoStatus.Status) ||
	    Data->IoStatus.Status == STATUS_REPARSE) {
		return FLT_POSTOP_FINISHED_PROCESSING;
	}
	status = FltAllocateContext(FltObjects->Filter, FLT_STREAM_CONTEXT,
				    sizeof(SG_STREAM_CONTEXT), NonPagedPoolNx, (PFLT_CONTEXT *)&ctx);
	if (!NT_SUCCESS(status)) {
		return FLT_POSTOP_FINISHED_PROCESSING;
	}
	ctx->Infected = FALSE;
	ctx->WritesSinceScan = 0;
	(VOID)FltSetStreamContext(FltObjects->Instance, FltObjects->FileObject,
				  FLT_SET_CONTEXT_KEEP_IF_EXISTS, ctx, NULL);
	FltReleaseContext(ctx);
	return FLT_POSTOP_FINISHED_PROCESSING;
}

/*
 * IRP_MJ_READ and IRP_MJ_QUERY_INFORMATION share this pre-op. Both can be
 * fast I/O. An infected file's fast I/O is refused so that the request comes
 * back as an IRP, and the IRP is failed.
 */
FLT_PREOP_CALLBACK_STATUS FLTAPI
SgPreReadOrQuery(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
		 PVOID *CompletionContext)
{
	PSG_STREAM_CONTEXT ctx = NULL;
	BOOLEAN infected;

	if (!NT_SUCCESS(FltGetStreamContext(FltObjects->Instance, FltObjects->FileObject,
					    (PFLT_CONTEXT *)&ctx))) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	infected = ctx->Infected;
	FltReleaseContext(ctx);
	if (!infected) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (FLT_IS_FASTIO_OPERATION(Data)) {
		return FLT_PREOP_DISALLOW_FASTIO;
	}
	Data->IoStatus.Status = STATUS_VIRUS_INFECTED;
	Data->IoStatus.Information = 0;
	return FLT_PREOP_COMPLETE;
}

/*
 * IRP_MJ_WRITE. Fast I/O writes are sent back as IRPs so that every write is
 * scanned. Synchronous writes are scanned inline and synchronized (the
 * post-write gets a stream context reference); asynchronous writes are
 * pended to the instance's scanner thread through SgQueueWrite (queue.c).
 */
FLT_PREOP_CALLBACK_STATUS FLTAPI
SgPreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	PSG_INSTANCE_CONTEXT ictx = NULL;
	PSG_STREAM_CONTEXT sctx = NULL;
	NTSTATUS status;

	if (!FLT_IS_IRP_OPERATION(Data)) {
		return FLT_PREOP_DISALLOW_FASTIO;
	}
	if (FlagOn(Data->Iopb->IrpFlags, IRP_PAGING_IO) ||
	    Data->Iopb->Parameters.Write.Length == 0) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}

	if (FltIsOperationSynchronous(Data)) {
		if (SgScanWriteBuffer(Data)) {
			Data->IoStatus.Status = STATUS_VIRUS_INFECTED;
			Data->IoStatus.Information = 0;
			return FLT_PREOP_COMPLETE;
		}
		status = FltGetStreamContext(FltObjects->Instance, FltObjects->FileObject,
					     (PFLT_CONTEXT *)&sctx);
		if (!NT_SUCCESS(status)) {
			return FLT_PREOP_SUCCESS_NO_CALLBACK;
		}
		*CompletionContext = sctx;
		return FLT_PREOP_SYNCHRONIZE;
	}

	/* Asynchronous: the scanner thread maps the buffer through the MDL. */
	status = FltLockUserBuffer(Data);
	if (!NT_SUCCESS(status)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	status = FltGetInstanceContext(FltObjects->Instance, (PFLT_CONTEXT *)&ictx);
	if (!NT_SUCCESS(status)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	status = SgQueueWrite(ictx, Data);
	FltReleaseContext(ictx);
	if (!NT_SUCCESS(status)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

/*
 * Reached only for synchronized writes, with the stream context reference
 * taken by the pre-op (the scanner thread resumes pended writes with
 * NO_CALLBACK). The NULL test is defensive.
 */
FLT_POSTOP_CALLBACK_STATUS FLTAPI
SgPostWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID CompletionContext,
	    FLT_POST_OPERATION_FLAGS Flags)
{
	PSG_STREAM_CONTEXT sctx = (PSG_STREAM_CONTEXT)CompletionContext;

	if (sctx == NULL) {
		return FLT_POSTOP_FINISHED_PROCESSING;
	}
	if (!FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING) && NT_SUCCESS(Data->IoStatus.Status)) {
		InterlockedIncrement(&sctx->WritesSinceScan);
	}
	FltReleaseContext(sctx);
	return FLT_POSTOP_FINISHED_PROCESSING;
}

/*
 * IRP_MJ_SET_INFORMATION. Deleting or renaming a protected file is denied.
 * Renames of other files are synchronized; the post-op audits the old name.
 */
FLT_PREOP_CALLBACK_STATUS FLTAPI
SgPreSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects, PVOID *CompletionContext)
{
	FILE_INFORMATION_CLASS cls = Data->Iopb->Parameters.SetFileInformation.FileInformationClass;
	PFLT_FILE_NAME_INFORMATION name = NULL;
	BOOLEAN isRename;
	NTSTATUS status;

	isRename = (cls == FileRenameInformation || cls == FileRenameInformationEx);
	if (!isRename && cls != FileDispositionInformation &&
	    cls != FileDispositionInformationEx) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	status = FltGetFileNameInformation(Data, FLT_FILE_NAME_NORMALIZED |
						 FLT_FILE_NAME_QUERY_DEFAULT, &name);
	if (!NT_SUCCESS(status)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (SgPolicyIsProtected(&name->Name)) {
		FltReleaseFileNameInformation(name);
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE;
	}
	if (isRename) {
		*CompletionContext = name;
		return FLT_PREOP_SYNCHRONIZE;
	}
	FltReleaseFileNameInformation(name);
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

FLT_POSTOP_CALLBACK_STATUS FLTAPI
SgPostSetInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	      PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	PFLT_FILE_NAME_INFORMATION oldName = (PFLT_FILE_NAME_INFORMATION)CompletionContext;

	if (!FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING) && NT_SUCCESS(Data->IoStatus.Status)) {
		SgAuditRename(&oldName->Name);
	}
	FltReleaseFileNameInformation(oldName);
	return FLT_POSTOP_FINISHED_PROCESSING;
}
