/*
 * Test data for tests/report.sh and tests/report_browser.sh: a driver whose
 * comments, strings and (through the quoted condition) finding messages try
 * to break out of the HTML report. It has one finding (complete-without-
 * status); the tests copy it to a file name that holds markup as well. Every
 * payload must show up as text, and none may run.
 */
#include <fltKernel.h>

NTSTATUS LookupName(PCUNICODE_STRING Name, const char *Tag);

FLT_PREOP_CALLBACK_STATUS FLTAPI
EvilPreCreate(PFLT_CALLBACK_DATA Data, PCFLT_RELATED_OBJECTS FltObjects,
	      PVOID *CompletionContext)
{
	/* <script>alert(1)</script> </textarea> </script><script>window.__xss = 1</script> */
	/* & &amp; "double" 'single' <!-- <b>bold?</b> ]]> */
	static const char Banner[] = "</script><script>window.__xss=2</script></textarea>&lt;\"'";

	UNREFERENCED_PARAMETER(CompletionContext);
	UNREFERENCED_PARAMETER(Banner);
	if (!NT_SUCCESS(LookupName(&FltObjects->FileObject->FileName, "<script>window.__xss=3</script></textarea>&\"'"))) {
		Data->IoStatus.Information = 0; // </script><img src=x onerror="window.__xss=4">
		return FLT_PREOP_COMPLETE;
	}
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

CONST FLT_OPERATION_REGISTRATION EvilCallbacks[] = {
	{ IRP_MJ_CREATE, 0, EvilPreCreate, NULL },
	{ IRP_MJ_OPERATION_END }
};
