/*
 * sync-non-irp: FileBasicInformation queries can arrive as fast I/O, so
 * synchronizing them is treated as SUCCESS_WITH_CALLBACK there. The test
 * of the class keeps the basic-information path possibly fast I/O.
 */
#include <fltKernel.h>

FLT_POSTOP_CALLBACK_STATUS FLTAPI
PostQueryInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	      PVOID CompletionContext, FLT_POST_OPERATION_FLAGS Flags)
{
	return FLT_POSTOP_FINISHED_PROCESSING;
}

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreQueryInfo(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	     PVOID *CompletionContext)
{
	if (Data->Iopb->Parameters.QueryFileInformation.FileInformationClass ==
	    FileBasicInformation) {
		return FLT_PREOP_SYNCHRONIZE; // expect: sync-non-irp
	}
	if (Data->Iopb->Parameters.QueryFileInformation.FileInformationClass ==
	    FileNameInformation) {
		return FLT_PREOP_SYNCHRONIZE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_QUERY_INFORMATION, 0, PreQueryInfo, PostQueryInfo },
	{ IRP_MJ_OPERATION_END }
};
