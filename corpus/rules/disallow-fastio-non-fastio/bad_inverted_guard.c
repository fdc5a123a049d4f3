/*
 * disallow-fastio-non-fastio: the guard is inverted; DISALLOW_FASTIO is
 * returned exactly when the read is an IRP.
 */
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	if (FLT_IS_IRP_OPERATION(Data)) {
		return FLT_PREOP_DISALLOW_FASTIO; // expect: disallow-fastio-non-fastio
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, NULL },
	{ IRP_MJ_OPERATION_END }
};
