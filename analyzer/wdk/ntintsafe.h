/*
 * fltcheck WDK model: overflow-checked integer arithmetic (ntintsafe.h).
 * RtlXxxAdd/Sub/Mult store the result and return STATUS_INTEGER_OVERFLOW
 * when it does not fit. Declarations only, plus the conversion helpers
 * drivers use most.
 */
#ifndef FLTCHECK_WDK_NTINTSAFE_H
#define FLTCHECK_WDK_NTINTSAFE_H

#include <ntdef.h>
#include <ntstatus.h>

EXTERN_C_START

NTSTATUS NTAPI RtlULongAdd(_In_ ULONG Augend, _In_ ULONG Addend, _Out_ ULONG *pResult);
NTSTATUS NTAPI RtlULongSub(_In_ ULONG Minuend, _In_ ULONG Subtrahend, _Out_ ULONG *pResult);
NTSTATUS NTAPI RtlULongMult(_In_ ULONG Multiplicand, _In_ ULONG Multiplier, _Out_ ULONG *pResult);
NTSTATUS NTAPI RtlUIntAdd(_In_ UINT Augend, _In_ UINT Addend, _Out_ UINT *pResult);
NTSTATUS NTAPI RtlUIntSub(_In_ UINT Minuend, _In_ UINT Subtrahend, _Out_ UINT *pResult);
NTSTATUS NTAPI RtlUIntMult(_In_ UINT Multiplicand, _In_ UINT Multiplier, _Out_ UINT *pResult);
NTSTATUS NTAPI RtlUShortAdd(_In_ USHORT Augend, _In_ USHORT Addend, _Out_ USHORT *pResult);
NTSTATUS NTAPI RtlUShortSub(_In_ USHORT Minuend, _In_ USHORT Subtrahend, _Out_ USHORT *pResult);
NTSTATUS NTAPI RtlUShortMult(_In_ USHORT Multiplicand, _In_ USHORT Multiplier,
			     _Out_ USHORT *pResult);
NTSTATUS NTAPI RtlULongLongAdd(_In_ ULONGLONG Augend, _In_ ULONGLONG Addend,
			       _Out_ ULONGLONG *pResult);
NTSTATUS NTAPI RtlULongLongSub(_In_ ULONGLONG Minuend, _In_ ULONGLONG Subtrahend,
			       _Out_ ULONGLONG *pResult);
NTSTATUS NTAPI RtlULongLongMult(_In_ ULONGLONG Multiplicand, _In_ ULONGLONG Multiplier,
				_Out_ ULONGLONG *pResult);
NTSTATUS NTAPI RtlSizeTAdd(_In_ SIZE_T Augend, _In_ SIZE_T Addend, _Out_ SIZE_T *pResult);
NTSTATUS NTAPI RtlSizeTSub(_In_ SIZE_T Minuend, _In_ SIZE_T Subtrahend, _Out_ SIZE_T *pResult);
NTSTATUS NTAPI RtlSizeTMult(_In_ SIZE_T Multiplicand, _In_ SIZE_T Multiplier,
			    _Out_ SIZE_T *pResult);
NTSTATUS NTAPI RtlULongPtrAdd(_In_ ULONG_PTR Augend, _In_ ULONG_PTR Addend,
			      _Out_ ULONG_PTR *pResult);
NTSTATUS NTAPI RtlULongPtrSub(_In_ ULONG_PTR Minuend, _In_ ULONG_PTR Subtrahend,
			      _Out_ ULONG_PTR *pResult);
NTSTATUS NTAPI RtlULongPtrMult(_In_ ULONG_PTR Multiplicand, _In_ ULONG_PTR Multiplier,
			       _Out_ ULONG_PTR *pResult);
NTSTATUS NTAPI RtlLongAdd(_In_ LONG Augend, _In_ LONG Addend, _Out_ LONG *pResult);
NTSTATUS NTAPI RtlLongSub(_In_ LONG Minuend, _In_ LONG Subtrahend, _Out_ LONG *pResult);
NTSTATUS NTAPI RtlLongMult(_In_ LONG Multiplicand, _In_ LONG Multiplier, _Out_ LONG *pResult);
NTSTATUS NTAPI RtlIntAdd(_In_ INT Augend, _In_ INT Addend, _Out_ INT *pResult);
NTSTATUS NTAPI RtlIntSub(_In_ INT Minuend, _In_ INT Subtrahend, _Out_ INT *pResult);
NTSTATUS NTAPI RtlIntMult(_In_ INT Multiplicand, _In_ INT Multiplier, _Out_ INT *pResult);
NTSTATUS NTAPI RtlLongLongAdd(_In_ LONGLONG Augend, _In_ LONGLONG Addend, _Out_ LONGLONG *pResult);
NTSTATUS NTAPI RtlLongLongSub(_In_ LONGLONG Minuend, _In_ LONGLONG Subtrahend,
			      _Out_ LONGLONG *pResult);
NTSTATUS NTAPI RtlLongLongMult(_In_ LONGLONG Multiplicand, _In_ LONGLONG Multiplier,
			       _Out_ LONGLONG *pResult);
NTSTATUS NTAPI RtlUInt8Add(_In_ UINT8 Augend, _In_ UINT8 Addend, _Out_ UINT8 *pResult);
NTSTATUS NTAPI RtlUInt8Sub(_In_ UINT8 Minuend, _In_ UINT8 Subtrahend, _Out_ UINT8 *pResult);
NTSTATUS NTAPI RtlUInt8Mult(_In_ UINT8 Multiplicand, _In_ UINT8 Multiplier, _Out_ UINT8 *pResult);
NTSTATUS NTAPI RtlUInt16Add(_In_ UINT16 Augend, _In_ UINT16 Addend, _Out_ UINT16 *pResult);
NTSTATUS NTAPI RtlUInt16Sub(_In_ UINT16 Minuend, _In_ UINT16 Subtrahend, _Out_ UINT16 *pResult);
NTSTATUS NTAPI RtlUInt16Mult(_In_ UINT16 Multiplicand, _In_ UINT16 Multiplier,
			     _Out_ UINT16 *pResult);
NTSTATUS NTAPI RtlUInt32Add(_In_ UINT32 Augend, _In_ UINT32 Addend, _Out_ UINT32 *pResult);
NTSTATUS NTAPI RtlUInt32Sub(_In_ UINT32 Minuend, _In_ UINT32 Subtrahend, _Out_ UINT32 *pResult);
NTSTATUS NTAPI RtlUInt32Mult(_In_ UINT32 Multiplicand, _In_ UINT32 Multiplier,
			     _Out_ UINT32 *pResult);
NTSTATUS NTAPI RtlUInt64Add(_In_ UINT64 Augend, _In_ UINT64 Addend, _Out_ UINT64 *pResult);
NTSTATUS NTAPI RtlUInt64Sub(_In_ UINT64 Minuend, _In_ UINT64 Subtrahend, _Out_ UINT64 *pResult);
NTSTATUS NTAPI RtlUInt64Mult(_In_ UINT64 Multiplicand, _In_ UINT64 Multiplier,
			     _Out_ UINT64 *pResult);
NTSTATUS NTAPI RtlInt32Add(_In_ INT32 Augend, _In_ INT32 Addend, _Out_ INT32 *pResult);
NTSTATUS NTAPI RtlInt32Sub(_In_ INT32 Minuend, _In_ INT32 Subtrahend, _Out_ INT32 *pResult);
NTSTATUS NTAPI RtlInt32Mult(_In_ INT32 Multiplicand, _In_ INT32 Multiplier, _Out_ INT32 *pResult);
NTSTATUS NTAPI RtlInt64Add(_In_ INT64 Augend, _In_ INT64 Addend, _Out_ INT64 *pResult);
NTSTATUS NTAPI RtlInt64Sub(_In_ INT64 Minuend, _In_ INT64 Subtrahend, _Out_ INT64 *pResult);
NTSTATUS NTAPI RtlInt64Mult(_In_ INT64 Multiplicand, _In_ INT64 Multiplier, _Out_ INT64 *pResult);
NTSTATUS NTAPI RtlULongToUShort(_In_ ULONG Operand, _Out_ USHORT *pResult);
NTSTATUS NTAPI RtlULongToLong(_In_ ULONG Operand, _Out_ LONG *pResult);
NTSTATUS NTAPI RtlULongLongToULong(_In_ ULONGLONG Operand, _Out_ ULONG *pResult);
NTSTATUS NTAPI RtlSizeTToULong(_In_ SIZE_T Operand, _Out_ ULONG *pResult);
NTSTATUS NTAPI RtlSizeTToUShort(_In_ SIZE_T Operand, _Out_ USHORT *pResult);
NTSTATUS NTAPI RtlULongPtrToULong(_In_ ULONG_PTR Operand, _Out_ ULONG *pResult);
NTSTATUS NTAPI RtlLongToULong(_In_ LONG Operand, _Out_ ULONG *pResult);
NTSTATUS NTAPI RtlLongLongToULong(_In_ LONGLONG Operand, _Out_ ULONG *pResult);
NTSTATUS NTAPI RtlULongToUChar(_In_ ULONG Operand, _Out_ UCHAR *pResult);
NTSTATUS NTAPI RtlUIntToUShort(_In_ UINT Operand, _Out_ USHORT *pResult);
NTSTATUS NTAPI RtlULongLongToSizeT(_In_ ULONGLONG Operand, _Out_ SIZE_T *pResult);
NTSTATUS NTAPI RtlULongLongToUShort(_In_ ULONGLONG Operand, _Out_ USHORT *pResult);
NTSTATUS NTAPI RtlLongLongToLong(_In_ LONGLONG Operand, _Out_ LONG *pResult);

EXTERN_C_END

#endif
