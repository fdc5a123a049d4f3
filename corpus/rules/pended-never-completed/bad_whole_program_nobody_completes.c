/*
 * pended-never-completed (whole program): the pre-create parks Data in a
 * request list (a handoff, so not pend-without-handoff) and pends, but no
 * function in the program ever calls FltCompletePendedPreOperation: the
 * service routine only frees the records. Reported at the PENDING return.
 */
#include <fltKernel.h>

typedef struct _OPEN_REQUEST {
	LIST_ENTRY Link;
	PFLT_CALLBACK_DATA Data;
} OPEN_REQUEST, *POPEN_REQUEST;

static LIST_ENTRY OpenRequests;
static FAST_MUTEX OpenRequestsLock;

VOID
OpenRequestsInit(VOID)
{
	InitializeListHead(&OpenRequests);
	ExInitializeFastMutex(&OpenRequestsLock);
}

VOID
OpenRequestsFlush(VOID)
{
	ExAcquireFastMutex(&OpenRequestsLock);
	while (!IsListEmpty(&OpenRequests)) {
		PLIST_ENTRY e = RemoveHeadList(&OpenRequests);
		ExFreePoolWithTag(CONTAINING_RECORD(e, OPEN_REQUEST, Link), 'qrpO');
	}
	ExReleaseFastMutex(&OpenRequestsLock);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	POPEN_REQUEST req;

	req = (POPEN_REQUEST)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*req), 'qrpO');
	if (req == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	req->Data = Data;
	ExAcquireFastMutex(&OpenRequestsLock);
	InsertTailList(&OpenRequests, &req->Link);
	ExReleaseFastMutex(&OpenRequestsLock);
	return FLT_PREOP_PENDING; // expect: pended-never-completed
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, NULL },
	{ IRP_MJ_OPERATION_END }
};
