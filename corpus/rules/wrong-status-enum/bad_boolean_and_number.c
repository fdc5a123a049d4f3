/*
 * wrong-status-enum: two bad returns in one pre-op: a BOOLEAN (TRUE, i.e.
 * 1, meant as "allow") and a bare number. Both are reported. The entry has
 * a post-op so the numeric values do not drag in other rules.
 */
#include <fltKernel.h>

BOOLEAN IsTrustedProcess(PEPROCESS Process);

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostCleanup(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	    PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCleanup(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID *CompletionContext)
{
	if (IsTrustedProcess(FltGetRequestorProcess(Data))) {
		return TRUE; // expect: wrong-status-enum
	}
	return 0; // expect: wrong-status-enum
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CLEANUP, 0, PreCleanup, PostCleanup },
	{ IRP_MJ_OPERATION_END }
};
