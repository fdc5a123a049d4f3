/*
 * disallow-fastio-non-fastio, conforming: "not an IRP" via the expanded
 * FlagOn form; for DEVICE_CONTROL (never FsFilter) that means fast I/O.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreIoctl(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	if (!FlagOn(Data->Flags, FLTFL_CALLBACK_DATA_IRP_OPERATION)) {
		return FLT_PREOP_DISALLOW_FASTIO;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_DEVICE_CONTROL, 0, PreIoctl, NULL },
	{ IRP_MJ_OPERATION_END }
};
