/*
 * disallow-fastio-non-fastio, conforming (C++): PREPARE_MDL_WRITE and
 * MDL_WRITE_COMPLETE are always fast I/O; a sync-flag test does not change
 * that (FltIsOperationSynchronous is TRUE for fast I/O).
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreMdlWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	    PVOID *CompletionContext)
{
	if (FltIsOperationSynchronous(Data)) {
		return FLT_PREOP_DISALLOW_FASTIO;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_PREPARE_MDL_WRITE, 0, PreMdlWrite, NULL },
	{ IRP_MJ_MDL_WRITE_COMPLETE, 0, PreMdlWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
