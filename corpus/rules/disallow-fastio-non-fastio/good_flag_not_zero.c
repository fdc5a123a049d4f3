/*
 * disallow-fastio-non-fastio, conforming: the look-alike of the `== 0`
 * bug, written correctly with `!= 0`, and in a pre-op shared with
 * CREATE (which never takes that branch).
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	if ((Data->Flags & FLTFL_CALLBACK_DATA_FAST_IO_OPERATION) != 0) {
		return FLT_PREOP_DISALLOW_FASTIO;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCommon, NULL },
	{ IRP_MJ_QUERY_INFORMATION, 0, PreCommon, NULL },
	{ IRP_MJ_OPERATION_END }
};
