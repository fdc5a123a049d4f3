/*
 * fltcheck WDK model: the parts of the classic ETW tracing header that kernel
 * drivers (including WPP and manifest-generated code) use: trace handles,
 * trace levels, event types and the classic event trace header.
 */
#ifndef FLTCHECK_WDK_EVNTRACE_H
#define FLTCHECK_WDK_EVNTRACE_H

#include <ntdef.h>
#include <wmistr.h>
#include <evntprov.h>

EXTERN_C_START

typedef ULONG64 TRACEHANDLE, *PTRACEHANDLE;

#define INVALID_PROCESSTRACE_HANDLE ((TRACEHANDLE)(LONG_PTR)-1)

/* Trace levels (also the ETW event levels). */
#define TRACE_LEVEL_NONE        0
#define TRACE_LEVEL_CRITICAL    1
#define TRACE_LEVEL_FATAL       1
#define TRACE_LEVEL_ERROR       2
#define TRACE_LEVEL_WARNING     3
#define TRACE_LEVEL_INFORMATION 4
#define TRACE_LEVEL_VERBOSE     5
#define TRACE_LEVEL_RESERVED6   6
#define TRACE_LEVEL_RESERVED7   7
#define TRACE_LEVEL_RESERVED8   8
#define TRACE_LEVEL_RESERVED9   9

/* Event types (opcodes) of classic events. */
#define EVENT_TRACE_TYPE_INFO           0x00
#define EVENT_TRACE_TYPE_START          0x01
#define EVENT_TRACE_TYPE_END            0x02
#define EVENT_TRACE_TYPE_STOP           0x02
#define EVENT_TRACE_TYPE_DC_START       0x03
#define EVENT_TRACE_TYPE_DC_END         0x04
#define EVENT_TRACE_TYPE_EXTENSION      0x05
#define EVENT_TRACE_TYPE_REPLY          0x06
#define EVENT_TRACE_TYPE_DEQUEUE        0x07
#define EVENT_TRACE_TYPE_RESUME         0x07
#define EVENT_TRACE_TYPE_CHECKPOINT     0x08
#define EVENT_TRACE_TYPE_SUSPEND        0x08
#define EVENT_TRACE_TYPE_WINEVT_SEND    0x09
#define EVENT_TRACE_TYPE_WINEVT_RECEIVE 0xF0

#define TRACE_HEADER_FLAG_USE_TIMESTAMP 0x00000200
#define TRACE_HEADER_FLAG_TRACED_GUID   0x00020000
#define TRACE_HEADER_FLAG_LOG_WNODE     0x00040000
#define TRACE_HEADER_FLAG_USE_GUID_PTR  0x00080000
#define TRACE_HEADER_FLAG_USE_MOF_PTR   0x00100000

typedef struct _EVENT_TRACE_HEADER {
	USHORT Size;
	union {
		USHORT FieldTypeFlags;
		struct {
			UCHAR HeaderType;
			UCHAR MarkerFlags;
		};
	};
	union {
		ULONG Version;
		struct {
			UCHAR Type;
			UCHAR Level;
			USHORT Version;
		} Class;
	};
	ULONG ThreadId;
	ULONG ProcessId;
	LARGE_INTEGER TimeStamp;
	union {
		GUID Guid;
		ULONGLONG GuidPtr;
	};
	union {
		struct {
			ULONG KernelTime;
			ULONG UserTime;
		};
		ULONG64 ProcessorTime;
		struct {
			ULONG ClientContext;
			ULONG Flags;
		};
	};
} EVENT_TRACE_HEADER, *PEVENT_TRACE_HEADER;

typedef struct _MOF_FIELD {
	ULONG64 DataPtr;
	ULONG Length;
	ULONG DataType;
} MOF_FIELD, *PMOF_FIELD;

EXTERN_C_END

#endif
