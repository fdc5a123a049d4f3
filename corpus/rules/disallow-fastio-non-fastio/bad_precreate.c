/*
 * disallow-fastio-non-fastio: creates are always IRPs; DISALLOW_FASTIO
 * means nothing for them (the research file's violating shape).
 */
#include <fltKernel.h>

BOOLEAN LooksSuspicious(PCUNICODE_STRING Name);

FLT_PREOP_CALLBACK_STATUS FLTAPI
PreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	  PVOID *CompletionContext)
{
	if (LooksSuspicious(&FltObjects->FileObject->FileName)) {
		return FLT_PREOP_DISALLOW_FASTIO; // expect: disallow-fastio-non-fastio
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, PreCreate, NULL },
	{ IRP_MJ_OPERATION_END }
};
