/*
 * fltcheck WDK model: the formatted-output routines of the kernel C
 * run-time. Declarations only.
 */
#ifndef FLTCHECK_WDK_STDIO_H
#define FLTCHECK_WDK_STDIO_H

#include <stddef.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

int __cdecl sprintf(char *buf, const char *fmt, ...);
int __cdecl _snprintf(char *buf, size_t n, const char *fmt, ...);
int __cdecl snprintf(char *buf, size_t n, const char *fmt, ...);
int __cdecl vsprintf(char *buf, const char *fmt, va_list ap);
int __cdecl _vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int __cdecl vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int __cdecl swprintf(wchar_t *buf, const wchar_t *fmt, ...);
int __cdecl _swprintf(wchar_t *buf, const wchar_t *fmt, ...);
int __cdecl _snwprintf(wchar_t *buf, size_t n, const wchar_t *fmt, ...);
int __cdecl _vsnwprintf(wchar_t *buf, size_t n, const wchar_t *fmt, va_list ap);
int __cdecl sscanf(const char *buf, const char *fmt, ...);
int __cdecl swscanf(const wchar_t *buf, const wchar_t *fmt, ...);

#ifdef __cplusplus
}
#endif

#endif
