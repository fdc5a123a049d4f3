/*
 * sync-create, conforming: PreMaybeCreate has the pre-operation signature
 * but no registration table names it (it is installed at run time through a
 * table built elsewhere), so its major function is unknown and the
 * kind-dependent rules stay quiet. The registered pre-op never synchronizes.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreMaybeCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	       PVOID *CompletionContext)
{
	return FLT_PREOP_SYNCHRONIZE;
}

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	   PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, PostCreate },
	{ IRP_MJ_OPERATION_END }
};
