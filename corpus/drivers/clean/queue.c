/*
 * ScanGuard work routines: the per-instance cancel-safe write queue and the
 * scanner thread that drains it, and the deferred I/O worker that finishes
 * pended creates. Every pended operation is completed exactly once: by the
 * scanner thread, by the queue's cancel callback, or by the create worker.
 */
#include "scanguard.h"

// fltcheck-verify: no-findings

#define SG_QUEUE_FROM_CBDQ(q) CONTAINING_RECORD((q), SG_INSTANCE_CONTEXT, WriteQueue)

static NTSTATUS
SgCbdqInsert(PFLT_CALLBACK_DATA_QUEUE Cbdq, PFLT_CALLBACK_DATA Data, PVOID InsertContext)
{
	InsertTailList(&SG_QUEUE_FROM_CBDQ(Cbdq)->WriteList, &Data->QueueLinks);
	return STATUS_SUCCESS;
}

static VOID
SgCbdqRemove(PFLT_CALLBACK_DATA_QUEUE Cbdq, PFLT_CALLBACK_DATA Data)
{
	RemoveEntryList(&Data->QueueLinks);
}

static PFLT_CALLBACK_DATA
SgCbdqPeekNext(PFLT_CALLBACK_DATA_QUEUE Cbdq, PFLT_CALLBACK_DATA Data, PVOID PeekContext)
{
	PSG_INSTANCE_CONTEXT ctx = SG_QUEUE_FROM_CBDQ(Cbdq);
	PLIST_ENTRY next = (Data == NULL) ? ctx->WriteList.Flink : Data->QueueLinks.Flink;

	if (next == &ctx->WriteList) {
		return NULL;
	}
	return CONTAINING_RECORD(next, FLT_CALLBACK_DATA, QueueLinks);
}

static VOID
SgCbdqAcquire(PFLT_CALLBACK_DATA_QUEUE Cbdq, PKIRQL Irql)
{
	KeAcquireSpinLock(&SG_QUEUE_FROM_CBDQ(Cbdq)->WriteLock, Irql);
}

static VOID
SgCbdqRelease(PFLT_CALLBACK_DATA_QUEUE Cbdq, KIRQL Irql)
{
	KeReleaseSpinLock(&SG_QUEUE_FROM_CBDQ(Cbdq)->WriteLock, Irql);
}

/* The writer cancelled its I/O while it was queued: finish it here. */
static VOID
SgCbdqCompleteCanceled(PFLT_CALLBACK_DATA_QUEUE Cbdq, PFLT_CALLBACK_DATA Data)
{
	Data->IoStatus.Status = STATUS_CANCELLED;
	Data->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
}

/* Scans one pended write and completes it, on every path. */
static VOID
SgFinishPendedWrite(PFLT_CALLBACK_DATA Data)
{
	PMDL mdl = Data->Iopb->Parameters.Write.MdlAddress;
	PVOID buffer = NULL;

	if (mdl != NULL) {
		buffer = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority | MdlMappingNoExecute);
	}
	if (buffer == NULL) {
		Data->IoStatus.Status = STATUS_INSUFFICIENT_RESOURCES;
		Data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
		return;
	}
	if (SgScanBuffer(buffer, Data->Iopb->Parameters.Write.Length)) {
		Data->IoStatus.Status = STATUS_VIRUS_INFECTED;
		Data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
		return;
	}
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

static VOID
SgScannerThread(PVOID StartContext)
{
	PSG_INSTANCE_CONTEXT ctx = (PSG_INSTANCE_CONTEXT)StartContext;
	PFLT_CALLBACK_DATA data;

	for (;;) {
		KeWaitForSingleObject(&ctx->WorkReady, Executive, KernelMode, FALSE, NULL);
		while ((data = FltCbdqRemoveNextIo(&ctx->WriteQueue, NULL)) != NULL) {
			SgFinishPendedWrite(data);
		}
		if (ctx->Stopping) {
			break;
		}
	}
	KeSetEvent(&ctx->ScannerExited, IO_NO_INCREMENT, FALSE);
	PsTerminateSystemThread(STATUS_SUCCESS);
}

NTSTATUS
SgQueueStart(PFLT_INSTANCE Instance, PSG_INSTANCE_CONTEXT Context)
{
	HANDLE thread;
	NTSTATUS status;

	InitializeListHead(&Context->WriteList);
	KeInitializeSpinLock(&Context->WriteLock);
	KeInitializeEvent(&Context->WorkReady, SynchronizationEvent, FALSE);
	KeInitializeEvent(&Context->ScannerExited, NotificationEvent, FALSE);
	Context->Stopping = 0;
	status = FltCbdqInitialize(Instance, &Context->WriteQueue, SgCbdqInsert, SgCbdqRemove,
				   SgCbdqPeekNext, SgCbdqAcquire, SgCbdqRelease,
				   SgCbdqCompleteCanceled);
	if (!NT_SUCCESS(status)) {
		return status;
	}
	status = PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL,
				      SgScannerThread, Context);
	if (!NT_SUCCESS(status)) {
		FltCbdqDisable(&Context->WriteQueue);
		return status;
	}
	Context->ScannerStarted = TRUE;
	ZwClose(thread);
	return STATUS_SUCCESS;
}

VOID
SgQueueStop(PSG_INSTANCE_CONTEXT Context)
{
	FltCbdqDisable(&Context->WriteQueue);
	InterlockedExchange(&Context->Stopping, 1);
	KeSetEvent(&Context->WorkReady, IO_NO_INCREMENT, FALSE);
}

VOID
SgQueueWaitStopped(PSG_INSTANCE_CONTEXT Context)
{
	if (Context->ScannerStarted) {
		KeWaitForSingleObject(&Context->ScannerExited, Executive, KernelMode, FALSE, NULL);
	}
}

/* Pends Data on the instance's queue; the caller returns PENDING only when
 * this succeeds. */
NTSTATUS
SgQueueWrite(PSG_INSTANCE_CONTEXT Context, PFLT_CALLBACK_DATA Data)
{
	NTSTATUS status = FltCbdqInsertIo(&Context->WriteQueue, Data, NULL, NULL);

	if (NT_SUCCESS(status)) {
		KeSetEvent(&Context->WorkReady, IO_NO_INCREMENT, FALSE);
	}
	return status;
}

/*
 * Deferred I/O worker for pended creates (queued by SgPreCreate). Runs at
 * PASSIVE_LEVEL, where the policy store may be consulted.
 */
VOID
SgCreateVerdictWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	PFLT_FILE_NAME_INFORMATION name = NULL;
	SG_VERDICT verdict = SgVerdictAllow;
	NTSTATUS status;

	status = FltGetFileNameInformation(Data, FLT_FILE_NAME_OPENED | FLT_FILE_NAME_QUERY_DEFAULT,
					   &name);
	if (NT_SUCCESS(status)) {
		verdict = SgPolicyQueryVerdict(&name->Name);
		FltReleaseFileNameInformation(name);
	}
	FltFreeDeferredIoWorkItem(WorkItem);

	if (verdict == SgVerdictDeny) {
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
		return;
	}
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_WITH_CALLBACK, NULL);
}
