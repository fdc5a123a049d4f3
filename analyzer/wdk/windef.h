/*
 * fltcheck WDK model: windef.h, minwindef.h's types plus the geometry
 * structures (POINT, RECT, SIZE) some kernel code carries in messages.
 */
#ifndef FLTCHECK_WDK_WINDEF_H
#define FLTCHECK_WDK_WINDEF_H

#include <minwindef.h>

typedef struct tagRECT {
	LONG left;
	LONG top;
	LONG right;
	LONG bottom;
} RECT, *PRECT, NEAR *NPRECT, FAR *LPRECT;
typedef const RECT FAR *LPCRECT;
typedef struct _RECTL {
	LONG left;
	LONG top;
	LONG right;
	LONG bottom;
} RECTL, *PRECTL, *LPRECTL;
typedef struct tagPOINT {
	LONG x;
	LONG y;
} POINT, *PPOINT, NEAR *NPPOINT, FAR *LPPOINT;
typedef struct _POINTL {
	LONG x;
	LONG y;
} POINTL, *PPOINTL;
typedef struct tagSIZE {
	LONG cx;
	LONG cy;
} SIZE, *PSIZE, *LPSIZE;

#endif
