/*
 * pend-non-irp, conforming: a cancel-safe queue for writes, with the IRP
 * test written out as `(Data->Flags & FLTFL_CALLBACK_DATA_IRP_OPERATION) == 0`
 * and the insert result checked in the condition itself.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

static FLT_CALLBACK_DATA_QUEUE WriteQueue;
static LIST_ENTRY WriteList;
static KSPIN_LOCK WriteLock;

static NTSTATUS
QInsert(PFLT_CALLBACK_DATA_QUEUE Q, PFLT_CALLBACK_DATA Data, PVOID InsertContext)
{
	InsertTailList(&WriteList, &Data->QueueLinks);
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
	PLIST_ENTRY next = (Data == NULL) ? WriteList.Flink : Data->QueueLinks.Flink;

	if (next == &WriteList) {
		return NULL;
	}
	return CONTAINING_RECORD(next, FLT_CALLBACK_DATA, QueueLinks);
}

static VOID
QAcquire(PFLT_CALLBACK_DATA_QUEUE Q, PKIRQL Irql)
{
	KeAcquireSpinLock(&WriteLock, Irql);
}

static VOID
QRelease(PFLT_CALLBACK_DATA_QUEUE Q, KIRQL Irql)
{
	KeReleaseSpinLock(&WriteLock, Irql);
}

static VOID
QCancel(PFLT_CALLBACK_DATA_QUEUE Q, PFLT_CALLBACK_DATA Data)
{
	Data->IoStatus.Status = STATUS_CANCELLED;
	Data->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
}

NTSTATUS
WriteQueueInit(PFLT_INSTANCE Instance)
{
	InitializeListHead(&WriteList);
	KeInitializeSpinLock(&WriteLock);
	return FltCbdqInitialize(Instance, &WriteQueue, QInsert, QRemove, QPeek,
				 QAcquire, QRelease, QCancel);
}

VOID
WriteQueueDrain(VOID)
{
	PFLT_CALLBACK_DATA data;

	while ((data = FltCbdqRemoveNextIo(&WriteQueue, NULL)) != NULL) {
		FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	}
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	if ((Data->Flags & FLTFL_CALLBACK_DATA_IRP_OPERATION) == 0) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (NT_SUCCESS(FltCbdqInsertIo(&WriteQueue, Data, NULL, NULL))) {
		return FLT_PREOP_PENDING;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
