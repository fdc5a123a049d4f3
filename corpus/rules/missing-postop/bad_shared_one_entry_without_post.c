/*
 * missing-postop: one pre-op is registered for READ (with a post-op) and
 * for WRITE (without one). It returns WITH_CALLBACK for both; the WRITE
 * entry is the one that breaks the rule.
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreReadWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	     PVOID *CompletionContext)
{
	if (FLT_IS_FASTIO_OPERATION(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK; // expect: missing-postop
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreReadWrite, PostRead },
	{ IRP_MJ_WRITE, 0, PreReadWrite, NULL },
	{ IRP_MJ_OPERATION_END }
};
