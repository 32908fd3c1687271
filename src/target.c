/* target.c: the one table of target facts for wasm32-unknown-emscripten:
 * scalar sizes and alignments, the macros clang predefines for the target,
 * and clang's answers to __has_attribute, __has_builtin, __has_feature,
 * __has_extension, __is_identifier and __has_warning.
 * target_predefined_macros is exactly what
 *   clang --target=wasm32-unknown-emscripten -dM -E -x c - </dev/null
 * prints with clang 14.0.6; the preprocessor reads it before anything else
 * (plus __WASMBIND__, which it adds itself). */
#include "internal.h"
#include <string.h>

const char target_triple[] = "wasm32-unknown-emscripten";

/* Indexed by TypeKind, TY_VOID .. TY_LDOUBLE: {kind, sizeof, _Alignof}. Pointers
 * are 4/4 (layout.c). sizeof(void) is 1 as a GNU extension. */
const TargetScalar target_scalars[] = {
    [TY_VOID] = {TY_VOID, 1, 1},
    [TY_BOOL] = {TY_BOOL, 1, 1},
    [TY_CHAR] = {TY_CHAR, 1, 1},
    [TY_SCHAR] = {TY_SCHAR, 1, 1},
    [TY_UCHAR] = {TY_UCHAR, 1, 1},
    [TY_SHORT] = {TY_SHORT, 2, 2},
    [TY_USHORT] = {TY_USHORT, 2, 2},
    [TY_INT] = {TY_INT, 4, 4},
    [TY_UINT] = {TY_UINT, 4, 4},
    [TY_LONG] = {TY_LONG, 4, 4},
    [TY_ULONG] = {TY_ULONG, 4, 4},
    [TY_LLONG] = {TY_LLONG, 8, 8},
    [TY_ULLONG] = {TY_ULLONG, 8, 8},
    [TY_INT128] = {TY_INT128, 16, 16},
    [TY_UINT128] = {TY_UINT128, 16, 16},
    [TY_FLOAT] = {TY_FLOAT, 4, 4},
    [TY_DOUBLE] = {TY_DOUBLE, 8, 8},
    [TY_LDOUBLE] = {TY_LDOUBLE, 16, 8}, /* clang: _Alignof(long double) is 8 on wasm32 */
};

const char target_predefined_macros[] =
    "#define _ILP32 1\n"
    "#define __ATOMIC_ACQUIRE 2\n"
    "#define __ATOMIC_ACQ_REL 4\n"
    "#define __ATOMIC_CONSUME 1\n"
    "#define __ATOMIC_RELAXED 0\n"
    "#define __ATOMIC_RELEASE 3\n"
    "#define __ATOMIC_SEQ_CST 5\n"
    "#define __BIGGEST_ALIGNMENT__ 16\n"
    "#define __BITINT_MAXWIDTH__ 128\n"
    "#define __BOOL_WIDTH__ 8\n"
    "#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__\n"
    "#define __CHAR16_TYPE__ unsigned short\n"
    "#define __CHAR32_TYPE__ unsigned int\n"
    "#define __CHAR_BIT__ 8\n"
    "#define __CLANG_ATOMIC_BOOL_LOCK_FREE 2\n"
    "#define __CLANG_ATOMIC_CHAR16_T_LOCK_FREE 2\n"
    "#define __CLANG_ATOMIC_CHAR32_T_LOCK_FREE 2\n"
    "#define __CLANG_ATOMIC_CHAR_LOCK_FREE 2\n"
    "#define __CLANG_ATOMIC_INT_LOCK_FREE 2\n"
    "#define __CLANG_ATOMIC_LLONG_LOCK_FREE 2\n"
    "#define __CLANG_ATOMIC_LONG_LOCK_FREE 2\n"
    "#define __CLANG_ATOMIC_POINTER_LOCK_FREE 2\n"
    "#define __CLANG_ATOMIC_SHORT_LOCK_FREE 2\n"
    "#define __CLANG_ATOMIC_WCHAR_T_LOCK_FREE 2\n"
    "#define __CONSTANT_CFSTRINGS__ 1\n"
    "#define __DBL_DECIMAL_DIG__ 17\n"
    "#define __DBL_DENORM_MIN__ 4.9406564584124654e-324\n"
    "#define __DBL_DIG__ 15\n"
    "#define __DBL_EPSILON__ 2.2204460492503131e-16\n"
    "#define __DBL_HAS_DENORM__ 1\n"
    "#define __DBL_HAS_INFINITY__ 1\n"
    "#define __DBL_HAS_QUIET_NAN__ 1\n"
    "#define __DBL_MANT_DIG__ 53\n"
    "#define __DBL_MAX_10_EXP__ 308\n"
    "#define __DBL_MAX_EXP__ 1024\n"
    "#define __DBL_MAX__ 1.7976931348623157e+308\n"
    "#define __DBL_MIN_10_EXP__ (-307)\n"
    "#define __DBL_MIN_EXP__ (-1021)\n"
    "#define __DBL_MIN__ 2.2250738585072014e-308\n"
    "#define __DECIMAL_DIG__ __LDBL_DECIMAL_DIG__\n"
    "#define __EMSCRIPTEN__ 1\n"
    "#define __FINITE_MATH_ONLY__ 0\n"
    "#define __FLOAT128__ 1\n"
    "#define __FLT_DECIMAL_DIG__ 9\n"
    "#define __FLT_DENORM_MIN__ 1.40129846e-45F\n"
    "#define __FLT_DIG__ 6\n"
    "#define __FLT_EPSILON__ 1.19209290e-7F\n"
    "#define __FLT_EVAL_METHOD__ 0\n"
    "#define __FLT_HAS_DENORM__ 1\n"
    "#define __FLT_HAS_INFINITY__ 1\n"
    "#define __FLT_HAS_QUIET_NAN__ 1\n"
    "#define __FLT_MANT_DIG__ 24\n"
    "#define __FLT_MAX_10_EXP__ 38\n"
    "#define __FLT_MAX_EXP__ 128\n"
    "#define __FLT_MAX__ 3.40282347e+38F\n"
    "#define __FLT_MIN_10_EXP__ (-37)\n"
    "#define __FLT_MIN_EXP__ (-125)\n"
    "#define __FLT_MIN__ 1.17549435e-38F\n"
    "#define __FLT_RADIX__ 2\n"
    "#define __GCC_ATOMIC_BOOL_LOCK_FREE 2\n"
    "#define __GCC_ATOMIC_CHAR16_T_LOCK_FREE 2\n"
    "#define __GCC_ATOMIC_CHAR32_T_LOCK_FREE 2\n"
    "#define __GCC_ATOMIC_CHAR_LOCK_FREE 2\n"
    "#define __GCC_ATOMIC_INT_LOCK_FREE 2\n"
    "#define __GCC_ATOMIC_LLONG_LOCK_FREE 2\n"
    "#define __GCC_ATOMIC_LONG_LOCK_FREE 2\n"
    "#define __GCC_ATOMIC_POINTER_LOCK_FREE 2\n"
    "#define __GCC_ATOMIC_SHORT_LOCK_FREE 2\n"
    "#define __GCC_ATOMIC_TEST_AND_SET_TRUEVAL 1\n"
    "#define __GCC_ATOMIC_WCHAR_T_LOCK_FREE 2\n"
    "#define __GNUC_MINOR__ 2\n"
    "#define __GNUC_PATCHLEVEL__ 1\n"
    "#define __GNUC_STDC_INLINE__ 1\n"
    "#define __GNUC__ 4\n"
    "#define __GXX_ABI_VERSION 1002\n"
    "#define __ILP32__ 1\n"
    "#define __INT16_C_SUFFIX__ \n"
    "#define __INT16_FMTd__ \"hd\"\n"
    "#define __INT16_FMTi__ \"hi\"\n"
    "#define __INT16_MAX__ 32767\n"
    "#define __INT16_TYPE__ short\n"
    "#define __INT32_C_SUFFIX__ \n"
    "#define __INT32_FMTd__ \"d\"\n"
    "#define __INT32_FMTi__ \"i\"\n"
    "#define __INT32_MAX__ 2147483647\n"
    "#define __INT32_TYPE__ int\n"
    "#define __INT64_C_SUFFIX__ LL\n"
    "#define __INT64_FMTd__ \"lld\"\n"
    "#define __INT64_FMTi__ \"lli\"\n"
    "#define __INT64_MAX__ 9223372036854775807LL\n"
    "#define __INT64_TYPE__ long long int\n"
    "#define __INT8_C_SUFFIX__ \n"
    "#define __INT8_FMTd__ \"hhd\"\n"
    "#define __INT8_FMTi__ \"hhi\"\n"
    "#define __INT8_MAX__ 127\n"
    "#define __INT8_TYPE__ signed char\n"
    "#define __INTMAX_C_SUFFIX__ LL\n"
    "#define __INTMAX_FMTd__ \"lld\"\n"
    "#define __INTMAX_FMTi__ \"lli\"\n"
    "#define __INTMAX_MAX__ 9223372036854775807LL\n"
    "#define __INTMAX_TYPE__ long long int\n"
    "#define __INTMAX_WIDTH__ 64\n"
    "#define __INTPTR_FMTd__ \"ld\"\n"
    "#define __INTPTR_FMTi__ \"li\"\n"
    "#define __INTPTR_MAX__ 2147483647L\n"
    "#define __INTPTR_TYPE__ long int\n"
    "#define __INTPTR_WIDTH__ 32\n"
    "#define __INT_FAST16_FMTd__ \"hd\"\n"
    "#define __INT_FAST16_FMTi__ \"hi\"\n"
    "#define __INT_FAST16_MAX__ 32767\n"
    "#define __INT_FAST16_TYPE__ short\n"
    "#define __INT_FAST16_WIDTH__ 16\n"
    "#define __INT_FAST32_FMTd__ \"d\"\n"
    "#define __INT_FAST32_FMTi__ \"i\"\n"
    "#define __INT_FAST32_MAX__ 2147483647\n"
    "#define __INT_FAST32_TYPE__ int\n"
    "#define __INT_FAST32_WIDTH__ 32\n"
    "#define __INT_FAST64_FMTd__ \"lld\"\n"
    "#define __INT_FAST64_FMTi__ \"lli\"\n"
    "#define __INT_FAST64_MAX__ 9223372036854775807LL\n"
    "#define __INT_FAST64_TYPE__ long long int\n"
    "#define __INT_FAST64_WIDTH__ 64\n"
    "#define __INT_FAST8_FMTd__ \"hhd\"\n"
    "#define __INT_FAST8_FMTi__ \"hhi\"\n"
    "#define __INT_FAST8_MAX__ 127\n"
    "#define __INT_FAST8_TYPE__ signed char\n"
    "#define __INT_FAST8_WIDTH__ 8\n"
    "#define __INT_LEAST16_FMTd__ \"hd\"\n"
    "#define __INT_LEAST16_FMTi__ \"hi\"\n"
    "#define __INT_LEAST16_MAX__ 32767\n"
    "#define __INT_LEAST16_TYPE__ short\n"
    "#define __INT_LEAST16_WIDTH__ 16\n"
    "#define __INT_LEAST32_FMTd__ \"d\"\n"
    "#define __INT_LEAST32_FMTi__ \"i\"\n"
    "#define __INT_LEAST32_MAX__ 2147483647\n"
    "#define __INT_LEAST32_TYPE__ int\n"
    "#define __INT_LEAST32_WIDTH__ 32\n"
    "#define __INT_LEAST64_FMTd__ \"lld\"\n"
    "#define __INT_LEAST64_FMTi__ \"lli\"\n"
    "#define __INT_LEAST64_MAX__ 9223372036854775807LL\n"
    "#define __INT_LEAST64_TYPE__ long long int\n"
    "#define __INT_LEAST64_WIDTH__ 64\n"
    "#define __INT_LEAST8_FMTd__ \"hhd\"\n"
    "#define __INT_LEAST8_FMTi__ \"hhi\"\n"
    "#define __INT_LEAST8_MAX__ 127\n"
    "#define __INT_LEAST8_TYPE__ signed char\n"
    "#define __INT_LEAST8_WIDTH__ 8\n"
    "#define __INT_MAX__ 2147483647\n"
    "#define __INT_WIDTH__ 32\n"
    "#define __LDBL_DECIMAL_DIG__ 36\n"
    "#define __LDBL_DENORM_MIN__ 6.47517511943802511092443895822764655e-4966L\n"
    "#define __LDBL_DIG__ 33\n"
    "#define __LDBL_EPSILON__ 1.92592994438723585305597794258492732e-34L\n"
    "#define __LDBL_HAS_DENORM__ 1\n"
    "#define __LDBL_HAS_INFINITY__ 1\n"
    "#define __LDBL_HAS_QUIET_NAN__ 1\n"
    "#define __LDBL_MANT_DIG__ 113\n"
    "#define __LDBL_MAX_10_EXP__ 4932\n"
    "#define __LDBL_MAX_EXP__ 16384\n"
    "#define __LDBL_MAX__ 1.18973149535723176508575932662800702e+4932L\n"
    "#define __LDBL_MIN_10_EXP__ (-4931)\n"
    "#define __LDBL_MIN_EXP__ (-16381)\n"
    "#define __LDBL_MIN__ 3.36210314311209350626267781732175260e-4932L\n"
    "#define __LITTLE_ENDIAN__ 1\n"
    "#define __LLONG_WIDTH__ 64\n"
    "#define __LONG_LONG_MAX__ 9223372036854775807LL\n"
    "#define __LONG_MAX__ 2147483647L\n"
    "#define __LONG_WIDTH__ 32\n"
    "#define __NO_INLINE__ 1\n"
    "#define __NO_MATH_ERRNO__ 1\n"
    "#define __OBJC_BOOL_IS_BOOL 0\n"
    "#define __OPENCL_MEMORY_SCOPE_ALL_SVM_DEVICES 3\n"
    "#define __OPENCL_MEMORY_SCOPE_DEVICE 2\n"
    "#define __OPENCL_MEMORY_SCOPE_SUB_GROUP 4\n"
    "#define __OPENCL_MEMORY_SCOPE_WORK_GROUP 1\n"
    "#define __OPENCL_MEMORY_SCOPE_WORK_ITEM 0\n"
    "#define __ORDER_BIG_ENDIAN__ 4321\n"
    "#define __ORDER_LITTLE_ENDIAN__ 1234\n"
    "#define __ORDER_PDP_ENDIAN__ 3412\n"
    "#define __POINTER_WIDTH__ 32\n"
    "#define __PRAGMA_REDEFINE_EXTNAME 1\n"
    "#define __PTRDIFF_FMTd__ \"ld\"\n"
    "#define __PTRDIFF_FMTi__ \"li\"\n"
    "#define __PTRDIFF_MAX__ 2147483647L\n"
    "#define __PTRDIFF_TYPE__ long int\n"
    "#define __PTRDIFF_WIDTH__ 32\n"
    "#define __SCHAR_MAX__ 127\n"
    "#define __SHRT_MAX__ 32767\n"
    "#define __SHRT_WIDTH__ 16\n"
    "#define __SIG_ATOMIC_MAX__ 2147483647L\n"
    "#define __SIG_ATOMIC_WIDTH__ 32\n"
    "#define __SIZEOF_DOUBLE__ 8\n"
    "#define __SIZEOF_FLOAT__ 4\n"
    "#define __SIZEOF_INT128__ 16\n"
    "#define __SIZEOF_INT__ 4\n"
    "#define __SIZEOF_LONG_DOUBLE__ 16\n"
    "#define __SIZEOF_LONG_LONG__ 8\n"
    "#define __SIZEOF_LONG__ 4\n"
    "#define __SIZEOF_POINTER__ 4\n"
    "#define __SIZEOF_PTRDIFF_T__ 4\n"
    "#define __SIZEOF_SHORT__ 2\n"
    "#define __SIZEOF_SIZE_T__ 4\n"
    "#define __SIZEOF_WCHAR_T__ 4\n"
    "#define __SIZEOF_WINT_T__ 4\n"
    "#define __SIZE_FMTX__ \"lX\"\n"
    "#define __SIZE_FMTo__ \"lo\"\n"
    "#define __SIZE_FMTu__ \"lu\"\n"
    "#define __SIZE_FMTx__ \"lx\"\n"
    "#define __SIZE_MAX__ 4294967295UL\n"
    "#define __SIZE_TYPE__ long unsigned int\n"
    "#define __SIZE_WIDTH__ 32\n"
    "#define __STDC_HOSTED__ 1\n"
    "#define __STDC_UTF_16__ 1\n"
    "#define __STDC_UTF_32__ 1\n"
    "#define __STDC_VERSION__ 201710L\n"
    "#define __STDC__ 1\n"
    "#define __UINT16_C_SUFFIX__ \n"
    "#define __UINT16_FMTX__ \"hX\"\n"
    "#define __UINT16_FMTo__ \"ho\"\n"
    "#define __UINT16_FMTu__ \"hu\"\n"
    "#define __UINT16_FMTx__ \"hx\"\n"
    "#define __UINT16_MAX__ 65535\n"
    "#define __UINT16_TYPE__ unsigned short\n"
    "#define __UINT32_C_SUFFIX__ U\n"
    "#define __UINT32_FMTX__ \"X\"\n"
    "#define __UINT32_FMTo__ \"o\"\n"
    "#define __UINT32_FMTu__ \"u\"\n"
    "#define __UINT32_FMTx__ \"x\"\n"
    "#define __UINT32_MAX__ 4294967295U\n"
    "#define __UINT32_TYPE__ unsigned int\n"
    "#define __UINT64_C_SUFFIX__ ULL\n"
    "#define __UINT64_FMTX__ \"llX\"\n"
    "#define __UINT64_FMTo__ \"llo\"\n"
    "#define __UINT64_FMTu__ \"llu\"\n"
    "#define __UINT64_FMTx__ \"llx\"\n"
    "#define __UINT64_MAX__ 18446744073709551615ULL\n"
    "#define __UINT64_TYPE__ long long unsigned int\n"
    "#define __UINT8_C_SUFFIX__ \n"
    "#define __UINT8_FMTX__ \"hhX\"\n"
    "#define __UINT8_FMTo__ \"hho\"\n"
    "#define __UINT8_FMTu__ \"hhu\"\n"
    "#define __UINT8_FMTx__ \"hhx\"\n"
    "#define __UINT8_MAX__ 255\n"
    "#define __UINT8_TYPE__ unsigned char\n"
    "#define __UINTMAX_C_SUFFIX__ ULL\n"
    "#define __UINTMAX_FMTX__ \"llX\"\n"
    "#define __UINTMAX_FMTo__ \"llo\"\n"
    "#define __UINTMAX_FMTu__ \"llu\"\n"
    "#define __UINTMAX_FMTx__ \"llx\"\n"
    "#define __UINTMAX_MAX__ 18446744073709551615ULL\n"
    "#define __UINTMAX_TYPE__ long long unsigned int\n"
    "#define __UINTMAX_WIDTH__ 64\n"
    "#define __UINTPTR_FMTX__ \"lX\"\n"
    "#define __UINTPTR_FMTo__ \"lo\"\n"
    "#define __UINTPTR_FMTu__ \"lu\"\n"
    "#define __UINTPTR_FMTx__ \"lx\"\n"
    "#define __UINTPTR_MAX__ 4294967295UL\n"
    "#define __UINTPTR_TYPE__ long unsigned int\n"
    "#define __UINTPTR_WIDTH__ 32\n"
    "#define __UINT_FAST16_FMTX__ \"hX\"\n"
    "#define __UINT_FAST16_FMTo__ \"ho\"\n"
    "#define __UINT_FAST16_FMTu__ \"hu\"\n"
    "#define __UINT_FAST16_FMTx__ \"hx\"\n"
    "#define __UINT_FAST16_MAX__ 65535\n"
    "#define __UINT_FAST16_TYPE__ unsigned short\n"
    "#define __UINT_FAST32_FMTX__ \"X\"\n"
    "#define __UINT_FAST32_FMTo__ \"o\"\n"
    "#define __UINT_FAST32_FMTu__ \"u\"\n"
    "#define __UINT_FAST32_FMTx__ \"x\"\n"
    "#define __UINT_FAST32_MAX__ 4294967295U\n"
    "#define __UINT_FAST32_TYPE__ unsigned int\n"
    "#define __UINT_FAST64_FMTX__ \"llX\"\n"
    "#define __UINT_FAST64_FMTo__ \"llo\"\n"
    "#define __UINT_FAST64_FMTu__ \"llu\"\n"
    "#define __UINT_FAST64_FMTx__ \"llx\"\n"
    "#define __UINT_FAST64_MAX__ 18446744073709551615ULL\n"
    "#define __UINT_FAST64_TYPE__ long long unsigned int\n"
    "#define __UINT_FAST8_FMTX__ \"hhX\"\n"
    "#define __UINT_FAST8_FMTo__ \"hho\"\n"
    "#define __UINT_FAST8_FMTu__ \"hhu\"\n"
    "#define __UINT_FAST8_FMTx__ \"hhx\"\n"
    "#define __UINT_FAST8_MAX__ 255\n"
    "#define __UINT_FAST8_TYPE__ unsigned char\n"
    "#define __UINT_LEAST16_FMTX__ \"hX\"\n"
    "#define __UINT_LEAST16_FMTo__ \"ho\"\n"
    "#define __UINT_LEAST16_FMTu__ \"hu\"\n"
    "#define __UINT_LEAST16_FMTx__ \"hx\"\n"
    "#define __UINT_LEAST16_MAX__ 65535\n"
    "#define __UINT_LEAST16_TYPE__ unsigned short\n"
    "#define __UINT_LEAST32_FMTX__ \"X\"\n"
    "#define __UINT_LEAST32_FMTo__ \"o\"\n"
    "#define __UINT_LEAST32_FMTu__ \"u\"\n"
    "#define __UINT_LEAST32_FMTx__ \"x\"\n"
    "#define __UINT_LEAST32_MAX__ 4294967295U\n"
    "#define __UINT_LEAST32_TYPE__ unsigned int\n"
    "#define __UINT_LEAST64_FMTX__ \"llX\"\n"
    "#define __UINT_LEAST64_FMTo__ \"llo\"\n"
    "#define __UINT_LEAST64_FMTu__ \"llu\"\n"
    "#define __UINT_LEAST64_FMTx__ \"llx\"\n"
    "#define __UINT_LEAST64_MAX__ 18446744073709551615ULL\n"
    "#define __UINT_LEAST64_TYPE__ long long unsigned int\n"
    "#define __UINT_LEAST8_FMTX__ \"hhX\"\n"
    "#define __UINT_LEAST8_FMTo__ \"hho\"\n"
    "#define __UINT_LEAST8_FMTu__ \"hhu\"\n"
    "#define __UINT_LEAST8_FMTx__ \"hhx\"\n"
    "#define __UINT_LEAST8_MAX__ 255\n"
    "#define __UINT_LEAST8_TYPE__ unsigned char\n"
    "#define __USER_LABEL_PREFIX__ \n"
    "#define __VERSION__ \"Debian Clang 14.0.6\"\n"
    "#define __WCHAR_MAX__ 2147483647\n"
    "#define __WCHAR_TYPE__ int\n"
    "#define __WCHAR_WIDTH__ 32\n"
    "#define __WINT_MAX__ 2147483647\n"
    "#define __WINT_TYPE__ int\n"
    "#define __WINT_WIDTH__ 32\n"
    "#define __clang__ 1\n"
    "#define __clang_literal_encoding__ \"UTF-8\"\n"
    "#define __clang_major__ 14\n"
    "#define __clang_minor__ 0\n"
    "#define __clang_patchlevel__ 6\n"
    "#define __clang_version__ \"14.0.6 \"\n"
    "#define __clang_wide_literal_encoding__ \"UTF-32\"\n"
    "#define __llvm__ 1\n"
    "#define __unix 1\n"
    "#define __unix__ 1\n"
    "#define __wasm 1\n"
    "#define __wasm32 1\n"
    "#define __wasm32__ 1\n"
    "#define __wasm__ 1\n"
    "#define unix 1\n";

/* ---- clang's answers to the __has_* operators -------------------------------
 * As clang 14 gives them for wasm32 in C (gnu17); the preprocessor's
 * __has_attribute, __has_feature, __has_extension, __has_builtin,
 * __is_identifier and __has_warning look names up here (pp_builtin.c). */

static const char *const known_attributes[] = {"abi_tag",
                                               "acquire_capability",
                                               "acquire_shared_capability",
                                               "acquired_after",
                                               "acquired_before",
                                               "address_space",
                                               "alias",
                                               "align_value",
                                               "aligned",
                                               "alloc_align",
                                               "alloc_size",
                                               "always_destroy",
                                               "always_inline",
                                               "analyzer_noreturn",
                                               "annotate",
                                               "arm_sve_vector_bits",
                                               "artificial",
                                               "assert_capability",
                                               "assert_exclusive_lock",
                                               "assert_shared_capability",
                                               "assert_shared_lock",
                                               "assume",
                                               "assume_aligned",
                                               "availability",
                                               "blocks",
                                               "btf_decl_tag",
                                               "btf_type_tag",
                                               "callable_when",
                                               "callback",
                                               "called_once",
                                               "capability",
                                               "carries_dependency",
                                               "cdecl",
                                               "cf_audited_transfer",
                                               "cf_consumed",
                                               "cf_returns_not_retained",
                                               "cf_returns_retained",
                                               "cf_unknown_transfer",
                                               "cleanup",
                                               "cold",
                                               "common",
                                               "const",
                                               "constructor",
                                               "consumable",
                                               "consumable_auto_cast_state",
                                               "consumable_set_state_on_read",
                                               "convergent",
                                               "cpu_dispatch",
                                               "cpu_specific",
                                               "deprecated",
                                               "destructor",
                                               "diagnose_as_builtin",
                                               "diagnose_if",
                                               "disable_sanitizer_instrumentation",
                                               "disable_tail_calls",
                                               "enable_if",
                                               "enforce_tcb",
                                               "enforce_tcb_leaf",
                                               "enum_extensibility",
                                               "error",
                                               "exclude_from_explicit_instantiation",
                                               "exclusive_locks_required",
                                               "exclusive_trylock_function",
                                               "ext_vector_type",
                                               "fallthrough",
                                               "fastcall",
                                               "flag_enum",
                                               "flatten",
                                               "format",
                                               "format_arg",
                                               "gnu_inline",
                                               "guarded_by",
                                               "guarded_var",
                                               "hot",
                                               "import_module",
                                               "import_name",
                                               "init_priority",
                                               "intel_ocl_bicc",
                                               "internal_linkage",
                                               "leaf",
                                               "lifetimebound",
                                               "lock_returned",
                                               "locks_excluded",
                                               "malloc",
                                               "matrix_type",
                                               "may_alias",
                                               "mig_server_routine",
                                               "min_vector_width",
                                               "minsize",
                                               "mode",
                                               "ms_abi",
                                               "ms_struct",
                                               "musttail",
                                               "naked",
                                               "neon_polyvector_type",
                                               "neon_vector_type",
                                               "no_address_safety_analysis",
                                               "no_builtin",
                                               "no_destroy",
                                               "no_instrument_function",
                                               "no_profile_instrument_function",
                                               "no_sanitize",
                                               "no_sanitize_address",
                                               "no_sanitize_memory",
                                               "no_sanitize_thread",
                                               "no_split_stack",
                                               "no_stack_protector",
                                               "no_thread_safety_analysis",
                                               "nocommon",
                                               "nodebug",
                                               "noderef",
                                               "noduplicate",
                                               "noescape",
                                               "noinline",
                                               "nomerge",
                                               "nonnull",
                                               "noreturn",
                                               "nothrow",
                                               "ns_consumed",
                                               "ns_consumes_self",
                                               "ns_error_domain",
                                               "ns_returns_autoreleased",
                                               "ns_returns_not_retained",
                                               "ns_returns_retained",
                                               "objc_boxable",
                                               "objc_bridge",
                                               "objc_designated_initializer",
                                               "objc_direct",
                                               "objc_exception",
                                               "objc_independent_class",
                                               "objc_method_family",
                                               "objc_precise_lifetime",
                                               "objc_requires_super",
                                               "objc_root_class",
                                               "objc_runtime_name",
                                               "objc_subclassing_restricted",
                                               "opencl_unroll_hint",
                                               "optnone",
                                               "os_consumed",
                                               "os_returns_not_retained",
                                               "os_returns_retained",
                                               "overloadable",
                                               "ownership_holds",
                                               "ownership_returns",
                                               "ownership_takes",
                                               "packed",
                                               "param_typestate",
                                               "pascal",
                                               "pass_object_size",
                                               "pcs",
                                               "preferred_name",
                                               "preserve_all",
                                               "preserve_most",
                                               "pt_guarded_by",
                                               "pt_guarded_var",
                                               "pure",
                                               "regcall",
                                               "regparm",
                                               "reinitializes",
                                               "release_capability",
                                               "release_generic_capability",
                                               "release_shared_capability",
                                               "require_constant_initialization",
                                               "requires_capability",
                                               "requires_shared_capability",
                                               "retain",
                                               "return_typestate",
                                               "returns_nonnull",
                                               "returns_twice",
                                               "scoped_lockable",
                                               "section",
                                               "selectany",
                                               "sentinel",
                                               "set_typestate",
                                               "shared_locks_required",
                                               "shared_trylock_function",
                                               "speculative_load_hardening",
                                               "stdcall",
                                               "swift_async",
                                               "swift_async_context",
                                               "swift_async_error",
                                               "swift_async_name",
                                               "swift_attr",
                                               "swift_bridge",
                                               "swift_bridged_typedef",
                                               "swift_context",
                                               "swift_error",
                                               "swift_error_result",
                                               "swift_indirect_result",
                                               "swift_name",
                                               "swift_newtype",
                                               "swift_objc_members",
                                               "swift_private",
                                               "swiftasynccall",
                                               "swiftcall",
                                               "sysv_abi",
                                               "target",
                                               "target_clones",
                                               "test_typestate",
                                               "thiscall",
                                               "tls_model",
                                               "transparent_union",
                                               "trivial_abi",
                                               "try_acquire_capability",
                                               "try_acquire_shared_capability",
                                               "type_tag_for_datatype",
                                               "type_visibility",
                                               "unavailable",
                                               "uninitialized",
                                               "unused",
                                               "used",
                                               "using_if_exists",
                                               "vector_size",
                                               "vectorcall",
                                               "visibility",
                                               "warn_unused",
                                               "warn_unused_result",
                                               "warning",
                                               "weak",
                                               "weak_import",
                                               "weakref",
                                               "work_group_size_hint",
                                               "xray_always_instrument",
                                               "xray_log_args",
                                               "xray_never_instrument",
                                               NULL};

static const char *const known_features[] = {"arc_cf_code_audited",
                                             "attribute_analyzer_noreturn",
                                             "attribute_availability",
                                             "attribute_availability_app_extension",
                                             "attribute_availability_in_templates",
                                             "attribute_availability_swift",
                                             "attribute_availability_tvos",
                                             "attribute_availability_watchos",
                                             "attribute_availability_with_message",
                                             "attribute_availability_with_replacement",
                                             "attribute_availability_with_strict",
                                             "attribute_availability_with_version_underscores",
                                             "attribute_cf_consumed",
                                             "attribute_cf_returns_not_retained",
                                             "attribute_cf_returns_on_parameters",
                                             "attribute_cf_returns_retained",
                                             "attribute_deprecated_with_message",
                                             "attribute_deprecated_with_replacement",
                                             "attribute_diagnose_if_objc",
                                             "attribute_ext_vector_type",
                                             "attribute_ns_consumed",
                                             "attribute_ns_consumes_self",
                                             "attribute_ns_returns_not_retained",
                                             "attribute_ns_returns_retained",
                                             "attribute_objc_ivar_unused",
                                             "attribute_objc_method_family",
                                             "attribute_overloadable",
                                             "attribute_unavailable_with_message",
                                             "attribute_unused_on_fields",
                                             "c_alignas",
                                             "c_alignof",
                                             "c_atomic",
                                             "c_generic_selections",
                                             "c_static_assert",
                                             "c_thread_local",
                                             "c_thread_safety_attributes",
                                             "enumerator_attributes",
                                             "nullability",
                                             "nullability_nullable_result",
                                             "nullability_on_arrays",
                                             "objc_arc_fields",
                                             "objc_bool",
                                             "objc_bridge_id",
                                             "objc_bridge_id_on_typedefs",
                                             "objc_c_static_assert",
                                             "objc_nonfragile_abi",
                                             "objc_property_explicit_atomic",
                                             "objc_protocol_qualifier_mangling",
                                             "objc_subscripting",
                                             "objc_weak_class",
                                             "ownership_holds",
                                             "ownership_returns",
                                             "ownership_takes",
                                             "tls",
                                             NULL};

/* __has_extension: the features and these. */
static const char *const known_extensions[] = {"cxx_binary_literals",
                                               "cxx_fixed_enum",
                                               "gnu_asm",
                                               "gnu_asm_goto_with_outputs",
                                               "overloadable_unmarked",
                                               "pragma_clang_attribute_external_declaration",
                                               "statement_attributes_with_gnu_syntax",
                                               NULL};

/* Keywords of clang's C (gnu17) mode: __is_identifier() is 0 for them. */
static const char *const c_keywords[] = {"_Alignas",
                                         "_Alignof",
                                         "_Atomic",
                                         "_BitInt",
                                         "_Bool",
                                         "_Complex",
                                         "_Decimal128",
                                         "_Decimal32",
                                         "_Decimal64",
                                         "_ExtInt",
                                         "_Float16",
                                         "_Generic",
                                         "_Imaginary",
                                         "_Nonnull",
                                         "_Noreturn",
                                         "_Null_unspecified",
                                         "_Nullable",
                                         "_Nullable_result",
                                         "_Static_assert",
                                         "_Thread_local",
                                         "__FUNCTION__",
                                         "__PRETTY_FUNCTION__",
                                         "__alignof",
                                         "__alignof__",
                                         "__asm",
                                         "__asm__",
                                         "__attribute",
                                         "__attribute__",
                                         "__auto_type",
                                         "__bf16",
                                         "__builtin_COLUMN",
                                         "__builtin_FILE",
                                         "__builtin_FUNCTION",
                                         "__builtin_LINE",
                                         "__builtin_available",
                                         "__builtin_bit_cast",
                                         "__builtin_choose_expr",
                                         "__builtin_convertvector",
                                         "__builtin_offsetof",
                                         "__builtin_omp_required_simd_align",
                                         "__builtin_types_compatible_p",
                                         "__builtin_va_arg",
                                         "__cdecl",
                                         "__complex",
                                         "__complex__",
                                         "__const",
                                         "__const__",
                                         "__extension__",
                                         "__fastcall",
                                         "__float128",
                                         "__fp16",
                                         "__func__",
                                         "__imag",
                                         "__imag__",
                                         "__inline",
                                         "__inline__",
                                         "__int128",
                                         "__label__",
                                         "__module_private__",
                                         "__objc_no",
                                         "__objc_yes",
                                         "__pascal",
                                         "__private_extern__",
                                         "__real",
                                         "__real__",
                                         "__regcall",
                                         "__restrict",
                                         "__restrict__",
                                         "__signed",
                                         "__signed__",
                                         "__stdcall",
                                         "__thiscall",
                                         "__thread",
                                         "__typeof",
                                         "__typeof__",
                                         "__vectorcall",
                                         "__volatile",
                                         "__volatile__",
                                         "asm",
                                         "auto",
                                         "break",
                                         "case",
                                         "char",
                                         "const",
                                         "continue",
                                         "default",
                                         "do",
                                         "double",
                                         "else",
                                         "enum",
                                         "extern",
                                         "float",
                                         "for",
                                         "goto",
                                         "if",
                                         "inline",
                                         "int",
                                         "long",
                                         "register",
                                         "restrict",
                                         "return",
                                         "short",
                                         "signed",
                                         "sizeof",
                                         "static",
                                         "struct",
                                         "switch",
                                         "typedef",
                                         "typeof",
                                         "union",
                                         "unsigned",
                                         "void",
                                         "volatile",
                                         "while",
                                         NULL};

static const char *const known_warnings[] = {"all",
                                             "array-bounds",
                                             "assign-enum",
                                             "bad-function-cast",
                                             "bitfield-enum-conversion",
                                             "c++11-compat",
                                             "c++98-compat",
                                             "c++98-compat-pedantic",
                                             "c11-extensions",
                                             "c2x-extensions",
                                             "c99-extensions",
                                             "cast-align",
                                             "cast-function-type",
                                             "cast-qual",
                                             "comma",
                                             "conversion",
                                             "covered-switch-default",
                                             "declaration-after-statement",
                                             "deprecated",
                                             "deprecated-declarations",
                                             "deprecated-register",
                                             "disabled-macro-expansion",
                                             "documentation",
                                             "documentation-unknown-command",
                                             "double-promotion",
                                             "expansion-to-defined",
                                             "extra",
                                             "extra-semi",
                                             "extra-semi-stmt",
                                             "flexible-array-extensions",
                                             "float-equal",
                                             "format",
                                             "format-nonliteral",
                                             "format-security",
                                             "gnu",
                                             "gnu-anonymous-struct",
                                             "gnu-zero-variadic-macro-arguments",
                                             "implicit-fallthrough",
                                             "implicit-int-conversion",
                                             "incompatible-pointer-types",
                                             "int-conversion",
                                             "keyword-macro",
                                             "language-extension-token",
                                             "long-long",
                                             "microsoft-anon-tag",
                                             "missing-declarations",
                                             "missing-field-initializers",
                                             "missing-prototypes",
                                             "missing-variable-declarations",
                                             "nested-anon-types",
                                             "newline-eof",
                                             "nonportable-system-include-path",
                                             "nullability-completeness",
                                             "nullability-extension",
                                             "objc-messaging-id",
                                             "old-style-cast",
                                             "packed",
                                             "padded",
                                             "partial-availability",
                                             "pedantic",
                                             "pointer-arith",
                                             "poison-system-directories",
                                             "pragma-pack",
                                             "redundant-decls",
                                             "reserved-id-macro",
                                             "reserved-identifier",
                                             "shadow",
                                             "shorten-64-to-32",
                                             "sign-compare",
                                             "sign-conversion",
                                             "strict-prototypes",
                                             "switch-enum",
                                             "undef",
                                             "unguarded-availability",
                                             "unguarded-availability-new",
                                             "unknown-attributes",
                                             "unknown-pragmas",
                                             "unknown-warning-option",
                                             "unreachable-code",
                                             "unused",
                                             "unused-function",
                                             "unused-macros",
                                             "unused-parameter",
                                             "unused-result",
                                             "unused-variable",
                                             "used-but-marked-unused",
                                             "variadic-macros",
                                             "vla",
                                             "zero-as-null-pointer-constant",
                                             NULL};

static bool in_list(const char *const *list, const char *s, size_t len) {
  for (; *list; list++)
    if (strlen(*list) == len && memcmp(*list, s, len) == 0)
      return true;
  return false;
}

static bool starts_with(const char *s, size_t len, const char *prefix) {
  size_t n = strlen(prefix);
  return len >= n && memcmp(s, prefix, n) == 0;
}

bool target_has_attribute(const char *s, size_t len) {
  return in_list(known_attributes, s, len);
}

bool target_has_feature(const char *s, size_t len) {
  return in_list(known_features, s, len);
}

bool target_has_extension(const char *s, size_t len) {
  return in_list(known_features, s, len) || in_list(known_extensions, s, len);
}

bool target_is_keyword(const char *s, size_t len) {
  return in_list(c_keywords, s, len);
}

bool target_has_warning(const char *s, size_t len) {
  return in_list(known_warnings, s, len);
}

/* __builtin_ names that are no builtin functions. */
static const char *const not_builtin[] = {"__builtin_va_list", "__builtin_ms_va_list",
                                          "__builtin_sycl_unique_stable_name",
                                          "__builtin_nondeterministic_value", NULL};
/* Other targets' builtins. */
static const char *const other_targets[] = {
    "__builtin_ia32_",    "__builtin_arm_",     "__builtin_aarch64_", "__builtin_mips_",
    "__builtin_ppc_",     "__builtin_altivec_", "__builtin_x86_",     "__builtin_cpu_",
    "__builtin_coro_",    "__builtin_amdgcn_",  "__builtin_nvvm_",    "__builtin_riscv_",
    "__builtin_hexagon_", "__builtin_s390_",    "__builtin_ve_",      NULL};
/* Library functions clang knows as builtins. */
static const char *const library[] = {"abort",
                                      "abs",
                                      "alloca",
                                      "calloc",
                                      "exit",
                                      "fabs",
                                      "free",
                                      "labs",
                                      "llabs",
                                      "malloc",
                                      "memchr",
                                      "memcmp",
                                      "memcpy",
                                      "memmove",
                                      "memset",
                                      "printf",
                                      "realloc",
                                      "snprintf",
                                      "sprintf",
                                      "strchr",
                                      "strcmp",
                                      "strcpy",
                                      "strlen",
                                      "strncmp",
                                      "strncpy",
                                      "vprintf",
                                      "vsnprintf",
                                      "vsprintf",
                                      "__arithmetic_fence",
                                      NULL};

/* __has_builtin(name) as clang 14 answers for wasm32. */
bool target_has_builtin(const char *s, size_t len) {
  if (starts_with(s, len, "__builtin_")) {
    if (in_list(not_builtin, s, len))
      return false;
    for (const char *const *p = other_targets; *p; p++)
      if (starts_with(s, len, *p))
        return false;
    return true;
  }
  if (starts_with(s, len, "__sync_") || starts_with(s, len, "__atomic_") ||
      starts_with(s, len, "__c11_atomic_") || starts_with(s, len, "__opencl_atomic_"))
    return true;
  return in_list(library, s, len);
}
