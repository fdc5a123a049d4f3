/*
 * pend-without-handoff, conforming: the pre-op stores Data in a request
 * record on a private list (storing Data into a structure is a handoff) and
 * a service routine in this file completes every request it takes off the
 * list. No Flt queue API is involved.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

typedef struct _SCAN_REQUEST {
	LIST_ENTRY Link;
	PFLT_CALLBACK_DATA Data;
} SCAN_REQUEST, *PSCAN_REQUEST;

static LIST_ENTRY RequestList;
static KSPIN_LOCK RequestLock;

VOID
ScanServiceInit(VOID)
{
	InitializeListHead(&RequestList);
	KeInitializeSpinLock(&RequestLock);
}

VOID
ScanServiceCompleteNext(BOOLEAN Allow)
{
	PSCAN_REQUEST req = NULL;
	PFLT_CALLBACK_DATA data;
	KIRQL irql;

	KeAcquireSpinLock(&RequestLock, &irql);
	if (!IsListEmpty(&RequestList)) {
		req = CONTAINING_RECORD(RemoveHeadList(&RequestList), SCAN_REQUEST, Link);
	}
	KeReleaseSpinLock(&RequestLock, irql);
	if (req == NULL) {
		return;
	}
	data = req->Data;
	ExFreePoolWithTag(req, 'qrcS');
	if (Allow) {
		FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	} else {
		data->IoStatus.Status = STATUS_ACCESS_DENIED;
		data->IoStatus.Information = 0;
		FltCompletePendedPreOperation(data, FLT_PREOP_COMPLETE, NULL);
	}
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	PSCAN_REQUEST req;
	KIRQL irql;

	req = (PSCAN_REQUEST)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*req), 'qrcS');
	if (req == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	req->Data = Data;
	KeAcquireSpinLock(&RequestLock, &irql);
	InsertTailList(&RequestList, &req->Link);
	KeReleaseSpinLock(&RequestLock, irql);
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, NULL },
	{ IRP_MJ_OPERATION_END }
};
