/*
 * fltcheck WDK model: socket address structures (ws2def.h/ws2ipdef.h) as
 * kernel network code sees them.
 */
#ifndef FLTCHECK_WDK_WS2DEF_H
#define FLTCHECK_WDK_WS2DEF_H

#include <ntdef.h>

typedef USHORT ADDRESS_FAMILY;
#ifndef _TCHAR_DEFINED
#	define _TCHAR_DEFINED
typedef WCHAR TCHAR, *PTCHAR;
#endif
#define AF_UNSPEC 0
#define AF_INET   2
#define AF_INET6  23

typedef struct in_addr {
	union {
		struct {
			UCHAR s_b1, s_b2, s_b3, s_b4;
		} S_un_b;
		struct {
			USHORT s_w1, s_w2;
		} S_un_w;
		ULONG S_addr;
	} S_un;
} IN_ADDR, *PIN_ADDR;

typedef struct in6_addr {
	union {
		UCHAR Byte[16];
		USHORT Word[8];
	} u;
} IN6_ADDR, *PIN6_ADDR;

typedef struct sockaddr {
	ADDRESS_FAMILY sa_family;
	CHAR sa_data[14];
} SOCKADDR, *PSOCKADDR;

typedef struct sockaddr_in {
	ADDRESS_FAMILY sin_family;
	USHORT sin_port;
	IN_ADDR sin_addr;
	CHAR sin_zero[8];
} SOCKADDR_IN, *PSOCKADDR_IN;

typedef struct sockaddr_in6 {
	ADDRESS_FAMILY sin6_family;
	USHORT sin6_port;
	ULONG sin6_flowinfo;
	IN6_ADDR sin6_addr;
	ULONG sin6_scope_id;
} SOCKADDR_IN6, *PSOCKADDR_IN6;

typedef struct sockaddr_storage {
	ADDRESS_FAMILY ss_family;
	CHAR __ss_pad1[6];
	LONGLONG __ss_align;
	CHAR __ss_pad2[112];
} SOCKADDR_STORAGE, *PSOCKADDR_STORAGE;

#endif
