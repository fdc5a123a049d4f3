/*
 * fltcheck WDK model: the conversion and utility routines of the kernel C
 * run-time. Declarations only.
 */
#ifndef FLTCHECK_WDK_STDLIB_H
#define FLTCHECK_WDK_STDLIB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

int __cdecl atoi(const char *s);
long __cdecl atol(const char *s);
long __cdecl strtol(const char *s, char **end, int base);
unsigned long __cdecl strtoul(const char *s, char **end, int base);
long __cdecl wcstol(const wchar_t *s, wchar_t **end, int base);
unsigned long __cdecl wcstoul(const wchar_t *s, wchar_t **end, int base);
int __cdecl abs(int v);
long __cdecl labs(long v);
void __cdecl qsort(void *base, size_t n, size_t size,
		   int(__cdecl *cmp)(const void *, const void *));
void *__cdecl bsearch(const void *key, const void *base, size_t n, size_t size,
		      int(__cdecl *cmp)(const void *, const void *));
char *__cdecl _itoa(int value, char *buf, int radix);
wchar_t *__cdecl _itow(int value, wchar_t *buf, int radix);
wchar_t *__cdecl _ultow(unsigned long value, wchar_t *buf, int radix);
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
#define __min(a, b) (((a) < (b)) ? (a) : (b))
#define __max(a, b) (((a) > (b)) ? (a) : (b))

#ifdef __cplusplus
}
#endif

#endif
