/*
 * fltcheck WDK model: the kernel C run-time string and memory routines
 * (memcpy, memset, wcslen, ...). Declarations only.
 */
#ifndef FLTCHECK_WDK_STRING_H
#define FLTCHECK_WDK_STRING_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *__cdecl memcpy(void *dst, const void *src, size_t n);
void *__cdecl memmove(void *dst, const void *src, size_t n);
void *__cdecl memset(void *dst, int c, size_t n);
int __cdecl memcmp(const void *a, const void *b, size_t n);
void *__cdecl memchr(const void *s, int c, size_t n);
size_t __cdecl strlen(const char *s);
size_t __cdecl strnlen(const char *s, size_t n);
char *__cdecl strcpy(char *dst, const char *src);
char *__cdecl strncpy(char *dst, const char *src, size_t n);
char *__cdecl strcat(char *dst, const char *src);
char *__cdecl strncat(char *dst, const char *src, size_t n);
int __cdecl strcmp(const char *a, const char *b);
int __cdecl strncmp(const char *a, const char *b, size_t n);
int __cdecl _stricmp(const char *a, const char *b);
int __cdecl _strnicmp(const char *a, const char *b, size_t n);
char *__cdecl strchr(const char *s, int c);
char *__cdecl strrchr(const char *s, int c);
char *__cdecl strstr(const char *s, const char *sub);
size_t __cdecl wcslen(const wchar_t *s);
size_t __cdecl wcsnlen(const wchar_t *s, size_t n);
wchar_t *__cdecl wcscpy(wchar_t *dst, const wchar_t *src);
wchar_t *__cdecl wcsncpy(wchar_t *dst, const wchar_t *src, size_t n);
wchar_t *__cdecl wcscat(wchar_t *dst, const wchar_t *src);
wchar_t *__cdecl wcsncat(wchar_t *dst, const wchar_t *src, size_t n);
int __cdecl wcscmp(const wchar_t *a, const wchar_t *b);
int __cdecl wcsncmp(const wchar_t *a, const wchar_t *b, size_t n);
int __cdecl _wcsicmp(const wchar_t *a, const wchar_t *b);
int __cdecl _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t n);
wchar_t *__cdecl wcschr(const wchar_t *s, wchar_t c);
wchar_t *__cdecl wcsrchr(const wchar_t *s, wchar_t c);
wchar_t *__cdecl wcsstr(const wchar_t *s, const wchar_t *sub);
wchar_t *__cdecl _wcslwr(wchar_t *s);
wchar_t *__cdecl _wcsupr(wchar_t *s);
char *__cdecl _strlwr(char *s);
char *__cdecl _strupr(char *s);

/* The bounded ("secure") forms; they return 0 or an errno value. */
#ifndef _ERRNO_T_DEFINED
#	define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
#define _TRUNCATE ((size_t)-1)
errno_t __cdecl memcpy_s(void *dst, size_t dstsize, const void *src, size_t n);
errno_t __cdecl memmove_s(void *dst, size_t dstsize, const void *src, size_t n);
errno_t __cdecl strcpy_s(char *dst, size_t dstsize, const char *src);
errno_t __cdecl strncpy_s(char *dst, size_t dstsize, const char *src, size_t n);
errno_t __cdecl strcat_s(char *dst, size_t dstsize, const char *src);
errno_t __cdecl strncat_s(char *dst, size_t dstsize, const char *src, size_t n);
errno_t __cdecl wcscpy_s(wchar_t *dst, size_t dstsize, const wchar_t *src);
errno_t __cdecl wcsncpy_s(wchar_t *dst, size_t dstsize, const wchar_t *src, size_t n);
errno_t __cdecl wcscat_s(wchar_t *dst, size_t dstsize, const wchar_t *src);
errno_t __cdecl wcsncat_s(wchar_t *dst, size_t dstsize, const wchar_t *src, size_t n);

#ifdef __cplusplus
}

/* C++ takes the size of an array destination from its type. */
template <size_t N> inline errno_t strcpy_s(char (&dst)[N], const char *src)
{
	return strcpy_s(dst, N, src);
}
template <size_t N> inline errno_t strcat_s(char (&dst)[N], const char *src)
{
	return strcat_s(dst, N, src);
}
template <size_t N> inline errno_t strncpy_s(char (&dst)[N], const char *src, size_t n)
{
	return strncpy_s(dst, N, src, n);
}
template <size_t N> inline errno_t strncat_s(char (&dst)[N], const char *src, size_t n)
{
	return strncat_s(dst, N, src, n);
}
template <size_t N> inline errno_t wcscpy_s(wchar_t (&dst)[N], const wchar_t *src)
{
	return wcscpy_s(dst, N, src);
}
template <size_t N> inline errno_t wcscat_s(wchar_t (&dst)[N], const wchar_t *src)
{
	return wcscat_s(dst, N, src);
}
template <size_t N> inline errno_t wcsncpy_s(wchar_t (&dst)[N], const wchar_t *src, size_t n)
{
	return wcsncpy_s(dst, N, src, n);
}
template <size_t N> inline errno_t wcsncat_s(wchar_t (&dst)[N], const wchar_t *src, size_t n)
{
	return wcsncat_s(dst, N, src, n);
}
#endif

#endif
