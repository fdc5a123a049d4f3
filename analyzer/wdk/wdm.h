/*
 * fltcheck WDK model: the core kernel-mode surface (wdm.h).
 *
 * Executive, kernel, I/O manager, memory manager, object manager, process
 * and runtime-library declarations that drivers of every kind use: IRQLs,
 * pool, lists, locks, events, interlocked operations, IRPs and stack
 * locations, file/device/driver objects, Zw file and registry routines,
 * strings. Layouts follow the public field names; values follow the public
 * constants. Prototypes only: nothing here is executed.
 */
#ifndef FLTCHECK_WDK_WDM_H
#define FLTCHECK_WDK_WDM_H

#define _WDMDDK_

#include <ntdef.h>
#include <ntstatus.h>
#include <excpt.h>
#include <string.h>

#ifndef _ETW_KM_
#	define _ETW_KM_
#endif
#include <evntprov.h>

EXTERN_C_START

/* ---- IRQL ---------------------------------------------------------------- */

#define PASSIVE_LEVEL  0
#define LOW_LEVEL      0
#define APC_LEVEL      1
#define DISPATCH_LEVEL 2
#define CMCI_LEVEL     5
#define CLOCK_LEVEL    13
#define IPI_LEVEL      14
#define DRS_LEVEL      14
#define POWER_LEVEL    14
#define PROFILE_LEVEL  15
#define HIGH_LEVEL     15
#define SYNCH_LEVEL    12

typedef KIRQL *PKIRQL;

NTKERNELAPI KIRQL NTAPI KeGetCurrentIrql(VOID);
NTKERNELAPI VOID NTAPI KeLowerIrql(_In_ KIRQL NewIrql);
NTKERNELAPI KIRQL NTAPI KfRaiseIrql(_In_ KIRQL NewIrql);
NTKERNELAPI KIRQL NTAPI KeRaiseIrqlToDpcLevel(VOID);
#define KeRaiseIrql(a, b) *(b) = KfRaiseIrql(a)

/* Pageable code: a no-op check that marks a function as running below DISPATCH_LEVEL. */
#define PAGED_ASSERT(exp)   ((void)0)
#define PAGED_CODE()        ((void)0)
#define PAGED_CODE_LOCKED() ((void)0)
#define NOP_FUNCTION        (void)0

/* ---- Debugging ------------------------------------------------------------- */

typedef enum _DPFLTR_TYPE {
	DPFLTR_SYSTEM_ID = 0,
	DPFLTR_SMSS_ID = 1,
	DPFLTR_SETUP_ID = 2,
	DPFLTR_NTFS_ID = 3,
	DPFLTR_FSTUB_ID = 4,
	DPFLTR_CRASHDUMP_ID = 5,
	DPFLTR_DEFAULT_ID = 101,
	DPFLTR_IHVVIDEO_ID = 74,
	DPFLTR_IHVAUDIO_ID = 75,
	DPFLTR_IHVNETWORK_ID = 76,
	DPFLTR_IHVSTREAMING_ID = 77,
	DPFLTR_IHVBUS_ID = 78,
	DPFLTR_IHVDRIVER_ID = 79,
	DPFLTR_FLTMGR_ID = 93,
	DPFLTR_ENDOFTABLE_ID = 200
} DPFLTR_TYPE;

#define DPFLTR_ERROR_LEVEL   0
#define DPFLTR_WARNING_LEVEL 1
#define DPFLTR_TRACE_LEVEL   2
#define DPFLTR_INFO_LEVEL    3
#define DPFLTR_MASK          0x80000000

ULONG __cdecl DbgPrint(_In_z_ _Printf_format_string_ PCSTR Format, ...);
NTSYSAPI ULONG __cdecl DbgPrintEx(_In_ ULONG ComponentId, _In_ ULONG Level,
				  _In_z_ _Printf_format_string_ PCSTR Format, ...);
NTSYSAPI ULONG NTAPI vDbgPrintEx(_In_ ULONG ComponentId, _In_ ULONG Level, _In_z_ PCCH Format,
				 _In_ va_list arglist);
NTSYSAPI VOID NTAPI DbgBreakPoint(VOID);
NTSYSAPI VOID NTAPI DbgBreakPointWithStatus(_In_ ULONG Status);
NTSYSAPI VOID NTAPI RtlAssert(_In_ PVOID VoidFailedAssertion, _In_ PVOID VoidFileName,
			      _In_ ULONG LineNumber, _In_opt_ PSTR MutableMessage);
NTSYSAPI BOOLEAN NTAPI KdRefreshDebuggerNotPresent(VOID);
extern BOOLEAN *KdDebuggerNotPresent;
extern BOOLEAN *KdDebuggerEnabled;
#define KD_DEBUGGER_ENABLED     (*KdDebuggerEnabled)
#define KD_DEBUGGER_NOT_PRESENT (*KdDebuggerNotPresent)

#if DBG
#	define ASSERT(exp)                                                                   \
		((!(exp)) ? (RtlAssert((PVOID) #exp, (PVOID)__FILE__, __LINE__, NULL), FALSE) \
			  : TRUE)
#	define ASSERTMSG(msg, exp)                                                            \
		((!(exp)) ? (RtlAssert((PVOID) #exp, (PVOID)__FILE__, __LINE__, (PCHAR)(msg)), \
			     FALSE)                                                            \
			  : TRUE)
#	define KdPrint(_x_)   DbgPrint _x_
#	define KdPrintEx(_x_) DbgPrintEx _x_
#	define KdBreakPoint() DbgBreakPoint()
#else
#	define ASSERT(exp)         ((void)0)
#	define ASSERTMSG(msg, exp) ((void)0)
#	define KdPrint(_x_)
#	define KdPrintEx(_x_)
#	define KdBreakPoint()
#endif
#define RTL_SOFT_ASSERT(exp)         ((void)0)
#define RTL_SOFT_ASSERTMSG(msg, exp) ((void)0)
#define NT_ASSERT(exp)               ((void)0)
#define NT_ASSERTMSG(msg, exp)       ((void)0)
#define NT_ASSERTMSGW(msg, exp)      ((void)0)
#define NT_ASSERT_ACTION(exp)        ((void)0)
#define NT_ASSERT_ASSUME(exp)        ((void)0)
#define NT_ASSERT_NOASSUME(exp)      ((void)0)
#define NT_VERIFY(exp)               ((exp) ? TRUE : FALSE)
#define NT_VERIFYMSG(msg, exp)       ((exp) ? TRUE : FALSE)
#define NT_FRE_ASSERT(exp)           ((void)0)

/* ---- Bug checks and exceptions ----------------------------------------- */

DECLSPEC_NORETURN NTKERNELAPI VOID NTAPI KeBugCheckEx(_In_ ULONG BugCheckCode,
						      _In_ ULONG_PTR BugCheckParameter1,
						      _In_ ULONG_PTR BugCheckParameter2,
						      _In_ ULONG_PTR BugCheckParameter3,
						      _In_ ULONG_PTR BugCheckParameter4);
DECLSPEC_NORETURN NTKERNELAPI VOID NTAPI KeBugCheck(_In_ ULONG BugCheckCode);
DECLSPEC_NORETURN NTSYSAPI VOID NTAPI ExRaiseStatus(_In_ NTSTATUS Status);
DECLSPEC_NORETURN NTKERNELAPI VOID NTAPI ExRaiseAccessViolation(VOID);
DECLSPEC_NORETURN NTKERNELAPI VOID NTAPI ExRaiseDatatypeMisalignment(VOID);
DECLSPEC_NORETURN NTSYSAPI VOID NTAPI RtlRaiseStatus(_In_ NTSTATUS Status);

#define EXCEPTION_MAXIMUM_PARAMETERS 15
#define EXCEPTION_NONCONTINUABLE     0x1

typedef struct _EXCEPTION_RECORD {
	NTSTATUS ExceptionCode;
	ULONG ExceptionFlags;
	struct _EXCEPTION_RECORD *ExceptionRecord;
	PVOID ExceptionAddress;
	ULONG NumberParameters;
	ULONG_PTR ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
} EXCEPTION_RECORD, *PEXCEPTION_RECORD;

typedef struct _CONTEXT {
	ULONG64 P1Home;
	ULONG64 P2Home;
	ULONG64 P3Home;
	ULONG64 P4Home;
	ULONG64 P5Home;
	ULONG64 P6Home;
	ULONG ContextFlags;
	ULONG MxCsr;
	ULONG64 Rip;
	ULONG64 Rsp;
	ULONG64 Rbp;
} CONTEXT, *PCONTEXT;

typedef struct _EXCEPTION_POINTERS {
	PEXCEPTION_RECORD ExceptionRecord;
	PCONTEXT ContextRecord;
} EXCEPTION_POINTERS, *PEXCEPTION_POINTERS;

NTKERNELAPI BOOLEAN NTAPI FsRtlIsNtstatusExpected(_In_ NTSTATUS Exception);

/* ---- Access rights --------------------------------------------------------- */

#define DELETE                   (0x00010000L)
#define READ_CONTROL             (0x00020000L)
#define WRITE_DAC                (0x00040000L)
#define WRITE_OWNER              (0x00080000L)
#define SYNCHRONIZE              (0x00100000L)
#define STANDARD_RIGHTS_REQUIRED (0x000F0000L)
#define STANDARD_RIGHTS_READ     (READ_CONTROL)
#define STANDARD_RIGHTS_WRITE    (READ_CONTROL)
#define STANDARD_RIGHTS_EXECUTE  (READ_CONTROL)
#define STANDARD_RIGHTS_ALL      (0x001F0000L)
#define SPECIFIC_RIGHTS_ALL      (0x0000FFFFL)
#define ACCESS_SYSTEM_SECURITY   (0x01000000L)
#define MAXIMUM_ALLOWED          (0x02000000L)
#define GENERIC_READ             (0x80000000L)
#define GENERIC_WRITE            (0x40000000L)
#define GENERIC_EXECUTE          (0x20000000L)
#define GENERIC_ALL              (0x10000000L)

typedef struct _GENERIC_MAPPING {
	ACCESS_MASK GenericRead;
	ACCESS_MASK GenericWrite;
	ACCESS_MASK GenericExecute;
	ACCESS_MASK GenericAll;
} GENERIC_MAPPING, *PGENERIC_MAPPING;

#define FILE_READ_DATA            (0x0001)
#define FILE_LIST_DIRECTORY       (0x0001)
#define FILE_WRITE_DATA           (0x0002)
#define FILE_ADD_FILE             (0x0002)
#define FILE_APPEND_DATA          (0x0004)
#define FILE_ADD_SUBDIRECTORY     (0x0004)
#define FILE_CREATE_PIPE_INSTANCE (0x0004)
#define FILE_READ_EA              (0x0008)
#define FILE_WRITE_EA             (0x0010)
#define FILE_EXECUTE              (0x0020)
#define FILE_TRAVERSE             (0x0020)
#define FILE_DELETE_CHILD         (0x0040)
#define FILE_READ_ATTRIBUTES      (0x0080)
#define FILE_WRITE_ATTRIBUTES     (0x0100)
#define FILE_ALL_ACCESS           (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF)
#define FILE_GENERIC_READ \
	(STANDARD_RIGHTS_READ | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE)
#define FILE_GENERIC_WRITE                                                                 \
	(STANDARD_RIGHTS_WRITE | FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA | \
	 FILE_APPEND_DATA | SYNCHRONIZE)
#define FILE_GENERIC_EXECUTE \
	(STANDARD_RIGHTS_EXECUTE | FILE_READ_ATTRIBUTES | FILE_EXECUTE | SYNCHRONIZE)

#define FILE_SHARE_READ        0x00000001
#define FILE_SHARE_WRITE       0x00000002
#define FILE_SHARE_DELETE      0x00000004
#define FILE_SHARE_VALID_FLAGS 0x00000007

#define FILE_ATTRIBUTE_READONLY              0x00000001
#define FILE_ATTRIBUTE_HIDDEN                0x00000002
#define FILE_ATTRIBUTE_SYSTEM                0x00000004
#define FILE_ATTRIBUTE_DIRECTORY             0x00000010
#define FILE_ATTRIBUTE_ARCHIVE               0x00000020
#define FILE_ATTRIBUTE_DEVICE                0x00000040
#define FILE_ATTRIBUTE_NORMAL                0x00000080
#define FILE_ATTRIBUTE_TEMPORARY             0x00000100
#define FILE_ATTRIBUTE_SPARSE_FILE           0x00000200
#define FILE_ATTRIBUTE_REPARSE_POINT         0x00000400
#define FILE_ATTRIBUTE_COMPRESSED            0x00000800
#define FILE_ATTRIBUTE_OFFLINE               0x00001000
#define FILE_ATTRIBUTE_NOT_CONTENT_INDEXED   0x00002000
#define FILE_ATTRIBUTE_ENCRYPTED             0x00004000
#define FILE_ATTRIBUTE_INTEGRITY_STREAM      0x00008000
#define FILE_ATTRIBUTE_VIRTUAL               0x00010000
#define FILE_ATTRIBUTE_NO_SCRUB_DATA         0x00020000
#define FILE_ATTRIBUTE_RECALL_ON_OPEN        0x00040000
#define FILE_ATTRIBUTE_PINNED                0x00080000
#define FILE_ATTRIBUTE_UNPINNED              0x00100000
#define FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS 0x00400000
#define FILE_ATTRIBUTE_VALID_FLAGS           0x00007fb7
#define FILE_ATTRIBUTE_VALID_SET_FLAGS       0x000031a7

#define FILE_SUPERSEDE           0x00000000
#define FILE_OPEN                0x00000001
#define FILE_CREATE              0x00000002
#define FILE_OPEN_IF             0x00000003
#define FILE_OVERWRITE           0x00000004
#define FILE_OVERWRITE_IF        0x00000005
#define FILE_MAXIMUM_DISPOSITION 0x00000005

#define FILE_DIRECTORY_FILE              0x00000001
#define FILE_WRITE_THROUGH               0x00000002
#define FILE_SEQUENTIAL_ONLY             0x00000004
#define FILE_NO_INTERMEDIATE_BUFFERING   0x00000008
#define FILE_SYNCHRONOUS_IO_ALERT        0x00000010
#define FILE_SYNCHRONOUS_IO_NONALERT     0x00000020
#define FILE_NON_DIRECTORY_FILE          0x00000040
#define FILE_CREATE_TREE_CONNECTION      0x00000080
#define FILE_COMPLETE_IF_OPLOCKED        0x00000100
#define FILE_NO_EA_KNOWLEDGE             0x00000200
#define FILE_OPEN_REMOTE_INSTANCE        0x00000400
#define FILE_RANDOM_ACCESS               0x00000800
#define FILE_DELETE_ON_CLOSE             0x00001000
#define FILE_OPEN_BY_FILE_ID             0x00002000
#define FILE_OPEN_FOR_BACKUP_INTENT      0x00004000
#define FILE_NO_COMPRESSION              0x00008000
#define FILE_OPEN_REQUIRING_OPLOCK       0x00010000
#define FILE_DISALLOW_EXCLUSIVE          0x00020000
#define FILE_SESSION_AWARE               0x00040000
#define FILE_RESERVE_OPFILTER            0x00100000
#define FILE_OPEN_REPARSE_POINT          0x00200000
#define FILE_OPEN_NO_RECALL              0x00400000
#define FILE_OPEN_FOR_FREE_SPACE_QUERY   0x00800000
#define FILE_VALID_OPTION_FLAGS          0x00ffffff
#define FILE_VALID_PIPE_OPTION_FLAGS     0x00000032
#define FILE_VALID_MAILSLOT_OPTION_FLAGS 0x00000032
#define FILE_VALID_SET_FLAGS             0x00000036

#define FILE_SUPERSEDED     0x00000000
#define FILE_OPENED         0x00000001
#define FILE_CREATED        0x00000002
#define FILE_OVERWRITTEN    0x00000003
#define FILE_EXISTS         0x00000004
#define FILE_DOES_NOT_EXIST 0x00000005

#define FILE_WRITE_TO_END_OF_FILE      0xffffffff
#define FILE_USE_FILE_POINTER_POSITION 0xfffffffe

#define FILE_BYTE_ALIGNMENT     0x00000000
#define FILE_WORD_ALIGNMENT     0x00000001
#define FILE_LONG_ALIGNMENT     0x00000003
#define FILE_QUAD_ALIGNMENT     0x00000007
#define FILE_OCTA_ALIGNMENT     0x0000000f
#define FILE_32_BYTE_ALIGNMENT  0x0000001f
#define FILE_64_BYTE_ALIGNMENT  0x0000003f
#define FILE_128_BYTE_ALIGNMENT 0x0000007f
#define FILE_256_BYTE_ALIGNMENT 0x000000ff
#define FILE_512_BYTE_ALIGNMENT 0x000001ff

#define FILE_REMOVABLE_MEDIA                     0x00000001
#define FILE_READ_ONLY_DEVICE                    0x00000002
#define FILE_FLOPPY_DISKETTE                     0x00000004
#define FILE_WRITE_ONCE_MEDIA                    0x00000008
#define FILE_REMOTE_DEVICE                       0x00000010
#define FILE_DEVICE_IS_MOUNTED                   0x00000020
#define FILE_VIRTUAL_VOLUME                      0x00000040
#define FILE_AUTOGENERATED_DEVICE_NAME           0x00000080
#define FILE_DEVICE_SECURE_OPEN                  0x00000100
#define FILE_CHARACTERISTIC_PNP_DEVICE           0x00000800
#define FILE_CHARACTERISTIC_TS_DEVICE            0x00001000
#define FILE_CHARACTERISTIC_WEBDAV_DEVICE        0x00002000
#define FILE_CHARACTERISTIC_CSV                  0x00010000
#define FILE_DEVICE_ALLOW_APPCONTAINER_TRAVERSAL 0x00020000
#define FILE_PORTABLE_DEVICE                     0x00040000

/* ---- Device types and I/O control codes -------------------------------- */

typedef ULONG DEVICE_TYPE;
#define FILE_DEVICE_BEEP                0x00000001
#define FILE_DEVICE_CD_ROM              0x00000002
#define FILE_DEVICE_CD_ROM_FILE_SYSTEM  0x00000003
#define FILE_DEVICE_CONTROLLER          0x00000004
#define FILE_DEVICE_DATALINK            0x00000005
#define FILE_DEVICE_DFS                 0x00000006
#define FILE_DEVICE_DISK                0x00000007
#define FILE_DEVICE_DISK_FILE_SYSTEM    0x00000008
#define FILE_DEVICE_FILE_SYSTEM         0x00000009
#define FILE_DEVICE_INPORT_PORT         0x0000000a
#define FILE_DEVICE_KEYBOARD            0x0000000b
#define FILE_DEVICE_MAILSLOT            0x0000000c
#define FILE_DEVICE_MIDI_IN             0x0000000d
#define FILE_DEVICE_MIDI_OUT            0x0000000e
#define FILE_DEVICE_MOUSE               0x0000000f
#define FILE_DEVICE_MULTI_UNC_PROVIDER  0x00000010
#define FILE_DEVICE_NAMED_PIPE          0x00000011
#define FILE_DEVICE_NETWORK             0x00000012
#define FILE_DEVICE_NETWORK_BROWSER     0x00000013
#define FILE_DEVICE_NETWORK_FILE_SYSTEM 0x00000014
#define FILE_DEVICE_NULL                0x00000015
#define FILE_DEVICE_PARALLEL_PORT       0x00000016
#define FILE_DEVICE_PHYSICAL_NETCARD    0x00000017
#define FILE_DEVICE_PRINTER             0x00000018
#define FILE_DEVICE_SCANNER             0x00000019
#define FILE_DEVICE_SERIAL_MOUSE_PORT   0x0000001a
#define FILE_DEVICE_SERIAL_PORT         0x0000001b
#define FILE_DEVICE_SCREEN              0x0000001c
#define FILE_DEVICE_SOUND               0x0000001d
#define FILE_DEVICE_STREAMS             0x0000001e
#define FILE_DEVICE_TAPE                0x0000001f
#define FILE_DEVICE_TAPE_FILE_SYSTEM    0x00000020
#define FILE_DEVICE_TRANSPORT           0x00000021
#define FILE_DEVICE_UNKNOWN             0x00000022
#define FILE_DEVICE_VIDEO               0x00000023
#define FILE_DEVICE_VIRTUAL_DISK        0x00000024
#define FILE_DEVICE_WAVE_IN             0x00000025
#define FILE_DEVICE_WAVE_OUT            0x00000026
#define FILE_DEVICE_8042_PORT           0x00000027
#define FILE_DEVICE_NETWORK_REDIRECTOR  0x00000028
#define FILE_DEVICE_BATTERY             0x00000029
#define FILE_DEVICE_BUS_EXTENDER        0x0000002a
#define FILE_DEVICE_MODEM               0x0000002b
#define FILE_DEVICE_VDM                 0x0000002c
#define FILE_DEVICE_MASS_STORAGE        0x0000002d
#define FILE_DEVICE_SMB                 0x0000002e
#define FILE_DEVICE_KS                  0x0000002f
#define FILE_DEVICE_CHANGER             0x00000030
#define FILE_DEVICE_SMARTCARD           0x00000031
#define FILE_DEVICE_ACPI                0x00000032
#define FILE_DEVICE_DVD                 0x00000033
#define FILE_DEVICE_FULLSCREEN_VIDEO    0x00000034
#define FILE_DEVICE_DFS_FILE_SYSTEM     0x00000035
#define FILE_DEVICE_DFS_VOLUME          0x00000036
#define FILE_DEVICE_SERENUM             0x00000037
#define FILE_DEVICE_TERMSRV             0x00000038
#define FILE_DEVICE_KSEC                0x00000039
#define FILE_DEVICE_FIPS                0x0000003A
#define FILE_DEVICE_INFINIBAND          0x0000003B
#define FILE_DEVICE_VMBUS               0x0000003E
#define FILE_DEVICE_CRYPT_PROVIDER      0x0000003F
#define FILE_DEVICE_WPD                 0x00000040
#define FILE_DEVICE_BLUETOOTH           0x00000041
#define FILE_DEVICE_MT_COMPOSITE        0x00000042
#define FILE_DEVICE_MT_TRANSPORT        0x00000043
#define FILE_DEVICE_BIOMETRIC           0x00000044
#define FILE_DEVICE_PMI                 0x00000045
#define FILE_DEVICE_EHSTOR              0x00000046
#define FILE_DEVICE_DEVAPI              0x00000047
#define FILE_DEVICE_GPIO                0x00000048
#define FILE_DEVICE_USBEX               0x00000049
#define FILE_DEVICE_CONSOLE             0x00000050
#define FILE_DEVICE_NFP                 0x00000051
#define FILE_DEVICE_SYSENV              0x00000052
#define FILE_DEVICE_VIRTUAL_BLOCK       0x00000053
#define FILE_DEVICE_POINT_OF_SERVICE    0x00000054
#define FILE_DEVICE_STORAGE_REPLICATION 0x00000055
#define FILE_DEVICE_TRUST_ENV           0x00000056
#define FILE_DEVICE_UCM                 0x00000057
#define FILE_DEVICE_UCMTCPCI            0x00000058
#define FILE_DEVICE_PERSISTENT_MEMORY   0x00000059
#define FILE_DEVICE_NVDIMM              0x0000005a
#define FILE_DEVICE_HOLOGRAPHIC         0x0000005b
#define FILE_DEVICE_SDFXHCI             0x0000005c

#define CTL_CODE(DeviceType, Function, Method, Access) \
	(((DeviceType) << 16) | ((Access) << 14) | ((Function) << 2) | (Method))
#define DEVICE_TYPE_FROM_CTL_CODE(ctrlCode) (((ULONG)(ctrlCode & 0xffff0000)) >> 16)
#define METHOD_FROM_CTL_CODE(ctrlCode)      ((ULONG)(ctrlCode & 3))
#define METHOD_BUFFERED                     0
#define METHOD_IN_DIRECT                    1
#define METHOD_OUT_DIRECT                   2
#define METHOD_NEITHER                      3
#define METHOD_DIRECT_TO_HARDWARE           METHOD_IN_DIRECT
#define METHOD_DIRECT_FROM_HARDWARE         METHOD_OUT_DIRECT
#define FILE_ANY_ACCESS                     0
#define FILE_SPECIAL_ACCESS                 (FILE_ANY_ACCESS)
#define FILE_READ_ACCESS                    (0x0001)
#define FILE_WRITE_ACCESS                   (0x0002)

/* ---- I/O status -------------------------------------------------------------- */

typedef struct _IO_STATUS_BLOCK {
	union {
		NTSTATUS Status;
		PVOID Pointer;
	};
	ULONG_PTR Information;
} IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;

typedef VOID NTAPI IO_APC_ROUTINE(_In_ PVOID ApcContext, _In_ PIO_STATUS_BLOCK IoStatusBlock,
				  _In_ ULONG Reserved);
typedef IO_APC_ROUTINE *PIO_APC_ROUTINE;

/* ---- Major and minor function codes ------------------------------------- */

#define IRP_MJ_CREATE                   0x00
#define IRP_MJ_CREATE_NAMED_PIPE        0x01
#define IRP_MJ_CLOSE                    0x02
#define IRP_MJ_READ                     0x03
#define IRP_MJ_WRITE                    0x04
#define IRP_MJ_QUERY_INFORMATION        0x05
#define IRP_MJ_SET_INFORMATION          0x06
#define IRP_MJ_QUERY_EA                 0x07
#define IRP_MJ_SET_EA                   0x08
#define IRP_MJ_FLUSH_BUFFERS            0x09
#define IRP_MJ_QUERY_VOLUME_INFORMATION 0x0a
#define IRP_MJ_SET_VOLUME_INFORMATION   0x0b
#define IRP_MJ_DIRECTORY_CONTROL        0x0c
#define IRP_MJ_FILE_SYSTEM_CONTROL      0x0d
#define IRP_MJ_DEVICE_CONTROL           0x0e
#define IRP_MJ_INTERNAL_DEVICE_CONTROL  0x0f
#define IRP_MJ_SHUTDOWN                 0x10
#define IRP_MJ_LOCK_CONTROL             0x11
#define IRP_MJ_CLEANUP                  0x12
#define IRP_MJ_CREATE_MAILSLOT          0x13
#define IRP_MJ_QUERY_SECURITY           0x14
#define IRP_MJ_SET_SECURITY             0x15
#define IRP_MJ_POWER                    0x16
#define IRP_MJ_SYSTEM_CONTROL           0x17
#define IRP_MJ_DEVICE_CHANGE            0x18
#define IRP_MJ_QUERY_QUOTA              0x19
#define IRP_MJ_SET_QUOTA                0x1a
#define IRP_MJ_PNP                      0x1b
#define IRP_MJ_PNP_POWER                IRP_MJ_PNP
#define IRP_MJ_MAXIMUM_FUNCTION         0x1b
#define IRP_MJ_SCSI                     IRP_MJ_INTERNAL_DEVICE_CONTROL

#define IRP_MN_SCSI_CLASS 0x01

#define IRP_MN_START_DEVICE                 0x00
#define IRP_MN_QUERY_REMOVE_DEVICE          0x01
#define IRP_MN_REMOVE_DEVICE                0x02
#define IRP_MN_CANCEL_REMOVE_DEVICE         0x03
#define IRP_MN_STOP_DEVICE                  0x04
#define IRP_MN_QUERY_STOP_DEVICE            0x05
#define IRP_MN_CANCEL_STOP_DEVICE           0x06
#define IRP_MN_QUERY_DEVICE_RELATIONS       0x07
#define IRP_MN_QUERY_INTERFACE              0x08
#define IRP_MN_QUERY_CAPABILITIES           0x09
#define IRP_MN_QUERY_RESOURCES              0x0A
#define IRP_MN_QUERY_RESOURCE_REQUIREMENTS  0x0B
#define IRP_MN_QUERY_DEVICE_TEXT            0x0C
#define IRP_MN_FILTER_RESOURCE_REQUIREMENTS 0x0D
#define IRP_MN_READ_CONFIG                  0x0F
#define IRP_MN_WRITE_CONFIG                 0x10
#define IRP_MN_EJECT                        0x11
#define IRP_MN_SET_LOCK                     0x12
#define IRP_MN_QUERY_ID                     0x13
#define IRP_MN_QUERY_PNP_DEVICE_STATE       0x14
#define IRP_MN_QUERY_BUS_INFORMATION        0x15
#define IRP_MN_DEVICE_USAGE_NOTIFICATION    0x16
#define IRP_MN_SURPRISE_REMOVAL             0x17
#define IRP_MN_DEVICE_ENUMERATED            0x19

#define IRP_MN_WAIT_WAKE      0x00
#define IRP_MN_POWER_SEQUENCE 0x01
#define IRP_MN_SET_POWER      0x02
#define IRP_MN_QUERY_POWER    0x03

#define IRP_MN_QUERY_ALL_DATA         0x00
#define IRP_MN_QUERY_SINGLE_INSTANCE  0x01
#define IRP_MN_CHANGE_SINGLE_INSTANCE 0x02
#define IRP_MN_CHANGE_SINGLE_ITEM     0x03
#define IRP_MN_ENABLE_EVENTS          0x04
#define IRP_MN_DISABLE_EVENTS         0x05
#define IRP_MN_ENABLE_COLLECTION      0x06
#define IRP_MN_DISABLE_COLLECTION     0x07
#define IRP_MN_REGINFO                0x08
#define IRP_MN_EXECUTE_METHOD         0x09
#define IRP_MN_REGINFO_EX             0x0b

/* IRP flags. */
#define IRP_NOCACHE                0x00000001
#define IRP_PAGING_IO              0x00000002
#define IRP_MOUNT_COMPLETION       0x00000002
#define IRP_SYNCHRONOUS_API        0x00000004
#define IRP_ASSOCIATED_IRP         0x00000008
#define IRP_BUFFERED_IO            0x00000010
#define IRP_DEALLOCATE_BUFFER      0x00000020
#define IRP_INPUT_OPERATION        0x00000040
#define IRP_SYNCHRONOUS_PAGING_IO  0x00000040
#define IRP_CREATE_OPERATION       0x00000080
#define IRP_READ_OPERATION         0x00000100
#define IRP_WRITE_OPERATION        0x00000200
#define IRP_CLOSE_OPERATION        0x00000400
#define IRP_DEFER_IO_COMPLETION    0x00000800
#define IRP_OB_QUERY_NAME          0x00001000
#define IRP_HOLD_DEVICE_QUEUE      0x00002000
#define IRP_UM_DRIVER_INITIATED_IO 0x00400000

/* Stack location flags. */
#define SL_PENDING_RETURNED                0x01
#define SL_ERROR_RETURNED                  0x02
#define SL_INVOKE_ON_CANCEL                0x20
#define SL_INVOKE_ON_SUCCESS               0x40
#define SL_INVOKE_ON_ERROR                 0x80
#define SL_FORCE_ACCESS_CHECK              0x01
#define SL_OPEN_PAGING_FILE                0x02
#define SL_OPEN_TARGET_DIRECTORY           0x04
#define SL_STOP_ON_SYMLINK                 0x08
#define SL_IGNORE_READONLY_ATTRIBUTE       0x40
#define SL_CASE_SENSITIVE                  0x80
#define SL_KEY_SPECIFIED                   0x01
#define SL_OVERRIDE_VERIFY_VOLUME          0x02
#define SL_WRITE_THROUGH                   0x04
#define SL_FT_SEQUENTIAL_WRITE             0x08
#define SL_FORCE_DIRECT_WRITE              0x10
#define SL_REALTIME_STREAM                 0x20
#define SL_PERSISTENT_MEMORY_FIXED_MAPPING 0x20
#define SL_BYPASS_IO                       0x40
#define SL_READ_ACCESS_GRANTED             0x01
#define SL_WRITE_ACCESS_GRANTED            0x04
#define SL_FAIL_IMMEDIATELY                0x01
#define SL_EXCLUSIVE_LOCK                  0x02
#define SL_RESTART_SCAN                    0x01
#define SL_RETURN_SINGLE_ENTRY             0x02
#define SL_INDEX_SPECIFIED                 0x04
#define SL_RETURN_ON_DISK_ENTRIES_ONLY     0x08
#define SL_NO_CURSOR_UPDATE                0x10
#define SL_QUERY_DIRECTORY_MASK            0x1b
#define SL_WATCH_TREE                      0x01
#define SL_ALLOW_RAW_MOUNT                 0x01
#define SL_BYPASS_ACCESS_CHECK             0x01
#define SL_INFO_FORCE_ACCESS_CHECK         0x01
#define SL_INFO_IGNORE_READONLY_ATTRIBUTE  0x40

/* File object flags. */
#define FO_FILE_OPEN                  0x00000001
#define FO_SYNCHRONOUS_IO             0x00000002
#define FO_ALERTABLE_IO               0x00000004
#define FO_NO_INTERMEDIATE_BUFFERING  0x00000008
#define FO_WRITE_THROUGH              0x00000010
#define FO_SEQUENTIAL_ONLY            0x00000020
#define FO_CACHE_SUPPORTED            0x00000040
#define FO_NAMED_PIPE                 0x00000080
#define FO_STREAM_FILE                0x00000100
#define FO_MAILSLOT                   0x00000200
#define FO_GENERATE_AUDIT_ON_CLOSE    0x00000400
#define FO_QUEUE_IRP_TO_THREAD        FO_GENERATE_AUDIT_ON_CLOSE
#define FO_DIRECT_DEVICE_OPEN         0x00000800
#define FO_FILE_MODIFIED              0x00001000
#define FO_FILE_SIZE_CHANGED          0x00002000
#define FO_CLEANUP_COMPLETE           0x00004000
#define FO_TEMPORARY_FILE             0x00008000
#define FO_DELETE_ON_CLOSE            0x00010000
#define FO_OPENED_CASE_SENSITIVE      0x00020000
#define FO_HANDLE_CREATED             0x00040000
#define FO_FILE_FAST_IO_READ          0x00080000
#define FO_RANDOM_ACCESS              0x00100000
#define FO_FILE_OPEN_CANCELLED        0x00200000
#define FO_VOLUME_OPEN                0x00400000
#define FO_BYPASS_IO_ENABLED          0x00800000
#define FO_REMOTE_ORIGIN              0x01000000
#define FO_DISALLOW_EXCLUSIVE         0x02000000
#define FO_SKIP_COMPLETION_PORT       FO_DISALLOW_EXCLUSIVE
#define FO_SKIP_SET_EVENT             0x04000000
#define FO_SKIP_SET_FAST_IO           0x08000000
#define FO_INDIRECT_WAIT_OBJECT       0x10000000
#define FO_SECTION_MINSTORE_TREATMENT 0x20000000

/* Device object flags. */
#define DO_VERIFY_VOLUME         0x00000002
#define DO_BUFFERED_IO           0x00000004
#define DO_EXCLUSIVE             0x00000008
#define DO_DIRECT_IO             0x00000010
#define DO_MAP_IO_BUFFER         0x00000020
#define DO_DEVICE_INITIALIZING   0x00000080
#define DO_SHUTDOWN_REGISTERED   0x00000800
#define DO_BUS_ENUMERATED_DEVICE 0x00001000
#define DO_POWER_PAGABLE         0x00002000
#define DO_POWER_INRUSH          0x00004000

#define IO_NO_INCREMENT         0
#define IO_CD_ROM_INCREMENT     1
#define IO_DISK_INCREMENT       1
#define IO_KEYBOARD_INCREMENT   6
#define IO_MAILSLOT_INCREMENT   2
#define IO_MOUSE_INCREMENT      6
#define IO_NAMED_PIPE_INCREMENT 2
#define IO_NETWORK_INCREMENT    2
#define IO_PARALLEL_INCREMENT   1
#define IO_SERIAL_INCREMENT     2
#define IO_SOUND_INCREMENT      8
#define IO_VIDEO_INCREMENT      1
#define EVENT_INCREMENT         1
#define SEMAPHORE_INCREMENT     1

#define IO_TYPE_ADAPTER                 0x00000001
#define IO_TYPE_CONTROLLER              0x00000002
#define IO_TYPE_DEVICE                  0x00000003
#define IO_TYPE_DRIVER                  0x00000004
#define IO_TYPE_FILE                    0x00000005
#define IO_TYPE_IRP                     0x00000006
#define IO_TYPE_MASTER_ADAPTER          0x00000007
#define IO_TYPE_OPEN_PACKET             0x00000008
#define IO_TYPE_TIMER                   0x00000009
#define IO_TYPE_VPB                     0x0000000a
#define IO_TYPE_ERROR_LOG               0x0000000b
#define IO_TYPE_ERROR_MESSAGE           0x0000000c
#define IO_TYPE_DEVICE_OBJECT_EXTENSION 0x0000000d

#define IO_FORCE_ACCESS_CHECK        0x0001
#define IO_NO_PARAMETER_CHECKING     0x0100
#define IO_REPARSE                   0x0
#define IO_REMOUNT                   0x1
#define IO_REPARSE_GLOBAL            0x2
#define IO_IGNORE_SHARE_ACCESS_CHECK 0x0800
#define IO_STOP_ON_SYMLINK           0x00000004
#define IO_MM_PAGING_FILE            0x00000010
#define IO_OPEN_PAGING_FILE          0x0002
#define IO_OPEN_TARGET_DIRECTORY     0x0004
#define IO_CHECK_CREATE_PARAMETERS   0x0200
#define IO_ATTACH_DEVICE             0x0400

/* ---- Processor modes, wait reasons, pool types -------------------------- */

typedef enum _MODE { KernelMode, UserMode, MaximumMode } MODE;

typedef enum _KWAIT_REASON {
	Executive,
	FreePage,
	PageIn,
	PoolAllocation,
	DelayExecution,
	Suspended,
	UserRequest,
	WrExecutive,
	WrFreePage,
	WrPageIn,
	WrPoolAllocation,
	WrDelayExecution,
	WrSuspended,
	WrUserRequest,
	WrSpare0,
	WrQueue,
	WrLpcReceive,
	WrLpcReply,
	WrVirtualMemory,
	WrPageOut,
	WrRendezvous,
	WrKeyedEvent,
	WrTerminated,
	WrProcessInSwap,
	WrCpuRateControl,
	WrCalloutStack,
	WrKernel,
	WrResource,
	WrPushLock,
	WrMutex,
	WrQuantumEnd,
	WrDispatchInt,
	WrPreempted,
	WrYieldExecution,
	WrFastMutex,
	WrGuardedMutex,
	WrRundown,
	WrAlertByThreadId,
	WrDeferredPreempt,
	WrPhysicalFault,
	WrIoRing,
	WrMdlCache,
	MaximumWaitReason
} KWAIT_REASON;

typedef enum _POOL_TYPE {
	NonPagedPool,
	NonPagedPoolExecute = NonPagedPool,
	PagedPool,
	NonPagedPoolMustSucceed = NonPagedPool + 2,
	DontUseThisType,
	NonPagedPoolCacheAligned = NonPagedPool + 4,
	PagedPoolCacheAligned,
	NonPagedPoolCacheAlignedMustS = NonPagedPool + 6,
	MaxPoolType,
	NonPagedPoolBase = 0,
	NonPagedPoolBaseMustSucceed = NonPagedPoolBase + 2,
	NonPagedPoolBaseCacheAligned = NonPagedPoolBase + 4,
	NonPagedPoolBaseCacheAlignedMustS = NonPagedPoolBase + 6,
	NonPagedPoolSession = 32,
	PagedPoolSession = NonPagedPoolSession + 1,
	NonPagedPoolMustSucceedSession = PagedPoolSession + 1,
	DontUseThisTypeSession = NonPagedPoolMustSucceedSession + 1,
	NonPagedPoolCacheAlignedSession = DontUseThisTypeSession + 1,
	PagedPoolCacheAlignedSession = NonPagedPoolCacheAlignedSession + 1,
	NonPagedPoolCacheAlignedMustSSession = PagedPoolCacheAlignedSession + 1,
	NonPagedPoolNx = 512,
	NonPagedPoolNxCacheAligned = NonPagedPoolNx + 4,
	NonPagedPoolSessionNx = NonPagedPoolNx + 32
} POOL_TYPE;

#define POOL_COLD_ALLOCATION             256
#define POOL_NX_ALLOCATION               512
#define POOL_ZERO_ALLOCATION             1024
#define POOL_QUOTA_FAIL_INSTEAD_OF_RAISE 8
#define POOL_RAISE_IF_ALLOCATION_FAILURE 16

typedef ULONG64 POOL_FLAGS;
#define POOL_FLAG_REQUIRED_START    0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA         0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED     0x0000000000000002ULL
#define POOL_FLAG_SESSION           0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED     0x0000000000000008ULL
#define POOL_FLAG_RESERVED1         0x0000000000000010ULL
#define POOL_FLAG_RAISE_ON_FAILURE  0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED         0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE 0x0000000000000080ULL
#define POOL_FLAG_PAGED             0x0000000000000100ULL
#define POOL_FLAG_RESERVED2         0x0000000000000200ULL
#define POOL_FLAG_RESERVED3         0x0000000000000400ULL
#define POOL_FLAG_REQUIRED_END      0x0000000080000000ULL
#define POOL_FLAG_OPTIONAL_START    0x0000000100000000ULL
#define POOL_FLAG_SPECIAL_POOL      0x0000000100000000ULL
#define POOL_FLAG_OPTIONAL_END      0x8000000000000000ULL

typedef enum _EX_POOL_PRIORITY {
	LowPoolPriority,
	LowPoolPrioritySpecialPoolOverrun = 8,
	LowPoolPrioritySpecialPoolUnderrun = 9,
	NormalPoolPriority = 16,
	NormalPoolPrioritySpecialPoolOverrun = 24,
	NormalPoolPrioritySpecialPoolUnderrun = 25,
	HighPoolPriority = 32,
	HighPoolPrioritySpecialPoolOverrun = 40,
	HighPoolPrioritySpecialPoolUnderrun = 41
} EX_POOL_PRIORITY;

typedef enum _POOL_EXTENDED_PARAMETER_TYPE {
	PoolExtendedParameterInvalidType = 0,
	PoolExtendedParameterPriority,
	PoolExtendedParameterSecurePool,
	PoolExtendedParameterNumaNode,
	PoolExtendedParameterMax
} POOL_EXTENDED_PARAMETER_TYPE;

typedef struct _POOL_EXTENDED_PARAMETER {
	ULONG64 Type : 8;
	ULONG64 Optional : 1;
	ULONG64 Reserved : 55;
	union {
		ULONG64 Reserved2;
		PVOID Reserved3;
		EX_POOL_PRIORITY Priority;
		PVOID SecurePoolParams;
		ULONG PreferredNode;
	};
} POOL_EXTENDED_PARAMETER, *PPOOL_EXTENDED_PARAMETER;
typedef const POOL_EXTENDED_PARAMETER *PCPOOL_EXTENDED_PARAMETER;

_IRQL_requires_max_(DISPATCH_LEVEL) NTKERNELAPI PVOID NTAPI
	ExAllocatePoolWithTag(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePool(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes);
NTKERNELAPI PVOID NTAPI ExAllocatePoolWithQuotaTag(_In_ POOL_TYPE PoolType,
						   _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePoolWithTagPriority(_In_ POOL_TYPE PoolType,
						      _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag,
						      _In_ EX_POOL_PRIORITY Priority);
NTKERNELAPI PVOID NTAPI ExAllocatePool2(_In_ POOL_FLAGS Flags, _In_ SIZE_T NumberOfBytes,
					_In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePool3(_In_ POOL_FLAGS Flags, _In_ SIZE_T NumberOfBytes,
					_In_ ULONG Tag,
					_In_reads_opt_(ExtendedParametersCount)
						PCPOOL_EXTENDED_PARAMETER ExtendedParameters,
					_In_ ULONG ExtendedParametersCount);
NTKERNELAPI PVOID NTAPI ExAllocatePoolZero(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes,
					   _In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePoolUninitialized(_In_ POOL_TYPE PoolType,
						    _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePoolQuotaZero(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes,
						_In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePoolQuotaUninitialized(_In_ POOL_TYPE PoolType,
							 _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePoolPriorityZero(_In_ POOL_TYPE PoolType,
						   _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag,
						   _In_ EX_POOL_PRIORITY Priority);
_IRQL_requires_max_(DISPATCH_LEVEL) NTKERNELAPI VOID NTAPI
	ExFreePoolWithTag(_Pre_notnull_ PVOID P, _In_ ULONG Tag);
_IRQL_requires_max_(DISPATCH_LEVEL) NTKERNELAPI VOID NTAPI ExFreePool(_Pre_notnull_ PVOID P);
NTKERNELAPI VOID NTAPI ExFreePool2(_Pre_notnull_ PVOID P, _In_ ULONG Tag,
				   _In_reads_opt_(ExtendedParametersCount)
					   PCPOOL_EXTENDED_PARAMETER ExtendedParameters,
				   _In_ ULONG ExtendedParametersCount);

/* Run-time driver options (POOL_NX_OPTIN). */
#define DrvRtPoolNxOptIn 0x00000001
NTKERNELAPI VOID NTAPI ExInitializeDriverRuntime(_In_ ULONG RuntimeFlags);
extern POOL_TYPE ExDefaultNonPagedPoolType;
extern ULONG ExDefaultMdlProtection;

/* ---- Doubly and singly linked lists --------------------------------------- */

FORCEINLINE VOID InitializeListHead(_Out_ PLIST_ENTRY ListHead)
{
	ListHead->Flink = ListHead->Blink = ListHead;
}

_Must_inspect_result_ FORCEINLINE BOOLEAN IsListEmpty(_In_ const LIST_ENTRY *ListHead)
{
	return (BOOLEAN)(ListHead->Flink == ListHead);
}

FORCEINLINE BOOLEAN RemoveEntryList(_In_ PLIST_ENTRY Entry)
{
	PLIST_ENTRY next = Entry->Flink;
	PLIST_ENTRY prev = Entry->Blink;

	prev->Flink = next;
	next->Blink = prev;
	return (BOOLEAN)(next == prev);
}

FORCEINLINE PLIST_ENTRY RemoveHeadList(_Inout_ PLIST_ENTRY ListHead)
{
	PLIST_ENTRY first = ListHead->Flink;

	RemoveEntryList(first);
	return first;
}

FORCEINLINE PLIST_ENTRY RemoveTailList(_Inout_ PLIST_ENTRY ListHead)
{
	PLIST_ENTRY last = ListHead->Blink;

	RemoveEntryList(last);
	return last;
}

FORCEINLINE VOID InsertTailList(_Inout_ PLIST_ENTRY ListHead, _Out_ PLIST_ENTRY Entry)
{
	PLIST_ENTRY last = ListHead->Blink;

	Entry->Flink = ListHead;
	Entry->Blink = last;
	last->Flink = Entry;
	ListHead->Blink = Entry;
}

FORCEINLINE VOID InsertHeadList(_Inout_ PLIST_ENTRY ListHead, _Out_ PLIST_ENTRY Entry)
{
	PLIST_ENTRY first = ListHead->Flink;

	Entry->Flink = first;
	Entry->Blink = ListHead;
	first->Blink = Entry;
	ListHead->Flink = Entry;
}

FORCEINLINE VOID AppendTailList(_Inout_ PLIST_ENTRY ListHead, _Inout_ PLIST_ENTRY ListToAppend)
{
	PLIST_ENTRY last = ListHead->Blink;

	ListHead->Blink->Flink = ListToAppend;
	ListHead->Blink = ListToAppend->Blink;
	ListToAppend->Blink->Flink = ListHead;
	ListToAppend->Blink = last;
}

FORCEINLINE PSINGLE_LIST_ENTRY PopEntryList(_Inout_ PSINGLE_LIST_ENTRY ListHead)
{
	PSINGLE_LIST_ENTRY first = ListHead->Next;

	if (first != NULL)
		ListHead->Next = first->Next;
	return first;
}

FORCEINLINE VOID PushEntryList(_Inout_ PSINGLE_LIST_ENTRY ListHead,
			       _Inout_ PSINGLE_LIST_ENTRY Entry)
{
	Entry->Next = ListHead->Next;
	ListHead->Next = Entry;
}

typedef union DECLSPEC_ALIGN(16) _SLIST_HEADER {
	struct {
		ULONGLONG Alignment;
		ULONGLONG Region;
	};
	struct {
		ULONGLONG Depth : 16;
		ULONGLONG Sequence : 48;
		ULONGLONG Reserved : 4;
		ULONGLONG NextEntry : 60;
	} HeaderX64;
} SLIST_HEADER, *PSLIST_HEADER;

typedef struct DECLSPEC_ALIGN(16) _SLIST_ENTRY {
	struct _SLIST_ENTRY *Next;
} SLIST_ENTRY, *PSLIST_ENTRY;

NTKERNELAPI VOID NTAPI InitializeSListHead(_Out_ PSLIST_HEADER SListHead);
#define ExInitializeSListHead InitializeSListHead
NTKERNELAPI PSLIST_ENTRY NTAPI ExpInterlockedPopEntrySList(_Inout_ PSLIST_HEADER ListHead);
NTKERNELAPI PSLIST_ENTRY NTAPI ExpInterlockedPushEntrySList(_Inout_ PSLIST_HEADER ListHead,
							    _Inout_ PSLIST_ENTRY ListEntry);
NTKERNELAPI PSLIST_ENTRY NTAPI ExpInterlockedFlushSList(_Inout_ PSLIST_HEADER ListHead);
#define ExInterlockedPopEntrySList(Head, Lock)         ExpInterlockedPopEntrySList(Head)
#define ExInterlockedPushEntrySList(Head, Entry, Lock) ExpInterlockedPushEntrySList(Head, Entry)
#define ExInterlockedFlushSList(Head)                  ExpInterlockedFlushSList(Head)
#define InterlockedPopEntrySList(Head)                 ExpInterlockedPopEntrySList(Head)
#define InterlockedPushEntrySList(Head, Entry)         ExpInterlockedPushEntrySList(Head, Entry)
#define InterlockedFlushSList(Head)                    ExpInterlockedFlushSList(Head)
NTKERNELAPI USHORT NTAPI ExQueryDepthSList(_In_ PSLIST_HEADER SListHead);
#define QueryDepthSList(Head) ExQueryDepthSList(Head)

NTKERNELAPI PLIST_ENTRY FASTCALL ExInterlockedInsertHeadList(_Inout_ PLIST_ENTRY ListHead,
							     _Inout_ PLIST_ENTRY ListEntry,
							     _Inout_ PKSPIN_LOCK Lock);
NTKERNELAPI PLIST_ENTRY FASTCALL ExInterlockedInsertTailList(_Inout_ PLIST_ENTRY ListHead,
							     _Inout_ PLIST_ENTRY ListEntry,
							     _Inout_ PKSPIN_LOCK Lock);
NTKERNELAPI PLIST_ENTRY FASTCALL ExInterlockedRemoveHeadList(_Inout_ PLIST_ENTRY ListHead,
							     _Inout_ PKSPIN_LOCK Lock);
NTKERNELAPI PSINGLE_LIST_ENTRY FASTCALL
ExInterlockedPopEntryList(_Inout_ PSINGLE_LIST_ENTRY ListHead, _Inout_ PKSPIN_LOCK Lock);
NTKERNELAPI PSINGLE_LIST_ENTRY FASTCALL
ExInterlockedPushEntryList(_Inout_ PSINGLE_LIST_ENTRY ListHead,
			   _Inout_ PSINGLE_LIST_ENTRY ListEntry, _Inout_ PKSPIN_LOCK Lock);

/* ---- Interlocked operations (compiler intrinsics) -------------------------- */

#define InterlockedIncrement                            _InterlockedIncrement
#define InterlockedDecrement                            _InterlockedDecrement
#define InterlockedIncrement16                          _InterlockedIncrement16
#define InterlockedDecrement16                          _InterlockedDecrement16
#define InterlockedIncrement64                          _InterlockedIncrement64
#define InterlockedDecrement64                          _InterlockedDecrement64
#define InterlockedExchange                             _InterlockedExchange
#define InterlockedExchange8                            _InterlockedExchange8
#define InterlockedExchange16                           _InterlockedExchange16
#define InterlockedExchange64                           _InterlockedExchange64
#define InterlockedExchangeAdd                          _InterlockedExchangeAdd
#define InterlockedExchangeAdd8                         _InterlockedExchangeAdd8
#define InterlockedExchangeAdd16                        _InterlockedExchangeAdd16
#define InterlockedExchangeAdd64                        _InterlockedExchangeAdd64
#define InterlockedAdd(Target, Value)                   (_InterlockedExchangeAdd((Target), (Value)) + (Value))
#define InterlockedAdd64(Target, Value)                 (_InterlockedExchangeAdd64((Target), (Value)) + (Value))
#define InterlockedCompareExchange                      _InterlockedCompareExchange
#define InterlockedCompareExchange8                     _InterlockedCompareExchange8
#define InterlockedCompareExchange16                    _InterlockedCompareExchange16
#define InterlockedCompareExchange64                    _InterlockedCompareExchange64
#define InterlockedCompareExchangePointer               _InterlockedCompareExchangePointer
#define InterlockedExchangePointer                      _InterlockedExchangePointer
#define InterlockedOr                                   _InterlockedOr
#define InterlockedOr8                                  _InterlockedOr8
#define InterlockedOr16                                 _InterlockedOr16
#define InterlockedOr64                                 _InterlockedOr64
#define InterlockedAnd                                  _InterlockedAnd
#define InterlockedAnd8                                 _InterlockedAnd8
#define InterlockedAnd16                                _InterlockedAnd16
#define InterlockedAnd64                                _InterlockedAnd64
#define InterlockedXor                                  _InterlockedXor
#define InterlockedXor8                                 _InterlockedXor8
#define InterlockedXor16                                _InterlockedXor16
#define InterlockedXor64                                _InterlockedXor64
#define InterlockedIncrementAcquire                     InterlockedIncrement
#define InterlockedIncrementRelease                     InterlockedIncrement
#define InterlockedIncrementNoFence                     InterlockedIncrement
#define InterlockedDecrementAcquire                     InterlockedDecrement
#define InterlockedDecrementRelease                     InterlockedDecrement
#define InterlockedDecrementNoFence                     InterlockedDecrement
#define InterlockedCompareExchangeAcquire               InterlockedCompareExchange
#define InterlockedCompareExchangeRelease               InterlockedCompareExchange
#define InterlockedCompareExchangeNoFence               InterlockedCompareExchange
#define InterlockedExchangeAcquire                      InterlockedExchange
#define InterlockedExchangeNoFence                      InterlockedExchange
#define InterlockedOrAcquire                            InterlockedOr
#define InterlockedOrRelease                            InterlockedOr
#define InterlockedOrNoFence                            InterlockedOr
#define InterlockedAndAcquire                           InterlockedAnd
#define InterlockedAndRelease                           InterlockedAnd
#define InterlockedAndNoFence                           InterlockedAnd
#define InterlockedCompareExchangePointerAcquire        InterlockedCompareExchangePointer
#define InterlockedCompareExchangePointerRelease        InterlockedCompareExchangePointer
#define InterlockedCompareExchangePointerNoFence        InterlockedCompareExchangePointer
#define InterlockedExchangePointerAcquire               InterlockedExchangePointer
#define InterlockedExchangePointerNoFence               InterlockedExchangePointer
#define ReadNoFence(p)                                  (*(volatile const LONG *)(p))
#define ReadAcquire(p)                                  (*(volatile const LONG *)(p))
#define WriteNoFence(p, v)                              ((void)(*(volatile LONG *)(p) = (v)))
#define WriteRelease(p, v)                              ((void)(*(volatile LONG *)(p) = (v)))
#define ReadPointerAcquire(p)                           (*(PVOID volatile const *)(p))
#define ReadPointerNoFence(p)                           (*(PVOID volatile const *)(p))
#define WritePointerRelease(p, v)                       ((void)(*(PVOID volatile *)(p) = (v)))
#define WritePointerNoFence(p, v)                       ((void)(*(PVOID volatile *)(p) = (v)))
#define ReadBooleanAcquire(p)                           (*(volatile const BOOLEAN *)(p))
#define WriteBooleanRelease(p, v)                       ((void)(*(volatile BOOLEAN *)(p) = (v)))
#define RtlInterlockedSetBits(Flags, Flag)              InterlockedOr((PLONG)(Flags), (LONG)(Flag))
#define RtlInterlockedAndBits(Flags, Flag)              InterlockedAnd((PLONG)(Flags), (LONG)(Flag))
#define RtlInterlockedClearBits(Flags, Flag)            RtlInterlockedAndBits(Flags, ~(Flag))
#define RtlInterlockedXorBits(Flags, Flag)              InterlockedXor(Flags, Flag)
#define RtlInterlockedSetBitsDiscardReturn(Flags, Flag) (VOID) RtlInterlockedSetBits(Flags, Flag)
#define RtlInterlockedClearBitsDiscardReturn(Flags, Flag) \
	(VOID) RtlInterlockedClearBits(Flags, Flag)
#define RtlInterlockedSetClearBits(Flags, sFlag, cFlag) \
	(RtlInterlockedClearBits(Flags, cFlag), RtlInterlockedSetBits(Flags, sFlag))

NTKERNELAPI VOID NTAPI KeMemoryBarrier(VOID);
#define KeMemoryBarrierWithoutFence() _ReadWriteBarrier()
#define YieldProcessor()              ((void)0)
#define MemoryBarrier                 KeMemoryBarrier
#define FastFence()                   ((void)0)

NTKERNELAPI LARGE_INTEGER NTAPI ExInterlockedAddLargeInteger(_Inout_ PLARGE_INTEGER Addend,
							     _In_ LARGE_INTEGER Increment,
							     _Inout_ PKSPIN_LOCK Lock);
NTKERNELAPI ULONG FASTCALL ExInterlockedAddUlong(_Inout_ PULONG Addend, _In_ ULONG Increment,
						 _Inout_ PKSPIN_LOCK Lock);

/* ---- Dispatcher objects and kernel synchronization ------------------------- */

typedef struct _DISPATCHER_HEADER {
	union {
		struct {
			UCHAR Type;
			UCHAR Signalling;
			UCHAR Size;
			UCHAR Reserved1;
		};
		volatile LONG Lock;
		LONG LockNV;
	};
	LONG SignalState;
	LIST_ENTRY WaitListHead;
} DISPATCHER_HEADER, *PDISPATCHER_HEADER;

typedef struct _KEVENT {
	DISPATCHER_HEADER Header;
} KEVENT, *PKEVENT, *PRKEVENT;

typedef struct _KSEMAPHORE {
	DISPATCHER_HEADER Header;
	LONG Limit;
} KSEMAPHORE, *PKSEMAPHORE, *PRKSEMAPHORE;

typedef struct _KTHREAD *PKTHREAD, *PRKTHREAD;
typedef struct _ETHREAD *PETHREAD;
typedef struct _KPROCESS *PKPROCESS, *PRKPROCESS;
typedef struct _EPROCESS *PEPROCESS;
typedef struct _KAPC_STATE {
	LIST_ENTRY ApcListHead[2];
	PKPROCESS Process;
	UCHAR InProgressFlags;
	BOOLEAN KernelApcPending;
	BOOLEAN UserApcPending;
} KAPC_STATE, *PKAPC_STATE, *PRKAPC_STATE;

typedef struct _KMUTANT {
	DISPATCHER_HEADER Header;
	LIST_ENTRY MutantListEntry;
	struct _KTHREAD *OwnerThread;
	BOOLEAN Abandoned;
	UCHAR ApcDisable;
} KMUTANT, *PKMUTANT, *PRKMUTANT, KMUTEX, *PKMUTEX, *PRKMUTEX;

typedef struct _KWAIT_BLOCK {
	LIST_ENTRY WaitListEntry;
	UCHAR WaitType;
	volatile UCHAR BlockState;
	USHORT WaitKey;
	LONG SpareLong;
	PVOID Object;
	PVOID SparePtr;
} KWAIT_BLOCK, *PKWAIT_BLOCK, *PRKWAIT_BLOCK;

typedef struct _KDPC *PKDPC, *PRKDPC;
typedef VOID NTAPI KDEFERRED_ROUTINE(_In_ struct _KDPC *Dpc, _In_opt_ PVOID DeferredContext,
				     _In_opt_ PVOID SystemArgument1,
				     _In_opt_ PVOID SystemArgument2);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;

typedef struct _KDPC {
	union {
		ULONG TargetInfoAsUlong;
		struct {
			UCHAR Type;
			UCHAR Importance;
			volatile USHORT Number;
		};
	};
	SINGLE_LIST_ENTRY DpcListEntry;
	KAFFINITY ProcessorHistory;
	PKDEFERRED_ROUTINE DeferredRoutine;
	PVOID DeferredContext;
	PVOID SystemArgument1;
	PVOID SystemArgument2;
	__volatile PVOID DpcData;
} KDPC;

typedef struct _KTIMER {
	DISPATCHER_HEADER Header;
	ULARGE_INTEGER DueTime;
	LIST_ENTRY TimerListEntry;
	struct _KDPC *Dpc;
	ULONG Processor;
	ULONG Period;
} KTIMER, *PKTIMER, *PRKTIMER;

typedef struct _KAPC {
	UCHAR Type;
	UCHAR AllFlags;
	UCHAR Size;
	UCHAR SpareByte1;
	ULONG SpareLong0;
	struct _KTHREAD *Thread;
	LIST_ENTRY ApcListEntry;
	PVOID Reserved[3];
	PVOID NormalContext;
	PVOID SystemArgument1;
	PVOID SystemArgument2;
	CCHAR ApcStateIndex;
	KPROCESSOR_MODE ApcMode;
	BOOLEAN Inserted;
} KAPC, *PKAPC, *PRKAPC;

typedef struct _KLOCK_QUEUE_HANDLE {
	struct {
		PVOID Next;
		PKSPIN_LOCK Lock;
	} LockQueue;
	KIRQL OldIrql;
} KLOCK_QUEUE_HANDLE, *PKLOCK_QUEUE_HANDLE;

typedef struct _FAST_MUTEX {
	LONG Count;
	PVOID Owner;
	ULONG Contention;
	KEVENT Event;
	ULONG OldIrql;
} FAST_MUTEX, *PFAST_MUTEX, KGUARDED_MUTEX, *PKGUARDED_MUTEX;

typedef struct _OWNER_ENTRY {
	ERESOURCE_THREAD OwnerThread;
	union {
		ULONG TableSize;
		ULONG OwnerCount;
	};
} OWNER_ENTRY, *POWNER_ENTRY;

typedef struct _ERESOURCE {
	LIST_ENTRY SystemResourcesList;
	POWNER_ENTRY OwnerTable;
	SHORT ActiveCount;
	USHORT Flag;
	PKSEMAPHORE SharedWaiters;
	PKEVENT ExclusiveWaiters;
	OWNER_ENTRY OwnerEntry;
	ULONG ActiveEntries;
	ULONG ContentionCount;
	ULONG NumberOfSharedWaiters;
	ULONG NumberOfExclusiveWaiters;
	PVOID Reserved2;
	PVOID Address;
	KSPIN_LOCK SpinLock;
} ERESOURCE, *PERESOURCE;

typedef ULONG_PTR EX_PUSH_LOCK, *PEX_PUSH_LOCK;

typedef struct _EX_RUNDOWN_REF {
	union {
		ULONG_PTR Count;
		PVOID Ptr;
	};
} EX_RUNDOWN_REF, *PEX_RUNDOWN_REF;

typedef struct _EX_SPIN_LOCK_ALIGNED {
	volatile LONG Lock;
} EX_SPIN_LOCK_ALIGNED;
typedef volatile LONG EX_SPIN_LOCK, *PEX_SPIN_LOCK;

/* Spin locks. */
NTKERNELAPI VOID NTAPI KeInitializeSpinLock(_Out_ PKSPIN_LOCK SpinLock);
NTKERNELAPI KIRQL NTAPI KeAcquireSpinLockRaiseToDpc(_Inout_ PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI KeReleaseSpinLock(_Inout_ PKSPIN_LOCK SpinLock, _In_ KIRQL NewIrql);
#define KeAcquireSpinLock(SpinLock, OldIrql) *(OldIrql) = KeAcquireSpinLockRaiseToDpc(SpinLock)
NTKERNELAPI VOID NTAPI KeAcquireSpinLockAtDpcLevel(_Inout_ PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI KeReleaseSpinLockFromDpcLevel(_Inout_ PKSPIN_LOCK SpinLock);
NTKERNELAPI BOOLEAN FASTCALL KeTryToAcquireSpinLockAtDpcLevel(_Inout_ PKSPIN_LOCK SpinLock);
NTKERNELAPI BOOLEAN NTAPI KeTestSpinLock(_In_ PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID FASTCALL KeAcquireInStackQueuedSpinLock(_Inout_ PKSPIN_LOCK SpinLock,
							 _Out_ PKLOCK_QUEUE_HANDLE LockHandle);
NTKERNELAPI VOID FASTCALL KeReleaseInStackQueuedSpinLock(_In_ PKLOCK_QUEUE_HANDLE LockHandle);
NTKERNELAPI VOID FASTCALL KeAcquireInStackQueuedSpinLockAtDpcLevel(
	_Inout_ PKSPIN_LOCK SpinLock, _Out_ PKLOCK_QUEUE_HANDLE LockHandle);
NTKERNELAPI VOID FASTCALL
KeReleaseInStackQueuedSpinLockFromDpcLevel(_In_ PKLOCK_QUEUE_HANDLE LockHandle);
NTKERNELAPI KIRQL NTAPI ExAcquireSpinLockShared(_Inout_ PEX_SPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI ExReleaseSpinLockShared(_Inout_ PEX_SPIN_LOCK SpinLock, _In_ KIRQL OldIrql);
NTKERNELAPI KIRQL NTAPI ExAcquireSpinLockExclusive(_Inout_ PEX_SPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI ExReleaseSpinLockExclusive(_Inout_ PEX_SPIN_LOCK SpinLock,
						  _In_ KIRQL OldIrql);
NTKERNELAPI VOID NTAPI IoAcquireCancelSpinLock(_Out_ PKIRQL Irql);
NTKERNELAPI VOID NTAPI IoReleaseCancelSpinLock(_In_ KIRQL Irql);

/* Events, semaphores, mutexes, timers, DPCs. */
NTKERNELAPI VOID NTAPI KeInitializeEvent(_Out_ PRKEVENT Event, _In_ EVENT_TYPE Type,
					 _In_ BOOLEAN State);
NTKERNELAPI LONG NTAPI KeSetEvent(_Inout_ PRKEVENT Event, _In_ KPRIORITY Increment,
				  _In_ BOOLEAN Wait);
NTKERNELAPI LONG NTAPI KeResetEvent(_Inout_ PRKEVENT Event);
NTKERNELAPI VOID NTAPI KeClearEvent(_Inout_ PRKEVENT Event);
NTKERNELAPI LONG NTAPI KeReadStateEvent(_In_ PRKEVENT Event);
NTKERNELAPI VOID NTAPI KeInitializeSemaphore(_Out_ PRKSEMAPHORE Semaphore, _In_ LONG Count,
					     _In_ LONG Limit);
NTKERNELAPI LONG NTAPI KeReleaseSemaphore(_Inout_ PRKSEMAPHORE Semaphore, _In_ KPRIORITY Increment,
					  _In_ LONG Adjustment, _In_ BOOLEAN Wait);
NTKERNELAPI LONG NTAPI KeReadStateSemaphore(_In_ PRKSEMAPHORE Semaphore);
NTKERNELAPI VOID NTAPI KeInitializeMutex(_Out_ PRKMUTEX Mutex, _In_ ULONG Level);
NTKERNELAPI LONG NTAPI KeReleaseMutex(_Inout_ PRKMUTEX Mutex, _In_ BOOLEAN Wait);
NTKERNELAPI LONG NTAPI KeReadStateMutex(_In_ PRKMUTEX Mutex);
NTKERNELAPI NTSTATUS NTAPI KeWaitForSingleObject(_In_ PVOID Object, _In_ KWAIT_REASON WaitReason,
						 _In_ KPROCESSOR_MODE WaitMode,
						 _In_ BOOLEAN Alertable,
						 _In_opt_ PLARGE_INTEGER Timeout);
#define KeWaitForMutexObject KeWaitForSingleObject
NTKERNELAPI NTSTATUS NTAPI KeWaitForMultipleObjects(
	_In_ ULONG Count, _In_ PVOID Object[], _In_ WAIT_TYPE WaitType,
	_In_ KWAIT_REASON WaitReason, _In_ KPROCESSOR_MODE WaitMode, _In_ BOOLEAN Alertable,
	_In_opt_ PLARGE_INTEGER Timeout, _Out_opt_ PKWAIT_BLOCK WaitBlockArray);
#define THREAD_WAIT_OBJECTS  3
#define MAXIMUM_WAIT_OBJECTS 64
NTKERNELAPI NTSTATUS NTAPI KeDelayExecutionThread(_In_ KPROCESSOR_MODE WaitMode,
						  _In_ BOOLEAN Alertable,
						  _In_ PLARGE_INTEGER Interval);
NTKERNELAPI VOID NTAPI KeInitializeTimer(_Out_ PKTIMER Timer);
NTKERNELAPI VOID NTAPI KeInitializeTimerEx(_Out_ PKTIMER Timer, _In_ TIMER_TYPE Type);
NTKERNELAPI BOOLEAN NTAPI KeSetTimer(_Inout_ PKTIMER Timer, _In_ LARGE_INTEGER DueTime,
				     _In_opt_ PKDPC Dpc);
NTKERNELAPI BOOLEAN NTAPI KeSetTimerEx(_Inout_ PKTIMER Timer, _In_ LARGE_INTEGER DueTime,
				       _In_ LONG Period, _In_opt_ PKDPC Dpc);
NTKERNELAPI BOOLEAN NTAPI KeCancelTimer(_Inout_ PKTIMER Timer);
NTKERNELAPI BOOLEAN NTAPI KeReadStateTimer(_In_ PKTIMER Timer);
NTKERNELAPI VOID NTAPI KeInitializeDpc(_Out_ PRKDPC Dpc, _In_ PKDEFERRED_ROUTINE DeferredRoutine,
				       _In_opt_ PVOID DeferredContext);
NTKERNELAPI BOOLEAN NTAPI KeInsertQueueDpc(_Inout_ PRKDPC Dpc, _In_opt_ PVOID SystemArgument1,
					   _In_opt_ PVOID SystemArgument2);
NTKERNELAPI BOOLEAN NTAPI KeRemoveQueueDpc(_Inout_ PRKDPC Dpc);
NTKERNELAPI VOID NTAPI KeFlushQueuedDpcs(VOID);
NTKERNELAPI VOID NTAPI KeStallExecutionProcessor(_In_ ULONG MicroSeconds);

/* Fast and guarded mutexes. */
NTKERNELAPI VOID NTAPI ExInitializeFastMutex(_Out_ PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExAcquireFastMutex(_Inout_ PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExReleaseFastMutex(_Inout_ PFAST_MUTEX FastMutex);
NTKERNELAPI BOOLEAN FASTCALL ExTryToAcquireFastMutex(_Inout_ PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExAcquireFastMutexUnsafe(_Inout_ PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExReleaseFastMutexUnsafe(_Inout_ PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL KeInitializeGuardedMutex(_Out_ PKGUARDED_MUTEX Mutex);
NTKERNELAPI VOID FASTCALL KeAcquireGuardedMutex(_Inout_ PKGUARDED_MUTEX Mutex);
NTKERNELAPI VOID FASTCALL KeReleaseGuardedMutex(_Inout_ PKGUARDED_MUTEX Mutex);
NTKERNELAPI BOOLEAN FASTCALL KeTryToAcquireGuardedMutex(_Inout_ PKGUARDED_MUTEX Mutex);
NTKERNELAPI VOID FASTCALL KeAcquireGuardedMutexUnsafe(_Inout_ PKGUARDED_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL KeReleaseGuardedMutexUnsafe(_Inout_ PKGUARDED_MUTEX FastMutex);

/* Critical and guarded regions. */
NTKERNELAPI VOID NTAPI KeEnterCriticalRegion(VOID);
NTKERNELAPI VOID NTAPI KeLeaveCriticalRegion(VOID);
NTKERNELAPI VOID NTAPI KeEnterGuardedRegion(VOID);
NTKERNELAPI VOID NTAPI KeLeaveGuardedRegion(VOID);
NTKERNELAPI BOOLEAN NTAPI KeAreApcsDisabled(VOID);
NTKERNELAPI BOOLEAN NTAPI KeAreAllApcsDisabled(VOID);

/* Executive resources. */
NTKERNELAPI NTSTATUS NTAPI ExInitializeResourceLite(_Out_ PERESOURCE Resource);
NTKERNELAPI NTSTATUS NTAPI ExReinitializeResourceLite(_Inout_ PERESOURCE Resource);
NTKERNELAPI NTSTATUS NTAPI ExDeleteResourceLite(_Inout_ PERESOURCE Resource);
NTKERNELAPI BOOLEAN NTAPI ExAcquireResourceExclusiveLite(_Inout_ PERESOURCE Resource,
							 _In_ BOOLEAN Wait);
NTKERNELAPI BOOLEAN NTAPI ExAcquireResourceSharedLite(_Inout_ PERESOURCE Resource,
						      _In_ BOOLEAN Wait);
NTKERNELAPI BOOLEAN NTAPI ExAcquireSharedStarveExclusive(_Inout_ PERESOURCE Resource,
							 _In_ BOOLEAN Wait);
NTKERNELAPI BOOLEAN NTAPI ExAcquireSharedWaitForExclusive(_Inout_ PERESOURCE Resource,
							  _In_ BOOLEAN Wait);
NTKERNELAPI PVOID NTAPI
ExEnterCriticalRegionAndAcquireResourceExclusive(_Inout_ PERESOURCE Resource);
NTKERNELAPI PVOID NTAPI ExEnterCriticalRegionAndAcquireResourceShared(_Inout_ PERESOURCE Resource);
NTKERNELAPI VOID FASTCALL ExReleaseResourceAndLeaveCriticalRegion(_Inout_ PERESOURCE Resource);
NTKERNELAPI VOID FASTCALL ExReleaseResourceLite(_Inout_ PERESOURCE Resource);
#define ExReleaseResource(R) (ExReleaseResourceLite(R))
NTKERNELAPI VOID NTAPI ExReleaseResourceForThreadLite(_Inout_ PERESOURCE Resource,
						      _In_ ERESOURCE_THREAD ResourceThreadId);
NTKERNELAPI VOID NTAPI ExConvertExclusiveToSharedLite(_Inout_ PERESOURCE Resource);
NTKERNELAPI BOOLEAN NTAPI ExIsResourceAcquiredExclusiveLite(_In_ PERESOURCE Resource);
NTKERNELAPI ULONG NTAPI ExIsResourceAcquiredSharedLite(_In_ PERESOURCE Resource);
#define ExIsResourceAcquiredLite ExIsResourceAcquiredSharedLite
NTKERNELAPI ULONG NTAPI ExGetExclusiveWaiterCount(_In_ PERESOURCE Resource);
NTKERNELAPI ULONG NTAPI ExGetSharedWaiterCount(_In_ PERESOURCE Resource);
NTKERNELAPI ERESOURCE_THREAD NTAPI ExGetCurrentResourceThread(VOID);

/* Push locks (the Ex routines; filters normally use FltAcquirePushLock*). */
NTKERNELAPI VOID NTAPI ExInitializePushLock(_Out_ PEX_PUSH_LOCK PushLock);
NTKERNELAPI VOID FASTCALL ExAcquirePushLockExclusiveEx(_Inout_ PEX_PUSH_LOCK PushLock,
						       _In_ ULONG Flags);
NTKERNELAPI VOID FASTCALL ExAcquirePushLockSharedEx(_Inout_ PEX_PUSH_LOCK PushLock,
						    _In_ ULONG Flags);
NTKERNELAPI VOID FASTCALL ExReleasePushLockExclusiveEx(_Inout_ PEX_PUSH_LOCK PushLock,
						       _In_ ULONG Flags);
NTKERNELAPI VOID FASTCALL ExReleasePushLockSharedEx(_Inout_ PEX_PUSH_LOCK PushLock,
						    _In_ ULONG Flags);

/* Rundown protection. */
NTKERNELAPI VOID FASTCALL ExInitializeRundownProtection(_Out_ PEX_RUNDOWN_REF RunRef);
NTKERNELAPI VOID FASTCALL ExReInitializeRundownProtection(_Inout_ PEX_RUNDOWN_REF RunRef);
NTKERNELAPI BOOLEAN FASTCALL ExAcquireRundownProtection(_Inout_ PEX_RUNDOWN_REF RunRef);
NTKERNELAPI VOID FASTCALL ExReleaseRundownProtection(_Inout_ PEX_RUNDOWN_REF RunRef);
NTKERNELAPI VOID FASTCALL ExWaitForRundownProtectionRelease(_Inout_ PEX_RUNDOWN_REF RunRef);
NTKERNELAPI VOID FASTCALL ExRundownCompleted(_Out_ PEX_RUNDOWN_REF RunRef);

/* ---- Time ----------------------------------------------------------------- */

/* Deprecated large-integer conversion helpers, inline as in the WDK. */
FORCEINLINE LARGE_INTEGER NTAPI RtlConvertLongToLargeInteger(_In_ LONG SignedInteger)
{
	LARGE_INTEGER Result;
	Result.QuadPart = SignedInteger;
	return Result;
}
FORCEINLINE LARGE_INTEGER NTAPI RtlConvertUlongToLargeInteger(_In_ ULONG UnsignedInteger)
{
	LARGE_INTEGER Result;
	Result.QuadPart = UnsignedInteger;
	return Result;
}

typedef struct _TIME_FIELDS {
	CSHORT Year;
	CSHORT Month;
	CSHORT Day;
	CSHORT Hour;
	CSHORT Minute;
	CSHORT Second;
	CSHORT Milliseconds;
	CSHORT Weekday;
} TIME_FIELDS, *PTIME_FIELDS;

NTKERNELAPI VOID NTAPI KeQuerySystemTime(_Out_ PLARGE_INTEGER CurrentTime);
NTKERNELAPI VOID NTAPI KeQuerySystemTimePrecise(_Out_ PLARGE_INTEGER CurrentTime);
NTKERNELAPI VOID NTAPI KeQueryTickCount(_Out_ PLARGE_INTEGER CurrentCount);
NTKERNELAPI ULONGLONG NTAPI KeQueryInterruptTime(VOID);
NTKERNELAPI ULONGLONG NTAPI KeQueryInterruptTimePrecise(_Out_ PULONG64 QpcTimeStamp);
NTKERNELAPI ULONG NTAPI KeQueryTimeIncrement(VOID);
NTKERNELAPI ULONGLONG NTAPI KeQueryUnbiasedInterruptTime(VOID);
NTHALAPI LARGE_INTEGER NTAPI
KeQueryPerformanceCounter(_Out_opt_ PLARGE_INTEGER PerformanceFrequency);
NTKERNELAPI VOID NTAPI ExSystemTimeToLocalTime(_In_ PLARGE_INTEGER SystemTime,
					       _Out_ PLARGE_INTEGER LocalTime);
NTKERNELAPI VOID NTAPI ExLocalTimeToSystemTime(_In_ PLARGE_INTEGER LocalTime,
					       _Out_ PLARGE_INTEGER SystemTime);
NTSYSAPI VOID NTAPI RtlTimeToTimeFields(_In_ PLARGE_INTEGER Time, _Out_ PTIME_FIELDS TimeFields);
NTSYSAPI BOOLEAN NTAPI RtlTimeFieldsToTime(_In_ PTIME_FIELDS TimeFields, _Out_ PLARGE_INTEGER Time);

/* ---- Processors ------------------------------------------------------------- */

NTKERNELAPI ULONG NTAPI KeGetCurrentProcessorNumber(VOID);
NTKERNELAPI ULONG NTAPI KeGetCurrentProcessorNumberEx(_Out_opt_ PPROCESSOR_NUMBER ProcNumber);
NTKERNELAPI ULONG NTAPI KeQueryActiveProcessorCount(_Out_opt_ PKAFFINITY ActiveProcessors);
NTKERNELAPI ULONG NTAPI KeQueryActiveProcessorCountEx(_In_ USHORT GroupNumber);
NTKERNELAPI KAFFINITY NTAPI KeQueryActiveProcessors(VOID);
#define ALL_PROCESSOR_GROUPS 0xffff
extern volatile CCHAR KeNumberProcessors;

/* ---- Objects ---------------------------------------------------------------- */

typedef struct _OBJECT_TYPE *POBJECT_TYPE;
typedef struct _OBJECT_HANDLE_INFORMATION {
	ULONG HandleAttributes;
	ACCESS_MASK GrantedAccess;
} OBJECT_HANDLE_INFORMATION, *POBJECT_HANDLE_INFORMATION;

extern POBJECT_TYPE *IoFileObjectType;
extern POBJECT_TYPE *ExEventObjectType;
extern POBJECT_TYPE *ExSemaphoreObjectType;
extern POBJECT_TYPE *PsProcessType;
extern POBJECT_TYPE *PsThreadType;
extern POBJECT_TYPE *SeTokenObjectType;
extern POBJECT_TYPE *CmKeyObjectType;
extern POBJECT_TYPE *IoDeviceObjectType;
extern POBJECT_TYPE *IoDriverObjectType;
extern POBJECT_TYPE *TmTransactionObjectType;

/* Object callbacks (ObRegisterCallbacks): process and thread handle operations. */
typedef ULONG OB_OPERATION;
#define OB_OPERATION_HANDLE_CREATE       0x00000001
#define OB_OPERATION_HANDLE_DUPLICATE    0x00000002
#define OB_FLT_REGISTRATION_VERSION_0100 0x0100
#define OB_FLT_REGISTRATION_VERSION      OB_FLT_REGISTRATION_VERSION_0100
typedef enum _OB_PREOP_CALLBACK_STATUS {
	OB_PREOP_SUCCESS
} OB_PREOP_CALLBACK_STATUS,
	*POB_PREOP_CALLBACK_STATUS;
typedef struct _OB_PRE_CREATE_HANDLE_INFORMATION {
	ACCESS_MASK DesiredAccess;
	ACCESS_MASK OriginalDesiredAccess;
} OB_PRE_CREATE_HANDLE_INFORMATION, *POB_PRE_CREATE_HANDLE_INFORMATION;
typedef struct _OB_PRE_DUPLICATE_HANDLE_INFORMATION {
	ACCESS_MASK DesiredAccess;
	ACCESS_MASK OriginalDesiredAccess;
	PVOID SourceProcess;
	PVOID TargetProcess;
} OB_PRE_DUPLICATE_HANDLE_INFORMATION, *POB_PRE_DUPLICATE_HANDLE_INFORMATION;
typedef union _OB_PRE_OPERATION_PARAMETERS {
	OB_PRE_CREATE_HANDLE_INFORMATION CreateHandleInformation;
	OB_PRE_DUPLICATE_HANDLE_INFORMATION DuplicateHandleInformation;
} OB_PRE_OPERATION_PARAMETERS, *POB_PRE_OPERATION_PARAMETERS;
typedef struct _OB_PRE_OPERATION_INFORMATION {
	OB_OPERATION Operation;
	union {
		ULONG Flags;
		struct {
			ULONG KernelHandle : 1;
			ULONG Reserved : 31;
		};
	};
	PVOID Object;
	POBJECT_TYPE ObjectType;
	PVOID CallContext;
	POB_PRE_OPERATION_PARAMETERS Parameters;
} OB_PRE_OPERATION_INFORMATION, *POB_PRE_OPERATION_INFORMATION;
typedef struct _OB_POST_CREATE_HANDLE_INFORMATION {
	ACCESS_MASK GrantedAccess;
} OB_POST_CREATE_HANDLE_INFORMATION, *POB_POST_CREATE_HANDLE_INFORMATION;
typedef struct _OB_POST_DUPLICATE_HANDLE_INFORMATION {
	ACCESS_MASK GrantedAccess;
} OB_POST_DUPLICATE_HANDLE_INFORMATION, *POB_POST_DUPLICATE_HANDLE_INFORMATION;
typedef union _OB_POST_OPERATION_PARAMETERS {
	OB_POST_CREATE_HANDLE_INFORMATION CreateHandleInformation;
	OB_POST_DUPLICATE_HANDLE_INFORMATION DuplicateHandleInformation;
} OB_POST_OPERATION_PARAMETERS, *POB_POST_OPERATION_PARAMETERS;
typedef struct _OB_POST_OPERATION_INFORMATION {
	OB_OPERATION Operation;
	union {
		ULONG Flags;
		struct {
			ULONG KernelHandle : 1;
			ULONG Reserved : 31;
		};
	};
	PVOID Object;
	POBJECT_TYPE ObjectType;
	PVOID CallContext;
	NTSTATUS ReturnStatus;
	POB_POST_OPERATION_PARAMETERS Parameters;
} OB_POST_OPERATION_INFORMATION, *POB_POST_OPERATION_INFORMATION;
typedef OB_PREOP_CALLBACK_STATUS(NTAPI *POB_PRE_OPERATION_CALLBACK)(
	_In_ PVOID RegistrationContext, _Inout_ POB_PRE_OPERATION_INFORMATION OperationInformation);
typedef VOID(NTAPI *POB_POST_OPERATION_CALLBACK)(
	_In_ PVOID RegistrationContext, _In_ POB_POST_OPERATION_INFORMATION OperationInformation);
typedef struct _OB_OPERATION_REGISTRATION {
	POBJECT_TYPE *ObjectType;
	OB_OPERATION Operations;
	POB_PRE_OPERATION_CALLBACK PreOperation;
	POB_POST_OPERATION_CALLBACK PostOperation;
} OB_OPERATION_REGISTRATION, *POB_OPERATION_REGISTRATION;
typedef struct _OB_CALLBACK_REGISTRATION {
	USHORT Version;
	USHORT OperationRegistrationCount;
	UNICODE_STRING Altitude;
	PVOID RegistrationContext;
	OB_OPERATION_REGISTRATION *OperationRegistration;
} OB_CALLBACK_REGISTRATION, *POB_CALLBACK_REGISTRATION;
NTKERNELAPI NTSTATUS NTAPI ObRegisterCallbacks(_In_ POB_CALLBACK_REGISTRATION CallbackRegistration,
					       _Outptr_ PVOID *RegistrationHandle);
NTKERNELAPI VOID NTAPI ObUnRegisterCallbacks(_In_ PVOID RegistrationHandle);
NTKERNELAPI USHORT NTAPI ObGetFilterVersion(VOID);

/* Registry callbacks (CmRegisterCallbackEx). */
typedef enum _REG_NOTIFY_CLASS {
	RegNtDeleteKey = 0,
	RegNtPreDeleteKey = RegNtDeleteKey,
	RegNtSetValueKey = 1,
	RegNtPreSetValueKey = RegNtSetValueKey,
	RegNtDeleteValueKey = 2,
	RegNtPreDeleteValueKey = RegNtDeleteValueKey,
	RegNtSetInformationKey = 3,
	RegNtPreSetInformationKey = RegNtSetInformationKey,
	RegNtRenameKey = 4,
	RegNtPreRenameKey = RegNtRenameKey,
	RegNtEnumerateKey = 5,
	RegNtPreEnumerateKey = RegNtEnumerateKey,
	RegNtEnumerateValueKey = 6,
	RegNtPreEnumerateValueKey = RegNtEnumerateValueKey,
	RegNtQueryKey = 7,
	RegNtPreQueryKey = RegNtQueryKey,
	RegNtQueryValueKey = 8,
	RegNtPreQueryValueKey = RegNtQueryValueKey,
	RegNtQueryMultipleValueKey = 9,
	RegNtPreQueryMultipleValueKey = RegNtQueryMultipleValueKey,
	RegNtPreCreateKey = 10,
	RegNtPostCreateKey = 11,
	RegNtPreOpenKey = 12,
	RegNtPostOpenKey = 13,
	RegNtKeyHandleClose = 14,
	RegNtPreKeyHandleClose = RegNtKeyHandleClose,
	RegNtPostDeleteKey = 15,
	RegNtPostSetValueKey = 16,
	RegNtPostDeleteValueKey = 17,
	RegNtPostSetInformationKey = 18,
	RegNtPostRenameKey = 19,
	RegNtPostEnumerateKey = 20,
	RegNtPostEnumerateValueKey = 21,
	RegNtPostQueryKey = 22,
	RegNtPostQueryValueKey = 23,
	RegNtPostQueryMultipleValueKey = 24,
	RegNtPostKeyHandleClose = 25,
	RegNtPreCreateKeyEx = 26,
	RegNtPostCreateKeyEx = 27,
	RegNtPreOpenKeyEx = 28,
	RegNtPostOpenKeyEx = 29,
	RegNtPreFlushKey = 30,
	RegNtPostFlushKey = 31,
	RegNtPreLoadKey = 32,
	RegNtPostLoadKey = 33,
	RegNtPreUnLoadKey = 34,
	RegNtPostUnLoadKey = 35,
	RegNtPreQueryKeySecurity = 36,
	RegNtPostQueryKeySecurity = 37,
	RegNtPreSetKeySecurity = 38,
	RegNtPostSetKeySecurity = 39,
	RegNtCallbackObjectContextCleanup = 40,
	RegNtPreRestoreKey = 41,
	RegNtPostRestoreKey = 42,
	RegNtPreSaveKey = 43,
	RegNtPostSaveKey = 44,
	RegNtPreReplaceKey = 45,
	RegNtPostReplaceKey = 46,
	RegNtPreQueryKeyName = 47,
	RegNtPostQueryKeyName = 48,
	RegNtPreSaveMergedKey = 49,
	RegNtPostSaveMergedKey = 50,
	MaxRegNtNotifyClass = 51
} REG_NOTIFY_CLASS;

typedef NTSTATUS NTAPI EX_CALLBACK_FUNCTION(_In_ PVOID CallbackContext, _In_opt_ PVOID Argument1,
					    _In_opt_ PVOID Argument2);
typedef EX_CALLBACK_FUNCTION *PEX_CALLBACK_FUNCTION;

typedef struct _REG_POST_OPERATION_INFORMATION {
	PVOID Object;
	NTSTATUS Status;
	PVOID PreInformation;
	NTSTATUS ReturnStatus;
	PVOID CallContext;
	PVOID ObjectContext;
	PVOID Reserved;
} REG_POST_OPERATION_INFORMATION, *PREG_POST_OPERATION_INFORMATION;
typedef struct _REG_DELETE_KEY_INFORMATION {
	PVOID Object;
	PVOID CallContext;
	PVOID ObjectContext;
	PVOID Reserved;
} REG_DELETE_KEY_INFORMATION, *PREG_DELETE_KEY_INFORMATION, REG_FLUSH_KEY_INFORMATION,
	*PREG_FLUSH_KEY_INFORMATION;
typedef struct _REG_SET_VALUE_KEY_INFORMATION {
	PVOID Object;
	PUNICODE_STRING ValueName;
	ULONG TitleIndex;
	ULONG Type;
	PVOID Data;
	ULONG DataSize;
	PVOID CallContext;
	PVOID ObjectContext;
	PVOID Reserved;
} REG_SET_VALUE_KEY_INFORMATION, *PREG_SET_VALUE_KEY_INFORMATION;
typedef struct _REG_DELETE_VALUE_KEY_INFORMATION {
	PVOID Object;
	PUNICODE_STRING ValueName;
	PVOID CallContext;
	PVOID ObjectContext;
	PVOID Reserved;
} REG_DELETE_VALUE_KEY_INFORMATION, *PREG_DELETE_VALUE_KEY_INFORMATION;
typedef struct _REG_RENAME_KEY_INFORMATION {
	PVOID Object;
	PUNICODE_STRING NewName;
	PVOID CallContext;
	PVOID ObjectContext;
	PVOID Reserved;
} REG_RENAME_KEY_INFORMATION, *PREG_RENAME_KEY_INFORMATION;
typedef struct _REG_KEY_HANDLE_CLOSE_INFORMATION {
	PVOID Object;
	PVOID CallContext;
	PVOID ObjectContext;
	PVOID Reserved;
} REG_KEY_HANDLE_CLOSE_INFORMATION, *PREG_KEY_HANDLE_CLOSE_INFORMATION;
typedef struct _REG_CREATE_KEY_INFORMATION {
	PUNICODE_STRING CompleteName;
	PVOID RootObject;
	PVOID ObjectType;
	ULONG CreateOptions;
	PUNICODE_STRING Class;
	PVOID SecurityDescriptor;
	PVOID SecurityQualityOfService;
	ACCESS_MASK DesiredAccess;
	ACCESS_MASK GrantedAccess;
	PULONG Disposition;
	PVOID *ResultObject;
	PVOID CallContext;
	PVOID RootObjectContext;
	PVOID Transaction;
	PVOID Reserved;
} REG_CREATE_KEY_INFORMATION, REG_OPEN_KEY_INFORMATION, *PREG_CREATE_KEY_INFORMATION,
	*PREG_OPEN_KEY_INFORMATION;
typedef struct _REG_CREATE_KEY_INFORMATION_V1 {
	PUNICODE_STRING CompleteName;
	PVOID RootObject;
	PVOID ObjectType;
	ULONG Options;
	PUNICODE_STRING Class;
	PVOID SecurityDescriptor;
	PVOID SecurityQualityOfService;
	ACCESS_MASK DesiredAccess;
	ACCESS_MASK GrantedAccess;
	PULONG Disposition;
	PVOID *ResultObject;
	PVOID CallContext;
	PVOID RootObjectContext;
	PVOID Transaction;
	ULONG_PTR Version;
	PUNICODE_STRING RemainingName;
	ULONG Wow64Flags;
	ULONG Attributes;
	KPROCESSOR_MODE CheckAccessMode;
} REG_CREATE_KEY_INFORMATION_V1, REG_OPEN_KEY_INFORMATION_V1, *PREG_CREATE_KEY_INFORMATION_V1,
	*PREG_OPEN_KEY_INFORMATION_V1;

NTKERNELAPI NTSTATUS NTAPI CmRegisterCallback(_In_ PEX_CALLBACK_FUNCTION Function,
					      _In_opt_ PVOID Context, _Out_ PLARGE_INTEGER Cookie);
NTKERNELAPI NTSTATUS NTAPI CmRegisterCallbackEx(_In_ PEX_CALLBACK_FUNCTION Function,
						_In_ PCUNICODE_STRING Altitude, _In_ PVOID Driver,
						_In_opt_ PVOID Context, _Out_ PLARGE_INTEGER Cookie,
						_Reserved_ PVOID Reserved);
NTKERNELAPI NTSTATUS NTAPI CmUnRegisterCallback(_In_ LARGE_INTEGER Cookie);
NTKERNELAPI NTSTATUS NTAPI CmCallbackGetKeyObjectID(_In_ PLARGE_INTEGER Cookie, _In_ PVOID Object,
						    _Out_opt_ PULONG_PTR ObjectID,
						    _Outptr_opt_ PCUNICODE_STRING *ObjectName);
NTKERNELAPI NTSTATUS NTAPI CmCallbackGetKeyObjectIDEx(_In_ PLARGE_INTEGER Cookie, _In_ PVOID Object,
						      _Out_opt_ PULONG_PTR ObjectID,
						      _Outptr_opt_ PCUNICODE_STRING *ObjectName,
						      _In_ ULONG Flags);
NTKERNELAPI VOID NTAPI CmCallbackReleaseKeyObjectIDEx(_In_ PCUNICODE_STRING ObjectName);

NTKERNELAPI LONG_PTR FASTCALL ObfReferenceObject(_In_ PVOID Object);
NTKERNELAPI LONG_PTR FASTCALL ObfDereferenceObject(_In_ PVOID Object);
NTKERNELAPI LONG_PTR FASTCALL ObfReferenceObjectWithTag(_In_ PVOID Object, _In_ ULONG Tag);
NTKERNELAPI LONG_PTR FASTCALL ObfDereferenceObjectWithTag(_In_ PVOID Object, _In_ ULONG Tag);
#define ObReferenceObject(Object)             ObfReferenceObject(Object)
#define ObDereferenceObject(a)                ObfDereferenceObject(a)
#define ObReferenceObjectWithTag(Object, Tag) ObfReferenceObjectWithTag(Object, Tag)
#define ObDereferenceObjectWithTag(a, t)      ObfDereferenceObjectWithTag(a, t)
NTKERNELAPI VOID NTAPI ObDereferenceObjectDeferDelete(_In_ PVOID Object);
NTKERNELAPI VOID NTAPI ObDereferenceObjectDeferDeleteWithTag(_In_ PVOID Object, _In_ ULONG Tag);
NTKERNELAPI NTSTATUS NTAPI ObReferenceObjectByHandle(
	_In_ HANDLE Handle, _In_ ACCESS_MASK DesiredAccess, _In_opt_ POBJECT_TYPE ObjectType,
	_In_ KPROCESSOR_MODE AccessMode, _Out_ PVOID *Object,
	_Out_opt_ POBJECT_HANDLE_INFORMATION HandleInformation);
NTKERNELAPI NTSTATUS NTAPI ObReferenceObjectByHandleWithTag(
	_In_ HANDLE Handle, _In_ ACCESS_MASK DesiredAccess, _In_opt_ POBJECT_TYPE ObjectType,
	_In_ KPROCESSOR_MODE AccessMode, _In_ ULONG Tag, _Out_ PVOID *Object,
	_Out_opt_ POBJECT_HANDLE_INFORMATION HandleInformation);
NTKERNELAPI NTSTATUS NTAPI ObReferenceObjectByPointer(_In_ PVOID Object,
						      _In_ ACCESS_MASK DesiredAccess,
						      _In_opt_ POBJECT_TYPE ObjectType,
						      _In_ KPROCESSOR_MODE AccessMode);
NTKERNELAPI BOOLEAN FASTCALL ObReferenceObjectSafe(_In_ PVOID Object);
NTKERNELAPI NTSTATUS NTAPI ObGetObjectSecurity(_In_ PVOID Object,
					       _Out_ PSECURITY_DESCRIPTOR *SecurityDescriptor,
					       _Out_ PBOOLEAN MemoryAllocated);
NTKERNELAPI VOID NTAPI ObReleaseObjectSecurity(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor,
					       _In_ BOOLEAN MemoryAllocated);

/* ---- Processes and threads ------------------------------------------------- */

typedef struct _CLIENT_ID {
	HANDLE UniqueProcess;
	HANDLE UniqueThread;
} CLIENT_ID, *PCLIENT_ID;

typedef VOID NTAPI KSTART_ROUTINE(_In_ PVOID StartContext);
typedef KSTART_ROUTINE *PKSTART_ROUTINE;

NTKERNELAPI PEPROCESS NTAPI IoGetCurrentProcess(VOID);
#define PsGetCurrentProcess IoGetCurrentProcess
extern NTKERNELAPI PEPROCESS PsInitialSystemProcess;
NTKERNELAPI PETHREAD NTAPI PsGetCurrentThread(VOID);
NTKERNELAPI PKTHREAD NTAPI KeGetCurrentThread(VOID);
NTKERNELAPI HANDLE NTAPI PsGetCurrentProcessId(VOID);
NTKERNELAPI HANDLE NTAPI PsGetCurrentThreadId(VOID);
NTKERNELAPI HANDLE NTAPI PsGetProcessId(_In_ PEPROCESS Process);
NTKERNELAPI HANDLE NTAPI PsGetThreadId(_In_ PETHREAD Thread);
NTKERNELAPI HANDLE NTAPI PsGetThreadProcessId(_In_ PETHREAD Thread);
NTKERNELAPI BOOLEAN NTAPI PsIsSystemThread(_In_ PETHREAD Thread);
NTKERNELAPI BOOLEAN NTAPI PsIsThreadTerminating(_In_ PETHREAD Thread);
NTKERNELAPI ULONG NTAPI PsGetCurrentProcessSessionId(VOID);
NTKERNELAPI KPROCESSOR_MODE NTAPI ExGetPreviousMode(VOID);
NTKERNELAPI KPROCESSOR_MODE NTAPI KeGetPreviousMode(VOID);
NTKERNELAPI NTSTATUS NTAPI PsCreateSystemThread(_Out_ PHANDLE ThreadHandle,
						_In_ ULONG DesiredAccess,
						_In_opt_ POBJECT_ATTRIBUTES ObjectAttributes,
						_In_opt_ HANDLE ProcessHandle,
						_Out_opt_ PCLIENT_ID ClientId,
						_In_ PKSTART_ROUTINE StartRoutine,
						_In_opt_ PVOID StartContext);
DECLSPEC_NORETURN NTKERNELAPI NTSTATUS NTAPI PsTerminateSystemThread(_In_ NTSTATUS ExitStatus);
NTKERNELAPI VOID NTAPI KeStackAttachProcess(_Inout_ PRKPROCESS PROCESS,
					    _Out_ PRKAPC_STATE ApcState);
NTKERNELAPI VOID NTAPI KeUnstackDetachProcess(_In_ PRKAPC_STATE ApcState);
NTKERNELAPI KPRIORITY NTAPI KeSetPriorityThread(_Inout_ PKTHREAD Thread, _In_ KPRIORITY Priority);
NTKERNELAPI KPRIORITY NTAPI KeQueryPriorityThread(_In_ PKTHREAD Thread);

#define LOW_PRIORITY          0
#define LOW_REALTIME_PRIORITY 16
#define HIGH_PRIORITY         31
#define MAXIMUM_PRIORITY      32

#define PROCESS_TERMINATE                 (0x0001)
#define PROCESS_CREATE_THREAD             (0x0002)
#define PROCESS_SET_SESSIONID             (0x0004)
#define PROCESS_VM_OPERATION              (0x0008)
#define PROCESS_VM_READ                   (0x0010)
#define PROCESS_VM_WRITE                  (0x0020)
#define PROCESS_DUP_HANDLE                (0x0040)
#define PROCESS_CREATE_PROCESS            (0x0080)
#define PROCESS_SET_QUOTA                 (0x0100)
#define PROCESS_SET_INFORMATION           (0x0200)
#define PROCESS_QUERY_INFORMATION         (0x0400)
#define PROCESS_SUSPEND_RESUME            (0x0800)
#define PROCESS_QUERY_LIMITED_INFORMATION (0x1000)
#define PROCESS_SET_LIMITED_INFORMATION   (0x2000)
#define PROCESS_ALL_ACCESS                (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFF)
#define THREAD_TERMINATE                  (0x0001)
#define THREAD_SUSPEND_RESUME             (0x0002)
#define THREAD_ALERT                      (0x0004)
#define THREAD_GET_CONTEXT                (0x0008)
#define THREAD_SET_CONTEXT                (0x0010)
#define THREAD_SET_INFORMATION            (0x0020)
#define THREAD_QUERY_INFORMATION          (0x0040)
#define THREAD_ALL_ACCESS                 (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFF)
#define NtCurrentProcess()                ((HANDLE)(LONG_PTR)-1)
#define ZwCurrentProcess()                NtCurrentProcess()
#define NtCurrentThread()                 ((HANDLE)(LONG_PTR)-2)
#define ZwCurrentThread()                 NtCurrentThread()

/* ---- Memory descriptor lists and the memory manager ------------------------- */

#define PAGE_SIZE            0x1000
#define PAGE_SHIFT           12L
#define BYTE_OFFSET(Va)      ((ULONG)((LONG_PTR)(Va) & (PAGE_SIZE - 1)))
#define PAGE_ALIGN(Va)       ((PVOID)((ULONG_PTR)(Va) & ~(PAGE_SIZE - 1)))
#define BYTES_TO_PAGES(Size) (((Size) >> PAGE_SHIFT) + (((Size) & (PAGE_SIZE - 1)) != 0))
#define ROUND_TO_PAGES(Size) (((ULONG_PTR)(Size) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define ROUND_TO_SIZE(_length, _alignment) \
	((((ULONG_PTR)(_length)) + ((_alignment)-1)) & ~(ULONG_PTR)((_alignment)-1))
#define ADDRESS_AND_SIZE_TO_SPAN_PAGES(Va, Size) \
	((BYTE_OFFSET(Va) + ((SIZE_T)(Size)) + (PAGE_SIZE - 1)) >> PAGE_SHIFT)
#define COMPUTE_PAGES_SPANNED(Va, Size) ADDRESS_AND_SIZE_TO_SPAN_PAGES(Va, Size)

typedef ULONG PFN_COUNT;
typedef ULONG_PTR PFN_NUMBER, *PPFN_NUMBER;

typedef struct _MDL {
	struct _MDL *Next;
	CSHORT Size;
	CSHORT MdlFlags;
	struct _EPROCESS *Process;
	PVOID MappedSystemVa;
	PVOID StartVa;
	ULONG ByteCount;
	ULONG ByteOffset;
} MDL, *PMDL, *PMDLX;

#define MDL_MAPPED_TO_SYSTEM_VA     0x0001
#define MDL_PAGES_LOCKED            0x0002
#define MDL_SOURCE_IS_NONPAGED_POOL 0x0004
#define MDL_ALLOCATED_FIXED_SIZE    0x0008
#define MDL_PARTIAL                 0x0010
#define MDL_PARTIAL_HAS_BEEN_MAPPED 0x0020
#define MDL_IO_PAGE_READ            0x0040
#define MDL_WRITE_OPERATION         0x0080
#define MDL_LOCKED_PAGE_TABLES      0x0100
#define MDL_PARENT_MAPPED_SYSTEM_VA MDL_LOCKED_PAGE_TABLES
#define MDL_FREE_EXTRA_PTES         0x0200
#define MDL_DESCRIBES_AWE           0x0400
#define MDL_IO_SPACE                0x0800
#define MDL_NETWORK_HEADER          0x1000
#define MDL_MAPPING_CAN_FAIL        0x2000
#define MDL_PAGE_CONTENTS_INVARIANT 0x4000
#define MDL_ALLOCATED_MUST_SUCCEED  MDL_PAGE_CONTENTS_INVARIANT
#define MDL_INTERNAL                0x8000
#define MDL_MAPPING_FLAGS                                                           \
	(MDL_MAPPED_TO_SYSTEM_VA | MDL_PAGES_LOCKED | MDL_SOURCE_IS_NONPAGED_POOL | \
	 MDL_PARTIAL_HAS_BEEN_MAPPED | MDL_PARENT_MAPPED_SYSTEM_VA | MDL_IO_SPACE)

typedef enum _LOCK_OPERATION { IoReadAccess, IoWriteAccess, IoModifyAccess } LOCK_OPERATION;

typedef enum _MM_PAGE_PRIORITY {
	LowPagePriority,
	NormalPagePriority = 16,
	HighPagePriority = 32
} MM_PAGE_PRIORITY;
#define MdlMappingNoWrite   0x80000000
#define MdlMappingNoExecute 0x40000000

typedef enum _MEMORY_CACHING_TYPE_ORIG { MmFrameBufferCached = 2 } MEMORY_CACHING_TYPE_ORIG;
typedef enum _MEMORY_CACHING_TYPE {
	MmNonCached = FALSE,
	MmCached = TRUE,
	MmWriteCombined = MmFrameBufferCached,
	MmHardwareCoherentCached,
	MmNonCachedUnordered,
	MmUSWCCached,
	MmMaximumCacheType,
	MmNotMapped = -1
} MEMORY_CACHING_TYPE;

typedef enum _MM_SYSTEM_SIZE { MmSmallSystem, MmMediumSystem, MmLargeSystem } MM_SYSTEMSIZE;

#define MmGetMdlVirtualAddress(Mdl) ((PVOID)((PCHAR)((Mdl)->StartVa) + (Mdl)->ByteOffset))
#define MmGetMdlByteCount(Mdl)      ((Mdl)->ByteCount)
#define MmGetMdlByteOffset(Mdl)     ((Mdl)->ByteOffset)
#define MmGetMdlBaseVa(Mdl)         ((Mdl)->StartVa)
#define MmGetMdlPfnArray(Mdl)       ((PPFN_NUMBER)(Mdl + 1))
#define MmInitializeMdl(MemoryDescriptorList, BaseVa, Length)                                     \
	do {                                                                                      \
		(MemoryDescriptorList)->Next = (PMDL)NULL;                                        \
		(MemoryDescriptorList)->Size =                                                    \
			(CSHORT)(sizeof(MDL) + (sizeof(PFN_NUMBER) *                              \
						ADDRESS_AND_SIZE_TO_SPAN_PAGES(BaseVa, Length))); \
		(MemoryDescriptorList)->MdlFlags = 0;                                             \
		(MemoryDescriptorList)->StartVa = (PVOID)PAGE_ALIGN(BaseVa);                      \
		(MemoryDescriptorList)->ByteOffset = BYTE_OFFSET(BaseVa);                         \
		(MemoryDescriptorList)->ByteCount = (ULONG)(Length);                              \
	} while (0)
#define MmPrepareMdlForReuse(MDL) ((void)(MDL))

NTKERNELAPI PVOID NTAPI MmGetSystemAddressForMdlSafe(_Inout_ PMDL Mdl, _In_ ULONG Priority);
NTKERNELAPI PVOID NTAPI MmGetSystemAddressForMdl(_Inout_ PMDL Mdl);
NTKERNELAPI VOID NTAPI MmProbeAndLockPages(_Inout_ PMDL MemoryDescriptorList,
					   _In_ KPROCESSOR_MODE AccessMode,
					   _In_ LOCK_OPERATION Operation);
NTKERNELAPI VOID NTAPI MmUnlockPages(_Inout_ PMDL MemoryDescriptorList);
NTKERNELAPI VOID NTAPI MmBuildMdlForNonPagedPool(_Inout_ PMDL MemoryDescriptorList);
NTKERNELAPI PVOID NTAPI MmMapLockedPagesSpecifyCache(_Inout_ PMDL MemoryDescriptorList,
						     _In_ KPROCESSOR_MODE AccessMode,
						     _In_ MEMORY_CACHING_TYPE CacheType,
						     _In_opt_ PVOID RequestedAddress,
						     _In_ ULONG BugCheckOnFailure,
						     _In_ ULONG Priority);
NTKERNELAPI PVOID NTAPI MmMapLockedPages(_Inout_ PMDL MemoryDescriptorList,
					 _In_ KPROCESSOR_MODE AccessMode);
NTKERNELAPI VOID NTAPI MmUnmapLockedPages(_In_ PVOID BaseAddress,
					  _Inout_ PMDL MemoryDescriptorList);
NTKERNELAPI NTSTATUS NTAPI MmProtectMdlSystemAddress(_In_ PMDL MemoryDescriptorList,
						     _In_ ULONG NewProtect);
NTKERNELAPI SIZE_T NTAPI MmSizeOfMdl(_In_opt_ PVOID Base, _In_ SIZE_T Length);
NTKERNELAPI PMDL NTAPI MmCreateMdl(_Out_opt_ PMDL MemoryDescriptorList, _In_opt_ PVOID Base,
				   _In_ SIZE_T Length);
NTKERNELAPI PVOID NTAPI MmGetSystemRoutineAddress(_In_ PUNICODE_STRING SystemRoutineName);
NTKERNELAPI BOOLEAN NTAPI MmIsAddressValid(_In_ PVOID VirtualAddress);
NTKERNELAPI BOOLEAN NTAPI MmIsNonPagedSystemAddressValid(_In_ PVOID VirtualAddress);
NTKERNELAPI MM_SYSTEMSIZE NTAPI MmQuerySystemSize(VOID);
NTKERNELAPI PVOID NTAPI MmAllocateNonCachedMemory(_In_ SIZE_T NumberOfBytes);
NTKERNELAPI VOID NTAPI MmFreeNonCachedMemory(_In_ PVOID BaseAddress, _In_ SIZE_T NumberOfBytes);
NTKERNELAPI PVOID NTAPI MmLockPagableDataSection(_In_ PVOID AddressWithinSection);
NTKERNELAPI VOID NTAPI MmUnlockPagableImageSection(_In_ PVOID ImageSectionHandle);
NTKERNELAPI VOID NTAPI MmPageEntireDriver(_In_ PVOID AddressWithinSection);
NTKERNELAPI VOID NTAPI MmResetDriverPaging(_In_ PVOID AddressWithinSection);
#define MmLockPagableCodeSection(Address) MmLockPagableDataSection(Address)
NTKERNELAPI VOID NTAPI ProbeForRead(_In_ volatile VOID *Address, _In_ SIZE_T Length,
				    _In_ ULONG Alignment);
NTKERNELAPI VOID NTAPI ProbeForWrite(_Inout_ volatile VOID *Address, _In_ SIZE_T Length,
				     _In_ ULONG Alignment);

/* Page protections, sections and views. */
#define PAGE_NOACCESS                0x01
#define PAGE_READONLY                0x02
#define PAGE_READWRITE               0x04
#define PAGE_WRITECOPY               0x08
#define PAGE_EXECUTE                 0x10
#define PAGE_EXECUTE_READ            0x20
#define PAGE_EXECUTE_READWRITE       0x40
#define PAGE_EXECUTE_WRITECOPY       0x80
#define PAGE_GUARD                   0x100
#define PAGE_NOCACHE                 0x200
#define PAGE_WRITECOMBINE            0x400
#define MEM_COMMIT                   0x00001000
#define MEM_RESERVE                  0x00002000
#define MEM_DECOMMIT                 0x00004000
#define MEM_RELEASE                  0x00008000
#define MEM_FREE                     0x00010000
#define MEM_PRIVATE                  0x00020000
#define MEM_MAPPED                   0x00040000
#define MEM_RESET                    0x00080000
#define MEM_TOP_DOWN                 0x00100000
#define MEM_LARGE_PAGES              0x20000000
#define MEM_IMAGE                    0x01000000
#define SEC_FILE                     0x00800000
#define SEC_IMAGE                    0x01000000
#define SEC_PROTECTED_IMAGE          0x02000000
#define SEC_RESERVE                  0x04000000
#define SEC_COMMIT                   0x08000000
#define SEC_NOCACHE                  0x10000000
#define SEC_LARGE_PAGES              0x80000000
#define SECTION_QUERY                0x0001
#define SECTION_MAP_WRITE            0x0002
#define SECTION_MAP_READ             0x0004
#define SECTION_MAP_EXECUTE          0x0008
#define SECTION_EXTEND_SIZE          0x0010
#define SECTION_MAP_EXECUTE_EXPLICIT 0x0020
#define SECTION_ALL_ACCESS                                                                 \
	(STANDARD_RIGHTS_REQUIRED | SECTION_QUERY | SECTION_MAP_WRITE | SECTION_MAP_READ | \
	 SECTION_MAP_EXECUTE | SECTION_EXTEND_SIZE)
typedef enum _SECTION_INHERIT { ViewShare = 1, ViewUnmap = 2 } SECTION_INHERIT;

/* ---- Work items ------------------------------------------------------------ */

typedef enum _WORK_QUEUE_TYPE {
	CriticalWorkQueue,
	DelayedWorkQueue,
	HyperCriticalWorkQueue,
	NormalWorkQueue,
	BackgroundWorkQueue,
	RealTimeWorkQueue,
	SuperCriticalWorkQueue,
	MaximumWorkQueue,
	CustomPriorityWorkQueue = 32
} WORK_QUEUE_TYPE;

typedef VOID NTAPI WORKER_THREAD_ROUTINE(_In_ PVOID Parameter);
typedef WORKER_THREAD_ROUTINE *PWORKER_THREAD_ROUTINE;

typedef struct _WORK_QUEUE_ITEM {
	LIST_ENTRY List;
	PWORKER_THREAD_ROUTINE WorkerRoutine;
	__volatile PVOID Parameter;
} WORK_QUEUE_ITEM, *PWORK_QUEUE_ITEM;

#define ExInitializeWorkItem(Item, Routine, Context) \
	do {                                         \
		(Item)->WorkerRoutine = (Routine);   \
		(Item)->Parameter = (Context);       \
		(Item)->List.Flink = NULL;           \
	} while (0)
NTKERNELAPI VOID NTAPI ExQueueWorkItem(_Inout_ PWORK_QUEUE_ITEM WorkItem,
				       _In_ WORK_QUEUE_TYPE QueueType);

/* ---- Lookaside lists ------------------------------------------------------- */

typedef PVOID NTAPI ALLOCATE_FUNCTION(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes,
				      _In_ ULONG Tag);
typedef ALLOCATE_FUNCTION *PALLOCATE_FUNCTION;
typedef VOID NTAPI FREE_FUNCTION(_In_ PVOID Buffer);
typedef FREE_FUNCTION *PFREE_FUNCTION;

typedef struct _LOOKASIDE_LIST_EX *PLOOKASIDE_LIST_EX;
typedef PVOID NTAPI ALLOCATE_FUNCTION_EX(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes,
					 _In_ ULONG Tag, _Inout_ PLOOKASIDE_LIST_EX Lookaside);
typedef ALLOCATE_FUNCTION_EX *PALLOCATE_FUNCTION_EX;
typedef VOID NTAPI FREE_FUNCTION_EX(_In_ PVOID Buffer, _Inout_ PLOOKASIDE_LIST_EX Lookaside);
typedef FREE_FUNCTION_EX *PFREE_FUNCTION_EX;

typedef struct DECLSPEC_CACHEALIGN _GENERAL_LOOKASIDE {
	union {
		SLIST_HEADER ListHead;
		SINGLE_LIST_ENTRY SingleListHead;
	};
	USHORT Depth;
	USHORT MaximumDepth;
	ULONG TotalAllocates;
	union {
		ULONG AllocateMisses;
		ULONG AllocateHits;
	};
	ULONG TotalFrees;
	union {
		ULONG FreeMisses;
		ULONG FreeHits;
	};
	POOL_TYPE Type;
	ULONG Tag;
	ULONG Size;
	union {
		PALLOCATE_FUNCTION_EX AllocateEx;
		PALLOCATE_FUNCTION Allocate;
	};
	union {
		PFREE_FUNCTION_EX FreeEx;
		PFREE_FUNCTION Free;
	};
	LIST_ENTRY ListEntry;
	ULONG LastTotalAllocates;
	union {
		ULONG LastAllocateMisses;
		ULONG LastAllocateHits;
	};
	ULONG Future[2];
} GENERAL_LOOKASIDE, *PGENERAL_LOOKASIDE;

typedef struct _LOOKASIDE_LIST_EX {
	GENERAL_LOOKASIDE L;
} LOOKASIDE_LIST_EX;

typedef struct _NPAGED_LOOKASIDE_LIST {
	GENERAL_LOOKASIDE L;
} NPAGED_LOOKASIDE_LIST, *PNPAGED_LOOKASIDE_LIST;

typedef struct _PAGED_LOOKASIDE_LIST {
	GENERAL_LOOKASIDE L;
} PAGED_LOOKASIDE_LIST, *PPAGED_LOOKASIDE_LIST;

#define LOOKASIDE_MINIMUM_BLOCK_SIZE             (RTL_SIZEOF_THROUGH_FIELD(SLIST_ENTRY, Next))
#define EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL 0x00000001UL
#define EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE 0x00000002UL
#define EX_MAXIMUM_LOOKASIDE_DEPTH_BASE          256
#define EX_MAXIMUM_LOOKASIDE_DEPTH_LIMIT         1024

NTKERNELAPI VOID NTAPI ExInitializeNPagedLookasideList(_Out_ PNPAGED_LOOKASIDE_LIST Lookaside,
						       _In_opt_ PALLOCATE_FUNCTION Allocate,
						       _In_opt_ PFREE_FUNCTION Free,
						       _In_ ULONG Flags, _In_ SIZE_T Size,
						       _In_ ULONG Tag, _In_ USHORT Depth);
NTKERNELAPI VOID NTAPI ExDeleteNPagedLookasideList(_Inout_ PNPAGED_LOOKASIDE_LIST Lookaside);
NTKERNELAPI PVOID NTAPI ExAllocateFromNPagedLookasideList(_Inout_ PNPAGED_LOOKASIDE_LIST Lookaside);
NTKERNELAPI VOID NTAPI ExFreeToNPagedLookasideList(_Inout_ PNPAGED_LOOKASIDE_LIST Lookaside,
						   _In_ PVOID Entry);
NTKERNELAPI VOID NTAPI ExInitializePagedLookasideList(_Out_ PPAGED_LOOKASIDE_LIST Lookaside,
						      _In_opt_ PALLOCATE_FUNCTION Allocate,
						      _In_opt_ PFREE_FUNCTION Free,
						      _In_ ULONG Flags, _In_ SIZE_T Size,
						      _In_ ULONG Tag, _In_ USHORT Depth);
NTKERNELAPI VOID NTAPI ExDeletePagedLookasideList(_Inout_ PPAGED_LOOKASIDE_LIST Lookaside);
NTKERNELAPI PVOID NTAPI ExAllocateFromPagedLookasideList(_Inout_ PPAGED_LOOKASIDE_LIST Lookaside);
NTKERNELAPI VOID NTAPI ExFreeToPagedLookasideList(_Inout_ PPAGED_LOOKASIDE_LIST Lookaside,
						  _In_ PVOID Entry);
NTKERNELAPI NTSTATUS NTAPI ExInitializeLookasideListEx(_Out_ PLOOKASIDE_LIST_EX Lookaside,
						       _In_opt_ PALLOCATE_FUNCTION_EX Allocate,
						       _In_opt_ PFREE_FUNCTION_EX Free,
						       _In_ POOL_TYPE PoolType, _In_ ULONG Flags,
						       _In_ SIZE_T Size, _In_ ULONG Tag,
						       _In_ USHORT Depth);
NTKERNELAPI VOID NTAPI ExDeleteLookasideListEx(_Inout_ PLOOKASIDE_LIST_EX Lookaside);
NTKERNELAPI VOID NTAPI ExFlushLookasideListEx(_Inout_ PLOOKASIDE_LIST_EX Lookaside);
NTKERNELAPI PVOID NTAPI ExAllocateFromLookasideListEx(_Inout_ PLOOKASIDE_LIST_EX Lookaside);
NTKERNELAPI VOID NTAPI ExFreeToLookasideListEx(_Inout_ PLOOKASIDE_LIST_EX Lookaside,
					       _In_ PVOID Entry);

/* ---- Security basics ------------------------------------------------------- */

typedef struct _SID_IDENTIFIER_AUTHORITY {
	UCHAR Value[6];
} SID_IDENTIFIER_AUTHORITY, *PSID_IDENTIFIER_AUTHORITY;

typedef struct _SID {
	UCHAR Revision;
	UCHAR SubAuthorityCount;
	SID_IDENTIFIER_AUTHORITY IdentifierAuthority;
	ULONG SubAuthority[ANYSIZE_ARRAY];
} SID, *PISID;

typedef struct _ACL {
	UCHAR AclRevision;
	UCHAR Sbz1;
	USHORT AclSize;
	USHORT AceCount;
	USHORT Sbz2;
} ACL, *PACL;

typedef USHORT SECURITY_DESCRIPTOR_CONTROL, *PSECURITY_DESCRIPTOR_CONTROL;
typedef struct _SECURITY_DESCRIPTOR {
	UCHAR Revision;
	UCHAR Sbz1;
	SECURITY_DESCRIPTOR_CONTROL Control;
	PSID Owner;
	PSID Group;
	PACL Sacl;
	PACL Dacl;
} SECURITY_DESCRIPTOR, *PISECURITY_DESCRIPTOR;
#define SECURITY_DESCRIPTOR_REVISION   1
#define SECURITY_DESCRIPTOR_MIN_LENGTH (sizeof(SECURITY_DESCRIPTOR))
#define ACL_REVISION                   2

#define OWNER_SECURITY_INFORMATION (0x00000001L)
#define GROUP_SECURITY_INFORMATION (0x00000002L)
#define DACL_SECURITY_INFORMATION  (0x00000004L)
#define SACL_SECURITY_INFORMATION  (0x00000008L)
#define LABEL_SECURITY_INFORMATION (0x00000010L)

typedef enum _SECURITY_IMPERSONATION_LEVEL {
	SecurityAnonymous,
	SecurityIdentification,
	SecurityImpersonation,
	SecurityDelegation
} SECURITY_IMPERSONATION_LEVEL,
	*PSECURITY_IMPERSONATION_LEVEL;

typedef BOOLEAN SECURITY_CONTEXT_TRACKING_MODE, *PSECURITY_CONTEXT_TRACKING_MODE;
typedef struct _SECURITY_QUALITY_OF_SERVICE {
	ULONG Length;
	SECURITY_IMPERSONATION_LEVEL ImpersonationLevel;
	SECURITY_CONTEXT_TRACKING_MODE ContextTrackingMode;
	BOOLEAN EffectiveOnly;
} SECURITY_QUALITY_OF_SERVICE, *PSECURITY_QUALITY_OF_SERVICE;

typedef enum _TOKEN_TYPE { TokenPrimary = 1, TokenImpersonation } TOKEN_TYPE;
typedef PVOID PACCESS_TOKEN;

typedef struct _SECURITY_SUBJECT_CONTEXT {
	PACCESS_TOKEN ClientToken;
	SECURITY_IMPERSONATION_LEVEL ImpersonationLevel;
	PACCESS_TOKEN PrimaryToken;
	PVOID ProcessAuditId;
} SECURITY_SUBJECT_CONTEXT, *PSECURITY_SUBJECT_CONTEXT;

typedef struct _LUID {
	ULONG LowPart;
	LONG HighPart;
} LUID, *PLUID;

typedef struct _LUID_AND_ATTRIBUTES {
	LUID Luid;
	ULONG Attributes;
} LUID_AND_ATTRIBUTES, *PLUID_AND_ATTRIBUTES;

typedef struct _PRIVILEGE_SET {
	ULONG PrivilegeCount;
	ULONG Control;
	LUID_AND_ATTRIBUTES Privilege[ANYSIZE_ARRAY];
} PRIVILEGE_SET, *PPRIVILEGE_SET;

typedef struct _INITIAL_PRIVILEGE_SET {
	ULONG PrivilegeCount;
	ULONG Control;
	LUID_AND_ATTRIBUTES Privilege[3];
} INITIAL_PRIVILEGE_SET, *PINITIAL_PRIVILEGE_SET;

typedef struct _ACCESS_STATE {
	LUID OperationID;
	BOOLEAN SecurityEvaluated;
	BOOLEAN GenerateAudit;
	BOOLEAN GenerateOnClose;
	BOOLEAN PrivilegesAllocated;
	ULONG Flags;
	ACCESS_MASK RemainingDesiredAccess;
	ACCESS_MASK PreviouslyGrantedAccess;
	ACCESS_MASK OriginalDesiredAccess;
	SECURITY_SUBJECT_CONTEXT SubjectSecurityContext;
	PSECURITY_DESCRIPTOR SecurityDescriptor;
	PVOID AuxData;
	union {
		INITIAL_PRIVILEGE_SET InitialPrivilegeSet;
		PRIVILEGE_SET PrivilegeSet;
	} Privileges;
	BOOLEAN AuditPrivileges;
	UNICODE_STRING ObjectName;
	UNICODE_STRING ObjectTypeName;
} ACCESS_STATE, *PACCESS_STATE;

typedef struct _IO_SECURITY_CONTEXT {
	PSECURITY_QUALITY_OF_SERVICE SecurityQos;
	PACCESS_STATE AccessState;
	ACCESS_MASK DesiredAccess;
	ULONG FullCreateOptions;
} IO_SECURITY_CONTEXT, *PIO_SECURITY_CONTEXT;

NTKERNELAPI VOID NTAPI SeCaptureSubjectContext(_Out_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
NTKERNELAPI VOID NTAPI SeLockSubjectContext(_In_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
NTKERNELAPI VOID NTAPI SeUnlockSubjectContext(_In_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
NTKERNELAPI VOID NTAPI SeReleaseSubjectContext(_Inout_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
NTKERNELAPI BOOLEAN NTAPI
SeAccessCheck(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor,
	      _In_ PSECURITY_SUBJECT_CONTEXT SubjectSecurityContext,
	      _In_ BOOLEAN SubjectContextLocked, _In_ ACCESS_MASK DesiredAccess,
	      _In_ ACCESS_MASK PreviouslyGrantedAccess, _Outptr_opt_ PPRIVILEGE_SET *Privileges,
	      _In_ PGENERIC_MAPPING GenericMapping, _In_ KPROCESSOR_MODE AccessMode,
	      _Out_ PACCESS_MASK GrantedAccess, _Out_ PNTSTATUS AccessStatus);
NTKERNELAPI BOOLEAN NTAPI SeSinglePrivilegeCheck(_In_ LUID PrivilegeValue,
						 _In_ KPROCESSOR_MODE PreviousMode);
NTSYSAPI NTSTATUS NTAPI RtlCreateSecurityDescriptor(_Out_ PSECURITY_DESCRIPTOR SecurityDescriptor,
						    _In_ ULONG Revision);
NTSYSAPI NTSTATUS NTAPI RtlSetDaclSecurityDescriptor(
	_Inout_ PSECURITY_DESCRIPTOR SecurityDescriptor, _In_ BOOLEAN DaclPresent,
	_In_opt_ PACL Dacl, _In_ BOOLEAN DaclDefaulted);
NTSYSAPI BOOLEAN NTAPI RtlValidSecurityDescriptor(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor);
NTSYSAPI ULONG NTAPI RtlLengthSecurityDescriptor(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor);

/* ---- Device, driver, file objects and IRPs ------------------------------------ */

typedef struct _DEVICE_OBJECT *PDEVICE_OBJECT;
typedef struct _DRIVER_OBJECT *PDRIVER_OBJECT;
typedef struct _FILE_OBJECT *PFILE_OBJECT;
typedef struct _IRP *PIRP;
typedef struct _IO_STACK_LOCATION *PIO_STACK_LOCATION;
typedef struct _VPB *PVPB;
typedef struct _FAST_IO_DISPATCH *PFAST_IO_DISPATCH;
typedef struct _DEVICE_OBJECT_EXTENSION *PDEVOBJ_EXTENSION;
typedef struct _IO_TIMER *PIO_TIMER;
typedef struct _IO_WORKITEM *PIO_WORKITEM;

typedef NTSTATUS NTAPI DRIVER_INITIALIZE(_In_ struct _DRIVER_OBJECT *DriverObject,
					 _In_ PUNICODE_STRING RegistryPath);
typedef DRIVER_INITIALIZE *PDRIVER_INITIALIZE;
typedef VOID NTAPI DRIVER_UNLOAD(_In_ struct _DRIVER_OBJECT *DriverObject);
typedef DRIVER_UNLOAD *PDRIVER_UNLOAD;
typedef NTSTATUS NTAPI DRIVER_ADD_DEVICE(_In_ struct _DRIVER_OBJECT *DriverObject,
					 _In_ struct _DEVICE_OBJECT *PhysicalDeviceObject);
typedef DRIVER_ADD_DEVICE *PDRIVER_ADD_DEVICE;
typedef NTSTATUS NTAPI DRIVER_DISPATCH(_In_ struct _DEVICE_OBJECT *DeviceObject,
				       _Inout_ struct _IRP *Irp);
typedef DRIVER_DISPATCH *PDRIVER_DISPATCH;
typedef DRIVER_DISPATCH DRIVER_DISPATCH_RAISED;
typedef DRIVER_DISPATCH DRIVER_DISPATCH_PAGED;
typedef VOID NTAPI DRIVER_STARTIO(_Inout_ struct _DEVICE_OBJECT *DeviceObject,
				  _Inout_ struct _IRP *Irp);
typedef DRIVER_STARTIO *PDRIVER_STARTIO;
typedef VOID NTAPI DRIVER_CANCEL(_Inout_ struct _DEVICE_OBJECT *DeviceObject,
				 _Inout_ struct _IRP *Irp);
typedef DRIVER_CANCEL *PDRIVER_CANCEL;
typedef NTSTATUS NTAPI IO_COMPLETION_ROUTINE(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp,
					     _In_reads_opt_(_Inexpressible_("varies"))
						     PVOID Context);
typedef IO_COMPLETION_ROUTINE *PIO_COMPLETION_ROUTINE;
typedef VOID NTAPI IO_WORKITEM_ROUTINE(_In_ PDEVICE_OBJECT DeviceObject, _In_opt_ PVOID Context);
typedef IO_WORKITEM_ROUTINE *PIO_WORKITEM_ROUTINE;
typedef VOID NTAPI IO_WORKITEM_ROUTINE_EX(_In_ PVOID IoObject, _In_opt_ PVOID Context,
					  _In_ PIO_WORKITEM IoWorkItem);
typedef IO_WORKITEM_ROUTINE_EX *PIO_WORKITEM_ROUTINE_EX;

#define IO_COMPLETION_ROUTINE_RESULT NTSTATUS
#define STATUS_CONTINUE_COMPLETION   STATUS_SUCCESS
typedef enum _IO_COMPLETION_ROUTINE_RESULT_ENUM {
	ContinueCompletion = STATUS_CONTINUE_COMPLETION,
	StopCompletion = STATUS_MORE_PROCESSING_REQUIRED
} IO_COMPLETION_ROUTINE_RESULT_ENUM;

typedef struct _DRIVER_EXTENSION {
	struct _DRIVER_OBJECT *DriverObject;
	PDRIVER_ADD_DEVICE AddDevice;
	ULONG Count;
	UNICODE_STRING ServiceKeyName;
} DRIVER_EXTENSION, *PDRIVER_EXTENSION;

typedef struct _DRIVER_OBJECT {
	CSHORT Type;
	CSHORT Size;
	PDEVICE_OBJECT DeviceObject;
	ULONG Flags;
	PVOID DriverStart;
	ULONG DriverSize;
	PVOID DriverSection;
	PDRIVER_EXTENSION DriverExtension;
	UNICODE_STRING DriverName;
	PUNICODE_STRING HardwareDatabase;
	PFAST_IO_DISPATCH FastIoDispatch;
	PDRIVER_INITIALIZE DriverInit;
	PDRIVER_STARTIO DriverStartIo;
	PDRIVER_UNLOAD DriverUnload;
	PDRIVER_DISPATCH MajorFunction[IRP_MJ_MAXIMUM_FUNCTION + 1];
} DRIVER_OBJECT;

typedef struct _KDEVICE_QUEUE {
	CSHORT Type;
	CSHORT Size;
	LIST_ENTRY DeviceListHead;
	KSPIN_LOCK Lock;
	BOOLEAN Busy;
} KDEVICE_QUEUE, *PKDEVICE_QUEUE, *PRKDEVICE_QUEUE;

typedef struct _KDEVICE_QUEUE_ENTRY {
	LIST_ENTRY DeviceListEntry;
	ULONG SortKey;
	BOOLEAN Inserted;
} KDEVICE_QUEUE_ENTRY, *PKDEVICE_QUEUE_ENTRY, *PRKDEVICE_QUEUE_ENTRY;

typedef struct _WAIT_CONTEXT_BLOCK {
	KDEVICE_QUEUE_ENTRY WaitQueueEntry;
	PVOID DeviceRoutine;
	PVOID DeviceContext;
	ULONG NumberOfMapRegisters;
	PVOID DeviceObject;
	PVOID CurrentIrp;
	PKDPC BufferChainingDpc;
} WAIT_CONTEXT_BLOCK, *PWAIT_CONTEXT_BLOCK;

typedef struct DECLSPEC_ALIGN(16) _DEVICE_OBJECT {
	CSHORT Type;
	USHORT Size;
	LONG ReferenceCount;
	struct _DRIVER_OBJECT *DriverObject;
	struct _DEVICE_OBJECT *NextDevice;
	struct _DEVICE_OBJECT *AttachedDevice;
	struct _IRP *CurrentIrp;
	PIO_TIMER Timer;
	ULONG Flags;
	ULONG Characteristics;
	__volatile PVPB Vpb;
	PVOID DeviceExtension;
	DEVICE_TYPE DeviceType;
	CCHAR StackSize;
	union {
		LIST_ENTRY ListEntry;
		WAIT_CONTEXT_BLOCK Wcb;
	} Queue;
	ULONG AlignmentRequirement;
	KDEVICE_QUEUE DeviceQueue;
	KDPC Dpc;
	ULONG ActiveThreadCount;
	PSECURITY_DESCRIPTOR SecurityDescriptor;
	KEVENT DeviceLock;
	USHORT SectorSize;
	USHORT Spare1;
	PDEVOBJ_EXTENSION DeviceObjectExtension;
	PVOID Reserved;
} DEVICE_OBJECT;

#define MAXIMUM_VOLUME_LABEL_LENGTH (32 * sizeof(WCHAR))
typedef struct _VPB {
	CSHORT Type;
	CSHORT Size;
	USHORT Flags;
	USHORT VolumeLabelLength;
	struct _DEVICE_OBJECT *DeviceObject;
	struct _DEVICE_OBJECT *RealDevice;
	ULONG SerialNumber;
	ULONG ReferenceCount;
	WCHAR VolumeLabel[MAXIMUM_VOLUME_LABEL_LENGTH / sizeof(WCHAR)];
} VPB;
#define VPB_MOUNTED               0x00000001
#define VPB_LOCKED                0x00000002
#define VPB_PERSISTENT            0x00000004
#define VPB_REMOVE_PENDING        0x00000008
#define VPB_RAW_MOUNT             0x00000010
#define VPB_DIRECT_WRITES_ALLOWED 0x00000020

typedef struct _SECTION_OBJECT_POINTERS {
	PVOID DataSectionObject;
	PVOID SharedCacheMap;
	PVOID ImageSectionObject;
} SECTION_OBJECT_POINTERS, *PSECTION_OBJECT_POINTERS;

typedef struct _IO_COMPLETION_CONTEXT {
	PVOID Port;
	PVOID Key;
	LONG_PTR UsageCount;
} IO_COMPLETION_CONTEXT, *PIO_COMPLETION_CONTEXT;

typedef struct _FILE_OBJECT {
	CSHORT Type;
	CSHORT Size;
	PDEVICE_OBJECT DeviceObject;
	PVPB Vpb;
	PVOID FsContext;
	PVOID FsContext2;
	PSECTION_OBJECT_POINTERS SectionObjectPointer;
	PVOID PrivateCacheMap;
	NTSTATUS FinalStatus;
	struct _FILE_OBJECT *RelatedFileObject;
	BOOLEAN LockOperation;
	BOOLEAN DeletePending;
	BOOLEAN ReadAccess;
	BOOLEAN WriteAccess;
	BOOLEAN DeleteAccess;
	BOOLEAN SharedRead;
	BOOLEAN SharedWrite;
	BOOLEAN SharedDelete;
	ULONG Flags;
	UNICODE_STRING FileName;
	LARGE_INTEGER CurrentByteOffset;
	__volatile ULONG Waiters;
	__volatile ULONG Busy;
	PVOID LastLock;
	KEVENT Lock;
	KEVENT Event;
	__volatile PIO_COMPLETION_CONTEXT CompletionContext;
	KSPIN_LOCK IrpListLock;
	LIST_ENTRY IrpList;
	__volatile PVOID FileObjectExtension;
} FILE_OBJECT;

typedef struct _IRP {
	CSHORT Type;
	USHORT Size;
	PMDL MdlAddress;
	ULONG Flags;
	union {
		struct _IRP *MasterIrp;
		__volatile LONG IrpCount;
		PVOID SystemBuffer;
	} AssociatedIrp;
	LIST_ENTRY ThreadListEntry;
	IO_STATUS_BLOCK IoStatus;
	KPROCESSOR_MODE RequestorMode;
	BOOLEAN PendingReturned;
	CHAR StackCount;
	CHAR CurrentLocation;
	BOOLEAN Cancel;
	KIRQL CancelIrql;
	CCHAR ApcEnvironment;
	UCHAR AllocationFlags;
	union {
		PIO_STATUS_BLOCK UserIosb;
		PVOID IoRingContext;
	};
	PKEVENT UserEvent;
	union {
		struct {
			union {
				PIO_APC_ROUTINE UserApcRoutine;
				PVOID IssuingProcess;
			};
			union {
				PVOID UserApcContext;
				struct _IORING_OBJECT *IoRing;
			};
		} AsynchronousParameters;
		LARGE_INTEGER AllocationSize;
	} Overlay;
	__volatile PDRIVER_CANCEL CancelRoutine;
	PVOID UserBuffer;
	union {
		struct {
			union {
				KDEVICE_QUEUE_ENTRY DeviceQueueEntry;
				struct {
					PVOID DriverContext[4];
				};
			};
			PETHREAD Thread;
			PCHAR AuxiliaryBuffer;
			struct {
				LIST_ENTRY ListEntry;
				union {
					struct _IO_STACK_LOCATION *CurrentStackLocation;
					ULONG PacketType;
				};
			};
			struct _FILE_OBJECT *OriginalFileObject;
		} Overlay;
		KAPC Apc;
		PVOID CompletionKey;
	} Tail;
} IRP;

typedef enum _DEVICE_RELATION_TYPE {
	BusRelations,
	EjectionRelations,
	PowerRelations,
	RemovalRelations,
	TargetDeviceRelation,
	SingleBusRelations,
	TransportRelations
} DEVICE_RELATION_TYPE,
	*PDEVICE_RELATION_TYPE;

typedef enum _BUS_QUERY_ID_TYPE {
	BusQueryDeviceID = 0,
	BusQueryHardwareIDs = 1,
	BusQueryCompatibleIDs = 2,
	BusQueryInstanceID = 3,
	BusQueryDeviceSerialNumber = 4,
	BusQueryContainerID = 5
} BUS_QUERY_ID_TYPE,
	*PBUS_QUERY_ID_TYPE;

typedef enum _DEVICE_TEXT_TYPE {
	DeviceTextDescription = 0,
	DeviceTextLocationInformation = 1
} DEVICE_TEXT_TYPE,
	*PDEVICE_TEXT_TYPE;

typedef enum _DEVICE_USAGE_NOTIFICATION_TYPE {
	DeviceUsageTypeUndefined,
	DeviceUsageTypePaging,
	DeviceUsageTypeHibernation,
	DeviceUsageTypeDumpFile,
	DeviceUsageTypeBoot,
	DeviceUsageTypePostDisplay,
	DeviceUsageTypeGuestAssigned
} DEVICE_USAGE_NOTIFICATION_TYPE;

typedef enum _SYSTEM_POWER_STATE {
	PowerSystemUnspecified = 0,
	PowerSystemWorking = 1,
	PowerSystemSleeping1 = 2,
	PowerSystemSleeping2 = 3,
	PowerSystemSleeping3 = 4,
	PowerSystemHibernate = 5,
	PowerSystemShutdown = 6,
	PowerSystemMaximum = 7
} SYSTEM_POWER_STATE,
	*PSYSTEM_POWER_STATE;

typedef enum _DEVICE_POWER_STATE {
	PowerDeviceUnspecified = 0,
	PowerDeviceD0,
	PowerDeviceD1,
	PowerDeviceD2,
	PowerDeviceD3,
	PowerDeviceMaximum
} DEVICE_POWER_STATE,
	*PDEVICE_POWER_STATE;

typedef union _POWER_STATE {
	SYSTEM_POWER_STATE SystemState;
	DEVICE_POWER_STATE DeviceState;
} POWER_STATE, *PPOWER_STATE;

typedef enum _POWER_STATE_TYPE { SystemPowerState = 0, DevicePowerState } POWER_STATE_TYPE;
typedef enum { PowerActionNone = 0 } POWER_ACTION, *PPOWER_ACTION;

typedef struct _SYSTEM_POWER_STATE_CONTEXT {
	ULONG ContextAsUlong;
} SYSTEM_POWER_STATE_CONTEXT, *PSYSTEM_POWER_STATE_CONTEXT;

typedef enum _FILE_INFORMATION_CLASS {
	FileDirectoryInformation = 1,
	FileFullDirectoryInformation,
	FileBothDirectoryInformation,
	FileBasicInformation,
	FileStandardInformation,
	FileInternalInformation,
	FileEaInformation,
	FileAccessInformation,
	FileNameInformation,
	FileRenameInformation,
	FileLinkInformation,
	FileNamesInformation,
	FileDispositionInformation,
	FilePositionInformation,
	FileFullEaInformation,
	FileModeInformation,
	FileAlignmentInformation,
	FileAllInformation,
	FileAllocationInformation,
	FileEndOfFileInformation,
	FileAlternateNameInformation,
	FileStreamInformation,
	FilePipeInformation,
	FilePipeLocalInformation,
	FilePipeRemoteInformation,
	FileMailslotQueryInformation,
	FileMailslotSetInformation,
	FileCompressionInformation,
	FileObjectIdInformation,
	FileCompletionInformation,
	FileMoveClusterInformation,
	FileQuotaInformation,
	FileReparsePointInformation,
	FileNetworkOpenInformation,
	FileAttributeTagInformation,
	FileTrackingInformation,
	FileIdBothDirectoryInformation,
	FileIdFullDirectoryInformation,
	FileValidDataLengthInformation,
	FileShortNameInformation,
	FileIoCompletionNotificationInformation,
	FileIoStatusBlockRangeInformation,
	FileIoPriorityHintInformation,
	FileSfioReserveInformation,
	FileSfioVolumeInformation,
	FileHardLinkInformation,
	FileProcessIdsUsingFileInformation,
	FileNormalizedNameInformation,
	FileNetworkPhysicalNameInformation,
	FileIdGlobalTxDirectoryInformation,
	FileIsRemoteDeviceInformation,
	FileUnusedInformation,
	FileNumaNodeInformation,
	FileStandardLinkInformation,
	FileRemoteProtocolInformation,
	FileRenameInformationBypassAccessCheck,
	FileLinkInformationBypassAccessCheck,
	FileVolumeNameInformation,
	FileIdInformation,
	FileIdExtdDirectoryInformation,
	FileReplaceCompletionInformation,
	FileHardLinkFullIdInformation,
	FileIdExtdBothDirectoryInformation,
	FileDispositionInformationEx,
	FileRenameInformationEx,
	FileRenameInformationExBypassAccessCheck,
	FileDesiredStorageClassInformation,
	FileStatInformation,
	FileMemoryPartitionInformation,
	FileStatLxInformation,
	FileCaseSensitiveInformation,
	FileLinkInformationEx,
	FileLinkInformationExBypassAccessCheck,
	FileStorageReserveIdInformation,
	FileCaseSensitiveInformationForceAccessCheck,
	FileKnownFolderInformation,
	FileStatBasicInformation,
	FileId64ExtdDirectoryInformation,
	FileId64ExtdBothDirectoryInformation,
	FileIdAllExtdDirectoryInformation,
	FileIdAllExtdBothDirectoryInformation,
	FileStreamReservationInformation,
	FileMupProviderInfo,
	FileMaximumInformation
} FILE_INFORMATION_CLASS,
	*PFILE_INFORMATION_CLASS;

typedef enum _FSINFOCLASS {
	FileFsVolumeInformation = 1,
	FileFsLabelInformation,
	FileFsSizeInformation,
	FileFsDeviceInformation,
	FileFsAttributeInformation,
	FileFsControlInformation,
	FileFsFullSizeInformation,
	FileFsObjectIdInformation,
	FileFsDriverPathInformation,
	FileFsVolumeFlagsInformation,
	FileFsSectorSizeInformation,
	FileFsDataCopyInformation,
	FileFsMetadataSizeInformation,
	FileFsFullSizeInformationEx,
	FileFsGuidInformation,
	FileFsMaximumInformation
} FS_INFORMATION_CLASS,
	*PFS_INFORMATION_CLASS;

typedef struct _INTERFACE {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PVOID InterfaceReference;
	PVOID InterfaceDereference;
} INTERFACE, *PINTERFACE;

typedef struct _IO_STACK_LOCATION {
	UCHAR MajorFunction;
	UCHAR MinorFunction;
	UCHAR Flags;
	UCHAR Control;
	union {
		struct {
			PIO_SECURITY_CONTEXT SecurityContext;
			ULONG Options;
			USHORT POINTER_ALIGNMENT FileAttributes;
			USHORT ShareAccess;
			ULONG POINTER_ALIGNMENT EaLength;
		} Create;
		struct {
			PIO_SECURITY_CONTEXT SecurityContext;
			ULONG Options;
			USHORT POINTER_ALIGNMENT Reserved;
			USHORT ShareAccess;
			PVOID Parameters;
		} CreatePipe;
		struct {
			PIO_SECURITY_CONTEXT SecurityContext;
			ULONG Options;
			USHORT POINTER_ALIGNMENT Reserved;
			USHORT ShareAccess;
			PVOID Parameters;
		} CreateMailslot;
		struct {
			ULONG Length;
			ULONG POINTER_ALIGNMENT Key;
			ULONG Flags;
			LARGE_INTEGER ByteOffset;
		} Read;
		struct {
			ULONG Length;
			ULONG POINTER_ALIGNMENT Key;
			ULONG Flags;
			LARGE_INTEGER ByteOffset;
		} Write;
		struct {
			ULONG Length;
			PUNICODE_STRING FileName;
			FILE_INFORMATION_CLASS FileInformationClass;
			ULONG POINTER_ALIGNMENT FileIndex;
		} QueryDirectory;
		struct {
			ULONG Length;
			ULONG POINTER_ALIGNMENT CompletionFilter;
		} NotifyDirectory;
		struct {
			ULONG Length;
			ULONG POINTER_ALIGNMENT CompletionFilter;
			ULONG POINTER_ALIGNMENT DirectoryNotifyInformationClass;
		} NotifyDirectoryEx;
		struct {
			ULONG Length;
			FILE_INFORMATION_CLASS POINTER_ALIGNMENT FileInformationClass;
		} QueryFile;
		struct {
			ULONG Length;
			FILE_INFORMATION_CLASS POINTER_ALIGNMENT FileInformationClass;
			PFILE_OBJECT FileObject;
			union {
				struct {
					BOOLEAN ReplaceIfExists;
					BOOLEAN AdvanceOnly;
				};
				ULONG ClusterCount;
				HANDLE DeleteHandle;
			};
		} SetFile;
		struct {
			ULONG Length;
			PVOID EaList;
			ULONG EaListLength;
			ULONG POINTER_ALIGNMENT EaIndex;
		} QueryEa;
		struct {
			ULONG Length;
		} SetEa;
		struct {
			ULONG Length;
			FS_INFORMATION_CLASS POINTER_ALIGNMENT FsInformationClass;
		} QueryVolume;
		struct {
			ULONG Length;
			FS_INFORMATION_CLASS POINTER_ALIGNMENT FsInformationClass;
		} SetVolume;
		struct {
			ULONG OutputBufferLength;
			ULONG POINTER_ALIGNMENT InputBufferLength;
			ULONG POINTER_ALIGNMENT FsControlCode;
			PVOID Type3InputBuffer;
		} FileSystemControl;
		struct {
			PLARGE_INTEGER Length;
			ULONG POINTER_ALIGNMENT Key;
			LARGE_INTEGER ByteOffset;
		} LockControl;
		struct {
			ULONG OutputBufferLength;
			ULONG POINTER_ALIGNMENT InputBufferLength;
			ULONG POINTER_ALIGNMENT IoControlCode;
			PVOID Type3InputBuffer;
		} DeviceIoControl;
		struct {
			SECURITY_INFORMATION SecurityInformation;
			ULONG POINTER_ALIGNMENT Length;
		} QuerySecurity;
		struct {
			SECURITY_INFORMATION SecurityInformation;
			PSECURITY_DESCRIPTOR SecurityDescriptor;
		} SetSecurity;
		struct {
			PVPB Vpb;
			PDEVICE_OBJECT DeviceObject;
			ULONG OutputBufferLength;
		} MountVolume;
		struct {
			PVPB Vpb;
			PDEVICE_OBJECT DeviceObject;
		} VerifyVolume;
		struct {
			struct _SCSI_REQUEST_BLOCK *Srb;
		} Scsi;
		struct {
			ULONG Length;
			PSID StartSid;
			PVOID SidList;
			ULONG SidListLength;
		} QueryQuota;
		struct {
			ULONG Length;
		} SetQuota;
		struct {
			DEVICE_RELATION_TYPE Type;
		} QueryDeviceRelations;
		struct {
			CONST GUID *InterfaceType;
			USHORT Size;
			USHORT Version;
			PINTERFACE Interface;
			PVOID InterfaceSpecificData;
		} QueryInterface;
		struct {
			PVOID Capabilities;
		} DeviceCapabilities;
		struct {
			PVOID IoResourceRequirementList;
		} FilterResourceRequirements;
		struct {
			ULONG WhichSpace;
			PVOID Buffer;
			ULONG Offset;
			ULONG POINTER_ALIGNMENT Length;
		} ReadWriteConfig;
		struct {
			BOOLEAN Lock;
		} SetLock;
		struct {
			BUS_QUERY_ID_TYPE IdType;
		} QueryId;
		struct {
			DEVICE_TEXT_TYPE DeviceTextType;
			LCID POINTER_ALIGNMENT LocaleId;
		} QueryDeviceText;
		struct {
			BOOLEAN InPath;
			BOOLEAN Reserved[3];
			DEVICE_USAGE_NOTIFICATION_TYPE POINTER_ALIGNMENT Type;
		} UsageNotification;
		struct {
			SYSTEM_POWER_STATE PowerState;
		} WaitWake;
		struct {
			PVOID PowerSequence;
		} PowerSequence;
		struct {
			union {
				ULONG SystemContext;
				SYSTEM_POWER_STATE_CONTEXT SystemPowerStateContext;
			};
			POWER_STATE_TYPE POINTER_ALIGNMENT Type;
			POWER_STATE POINTER_ALIGNMENT State;
			POWER_ACTION POINTER_ALIGNMENT ShutdownType;
		} Power;
		struct {
			PVOID AllocatedResources;
			PVOID AllocatedResourcesTranslated;
		} StartDevice;
		struct {
			ULONG_PTR ProviderId;
			PVOID DataPath;
			ULONG BufferSize;
			PVOID Buffer;
		} WMI;
		struct {
			PVOID Argument1;
			PVOID Argument2;
			PVOID Argument3;
			PVOID Argument4;
		} Others;
	} Parameters;
	PDEVICE_OBJECT DeviceObject;
	PFILE_OBJECT FileObject;
	PIO_COMPLETION_ROUTINE CompletionRoutine;
	PVOID Context;
} IO_STACK_LOCATION;

/* ---- File information structures ------------------------------------------- */

typedef struct _FILE_BASIC_INFORMATION {
	LARGE_INTEGER CreationTime;
	LARGE_INTEGER LastAccessTime;
	LARGE_INTEGER LastWriteTime;
	LARGE_INTEGER ChangeTime;
	ULONG FileAttributes;
} FILE_BASIC_INFORMATION, *PFILE_BASIC_INFORMATION;

typedef struct _FILE_STANDARD_INFORMATION {
	LARGE_INTEGER AllocationSize;
	LARGE_INTEGER EndOfFile;
	ULONG NumberOfLinks;
	BOOLEAN DeletePending;
	BOOLEAN Directory;
} FILE_STANDARD_INFORMATION, *PFILE_STANDARD_INFORMATION;

typedef struct _FILE_POSITION_INFORMATION {
	LARGE_INTEGER CurrentByteOffset;
} FILE_POSITION_INFORMATION, *PFILE_POSITION_INFORMATION;

typedef struct _FILE_END_OF_FILE_INFORMATION {
	LARGE_INTEGER EndOfFile;
} FILE_END_OF_FILE_INFORMATION, *PFILE_END_OF_FILE_INFORMATION;

typedef struct _FILE_VALID_DATA_LENGTH_INFORMATION {
	LARGE_INTEGER ValidDataLength;
} FILE_VALID_DATA_LENGTH_INFORMATION, *PFILE_VALID_DATA_LENGTH_INFORMATION;

typedef struct _FILE_NETWORK_OPEN_INFORMATION {
	LARGE_INTEGER CreationTime;
	LARGE_INTEGER LastAccessTime;
	LARGE_INTEGER LastWriteTime;
	LARGE_INTEGER ChangeTime;
	LARGE_INTEGER AllocationSize;
	LARGE_INTEGER EndOfFile;
	ULONG FileAttributes;
} FILE_NETWORK_OPEN_INFORMATION, *PFILE_NETWORK_OPEN_INFORMATION;

typedef struct _FILE_ALIGNMENT_INFORMATION {
	ULONG AlignmentRequirement;
} FILE_ALIGNMENT_INFORMATION, *PFILE_ALIGNMENT_INFORMATION;

typedef struct _FILE_NAME_INFORMATION {
	ULONG FileNameLength;
	WCHAR FileName[1];
} FILE_NAME_INFORMATION, *PFILE_NAME_INFORMATION;

typedef struct _FILE_ATTRIBUTE_TAG_INFORMATION {
	ULONG FileAttributes;
	ULONG ReparseTag;
} FILE_ATTRIBUTE_TAG_INFORMATION, *PFILE_ATTRIBUTE_TAG_INFORMATION;

typedef struct _FILE_DISPOSITION_INFORMATION {
	BOOLEAN DeleteFile;
} FILE_DISPOSITION_INFORMATION, *PFILE_DISPOSITION_INFORMATION;

#define FILE_DISPOSITION_DO_NOT_DELETE             0x00000000
#define FILE_DISPOSITION_DELETE                    0x00000001
#define FILE_DISPOSITION_POSIX_SEMANTICS           0x00000002
#define FILE_DISPOSITION_FORCE_IMAGE_SECTION_CHECK 0x00000004
#define FILE_DISPOSITION_ON_CLOSE                  0x00000008
#define FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE 0x00000010

typedef struct _FILE_DISPOSITION_INFORMATION_EX {
	ULONG Flags;
} FILE_DISPOSITION_INFORMATION_EX, *PFILE_DISPOSITION_INFORMATION_EX;

typedef struct _FILE_FULL_EA_INFORMATION {
	ULONG NextEntryOffset;
	UCHAR Flags;
	UCHAR EaNameLength;
	USHORT EaValueLength;
	CHAR EaName[1];
} FILE_FULL_EA_INFORMATION, *PFILE_FULL_EA_INFORMATION;

typedef struct _FILE_FS_DEVICE_INFORMATION {
	DEVICE_TYPE DeviceType;
	ULONG Characteristics;
} FILE_FS_DEVICE_INFORMATION, *PFILE_FS_DEVICE_INFORMATION;

typedef struct _FILE_IO_PRIORITY_HINT_INFORMATION {
	ULONG PriorityHint;
} FILE_IO_PRIORITY_HINT_INFORMATION, *PFILE_IO_PRIORITY_HINT_INFORMATION;

typedef struct _FILE_ID_128 {
	UCHAR Identifier[16];
} FILE_ID_128, *PFILE_ID_128;

typedef struct _FILE_ID_INFORMATION {
	ULONGLONG VolumeSerialNumber;
	FILE_ID_128 FileId;
} FILE_ID_INFORMATION, *PFILE_ID_INFORMATION;

#define FILE_INVALID_FILE_ID ((LONGLONG)-1LL)

typedef struct _OBJECT_NAME_INFORMATION {
	UNICODE_STRING Name;
} OBJECT_NAME_INFORMATION, *POBJECT_NAME_INFORMATION;

typedef struct _SHARE_ACCESS {
	ULONG OpenCount;
	ULONG Readers;
	ULONG Writers;
	ULONG Deleters;
	ULONG SharedRead;
	ULONG SharedWrite;
	ULONG SharedDelete;
} SHARE_ACCESS, *PSHARE_ACCESS;

/* ---- I/O manager routines ---------------------------------------------------- */

#define IoGetCurrentIrpStackLocation(Irp) ((Irp)->Tail.Overlay.CurrentStackLocation)
#define IoGetNextIrpStackLocation(Irp)    ((Irp)->Tail.Overlay.CurrentStackLocation - 1)
#define IoMarkIrpPending(Irp)             (IoGetCurrentIrpStackLocation((Irp))->Control |= SL_PENDING_RETURNED)
#define IoSkipCurrentIrpStackLocation(Irp) \
	((Irp)->CurrentLocation++, (Irp)->Tail.Overlay.CurrentStackLocation++)
#define IoCopyCurrentIrpStackLocationToNext(Irp)                                   \
	do {                                                                       \
		PIO_STACK_LOCATION irpSp_ = IoGetCurrentIrpStackLocation(Irp);     \
		PIO_STACK_LOCATION nextIrpSp_ = IoGetNextIrpStackLocation(Irp);    \
		RtlCopyMemory(nextIrpSp_, irpSp_,                                  \
			      FIELD_OFFSET(IO_STACK_LOCATION, CompletionRoutine)); \
		nextIrpSp_->Control = 0;                                           \
	} while (0)
#define IoSetCompletionRoutine(Irp, Routine, CompletionContext, Success, Error, Cancel) \
	do {                                                                            \
		PIO_STACK_LOCATION irpSp_ = IoGetNextIrpStackLocation(Irp);             \
		irpSp_->CompletionRoutine = (Routine);                                  \
		irpSp_->Context = (CompletionContext);                                  \
		irpSp_->Control = 0;                                                    \
		if (Success)                                                            \
			irpSp_->Control = SL_INVOKE_ON_SUCCESS;                         \
		if (Error)                                                              \
			irpSp_->Control |= SL_INVOKE_ON_ERROR;                          \
		if (Cancel)                                                             \
			irpSp_->Control |= SL_INVOKE_ON_CANCEL;                         \
	} while (0)
#define IoSetCancelRoutine(Irp, NewCancelRoutine)               \
	((PDRIVER_CANCEL)(ULONG_PTR)InterlockedExchangePointer( \
		(PVOID *)&(Irp)->CancelRoutine, (PVOID)(ULONG_PTR)(NewCancelRoutine)))
#define IoGetFunctionCodeFromCtlCode(ControlCode) (((ULONG)(ControlCode & 0x00003FFC)) >> 2)
#define IoSizeOfIrp(StackSize)                    ((USHORT)(sizeof(IRP) + ((StackSize) * (sizeof(IO_STACK_LOCATION)))))

NTKERNELAPI NTSTATUS FASTCALL IofCallDriver(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp);
#define IoCallDriver(a, b) IofCallDriver(a, b)
NTKERNELAPI VOID FASTCALL IofCompleteRequest(_In_ PIRP Irp, _In_ CCHAR PriorityBoost);
#define IoCompleteRequest(a, b) IofCompleteRequest(a, b)
NTKERNELAPI PIRP NTAPI IoAllocateIrp(_In_ CCHAR StackSize, _In_ BOOLEAN ChargeQuota);
NTKERNELAPI VOID NTAPI IoFreeIrp(_In_ PIRP Irp);
NTKERNELAPI VOID NTAPI IoReuseIrp(_Inout_ PIRP Irp, _In_ NTSTATUS Iostatus);
NTKERNELAPI BOOLEAN NTAPI IoCancelIrp(_In_ PIRP Irp);
NTKERNELAPI PMDL NTAPI IoAllocateMdl(_In_opt_ __drv_aliasesMem PVOID VirtualAddress,
				     _In_ ULONG Length, _In_ BOOLEAN SecondaryBuffer,
				     _In_ BOOLEAN ChargeQuota, _Inout_opt_ PIRP Irp);
NTKERNELAPI VOID NTAPI IoFreeMdl(PMDL Mdl);
NTKERNELAPI VOID NTAPI IoBuildPartialMdl(_In_ PMDL SourceMdl, _Inout_ PMDL TargetMdl,
					 _In_ PVOID VirtualAddress, _In_ ULONG Length);
NTKERNELAPI PIRP NTAPI IoBuildDeviceIoControlRequest(
	_In_ ULONG IoControlCode, _In_ PDEVICE_OBJECT DeviceObject, _In_opt_ PVOID InputBuffer,
	_In_ ULONG InputBufferLength, _Out_opt_ PVOID OutputBuffer, _In_ ULONG OutputBufferLength,
	_In_ BOOLEAN InternalDeviceIoControl, _In_opt_ PKEVENT Event,
	_Out_ PIO_STATUS_BLOCK IoStatusBlock);
NTKERNELAPI PIRP NTAPI IoBuildSynchronousFsdRequest(_In_ ULONG MajorFunction,
						    _In_ PDEVICE_OBJECT DeviceObject,
						    _Inout_opt_ PVOID Buffer, _In_opt_ ULONG Length,
						    _In_opt_ PLARGE_INTEGER StartingOffset,
						    _In_ PKEVENT Event,
						    _Out_ PIO_STATUS_BLOCK IoStatusBlock);
NTKERNELAPI PIRP NTAPI IoBuildAsynchronousFsdRequest(_In_ ULONG MajorFunction,
						     _In_ PDEVICE_OBJECT DeviceObject,
						     _Inout_opt_ PVOID Buffer,
						     _In_opt_ ULONG Length,
						     _In_opt_ PLARGE_INTEGER StartingOffset,
						     _In_opt_ PIO_STATUS_BLOCK IoStatusBlock);
NTKERNELAPI NTSTATUS NTAPI IoCreateDevice(_In_ PDRIVER_OBJECT DriverObject,
					  _In_ ULONG DeviceExtensionSize,
					  _In_opt_ PUNICODE_STRING DeviceName,
					  _In_ DEVICE_TYPE DeviceType,
					  _In_ ULONG DeviceCharacteristics, _In_ BOOLEAN Exclusive,
					  _Out_ PDEVICE_OBJECT *DeviceObject);
NTKERNELAPI VOID NTAPI IoDeleteDevice(_In_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI NTSTATUS NTAPI IoCreateSymbolicLink(_In_ PUNICODE_STRING SymbolicLinkName,
						_In_ PUNICODE_STRING DeviceName);
NTKERNELAPI NTSTATUS NTAPI IoDeleteSymbolicLink(_In_ PUNICODE_STRING SymbolicLinkName);
NTKERNELAPI PDEVICE_OBJECT NTAPI IoGetAttachedDeviceReference(_In_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI PDEVICE_OBJECT NTAPI IoGetRelatedDeviceObject(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI NTSTATUS NTAPI IoGetDeviceObjectPointer(_In_ PUNICODE_STRING ObjectName,
						    _In_ ACCESS_MASK DesiredAccess,
						    _Out_ PFILE_OBJECT *FileObject,
						    _Out_ PDEVICE_OBJECT *DeviceObject);
NTKERNELAPI PDEVICE_OBJECT NTAPI IoAttachDeviceToDeviceStack(_In_ PDEVICE_OBJECT SourceDevice,
							     _In_ PDEVICE_OBJECT TargetDevice);
NTKERNELAPI VOID NTAPI IoDetachDevice(_Inout_ PDEVICE_OBJECT TargetDevice);
NTKERNELAPI PIRP NTAPI IoGetTopLevelIrp(VOID);
NTKERNELAPI VOID NTAPI IoSetTopLevelIrp(_In_opt_ PIRP Irp);
NTKERNELAPI BOOLEAN NTAPI IoIs32bitProcess(_In_opt_ PIRP Irp);
NTKERNELAPI VOID NTAPI IoGetStackLimits(_Out_ PULONG_PTR LowLimit, _Out_ PULONG_PTR HighLimit);
NTKERNELAPI ULONG_PTR NTAPI IoGetRemainingStackSize(VOID);
NTKERNELAPI BOOLEAN NTAPI IoIsOperationSynchronous(_In_ PIRP Irp);
NTKERNELAPI PIO_WORKITEM NTAPI IoAllocateWorkItem(_In_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI VOID NTAPI IoFreeWorkItem(_In_ PIO_WORKITEM IoWorkItem);
NTKERNELAPI VOID NTAPI IoQueueWorkItem(_Inout_ PIO_WORKITEM IoWorkItem,
				       _In_ PIO_WORKITEM_ROUTINE WorkerRoutine,
				       _In_ WORK_QUEUE_TYPE QueueType, _In_opt_ PVOID Context);
NTKERNELAPI VOID NTAPI IoQueueWorkItemEx(_Inout_ PIO_WORKITEM IoWorkItem,
					 _In_ PIO_WORKITEM_ROUTINE_EX WorkerRoutine,
					 _In_ WORK_QUEUE_TYPE QueueType, _In_opt_ PVOID Context);
NTKERNELAPI NTSTATUS NTAPI IoVolumeDeviceToDosName(_In_ PVOID VolumeDeviceObject,
						   _Out_ PUNICODE_STRING DosName);
NTKERNELAPI NTSTATUS NTAPI IoQueryFileDosDeviceName(
	_In_ PFILE_OBJECT FileObject, _Out_ POBJECT_NAME_INFORMATION *ObjectNameInformation);
NTKERNELAPI NTSTATUS NTAPI IoRegisterShutdownNotification(_In_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI VOID NTAPI IoUnregisterShutdownNotification(_In_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI NTSTATUS NTAPI IoCheckShareAccess(_In_ ACCESS_MASK DesiredAccess,
					      _In_ ULONG DesiredShareAccess,
					      _Inout_ PFILE_OBJECT FileObject,
					      _Inout_ PSHARE_ACCESS ShareAccess,
					      _In_ BOOLEAN Update);
NTKERNELAPI VOID NTAPI IoSetShareAccess(_In_ ACCESS_MASK DesiredAccess,
					_In_ ULONG DesiredShareAccess,
					_Inout_ PFILE_OBJECT FileObject,
					_Out_ PSHARE_ACCESS ShareAccess);
NTKERNELAPI VOID NTAPI IoRemoveShareAccess(_In_ PFILE_OBJECT FileObject,
					   _Inout_ PSHARE_ACCESS ShareAccess);
NTKERNELAPI VOID NTAPI IoUpdateShareAccess(_In_ PFILE_OBJECT FileObject,
					   _Inout_ PSHARE_ACCESS ShareAccess);

typedef enum _DRIVER_REGKEY_TYPE {
	DriverRegKeyParameters,
	DriverRegKeyPersistentState,
	DriverRegKeySharedPersistentState
} DRIVER_REGKEY_TYPE,
	*PDRIVER_REGKEY_TYPE;

NTKERNELAPI NTSTATUS NTAPI IoOpenDriverRegistryKey(_In_ PDRIVER_OBJECT DriverObject,
						   _In_ DRIVER_REGKEY_TYPE RegKeyType,
						   _In_ ACCESS_MASK DesiredAccess, _In_ ULONG Flags,
						   _Out_ PHANDLE DriverRegKey);

/* Extra create parameters and driver create contexts. */
typedef struct _ECP_LIST ECP_LIST, *PECP_LIST;
typedef struct _ECP_HEADER ECP_HEADER, *PECP_HEADER;

typedef struct _TXN_PARAMETER_BLOCK {
	USHORT Length;
	USHORT TxFsContext;
	PVOID TransactionObject;
} TXN_PARAMETER_BLOCK, *PTXN_PARAMETER_BLOCK;
#define TXF_MINIVERSION_DEFAULT_VIEW (0xFFFE)

typedef struct _IO_DRIVER_CREATE_CONTEXT {
	CSHORT Size;
	struct _ECP_LIST *ExtraCreateParameter;
	PVOID DeviceObjectHint;
	PTXN_PARAMETER_BLOCK TxnParameters;
	PVOID SiloContext;
} IO_DRIVER_CREATE_CONTEXT, *PIO_DRIVER_CREATE_CONTEXT;

FORCEINLINE VOID IoInitializeDriverCreateContext(PIO_DRIVER_CREATE_CONTEXT DriverContext)
{
	memset(DriverContext, 0, sizeof(IO_DRIVER_CREATE_CONTEXT));
	DriverContext->Size = sizeof(IO_DRIVER_CREATE_CONTEXT);
}

NTKERNELAPI PTXN_PARAMETER_BLOCK NTAPI IoGetTransactionParameterBlock(_In_ PFILE_OBJECT FileObject);

typedef enum _CREATE_FILE_TYPE {
	CreateFileTypeNone,
	CreateFileTypeNamedPipe,
	CreateFileTypeMailslot
} CREATE_FILE_TYPE;

NTKERNELAPI NTSTATUS NTAPI IoCreateFile(_Out_ PHANDLE FileHandle, _In_ ACCESS_MASK DesiredAccess,
					_In_ POBJECT_ATTRIBUTES ObjectAttributes,
					_Out_ PIO_STATUS_BLOCK IoStatusBlock,
					_In_opt_ PLARGE_INTEGER AllocationSize,
					_In_ ULONG FileAttributes, _In_ ULONG ShareAccess,
					_In_ ULONG Disposition, _In_ ULONG CreateOptions,
					_In_opt_ PVOID EaBuffer, _In_ ULONG EaLength,
					_In_ CREATE_FILE_TYPE CreateFileType,
					_In_opt_ PVOID InternalParameters, _In_ ULONG Options);
NTKERNELAPI NTSTATUS NTAPI IoCreateFileEx(_Out_ PHANDLE FileHandle, _In_ ACCESS_MASK DesiredAccess,
					  _In_ POBJECT_ATTRIBUTES ObjectAttributes,
					  _Out_ PIO_STATUS_BLOCK IoStatusBlock,
					  _In_opt_ PLARGE_INTEGER AllocationSize,
					  _In_ ULONG FileAttributes, _In_ ULONG ShareAccess,
					  _In_ ULONG Disposition, _In_ ULONG CreateOptions,
					  _In_opt_ PVOID EaBuffer, _In_ ULONG EaLength,
					  _In_ CREATE_FILE_TYPE CreateFileType,
					  _In_opt_ PVOID InternalParameters, _In_ ULONG Options,
					  _In_opt_ PIO_DRIVER_CREATE_CONTEXT DriverContext);
NTKERNELAPI NTSTATUS NTAPI IoCreateFileSpecifyDeviceObjectHint(
	_Out_ PHANDLE FileHandle, _In_ ACCESS_MASK DesiredAccess,
	_In_ POBJECT_ATTRIBUTES ObjectAttributes, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
	_In_opt_ PLARGE_INTEGER AllocationSize, _In_ ULONG FileAttributes, _In_ ULONG ShareAccess,
	_In_ ULONG Disposition, _In_ ULONG CreateOptions, _In_opt_ PVOID EaBuffer,
	_In_ ULONG EaLength, _In_ CREATE_FILE_TYPE CreateFileType,
	_In_opt_ PVOID InternalParameters, _In_ ULONG Options, _In_opt_ PVOID DeviceObject);

/* ---- Zw file, section and process routines ------------------------------------ */

NTSYSAPI NTSTATUS NTAPI ZwCreateFile(_Out_ PHANDLE FileHandle, _In_ ACCESS_MASK DesiredAccess,
				     _In_ POBJECT_ATTRIBUTES ObjectAttributes,
				     _Out_ PIO_STATUS_BLOCK IoStatusBlock,
				     _In_opt_ PLARGE_INTEGER AllocationSize,
				     _In_ ULONG FileAttributes, _In_ ULONG ShareAccess,
				     _In_ ULONG CreateDisposition, _In_ ULONG CreateOptions,
				     _In_reads_bytes_opt_(EaLength) PVOID EaBuffer,
				     _In_ ULONG EaLength);
NTSYSAPI NTSTATUS NTAPI ZwOpenFile(_Out_ PHANDLE FileHandle, _In_ ACCESS_MASK DesiredAccess,
				   _In_ POBJECT_ATTRIBUTES ObjectAttributes,
				   _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_ ULONG ShareAccess,
				   _In_ ULONG OpenOptions);
NTSYSAPI NTSTATUS NTAPI ZwClose(_In_ HANDLE Handle);
NTSYSAPI NTSTATUS NTAPI NtClose(_In_ HANDLE Handle);
NTSYSAPI NTSTATUS NTAPI ZwReadFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
				   _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext,
				   _Out_ PIO_STATUS_BLOCK IoStatusBlock,
				   _Out_writes_bytes_(Length) PVOID Buffer, _In_ ULONG Length,
				   _In_opt_ PLARGE_INTEGER ByteOffset, _In_opt_ PULONG Key);
NTSYSAPI NTSTATUS NTAPI ZwWriteFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
				    _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext,
				    _Out_ PIO_STATUS_BLOCK IoStatusBlock,
				    _In_reads_bytes_(Length) PVOID Buffer, _In_ ULONG Length,
				    _In_opt_ PLARGE_INTEGER ByteOffset, _In_opt_ PULONG Key);
NTSYSAPI NTSTATUS NTAPI ZwQueryInformationFile(_In_ HANDLE FileHandle,
					       _Out_ PIO_STATUS_BLOCK IoStatusBlock,
					       _Out_writes_bytes_(Length) PVOID FileInformation,
					       _In_ ULONG Length,
					       _In_ FILE_INFORMATION_CLASS FileInformationClass);
NTSYSAPI NTSTATUS NTAPI ZwSetInformationFile(_In_ HANDLE FileHandle,
					     _Out_ PIO_STATUS_BLOCK IoStatusBlock,
					     _In_reads_bytes_(Length) PVOID FileInformation,
					     _In_ ULONG Length,
					     _In_ FILE_INFORMATION_CLASS FileInformationClass);
NTSYSAPI NTSTATUS NTAPI ZwFlushBuffersFile(_In_ HANDLE FileHandle,
					   _Out_ PIO_STATUS_BLOCK IoStatusBlock);
NTSYSAPI NTSTATUS NTAPI ZwDeviceIoControlFile(
	_In_ HANDLE FileHandle, _In_opt_ HANDLE Event, _In_opt_ PIO_APC_ROUTINE ApcRoutine,
	_In_opt_ PVOID ApcContext, _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_ ULONG IoControlCode,
	_In_reads_bytes_opt_(InputBufferLength) PVOID InputBuffer, _In_ ULONG InputBufferLength,
	_Out_writes_bytes_opt_(OutputBufferLength) PVOID OutputBuffer,
	_In_ ULONG OutputBufferLength);
NTSYSAPI NTSTATUS NTAPI ZwCreateSection(_Out_ PHANDLE SectionHandle, _In_ ACCESS_MASK DesiredAccess,
					_In_opt_ POBJECT_ATTRIBUTES ObjectAttributes,
					_In_opt_ PLARGE_INTEGER MaximumSize,
					_In_ ULONG SectionPageProtection,
					_In_ ULONG AllocationAttributes,
					_In_opt_ HANDLE FileHandle);
NTSYSAPI NTSTATUS NTAPI ZwMapViewOfSection(_In_ HANDLE SectionHandle, _In_ HANDLE ProcessHandle,
					   _Inout_ PVOID *BaseAddress, _In_ ULONG_PTR ZeroBits,
					   _In_ SIZE_T CommitSize,
					   _Inout_opt_ PLARGE_INTEGER SectionOffset,
					   _Inout_ PSIZE_T ViewSize,
					   _In_ SECTION_INHERIT InheritDisposition,
					   _In_ ULONG AllocationType, _In_ ULONG Win32Protect);
NTSYSAPI NTSTATUS NTAPI ZwUnmapViewOfSection(_In_ HANDLE ProcessHandle, _In_opt_ PVOID BaseAddress);
NTSYSAPI NTSTATUS NTAPI ZwOpenProcess(_Out_ PHANDLE ProcessHandle, _In_ ACCESS_MASK DesiredAccess,
				      _In_ POBJECT_ATTRIBUTES ObjectAttributes,
				      _In_opt_ PCLIENT_ID ClientId);
NTSYSAPI NTSTATUS NTAPI ZwCreateEvent(_Out_ PHANDLE EventHandle, _In_ ACCESS_MASK DesiredAccess,
				      _In_opt_ POBJECT_ATTRIBUTES ObjectAttributes,
				      _In_ EVENT_TYPE EventType, _In_ BOOLEAN InitialState);
NTSYSAPI NTSTATUS NTAPI ZwWaitForSingleObject(_In_ HANDLE Handle, _In_ BOOLEAN Alertable,
					      _In_opt_ PLARGE_INTEGER Timeout);
#define SYMBOLIC_LINK_QUERY           0x0001
#define SYMBOLIC_LINK_ALL_ACCESS      (STANDARD_RIGHTS_REQUIRED | 0x1)
#define DIRECTORY_QUERY               0x0001
#define DIRECTORY_TRAVERSE            0x0002
#define DIRECTORY_CREATE_OBJECT       0x0004
#define DIRECTORY_CREATE_SUBDIRECTORY 0x0008
#define DIRECTORY_ALL_ACCESS          (STANDARD_RIGHTS_REQUIRED | 0xF)
NTSYSAPI NTSTATUS NTAPI ZwDeleteFile(_In_ POBJECT_ATTRIBUTES ObjectAttributes);
NTSYSAPI NTSTATUS NTAPI ZwOpenSymbolicLinkObject(_Out_ PHANDLE LinkHandle,
						 _In_ ACCESS_MASK DesiredAccess,
						 _In_ POBJECT_ATTRIBUTES ObjectAttributes);
NTSYSAPI NTSTATUS NTAPI ZwQuerySymbolicLinkObject(_In_ HANDLE LinkHandle,
						  _Inout_ PUNICODE_STRING LinkTarget,
						  _Out_opt_ PULONG ReturnedLength);
NTSYSAPI NTSTATUS NTAPI ZwMakeTemporaryObject(_In_ HANDLE Handle);

/* ---- Registry ----------------------------------------------------------------- */

#define KEY_QUERY_VALUE        (0x0001)
#define KEY_SET_VALUE          (0x0002)
#define KEY_CREATE_SUB_KEY     (0x0004)
#define KEY_ENUMERATE_SUB_KEYS (0x0008)
#define KEY_NOTIFY             (0x0010)
#define KEY_CREATE_LINK        (0x0020)
#define KEY_WOW64_32KEY        (0x0200)
#define KEY_WOW64_64KEY        (0x0100)
#define KEY_WOW64_RES          (0x0300)
#define KEY_READ                                                                          \
	((STANDARD_RIGHTS_READ | KEY_QUERY_VALUE | KEY_ENUMERATE_SUB_KEYS | KEY_NOTIFY) & \
	 (~SYNCHRONIZE))
#define KEY_WRITE   ((STANDARD_RIGHTS_WRITE | KEY_SET_VALUE | KEY_CREATE_SUB_KEY) & (~SYNCHRONIZE))
#define KEY_EXECUTE ((KEY_READ) & (~SYNCHRONIZE))
#define KEY_ALL_ACCESS                                                                 \
	((STANDARD_RIGHTS_ALL | KEY_QUERY_VALUE | KEY_SET_VALUE | KEY_CREATE_SUB_KEY | \
	  KEY_ENUMERATE_SUB_KEYS | KEY_NOTIFY | KEY_CREATE_LINK) &                     \
	 (~SYNCHRONIZE))

#define REG_OPTION_RESERVED       (0x00000000L)
#define REG_OPTION_NON_VOLATILE   (0x00000000L)
#define REG_OPTION_VOLATILE       (0x00000001L)
#define REG_OPTION_CREATE_LINK    (0x00000002L)
#define REG_OPTION_BACKUP_RESTORE (0x00000004L)
#define REG_OPTION_OPEN_LINK      (0x00000008L)
#define REG_CREATED_NEW_KEY       (0x00000001L)
#define REG_OPENED_EXISTING_KEY   (0x00000002L)

#define REG_NONE                       (0)
#define REG_SZ                         (1)
#define REG_EXPAND_SZ                  (2)
#define REG_BINARY                     (3)
#define REG_DWORD                      (4)
#define REG_DWORD_LITTLE_ENDIAN        (4)
#define REG_DWORD_BIG_ENDIAN           (5)
#define REG_LINK                       (6)
#define REG_MULTI_SZ                   (7)
#define REG_RESOURCE_LIST              (8)
#define REG_FULL_RESOURCE_DESCRIPTOR   (9)
#define REG_RESOURCE_REQUIREMENTS_LIST (10)
#define REG_QWORD                      (11)
#define REG_QWORD_LITTLE_ENDIAN        (11)

typedef enum _KEY_INFORMATION_CLASS {
	KeyBasicInformation,
	KeyNodeInformation,
	KeyFullInformation,
	KeyNameInformation,
	KeyCachedInformation,
	KeyFlagsInformation,
	KeyVirtualizationInformation,
	KeyHandleTagsInformation,
	KeyTrustInformation,
	KeyLayerInformation,
	MaxKeyInfoClass
} KEY_INFORMATION_CLASS;

typedef enum _KEY_VALUE_INFORMATION_CLASS {
	KeyValueBasicInformation,
	KeyValueFullInformation,
	KeyValuePartialInformation,
	KeyValueFullInformationAlign64,
	KeyValuePartialInformationAlign64,
	KeyValueLayerInformation,
	MaxKeyValueInfoClass
} KEY_VALUE_INFORMATION_CLASS;

typedef struct _KEY_BASIC_INFORMATION {
	LARGE_INTEGER LastWriteTime;
	ULONG TitleIndex;
	ULONG NameLength;
	WCHAR Name[1];
} KEY_BASIC_INFORMATION, *PKEY_BASIC_INFORMATION;

typedef struct _KEY_VALUE_BASIC_INFORMATION {
	ULONG TitleIndex;
	ULONG Type;
	ULONG NameLength;
	WCHAR Name[1];
} KEY_VALUE_BASIC_INFORMATION, *PKEY_VALUE_BASIC_INFORMATION;

typedef struct _KEY_VALUE_FULL_INFORMATION {
	ULONG TitleIndex;
	ULONG Type;
	ULONG DataOffset;
	ULONG DataLength;
	ULONG NameLength;
	WCHAR Name[1];
} KEY_VALUE_FULL_INFORMATION, *PKEY_VALUE_FULL_INFORMATION;

typedef struct _KEY_VALUE_PARTIAL_INFORMATION {
	ULONG TitleIndex;
	ULONG Type;
	ULONG DataLength;
	UCHAR Data[1];
} KEY_VALUE_PARTIAL_INFORMATION, *PKEY_VALUE_PARTIAL_INFORMATION;

NTSYSAPI NTSTATUS NTAPI ZwCreateKey(_Out_ PHANDLE KeyHandle, _In_ ACCESS_MASK DesiredAccess,
				    _In_ POBJECT_ATTRIBUTES ObjectAttributes,
				    _Reserved_ ULONG TitleIndex, _In_opt_ PUNICODE_STRING Class,
				    _In_ ULONG CreateOptions, _Out_opt_ PULONG Disposition);
NTSYSAPI NTSTATUS NTAPI ZwOpenKey(_Out_ PHANDLE KeyHandle, _In_ ACCESS_MASK DesiredAccess,
				  _In_ POBJECT_ATTRIBUTES ObjectAttributes);
NTSYSAPI NTSTATUS NTAPI ZwDeleteKey(_In_ HANDLE KeyHandle);
NTSYSAPI NTSTATUS NTAPI ZwDeleteValueKey(_In_ HANDLE KeyHandle, _In_ PUNICODE_STRING ValueName);
NTSYSAPI NTSTATUS NTAPI ZwEnumerateKey(_In_ HANDLE KeyHandle, _In_ ULONG Index,
				       _In_ KEY_INFORMATION_CLASS KeyInformationClass,
				       _Out_writes_bytes_opt_(Length) PVOID KeyInformation,
				       _In_ ULONG Length, _Out_ PULONG ResultLength);
NTSYSAPI NTSTATUS NTAPI
ZwEnumerateValueKey(_In_ HANDLE KeyHandle, _In_ ULONG Index,
		    _In_ KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
		    _Out_writes_bytes_opt_(Length) PVOID KeyValueInformation, _In_ ULONG Length,
		    _Out_ PULONG ResultLength);
NTSYSAPI NTSTATUS NTAPI ZwQueryKey(_In_ HANDLE KeyHandle,
				   _In_ KEY_INFORMATION_CLASS KeyInformationClass,
				   _Out_writes_bytes_opt_(Length) PVOID KeyInformation,
				   _In_ ULONG Length, _Out_ PULONG ResultLength);
NTSYSAPI NTSTATUS NTAPI ZwQueryValueKey(_In_ HANDLE KeyHandle, _In_ PUNICODE_STRING ValueName,
					_In_ KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
					_Out_writes_bytes_opt_(Length) PVOID KeyValueInformation,
					_In_ ULONG Length, _Out_ PULONG ResultLength);
NTSYSAPI NTSTATUS NTAPI ZwSetValueKey(_In_ HANDLE KeyHandle, _In_ PUNICODE_STRING ValueName,
				      _In_opt_ ULONG TitleIndex, _In_ ULONG Type,
				      _In_reads_bytes_opt_(DataSize) PVOID Data,
				      _In_ ULONG DataSize);
NTSYSAPI NTSTATUS NTAPI ZwFlushKey(_In_ HANDLE KeyHandle);

typedef NTSTATUS NTAPI RTL_QUERY_REGISTRY_ROUTINE(_In_z_ PWSTR ValueName, _In_ ULONG ValueType,
						  _In_reads_bytes_opt_(ValueLength) PVOID ValueData,
						  _In_ ULONG ValueLength, _In_opt_ PVOID Context,
						  _In_opt_ PVOID EntryContext);
typedef RTL_QUERY_REGISTRY_ROUTINE *PRTL_QUERY_REGISTRY_ROUTINE;

typedef struct _RTL_QUERY_REGISTRY_TABLE {
	PRTL_QUERY_REGISTRY_ROUTINE QueryRoutine;
	ULONG Flags;
	PWSTR Name;
	PVOID EntryContext;
	ULONG DefaultType;
	PVOID DefaultData;
	ULONG DefaultLength;
} RTL_QUERY_REGISTRY_TABLE, *PRTL_QUERY_REGISTRY_TABLE;

#define RTL_QUERY_REGISTRY_SUBKEY          0x00000001
#define RTL_QUERY_REGISTRY_TOPKEY          0x00000002
#define RTL_QUERY_REGISTRY_REQUIRED        0x00000004
#define RTL_QUERY_REGISTRY_NOVALUE         0x00000008
#define RTL_QUERY_REGISTRY_NOEXPAND        0x00000010
#define RTL_QUERY_REGISTRY_DIRECT          0x00000020
#define RTL_QUERY_REGISTRY_DELETE          0x00000040
#define RTL_QUERY_REGISTRY_TYPECHECK       0x00000100
#define RTL_QUERY_REGISTRY_TYPECHECK_SHIFT 24
#define RTL_REGISTRY_ABSOLUTE              0
#define RTL_REGISTRY_SERVICES              1
#define RTL_REGISTRY_CONTROL               2
#define RTL_REGISTRY_WINDOWS_NT            3
#define RTL_REGISTRY_DEVICEMAP             4
#define RTL_REGISTRY_USER                  5
#define RTL_REGISTRY_MAXIMUM               6
#define RTL_REGISTRY_HANDLE                0x40000000
#define RTL_REGISTRY_OPTIONAL              0x80000000

NTSYSAPI NTSTATUS NTAPI RtlQueryRegistryValues(_In_ ULONG RelativeTo, _In_ PCWSTR Path,
					       _Inout_ PRTL_QUERY_REGISTRY_TABLE QueryTable,
					       _In_opt_ PVOID Context, _In_opt_ PVOID Environment);
NTSYSAPI NTSTATUS NTAPI RtlWriteRegistryValue(_In_ ULONG RelativeTo, _In_ PCWSTR Path,
					      _In_z_ PCWSTR ValueName, _In_ ULONG ValueType,
					      _In_reads_bytes_opt_(ValueLength) PVOID ValueData,
					      _In_ ULONG ValueLength);
NTSYSAPI NTSTATUS NTAPI RtlCheckRegistryKey(_In_ ULONG RelativeTo, _In_ PWSTR Path);

/* ---- Run-time library: memory and strings ------------------------------------ */

#define RtlEqualMemory(Destination, Source, Length) (!memcmp((Destination), (Source), (Length)))
#define RtlMoveMemory(Destination, Source, Length)  memmove((Destination), (Source), (Length))
#define RtlCopyMemory(Destination, Source, Length)  memcpy((Destination), (Source), (Length))
#define RtlFillMemory(Destination, Length, Fill)    memset((Destination), (Fill), (Length))
#define RtlZeroMemory(Destination, Length)          memset((Destination), 0, (Length))
#define RtlSecureZeroMemory(Destination, Length)    memset((Destination), 0, (Length))
#define RtlCopyBytes                                RtlCopyMemory
#define RtlZeroBytes                                RtlZeroMemory
#define RtlFillBytes                                RtlFillMemory
NTSYSAPI SIZE_T NTAPI RtlCompareMemory(_In_ const VOID *Source1, _In_ const VOID *Source2,
				       _In_ SIZE_T Length);
NTSYSAPI VOID NTAPI RtlCopyMemoryNonTemporal(_Out_writes_bytes_all_(Length) VOID *Destination,
					     _In_reads_bytes_(Length) const VOID *Source,
					     _In_ SIZE_T Length);

NTSYSAPI VOID NTAPI RtlInitString(_Out_ PSTRING DestinationString, _In_opt_z_ PCSZ SourceString);
NTSYSAPI VOID NTAPI RtlInitAnsiString(_Out_ PANSI_STRING DestinationString,
				      _In_opt_z_ PCSZ SourceString);
NTSYSAPI VOID NTAPI RtlInitUnicodeString(_Out_ PUNICODE_STRING DestinationString,
					 _In_opt_z_ PCWSTR SourceString);
NTSYSAPI NTSTATUS NTAPI RtlInitUnicodeStringEx(_Out_ PUNICODE_STRING DestinationString,
					       _In_opt_z_ PCWSTR SourceString);
FORCEINLINE VOID RtlInitEmptyUnicodeString(_Out_ PUNICODE_STRING UnicodeString,
					   _In_opt_ PWCHAR Buffer, _In_ USHORT BufferSize)
{
	UnicodeString->Length = 0;
	UnicodeString->MaximumLength = BufferSize;
	UnicodeString->Buffer = Buffer;
}
FORCEINLINE VOID RtlInitEmptyAnsiString(_Out_ PANSI_STRING AnsiString, _In_opt_ PCHAR Buffer,
					_In_ USHORT BufferSize)
{
	AnsiString->Length = 0;
	AnsiString->MaximumLength = BufferSize;
	AnsiString->Buffer = Buffer;
}
NTSYSAPI VOID NTAPI RtlCopyUnicodeString(_Inout_ PUNICODE_STRING DestinationString,
					 _In_opt_ PCUNICODE_STRING SourceString);
NTSYSAPI VOID NTAPI RtlCopyString(_Out_ PSTRING DestinationString,
				  _In_opt_ const STRING *SourceString);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeStringToString(_Inout_ PUNICODE_STRING Destination,
						       _In_ PCUNICODE_STRING Source);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeToString(_Inout_ PUNICODE_STRING Destination,
						 _In_opt_z_ PCWSTR Source);
NTSYSAPI LONG NTAPI RtlCompareUnicodeString(_In_ PCUNICODE_STRING String1,
					    _In_ PCUNICODE_STRING String2,
					    _In_ BOOLEAN CaseInSensitive);
NTSYSAPI LONG NTAPI RtlCompareUnicodeStrings(_In_reads_(String1Length) PCWCH String1,
					     _In_ SIZE_T String1Length,
					     _In_reads_(String2Length) PCWCH String2,
					     _In_ SIZE_T String2Length,
					     _In_ BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlEqualUnicodeString(_In_ PCUNICODE_STRING String1,
					     _In_ PCUNICODE_STRING String2,
					     _In_ BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlPrefixUnicodeString(_In_ PCUNICODE_STRING String1,
					      _In_ PCUNICODE_STRING String2,
					      _In_ BOOLEAN CaseInSensitive);
NTSYSAPI LONG NTAPI RtlCompareString(_In_ const STRING *String1, _In_ const STRING *String2,
				     _In_ BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlEqualString(_In_ const STRING *String1, _In_ const STRING *String2,
				      _In_ BOOLEAN CaseInSensitive);
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeString(_When_(AllocateDestinationString, _Out_)
						       _When_(!AllocateDestinationString, _Inout_)
							       PUNICODE_STRING DestinationString,
					       _In_ PCUNICODE_STRING SourceString,
					       _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlDowncaseUnicodeString(_When_(AllocateDestinationString, _Out_)
							 _When_(!AllocateDestinationString, _Inout_)
								 PUNICODE_STRING DestinationString,
						 _In_ PCUNICODE_STRING SourceString,
						 _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI WCHAR NTAPI RtlUpcaseUnicodeChar(_In_ WCHAR SourceCharacter);
NTSYSAPI WCHAR NTAPI RtlDowncaseUnicodeChar(_In_ WCHAR SourceCharacter);
NTSYSAPI CHAR NTAPI RtlUpperChar(_In_ CHAR Character);
NTSYSAPI VOID NTAPI RtlUpperString(_Inout_ PSTRING DestinationString,
				   _In_ const STRING *SourceString);
NTSYSAPI VOID NTAPI RtlFreeUnicodeString(_Inout_ PUNICODE_STRING UnicodeString);
NTSYSAPI VOID NTAPI RtlFreeAnsiString(_Inout_ PANSI_STRING AnsiString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToAnsiString(
	_When_(AllocateDestinationString, _Out_) _When_(!AllocateDestinationString, _Inout_)
		PANSI_STRING DestinationString,
	_In_ PCUNICODE_STRING SourceString, _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlAnsiStringToUnicodeString(
	_When_(AllocateDestinationString, _Out_) _When_(!AllocateDestinationString, _Inout_)
		PUNICODE_STRING DestinationString,
	_In_ PCANSI_STRING SourceString, _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI ULONG NTAPI RtlxUnicodeStringToAnsiSize(_In_ PCUNICODE_STRING UnicodeString);
NTSYSAPI ULONG NTAPI RtlxAnsiStringToUnicodeSize(_In_ PCANSI_STRING AnsiString);
#define RtlUnicodeStringToAnsiSize(S) RtlxUnicodeStringToAnsiSize(S)
#define RtlAnsiStringToUnicodeSize(S) RtlxAnsiStringToUnicodeSize(S)
NTSYSAPI NTSTATUS NTAPI RtlIntegerToUnicodeString(_In_ ULONG Value, _In_opt_ ULONG Base,
						  _Inout_ PUNICODE_STRING String);
NTSYSAPI NTSTATUS NTAPI RtlInt64ToUnicodeString(_In_ ULONGLONG Value, _In_opt_ ULONG Base,
						_Inout_ PUNICODE_STRING String);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToInteger(_In_ PCUNICODE_STRING String, _In_opt_ ULONG Base,
						  _Out_ PULONG Value);
NTSYSAPI NTSTATUS NTAPI RtlCharToInteger(_In_z_ PCSZ String, _In_opt_ ULONG Base,
					 _Out_ PULONG Value);
NTSYSAPI NTSTATUS NTAPI RtlIntegerToChar(_In_ ULONG Value, _In_opt_ ULONG Base,
					 _In_ LONG OutputLength, _Out_ PSZ String);
NTSYSAPI NTSTATUS NTAPI RtlStringFromGUID(_In_ REFGUID Guid, _Out_ PUNICODE_STRING GuidString);
NTSYSAPI NTSTATUS NTAPI RtlGUIDFromString(_In_ PCUNICODE_STRING GuidString, _Out_ GUID *Guid);
NTSYSAPI NTSTATUS NTAPI RtlHashUnicodeString(_In_ PCUNICODE_STRING String,
					     _In_ BOOLEAN CaseInSensitive, _In_ ULONG HashAlgorithm,
					     _Out_ PULONG HashValue);
#define HASH_STRING_ALGORITHM_DEFAULT 0
#define HASH_STRING_ALGORITHM_X65599  1
#define HASH_STRING_ALGORITHM_INVALID 0xffffffff

typedef struct _OSVERSIONINFOW {
	ULONG dwOSVersionInfoSize;
	ULONG dwMajorVersion;
	ULONG dwMinorVersion;
	ULONG dwBuildNumber;
	ULONG dwPlatformId;
	WCHAR szCSDVersion[128];
} OSVERSIONINFOW, *POSVERSIONINFOW, *LPOSVERSIONINFOW, RTL_OSVERSIONINFOW, *PRTL_OSVERSIONINFOW;

typedef struct _OSVERSIONINFOEXW {
	ULONG dwOSVersionInfoSize;
	ULONG dwMajorVersion;
	ULONG dwMinorVersion;
	ULONG dwBuildNumber;
	ULONG dwPlatformId;
	WCHAR szCSDVersion[128];
	USHORT wServicePackMajor;
	USHORT wServicePackMinor;
	USHORT wSuiteMask;
	UCHAR wProductType;
	UCHAR wReserved;
} OSVERSIONINFOEXW, *POSVERSIONINFOEXW, RTL_OSVERSIONINFOEXW, *PRTL_OSVERSIONINFOEXW;

NTSYSAPI NTSTATUS NTAPI RtlGetVersion(_Out_ PRTL_OSVERSIONINFOW lpVersionInformation);
NTSYSAPI BOOLEAN NTAPI RtlIsNtDdiVersionAvailable(_In_ ULONG Version);
NTSYSAPI BOOLEAN NTAPI RtlIsServicePackVersionInstalled(_In_ ULONG Version);
NTKERNELAPI BOOLEAN NTAPI PsGetVersion(_Out_opt_ PULONG MajorVersion, _Out_opt_ PULONG MinorVersion,
				       _Out_opt_ PULONG BuildNumber,
				       _Out_opt_ PUNICODE_STRING CSDVersion);

/* Bitmaps. */
typedef struct _RTL_BITMAP {
	ULONG SizeOfBitMap;
	PULONG Buffer;
} RTL_BITMAP, *PRTL_BITMAP;
NTSYSAPI VOID NTAPI RtlInitializeBitMap(_Out_ PRTL_BITMAP BitMapHeader,
					_In_opt_ PULONG BitMapBuffer, _In_opt_ ULONG SizeOfBitMap);
NTSYSAPI VOID NTAPI RtlClearAllBits(_In_ PRTL_BITMAP BitMapHeader);
NTSYSAPI VOID NTAPI RtlSetAllBits(_In_ PRTL_BITMAP BitMapHeader);
NTSYSAPI BOOLEAN NTAPI RtlTestBit(_In_ PRTL_BITMAP BitMapHeader, _In_ ULONG BitNumber);
NTSYSAPI VOID NTAPI RtlSetBit(_In_ PRTL_BITMAP BitMapHeader, _In_ ULONG BitNumber);
NTSYSAPI VOID NTAPI RtlClearBit(_In_ PRTL_BITMAP BitMapHeader, _In_ ULONG BitNumber);
NTSYSAPI ULONG NTAPI RtlFindClearBitsAndSet(_In_ PRTL_BITMAP BitMapHeader, _In_ ULONG NumberToFind,
					    _In_ ULONG HintIndex);

/* ---- Event Tracing for Windows (kernel-mode provider routines) ---------------- */

typedef VOID NTAPI ETWENABLECALLBACK(_In_ LPCGUID SourceId, _In_ ULONG ControlCode,
				     _In_ UCHAR Level, _In_ ULONGLONG MatchAnyKeyword,
				     _In_ ULONGLONG MatchAllKeyword,
				     _In_opt_ PEVENT_FILTER_DESCRIPTOR FilterData,
				     _Inout_opt_ PVOID CallbackContext);
typedef ETWENABLECALLBACK *PETWENABLECALLBACK;

NTKERNELAPI NTSTATUS NTAPI EtwRegister(_In_ LPCGUID ProviderId,
				       _In_opt_ PETWENABLECALLBACK EnableCallback,
				       _In_opt_ PVOID CallbackContext, _Out_ PREGHANDLE RegHandle);
NTKERNELAPI NTSTATUS NTAPI EtwUnregister(_In_ REGHANDLE RegHandle);
NTKERNELAPI BOOLEAN NTAPI EtwEventEnabled(_In_ REGHANDLE RegHandle,
					  _In_ PCEVENT_DESCRIPTOR EventDescriptor);
NTKERNELAPI BOOLEAN NTAPI EtwProviderEnabled(_In_ REGHANDLE RegHandle, _In_ UCHAR Level,
					     _In_ ULONGLONG Keyword);
NTKERNELAPI NTSTATUS NTAPI EtwActivityIdControl(_In_ ULONG ControlCode,
						_Inout_updates_bytes_(sizeof(GUID))
							LPGUID ActivityId);
NTKERNELAPI NTSTATUS NTAPI EtwWrite(_In_ REGHANDLE RegHandle,
				    _In_ PCEVENT_DESCRIPTOR EventDescriptor,
				    _In_opt_ LPCGUID ActivityId, _In_ ULONG UserDataCount,
				    _In_reads_opt_(UserDataCount) PEVENT_DATA_DESCRIPTOR UserData);
NTKERNELAPI NTSTATUS NTAPI EtwWriteTransfer(
	_In_ REGHANDLE RegHandle, _In_ PCEVENT_DESCRIPTOR EventDescriptor,
	_In_opt_ LPCGUID ActivityId, _In_opt_ LPCGUID RelatedActivityId, _In_ ULONG UserDataCount,
	_In_reads_opt_(UserDataCount) PEVENT_DATA_DESCRIPTOR UserData);
NTKERNELAPI NTSTATUS NTAPI EtwWriteEx(_In_ REGHANDLE RegHandle,
				      _In_ PCEVENT_DESCRIPTOR EventDescriptor, _In_ ULONG64 Filter,
				      _In_ ULONG Flags, _In_opt_ LPCGUID ActivityId,
				      _In_opt_ LPCGUID RelatedActivityId, _In_ ULONG UserDataCount,
				      _In_reads_opt_(UserDataCount)
					      PEVENT_DATA_DESCRIPTOR UserData);
NTKERNELAPI NTSTATUS NTAPI EtwWriteString(_In_ REGHANDLE RegHandle, _In_ UCHAR Level,
					  _In_ ULONGLONG Keyword, _In_opt_ LPCGUID ActivityId,
					  _In_ PCWSTR String);
NTKERNELAPI NTSTATUS NTAPI EtwSetInformation(_In_ REGHANDLE RegHandle,
					     _In_ EVENT_INFO_CLASS InformationClass,
					     _In_reads_bytes_opt_(InformationLength)
						     PVOID EventInformation,
					     _In_ ULONG InformationLength);

/* ---- Kernel transaction manager --------------------------------------------- */

typedef struct _KTRANSACTION *PKTRANSACTION, *PRKTRANSACTION;
typedef struct _KENLISTMENT *PKENLISTMENT, *PRKENLISTMENT;
typedef struct _KRESOURCEMANAGER *PKRESOURCEMANAGER;
typedef struct _KTM *PKTM;
typedef ULONG NOTIFICATION_MASK;
typedef GUID UOW, *PUOW;

#define TRANSACTION_NOTIFY_MASK                0x3FFFFFFF
#define TRANSACTION_NOTIFY_PREPREPARE          0x00000001
#define TRANSACTION_NOTIFY_PREPARE             0x00000002
#define TRANSACTION_NOTIFY_COMMIT              0x00000004
#define TRANSACTION_NOTIFY_ROLLBACK            0x00000008
#define TRANSACTION_NOTIFY_PREPREPARE_COMPLETE 0x00000010
#define TRANSACTION_NOTIFY_PREPARE_COMPLETE    0x00000020
#define TRANSACTION_NOTIFY_COMMIT_COMPLETE     0x00000040
#define TRANSACTION_NOTIFY_ROLLBACK_COMPLETE   0x00000080
#define TRANSACTION_NOTIFY_RECOVER             0x00000100
#define TRANSACTION_NOTIFY_SINGLE_PHASE_COMMIT 0x00000200
#define TRANSACTION_NOTIFY_DELEGATE_COMMIT     0x00000400
#define TRANSACTION_NOTIFY_RECOVER_QUERY       0x00000800
#define TRANSACTION_NOTIFY_ENLIST_PREPREPARE   0x00001000
#define TRANSACTION_NOTIFY_LAST_RECOVER        0x00002000
#define TRANSACTION_NOTIFY_INDOUBT             0x00004000
#define TRANSACTION_NOTIFY_PROPAGATE_PULL      0x00008000
#define TRANSACTION_NOTIFY_PROPAGATE_PUSH      0x00010000
#define TRANSACTION_NOTIFY_MARSHAL             0x00020000
#define TRANSACTION_NOTIFY_ENLIST_MASK         0x00040000
#define TRANSACTION_NOTIFY_RM_DISCONNECTED     0x01000000
#define TRANSACTION_NOTIFY_TM_ONLINE           0x02000000
#define TRANSACTION_NOTIFY_COMMIT_REQUEST      0x04000000
#define TRANSACTION_NOTIFY_PROMOTE             0x08000000
#define TRANSACTION_NOTIFY_PROMOTE_NEW         0x10000000
#define TRANSACTION_NOTIFY_REQUEST_OUTCOME     0x20000000
#define TRANSACTION_NOTIFY_COMMIT_FINALIZE     0x40000000

#define TRANSACTION_QUERY_INFORMATION (0x0001)
#define TRANSACTION_SET_INFORMATION   (0x0002)
#define TRANSACTION_ENLIST            (0x0004)
#define TRANSACTION_COMMIT            (0x0008)
#define TRANSACTION_ROLLBACK          (0x0010)
#define TRANSACTION_PROPAGATE         (0x0020)
#define TRANSACTION_RIGHT_RESERVED1   (0x0040)
#define TRANSACTION_ALL_ACCESS        (STANDARD_RIGHTS_REQUIRED | 0x003F)

typedef enum _TRANSACTION_OUTCOME {
	TransactionOutcomeUndetermined = 1,
	TransactionOutcomeCommitted,
	TransactionOutcomeAborted
} TRANSACTION_OUTCOME;

typedef enum _TRANSACTION_STATE {
	TransactionStateNormal = 1,
	TransactionStateIndoubt,
	TransactionStateCommittedNotify
} TRANSACTION_STATE;

typedef enum _TRANSACTION_INFORMATION_CLASS {
	TransactionBasicInformation,
	TransactionPropertiesInformation,
	TransactionEnlistmentInformation,
	TransactionSuperiorEnlistmentInformation
} TRANSACTION_INFORMATION_CLASS;

typedef struct _TRANSACTION_BASIC_INFORMATION {
	GUID TransactionId;
	ULONG State;
	ULONG Outcome;
} TRANSACTION_BASIC_INFORMATION, *PTRANSACTION_BASIC_INFORMATION;

NTSYSCALLAPI NTSTATUS NTAPI ZwQueryInformationTransaction(
	_In_ HANDLE TransactionHandle,
	_In_ TRANSACTION_INFORMATION_CLASS TransactionInformationClass,
	_Out_writes_bytes_(TransactionInformationLength) PVOID TransactionInformation,
	_In_ ULONG TransactionInformationLength, _Out_opt_ PULONG ReturnLength);

EXTERN_C_END

#endif
