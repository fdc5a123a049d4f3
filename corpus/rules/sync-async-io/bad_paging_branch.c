/*
 * sync-async-io: only the paging-I/O branch tests for synchronous I/O; the
 * non-cached branch synchronizes without any such test.
 * Fast I/O is excluded with the expanded `(Data->Flags & mask) == 0` form.
 */
#include <fltKernel.h>

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
	if ((Data->Flags & FLTFL_CALLBACK_DATA_IRP_OPERATION) == 0) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (FlagOn(Data->Iopb->IrpFlags, IRP_PAGING_IO)) {
		if (FltIsOperationSynchronous(Data)) {
			return FLT_PREOP_SYNCHRONIZE;
		}
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	if (FlagOn(Data->Iopb->IrpFlags, IRP_NOCACHE)) {
		return FLT_PREOP_SYNCHRONIZE; // expect: sync-async-io
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
