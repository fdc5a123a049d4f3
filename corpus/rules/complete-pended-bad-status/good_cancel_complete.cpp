/*
 * complete-pended-bad-status, conforming (C++): a cancel-safe queue whose
 * cancel callback completes with COMPLETE and NULL, and a service routine
 * that completes with SUCCESS_WITH_CALLBACK and a context (the post-op
 * frees it).
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

static FLT_CALLBACK_DATA_QUEUE Queue;
static LIST_ENTRY QueueList;
static KSPIN_LOCK QueueLock;

static NTSTATUS
QInsert(PFLT_CALLBACK_DATA_QUEUE, PFLT_CALLBACK_DATA Data, PVOID)
{
	InsertTailList(&QueueList, &Data->QueueLinks);
	return STATUS_SUCCESS;
}

static VOID
QRemove(PFLT_CALLBACK_DATA_QUEUE, PFLT_CALLBACK_DATA Data)
{
	RemoveEntryList(&Data->QueueLinks);
}

static PFLT_CALLBACK_DATA
QPeek(PFLT_CALLBACK_DATA_QUEUE, PFLT_CALLBACK_DATA Data, PVOID)
{
	PLIST_ENTRY next = (Data == NULL) ? QueueList.Flink : Data->QueueLinks.Flink;

	if (next == &QueueList) {
		return NULL;
	}
	return CONTAINING_RECORD(next, FLT_CALLBACK_DATA, QueueLinks);
}

static VOID
QAcquire(PFLT_CALLBACK_DATA_QUEUE, PKIRQL Irql)
{
	KeAcquireSpinLock(&QueueLock, Irql);
}

static VOID
QRelease(PFLT_CALLBACK_DATA_QUEUE, KIRQL Irql)
{
	KeReleaseSpinLock(&QueueLock, Irql);
}

static VOID
QCancel(PFLT_CALLBACK_DATA_QUEUE, PFLT_CALLBACK_DATA Data)
{
	Data->IoStatus.Status = STATUS_CANCELLED;
	Data->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
}

extern "C" NTSTATUS
QueueSetup(PFLT_INSTANCE Instance)
{
	InitializeListHead(&QueueList);
	KeInitializeSpinLock(&QueueLock);
	return FltCbdqInitialize(Instance, &Queue, QInsert, QRemove, QPeek, QAcquire,
				 QRelease, QCancel);
}

extern "C" VOID
QueueServiceOne(VOID)
{
	PFLT_CALLBACK_DATA data = FltCbdqRemoveNextIo(&Queue, NULL);

	if (data == NULL) {
		return;
	}
	PVOID ctx = ExAllocatePoolWithTag(NonPagedPoolNx, 64, '1xtC');
	if (ctx == NULL) {
		FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
		return;
	}
	FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_WITH_CALLBACK, ctx);
}

extern "C" FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	    PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	if (CompletionContext != NULL) {
		ExFreePoolWithTag(CompletionContext, '1xtC');
	}
	return FLT_POSTOP_FINISHED_PROCESSING;
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (Data->Iopb->MinorFunction != IRP_MN_QUERY_DIRECTORY) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (NT_SUCCESS(FltCbdqInsertIo(&Queue, Data, NULL, NULL))) {
		return FLT_PREOP_PENDING;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DIRECTORY_CONTROL, 0, PreDirCtrl, PostDirCtrl },
	{ IRP_MJ_OPERATION_END }
};
