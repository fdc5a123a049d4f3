/*
 * fltcheck WDK model: the Winsock Kernel header, reduced to the socket
 * address types and address-string routines that file-system filters use
 * when they report remote clients.
 */
#ifndef FLTCHECK_WDK_WSK_H
#define FLTCHECK_WDK_WSK_H

#include <ntddk.h>
#include <ws2def.h>
#include <ip2string.h>

typedef struct _WSK_SOCKET {
	const VOID *Dispatch;
} WSK_SOCKET, *PWSK_SOCKET;

#endif
