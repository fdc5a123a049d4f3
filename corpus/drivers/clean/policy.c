/*
 * ScanGuard policy and scanning helpers. The policy store is a small table
 * guarded by a fast mutex (PASSIVE/APC only, hence the deferred create
 * worker). Scanning looks for a fixed marker; it stands in for a real engine.
 */
#include "scanguard.h"

// fltcheck-verify: no-findings

static const UCHAR SgMarker[] = { 'E', 'I', 'C', 'A', 'R' };

static UNICODE_STRING SgDeniedSuffix = RTL_CONSTANT_STRING(L".blocked");
static UNICODE_STRING SgVerdictSuffix = RTL_CONSTANT_STRING(L".exe");
static UNICODE_STRING SgProtectedPrefix = RTL_CONSTANT_STRING(L"\\Device\\HarddiskVolume1\\Protected\\");

static BOOLEAN
SgHasSuffix(PCUNICODE_STRING Name, PCUNICODE_STRING Suffix)
{
	UNICODE_STRING tail;

	if (Name->Length < Suffix->Length) {
		return FALSE;
	}
	tail.Buffer = (PWCH)((PUCHAR)Name->Buffer + Name->Length - Suffix->Length);
	tail.Length = Suffix->Length;
	tail.MaximumLength = Suffix->Length;
	return RtlEqualUnicodeString(&tail, Suffix, TRUE);
}

VOID
SgPolicyInit(VOID)
{
}

BOOLEAN
SgPolicyIsDenied(PCUNICODE_STRING Name)
{
	return SgHasSuffix(Name, &SgDeniedSuffix);
}

BOOLEAN
SgPolicyNeedsVerdict(PCUNICODE_STRING Name)
{
	return SgHasSuffix(Name, &SgVerdictSuffix);
}

SG_VERDICT
SgPolicyQueryVerdict(PCUNICODE_STRING Name)
{
	SG_VERDICT verdict = SgVerdictAllow;

	ExAcquireFastMutex(&SgGlobals.PolicyLock);
	if (SgHasSuffix(Name, &SgDeniedSuffix)) {
		verdict = SgVerdictDeny;
	}
	ExReleaseFastMutex(&SgGlobals.PolicyLock);
	return verdict;
}

BOOLEAN
SgPolicyIsProtected(PCUNICODE_STRING Name)
{
	return RtlPrefixUnicodeString(&SgProtectedPrefix, Name, TRUE);
}

BOOLEAN
SgScanBuffer(PVOID Buffer, ULONG Length)
{
	PUCHAR p = (PUCHAR)Buffer;
	ULONG i;

	if (Length < sizeof(SgMarker)) {
		return FALSE;
	}
	for (i = 0; i + sizeof(SgMarker) <= Length; i++) {
		if (RtlCompareMemory(p + i, SgMarker, sizeof(SgMarker)) == sizeof(SgMarker)) {
			return TRUE;
		}
	}
	return FALSE;
}

/* Scans a synchronous write's buffer in the writer's context: through the
 * MDL when there is one, else the user buffer under __try. */
BOOLEAN
SgScanWriteBuffer(PFLT_CALLBACK_DATA Data)
{
	PFLT_IO_PARAMETER_BLOCK iopb = Data->Iopb;
	PVOID buffer;
	BOOLEAN found = FALSE;

	if (iopb->Parameters.Write.MdlAddress != NULL) {
		buffer = MmGetSystemAddressForMdlSafe(iopb->Parameters.Write.MdlAddress,
						      NormalPagePriority | MdlMappingNoExecute);
		return buffer != NULL && SgScanBuffer(buffer, iopb->Parameters.Write.Length);
	}
	__try {
		if (Data->RequestorMode == UserMode) {
			ProbeForRead(iopb->Parameters.Write.WriteBuffer,
				     iopb->Parameters.Write.Length, sizeof(UCHAR));
		}
		found = SgScanBuffer(iopb->Parameters.Write.WriteBuffer,
				     iopb->Parameters.Write.Length);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		found = FALSE;
	}
	return found;
}

VOID
SgAuditRename(PCUNICODE_STRING OldName)
{
	DbgPrint("scanguard: renamed %wZ\n", OldName);
}
