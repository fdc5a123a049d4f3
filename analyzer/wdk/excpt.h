/*
 * fltcheck WDK model: structured exception handling helpers. clang accepts
 * __try/__except/__finally/__leave itself in Microsoft mode; this header
 * supplies the filter values and the intrinsic spellings drivers use.
 */
#ifndef FLTCHECK_WDK_EXCPT_H
#define FLTCHECK_WDK_EXCPT_H

#define EXCEPTION_EXECUTE_HANDLER    1
#define EXCEPTION_CONTINUE_SEARCH    0
#define EXCEPTION_CONTINUE_EXECUTION (-1)

#define GetExceptionCode          _exception_code
#define exception_code            _exception_code
#define GetExceptionInformation() ((struct _EXCEPTION_POINTERS *)_exception_info())
#define exception_info()          ((struct _EXCEPTION_POINTERS *)_exception_info())
/* The WDK lets C code write the keywords without underscores. */
#ifndef __cplusplus
#	define try     __try
#	define except  __except
#	define finally __finally
#	define leave   __leave
#endif

#define AbnormalTermination  _abnormal_termination
#define abnormal_termination _abnormal_termination

#ifdef __cplusplus
extern "C" {
#endif
unsigned long __cdecl _exception_code(void);
void *__cdecl _exception_info(void);
int __cdecl _abnormal_termination(void);
#ifdef __cplusplus
}
#endif

#endif
