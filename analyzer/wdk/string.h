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

#ifdef __cplusplus
}
#endif

#endif
