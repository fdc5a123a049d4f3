/*
 * pend-without-handoff: FltCbdqInsertIo fails (for example after
 * FltCbdqDisable during teardown), and its result is dropped.
 */
#include <fltKernel.h>

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
QueueServiceOne(VOID)
{
	PFLT_CALLBACK_DATA data = FltCbdqRemoveNextIo(&Queue, NULL);

	if (data == NULL) {
		return;
	}
	FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreDirCtrl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (Data->Iopb->MinorFunction != IRP_MN_QUERY_DIRECTORY) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	FltCbdqInsertIo(&Queue, Data, NULL, NULL);
	return FLT_PREOP_PENDING; // expect: pend-without-handoff
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DIRECTORY_CONTROL, 0, PreDirCtrl, NULL },
	{ IRP_MJ_OPERATION_END }
};
