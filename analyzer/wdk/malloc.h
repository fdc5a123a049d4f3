/*
 * fltcheck WDK model: malloc.h, which clang's own intrinsics headers
 * (mm_malloc.h, through intrin.h) include. Declarations only.
 */
#ifndef FLTCHECK_WDK_MALLOC_H
#define FLTCHECK_WDK_MALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *__cdecl malloc(size_t size);
void *__cdecl calloc(size_t count, size_t size);
void *__cdecl realloc(void *p, size_t size);
void __cdecl free(void *p);
void *__cdecl _aligned_malloc(size_t size, size_t alignment);
void __cdecl _aligned_free(void *p);
void *__cdecl _alloca(size_t size);
#define alloca _alloca

#ifdef __cplusplus
}
#endif

#endif
