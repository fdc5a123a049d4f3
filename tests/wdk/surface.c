/*
 * Proof that fltcheck's WDK model (analyzer/wdk) carries the minifilter
 * surface: a small filter that touches callback data, registration,
 * pending, work items, cancel-safe queues, contexts, names, ports, file
 * I/O, locks, lists, strings, pool, CNG (bcrypt.h) and FCB headers, plus
 * static checks of the values the
 * rules depend on. It is only parsed (tests/wdk_model.sh), never built or
 * run. surface.cpp includes this file to parse the same code as C++, so it
 * sticks to the common subset of C and C++.
 */
#include <FltKernel.h>
#include <ntstrsafe.h>
#include <ntintsafe.h>
#include <dontuse.h>
#include <suppress.h>
#include <bcrypt.h>
#include <WinDef.h>
#include <setjmp.h>
#include <malloc.h>

#ifdef __cplusplus
#	define SURFACE_ASSERT(e, m) static_assert(e, m)
#else
#	define SURFACE_ASSERT(e, m) _Static_assert(e, m)
#endif

/* Pre- and post-operation status values (facts table). */
SURFACE_ASSERT(FLT_PREOP_SUCCESS_WITH_CALLBACK == 0, "preop 0");
SURFACE_ASSERT(FLT_PREOP_SUCCESS_NO_CALLBACK == 1, "preop 1");
SURFACE_ASSERT(FLT_PREOP_PENDING == 2, "preop 2");
SURFACE_ASSERT(FLT_PREOP_DISALLOW_FASTIO == 3, "preop 3");
SURFACE_ASSERT(FLT_PREOP_COMPLETE == 4, "preop 4");
SURFACE_ASSERT(FLT_PREOP_SYNCHRONIZE == 5, "preop 5");
SURFACE_ASSERT(FLT_PREOP_DISALLOW_FSFILTER_IO == 6, "preop 6");
SURFACE_ASSERT(FLT_POSTOP_FINISHED_PROCESSING == 0, "postop 0");
SURFACE_ASSERT(FLT_POSTOP_MORE_PROCESSING_REQUIRED == 1, "postop 1");
SURFACE_ASSERT(FLT_POSTOP_DISALLOW_FSFILTER_IO == 2, "postop 2");

/* Callback data flags. */
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_IRP_OPERATION == 0x1, "irp flag");
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_FAST_IO_OPERATION == 2, "fast I/O flag");
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_FS_FILTER_OPERATION == 0x4, "fsfilter flag");
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_SYSTEM_BUFFER == 0x8, "system buffer flag");
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_REISSUE_MASK == 0xFFFF, "reissue mask");
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_GENERATED_IO == 0x10000, "generated");
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_REISSUED_IO == 0x20000, "reissued");
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_DRAINING_IO == 0x40000, "draining io");
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_POST_OPERATION == 0x80000, "post op");
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_NEW_SYSTEM_BUFFER == 0x100000, "new system buffer");
SURFACE_ASSERT(FLTFL_CALLBACK_DATA_DIRTY == 0x80000000, "dirty");
SURFACE_ASSERT(FLTFL_POST_OPERATION_DRAINING == 0x1, "draining");
SURFACE_ASSERT(FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO == 0x1, "skip paging");
SURFACE_ASSERT(FLTFL_OPERATION_REGISTRATION_SKIP_CACHED_IO == 0x2, "skip cached");
SURFACE_ASSERT(FLTFL_OPERATION_REGISTRATION_SKIP_NON_DASD_IO == 0x4, "skip non-DASD");
SURFACE_ASSERT(FLTFL_OPERATION_REGISTRATION_SKIP_NON_CACHED_NON_PAGING_IO == 0x8, "skip nc");
SURFACE_ASSERT(IRP_NOCACHE == 0x1 && IRP_PAGING_IO == 0x2, "irp flags");
SURFACE_ASSERT(IRP_SYNCHRONOUS_API == 0x4 && IRP_SYNCHRONOUS_PAGING_IO == 0x40, "irp sync");

/* Major function codes, compared as the UCHAR that Iopb->MajorFunction is. */
SURFACE_ASSERT(IRP_MJ_CREATE == 0x00 && IRP_MJ_CLOSE == 0x02, "create/close");
SURFACE_ASSERT(IRP_MJ_READ == 0x03 && IRP_MJ_WRITE == 0x04, "read/write");
SURFACE_ASSERT(IRP_MJ_QUERY_INFORMATION == 0x05 && IRP_MJ_SET_INFORMATION == 0x06, "info");
SURFACE_ASSERT(IRP_MJ_DIRECTORY_CONTROL == 0x0C && IRP_MJ_FILE_SYSTEM_CONTROL == 0x0D, "dir");
SURFACE_ASSERT(IRP_MJ_DEVICE_CONTROL == 0x0E && IRP_MJ_SHUTDOWN == 0x10, "ioctl");
SURFACE_ASSERT(IRP_MJ_LOCK_CONTROL == 0x11 && IRP_MJ_CLEANUP == 0x12, "lock/cleanup");
SURFACE_ASSERT(IRP_MJ_POWER == 0x16 && IRP_MJ_PNP == 0x1B, "power/pnp");
SURFACE_ASSERT(IRP_MJ_MAXIMUM_FUNCTION == 0x1B, "max function");
SURFACE_ASSERT(IRP_MJ_OPERATION_END == 0x80, "end");
SURFACE_ASSERT(IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION == 0xFF, "acquire section");
SURFACE_ASSERT(IRP_MJ_RELEASE_FOR_SECTION_SYNCHRONIZATION == 0xFE, "release section");
SURFACE_ASSERT(IRP_MJ_ACQUIRE_FOR_MOD_WRITE == 0xFD, "acquire mod write");
SURFACE_ASSERT(IRP_MJ_RELEASE_FOR_MOD_WRITE == 0xFC, "release mod write");
SURFACE_ASSERT(IRP_MJ_ACQUIRE_FOR_CC_FLUSH == 0xFB, "acquire cc flush");
SURFACE_ASSERT(IRP_MJ_RELEASE_FOR_CC_FLUSH == 0xFA, "release cc flush");
SURFACE_ASSERT(IRP_MJ_QUERY_OPEN == 0xF9, "query open");
SURFACE_ASSERT(IRP_MJ_FAST_IO_CHECK_IF_POSSIBLE == 0xF3, "fast io check");
SURFACE_ASSERT(IRP_MJ_NETWORK_QUERY_OPEN == 0xF2, "network query open");
SURFACE_ASSERT(IRP_MJ_MDL_READ == 0xF1 && IRP_MJ_MDL_READ_COMPLETE == 0xF0, "mdl read");
SURFACE_ASSERT(IRP_MJ_PREPARE_MDL_WRITE == 0xEF && IRP_MJ_MDL_WRITE_COMPLETE == 0xEE, "mdl write");
SURFACE_ASSERT(IRP_MJ_VOLUME_MOUNT == 0xED && IRP_MJ_VOLUME_DISMOUNT == 0xEC, "mount");
SURFACE_ASSERT(FLT_INTERNAL_OPERATION_COUNT == 22, "operation count");
SURFACE_ASSERT(IRP_MN_QUERY_DIRECTORY == 1 && IRP_MN_NOTIFY_CHANGE_DIRECTORY == 2, "dir minor");
SURFACE_ASSERT(IRP_MN_LOCK == 1 && IRP_MN_USER_FS_REQUEST == 0, "minors");

/* Status codes. */
SURFACE_ASSERT(STATUS_SUCCESS == 0, "success");
SURFACE_ASSERT(STATUS_PENDING == 0x103, "pending");
SURFACE_ASSERT(STATUS_REPARSE == 0x104, "reparse");
SURFACE_ASSERT(STATUS_ACCESS_DENIED == (NTSTATUS)0xC0000022L, "access denied");
SURFACE_ASSERT(STATUS_INSUFFICIENT_RESOURCES == (NTSTATUS)0xC000009AL, "resources");
SURFACE_ASSERT(STATUS_NOT_SUPPORTED == (NTSTATUS)0xC00000BBL, "not supported");
SURFACE_ASSERT(STATUS_INVALID_PARAMETER == (NTSTATUS)0xC000000DL, "invalid parameter");
SURFACE_ASSERT(STATUS_FLT_DISALLOW_FAST_IO == (NTSTATUS)0xC01C0004L, "disallow fast io");
SURFACE_ASSERT(STATUS_FLT_INVALID_NAME_REQUEST == (NTSTATUS)0xC01C0005L, "name request");
SURFACE_ASSERT(STATUS_FLT_NOT_SAFE_TO_POST_OPERATION == (NTSTATUS)0xC01C0006L, "not safe");
SURFACE_ASSERT(NT_SUCCESS(STATUS_PENDING) && !NT_SUCCESS(STATUS_UNSUCCESSFUL), "NT_SUCCESS");
SURFACE_ASSERT(NT_ERROR(STATUS_ACCESS_DENIED) && NT_WARNING(STATUS_BUFFER_OVERFLOW), "severity");

/* IRQLs, pool flags and types sized as on 64-bit Windows. */
SURFACE_ASSERT(PASSIVE_LEVEL == 0 && APC_LEVEL == 1 && DISPATCH_LEVEL == 2, "irql");
SURFACE_ASSERT(POOL_FLAG_NON_PAGED == 0x40 && POOL_FLAG_PAGED == 0x100, "pool flags");
SURFACE_ASSERT(NonPagedPoolNx == 512 && PagedPool == 1, "pool types");
SURFACE_ASSERT(sizeof(UCHAR) == 1 && sizeof(USHORT) == 2 && sizeof(ULONG) == 4, "ints");
SURFACE_ASSERT(sizeof(LONG) == 4 && sizeof(LONGLONG) == 8 && sizeof(WCHAR) == 2, "long");
SURFACE_ASSERT(sizeof(PVOID) == 8 && sizeof(ULONG_PTR) == 8 && sizeof(SIZE_T) == 8, "ptrs");
SURFACE_ASSERT(sizeof(NTSTATUS) == 4 && sizeof(BOOLEAN) == 1, "status");
SURFACE_ASSERT(sizeof(UNICODE_STRING) == 16 && sizeof(LIST_ENTRY) == 16, "string/list");
SURFACE_ASSERT(sizeof(LARGE_INTEGER) == 8 && sizeof(GUID) == 16, "large int/guid");
SURFACE_ASSERT(sizeof(IO_STATUS_BLOCK) == 16, "iosb");
SURFACE_ASSERT(sizeof(FLT_OPERATION_REGISTRATION) == 32, "operation registration");
SURFACE_ASSERT(FIELD_OFFSET(FLT_OPERATION_REGISTRATION, Flags) == 4, "registration flags");
SURFACE_ASSERT(FIELD_OFFSET(FLT_OPERATION_REGISTRATION, PreOperation) == 8, "pre field");
SURFACE_ASSERT(FIELD_OFFSET(FLT_OPERATION_REGISTRATION, PostOperation) == 16, "post field");
SURFACE_ASSERT(FIELD_OFFSET(FLT_IO_PARAMETER_BLOCK, MajorFunction) == 4, "iopb major");
SURFACE_ASSERT(FIELD_OFFSET(FLT_CALLBACK_DATA, Flags) == 0, "data flags");
SURFACE_ASSERT(sizeof(FLT_FILE_NAME_INFORMATION) == 8 + 7 * 16, "name information");

#define SURFACE_TAG 'fruS'

typedef struct _SURFACE_STREAM_CONTEXT {
	ERESOURCE Resource;
	LIST_ENTRY Entries;
	ULONG Opens;
} SURFACE_STREAM_CONTEXT, *PSURFACE_STREAM_CONTEXT;

typedef struct _SURFACE_GLOBALS {
	PFLT_FILTER Filter;
	PFLT_PORT ServerPort;
	PFLT_PORT ClientPort;
	FLT_CALLBACK_DATA_QUEUE Queue;
	LIST_ENTRY QueueHead;
	KSPIN_LOCK QueueLock;
	EX_PUSH_LOCK PushLock;
	FAST_MUTEX Mutex;
	KEVENT Event;
	NPAGED_LOOKASIDE_LIST Lookaside;
	volatile LONG Count;
} SURFACE_GLOBALS;

static SURFACE_GLOBALS Globals;

/* C linkage, so that #pragma alloc_text also accepts them in C++. */
EXTERN_C_START
DRIVER_INITIALIZE DriverEntry;
static FLT_PRE_OPERATION_CALLBACK SurfacePreRead;
static FLT_POST_OPERATION_CALLBACK SurfacePostRead;
static FLT_POST_OPERATION_CALLBACK SurfacePostReadWhenSafe;
static FLT_PRE_OPERATION_CALLBACK SurfacePreCreate;
static FLT_POST_OPERATION_CALLBACK SurfacePostCreate;
static FLT_PRE_OPERATION_CALLBACK SurfacePreSection;
static FLT_DEFERRED_IO_WORKITEM_ROUTINE SurfaceDeferredWork;
static FLT_GENERIC_WORKITEM_ROUTINE SurfaceGenericWork;
static FLT_FILTER_UNLOAD_CALLBACK SurfaceUnload;
static FLT_INSTANCE_SETUP_CALLBACK SurfaceInstanceSetup;
static FLT_INSTANCE_QUERY_TEARDOWN_CALLBACK SurfaceQueryTeardown;
static FLT_INSTANCE_TEARDOWN_CALLBACK SurfaceTeardown;
static FLT_CONTEXT_CLEANUP_CALLBACK SurfaceContextCleanup;
static FLT_CONNECT_NOTIFY SurfaceConnect;
static FLT_DISCONNECT_NOTIFY SurfaceDisconnect;
static FLT_MESSAGE_NOTIFY SurfaceMessage;
static FLT_CALLBACK_DATA_QUEUE_INSERT_IO SurfaceCsqInsert;
static FLT_CALLBACK_DATA_QUEUE_REMOVE_IO SurfaceCsqRemove;
static FLT_CALLBACK_DATA_QUEUE_PEEK_NEXT_IO SurfaceCsqPeek;
static FLT_CALLBACK_DATA_QUEUE_ACQUIRE SurfaceCsqAcquire;
static FLT_CALLBACK_DATA_QUEUE_RELEASE SurfaceCsqRelease;
static FLT_CALLBACK_DATA_QUEUE_COMPLETE_CANCELED_IO SurfaceCsqCanceled;
EXTERN_C_END

#ifdef ALLOC_PRAGMA
#	pragma alloc_text(INIT, DriverEntry)
#	pragma alloc_text(PAGE, SurfaceUnload)
#	pragma alloc_text(PAGE, SurfaceInstanceSetup)
#	pragma alloc_text(PAGE, SurfacePreCreate)
#endif

static const FLT_OPERATION_REGISTRATION Callbacks[] = {
	{ IRP_MJ_CREATE, 0, SurfacePreCreate, SurfacePostCreate, NULL },
	{ IRP_MJ_READ, FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO, SurfacePreRead,
	  SurfacePostRead },
	{ IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION, 0, SurfacePreSection, NULL },
	{ IRP_MJ_OPERATION_END }
};

static const FLT_CONTEXT_REGISTRATION Contexts[] = { { FLT_STREAM_CONTEXT, 0, SurfaceContextCleanup,
						       sizeof(SURFACE_STREAM_CONTEXT),
						       SURFACE_TAG },
						     { FLT_CONTEXT_END } };

static const FLT_REGISTRATION Registration = {
	sizeof(FLT_REGISTRATION),
	FLT_REGISTRATION_VERSION,
	FLTFL_REGISTRATION_SUPPORT_NPFS_MSFS,
	Contexts,
	Callbacks,
	SurfaceUnload,
	SurfaceInstanceSetup,
	SurfaceQueryTeardown,
	SurfaceTeardown,
	SurfaceTeardown,
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
};

static FLT_PREOP_CALLBACK_STATUS FLTAPI
SurfacePreCreate(_Inout_ PFLT_CALLBACK_DATA Data, _In_ PCFLT_RELATED_OBJECTS FltObjects,
		 _Flt_CompletionContext_Outptr_ PVOID *CompletionContext)
{
	PFLT_FILE_NAME_INFORMATION name = NULL;
	NTSTATUS status;

	PAGED_CODE();
	UNREFERENCED_PARAMETER(FltObjects);
	*CompletionContext = NULL;

	if (FlagOn(Data->Iopb->OperationFlags, SL_OPEN_TARGET_DIRECTORY) ||
	    FlagOn(Data->Iopb->Parameters.Create.Options, FILE_DIRECTORY_FILE))
		return FLT_PREOP_SUCCESS_NO_CALLBACK;

	status = FltGetFileNameInformation(
		Data, FLT_FILE_NAME_NORMALIZED | FLT_FILE_NAME_QUERY_DEFAULT, &name);
	if (!NT_SUCCESS(status))
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	status = FltParseFileNameInformation(name);
	if (NT_SUCCESS(status) && name->Extension.Length == 0 &&
	    Data->Iopb->Parameters.Create.SecurityContext->DesiredAccess & FILE_WRITE_DATA) {
		FltReleaseFileNameInformation(name);
		Data->IoStatus.Status = STATUS_ACCESS_DENIED;
		Data->IoStatus.Information = 0;
		return FLT_PREOP_COMPLETE;
	}
	FltReleaseFileNameInformation(name);
	return FLT_PREOP_SYNCHRONIZE;
}

static FLT_POSTOP_CALLBACK_STATUS FLTAPI SurfacePostCreate(_Inout_ PFLT_CALLBACK_DATA Data,
							   _In_ PCFLT_RELATED_OBJECTS FltObjects,
							   _In_opt_ PVOID CompletionContext,
							   _In_ FLT_POST_OPERATION_FLAGS Flags)
{
	PSURFACE_STREAM_CONTEXT ctx = NULL;
	PFLT_CONTEXT old = NULL;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(CompletionContext);
	if (FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING) || !NT_SUCCESS(Data->IoStatus.Status) ||
	    Data->IoStatus.Status == STATUS_REPARSE)
		return FLT_POSTOP_FINISHED_PROCESSING;

	status =
		FltAllocateContext(FltObjects->Filter, FLT_STREAM_CONTEXT,
				   sizeof(SURFACE_STREAM_CONTEXT), PagedPool, (PFLT_CONTEXT *)&ctx);
	if (!NT_SUCCESS(status))
		return FLT_POSTOP_FINISHED_PROCESSING;
	ExInitializeResourceLite(&ctx->Resource);
	InitializeListHead(&ctx->Entries);
	ctx->Opens = 1;
	status = FltSetStreamContext(FltObjects->Instance, FltObjects->FileObject,
				     FLT_SET_CONTEXT_KEEP_IF_EXISTS, ctx, &old);
	if (status == STATUS_FLT_CONTEXT_ALREADY_DEFINED && old != NULL)
		FltReleaseContext(old);
	FltReleaseContext(ctx);

	if (FltGetStreamContext(FltObjects->Instance, FltObjects->FileObject,
				(PFLT_CONTEXT *)&ctx) == STATUS_SUCCESS) {
		KeEnterCriticalRegion();
		ExAcquireResourceExclusiveLite(&ctx->Resource, TRUE);
		ctx->Opens++;
		ExReleaseResourceLite(&ctx->Resource);
		KeLeaveCriticalRegion();
		FltReleaseContext(ctx);
	}
	return FLT_POSTOP_FINISHED_PROCESSING;
}

static FLT_PREOP_CALLBACK_STATUS FLTAPI
SurfacePreRead(_Inout_ PFLT_CALLBACK_DATA Data, _In_ PCFLT_RELATED_OBJECTS FltObjects,
	       _Flt_CompletionContext_Outptr_ PVOID *CompletionContext)
{
	PFLT_DEFERRED_IO_WORKITEM item;
	PVOID buffer;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(FltObjects);
	*CompletionContext = NULL;

	if (FLT_IS_FASTIO_OPERATION(Data))
		return FLT_PREOP_DISALLOW_FASTIO;
	if (!FLT_IS_IRP_OPERATION(Data) || FLT_IS_FS_FILTER_OPERATION(Data) ||
	    FLT_IS_REISSUED_IO(Data) || FLT_IS_SYSTEM_BUFFER(Data))
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	if (Data->Iopb->MajorFunction != IRP_MJ_READ ||
	    FlagOn(Data->Iopb->IrpFlags, IRP_PAGING_IO | IRP_NOCACHE))
		return FLT_PREOP_SUCCESS_NO_CALLBACK;

	if (Data->Iopb->Parameters.Read.Length > PAGE_SIZE) {
		item = FltAllocateDeferredIoWorkItem();
		if (item == NULL)
			return FLT_PREOP_SUCCESS_NO_CALLBACK;
		status = FltQueueDeferredIoWorkItem(item, Data, SurfaceDeferredWork,
						    DelayedWorkQueue, NULL);
		if (!NT_SUCCESS(status)) {
			FltFreeDeferredIoWorkItem(item);
			return FLT_PREOP_SUCCESS_NO_CALLBACK;
		}
		return FLT_PREOP_PENDING;
	}

	if (Data->Iopb->Parameters.Read.Key == 7) {
		status = FltCbdqInsertIo(&Globals.Queue, Data, NULL, NULL);
		if (status == STATUS_PENDING)
			return FLT_PREOP_PENDING;
		return FLT_PREOP_SUCCESS_NO_CALLBACK;
	}

	if (FltIsOperationSynchronous(Data)) {
		buffer = ExAllocatePool2(POOL_FLAG_NON_PAGED, Data->Iopb->Parameters.Read.Length,
					 SURFACE_TAG);
		if (buffer == NULL) {
			Data->IoStatus.Status = STATUS_INSUFFICIENT_RESOURCES;
			Data->IoStatus.Information = 0;
			return FLT_PREOP_COMPLETE;
		}
		Data->Iopb->Parameters.Read.ReadBuffer = buffer;
		Data->Iopb->Parameters.Read.MdlAddress = NULL;
		FltSetCallbackDataDirty(Data);
		*CompletionContext = buffer;
		return FLT_PREOP_SYNCHRONIZE;
	}
	return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}

static FLT_POSTOP_CALLBACK_STATUS FLTAPI SurfacePostRead(_Inout_ PFLT_CALLBACK_DATA Data,
							 _In_ PCFLT_RELATED_OBJECTS FltObjects,
							 _In_opt_ PVOID CompletionContext,
							 _In_ FLT_POST_OPERATION_FLAGS Flags)
{
	FLT_POSTOP_CALLBACK_STATUS ret = FLT_POSTOP_FINISHED_PROCESSING;

	if (FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING)) {
		if (CompletionContext)
			ExFreePoolWithTag(CompletionContext, SURFACE_TAG);
		return FLT_POSTOP_FINISHED_PROCESSING;
	}
	if (!FltDoCompletionProcessingWhenSafe(Data, FltObjects, CompletionContext, Flags,
					       SurfacePostReadWhenSafe, &ret)) {
		Data->IoStatus.Status = STATUS_UNSUCCESSFUL;
		Data->IoStatus.Information = 0;
		if (CompletionContext)
			ExFreePoolWithTag(CompletionContext, SURFACE_TAG);
	}
	return ret;
}

static FLT_POSTOP_CALLBACK_STATUS FLTAPI
SurfacePostReadWhenSafe(_Inout_ PFLT_CALLBACK_DATA Data, _In_ PCFLT_RELATED_OBJECTS FltObjects,
			_In_opt_ PVOID CompletionContext, _In_ FLT_POST_OPERATION_FLAGS Flags)
{
	PVOID sys;

	UNREFERENCED_PARAMETER(FltObjects);
	UNREFERENCED_PARAMETER(Flags);
	if (NT_SUCCESS(FltLockUserBuffer(Data)) && Data->Iopb->Parameters.Read.MdlAddress) {
		sys = MmGetSystemAddressForMdlSafe(Data->Iopb->Parameters.Read.MdlAddress,
						   NormalPagePriority | MdlMappingNoExecute);
		if (sys && CompletionContext)
			RtlCopyMemory(sys, CompletionContext, Data->IoStatus.Information);
	}
	if (CompletionContext)
		ExFreePoolWithTag(CompletionContext, SURFACE_TAG);
	return FLT_POSTOP_FINISHED_PROCESSING;
}

static FLT_PREOP_CALLBACK_STATUS FLTAPI
SurfacePreSection(_Inout_ PFLT_CALLBACK_DATA Data, _In_ PCFLT_RELATED_OBJECTS FltObjects,
		  _Flt_CompletionContext_Outptr_ PVOID *CompletionContext)
{
	UNREFERENCED_PARAMETER(FltObjects);
	*CompletionContext = NULL;
	if (Data->Iopb->Parameters.AcquireForSectionSynchronization.SyncType ==
		    SyncTypeCreateSection &&
	    Data->Iopb->Parameters.AcquireForSectionSynchronization.PageProtection == PAGE_EXECUTE)
		return FLT_PREOP_SUCCESS_WITH_CALLBACK;
	return FLT_PREOP_SUCCESS_NO_CALLBACK;
}

static VOID FLTAPI SurfaceDeferredWork(_In_ PFLT_DEFERRED_IO_WORKITEM FltWorkItem,
				       _In_ PFLT_CALLBACK_DATA CallbackData, _In_opt_ PVOID Context)
{
	UNREFERENCED_PARAMETER(Context);
	FltFreeDeferredIoWorkItem(FltWorkItem);
	FltCompletePendedPreOperation(CallbackData, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
}

static VOID FLTAPI SurfaceGenericWork(_In_ PFLT_GENERIC_WORKITEM FltWorkItem, _In_ PVOID FltObject,
				      _In_opt_ PVOID Context)
{
	PFLT_CALLBACK_DATA data = (PFLT_CALLBACK_DATA)Context;

	UNREFERENCED_PARAMETER(FltObject);
	FltFreeGenericWorkItem(FltWorkItem);
	if (data)
		FltCompletePendedPostOperation(data);
}

static NTSTATUS FLTAPI SurfaceCsqInsert(_Inout_ PFLT_CALLBACK_DATA_QUEUE Cbdq,
					_In_ PFLT_CALLBACK_DATA Cbd, _In_opt_ PVOID InsertContext)
{
	UNREFERENCED_PARAMETER(Cbdq);
	UNREFERENCED_PARAMETER(InsertContext);
	InsertTailList(&Globals.QueueHead, &Cbd->QueueLinks);
	return STATUS_SUCCESS;
}

static VOID FLTAPI SurfaceCsqRemove(_Inout_ PFLT_CALLBACK_DATA_QUEUE Cbdq,
				    _In_ PFLT_CALLBACK_DATA Cbd)
{
	UNREFERENCED_PARAMETER(Cbdq);
	RemoveEntryList(&Cbd->QueueLinks);
}

static PFLT_CALLBACK_DATA FLTAPI SurfaceCsqPeek(_In_ PFLT_CALLBACK_DATA_QUEUE Cbdq,
						_In_opt_ PFLT_CALLBACK_DATA Cbd,
						_In_opt_ PVOID PeekContext)
{
	PLIST_ENTRY next;

	UNREFERENCED_PARAMETER(Cbdq);
	UNREFERENCED_PARAMETER(PeekContext);
	next = Cbd ? Cbd->QueueLinks.Flink : Globals.QueueHead.Flink;
	if (next == &Globals.QueueHead)
		return NULL;
	return CONTAINING_RECORD(next, FLT_CALLBACK_DATA, QueueLinks);
}

static VOID FLTAPI SurfaceCsqAcquire(_Inout_ PFLT_CALLBACK_DATA_QUEUE Cbdq, _Out_opt_ PKIRQL Irql)
{
	UNREFERENCED_PARAMETER(Cbdq);
	KeAcquireSpinLock(&Globals.QueueLock, Irql);
}

static VOID FLTAPI SurfaceCsqRelease(_Inout_ PFLT_CALLBACK_DATA_QUEUE Cbdq, _In_opt_ KIRQL Irql)
{
	UNREFERENCED_PARAMETER(Cbdq);
	KeReleaseSpinLock(&Globals.QueueLock, Irql);
}

static VOID FLTAPI SurfaceCsqCanceled(_Inout_ PFLT_CALLBACK_DATA_QUEUE Cbdq,
				      _Inout_ PFLT_CALLBACK_DATA Cbd)
{
	UNREFERENCED_PARAMETER(Cbdq);
	Cbd->IoStatus.Status = STATUS_CANCELLED;
	Cbd->IoStatus.Information = 0;
	FltCompletePendedPreOperation(Cbd, FLT_PREOP_COMPLETE, NULL);
}

static VOID FLTAPI SurfaceContextCleanup(_In_ PFLT_CONTEXT Context,
					 _In_ FLT_CONTEXT_TYPE ContextType)
{
	PSURFACE_STREAM_CONTEXT ctx = (PSURFACE_STREAM_CONTEXT)Context;

	if (ContextType == FLT_STREAM_CONTEXT)
		ExDeleteResourceLite(&ctx->Resource);
}

static NTSTATUS FLTAPI SurfaceInstanceSetup(_In_ PCFLT_RELATED_OBJECTS FltObjects,
					    _In_ FLT_INSTANCE_SETUP_FLAGS Flags,
					    _In_ DEVICE_TYPE VolumeDeviceType,
					    _In_ FLT_FILESYSTEM_TYPE VolumeFilesystemType)
{
	UCHAR buffer[sizeof(FLT_VOLUME_PROPERTIES) + 512];
	PFLT_VOLUME_PROPERTIES props = (PFLT_VOLUME_PROPERTIES)buffer;
	ULONG returned;
	PFLT_GENERIC_WORKITEM work;

	PAGED_CODE();
	UNREFERENCED_PARAMETER(Flags);
	if (VolumeDeviceType == FILE_DEVICE_NETWORK_FILE_SYSTEM ||
	    VolumeFilesystemType == FLT_FSTYPE_RAW)
		return STATUS_FLT_DO_NOT_ATTACH;
	if (!NT_SUCCESS(
		    FltGetVolumeProperties(FltObjects->Volume, props, sizeof(buffer), &returned)))
		return STATUS_FLT_DO_NOT_ATTACH;
	work = FltAllocateGenericWorkItem();
	if (work &&
	    !NT_SUCCESS(FltQueueGenericWorkItem(work, FltObjects->Instance, SurfaceGenericWork,
						DelayedWorkQueue, NULL)))
		FltFreeGenericWorkItem(work);
	return STATUS_SUCCESS;
}

static NTSTATUS FLTAPI SurfaceQueryTeardown(_In_ PCFLT_RELATED_OBJECTS FltObjects,
					    _In_ FLT_INSTANCE_QUERY_TEARDOWN_FLAGS Flags)
{
	UNREFERENCED_PARAMETER(FltObjects);
	UNREFERENCED_PARAMETER(Flags);
	return STATUS_SUCCESS;
}

static VOID FLTAPI SurfaceTeardown(_In_ PCFLT_RELATED_OBJECTS FltObjects,
				   _In_ FLT_INSTANCE_TEARDOWN_FLAGS Reason)
{
	PFLT_CALLBACK_DATA data;

	UNREFERENCED_PARAMETER(FltObjects);
	UNREFERENCED_PARAMETER(Reason);
	FltCbdqDisable(&Globals.Queue);
	while ((data = FltCbdqRemoveNextIo(&Globals.Queue, NULL)) != NULL)
		FltCompletePendedPreOperation(data, FLT_PREOP_SUCCESS_NO_CALLBACK, NULL);
	FltCbdqEnable(&Globals.Queue);
}

static NTSTATUS FLTAPI SurfaceConnect(_In_ PFLT_PORT ClientPort, _In_opt_ PVOID ServerPortCookie,
				      _In_reads_bytes_opt_(SizeOfContext) PVOID ConnectionContext,
				      _In_ ULONG SizeOfContext,
				      _Outptr_result_maybenull_ PVOID *ConnectionCookie)
{
	UNREFERENCED_PARAMETER(ServerPortCookie);
	UNREFERENCED_PARAMETER(ConnectionContext);
	UNREFERENCED_PARAMETER(SizeOfContext);
	Globals.ClientPort = ClientPort;
	*ConnectionCookie = NULL;
	return STATUS_SUCCESS;
}

static VOID FLTAPI SurfaceDisconnect(_In_opt_ PVOID ConnectionCookie)
{
	UNREFERENCED_PARAMETER(ConnectionCookie);
	FltCloseClientPort(Globals.Filter, &Globals.ClientPort);
}

static NTSTATUS FLTAPI SurfaceMessage(
	_In_opt_ PVOID PortCookie, _In_reads_bytes_opt_(InputBufferLength) PVOID InputBuffer,
	_In_ ULONG InputBufferLength,
	_Out_writes_bytes_to_opt_(OutputBufferLength, *ReturnOutputBufferLength) PVOID OutputBuffer,
	_In_ ULONG OutputBufferLength, _Out_ PULONG ReturnOutputBufferLength)
{
	NTSTATUS status = STATUS_SUCCESS;

	UNREFERENCED_PARAMETER(PortCookie);
	*ReturnOutputBufferLength = 0;
	__try {
		ProbeForRead(InputBuffer, InputBufferLength, sizeof(UCHAR));
		if (OutputBuffer && OutputBufferLength >= sizeof(ULONG)) {
			*(PULONG)OutputBuffer = (ULONG)InterlockedIncrement(&Globals.Count);
			*ReturnOutputBufferLength = sizeof(ULONG);
		}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		status = GetExceptionCode();
	}
	return status;
}

static NTSTATUS SurfaceFileIo(_In_ PFLT_INSTANCE Instance)
{
	UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\??\\C:\\surface.txt");
	OBJECT_ATTRIBUTES oa;
	IO_STATUS_BLOCK iosb;
	HANDLE handle = NULL;
	PFILE_OBJECT fileObject = NULL;
	FILE_STANDARD_INFORMATION info;
	LARGE_INTEGER offset;
	UCHAR data[64];
	ULONG done = 0;
	WCHAR text[64];
	USHORT total = 0;
	NTSTATUS status;

	InitializeObjectAttributes(&oa, &name, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL,
				   NULL);
	status = FltCreateFileEx(Globals.Filter, Instance, &handle, &fileObject, FILE_GENERIC_READ,
				 &oa, &iosb, NULL, FILE_ATTRIBUTE_NORMAL, FILE_SHARE_READ,
				 FILE_OPEN, FILE_SYNCHRONOUS_IO_NONALERT | FILE_NON_DIRECTORY_FILE,
				 NULL, 0, IO_IGNORE_SHARE_ACCESS_CHECK);
	if (!NT_SUCCESS(status))
		return status;
	status = FltQueryInformationFile(Instance, fileObject, &info, sizeof(info),
					 FileStandardInformation, NULL);
	offset.QuadPart = 0;
	if (NT_SUCCESS(status))
		status = FltReadFile(Instance, fileObject, &offset, sizeof(data), data,
				     FLTFL_IO_OPERATION_DO_NOT_UPDATE_BYTE_OFFSET, &done, NULL,
				     NULL);
	if (NT_SUCCESS(status))
		status = RtlStringCchPrintfW(text, RTL_NUMBER_OF(text), L"%lu bytes", done);
	if (NT_SUCCESS(status))
		status = RtlUShortAdd((USHORT)done, 2, &total);
	ObDereferenceObject(fileObject);
	FltClose(handle);
	return status;
}

/* CNG values the model carries (bcrypt.h). */
SURFACE_ASSERT(BCRYPT_PROV_DISPATCH == 1 && BCRYPT_ALG_HANDLE_HMAC_FLAG == 8, "cng open flags");
SURFACE_ASSERT(BCRYPT_BLOCK_PADDING == 1 && BCRYPT_USE_SYSTEM_PREFERRED_RNG == 2, "cng flags");
SURFACE_ASSERT(FSRTL_FSP_TOP_LEVEL_IRP == 1 && FSRTL_FAST_IO_TOP_LEVEL_IRP == 4, "top level");
/* A few of the statuses beyond the ones the rules meet, and symbolic link access. */
SURFACE_ASSERT(STATUS_DATA_ERROR == (NTSTATUS)0xC000003E, "data error");
SURFACE_ASSERT(STATUS_FILE_TOO_LARGE == (NTSTATUS)0xC0000904, "file too large");
SURFACE_ASSERT(STATUS_DUPLICATE_OBJECTID == (NTSTATUS)0xC000022A, "duplicate object id");
SURFACE_ASSERT(RPC_NT_NULL_REF_POINTER == (NTSTATUS)0xC0030009, "rpc null ref");
SURFACE_ASSERT(SYMBOLIC_LINK_QUERY == 1 && DIRECTORY_QUERY == 1, "link and directory query");
/* windef.h: the Windows types kernel code borrows. */
SURFACE_ASSERT(sizeof(WPARAM) == 8 && sizeof(LPARAM) == 8 && sizeof(RECT) == 16, "windef sizes");
SURFACE_ASSERT(MAKELONG(1, 2) == 0x20001 && HIWORD(0x30004) == 3 && LOBYTE(0x1234) == 0x34,
	       "word macros");

/* EDR-style filters register object and registry callbacks beside the filter. */
SURFACE_ASSERT(OB_OPERATION_HANDLE_CREATE == 1 && OB_OPERATION_HANDLE_DUPLICATE == 2, "ob ops");
SURFACE_ASSERT(RegNtPreSetValueKey == 1 && RegNtPostCreateKeyEx == 27 &&
		       RegNtCallbackObjectContextCleanup == 40 && MaxRegNtNotifyClass == 51,
	       "reg notify classes");

static OB_PREOP_CALLBACK_STATUS NTAPI SurfaceObPre(_In_ PVOID RegistrationContext,
						   _Inout_ POB_PRE_OPERATION_INFORMATION Info)
{
	UNREFERENCED_PARAMETER(RegistrationContext);
	if (Info->ObjectType == *PsProcessType && !Info->KernelHandle &&
	    Info->Operation == OB_OPERATION_HANDLE_CREATE)
		Info->Parameters->CreateHandleInformation.DesiredAccess &= ~(ACCESS_MASK)0x0001;
	return OB_PREOP_SUCCESS;
}

static NTSTATUS NTAPI SurfaceRegistry(_In_ PVOID CallbackContext, _In_opt_ PVOID Argument1,
				      _In_opt_ PVOID Argument2)
{
	UNREFERENCED_PARAMETER(CallbackContext);
	REG_NOTIFY_CLASS kind = (REG_NOTIFY_CLASS)(ULONG_PTR)Argument1;
	if (kind == RegNtPreSetValueKey && Argument2) {
		PREG_SET_VALUE_KEY_INFORMATION set = (PREG_SET_VALUE_KEY_INFORMATION)Argument2;
		if (set->ValueName && set->DataSize > 0x10000)
			return STATUS_ACCESS_DENIED;
	} else if (kind == RegNtPostCreateKeyEx && Argument2) {
		PREG_POST_OPERATION_INFORMATION post = (PREG_POST_OPERATION_INFORMATION)Argument2;
		return post->Status;
	}
	return STATUS_SUCCESS;
}

static NTSTATUS SurfaceRegisterEdr(_In_ PDRIVER_OBJECT DriverObject, _Out_ PLARGE_INTEGER Cookie,
				   _Out_ PVOID *ObHandle)
{
	static OB_OPERATION_REGISTRATION ops[1];
	OB_CALLBACK_REGISTRATION reg = { 0 };
	UNICODE_STRING altitude = RTL_CONSTANT_STRING(L"370000");
	ops[0].ObjectType = PsProcessType;
	ops[0].Operations = OB_OPERATION_HANDLE_CREATE | OB_OPERATION_HANDLE_DUPLICATE;
	ops[0].PreOperation = SurfaceObPre;
	reg.Version = OB_FLT_REGISTRATION_VERSION;
	reg.OperationRegistrationCount = 1;
	reg.Altitude = altitude;
	reg.OperationRegistration = ops;
	NTSTATUS status = ObRegisterCallbacks(&reg, ObHandle);
	if (!NT_SUCCESS(status))
		return status;
	status = CmRegisterCallbackEx(SurfaceRegistry, &altitude, DriverObject, NULL, Cookie, NULL);
	if (!NT_SUCCESS(status))
		ObUnRegisterCallbacks(*ObHandle);
	return status;
}

/* The bounded string routines (C++ also takes an array's size from its type) and
 * a process's virtual memory. */
static NTSTATUS SurfaceStrings(_In_ PCUNICODE_STRING Name)
{
	char line[64] = "name: ";
	wchar_t wide[32] = L"";
	SIZE_T size = 4096;
	PVOID base = NULL;
	MEMORY_BASIC_INFORMATION info;
	if (strcat_s(line, sizeof(line), "x") != 0 || wcscpy_s(wide, 32, L"y") != 0 ||
	    strlen(line) == 0)
		return STATUS_INVALID_PARAMETER;
#ifdef __cplusplus
	if (strcat_s(line, "z") != 0 || wcscat_s(wide, L"w") != 0)
		return STATUS_INVALID_PARAMETER;
#endif
	UNICODE_STRING sys = RTL_CONSTANT_STRING(L".sys");
	NTSTATUS status = RtlValidateUnicodeString(0, Name);
	if (NT_SUCCESS(status) && RtlSuffixUnicodeString(&sys, Name, TRUE))
		return STATUS_ACCESS_DENIED;
	if (NT_SUCCESS(status))
		status = ZwAllocateVirtualMemory(ZwCurrentProcess(), &base, 0, &size, MEM_COMMIT,
						 PAGE_READWRITE);
	if (NT_SUCCESS(status)) {
		status = ZwQueryVirtualMemory(ZwCurrentProcess(), base, MemoryBasicInformation,
					      &info, sizeof(info), NULL);
		size = 0;
		ZwFreeVirtualMemory(ZwCurrentProcess(), &base, &size, MEM_RELEASE);
	}
	return status;
}

/* Types kernel structures and clang's intrin.h rely on. */
SURFACE_ASSERT(sizeof(RTL_BALANCED_NODE) == 24 && sizeof(jmp_buf) == 256, "node and jmp_buf");

/* Concurrency annotations of sal.h. */
_No_competing_thread_ static VOID SurfaceInitLock(_Out_ PKSPIN_LOCK Lock)
{
	KeInitializeSpinLock(Lock);
	_Analysis_assume_lock_released_(*Lock);
}

static VOID SurfaceImageLoad(_In_opt_ PUNICODE_STRING FullImageName, _In_ HANDLE ProcessId,
			     _In_ PIMAGE_INFO ImageInfo)
{
	UNREFERENCED_PARAMETER(FullImageName);
	UNREFERENCED_PARAMETER(ProcessId);
	if (ImageInfo->SystemModeImage && ImageInfo->ImageSize > 0)
		(void)ImageInfo->ImageBase;
}

/* An encryption filter's calls: AES-ECB over one block, a SHA-256 digest, FCB sizes. */
static NTSTATUS SurfaceCrypto(_In_ PFILE_OBJECT FileObject, _Inout_updates_(16) PUCHAR Block)
{
	BCRYPT_ALG_HANDLE aes = NULL, sha = NULL;
	BCRYPT_KEY_HANDLE key = NULL;
	BCRYPT_HASH_HANDLE hash = NULL;
	UCHAR secret[16] = { 0 }, digest[32];
	ULONG objlen = 0, got = 0;
	NTSTATUS status = BCryptOpenAlgorithmProvider(&aes, BCRYPT_AES_ALGORITHM, NULL,
						      BCRYPT_PROV_DISPATCH);
	if (!NT_SUCCESS(status))
		return status;
	status = BCryptGetProperty(aes, BCRYPT_OBJECT_LENGTH, (PUCHAR)&objlen, sizeof(objlen),
				   &got, 0);
	if (NT_SUCCESS(status))
		status = BCryptSetProperty(aes, BCRYPT_CHAINING_MODE,
					   (PUCHAR)BCRYPT_CHAIN_MODE_ECB,
					   sizeof(BCRYPT_CHAIN_MODE_ECB), 0);
	if (NT_SUCCESS(status))
		status = BCryptGenerateSymmetricKey(aes, &key, NULL, 0, secret, sizeof(secret), 0);
	if (NT_SUCCESS(status))
		status = BCryptEncrypt(key, Block, 16, NULL, NULL, 0, Block, 16, &got, 0);
	if (key)
		BCryptDestroyKey(key);
	BCryptCloseAlgorithmProvider(aes, 0);
	if (NT_SUCCESS(status))
		status = BCryptOpenAlgorithmProvider(&sha, BCRYPT_SHA256_ALGORITHM, NULL, 0);
	if (NT_SUCCESS(status)) {
		status = BCryptCreateHash(sha, &hash, NULL, 0, NULL, 0, 0);
		if (NT_SUCCESS(status))
			status = BCryptHashData(hash, Block, 16, 0);
		if (NT_SUCCESS(status))
			status = BCryptFinishHash(hash, digest, sizeof(digest), 0);
		if (hash)
			BCryptDestroyHash(hash);
		BCryptCloseAlgorithmProvider(sha, 0);
	}
	PFSRTL_COMMON_FCB_HEADER fcb = (PFSRTL_COMMON_FCB_HEADER)FileObject->FsContext;
	if (NT_SUCCESS(status) && fcb && fcb->PagingIoResource &&
	    fcb->FileSize.QuadPart > fcb->ValidDataLength.QuadPart) {
		IoSetTopLevelIrp((PIRP)FSRTL_FSP_TOP_LEVEL_IRP);
		IoSetTopLevelIrp(NULL);
	}
	return status;
}

static NTSTATUS FLTAPI SurfaceUnload(_In_ FLT_FILTER_UNLOAD_FLAGS Flags)
{
	PAGED_CODE();
	UNREFERENCED_PARAMETER(Flags);
	FltCloseCommunicationPort(Globals.ServerPort);
	ExDeleteNPagedLookasideList(&Globals.Lookaside);
	FltDeletePushLock(&Globals.PushLock);
	FltUnregisterFilter(Globals.Filter);
	return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING portName;
	OBJECT_ATTRIBUTES oa;
	PSECURITY_DESCRIPTOR sd = NULL;
	PVOID entry;
	KIRQL irql;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(RegistryPath);
	ExInitializeDriverRuntime(DrvRtPoolNxOptIn);
	InitializeListHead(&Globals.QueueHead);
	KeInitializeSpinLock(&Globals.QueueLock);
	FltInitializePushLock(&Globals.PushLock);
	ExInitializeFastMutex(&Globals.Mutex);
	KeInitializeEvent(&Globals.Event, NotificationEvent, FALSE);
	ExInitializeNPagedLookasideList(&Globals.Lookaside, NULL, NULL, POOL_NX_ALLOCATION, 64,
					SURFACE_TAG, 0);
	entry = ExAllocateFromNPagedLookasideList(&Globals.Lookaside);
	if (entry)
		ExFreeToNPagedLookasideList(&Globals.Lookaside, entry);

	FltAcquirePushLockExclusive(&Globals.PushLock);
	FltReleasePushLock(&Globals.PushLock);
	ExAcquireFastMutex(&Globals.Mutex);
	ExReleaseFastMutex(&Globals.Mutex);
	KeAcquireSpinLock(&Globals.QueueLock, &irql);
	KeReleaseSpinLock(&Globals.QueueLock, irql);
	if (KeGetCurrentIrql() > PASSIVE_LEVEL)
		KeBugCheckEx(0xDEAD, 0, 0, 0, 0);

	status = FltRegisterFilter(DriverObject, &Registration, &Globals.Filter);
	if (!NT_SUCCESS(status))
		return status;
	status = FltBuildDefaultSecurityDescriptor(&sd, FLT_PORT_ALL_ACCESS);
	if (NT_SUCCESS(status)) {
		RtlInitUnicodeString(&portName, L"\\SurfacePort");
		InitializeObjectAttributes(&oa, &portName, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE,
					   NULL, sd);
		status = FltCreateCommunicationPort(Globals.Filter, &Globals.ServerPort, &oa, NULL,
						    SurfaceConnect, SurfaceDisconnect,
						    SurfaceMessage, 1);
		FltFreeSecurityDescriptor(sd);
	}
	if (NT_SUCCESS(status))
		status = FltCbdqInitialize(NULL, &Globals.Queue, SurfaceCsqInsert, SurfaceCsqRemove,
					   SurfaceCsqPeek, SurfaceCsqAcquire, SurfaceCsqRelease,
					   SurfaceCsqCanceled);
	if (NT_SUCCESS(status))
		status = FltStartFiltering(Globals.Filter);
	if (!NT_SUCCESS(status)) {
		if (Globals.ServerPort)
			FltCloseCommunicationPort(Globals.ServerPort);
		FltUnregisterFilter(Globals.Filter);
		return status;
	}
	(void)SurfaceFileIo;
	(void)SurfaceCrypto;
	(void)SurfaceRegisterEdr;
	(void)SurfaceInitLock;
	(void)SurfaceStrings;
	if (!NT_SUCCESS(PsSetLoadImageNotifyRoutine(SurfaceImageLoad)))
		PsRemoveLoadImageNotifyRoutine(SurfaceImageLoad);
	return STATUS_SUCCESS;
}
