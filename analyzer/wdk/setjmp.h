/*
 * fltcheck WDK model: setjmp.h, which clang's intrin.h includes for jmp_buf.
 * The x64 layout: sixteen 16-byte slots. Declarations only.
 */
#ifndef FLTCHECK_WDK_SETJMP_H
#define FLTCHECK_WDK_SETJMP_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _SETJMP_FLOAT128 {
	unsigned __int64 Part[2];
} SETJMP_FLOAT128;
#define _JBLEN 16
typedef SETJMP_FLOAT128 _JBTYPE;
typedef _JBTYPE jmp_buf[_JBLEN];

int __cdecl _setjmp(jmp_buf env);
#define setjmp(env) _setjmp(env)
__declspec(noreturn) void __cdecl longjmp(jmp_buf env, int value);

#ifdef __cplusplus
}
#endif

#endif
