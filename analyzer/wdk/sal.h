/*
 * fltcheck WDK model: source annotation (SAL) macros.
 *
 * Driver code is full of annotations that only matter to Microsoft's code
 * analysis. fltcheck parses the code with clang, which has no use for them,
 * so every annotation the model knows expands to nothing. Annotations that
 * take arguments are variadic so that any argument list is accepted.
 */
#ifndef FLTCHECK_WDK_SAL_H
#define FLTCHECK_WDK_SAL_H

/* Annotations written without arguments. */
#define _Analysis_noreturn_
#define _Benign_race_begin_
#define _Benign_race_end_
#define _Check_return_
#define _Const_
#define _Curr_
#define _Deref_out_
#define _Deref_out_opt_
#define _Deref_post_maybenull_
#define _Deref_post_notnull_
#define _Deref_post_null_
#define _Deref_pre_maybenull_
#define _Enum_is_bitflag_
#define _Field_z_
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Global_cancel_spin_lock_
#define _Global_critical_region_
#define _Global_interlock_
#define _Global_priority_region_
#define _In_
#define _In_defensive_
#define _In_opt_
#define _In_opt_z_
#define _In_z_
#define _Inout_
#define _Inout_defensive_
#define _Inout_opt_
#define _Inout_opt_z_
#define _Inout_z_
#define _Interlocked_
#define _Interlocked_operand_
#define _Literal_
#define _Maybenull_
#define _Must_inspect_result_
#define _No_competing_thread_
#define _No_competing_thread_begin_
#define _No_competing_thread_end_
#define _Notliteral_
#define _Notnull_
#define _NullNull_terminated_
#define _Null_
#define _Null_terminated_
#define _Old_
#define _Out_
#define _Out_defensive_
#define _Out_opt_
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_opt_result_maybenull_
#define _Outptr_opt_result_nullonfailure_
#define _Outptr_opt_result_z_
#define _Outptr_result_buffer_maybenull_
#define _Outptr_result_maybenull_
#define _Outptr_result_nullonfailure_
#define _Outptr_result_z_
#define _Outref_
#define _Outref_result_maybenull_
#define _Points_to_data_
#define _Post_invalid_
#define _Post_maybenull_
#define _Post_notnull_
#define _Post_null_
#define _Post_ptr_invalid_
#define _Post_readonly_
#define _Post_valid_
#define _Post_z_
#define _Pre_bytecap_
#define _Pre_cap_
#define _Pre_invalid_
#define _Pre_maybenull_
#define _Pre_notnull_
#define _Pre_null_
#define _Pre_opt_valid_
#define _Pre_readonly_
#define _Pre_valid_
#define _Pre_z_
#define _Printf_format_string_
#define _Readable_elements_impl_
#define _Requires_no_locks_held_
#define _Reserved_
#define _Result_nullonfailure_
#define _Result_zeroonfailure_
#define _Ret_
#define _Ret_maybenull_
#define _Ret_maybenull_z_
#define _Ret_notnull_
#define _Ret_null_
#define _Ret_opt_
#define _Ret_valid_
#define _Ret_z_
#define _Scanf_format_string_
#define _Strict_type_match_
#define _Unreferenced_parameter_
#define _Use_decl_annotations_

/* Annotations that take arguments. */
#define _Acquires_exclusive_lock_(...)
#define _Acquires_lock_(...)
#define _Acquires_nonreentrant_lock_(...)
#define _Acquires_shared_lock_(...)
#define _Always_(...)
#define _Analysis_assume_(...)
#define _Analysis_assume_nullterminated_(...)
#define _Analysis_mode_(...)
#define _At_(...)
#define _At_buffer_(...)
#define _Benign_race_(...)
#define _Create_lock_level_(...)
#define _Csalcat1_(...)
#define _Csalcat2_(...)
#define _Deref2_pre_readonly_(...)
#define _Deref_in_range_(...)
#define _Deref_inout_range_(...)
#define _Deref_out_range_(...)
#define _Deref_post_count_(...)
#define _Deref_pre_readonly_(...)
#define _Deref_ret_range_(...)
#define _Field_range_(...)
#define _Field_size_(...)
#define _Field_size_bytes_(...)
#define _Field_size_bytes_full_(...)
#define _Field_size_bytes_full_opt_(...)
#define _Field_size_bytes_opt_(...)
#define _Field_size_bytes_part_(...)
#define _Field_size_bytes_part_opt_(...)
#define _Field_size_full_(...)
#define _Field_size_full_opt_(...)
#define _Field_size_opt_(...)
#define _Field_size_part_(...)
#define _Field_size_part_opt_(...)
#define _Function_class_(...)
#define _Guarded_by_(...)
#define _Has_lock_kind_(...)
#define _Has_lock_level_(...)
#define _In_bytecount_(...)
#define _In_count_(...)
#define _In_opt_bytecount_(...)
#define _In_opt_count_(...)
#define _In_range_(...)
#define _In_reads_(...)
#define _In_reads_bytes_(...)
#define _In_reads_bytes_opt_(...)
#define _In_reads_opt_(...)
#define _In_reads_opt_z_(...)
#define _In_reads_or_z_(...)
#define _In_reads_to_ptr_(...)
#define _In_reads_to_ptr_opt_(...)
#define _In_reads_z_(...)
#define _In_z_bytecount_(...)
#define _Inexpressible_(...)
#define _Inout_bytecap_(...)
#define _Inout_cap_(...)
#define _Inout_updates_(...)
#define _Inout_updates_all_(...)
#define _Inout_updates_all_opt_(...)
#define _Inout_updates_bytes_(...)
#define _Inout_updates_bytes_all_(...)
#define _Inout_updates_bytes_all_opt_(...)
#define _Inout_updates_bytes_opt_(...)
#define _Inout_updates_bytes_to_(...)
#define _Inout_updates_opt_(...)
#define _Inout_updates_to_(...)
#define _Inout_updates_z_(...)
#define _Is_(...)
#define _Is_type_(...)
#define _Lock_level_order_(...)
#define _Notref_(...)
#define _Notvalid_(...)
#define _On_failure_(...)
#define _Out_bytecap_(...)
#define _Out_cap_(...)
#define _Out_capcount_(...)
#define _Out_opt_bytecap_(...)
#define _Out_opt_cap_(...)
#define _Out_range_(...)
#define _Out_writes_(...)
#define _Out_writes_all_(...)
#define _Out_writes_all_opt_(...)
#define _Out_writes_bytes_(...)
#define _Out_writes_bytes_all_(...)
#define _Out_writes_bytes_all_opt_(...)
#define _Out_writes_bytes_opt_(...)
#define _Out_writes_bytes_to_(...)
#define _Out_writes_bytes_to_opt_(...)
#define _Out_writes_opt_(...)
#define _Out_writes_opt_z_(...)
#define _Out_writes_to_(...)
#define _Out_writes_to_opt_(...)
#define _Out_writes_z_(...)
#define _Out_z_cap_(...)
#define _Outptr_opt_result_buffer_(...)
#define _Outptr_opt_result_bytebuffer_(...)
#define _Outptr_opt_result_bytebuffer_maybenull_(...)
#define _Outptr_result_buffer_(...)
#define _Outptr_result_buffer_all_(...)
#define _Outptr_result_buffer_all_maybenull_(...)
#define _Outptr_result_buffer_to_(...)
#define _Outptr_result_bytebuffer_(...)
#define _Outptr_result_bytebuffer_all_(...)
#define _Outptr_result_bytebuffer_maybenull_(...)
#define _Outptr_result_bytebuffer_to_(...)
#define _Outptr_result_maybenull_z_(...)
#define _Param_(...)
#define _Post_bytecount_(...)
#define _Post_count_(...)
#define _Post_defensive_(...)
#define _Post_equal_to_(...)
#define _Post_readable_byte_size_(...)
#define _Post_readable_size_(...)
#define _Post_same_lock_(...)
#define _Post_satisfies_(...)
#define _Post_writable_byte_size_(...)
#define _Post_writable_size_(...)
#define _Pre_bytecount_(...)
#define _Pre_count_(...)
#define _Pre_defensive_(...)
#define _Pre_equal_to_(...)
#define _Pre_readable_byte_size_(...)
#define _Pre_readable_size_(...)
#define _Pre_satisfies_(...)
#define _Pre_writable_byte_size_(...)
#define _Pre_writable_size_(...)
#define _Printf_format_string_params_(...)
#define _Readable_bytes_(...)
#define _Readable_elements_(...)
#define _Releases_exclusive_lock_(...)
#define _Releases_lock_(...)
#define _Releases_nonreentrant_lock_(...)
#define _Releases_shared_lock_(...)
#define _Requires_(...)
#define _Requires_exclusive_lock_held_(...)
#define _Requires_lock_held_(...)
#define _Requires_lock_not_held_(...)
#define _Requires_shared_lock_held_(...)
#define _Ret_range_(...)
#define _Ret_reallocated_bytes_(...)
#define _Ret_writes_(...)
#define _Ret_writes_bytes_(...)
#define _Ret_writes_bytes_maybenull_(...)
#define _Ret_writes_bytes_to_(...)
#define _Ret_writes_maybenull_(...)
#define _Return_type_success_(...)
#define _Satisfies_(...)
#define _Scanf_s_format_string_params_(...)
#define _Struct_size_bytes_(...)
#define _Success_(...)
#define _Unchanged_(...)
#define _When_(...)
#define _Writable_bytes_(...)
#define _Writable_elements_(...)
#define _Write_guarded_by_(...)

/* Older double-underscore spellings that still appear in drivers. */
#define __in
#define __in_opt
#define __out
#define __out_opt
#define __inout
#define __inout_opt
#define __deref_out
#define __deref_out_opt
#define __deref_inout
#define __checkReturn
#define __nullterminated
#define __reserved
#define __in_z
#define __in_opt_z
#define __callback
#define __in_bcount(...)
#define __in_bcount_opt(...)
#define __in_ecount(...)
#define __in_ecount_opt(...)
#define __out_bcount(...)
#define __out_bcount_opt(...)
#define __out_ecount(...)
#define __out_ecount_opt(...)
#define __out_bcount_part(...)
#define __out_ecount_part(...)
#define __inout_bcount(...)
#define __inout_ecount(...)
#define __field_bcount(...)
#define __field_ecount(...)
#define __success(...)
#define __analysis_assume(...)
#define __drv_when(...)

/* More of the older (SAL 1) spellings that driver code still uses; all are no-ops here. */
#ifndef __out_bcount_part_opt
#define __out_bcount_part_opt(...)
#endif
#ifndef __out_ecount_part_opt
#define __out_ecount_part_opt(...)
#endif
#ifndef __out_bcount_full
#define __out_bcount_full(...)
#endif
#ifndef __out_ecount_full
#define __out_ecount_full(...)
#endif
#ifndef __out_bcount_full_opt
#define __out_bcount_full_opt(...)
#endif
#ifndef __out_ecount_full_opt
#define __out_ecount_full_opt(...)
#endif
#ifndef __inout_bcount_opt
#define __inout_bcount_opt(...)
#endif
#ifndef __inout_ecount_opt
#define __inout_ecount_opt(...)
#endif
#ifndef __inout_bcount_part
#define __inout_bcount_part(...)
#endif
#ifndef __inout_ecount_part
#define __inout_ecount_part(...)
#endif
#ifndef __inout_bcount_part_opt
#define __inout_bcount_part_opt(...)
#endif
#ifndef __inout_ecount_part_opt
#define __inout_ecount_part_opt(...)
#endif
#ifndef __inout_bcount_full
#define __inout_bcount_full(...)
#endif
#ifndef __inout_ecount_full
#define __inout_ecount_full(...)
#endif
#ifndef __in_bcount_z
#define __in_bcount_z(...)
#endif
#ifndef __in_ecount_z
#define __in_ecount_z(...)
#endif
#ifndef __in_bcount_nz
#define __in_bcount_nz(...)
#endif
#ifndef __in_ecount_nz
#define __in_ecount_nz(...)
#endif
#ifndef __deref_out_bcount
#define __deref_out_bcount(...)
#endif
#ifndef __deref_out_ecount
#define __deref_out_ecount(...)
#endif
#ifndef __deref_out_bcount_opt
#define __deref_out_bcount_opt(...)
#endif
#ifndef __deref_out_ecount_opt
#define __deref_out_ecount_opt(...)
#endif
#ifndef __deref_opt_out
#define __deref_opt_out
#endif
#ifndef __deref_opt_out_opt
#define __deref_opt_out_opt
#endif
#ifndef __field_bcount_opt
#define __field_bcount_opt(...)
#endif
#ifndef __field_ecount_opt
#define __field_ecount_opt(...)
#endif
#ifndef __field_bcount_part
#define __field_bcount_part(...)
#endif
#ifndef __field_ecount_part
#define __field_ecount_part(...)
#endif
#ifndef __out_z
#define __out_z
#endif
#ifndef __out_z_opt
#define __out_z_opt
#endif
#ifndef __inout_z
#define __inout_z
#endif
#ifndef __inout_z_opt
#define __inout_z_opt
#endif
#ifndef __out_ecount_z
#define __out_ecount_z(...)
#endif
#ifndef __out_bcount_z
#define __out_bcount_z(...)
#endif
#ifndef __out_ecount_opt_z
#define __out_ecount_opt_z(...)
#endif
#ifndef __out_bcount_opt_z
#define __out_bcount_opt_z(...)
#endif
#ifndef __drv_deref
#define __drv_deref(...)
#endif
#ifndef __drv_requiresIRQLCheck
#define __drv_requiresIRQLCheck(...)
#endif

#define _SAL_VERSION 20
#define _SAL2_STRICT

/* Lock analysis statements and function annotations: nothing outside analysis. */
#define _Analysis_assume_lock_acquired_(lock)
#define _Analysis_assume_lock_released_(lock)
#define _Analysis_assume_lock_held_(lock)
#define _Analysis_assume_lock_not_held_(lock)
#define _Function_ignore_lock_checking_(lock)
#define _Analysis_suppress_lock_checking_(lock)

#endif
