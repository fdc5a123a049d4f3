/*
 * pended-never-completed, conforming: a generic work item's routine gets
 * the pended operation through its context and hands the whole context to
 * a function outside the program, which completes the operation. Code
 * fltcheck cannot see may complete what it is given.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

typedef struct _SCAN_REQUEST {
	PFLT_CALLBACK_DATA Data;
	PFLT_GENERIC_WORKITEM WorkItem;
} SCAN_REQUEST, *PSCAN_REQUEST;

VOID ScanAndComplete(PSCAN_REQUEST Request); /* defined in another component */

VOID
ScanRoutine(PFLT_GENERIC_WORKITEM FltWorkItem, PVOID FltObject, PVOID Context)
{
	PSCAN_REQUEST request = (PSCAN_REQUEST)Context;

	ScanAndComplete(request);
	FltFreeGenericWorkItem(FltWorkItem);
}

VOID
CompleteForTeardown(PFLT_CALLBACK_DATA Data)
{
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	PSCAN_REQUEST request;
	PFLT_GENERIC_WORKITEM wi;

	request = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*request), 'qrcS');
	if (request == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	wi = FltAllocateGenericWorkItem();
	if (wi == NULL) {
		ExFreePoolWithTag(request, 'qrcS');
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	request->Data = Data;
	request->WorkItem = wi;
	if (!NT_SUCCESS(FltQueueGenericWorkItem(wi, FltObjects->Instance, ScanRoutine,
						DelayedWorkQueue, request))) {
		FltFreeGenericWorkItem(wi);
		ExFreePoolWithTag(request, 'qrcS');
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_PENDING;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, NULL },
	{ IRP_MJ_OPERATION_END }
};
