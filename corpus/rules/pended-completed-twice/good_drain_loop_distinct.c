/*
 * pended-completed-twice, conforming: one completion call in a loop, but
 * each iteration completes a different operation, the one just removed
 * from the cancel-safe queue. The same call line running twice is not a
 * double completion.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

static FLT_CALLBACK_DATA_QUEUE Queue;
static LIST_ENTRY QueueList;
static KSPIN_LOCK QueueLock;

static NTSTATUS
QInsert(PFLT_CALLBACK_DATA_QUEUE Q, PFLT_CALLBACK_DATA Data, PVOID InsertContext)
{
	InsertTailList(&QueueList, &Data->QueueLinks);
	return STATUS_SUCCESS;
}

static VOID
QRemove(PFLT_CALLBACK_DATA_QUEUE Q, PFLT_CALLBACK_DATA Data)
{
	RemoveEntryList(&Data->QueueLinks);
}

static PFLT_CALLBACK_DATA
QPeek(PFLT_CALLBACK_DATA_QUEUE Q, PFLT_CALLBACK_DATA Data, PVOID PeekContext)
{
	PLIST_ENTRY next = (Data == NULL) ? QueueList.Flink : Data->QueueLinks.Flink;

	if (next == &QueueList) {
		return NULL;
	}
	return CONTAINING_RECORD(next, FLT_CALLBACK_DATA, QueueLinks);
}

static VOID
QAcquire(PFLT_CALLBACK_DATA_QUEUE Q, PKIRQL Irql)
{
	KeAcquireSpinLock(&QueueLock, Irql);
}

static VOID
QRelease(PFLT_CALLBACK_DATA_QUEUE Q, KIRQL Irql)
{
	KeReleaseSpinLock(&QueueLock, Irql);
}

static VOID
QCancel(PFLT_CALLBACK_DATA_QUEUE Q, PFLT_CALLBACK_DATA Data)
{
	Data->IoStatus.Status = STATUS_CANCELLED;
	Data->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
}

NTSTATUS
QueueSetup(PFLT_INSTANCE Instance)
{
	InitializeListHead(&QueueList);
	KeInitializeSpinLock(&QueueLock);
	return FltCbdqInitialize(Instance, &Queue, QInsert, QRemove, QPeek,
				 QAcquire, QRelease, QCancel);
}

VOID
QueueDrain(VOID)
{
	PFLT_CALLBACK_DATA data;

	while ((data = FltCbdqRemoveNextIo(&Queue, NULL)) != NULL) {
		FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	}
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreFsCtl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	if (NT_SUCCESS(FltCbdqInsertIo(&Queue, Data, NULL, NULL))) {
		return FLT_PREOP_PENDING;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_FILE_SYSTEM_CONTROL, 0, PreFsCtl, NULL },
	{ IRP_MJ_OPERATION_END }
};
