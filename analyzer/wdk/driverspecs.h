/*
 * fltcheck WDK model: driver-specific annotations.
 *
 * The IRQL, dispatch-type, lock and kernel-resource annotations that driver
 * code puts on its functions. All of them expand to nothing; fltcheck learns
 * IRQL facts from its own API table, not from these macros.
 */
#ifndef FLTCHECK_WDK_DRIVERSPECS_H
#define FLTCHECK_WDK_DRIVERSPECS_H

#include <specstrings.h>

/* IRQL annotations. */
#define _IRQL_requires_(...)
#define _IRQL_requires_max_(...)
#define _IRQL_requires_min_(...)
#define _IRQL_raises_(...)
#define _IRQL_saves_
#define _IRQL_restores_
#define _IRQL_saves_global_(...)
#define _IRQL_restores_global_(...)
#define _IRQL_always_function_max_(...)
#define _IRQL_always_function_min_(...)
#define _IRQL_requires_same_
#define _IRQL_uses_cancel_
#define _IRQL_is_cancel_
#define _IRQL_was_(...)
#define _IRQL_limited_to_(...)
#define _IRQL_lowered_(...)

/* Function roles. */
#define _Dispatch_type_(...)
#define _Kernel_clear_do_init_(...)
#define _Kernel_float_saved_
#define _Kernel_float_restored_
#define _Kernel_float_used_
#define _Kernel_acquires_resource_(...)
#define _Kernel_releases_resource_(...)
#define _Kernel_requires_resource_held_(...)
#define _Kernel_requires_resource_not_held_(...)
#define _Kernel_IoGetDmaAdapter_
#define _Kernel_ReleasesResource_(...)
#define _Kernel_entry_
#define _Kernel_entry_always_
#define _Drv_reportError_(...)

/* Filter Manager out-parameters. */
#define _Flt_CompletionContext_Outptr_
#define _Flt_ConnectionCookie_Outptr_

/* The older __drv_ spellings. */
#define __drv_aliasesMem
#define __drv_allocatesMem(...)
#define __drv_freesMem(...)
#define __drv_arg(...)
#define __drv_at(...)
#define __drv_in(...)
#define __drv_out(...)
#define __drv_fun(...)
#define __drv_ret(...)
#define __drv_maxIRQL(...)
#define __drv_minIRQL(...)
#define __drv_setsIRQL(...)
#define __drv_requiresIRQL(...)
#define __drv_raisesIRQL(...)
#define __drv_savesIRQL
#define __drv_restoresIRQL
#define __drv_savesIRQLGlobal(...)
#define __drv_restoresIRQLGlobal(...)
#define __drv_sameIRQL
#define __drv_useCancelIRQL
#define __drv_maxFunctionIRQL(...)
#define __drv_minFunctionIRQL(...)
#define __drv_dispatchType(...)
#define __drv_dispatchType_other
#define __drv_functionClass(...)
#define __drv_inTry
#define __drv_notInTry
#define __drv_isObjectPointer
#define __drv_isCancelIRQL
#define __drv_preferredFunction(...)
#define __drv_reportError(...)
#define __drv_strictType(...)
#define __drv_strictTypeMatch(...)
#define __drv_mustHold(...)
#define __drv_neverHold(...)
#define __drv_acquiresResource(...)
#define __drv_releasesResource(...)
#define __drv_acquiresCancelSpinLock
#define __drv_releasesCancelSpinLock
#define __drv_mustHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock
#define __drv_acquiresCriticalRegion
#define __drv_releasesCriticalRegion
#define __drv_mustHoldCriticalRegion
#define __drv_acquiresPriorityRegion
#define __drv_releasesPriorityRegion
#define __drv_floatSaved
#define __drv_floatRestored
#define __drv_floatUsed
#define __drv_interlocked
#define __drv_nonConstant
#define __drv_constant
#define __drv_formatString(...)
#define __drv_valueIs(...)
#define __drv_when(...)
#define __drv_innerMustHoldGlobal(...)
#define __drv_innerNeverHoldGlobal(...)
#define __drv_clearDoInit(...)
#define __drv_completionType(...)
#define __drv_Mode_impl(...)

#endif
