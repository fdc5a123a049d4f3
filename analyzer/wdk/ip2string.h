/*
 * fltcheck WDK model: IP address to string conversion routines.
 */
#ifndef FLTCHECK_WDK_IP2STRING_H
#define FLTCHECK_WDK_IP2STRING_H

#include <ws2def.h>

EXTERN_C_START

NTSYSAPI PWSTR NTAPI RtlIpv4AddressToStringW(_In_ const struct in_addr *Addr,
					     _Out_writes_(16) PWSTR S);
NTSYSAPI PWSTR NTAPI RtlIpv6AddressToStringW(_In_ const struct in6_addr *Addr,
					     _Out_writes_(46) PWSTR S);
NTSYSAPI NTSTATUS NTAPI RtlIpv4AddressToStringExW(
	_In_ const struct in_addr *Address, _In_ USHORT Port,
	_Out_writes_to_(*AddressStringLength, *AddressStringLength) PWSTR AddressString,
	_Inout_ PULONG AddressStringLength);
NTSYSAPI NTSTATUS NTAPI RtlIpv6AddressToStringExW(
	_In_ const struct in6_addr *Address, _In_ ULONG ScopeId, _In_ USHORT Port,
	_Out_writes_to_(*AddressStringLength, *AddressStringLength) PWSTR AddressString,
	_Inout_ PULONG AddressStringLength);
NTSYSAPI NTSTATUS NTAPI RtlIpv4StringToAddressW(_In_ PCWSTR S, _In_ BOOLEAN Strict,
						_Out_ PCWSTR *Terminator,
						_Out_ struct in_addr *Addr);
#define RtlIpv4AddressToString   RtlIpv4AddressToStringW
#define RtlIpv6AddressToString   RtlIpv6AddressToStringW
#define RtlIpv4AddressToStringEx RtlIpv4AddressToStringExW
#define RtlIpv6AddressToStringEx RtlIpv6AddressToStringExW
#define RtlIpv4StringToAddress   RtlIpv4StringToAddressW

EXTERN_C_END

#endif
