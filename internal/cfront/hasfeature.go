package cfront

import (
	"fmt"
	"sort"
	"strings"
)

// GCC 12 defines __has_builtin, __has_attribute, __has_c_attribute and
// __has_cpp_attribute (as it does __has_include), so headers test
// `#ifdef __has_attribute` before using them (glib's gmacros.h,
// SDL_stdinc.h) and take a fallback branch when it is undefined. cc/v4
// evaluates __has_builtin in #if but does not report it defined, and knows
// none of the attribute forms. The prelude (load.go) closes the gap:
//
//   - `#define __has_builtin(x) __has_builtin(x)` makes #ifdef true; cc/v4
//     still evaluates the operator in #if (before macro expansion), asking
//     hasBuiltin, which answers as GCC 12 on x86-64 does for the builtins
//     headers test, and false where unsure (target builtins). cc/v4 lets
//     only the <predefined> source define __has_builtin, so this line is
//     appended there (hasBuiltinDefine), the rest goes in the prelude.
//   - __has_attribute(x) and friends paste their operand onto a prefix:
//     __ferry_has_attribute_packed is a macro for each attribute GCC 12
//     knows (with GCC's value: 1, or the C2x version for standard ones),
//     and an unknown attribute is an undefined identifier, 0 in #if. A
//     scoped operand (gnu::packed) cannot be pasted and is a syntax error
//     in #if, as it was before these were defined.
//
// TestHasFeatureMatchesGCC compares the tables with the host gcc.

// hasBuiltinDefine is appended to the <predefined> source.
const hasBuiltinDefine = "\n#define __has_builtin(x) __has_builtin(x)\n"

// gccAttributes returns GCC 12's __has_attribute values on x86-64 (both
// the plain and the __x__ spelling answer the same).
func gccAttributes() map[string]int {
	m := map[string]int{"deprecated": 201904, "fallthrough": 201904, "maybe_unused": 201904, "nodiscard": 202003}
	for _, a := range strings.Fields(gccAttributeNames) {
		m[a] = 1
	}
	return m
}

// gccCAttributes are GCC 12's __has_c_attribute values.
var gccCAttributes = map[string]int{
	"deprecated": 201904, "fallthrough": 201904, "maybe_unused": 201904, "nodiscard": 202003,
}

// gccAttributeNames are the attributes for which GCC 12's __has_attribute
// is 1.
const gccAttributeNames = `access alias aligned alloc_align alloc_size always_inline
	artificial assume_aligned callee_pop_aggregate_return cdecl cf_check cleanup cold common const
	constructor copy designated_init destructor error externally_visible fastcall fentry_name
	fentry_section flatten force_align_arg_pointer format format_arg function_return gcc_struct
	gnu_inline hot ifunc indirect_branch indirect_return interrupt leaf malloc may_alias mode ms_abi
	ms_hook_prologue ms_struct naked no_address_safety_analysis no_caller_saved_registers no_icf
	no_instrument_function no_profile_instrument_function no_reorder no_sanitize
	no_sanitize_address no_sanitize_coverage no_sanitize_thread no_sanitize_undefined
	no_split_stack no_stack_limit no_stack_protector nocf_check noclone nocommon noinit noinline
	noipa nonnull nonstring noplt noreturn nothrow objc_root_class optimize packed
	patchable_function_entry persistent pure regparm retain returns_nonnull returns_twice
	scalar_storage_order section sentinel simd sseregparm stack_protect stdcall symver sysv_abi
	tainted_args target target_clones thiscall tls_model transparent_union unavailable
	uninitialized unused used vector_size visibility warn_if_not_aligned warn_unused
	warn_unused_result warning weak weakref zero_call_used_regs`

// hasFeaturePrelude is the part of the prelude that defines the feature
// test operators.
var hasFeaturePrelude = buildHasFeaturePrelude()

func buildHasFeaturePrelude() string {
	var b strings.Builder
	b.WriteString("#define __has_attribute(x) __ferry_has_attribute_##x\n")
	b.WriteString("#define __has_cpp_attribute(x) __ferry_has_attribute_##x\n")
	b.WriteString("#define __has_c_attribute(x) __ferry_has_c_attribute_##x\n")
	for _, t := range []struct {
		prefix string
		m      map[string]int
	}{{"__ferry_has_attribute_", gccAttributes()}, {"__ferry_has_c_attribute_", gccCAttributes}} {
		names := make([]string, 0, len(t.m))
		for n := range t.m {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(&b, "#define %s%s %d\n#define %s__%s__ %d\n", t.prefix, n, t.m[n], t.prefix, n, t.m[n])
		}
	}
	return b.String()
}

// gccNoBuiltins are names with a builtin prefix that GCC 12 (C, x86-64)
// reports absent: clang's own builtins, newer GCC's, and keywords GCC does
// not count as builtins.
var gccNoBuiltins = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`__builtin_assume __builtin_popcountg __builtin_clzg
	__builtin_ctzg __builtin_clrsbg __builtin_ffsg __builtin_parityg __builtin_memcpy_inline
	__builtin_memset_inline __builtin_va_arg __builtin_va_list __builtin_bit_cast
	__builtin_is_constant_evaluated __builtin_addressof __builtin_launder __builtin_complex
	__builtin_tgmath __builtin_COLUMN __builtin_debugtrap __builtin_dump_struct
	__builtin_readcyclecounter __builtin_rotateleft8 __builtin_rotateleft16
	__builtin_rotateleft32 __builtin_rotateleft64 __builtin_rotateright8 __builtin_rotateright16
	__builtin_rotateright32 __builtin_rotateright64 __builtin_bitreverse8 __builtin_bitreverse16
	__builtin_bitreverse32 __builtin_bitreverse64 __builtin_align_up __builtin_align_down
	__builtin_is_aligned __builtin_nondeterministic_value __builtin_available __builtin_addc
	__builtin_addcb __builtin_addcs __builtin_addcl __builtin_addcll __builtin_subc
	__builtin_subcb __builtin_subcs __builtin_subcl __builtin_subcll __builtin_iseqsig
	__builtin_issignaling __builtin_counted_by_ref __builtin_call_with_static_chain
	__builtin_operator_new __builtin_operator_delete __builtin_ms_va_list __builtin_unpredictable
	__builtin_FUNCSIG __builtin_allow_runtime_check __builtin_preserve_access_index
	__builtin_btf_type_id __builtin_nontemporal_load __builtin_nontemporal_store
	__builtin_assume_separate_storage __builtin_cpu_supports_all`) {
		gccNoBuiltins[n] = true
	}
}

// hasBuiltin answers __has_builtin(name) as GCC 12 does in C on x86-64:
// true for its generic __builtin_ functions and the __sync_ and __atomic_
// families; false for clang's and newer GCC's builtins, for other
// targets' and for the x86 ones (which depend on -m flags).
func hasBuiltin(name string) bool {
	switch {
	case gccNoBuiltins[name]:
		return false
	case strings.HasPrefix(name, "__builtin_"):
		rest := name[len("__builtin_"):]
		for _, p := range []string{"ia32_", "arm_", "aarch64_", "neon_", "wasm_", "amdgcn_", "nvptx_",
			"ppc_", "altivec_", "vsx_", "riscv_", "mips_", "s390_", "hexagon_", "loongarch_",
			"elementwise_", "reduce_", "matrix_", "stdc_", "sve_", "bpf_"} {
			if strings.HasPrefix(rest, p) {
				return false
			}
		}
		return true
	case strings.HasPrefix(name, "__sync_"), strings.HasPrefix(name, "__atomic_"):
		return true
	}
	return false
}
