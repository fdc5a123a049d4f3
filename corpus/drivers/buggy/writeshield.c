/*
 * WriteShield registration, DriverEntry, unload and instance callbacks.
 * No findings in this file: the bugs are in operations.c and workers.c.
 */
#include "writeshield.h"

// fltcheck-verify: no-findings

PFLT_FILTER WsFilter;

static NTSTATUS FLTAPI WsUnload(FLT_FILTER_UNLOAD_FLAGS Flags);
static NTSTATUS FLTAPI WsInstanceSetup(PCFLT_RELATED_OBJECTS FltObjects,
				       FLT_INSTANCE_SETUP_FLAGS Flags,
				       DEVICE_TYPE VolumeDeviceType,
				       FLT_FILESYSTEM_TYPE VolumeFilesystemType);
static VOID FLTAPI WsInstanceTeardownStart(PCFLT_RELATED_OBJECTS FltObjects,
					   FLT_INSTANCE_TEARDOWN_FLAGS Flags);

CONST FLT_OPERATION_REGISTRATION WsCallbacks[] = {
	{ IRP_MJ_CREATE, 0, WsPreCreate, NULL },
	{ IRP_MJ_READ, 0, WsPreReadOrQuery, NULL },
	{ IRP_MJ_QUERY_INFORMATION, 0, WsPreReadOrQuery, NULL },
	{ IRP_MJ_WRITE, 0, WsPreWrite, WsPostWrite },
	{ IRP_MJ_SET_INFORMATION, 0, WsPreSetInfo, NULL },
	{ IRP_MJ_CLEANUP, 0, WsPreCleanup, NULL },
	{ IRP_MJ_DIRECTORY_CONTROL, 0, WsPreDirCtrl, WsPostDirCtrl },
	{ IRP_MJ_OPERATION_END }
};

CONST FLT_CONTEXT_REGISTRATION WsContexts[] = {
	{ FLT_INSTANCE_CONTEXT, 0, NULL, sizeof(WS_INSTANCE_CONTEXT), WS_TAG },
	{ FLT_CONTEXT_END }
};

CONST FLT_REGISTRATION WsRegistration = {
	sizeof(FLT_REGISTRATION),
	FLT_REGISTRATION_VERSION,
	0,
	WsContexts,
	WsCallbacks,
	WsUnload,
	WsInstanceSetup,
	NULL,
	WsInstanceTeardownStart,
	NULL,
};

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	NTSTATUS status;

	status = FltRegisterFilter(DriverObject, &WsRegistration, &WsFilter);
	if (!NT_SUCCESS(status)) {
		return status;
	}
	status = FltStartFiltering(WsFilter);
	if (!NT_SUCCESS(status)) {
		FltUnregisterFilter(WsFilter);
	}
	return status;
}

static NTSTATUS FLTAPI
WsUnload(FLT_FILTER_UNLOAD_FLAGS Flags)
{
	FltUnregisterFilter(WsFilter);
	return STATUS_SUCCESS;
}

static NTSTATUS FLTAPI
WsInstanceSetup(PCFLT_RELATED_OBJECTS FltObjects, FLT_INSTANCE_SETUP_FLAGS Flags,
		DEVICE_TYPE VolumeDeviceType, FLT_FILESYSTEM_TYPE VolumeFilesystemType)
{
	PWS_INSTANCE_CONTEXT ctx = NULL;
	NTSTATUS status;

	status = FltAllocateContext(FltObjects->Filter, FLT_INSTANCE_CONTEXT,
				    sizeof(WS_INSTANCE_CONTEXT), NonPagedPoolNx,
				    (PFLT_CONTEXT *)&ctx);
	if (!NT_SUCCESS(status)) {
		return status;
	}
	RtlZeroMemory(ctx, sizeof(*ctx));
	ctx->ReadOnlyPolicy = (VolumeFilesystemType == FLT_FSTYPE_FAT);
	status = WsHoldQueueInit(FltObjects->Instance, ctx);
	if (NT_SUCCESS(status)) {
		status = FltSetInstanceContext(FltObjects->Instance,
					       FLT_SET_CONTEXT_KEEP_IF_EXISTS, ctx, NULL);
	}
	FltReleaseContext(ctx);
	return status;
}

static VOID FLTAPI
WsInstanceTeardownStart(PCFLT_RELATED_OBJECTS FltObjects, FLT_INSTANCE_TEARDOWN_FLAGS Flags)
{
	PWS_INSTANCE_CONTEXT ctx = NULL;

	if (NT_SUCCESS(FltGetInstanceContext(FltObjects->Instance, (PFLT_CONTEXT *)&ctx))) {
		FltCbdqDisable(&ctx->HoldQueue);
		InterlockedExchange(&ctx->Stopping, 1);
		WsReleaseHeldOperations(ctx);
		FltReleaseContext(ctx);
	}
}
