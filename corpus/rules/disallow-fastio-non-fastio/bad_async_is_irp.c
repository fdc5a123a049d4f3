/*
 * disallow-fastio-non-fastio: "refuse asynchronous writes" with
 * DISALLOW_FASTIO. An operation that is not synchronous is always an IRP.
 */
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	BOOLEAN sync = FltIsOperationSynchronous(Data);

	if (!sync) {
		return FLT_PREOP_DISALLOW_FASTIO; // expect: disallow-fastio-non-fastio
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
