/*
 * sync-non-irp: the result of FltIsOperationSynchronous() is kept in a BOOLEAN
 * and combined with a paging test. A synchronous fast I/O write passes both
 * tests (fast I/O has no IRP_PAGING_IO, so the || takes the second operand).
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreWrite(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID *CompletionContext)
{
	BOOLEAN isSync = FltIsOperationSynchronous(Data);

	if (FlagOn(Data->Iopb->IrpFlags, IRP_PAGING_IO) || !isSync) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	return FLT_PREOP_SYNCHRONIZE; // expect: sync-non-irp
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_WRITE, 0, PreWrite, PostWrite },
	{ IRP_MJ_OPERATION_END }
};
