/*
 * fltcheck WDK model: minwindef.h, the basic Windows types. Kernel code
 * includes windef.h or minwindef.h for DWORD, BOOL and their kin; the model
 * keeps those (and min, max) in ntdef.h and adds the rest of the names here.
 */
#ifndef FLTCHECK_WDK_MINWINDEF_H
#define FLTCHECK_WDK_MINWINDEF_H

#include <ntdef.h>

#ifndef FAR
#	define FAR
#endif
#ifndef NEAR
#	define NEAR
#endif
#define far
#define near
#define PASCAL   __stdcall
#define APIENTRY WINAPI
#define WINAPIV  __cdecl

typedef BOOL *LPBOOL;
typedef int *LPINT;
typedef WORD *LPWORD;
typedef long *LPLONG;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;
typedef WORD ATOM;
typedef int HFILE;
#define HFILE_ERROR ((HFILE)-1)

/* A handle type of its own: a pointer to a structure that is never defined. */
#ifndef DECLARE_HANDLE
#	define DECLARE_HANDLE(name) typedef struct name##_model_handle *name
#endif
DECLARE_HANDLE(HKEY);
typedef HKEY *PHKEY;
DECLARE_HANDLE(HWND);
DECLARE_HANDLE(HHOOK);
DECLARE_HANDLE(HDC);
DECLARE_HANDLE(HBITMAP);
DECLARE_HANDLE(HICON);
DECLARE_HANDLE(HMENU);
DECLARE_HANDLE(HBRUSH);
DECLARE_HANDLE(HFONT);
DECLARE_HANDLE(HRGN);
DECLARE_HANDLE(HGDIOBJ);
DECLARE_HANDLE(HMONITOR);
typedef HANDLE HGLOBAL;
typedef HANDLE HLOCAL;
typedef int(FAR WINAPI *FARPROC)(void);
typedef int(NEAR WINAPI *NEARPROC)(void);
typedef int(WINAPI *PROC)(void);

#define MAKEWORD(lo, hi) ((WORD)(((DWORD_PTR)(lo)&0xFF) | (((DWORD_PTR)(hi)&0xFF) << 8)))
#define MAKELONG(lo, hi) ((LONG)(((DWORD_PTR)(lo)&0xFFFF) | (((DWORD_PTR)(hi)&0xFFFF) << 16)))
#define LOWORD(v)        ((WORD)((DWORD_PTR)(v)&0xFFFF))
#define HIWORD(v)        ((WORD)(((DWORD_PTR)(v) >> 16) & 0xFFFF))
#define LOBYTE(v)        ((BYTE)((DWORD_PTR)(v)&0xFF))
#define HIBYTE(v)        ((BYTE)(((DWORD_PTR)(v) >> 8) & 0xFF))

#endif
