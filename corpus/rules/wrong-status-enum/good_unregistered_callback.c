/*
 * wrong-status-enum, conforming: PreUnknown is not in any registration
 * table but has the pre-operation callback signature, so it is treated as
 * a pre-op with an unknown major function; it returns valid pre-op values,
 * including DISALLOW_FASTIO (kind-dependent rules stay quiet for it).
 * The post-op is registered normally.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreUnknown(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (FLT_IS_FASTIO_OPERATION(Data)) {
		return FLT_PREOP_DISALLOW_FASTIO;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
