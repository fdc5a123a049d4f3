/*
 * fltcheck WDK model: the bounded string routines of ntstrsafe.h
 * (RtlStringCch*, RtlStringCb*, RtlUnicodeString*). Declarations only; each
 * returns an NTSTATUS like the real ones.
 */
#ifndef FLTCHECK_WDK_NTSTRSAFE_H
#define FLTCHECK_WDK_NTSTRSAFE_H

#include <ntdef.h>
#include <ntstatus.h>

EXTERN_C_START

#define NTSTRSAFE_MAX_CCH                2147483647
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH (0xffff / sizeof(wchar_t))
#define STRSAFE_IGNORE_NULLS             0x00000100
#define STRSAFE_FILL_BEHIND_NULL         0x00000200
#define STRSAFE_FILL_ON_FAILURE          0x00000400
#define STRSAFE_NULL_ON_FAILURE          0x00000800
#define STRSAFE_NO_TRUNCATION            0x00001000
#define STRSAFE_FILL_BYTE(x)             ((ULONG)(((x)&0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x)          ((ULONG)(((x)&0x000000FF) | STRSAFE_FILL_ON_FAILURE))
#define STATUS_STRSAFE_FAILURE_BASE      STATUS_INVALID_PARAMETER
typedef _Null_terminated_ char *NTSTRSAFE_PSTR;
typedef _Null_terminated_ const char *NTSTRSAFE_PCSTR;
typedef _Null_terminated_ wchar_t *NTSTRSAFE_PWSTR;
typedef _Null_terminated_ const wchar_t *NTSTRSAFE_PCWSTR;

NTSTATUS NTAPI RtlStringCchCopyW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
				 _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlStringCchCopyA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
				 _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS NTAPI RtlStringCbCopyW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest,
				_In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlStringCbCopyA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest,
				_In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS NTAPI RtlStringCchCopyNW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest,
				  _In_ size_t cchDest, _In_reads_or_z_(cchToCopy) PCWSTR pszSrc,
				  _In_ size_t cchToCopy);
NTSTATUS NTAPI RtlStringCbCopyNW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest,
				 _In_ size_t cbDest, _In_reads_bytes_(cbToCopy) PCWSTR pszSrc,
				 _In_ size_t cbToCopy);
NTSTATUS NTAPI RtlStringCchCopyExW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest,
				   _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc,
				   _Outptr_opt_result_buffer_(*pcchRemaining)
					   NTSTRSAFE_PWSTR *ppszDestEnd,
				   _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
NTSTATUS NTAPI RtlStringCbCopyExW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest,
				  _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc,
				  _Outptr_opt_result_bytebuffer_(*pcbRemaining)
					  NTSTRSAFE_PWSTR *ppszDestEnd,
				  _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
NTSTATUS NTAPI RtlStringCchCatW(_Inout_updates_(cchDest) NTSTRSAFE_PWSTR pszDest,
				_In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlStringCchCatA(_Inout_updates_(cchDest) NTSTRSAFE_PSTR pszDest,
				_In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS NTAPI RtlStringCbCatW(_Inout_updates_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest,
			       _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlStringCbCatA(_Inout_updates_bytes_(cbDest) NTSTRSAFE_PSTR pszDest,
			       _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS NTAPI RtlStringCchCatNW(_Inout_updates_(cchDest) NTSTRSAFE_PWSTR pszDest,
				 _In_ size_t cchDest, _In_reads_or_z_(cchToAppend) PCWSTR pszSrc,
				 _In_ size_t cchToAppend);
NTSTATUS NTAPI RtlStringCbCatNW(_Inout_updates_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest,
				_In_ size_t cbDest, _In_reads_bytes_(cbToAppend) PCWSTR pszSrc,
				_In_ size_t cbToAppend);
NTSTATUS __cdecl RtlStringCchPrintfW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest,
				     _In_ size_t cchDest,
				     _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCchPrintfA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest,
				     _In_ size_t cchDest,
				     _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCbPrintfW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest,
				    _In_ size_t cbDest,
				    _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCbPrintfA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest,
				    _In_ size_t cbDest,
				    _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCchPrintfExW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest,
				       _In_ size_t cchDest,
				       _Outptr_opt_result_buffer_(*pcchRemaining)
					       NTSTRSAFE_PWSTR *ppszDestEnd,
				       _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags,
				       _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCbPrintfExW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest,
				      _In_ size_t cbDest,
				      _Outptr_opt_result_bytebuffer_(*pcbRemaining)
					      NTSTRSAFE_PWSTR *ppszDestEnd,
				      _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags,
				      _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS NTAPI RtlStringCchVPrintfW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest,
				    _In_ size_t cchDest,
				    _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat,
				    _In_ va_list argList);
NTSTATUS NTAPI RtlStringCbVPrintfW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest,
				   _In_ size_t cbDest,
				   _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat,
				   _In_ va_list argList);
NTSTATUS NTAPI RtlStringCchLengthW(_In_reads_or_z_(cchMax) NTSTRSAFE_PCWSTR psz, _In_ size_t cchMax,
				   _Out_opt_ size_t *pcchLength);
NTSTATUS NTAPI RtlStringCchLengthA(_In_reads_or_z_(cchMax) NTSTRSAFE_PCSTR psz, _In_ size_t cchMax,
				   _Out_opt_ size_t *pcchLength);
NTSTATUS NTAPI RtlStringCbLengthW(_In_reads_or_z_(cbMax / sizeof(wchar_t)) NTSTRSAFE_PCWSTR psz,
				  _In_ size_t cbMax, _Out_opt_ size_t *pcbLength);
NTSTATUS NTAPI RtlStringCbLengthA(_In_reads_or_z_(cbMax) NTSTRSAFE_PCSTR psz, _In_ size_t cbMax,
				  _Out_opt_ size_t *pcbLength);

NTSTATUS NTAPI RtlUnicodeStringInit(_Out_ PUNICODE_STRING DestinationString,
				    _In_opt_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlUnicodeStringInitEx(_Out_ PUNICODE_STRING DestinationString,
				      _In_opt_ NTSTRSAFE_PCWSTR pszSrc, _In_ ULONG dwFlags);
NTSTATUS NTAPI RtlUnicodeStringValidate(_In_opt_ PCUNICODE_STRING SourceString);
NTSTATUS NTAPI RtlUnicodeStringCopy(_Inout_ PUNICODE_STRING DestinationString,
				    _In_ PCUNICODE_STRING SourceString);
NTSTATUS NTAPI RtlUnicodeStringCopyString(_Inout_ PUNICODE_STRING DestinationString,
					  _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlUnicodeStringCat(_Inout_ PUNICODE_STRING DestinationString,
				   _In_ PCUNICODE_STRING SourceString);
NTSTATUS NTAPI RtlUnicodeStringCatString(_Inout_ PUNICODE_STRING DestinationString,
					 _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlUnicodeStringCbCopyN(_Inout_ PUNICODE_STRING DestinationString,
				       _In_ PCUNICODE_STRING SourceString, _In_ size_t cbToCopy);
NTSTATUS NTAPI RtlUnicodeStringCchCopyN(_Inout_ PUNICODE_STRING DestinationString,
					_In_ PCUNICODE_STRING SourceString, _In_ size_t cchToCopy);
NTSTATUS NTAPI RtlUnicodeStringCbCatN(_Inout_ PUNICODE_STRING DestinationString,
				      _In_ PCUNICODE_STRING SourceString, _In_ size_t cbToAppend);
NTSTATUS __cdecl RtlUnicodeStringPrintf(_Inout_ PUNICODE_STRING DestinationString,
					_In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat,
					...);
NTSTATUS __cdecl RtlUnicodeStringPrintfEx(_Inout_ PUNICODE_STRING DestinationString,
					  _Out_opt_ PUNICODE_STRING RemainingString,
					  _In_ ULONG dwFlags,
					  _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat,
					  ...);
NTSTATUS NTAPI RtlUnicodeStringVPrintf(_Inout_ PUNICODE_STRING DestinationString,
				       _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat,
				       _In_ va_list argList);

EXTERN_C_END

#endif
