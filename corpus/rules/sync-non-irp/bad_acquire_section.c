/*
 * sync-non-irp: IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION is always an
 * FsFilter callback. SYNCHRONIZE is treated as WITH_CALLBACK there, so the
 * post-op is not synchronized with the pre-op as the author expects.
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostAcquireSection(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
		   PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreAcquireSection(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
		  PVOID *CompletionContext)
{
	if (Data->Iopb->Parameters.AcquireForSectionSynchronization.SyncType !=
	    SyncTypeCreateSection) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SYNCHRONIZE; // expect: sync-non-irp
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION, 0, PreAcquireSection,
	  PostAcquireSection },
	{ IRP_MJ_OPERATION_END }
};
