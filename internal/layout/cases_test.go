package layout_test

import "ferry/internal/ir"

// trickyModule is testdata/layout_tricky.h built by hand (what the front end
// should produce for it), plus the real-world records the notes mention.
func trickyModule() *ir.Module {
	u8, u16, u32, u64 := tdref("uint8_t"), tdref("uint16_t"), tdref("uint32_t"), tdref("uint64_t")
	pixelInner := anon(st("__anon_pixel_rgba", fld("r", u8), fld("g", u8), fld("b", u8), fld("a", u8)), "")
	pixel := anon(un("__anon_pixel", fld("", sref("__anon_pixel_rgba")), fld("rgba", u32)), "pixel")
	naU := anon(un("__anon_na_u", fld("b", tInt), fld("c", tFloat)), "")
	naS := anon(st("__anon_na_s", fld("d", tChar), fld("e", tChar)), "")
	alignas8 := anon(st("__anon_alignas8", fld("c", tChar), aligned(fld("d", tChar), 8)), "alignas8")
	packedAl4 := anon(alignedR(packedR(st("__anon_packed_al4", fld("c", tChar), fld("i", tInt))), 4), "packed_al4")
	fnCB := ir.PointerTo(&ir.Type{Kind: ir.KindFunc, Func: &ir.FuncType{Result: ir.PrimType(ir.Void), Params: []ir.Param{{Type: tInt}}}})
	fnCmp := ir.PointerTo(&ir.Type{Kind: ir.KindFunc, Func: &ir.FuncType{Result: tInt, Params: []ir.Param{{Type: tVoidP}, {Type: tVoidP}}}})
	sdlFilter := ir.PointerTo(&ir.Type{Kind: ir.KindFunc, Func: &ir.FuncType{Result: ir.PrimType(ir.Void), Params: []ir.Param{{Type: tVoidP}, {Type: tInt}}}})
	color := enum("color", ir.UInt, 0, 1, 2)

	return module(
		typedef("uint8_t", tUChar), typedef("uint16_t", tUShrt), typedef("uint32_t", tUInt), typedef("uint64_t", ir.PrimType(ir.ULong)),
		st("bits1", bf("a", tUInt, 3), bf("b", tUInt, 5), bf("c", tUInt, 9), bf("d", tInt, 1), bf("e", tUInt, 20)),
		st("bits2", fld("c", tChar), bf("x", tInt, 7), bf("y", tInt, 25), bf("z", tLL, 40), bf("s", tShort, 3)),
		st("bits3", bf("a", tUInt, 4), bf("", tUInt, 0), bf("b", tUInt, 4), bf("c", tUChar, 7), bf("d", tUChar, 2)),
		st("bits4", bf("f1", tBool, 1), bf("f2", tBool, 1), bf("k", u8, 3), bf("big", u64, 63), bf("w", u16, 9)),
		color,
		st("bits5", bf("col", eref("color"), 2), fld("after", tInt)),
		st("bits6", fld("a", tChar), bf("b", tLL, 33), fld("c", tChar)),
		packedR(st("packed1", fld("c", tChar), fld("i", tInt), fld("s", tShort), fld("l", tLL))),
		packedR(st("packed_bits", bf("a", tUInt, 3), bf("b", tUInt, 30), fld("c", tChar))),
		st("outer_packed", fld("c", tChar), fld("p", sref("packed1")), fld("x", tInt)),
		pragma(st("pragma2", fld("c", tChar), fld("i", tInt), fld("d", tDbl)), 2),
		pragma(st("pragma1", fld("c", tChar), fld("i", tInt), fld("s", tShort)), 1),
		alignedR(st("al16", fld("x", tInt)), 16),
		st("al_member", fld("c", tChar), aligned(fld("x", tInt), 32), fld("d", tChar)),
		st("with_al16", fld("c", tChar), fld("a", sref("al16"))),
		alignas8, typedefFor(alignas8),
		st("fam", fld("n", tInt), fld("d", arr(tDbl, -1))),
		st("ld", fld("c", tChar), fld("x", tLD), fld("i", tI128)),
		st("va", fld("n", tInt), fld("ap", &ir.Type{Kind: ir.KindOpaque, Text: "__builtin_va_list"})),
		un("u1", fld("c", tChar), fld("d", tDbl), bf("bits", tInt, 5)),
		pixelInner, pixel, typedefFor(pixel),
		naU, naS,
		st("nested_anon", fld("a", tInt), fld("", uref("__anon_na_u")), fld("", sref("__anon_na_s"))),
		st("arr2d", fld("name", arr(arr(tChar, 5), 3)), fld("s", arr(arr(tShort, 3), 2))),
		st("fnptrs", fld("cb", fnCB), fld("cmp", fnCmp)),
		packedAl4, typedefFor(packedAl4),

		// Real-world records the notes name (GTK 3, SDL 2).
		enum("GdkEventType", ir.Int, -1, 0, 1),
		&ir.Record{Common: ir.Common{Name: "_GdkWindow"}},
		st("_GdkEventKey", fld("type", eref("GdkEventType")), fld("window", ir.PointerTo(sref("_GdkWindow"))),
			fld("send_event", ir.PrimType(ir.SChar)), fld("time", u32), fld("state", tUInt), fld("keyval", tUInt),
			fld("length", tInt), fld("string", ir.PointerTo(tChar)), fld("hardware_keycode", u16), fld("group", u8),
			bf("is_modifier", tUInt, 1)),
		st("_GtkTableRowCol", fld("requisition", u16), fld("allocation", u16), fld("spacing", u16),
			bf("need_expand", tUInt, 1), bf("need_shrink", tUInt, 1), bf("expand", tUInt, 1), bf("shrink", tUInt, 1), bf("empty", tUInt, 1)),
		packedR(st("SDL_AudioCVT", fld("needed", tInt), fld("src_format", u16), fld("dst_format", u16), fld("rate_incr", tDbl),
			fld("buf", ir.PointerTo(u8)), fld("len", tInt), fld("len_cvt", tInt), fld("len_mult", tInt), fld("len_ratio", tDbl),
			fld("filters", arr(sdlFilter, 10)), fld("filter_index", tInt))),
	)
}

// extraModule holds cases beyond the header: combinations of packing,
// alignment and bitfields that real headers use.
func extraModule() *ir.Module {
	int2 := typedefAl("int2", tInt, 2)
	int8a := typedefAl("int8a", tInt, 8)
	ll4 := typedefAl("ll4", tLL, 4)
	al16 := alignedR(st("xal16", fld("x", tInt)), 16)
	small := enum("small", ir.UInt, 0, 200)
	small.Packed = true
	neg := enum("negs", ir.Int, -1, 100)
	neg.Packed = true
	wide := enum("wide", ir.ULong, 0, 1<<40)
	innerPk := anon(packedR(st("__anon_inner_pk", fld("ic", tChar), fld("ii", tInt))), "")
	return module(
		int2, int8a, ll4, al16, small, neg, wide,
		// Nested packed in unpacked, unpacked in packed.
		st("np_outer", fld("c", tChar), fld("", sref("__anon_inner_pk")), fld("d", tDbl)),
		innerPk,
		packedR(st("pk_with_al16", fld("c", tChar), fld("a", sref("xal16")))),
		packedR(st("pk_field_al", fld("c", tChar), aligned(fld("x", tInt), 2), fld("y", tLL))),
		st("field_packed", fld("c", tChar), packedF(fld("x", tInt)), fld("y", tShort)),
		// #pragma pack with bitfields, zero-width and aligned members.
		pragma(st("pp2_bits", fld("c", tChar), bf("x", tInt, 16), bf("y", tInt, 20), fld("d", tChar), bf("z", tLL, 40)), 2),
		pragma(st("pp1_zero", fld("a", tChar), bf("", tInt, 0), fld("b", tChar)), 1),
		pragma(st("pp4_al", fld("c", tChar), aligned(fld("x", tInt), 16), fld("d", tDbl)), 4),
		pragma(alignedR(st("pp1_recal", fld("c", tChar), fld("x", tInt)), 8), 1),
		pragma(packedR(st("pp4_packed_bits", fld("a", tChar), bf("b", tInt, 4))), 4),
		pragma(st("pp2_arr", fld("c", tChar), fld("d", arr(tDbl, 2)), fld("e", sref("xal16"))), 2),
		// Aligned typedefs as members and bitfields.
		st("ta_members", fld("c", tChar), fld("x", tdref("int2")), fld("y", tdref("int8a")), fld("z", tdref("ll4"))),
		st("ta_bits", fld("c", tChar), bf("x", tdref("int8a"), 5), bf("y", tdref("int2"), 20), bf("z", tdref("ll4"), 30)),
		// Arrays of aligned structs, zero-length arrays.
		st("arr_al", fld("c", tChar), fld("a", arr(sref("xal16"), 3)), fld("z", arr(tInt, 0))),
		st("zero_len_mid", fld("c", tChar), fld("z", arr(tLL, 0)), fld("d", tChar)),
		// Unions with bitfields, aligned members and padding.
		un("u_bits", fld("c", arr(tChar, 5)), bf("x", tInt, 3), bf("y", tLL, 35)),
		un("u_unnamed_bf", fld("c", tChar), bf("", tInt, 31)),
		alignedR(un("u_al", fld("c", tChar), aligned(fld("s", tShort), 8)), 4),
		// long double, __int128, enum bitfields and packed enums.
		st("wide_members", fld("c", tChar), fld("x", tLD), fld("s", tShort), fld("i", tI128), fld("f", tFloat)),
		enum("color2", ir.UInt, 0, 1, 2),
		st("enum_bits", bf("a", eref("color2"), 2), bf("s", eref("small"), 3), bf("n", eref("negs"), 7), bf("w", eref("wide"), 41), fld("e", eref("small"))),
		// Bitfields of every width class, straddling candidates.
		st("mixed_bits", fld("c", tChar), bf("a", tChar, 7), bf("b", tChar, 2), bf("s", tShort, 9), bf("t", tShort, 9), bf("l", tULL, 60), bf("m", tULL, 5), bf("i", tI128, 100)),
		st("unnamed_bits", fld("c", tChar), bf("", tLL, 3), bf("x", tChar, 3), bf("", tInt, 0), bf("y", tChar, 1)),
		st("zero_after_char", fld("a", tChar), bf("", tLL, 0), fld("b", tChar)),
		st("bool_bits", bf("a", tBool, 1), bf("", tBool, 0), bf("b", tBool, 1), fld("c", tChar)),
		st("bf_aligned_attr", fld("c", tChar), aligned(bf("x", tInt, 3), 8), bf("y", tInt, 3)),
		packedR(st("packed_char_bits", bf("a", tChar, 7), bf("b", tChar, 2), bf("c", tUChar, 4))),
		st("empty_struct"),
		st("ptr_members", fld("c", tChar), fld("p", tVoidP), fld("lp", tLong)),
		// Typedefs of arrays and of records, and of an aligned record.
		typedef("arr3_t", arr(tShort, 3)),
		typedefAl("al_rec_t", sref("np_outer"), 32),
		st("uses_al_rec", fld("c", tChar), fld("r", tdref("al_rec_t"))),
	)
}
