/*
 * missing-postop: IRP_MJ_SHUTDOWN can never have a post-op, so
 * WITH_CALLBACK is never valid for it.
 */
#include <fltKernel.h>

VOID FlushJournal(VOID);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreShutdown(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	    PVOID *CompletionContext)
{
	FlushJournal();
	return FLT_PREOP_SUCCESS_WITH_CALLBACK; // expect: missing-postop
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_SHUTDOWN, 0, PreShutdown, NULL },
	{ IRP_MJ_OPERATION_END }
};
