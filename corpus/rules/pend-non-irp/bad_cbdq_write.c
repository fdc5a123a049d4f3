/*
 * pend-non-irp: a pre-write inserts into a cancel-safe queue with no test
 * of the operation kind. A fast I/O write cannot be inserted; reported at
 * FltCbdqInsertIo.
 */
#include <fltKernel.h>

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
WriteQueueDrainOne(VOID)
{
	PFLT_CALLBACK_DATA data = FltCbdqRemoveNextIo(&WriteQueue, NULL);

	if (data != NULL) {
		FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	}
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	NTSTATUS status;

	status = FltCbdqInsertIo(&WriteQueue, Data, NULL, NULL); // expect: pend-non-irp
	if (!NT_SUCCESS(status)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
