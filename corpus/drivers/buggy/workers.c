/*
 * WriteShield work routines and helpers: the deferred worker that audits
 * pended creates, the hold queue (a cancel-safe queue) and the policy
 * helpers. Two bugs live here.
 */
#include "writeshield.h"

#define WS_FROM_CBDQ(q) CONTAINING_RECORD((q), WS_INSTANCE_CONTEXT, HoldQueue)

static UNICODE_STRING WsAuditedSuffix = RTL_CONSTANT_STRING(L".docx");
static volatile LONG WsActiveHolds;
static volatile LONG WsUnflushedBytes;

static NTSTATUS
WsCbdqInsert(PFLT_CALLBACK_DATA_QUEUE Cbdq, PFLT_CALLBACK_DATA Data, PVOID InsertContext)
{
	InsertTailList(&WS_FROM_CBDQ(Cbdq)->HoldList, &Data->QueueLinks);
	return STATUS_SUCCESS;
}

static VOID
WsCbdqRemove(PFLT_CALLBACK_DATA_QUEUE Cbdq, PFLT_CALLBACK_DATA Data)
{
	RemoveEntryList(&Data->QueueLinks);
}

static PFLT_CALLBACK_DATA
WsCbdqPeekNext(PFLT_CALLBACK_DATA_QUEUE Cbdq, PFLT_CALLBACK_DATA Data, PVOID PeekContext)
{
	PWS_INSTANCE_CONTEXT ctx = WS_FROM_CBDQ(Cbdq);
	PLIST_ENTRY next = (Data == NULL) ? ctx->HoldList.Flink : Data->QueueLinks.Flink;

	if (next == &ctx->HoldList) {
		return NULL;
	}
	return CONTAINING_RECORD(next, FLT_CALLBACK_DATA, QueueLinks);
}

static VOID
WsCbdqAcquire(PFLT_CALLBACK_DATA_QUEUE Cbdq, PKIRQL Irql)
{
	KeAcquireSpinLock(&WS_FROM_CBDQ(Cbdq)->HoldLock, Irql);
}

static VOID
WsCbdqRelease(PFLT_CALLBACK_DATA_QUEUE Cbdq, KIRQL Irql)
{
	KeReleaseSpinLock(&WS_FROM_CBDQ(Cbdq)->HoldLock, Irql);
}

static VOID
WsCbdqCompleteCanceled(PFLT_CALLBACK_DATA_QUEUE Cbdq, PFLT_CALLBACK_DATA Data)
{
	Data->IoStatus.Status = STATUS_CANCELLED;
	Data->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Data, FLT_PREOP_COMPLETE, NULL);
}

NTSTATUS
WsHoldQueueInit(PFLT_INSTANCE Instance, PWS_INSTANCE_CONTEXT Context)
{
	InitializeListHead(&Context->HoldList);
	KeInitializeSpinLock(&Context->HoldLock);
	return FltCbdqInitialize(Instance, &Context->HoldQueue, WsCbdqInsert, WsCbdqRemove,
				 WsCbdqPeekNext, WsCbdqAcquire, WsCbdqRelease,
				 WsCbdqCompleteCanceled);
}

/* Called when the auditor lifts a hold, and at instance teardown. */
VOID
WsReleaseHeldOperations(PWS_INSTANCE_CONTEXT Context)
{
	PFLT_CALLBACK_DATA data;

	while ((data = FltCbdqRemoveNextIo(&Context->HoldQueue, NULL)) != NULL) {
		if (Context->Stopping) {
			/* Teardown: let the operation continue unfiltered. */
			FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
			/*
			 * BUG: missing `continue`: control falls through to the
			 * normal release below, which resumes the same
			 * operation a second time (use-after-free in Filter
			 * Manager).
			 */
		}
		FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL); // expect: pended-completed-twice
	}
}

/*
 * Deferred worker for creates pended by WsPreCreate (operations.c). It owns
 * the pended create and must resume it on every path.
 */
VOID
WsAuditCreateWorker(PFLT_DEFERRED_IO_WORKITEM WorkItem, PFLT_CALLBACK_DATA Data, PVOID Context)
{
	PFLT_FILE_NAME_INFORMATION name = NULL;
	NTSTATUS status;

	status = FltGetFileNameInformation(Data, FLT_FILE_NAME_OPENED | FLT_FILE_NAME_QUERY_DEFAULT,
					   &name);
	if (!NT_SUCCESS(status)) {
		/*
		 * BUG: the work item is freed but the create is never resumed:
		 * the opening thread hangs, and so does instance teardown.
		 * Call FltCompletePendedPreOperation(Data,
		 * FLT_PREOP_SUCCESS_NO_CALLBACK, NULL) before returning.
		 */
		FltFreeDeferredIoWorkItem(WorkItem);
		return; // expect: pended-never-completed
	}
	DbgPrint("writeshield: open of %wZ\n", &name->Name);
	FltReleaseFileNameInformation(name);
	FltFreeDeferredIoWorkItem(WorkItem);
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

static BOOLEAN
WsHasSuffix(PCUNICODE_STRING Name, PCUNICODE_STRING Suffix)
{
	UNICODE_STRING tail;

	if (Name->Length < Suffix->Length) {
		return FALSE;
	}
	tail.Buffer = (PWCH)((PUCHAR)Name->Buffer + Name->Length - Suffix->Length);
	tail.Length = Suffix->Length;
	tail.MaximumLength = Suffix->Length;
	return RtlEqualUnicodeString(&tail, Suffix, TRUE);
}

BOOLEAN
WsNeedsAudit(PCUNICODE_STRING Name)
{
	return WsHasSuffix(Name, &WsAuditedSuffix);
}

BOOLEAN
WsIsOnHold(PFILE_OBJECT FileObject)
{
	return FileObject != NULL && WsActiveHolds > 0;
}

BOOLEAN
WsIsTracked(PFILE_OBJECT FileObject)
{
	return FileObject != NULL && FileObject->FileName.Length != 0;
}

BOOLEAN
WsHasUnflushedJournal(PFILE_OBJECT FileObject)
{
	return FileObject != NULL && WsUnflushedBytes != 0;
}

VOID
WsJournalWrite(PFILE_OBJECT FileObject, ULONG Length)
{
	InterlockedExchangeAdd(&WsUnflushedBytes, (LONG)Length);
}

/* Called by the auditor's control interface. */
VOID
WsPlaceHold(VOID)
{
	InterlockedIncrement(&WsActiveHolds);
}

VOID
WsLiftHold(PWS_INSTANCE_CONTEXT Context)
{
	if (InterlockedDecrement(&WsActiveHolds) == 0) {
		WsReleaseHeldOperations(Context);
	}
}
