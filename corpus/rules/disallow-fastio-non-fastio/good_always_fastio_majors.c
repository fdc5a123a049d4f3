/*
 * disallow-fastio-non-fastio, conforming: FAST_IO_CHECK_IF_POSSIBLE,
 * NETWORK_QUERY_OPEN and MDL_READ are always fast I/O, so an unguarded
 * DISALLOW_FASTIO is right for them.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreFastIo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	return FLT_PREOP_DISALLOW_FASTIO;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_FAST_IO_CHECK_IF_POSSIBLE, 0, PreFastIo, NULL },
	{ IRP_MJ_NETWORK_QUERY_OPEN, 0, PreFastIo, NULL },
	{ IRP_MJ_MDL_READ, 0, PreFastIo, NULL },
	{ IRP_MJ_OPERATION_END }
};
