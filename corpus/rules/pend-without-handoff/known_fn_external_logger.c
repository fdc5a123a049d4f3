/*
 * pend-without-handoff, known false negative: the pre-op passes Data to a
 * function defined outside the program and then returns PENDING. The
 * logger only reads the operation and never queues it, so the I/O hangs,
 * but fltcheck cannot see the logger's body and, to stay precise, assumes
 * that code it cannot see may take the operation over.
 */
#include <fltKernel.h>

VOID LogRequest(PFLT_CALLBACK_DATA Data); /* defined in another component */

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	if (!FLT_IS_IRP_OPERATION(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	LogRequest(Data);
	return FLT_PREOP_PENDING; // known-fn: pend-without-handoff
}

VOID
Completer(PFLT_CALLBACK_DATA Data)
{
	FltCompletePendedPreOperation(Data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
