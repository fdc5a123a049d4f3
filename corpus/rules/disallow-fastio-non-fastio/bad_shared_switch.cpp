/*
 * disallow-fastio-non-fastio (C++): a shared pre-op for READ and
 * SET_INFORMATION. The SET_INFORMATION case falls through into the READ
 * case, whose DISALLOW_FASTIO is fine for fast I/O reads but meaningless
 * for SET_INFORMATION.
 */
#include <fltKernel.h>

extern "C" FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCommon(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	switch (Data->Iopb->MajorFunction) {
	case IRP_MJ_SET_INFORMATION:
		if (Data->Iopb->Parameters.SetFileInformation.FileInformationClass !=
		    FileEndOfFileInformation) {
			break;
		}
		/* fall through */
	case IRP_MJ_READ:
		if (FLT_IS_IRP_OPERATION(Data) &&
		    Data->Iopb->MajorFunction == IRP_MJ_READ) {
			break;
		}
		return FLT_PREOP_DISALLOW_FASTIO; // expect: disallow-fastio-non-fastio
	default:
		break;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

extern "C" CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_READ, 0, PreCommon, NULL },
	{ IRP_MJ_SET_INFORMATION, 0, PreCommon, NULL },
	{ IRP_MJ_OPERATION_END }
};
