/*
 * fltcheck WDK model: ETW provider types (event descriptors, event data
 * descriptors, registration handles, enable filters) and the inline helpers
 * that fill them in. wdm.h includes this header and declares the kernel-mode
 * Etw* routines that take these types.
 */
#ifndef FLTCHECK_WDK_EVNTPROV_H
#define FLTCHECK_WDK_EVNTPROV_H

#include <ntdef.h>

EXTERN_C_START

#define EVENT_MIN_LEVEL 0
#define EVENT_MAX_LEVEL 0xff

#define EVENT_ACTIVITY_CTRL_GET_ID        1
#define EVENT_ACTIVITY_CTRL_SET_ID        2
#define EVENT_ACTIVITY_CTRL_CREATE_ID     3
#define EVENT_ACTIVITY_CTRL_GET_SET_ID    4
#define EVENT_ACTIVITY_CTRL_CREATE_SET_ID 5

#define MAX_EVENT_DATA_DESCRIPTORS  128
#define MAX_EVENT_FILTER_DATA_SIZE  1024
#define MAX_EVENT_FILTER_PAYLOAD_SIZE 4096
#define MAX_EVENT_FILTER_EVENT_NAME_SIZE 4096
#define MAX_EVENT_FILTERS_COUNT     13
#define MAX_EVENT_FILTER_PID_COUNT  8
#define MAX_EVENT_FILTER_EVENT_ID_COUNT 64

#define EVENT_FILTER_TYPE_NONE               0x00000000
#define EVENT_FILTER_TYPE_SCHEMATIZED        0x80000000
#define EVENT_FILTER_TYPE_SYSTEM_FLAGS       0x80000001
#define EVENT_FILTER_TYPE_TRACEHANDLE        0x80000002
#define EVENT_FILTER_TYPE_PID                0x80000004
#define EVENT_FILTER_TYPE_EXECUTABLE_NAME    0x80000008
#define EVENT_FILTER_TYPE_PACKAGE_ID         0x80000010
#define EVENT_FILTER_TYPE_PACKAGE_APP_ID     0x80000020
#define EVENT_FILTER_TYPE_PAYLOAD            0x80000100
#define EVENT_FILTER_TYPE_EVENT_ID           0x80000200
#define EVENT_FILTER_TYPE_EVENT_NAME         0x80000400
#define EVENT_FILTER_TYPE_STACKWALK          0x80001000

/* Control codes passed to an enable callback. */
#define EVENT_CONTROL_CODE_DISABLE_PROVIDER 0
#define EVENT_CONTROL_CODE_ENABLE_PROVIDER  1
#define EVENT_CONTROL_CODE_CAPTURE_STATE    2

/* Values of EVENT_DATA_DESCRIPTOR.Type. */
#define EVENT_DATA_DESCRIPTOR_TYPE_NONE               0
#define EVENT_DATA_DESCRIPTOR_TYPE_EVENT_METADATA     1
#define EVENT_DATA_DESCRIPTOR_TYPE_PROVIDER_METADATA  2
#define EVENT_DATA_DESCRIPTOR_TYPE_TIMESTAMP_OVERRIDE 3

#define EVENT_WRITE_FLAG_NO_FAULTING 0x00000001
#define EVENT_WRITE_FLAG_INPRIVATE   0x00000002

typedef ULONGLONG REGHANDLE, *PREGHANDLE;

typedef struct _EVENT_DATA_DESCRIPTOR {
	ULONGLONG Ptr;
	ULONG Size;
	union {
		ULONG Reserved;
		struct {
			UCHAR Type;
			UCHAR Reserved1;
			USHORT Reserved2;
		};
	};
} EVENT_DATA_DESCRIPTOR, *PEVENT_DATA_DESCRIPTOR;

typedef struct _EVENT_DESCRIPTOR {
	USHORT Id;
	UCHAR Version;
	UCHAR Channel;
	UCHAR Level;
	UCHAR Opcode;
	USHORT Task;
	ULONGLONG Keyword;
} EVENT_DESCRIPTOR, *PEVENT_DESCRIPTOR;
typedef const EVENT_DESCRIPTOR *PCEVENT_DESCRIPTOR;

typedef struct _EVENT_FILTER_DESCRIPTOR {
	ULONGLONG Ptr;
	ULONG Size;
	ULONG Type;
} EVENT_FILTER_DESCRIPTOR, *PEVENT_FILTER_DESCRIPTOR;

typedef struct _EVENT_FILTER_HEADER {
	USHORT Id;
	UCHAR Version;
	UCHAR Reserved[5];
	ULONGLONG InstanceId;
	ULONG Size;
	ULONG NextOffset;
} EVENT_FILTER_HEADER, *PEVENT_FILTER_HEADER;

typedef enum _EVENT_INFO_CLASS {
	EventProviderBinaryTrackInfo,
	EventProviderSetReserved1,
	EventProviderSetTraits,
	EventProviderUseDescriptorType,
	MaxEventInfo
} EVENT_INFO_CLASS;

/* ---- Inline helpers ------------------------------------------------------------- */

FORCEINLINE VOID EventDataDescCreate(_Out_ PEVENT_DATA_DESCRIPTOR EventDataDescriptor,
				     _In_reads_bytes_(DataSize) const VOID *DataPtr,
				     _In_ ULONG DataSize)
{
	EventDataDescriptor->Ptr = (ULONGLONG)(ULONG_PTR)DataPtr;
	EventDataDescriptor->Size = DataSize;
	EventDataDescriptor->Reserved = 0;
}

FORCEINLINE VOID EventDescCreate(_Out_ PEVENT_DESCRIPTOR EventDescriptor, _In_ USHORT Id,
				 _In_ UCHAR Version, _In_ UCHAR Channel, _In_ UCHAR Level,
				 _In_ USHORT Task, _In_ UCHAR Opcode, _In_ ULONGLONG Keyword)
{
	EventDescriptor->Id = Id;
	EventDescriptor->Version = Version;
	EventDescriptor->Channel = Channel;
	EventDescriptor->Level = Level;
	EventDescriptor->Task = Task;
	EventDescriptor->Opcode = Opcode;
	EventDescriptor->Keyword = Keyword;
}

FORCEINLINE VOID EventDescZero(_Out_ PEVENT_DESCRIPTOR EventDescriptor)
{
	EventDescriptor->Id = 0;
	EventDescriptor->Version = 0;
	EventDescriptor->Channel = 0;
	EventDescriptor->Level = 0;
	EventDescriptor->Opcode = 0;
	EventDescriptor->Task = 0;
	EventDescriptor->Keyword = 0;
}

FORCEINLINE USHORT EventDescGetId(_In_ PCEVENT_DESCRIPTOR EventDescriptor)
{
	return EventDescriptor->Id;
}
FORCEINLINE UCHAR EventDescGetLevel(_In_ PCEVENT_DESCRIPTOR EventDescriptor)
{
	return EventDescriptor->Level;
}
FORCEINLINE ULONGLONG EventDescGetKeyword(_In_ PCEVENT_DESCRIPTOR EventDescriptor)
{
	return EventDescriptor->Keyword;
}

EXTERN_C_END

#endif
