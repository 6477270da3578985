package rustgen_test

import (
	"math"
	"strings"

	"ferry/internal/ir"
	"ferry/internal/rustgen"
)

// goldenCase is one hand-built module and the options to emit it with.
type goldenCase struct {
	name  string
	opts  rustgen.Options
	build func() *ir.Module
}

var goldenCases = []goldenCase{
	{"functions", rustgen.Options{LinkName: "demo", LinkKind: "dylib"}, functionsModule},
	{"records", rustgen.Options{Opaque: func(n string) bool { return n == "hidden" }}, recordsModule},
	{"bitfields", rustgen.Options{}, bitfieldsModule},
	{"enums", rustgen.Options{}, enumsModule},
	{"consts", rustgen.Options{}, constsModule},
	{"names", rustgen.Options{LinkName: "names", LinkKind: "static"}, namesModule},
	{"wide", rustgen.Options{}, wideModule},
	{"nolayout", rustgen.Options{NoLayoutTests: true, Header: "custom header\nsecond line"}, noLayoutModule},
}

func functionsModule() *ir.Module {
	plain := fn("plain_fn", tInt, p("a", tInt), p("b", tInt))
	plain.Doc = "Doc for plain_fn: adds numbers.\n\nExample:\n\n    int x = plain_fn(1, 2);\n\n```\nplain_fn(1, 2);\n```"
	old := fn("old_fn", tInt)
	old.Attrs.Deprecated, old.Attrs.DeprecatedMsg = true, `use "new_fn"`
	old2 := fn("old_fn2", tVoid)
	old2.Attrs.Deprecated = true
	wur := fn("wur_fn", ptr(tChar), p("s", cptr(tChar)))
	wur.Attrs.MustUse = true
	die := fn("die", tVoid, p("code", tInt))
	die.Attrs.NoReturn = true
	inl := fn("inline_helper", tInt)
	inl.Attrs.Inline, inl.Attrs.Static = true, true
	noproto := fn("legacy", tInt)
	noproto.Type.NoProto = true
	label := fn("stat64_alias", tInt, p("", tInt))
	label.LinkName = "stat64"
	ld := fn("takes_long_double", tVoid, p("x", tLD))
	ldp := fn("takes_long_double_ptr", tVoid, p("x", ptr(tLD)))
	cb := typedef("callback_t", ptr(fnType(tInt, false, p("ctx", tVoidP), p("n", tInt))))
	cb.Doc = "A callback."
	fty := typedef("handler_fn", fnType(tVoid, false, p("sig", tInt)))
	vcb := typedef("logger_t", ptr(fnType(tVoid, true, p("fmt", cptr(tChar)))))
	u32 := typedef("uint32_t", tUInt)
	sz := typedef("size_t", tULong)
	bad := typedef("int64_t", tInt) // wrong width: kept as a typedef
	errno := global("errno_like", tInt)
	ver := global("version", cnst(ptr(cnst(tChar))))
	tab := global("table", cnst(arr(tInt, -1)))
	tl := global("tls_counter", tInt)
	tl.ThreadLocal = true
	return module(
		u32, sz, bad, cb, fty, vcb,
		plain,
		variadic(fn("fmt_fn", tInt, p("fmt", cptr(tChar)))),
		old, old2, wur, die, inl, noproto, label, ld, ldp,
		fn("copy", tdref("size_t"), p("dst", tVoidP), p("src", cptr(tVoid)), p("n", tdref("size_t")), p("flags", tdref("uint32_t"))),
		fn("register_cb", tVoid, p("cb", tdref("callback_t")), p("h", ptr(tdref("handler_fn"))), p("fmt", vcb.Type)),
		fn("takes_array", tVoid, p("v", arr(tInt, 4)), p("cv", arr(cnst(tDbl), 3)), p("fnp", fnType(tInt, false))),
		fn("get_bad", tdref("int64_t")),
		fn("wide_int", tU128, p("x", tI128)),
		errno, ver, tab, tl,
	)
}

func recordsModule() *ir.Module {
	s := st("S", doc(fld("n", tInt), "field doc for n"), fld("old_field", tInt), fld("len", tInt), fld("data", arr(tInt, -1)))
	s.Doc = "A struct doc."
	s.Fields[1].Attrs.Deprecated = true
	s.Fields[1].Doc = "trailing doc for old_field"
	s.Fields[3].Attrs.CountedBy = "len"
	packed1 := packedR(st("packed1", fld("c", tChar), fld("i", tInt), fld("s", tShort), fld("l", tLL)))
	outer := st("outer_packed", fld("c", tChar), fld("p", sref("packed1")), fld("x", tInt))
	pragma2 := pragma(st("pragma2", fld("c", tChar), fld("i", tInt), fld("d", tDbl)), 2)
	al16 := alignedR(st("al16", fld("x", tInt)), 16)
	alMember := st("al_member", fld("c", tChar), aligned(fld("x", tInt), 32), fld("d", tChar))
	withAl := st("with_al16", fld("c", tChar), fld("a", sref("al16")))
	alignas8 := anon(st("__anon_alignas8", fld("c", tChar), aligned(fld("d", tChar), 8)), "alignas8")
	fam := st("fam", fld("n", tInt), fld("d", arr(tDbl, -1)))
	ldRec := st("ld", fld("c", tChar), fld("x", tLD), fld("i", tI128), fld("q", tF128), fld("h", tF16))
	u1 := un("u1", fld("c", tChar), fld("d", tDbl))
	pixInner := anon(st("__anon_pixel_0", fld("r", tUChar), fld("g", tUChar), fld("b", tUChar), fld("a", tUChar)), "")
	pixel := anon(un("__anon_pixel", fld("", sref("__anon_pixel_0")), fld("rgba", tUInt)), "pixel")
	nu := anon(un("__anon_nested_1", fld("b", tInt), fld("c", tFloat)), "")
	ns := anon(st("__anon_nested_2", fld("d", tChar), fld("e", tChar)), "")
	nestedAnon := st("nested_anon", fld("a", tInt), fld("", uref("__anon_nested_1")), fld("", sref("__anon_nested_2")), fld("pos", sref("__anon_pos")))
	pos := anon(st("__anon_pos", fld("x", tInt), fld("y", tInt)), "")
	arr2d := st("arr2d", fld("name", arr(arr(tChar, 5), 3)), fld("s", arr(arr(tShort, 3), 2)))
	fnptrs := st("fnptrs", fld("cb", ptr(fnType(tVoid, false, p("", tInt)))), fld("cmp", ptr(fnType(tInt, false, p("", cptr(tVoid)), p("", cptr(tVoid))))))
	packedAl4 := anon(alignedR(packedR(st("__anon_pal4", fld("c", tChar), fld("i", tInt))), 4), "packed_al4")
	packedAl := packedR(st("packed_with_al", fld("c", tChar), fld("a", sref("al16"))))
	hidden := st("hidden", fld("x", tDbl), fld("y", tDbl))
	empty := st("empty")
	withU := st("with_union", fld("tag", tInt), fld("u", uref("u1")))
	return module(
		s, packed1, outer, pragma2, al16, alMember, withAl, alignas8, typedef("alignas8", sref("__anon_alignas8")),
		fam, ldRec, u1, pixInner, pixel, typedef("pixel", uref("__anon_pixel")),
		nu, ns, pos, nestedAnon, arr2d, fnptrs,
		packedAl4, typedef("packed_al4", sref("__anon_pal4")), packedAl,
		fwd("handle"), typedef("handle_t", sref("handle")), fwd("handle"),
		typedef("fam_t", sref("fam")), hidden, empty, withU,
		fn("use_hidden", tVoid, p("h", sref("hidden"))),
		fn("use_unknown", tVoid, p("h", ptr(sref("not_declared")))),
		fn("ld_by_value", tVoid, p("l", sref("ld"))),
	)
}

func bitfieldsModule() *ir.Module {
	color := enum("color", ir.UInt, ev{"RED", 0}, ev{"GREEN", 1}, ev{"BLUE", 2})
	bits1 := st("bits1", bf("a", tUInt, 3), bf("b", tUInt, 5), bf("c", tUInt, 9), bf("d", tInt, 1), bf("e", tUInt, 20))
	bits2 := st("bits2", fld("c", tChar), bf("x", tInt, 7), bf("y", tInt, 25), bf("z", tLL, 40), bf("s", tShort, 3))
	bits3 := st("bits3", bf("a", tUInt, 4), bf("", tUInt, 0), bf("b", tUInt, 4), bf("c", tUChar, 7), bf("d", tUChar, 2))
	bits4 := st("bits4", bf("f1", tBool, 1), bf("f2", tBool, 1), bf("k", tdref("uint8_t"), 3), bf("big", tdref("uint64_t"), 63), bf("w", tdref("uint16_t"), 9))
	bits5 := st("bits5", bf("col", eref("color"), 2), fld("after", tInt))
	bits6 := st("bits6", fld("c0", tChar), bf("b", tLL, 33), fld("c", tChar))
	pbits := packedR(st("packed_bits", bf("a", tUInt, 3), bf("b", tUInt, 30), fld("c", tChar)))
	ubits := un("ubits", fld("c", tChar), fld("d", tDbl), bf("bits", tInt, 5))
	full := st("full64", bf("all", tULL, 64), bf("neg", tLL, 64), bf("", tInt, 3), bf("type", tInt, 2), bf("set_type", tUInt, 1))
	wide := st("wide_bits", bf("huge", tI128, 100), fld("after", tInt))
	return module(
		typedef("uint8_t", tUChar), typedef("uint16_t", ir.PrimType(ir.UShort)), typedef("uint64_t", tULong),
		color, bits1, bits2, bits3, bits4, bits5, bits6, pbits, ubits, full, wide,
	)
}

func enumsModule() *ir.Module {
	e := enum("E", ir.UInt, ev{"E_A", 0}, ev{"E_B", 5})
	e.Doc = "An enum."
	e.Values[0].Doc = "trailing doc A"
	e.Values[1].Attrs.Deprecated = true
	neg := enum("sign", ir.Int, ev{"NEG", -1}, ev{"ZERO", 0}, ev{"POS", 1})
	big := enum("big", ir.ULong, ev{"BIG_MAX", -1})
	packedE := enum("small", ir.UChar, ev{"SMALL_A", 255})
	anonE := &ir.Enum{Common: ir.Common{Name: "__anon_enum_1"}, Anonymous: true, Complete: true, Underlying: ir.UInt,
		Values: []ir.Enumerator{{Name: "FP_NAN", Value: 0}, {Name: "FP_INFINITE", Value: 1}, {Name: "IPPORT_RESERVED", Value: 1024}}}
	tdE := &ir.Enum{Common: ir.Common{Name: "__anon_enum_2"}, Anonymous: true, TypedefName: "mode_t_", Complete: true, Underlying: ir.UInt,
		Values: []ir.Enumerator{{Name: "MODE_A", Value: 1}, {Name: "mode_b", Value: 2}}}
	fwdE := &ir.Enum{Common: ir.Common{Name: "later"}, Underlying: ir.UInt}
	dupE := enum("dup", ir.UInt, ev{"SHARED", 1})
	clash := enum("clash", ir.UInt, ev{"E_A", 7})
	return module(
		e, neg, big, packedE, anonE, tdE, typedef("mode_t_", eref("__anon_enum_2")), fwdE, dupE, clash,
		iconst("FP_NAN", tInt, 0, false),
		iconst("IPPORT_RESERVED", tInt, 1024, false),
		iconst("FP_INFINITE", tInt, 99, false),
		fn("SHARED", tVoid),
		st("uses_enums", fld("e", eref("E")), fld("m", tdref("mode_t_")), fld("k", eref("__anon_kind"))),
		&ir.Enum{Common: ir.Common{Name: "__anon_kind"}, Anonymous: true, Complete: true, Underlying: ir.Int,
			Values: []ir.Enumerator{{Name: "KIND_X", Value: -2}}},
		fn("set_e", eref("E"), p("e", eref("E")), p("m", tdref("mode_t_"))),
	)
}

func constsModule() *ir.Module {
	fl := &ir.Const{Common: ir.Common{Name: "PI_F"}, Kind: ir.ConstFloat, Type: tFloat, Float: 3.1415927}
	dbl := &ir.Const{Common: ir.Common{Name: "BIG_D"}, Kind: ir.ConstFloat, Type: tDbl, Float: 1e300}
	half := &ir.Const{Common: ir.Common{Name: "HALF"}, Kind: ir.ConstFloat, Type: tDbl, Float: 0.5}
	whole := &ir.Const{Common: ir.Common{Name: "WHOLE"}, Kind: ir.ConstFloat, Type: tDbl, Float: -2}
	inf := &ir.Const{Common: ir.Common{Name: "INF"}, Kind: ir.ConstFloat, Type: tFloat, Float: math.Inf(1)}
	nan := &ir.Const{Common: ir.Common{Name: "NAN_D"}, Kind: ir.ConstFloat, Type: tDbl, Float: math.NaN()}
	str := &ir.Const{Common: ir.Common{Name: "VERSION", Doc: "Doc for VERSION"}, Kind: ir.ConstString, Type: arr(tChar, 6), Str: []byte("1.2.3")}
	esc := &ir.Const{Common: ir.Common{Name: "ESCAPES"}, Kind: ir.ConstString, Type: arr(tChar, -1), Str: []byte("tab\there \"q\" \\ \n\x01\xff é")}
	nul := &ir.Const{Common: ir.Common{Name: "WITH_NUL"}, Kind: ir.ConstString, Type: arr(tChar, -1), Str: []byte("a\x00b")}
	wide := &ir.Const{Common: ir.Common{Name: "WIDE"}, Kind: ir.ConstString, Type: arr(tInt, -1), Str: []byte("w")}
	ch := &ir.Const{Common: ir.Common{Name: "CH_A"}, Kind: ir.ConstChar, Type: tInt, Int: 'a'}
	chq := &ir.Const{Common: ir.Common{Name: "CH_QUOTE"}, Kind: ir.ConstChar, Type: tInt, Int: '\''}
	chn := &ir.Const{Common: ir.Common{Name: "CH_NL"}, Kind: ir.ConstChar, Type: tInt, Int: '\n'}
	hexc := iconst("MASK", tUInt, 0xff00, true)
	hexc.Expr = "0xFF00U"
	return module(
		typedef("uint32_t", tUInt), typedef("myint", tLong),
		iconst("ANSWER", tInt, 42, false),
		iconst("NEG", tInt, -5, false),
		iconst("UMAX", tULL, -1, true),
		iconst("LMIN", tLong, math.MinInt64, false),
		iconst("FLAGS", tdref("uint32_t"), 7, true),
		iconst("MYINT", tdref("myint"), -9, false),
		iconst("TOO_BIG_FOR_INT", tInt, 1<<40, false),
		iconst("lower_case", tInt, 1, false),
		iconst("NOTYPE", nil, 3, false),
		hexc, fl, dbl, half, whole, inf, nan, str, esc, nul, wide, ch, chq, chn,
	)
}

func namesModule() *ir.Module {
	kw := st("type", fld("type", tInt), fld("self", tInt), fld("match", tInt), fld("gen", tInt), fld("_", tInt), fld("fooBar", tInt))
	return module(
		kw,
		fn("match", tInt, p("type", tInt), p("self", tInt), p("", tInt), p("arg3", tInt)),
		fn("crate", tVoid),
		st("stat", fld("st_size", tLong)),
		fn("stat", tInt, p("path", cptr(tChar)), p("buf", ptr(sref("stat")))),
		st("foo", fld("x", tInt)), typedef("foo", sref("foo")),
		st("bar", fld("x", tInt)), typedef("bar", tInt),
		typedef("u8", tUChar), typedef("u32", tInt), typedef("bool", tBool),
		st("uses_u8", fld("a", tdref("u8")), fld("b", tdref("u32")), fld("c", tdref("bool")), fld("d", tdref("bar")), fld("e", sref("bar"))),
		fn("dup_value", tVoid), iconst("dup_value", tInt, 1, false),
		global("dup_value", tInt),
		fn("plain_fn", tInt), fn("plain_fn", tInt),
		enum("Self", ir.UInt, ev{"self", 0}),
		typedef("Option", tInt), typedef("core", tInt),
		fn("use_option", tdref("Option"), p("x", ptr(fnType(tVoid, false)))),
	)
}

// wideModule exercises rustfmt's width rules with long names.
func wideModule() *ir.Module {
	long := func(prefix string, n int) string { return prefix + strings.Repeat("x", n-len(prefix)) }
	var fields []ir.Field
	for _, n := range []int{40, 50, 51, 52, 53, 56, 57, 58, 59, 70, 86, 87, 88, 89, 95} {
		fields = append(fields, fld(long("f", n), tInt))
	}
	fields = append(fields,
		fld("callback_with_a_long_name", ptr(fnType(tInt, false, p("user_data_pointer", tVoidP), p("count", tInt)))),
		fld("callback_with_many_params", ptr(fnType(tInt, false, p("user_data_pointer", tVoidP), p("count", tInt), p("name_of_thing", cptr(tChar)), p("flags", tULong)))),
		fld("ptr_to_callback", ptr(ptr(fnType(tInt, false, p("user_data_pointer", tVoidP), p("count", tInt), p("name_of_thing", cptr(tChar)), p("flags", tULong))))),
	)
	s := st("record_with_long_field_names", fields...)
	s2 := st(long("r", 90), fld("a", tInt))
	var params []ir.Param
	for i := 0; i < 6; i++ {
		params = append(params, p(long("parameter_", 12+i), ptr(tdref("callback_type_with_long_name"))))
	}
	cbt := typedef("callback_type_with_long_name", ptr(fnType(tInt, false, p("user_data_pointer", tVoidP), p("count", tInt), p("name_of_thing", cptr(tChar)))))
	cbt2 := typedef("cb_t", ptr(fnType(tInt, false, p("arg", tVoidP), p("other", tInt))))
	ret := fn("returns_callback", ptr(fnType(tInt, false, p("user_data_pointer", tVoidP), p("count", tInt), p("name_of_thing", cptr(tChar)))), p("a", tInt))
	dep := fn("deprecated_with_long_message", tVoid)
	dep.Attrs.Deprecated, dep.Attrs.DeprecatedMsg = true, strings.Repeat("this is a long deprecation message ", 3)
	longStr := &ir.Const{Common: ir.Common{Name: "SOME_VERY_LONG_CONSTANT_NAME_FOR_TESTING"}, Kind: ir.ConstString, Type: arr(tChar, -1), Str: []byte("a long string here ok and it is very long so that it does not fit")}
	longerStr := &ir.Const{Common: ir.Common{Name: "EVEN_LONGER"}, Kind: ir.ConstString, Type: arr(tChar, -1), Str: []byte(strings.Repeat("z", 100))}
	bits := st("bits_long", bf(long("bitfield_", 70), tUInt, 3), bf("b", tdref("callback_type_with_long_name_int"), 3))
	return module(
		s, s2, cbt, cbt2, typedef("callback_type_with_long_name_int", tInt), bits,
		fn("function_with_many_long_parameters", tVoid, params...),
		variadic(fn("variadic_function_with_a_long_name_for_wrapping", tInt, p("first_argument", ptr(tChar)), p("second_argument", tInt))),
		ret, dep, longStr, longerStr,
		iconst("SOME_VERY_LONG_CONSTANT_NAME_FOR_TESTING_UNSIGNED_LONG", tULL, -1, true),
	)
}

func noLayoutModule() *ir.Module {
	return module(st("point", fld("x", tInt), fld("y", tInt)))
}
