/*
 * disallow-fastio-non-fastio: ACQUIRE_FOR_MOD_WRITE is an FsFilter
 * callback, never fast I/O.
 */
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreAcquireModWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
		   PVOID *CompletionContext)
{
	if (FltObjects->FileObject == NULL) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_DISALLOW_FASTIO; // expect: disallow-fastio-non-fastio
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_ACQUIRE_FOR_MOD_WRITE, 0, PreAcquireModWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
