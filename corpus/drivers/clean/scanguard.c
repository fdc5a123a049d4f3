/*
 * ScanGuard registration: the operation and context tables, DriverEntry,
 * unload and the instance callbacks that start and stop the per-instance
 * write queue.
 */
#include "scanguard.h"

// fltcheck-verify: no-findings

SG_GLOBALS SgGlobals;

static NTSTATUS FLTAPI SgUnload(FLT_FILTER_UNLOAD_FLAGS Flags);
static NTSTATUS FLTAPI SgInstanceSetup(PCFLT_RELATED_OBJECTS FltObjects,
				       FLT_INSTANCE_SETUP_FLAGS Flags,
				       DEVICE_TYPE VolumeDeviceType,
				       FLT_FILESYSTEM_TYPE VolumeFilesystemType);
static NTSTATUS FLTAPI SgInstanceQueryTeardown(PCFLT_RELATED_OBJECTS FltObjects,
					       FLT_INSTANCE_QUERY_TEARDOWN_FLAGS Flags);
static VOID FLTAPI SgInstanceTeardownStart(PCFLT_RELATED_OBJECTS FltObjects,
					   FLT_INSTANCE_TEARDOWN_FLAGS Flags);
static VOID FLTAPI SgInstanceTeardownComplete(PCFLT_RELATED_OBJECTS FltObjects,
					      FLT_INSTANCE_TEARDOWN_FLAGS Flags);

CONST FLT_OPERATION_REGISTRATION SgCallbacks[] = {
	{ IRP_MJ_CREATE, 0, SgPreCreate, SgPostCreate },
	{ IRP_MJ_READ, 0, SgPreReadOrQuery, NULL },
	{ IRP_MJ_QUERY_INFORMATION, 0, SgPreReadOrQuery, NULL },
	{ IRP_MJ_WRITE, 0, SgPreWrite, SgPostWrite },
	{ IRP_MJ_SET_INFORMATION, 0, SgPreSetInfo, SgPostSetInfo },
	{ IRP_MJ_OPERATION_END }
};

CONST FLT_CONTEXT_REGISTRATION SgContexts[] = {
	{ FLT_INSTANCE_CONTEXT, 0, NULL, sizeof(SG_INSTANCE_CONTEXT), SG_TAG },
	{ FLT_STREAM_CONTEXT, 0, NULL, sizeof(SG_STREAM_CONTEXT), SG_TAG },
	{ FLT_CONTEXT_END }
};

CONST FLT_REGISTRATION SgRegistration = {
	sizeof(FLT_REGISTRATION),
	FLT_REGISTRATION_VERSION,
	0,
	SgContexts,
	SgCallbacks,
	SgUnload,
	SgInstanceSetup,
	SgInstanceQueryTeardown,
	SgInstanceTeardownStart,
	SgInstanceTeardownComplete,
};

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	NTSTATUS status;

	ExInitializeFastMutex(&SgGlobals.PolicyLock);
	SgPolicyInit();
	status = FltRegisterFilter(DriverObject, &SgRegistration, &SgGlobals.Filter);
	if (!NT_SUCCESS(status)) {
		return status;
	}
	status = FltStartFiltering(SgGlobals.Filter);
	if (!NT_SUCCESS(status)) {
		FltUnregisterFilter(SgGlobals.Filter);
	}
	return status;
}

static NTSTATUS FLTAPI
SgUnload(FLT_FILTER_UNLOAD_FLAGS Flags)
{
	FltUnregisterFilter(SgGlobals.Filter);
	return STATUS_SUCCESS;
}

static NTSTATUS FLTAPI
SgInstanceSetup(PCFLT_RELATED_OBJECTS FltObjects, FLT_INSTANCE_SETUP_FLAGS Flags,
		DEVICE_TYPE VolumeDeviceType, FLT_FILESYSTEM_TYPE VolumeFilesystemType)
{
	PSG_INSTANCE_CONTEXT ctx = NULL;
	NTSTATUS status;

	if (VolumeDeviceType == FILE_DEVICE_NETWORK_FILE_SYSTEM) {
		return STATUS_FLT_DO_NOT_ATTACH;
	}
	status = FltAllocateContext(FltObjects->Filter, FLT_INSTANCE_CONTEXT,
				    sizeof(SG_INSTANCE_CONTEXT), NonPagedPoolNx,
				    (PFLT_CONTEXT *)&ctx);
	if (!NT_SUCCESS(status)) {
		return status;
	}
	RtlZeroMemory(ctx, sizeof(*ctx));
	status = SgQueueStart(FltObjects->Instance, ctx);
	if (NT_SUCCESS(status)) {
		status = FltSetInstanceContext(FltObjects->Instance,
					       FLT_SET_CONTEXT_KEEP_IF_EXISTS, ctx, NULL);
		if (!NT_SUCCESS(status)) {
			SgQueueStop(ctx);
			SgQueueWaitStopped(ctx);
		}
	}
	FltReleaseContext(ctx);
	return status;
}

static NTSTATUS FLTAPI
SgInstanceQueryTeardown(PCFLT_RELATED_OBJECTS FltObjects,
			FLT_INSTANCE_QUERY_TEARDOWN_FLAGS Flags)
{
	return STATUS_SUCCESS;
}

static VOID FLTAPI
SgInstanceTeardownStart(PCFLT_RELATED_OBJECTS FltObjects, FLT_INSTANCE_TEARDOWN_FLAGS Flags)
{
	PSG_INSTANCE_CONTEXT ctx = NULL;

	if (NT_SUCCESS(FltGetInstanceContext(FltObjects->Instance, (PFLT_CONTEXT *)&ctx))) {
		/* No new inserts; the scanner thread completes what is queued. */
		SgQueueStop(ctx);
		FltReleaseContext(ctx);
	}
}

static VOID FLTAPI
SgInstanceTeardownComplete(PCFLT_RELATED_OBJECTS FltObjects, FLT_INSTANCE_TEARDOWN_FLAGS Flags)
{
	PSG_INSTANCE_CONTEXT ctx = NULL;

	if (NT_SUCCESS(FltGetInstanceContext(FltObjects->Instance, (PFLT_CONTEXT *)&ctx))) {
		SgQueueWaitStopped(ctx);
		FltReleaseContext(ctx);
	}
}
