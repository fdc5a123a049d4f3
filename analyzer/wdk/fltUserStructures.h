/*
 * fltcheck WDK model: structures shared by the Filter Manager's kernel and
 * user-mode interfaces. fltKernel.h includes this header, as in the WDK.
 * The information class enums themselves are declared in fltKernel.h.
 */
#ifndef FLTCHECK_WDK_FLTUSERSTRUCTURES_H
#define FLTCHECK_WDK_FLTUSERSTRUCTURES_H

#include <ntdef.h>

EXTERN_C_START

/* ---- Communication port messages ------------------------------------------------ */

/* Precedes every message a minifilter sends with FltSendMessage, as the user-mode
 * side sees it from FilterGetMessage. */
typedef struct _FILTER_MESSAGE_HEADER {
	ULONG ReplyLength;
	ULONGLONG MessageId;
} FILTER_MESSAGE_HEADER, *PFILTER_MESSAGE_HEADER;

/* Precedes every reply passed to FilterReplyMessage. */
typedef struct _FILTER_REPLY_HEADER {
	NTSTATUS Status;
	ULONGLONG MessageId;
} FILTER_REPLY_HEADER, *PFILTER_REPLY_HEADER;

#define FLT_PORT_FLAG_SYNC_HANDLE 0x00000001

/* ---- Filter, instance and volume information records ------------------------------ */

#define FLTFL_AGGREGATE_INFO_IS_MINIFILTER   0x00000001
#define FLTFL_AGGREGATE_INFO_IS_LEGACYFILTER 0x00000002
#define FLTFL_ASI_IS_MINIFILTER              0x00000001
#define FLTFL_ASI_IS_LEGACYFILTER            0x00000002
#define FLTFL_IASI_IS_MINIFILTER             0x00000001
#define FLTFL_IASI_IS_LEGACYFILTER           0x00000002
#define FLTFL_IASIM_DETACHED_VOLUME          0x00000001
#define FLTFL_IASIL_DETACHED_VOLUME          0x00000001

typedef struct _FILTER_FULL_INFORMATION {
	ULONG NextEntryOffset;
	ULONG FrameID;
	ULONG NumberOfInstances;
	USHORT FilterNameLength;
	WCHAR FilterNameBuffer[1];
} FILTER_FULL_INFORMATION, *PFILTER_FULL_INFORMATION;

typedef struct _FILTER_VOLUME_BASIC_INFORMATION {
	USHORT FilterVolumeNameLength;
	WCHAR FilterVolumeName[1];
} FILTER_VOLUME_BASIC_INFORMATION, *PFILTER_VOLUME_BASIC_INFORMATION;

typedef struct _INSTANCE_BASIC_INFORMATION {
	ULONG NextEntryOffset;
	USHORT InstanceNameLength;
	USHORT InstanceNameBufferOffset;
} INSTANCE_BASIC_INFORMATION, *PINSTANCE_BASIC_INFORMATION;

EXTERN_C_END

#endif
