/*
 * fltcheck WDK model: basic NT types and macros.
 *
 * The bottom of the model: integer and pointer types sized for 64-bit
 * Windows (LLP64), strings, lists heads, object attributes, NTSTATUS and its
 * tests, the NTDDI version constants and the helper macros every other model
 * header relies on. Written for clang parsing with an MSVC target.
 */
#ifndef FLTCHECK_WDK_NTDEF_H
#define FLTCHECK_WDK_NTDEF_H

#define _NTDEF_
#define _CTYPE_DISABLE_MACROS

#include <stddef.h>
#include <stdarg.h>
#include <sal.h>
#include <driverspecs.h>
#include <guiddef.h>

/* ---- Windows version constants ------------------------------------------ */

#define _WIN32_WINNT_NT4          0x0400
#define _WIN32_WINNT_WIN2K        0x0500
#define _WIN32_WINNT_WINXP        0x0501
#define _WIN32_WINNT_WS03         0x0502
#define _WIN32_WINNT_WIN6         0x0600
#define _WIN32_WINNT_VISTA        0x0600
#define _WIN32_WINNT_WS08         0x0600
#define _WIN32_WINNT_LONGHORN     0x0600
#define _WIN32_WINNT_WIN7         0x0601
#define _WIN32_WINNT_WIN8         0x0602
#define _WIN32_WINNT_WINBLUE      0x0603
#define _WIN32_WINNT_WINTHRESHOLD 0x0A00
#define _WIN32_WINNT_WIN10        0x0A00

#define NTDDI_WIN2K        0x05000000
#define NTDDI_WIN2KSP1     0x05000100
#define NTDDI_WIN2KSP2     0x05000200
#define NTDDI_WIN2KSP3     0x05000300
#define NTDDI_WIN2KSP4     0x05000400
#define NTDDI_WINXP        0x05010000
#define NTDDI_WINXPSP1     0x05010100
#define NTDDI_WINXPSP2     0x05010200
#define NTDDI_WINXPSP3     0x05010300
#define NTDDI_WINXPSP4     0x05010400
#define NTDDI_WS03         0x05020000
#define NTDDI_WS03SP1      0x05020100
#define NTDDI_WS03SP2      0x05020200
#define NTDDI_WS03SP3      0x05020300
#define NTDDI_WS03SP4      0x05020400
#define NTDDI_WIN6         0x06000000
#define NTDDI_WIN6SP1      0x06000100
#define NTDDI_WIN6SP2      0x06000200
#define NTDDI_WIN6SP3      0x06000300
#define NTDDI_WIN6SP4      0x06000400
#define NTDDI_VISTA        NTDDI_WIN6
#define NTDDI_VISTASP1     NTDDI_WIN6SP1
#define NTDDI_VISTASP2     NTDDI_WIN6SP2
#define NTDDI_VISTASP3     NTDDI_WIN6SP3
#define NTDDI_VISTASP4     NTDDI_WIN6SP4
#define NTDDI_LONGHORN     NTDDI_VISTA
#define NTDDI_WS08         NTDDI_WIN6SP1
#define NTDDI_WS08SP2      NTDDI_WIN6SP2
#define NTDDI_WS08SP3      NTDDI_WIN6SP3
#define NTDDI_WS08SP4      NTDDI_WIN6SP4
#define NTDDI_WIN7         0x06010000
#define NTDDI_WIN8         0x06020000
#define NTDDI_WINBLUE      0x06030000
#define NTDDI_WINTHRESHOLD 0x0A000000
#define NTDDI_WIN10        0x0A000000
#define NTDDI_WIN10_TH2    0x0A000001
#define NTDDI_WIN10_RS1    0x0A000002
#define NTDDI_WIN10_RS2    0x0A000003
#define NTDDI_WIN10_RS3    0x0A000004
#define NTDDI_WIN10_RS4    0x0A000005
#define NTDDI_WIN10_RS5    0x0A000006
#define NTDDI_WIN10_19H1   0x0A000007
#define NTDDI_WIN10_VB     0x0A000008
#define NTDDI_WIN10_MN     0x0A000009
#define NTDDI_WIN10_FE     0x0A00000A
#define NTDDI_WIN10_CO     0x0A00000B
#define NTDDI_WIN10_NI     0x0A00000C
#define NTDDI_WIN10_CU     0x0A00000D
#define NTDDI_WIN11_ZN     0x0A00000E
#define NTDDI_WIN11_GA     0x0A00000F
#define NTDDI_WIN11_GE     0x0A000010
#define WDK_NTDDI_VERSION  NTDDI_WIN11_GE

#define OSVERSION_MASK                           0xFFFF0000U
#define SPVERSION_MASK                           0x0000FF00
#define SUBVERSION_MASK                          0x000000FF
#define OSVER(Version)                           ((Version)&OSVERSION_MASK)
#define SPVER(Version)                           (((Version)&SPVERSION_MASK) >> 8)
#define SUBVER(Version)                          (((Version)&SUBVERSION_MASK))
#define NTDDI_VERSION_FROM_WIN32_WINNT2(Version) Version##0000
#define NTDDI_VERSION_FROM_WIN32_WINNT(Version)  NTDDI_VERSION_FROM_WIN32_WINNT2(Version)

/* A kernel build names its target; when it does not, assume Windows 10 2004. */
#if !defined(NTDDI_VERSION)
#	if defined(_WIN32_WINNT)
#		define NTDDI_VERSION NTDDI_VERSION_FROM_WIN32_WINNT(_WIN32_WINNT)
#	else
#		define NTDDI_VERSION NTDDI_WIN10_VB
#	endif
#endif
#if !defined(_WIN32_WINNT)
#	define _WIN32_WINNT (NTDDI_VERSION >> 16)
#endif
#if !defined(WINVER)
#	define WINVER _WIN32_WINNT
#endif

/* ---- Architecture and calling conventions -------------------------------- */

#if !defined(_AMD64_) && !defined(_ARM64_) && !defined(_X86_)
#	if defined(_M_ARM64) || defined(__aarch64__)
#		define _ARM64_
#	else
#		define _AMD64_
#	endif
#endif
#if !defined(_WIN64) && (defined(_AMD64_) || defined(_ARM64_))
#	define _WIN64
#endif

#ifndef ALLOC_PRAGMA
#	define ALLOC_PRAGMA 1
#endif
#ifndef ALLOC_DATA_PRAGMA
#	define ALLOC_DATA_PRAGMA 1
#endif

#ifdef __cplusplus
#	define EXTERN_C       extern "C"
#	define EXTERN_C_START extern "C" {
#	define EXTERN_C_END   }
#else
#	define EXTERN_C extern
#	define EXTERN_C_START
#	define EXTERN_C_END
#endif

#define NTAPI               __stdcall
#define NTAPI_INLINE        NTAPI
#define NTSYSAPI            __declspec(dllimport)
#define NTSYSCALLAPI        __declspec(dllimport)
#define NTKERNELAPI         __declspec(dllimport)
#define NTHALAPI            __declspec(dllimport)
#define NTSTRSAFEAPI        static __inline NTSTATUS NTAPI
#define NTSTRSAFEVAPI       static __inline NTSTATUS __cdecl
#define NTSTRSAFEDDI        NTSTRSAFEAPI
#define NTSTRSAFEWORKERDDI  static NTSTATUS NTAPI
#define FASTCALL            __fastcall
#define WINAPI              __stdcall
#define CALLBACK            __stdcall
#define __stdcall_nothrow   __stdcall
#define DECLSPEC_NORETURN   __declspec(noreturn)
#define DECLSPEC_NOINLINE   __declspec(noinline)
#define DECLSPEC_ALIGN(x)   __declspec(align(x))
#define DECLSPEC_CACHEALIGN DECLSPEC_ALIGN(64)
#define DECLSPEC_IMPORT     __declspec(dllimport)
#define DECLSPEC_EXPORT     __declspec(dllexport)
#define DECLSPEC_SELECTANY  __declspec(selectany)
#define DECLSPEC_NOTHROW    __declspec(nothrow)
#define DECLSPEC_DEPRECATED __declspec(deprecated)
#define DECLSPEC_DEPRECATED_DDK
#define DECLSPEC_GUARDNOCF
#define DECLSPEC_RESTRICT __declspec(restrict)
#define DECLSPEC_NOVTABLE __declspec(novtable)
#define DECLSPEC_UUID(x)
#define DECLSPEC_ADDRSAFE
#define DECLSPEC_NOSANITIZE_ADDRESS
#define FORCEINLINE  __forceinline
#define NTAPI_INLINE NTAPI
#define CONST        const
#define RESTRICTED_POINTER
#define UNALIGNED        __unaligned
#define UNALIGNED64      __unaligned
#define POINTER_64       __ptr64
#define POINTER_32       __ptr32
#define POINTER_SIGNED   __sptr
#define POINTER_UNSIGNED __uptr
#define FIRMWARE_PTR
#define IN
#define OUT
#define OPTIONAL
#define NOTHING
#define ANYSIZE_ARRAY               1
#define MAX_NATURAL_ALIGNMENT       sizeof(ULONGLONG)
#define MEMORY_ALLOCATION_ALIGNMENT 16
#define POINTER_ALIGNMENT           DECLSPEC_ALIGN(8)

/* ---- Basic types ----------------------------------------------------------- */

#ifndef VOID
#	define VOID void
typedef char CHAR;
typedef short SHORT;
typedef long LONG;
#endif
typedef int INT;
typedef unsigned int UINT;
typedef wchar_t WCHAR;
typedef WCHAR *PWCHAR, *LPWCH, *PWCH, *LPWSTR, *PWSTR, *NWPSTR;
typedef WCHAR *PZZWSTR, *PNZWCH;
typedef const WCHAR *LPCWCH, *PCWCH, *LPCWSTR, *PCWSTR, *PCZZWSTR, *PCNZWCH;
typedef CHAR *PCHAR, *LPCH, *PCH, *NPSTR, *LPSTR, *PSTR, *PZZSTR, *PSZ;
typedef const CHAR *LPCCH, *PCCH, *LPCSTR, *PCSTR, *PCZZSTR, *PCSZ;
typedef void *PVOID, *LPVOID;
typedef void *PVOID64;
typedef const void *PCVOID, *LPCVOID;
typedef unsigned char UCHAR, *PUCHAR;
typedef unsigned short USHORT, *PUSHORT;
typedef unsigned long ULONG, *PULONG;
typedef const UCHAR *PCUCHAR;
typedef const USHORT *PCUSHORT;
typedef const ULONG *PCULONG;
typedef signed char SCHAR, *PSCHAR;
typedef SHORT *PSHORT;
typedef LONG *PLONG;
typedef INT *PINT;
typedef UINT *PUINT;
typedef long long LONGLONG, *PLONGLONG;
typedef unsigned long long ULONGLONG, *PULONGLONG;
typedef LONGLONG USN;
typedef ULONGLONG DWORDLONG, *PDWORDLONG;
typedef unsigned long DWORD, *PDWORD, *LPDWORD;
typedef unsigned short WORD, *PWORD;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef int BOOL, *PBOOL;
typedef float FLOAT;
typedef double DOUBLE;
typedef UCHAR BOOLEAN, *PBOOLEAN;
typedef const BOOLEAN *PCBOOLEAN;
typedef CHAR CCHAR, *PCCHAR;
typedef SHORT CSHORT;
typedef ULONG CLONG, *PCLONG;
typedef ULONG LOGICAL, *PLOGICAL;
typedef LONG NTSTATUS, *PNTSTATUS;
typedef LONG HRESULT;
typedef ULONG LCID, *PLCID;
typedef USHORT LANGID;

typedef signed char INT8, *PINT8;
typedef short INT16, *PINT16;
typedef int INT32, *PINT32;
typedef long long INT64, *PINT64;
typedef unsigned char UINT8, *PUINT8;
typedef unsigned short UINT16, *PUINT16;
typedef unsigned int UINT32, *PUINT32;
typedef unsigned long long UINT64, *PUINT64;
typedef int LONG32, *PLONG32;
typedef unsigned int ULONG32, *PULONG32, DWORD32, *PDWORD32;
typedef long long LONG64, *PLONG64;
typedef unsigned long long ULONG64, *PULONG64, DWORD64, *PDWORD64;

#if defined(_WIN64)
typedef long long INT_PTR, *PINT_PTR;
typedef unsigned long long UINT_PTR, *PUINT_PTR;
typedef long long LONG_PTR, *PLONG_PTR;
typedef unsigned long long ULONG_PTR, *PULONG_PTR;
typedef int HALF_PTR, *PHALF_PTR;
typedef unsigned int UHALF_PTR, *PUHALF_PTR;
#else
typedef int INT_PTR, *PINT_PTR;
typedef unsigned int UINT_PTR, *PUINT_PTR;
typedef long LONG_PTR, *PLONG_PTR;
typedef unsigned long ULONG_PTR, *PULONG_PTR;
typedef short HALF_PTR, *PHALF_PTR;
typedef unsigned short UHALF_PTR, *PUHALF_PTR;
#endif
typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef LONG_PTR SSIZE_T, *PSSIZE_T;
typedef ULONG_PTR DWORD_PTR, *PDWORD_PTR;
typedef ULONG_PTR KAFFINITY, *PKAFFINITY;

typedef void *HANDLE, **PHANDLE;
typedef PVOID HINSTANCE, HMODULE;
typedef ULONG EXECUTION_STATE;

typedef LONGLONG *PLONGLONG_PTR;
typedef ULONG ACCESS_MASK, *PACCESS_MASK;
typedef ULONG SECURITY_INFORMATION, *PSECURITY_INFORMATION;
typedef PVOID PSECURITY_DESCRIPTOR;
typedef PVOID PSID;
typedef ULONG_PTR ERESOURCE_THREAD, *PERESOURCE_THREAD;
typedef UCHAR KIRQL, *PKIRQL;
typedef CCHAR KPROCESSOR_MODE;
typedef LONG KPRIORITY;
typedef ULONG_PTR KSPIN_LOCK, *PKSPIN_LOCK;

#define TRUE  1
#define FALSE 0
#ifndef NULL
#	ifdef __cplusplus
#		define NULL 0
#	else
#		define NULL ((void *)0)
#	endif
#endif
#define NULL64 ((void *)0)

#define MINCHAR      0x80
#define MAXCHAR      0x7f
#define MINSHORT     0x8000
#define MAXSHORT     0x7fff
#define MINLONG      0x80000000
#define MAXLONG      0x7fffffff
#define MAXUCHAR     0xff
#define MAXUSHORT    0xffff
#define MAXULONG     0xffffffff
#define MAXLONGLONG  (0x7fffffffffffffffLL)
#define MAXULONGLONG (~(ULONGLONG)0)
#define MAXULONG_PTR (~((ULONG_PTR)0))
#define MAXLONG_PTR  ((LONG_PTR)(MAXULONG_PTR >> 1))
#define MAXSIZE_T    ((SIZE_T) ~((SIZE_T)0))
#define MAXSSIZE_T   ((SSIZE_T)(MAXSIZE_T >> 1))
#define MAX_PATH     260

#define UNICODE_NULL             ((WCHAR)0)
#define ANSI_NULL                ((CHAR)0)
#define UNICODE_STRING_MAX_BYTES ((USHORT)65534)
#define UNICODE_STRING_MAX_CHARS (32767)

/* ---- NTSTATUS tests -------------------------------------------------------- */

#define NT_SUCCESS(Status)           (((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status)       ((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status)           ((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status)             ((((ULONG)(Status)) >> 30) == 3)
#define NT_FACILITY(Status)          ((((ULONG)(Status)) >> 16) & 0xFFF)
#define SUCCEEDED(hr)                (((HRESULT)(hr)) >= 0)
#define FAILED(hr)                   (((HRESULT)(hr)) < 0)
#define APPLICATION_ERROR_MASK       0x20000000
#define ERROR_SEVERITY_SUCCESS       0x00000000
#define ERROR_SEVERITY_INFORMATIONAL 0x40000000
#define ERROR_SEVERITY_WARNING       0x80000000
#define ERROR_SEVERITY_ERROR         0xC0000000

/* ---- Large integers ------------------------------------------------------ */

typedef union _LARGE_INTEGER {
	struct {
		ULONG LowPart;
		LONG HighPart;
	};
	struct {
		ULONG LowPart;
		LONG HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
	struct {
		ULONG LowPart;
		ULONG HighPart;
	};
	struct {
		ULONG LowPart;
		ULONG HighPart;
	} u;
	ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

typedef struct DECLSPEC_ALIGN(16) _M128A {
	ULONGLONG Low;
	LONGLONG High;
} M128A, *PM128A;

/* ---- Strings ------------------------------------------------------------- */

typedef struct _STRING {
	USHORT Length;
	USHORT MaximumLength;
	PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING, OEM_STRING, *POEM_STRING;
typedef const STRING *PCSTRING, *PCANSI_STRING, *PCOEM_STRING;

typedef struct _CSTRING {
	USHORT Length;
	USHORT MaximumLength;
	CONST char *Buffer;
} CSTRING, *PCSTRING_ALT;

typedef struct _UNICODE_STRING {
	USHORT Length;
	USHORT MaximumLength;
	PWCH Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

#define DECLARE_CONST_UNICODE_STRING(_var, _string)                                     \
	const WCHAR _var##_buffer[] = _string;                                          \
	const UNICODE_STRING _var = { sizeof(_string) - sizeof(WCHAR), sizeof(_string), \
				      (PWCH)_var##_buffer }
#define DECLARE_GLOBAL_CONST_UNICODE_STRING(_var, _str) \
	extern const DECLSPEC_SELECTANY UNICODE_STRING _var = RTL_CONSTANT_STRING(_str)
#define DECLARE_UNICODE_STRING_SIZE(_var, _size) \
	WCHAR _var##_buffer[_size];              \
	UNICODE_STRING _var = { 0, (_size) * sizeof(WCHAR), _var##_buffer }
#define RTL_CONSTANT_STRING(s)                                   \
	{                                                        \
		sizeof(s) - sizeof((s)[0]), sizeof(s), (PWCH)(s) \
	}

/* ---- Lists ----------------------------------------------------------------- */

typedef struct _LIST_ENTRY {
	struct _LIST_ENTRY *Flink;
	struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY, *RESTRICTED_POINTER PRLIST_ENTRY;

/* A node of a balanced (red-black or AVL) tree, as kernel structures embed it. */
typedef struct _RTL_BALANCED_NODE {
	union {
		struct _RTL_BALANCED_NODE *Children[2];
		struct {
			struct _RTL_BALANCED_NODE *Left;
			struct _RTL_BALANCED_NODE *Right;
		};
	};
	union {
		UCHAR Red : 1;
		UCHAR Balance : 2;
		ULONG_PTR ParentValue;
	};
} RTL_BALANCED_NODE, *PRTL_BALANCED_NODE;

typedef struct _SINGLE_LIST_ENTRY {
	struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

typedef struct LIST_ENTRY32 {
	ULONG Flink;
	ULONG Blink;
} LIST_ENTRY32, *PLIST_ENTRY32;

typedef struct LIST_ENTRY64 {
	ULONGLONG Flink;
	ULONGLONG Blink;
} LIST_ENTRY64, *PLIST_ENTRY64;

/* ---- Structure helpers ------------------------------------------------- */

#define FIELD_OFFSET(type, field)   ((LONG)offsetof(type, field))
#define UFIELD_OFFSET(type, field)  ((ULONG)offsetof(type, field))
#define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) \
	(FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define RTL_CONTAINS_FIELD(Struct, Size, Field) \
	((((PCHAR)(&(Struct)->Field)) + sizeof((Struct)->Field)) <= (((PCHAR)(Struct)) + (Size)))
#define RTL_NUMBER_OF_V1(A)              (sizeof(A) / sizeof((A)[0]))
#define RTL_NUMBER_OF_V2(A)              RTL_NUMBER_OF_V1(A)
#define RTL_NUMBER_OF(A)                 RTL_NUMBER_OF_V1(A)
#define ARRAYSIZE(A)                     RTL_NUMBER_OF_V2(A)
#define _ARRAYSIZE(A)                    RTL_NUMBER_OF_V1(A)
#define RTL_NUMBER_OF_FIELD(type, field) (RTL_NUMBER_OF(RTL_FIELD_TYPE(type, field)))
#define RTL_FIELD_TYPE(type, field)      (((type *)0)->field)
#define RTL_PADDING_BETWEEN_FIELDS(T, F1, F2)                                          \
	((FIELD_OFFSET(T, F2) > FIELD_OFFSET(T, F1))                                   \
		 ? (FIELD_OFFSET(T, F2) - FIELD_OFFSET(T, F1) - RTL_FIELD_SIZE(T, F1)) \
		 : (FIELD_OFFSET(T, F1) - FIELD_OFFSET(T, F2) - RTL_FIELD_SIZE(T, F2)))
#define CONTAINING_RECORD(address, type, field) \
	((type *)((PCHAR)(address) - (ULONG_PTR)(&((type *)0)->field)))
#define TYPE_ALIGNMENT(t)                __alignof(t)
#define ALIGN_DOWN_BY(length, alignment) ((ULONG_PTR)(length) & ~((ULONG_PTR)(alignment)-1))
#define ALIGN_UP_BY(length, alignment) \
	(ALIGN_DOWN_BY(((ULONG_PTR)(length) + (alignment)-1), (alignment)))
#define ALIGN_DOWN_POINTER_BY(address, alignment) ((PVOID)ALIGN_DOWN_BY(address, alignment))
#define ALIGN_UP_POINTER_BY(address, alignment)   ((PVOID)ALIGN_UP_BY(address, alignment))
#define ALIGN_DOWN(length, type)                  ALIGN_DOWN_BY(length, sizeof(type))
#define ALIGN_UP(length, type)                    ALIGN_UP_BY(length, sizeof(type))
#define ALIGN_DOWN_POINTER(address, type)         ALIGN_DOWN_POINTER_BY(address, sizeof(type))
#define ALIGN_UP_POINTER(address, type)           ALIGN_UP_POINTER_BY(address, sizeof(type))
#define IS_ALIGNED(_pointer, _alignment)          ((((ULONG_PTR)(_pointer)) & ((_alignment)-1)) == 0)
#define POINTER_IS_ALIGNED(Pointer, Alignment) \
	(((((ULONG_PTR)(Pointer)) & (((Alignment)-1))) == 0) ? TRUE : FALSE)
#define Add2Ptr(P, I)     ((PVOID)((PUCHAR)(P) + (I)))
#define PtrOffset(B, O)   ((ULONG)((ULONG_PTR)(O) - (ULONG_PTR)(B)))
#define PtrToUlong(p)     ((ULONG)(ULONG_PTR)(p))
#define PtrToLong(p)      ((LONG)(LONG_PTR)(p))
#define PtrToUshort(p)    ((unsigned short)(ULONG_PTR)(p))
#define UlongToPtr(ul)    ((PVOID)(ULONG_PTR)(ul))
#define LongToPtr(l)      ((PVOID)(LONG_PTR)(l))
#define ULongToPtr(ul)    UlongToPtr(ul)
#define HandleToUlong(h)  ((ULONG)(ULONG_PTR)(h))
#define HandleToULong(h)  HandleToUlong(h)
#define HandleToLong(h)   ((LONG)(LONG_PTR)(h))
#define UlongToHandle(ul) ((HANDLE)(ULONG_PTR)(ul))
#define LongToHandle(h)   ((HANDLE)(LONG_PTR)(h))
#define PtrToPtr64(p)     ((void *)(p))
#define Ptr64ToPtr(p)     ((void *)(p))
#define min(a, b)         (((a) < (b)) ? (a) : (b))
#define max(a, b)         (((a) > (b)) ? (a) : (b))
#define LOBYTE(w)         ((UCHAR)(((ULONG_PTR)(w)) & 0xff))
#define HIBYTE(w)         ((UCHAR)((((ULONG_PTR)(w)) >> 8) & 0xff))
#define LOWORD(l)         ((USHORT)(((ULONG_PTR)(l)) & 0xffff))
#define HIWORD(l)         ((USHORT)((((ULONG_PTR)(l)) >> 16) & 0xffff))
#define MAKELONG(a, b)                                  \
	((LONG)(((USHORT)(((ULONG_PTR)(a)) & 0xffff)) | \
		((ULONG)((USHORT)(((ULONG_PTR)(b)) & 0xffff))) << 16))

#define UNREFERENCED_PARAMETER(P)          ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P)      ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define ARGUMENT_PRESENT(ArgumentPointer)  ((CHAR *)((ULONG_PTR)(ArgumentPointer)) != (CHAR *)NULL)
#define C_ASSERT(e)                        typedef char __C_ASSERT__[(e) ? 1 : -1]
#define DEFINE_ENUM_FLAG_OPERATORS(ENUMTYPE)
#define TYPE_ALIGNMENT(t) __alignof(t)

#define FlagOn(_F, _SF)      ((_F) & (_SF))
#define BooleanFlagOn(F, SF) ((BOOLEAN)(((F) & (SF)) != 0))
#define SetFlag(_F, _SF)     ((_F) |= (_SF))
#define ClearFlag(_F, _SF)   ((_F) &= ~(_SF))

/* ---- Object attributes ------------------------------------------------- */

#define OBJ_PROTECT_CLOSE                 0x00000001L
#define OBJ_INHERIT                       0x00000002L
#define OBJ_AUDIT_OBJECT_CLOSE            0x00000004L
#define OBJ_PERMANENT                     0x00000010L
#define OBJ_EXCLUSIVE                     0x00000020L
#define OBJ_CASE_INSENSITIVE              0x00000040L
#define OBJ_OPENIF                        0x00000080L
#define OBJ_OPENLINK                      0x00000100L
#define OBJ_KERNEL_HANDLE                 0x00000200L
#define OBJ_FORCE_ACCESS_CHECK            0x00000400L
#define OBJ_IGNORE_IMPERSONATED_DEVICEMAP 0x00000800L
#define OBJ_DONT_REPARSE                  0x00001000L
#define OBJ_VALID_ATTRIBUTES              0x00001FF2L
#define OBJ_NAME_PATH_SEPARATOR           ((WCHAR)L'\\')

typedef struct _OBJECT_ATTRIBUTES {
	ULONG Length;
	HANDLE RootDirectory;
	PUNICODE_STRING ObjectName;
	ULONG Attributes;
	PVOID SecurityDescriptor;
	PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;
typedef CONST OBJECT_ATTRIBUTES *PCOBJECT_ATTRIBUTES;

#define InitializeObjectAttributes(p, n, a, r, s)        \
	do {                                             \
		(p)->Length = sizeof(OBJECT_ATTRIBUTES); \
		(p)->RootDirectory = r;                  \
		(p)->Attributes = a;                     \
		(p)->ObjectName = n;                     \
		(p)->SecurityDescriptor = s;             \
		(p)->SecurityQualityOfService = NULL;    \
	} while (0)
#define RTL_CONSTANT_OBJECT_ATTRIBUTES(n, a)                      \
	{                                                         \
		sizeof(OBJECT_ATTRIBUTES), NULL, n, a, NULL, NULL \
	}
#define RTL_INIT_OBJECT_ATTRIBUTES(n, a) RTL_CONSTANT_OBJECT_ATTRIBUTES(n, a)

/* ---- Small enums shared everywhere --------------------------------------- */

typedef enum _EVENT_TYPE { NotificationEvent, SynchronizationEvent } EVENT_TYPE;
typedef enum _TIMER_TYPE { NotificationTimer, SynchronizationTimer } TIMER_TYPE;
typedef enum _WAIT_TYPE { WaitAll, WaitAny, WaitNotification, WaitDequeue, WaitDpc } WAIT_TYPE;
typedef enum _NT_PRODUCT_TYPE {
	NtProductWinNt = 1,
	NtProductLanManNt,
	NtProductServer
} NT_PRODUCT_TYPE,
	*PNT_PRODUCT_TYPE;
typedef enum _SUITE_TYPE {
	SmallBusiness,
	Enterprise,
	BackOffice,
	CommunicationServer,
	TerminalServer,
	SmallBusinessRestricted,
	EmbeddedNT,
	DataCenter,
	SingleUserTS,
	Personal,
	Blade,
	EmbeddedRestricted,
	SecurityAppliance,
	StorageServer,
	ComputeServer,
	WHServer,
	PhoneNT,
	MultiUserTS,
	MaxSuiteType
} SUITE_TYPE;

typedef struct _PROCESSOR_NUMBER {
	USHORT Group;
	UCHAR Number;
	UCHAR Reserved;
} PROCESSOR_NUMBER, *PPROCESSOR_NUMBER;

typedef struct _GROUP_AFFINITY {
	KAFFINITY Mask;
	USHORT Group;
	USHORT Reserved[3];
} GROUP_AFFINITY, *PGROUP_AFFINITY;

typedef struct _OBJECTID {
	GUID Lineage;
	ULONG Uniquifier;
} OBJECTID;

#endif
