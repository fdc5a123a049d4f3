/*
 * disallow-fastio-non-fastio: the expanded test
 * `(Data->Flags & FLTFL_CALLBACK_DATA_FAST_IO_OPERATION) == 0` selects
 * the operations that are NOT fast I/O (the author meant != 0).
 */
#include <fltKernel.h>

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreQueryInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	     PVOID *CompletionContext)
{
	if ((Data->Flags & FLTFL_CALLBACK_DATA_FAST_IO_OPERATION) == 0) {
		return FLT_PREOP_DISALLOW_FASTIO; // expect: disallow-fastio-non-fastio
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_QUERY_INFORMATION, 0, PreQueryInfo, NULL },
	{ IRP_MJ_OPERATION_END }
};
