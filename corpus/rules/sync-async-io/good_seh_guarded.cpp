/*
 * sync-async-io, conforming (C++): the buffer is probed inside
 * __try/__except; the SYNCHRONIZE is inside the __try after both the IRP
 * and the synchronous tests, and the __except handler passes the read on.
 */
#include <fltKernel.h>

// fltcheck-verify: no-findings

extern "C" FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	 PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreRead(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	PVOID *CompletionContext)
{
	if (!FLT_IS_IRP_OPERATION(Data) || !FltIsOperationSynchronous(Data)) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
	__try {
		if (Data->Iopb->Parameters.Read.MdlAddress == NULL &&
		    Data->RequestorMode == UserMode) {
			ProbeForWrite(Data->Iopb->Parameters.Read.ReadBuffer,
				      Data->Iopb->Parameters.Read.Length, sizeof(UCHAR));
		}
		return FLT_PREOP_SYNCHRONIZE;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreRead, PostRead },
	{ IRP_MJ_OPERATION_END }
};
