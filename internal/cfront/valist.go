package cfront

import (
	"ferry/internal/diag"
	"ferry/internal/ir"
)

// vaListBuiltin is the compiler's va_list type. cc/v4 declares it as
// `void *`; ferry models the x86_64 SysV ABI instead:
//
//	struct __va_list_tag { unsigned gp_offset, fp_offset;
//	                       void *overflow_arg_area, *reg_save_area; };
//	typedef struct __va_list_tag __builtin_va_list[1];
//
// so it is 24 bytes, 8-aligned, and decays to a pointer as a parameter.
const (
	vaListBuiltin = "__builtin_va_list"
	vaListTag     = "__va_list_tag"
)

// vaListDecls returns the two declarations of the model.
func vaListDecls() []ir.Decl {
	pos := diag.Pos{File: "<builtin>"}
	u := func() *ir.Type { return ir.PrimType(ir.UInt) }
	vp := func() *ir.Type { return ir.PointerTo(ir.PrimType(ir.Void)) }
	rec := &ir.Record{Complete: true, Fields: []ir.Field{
		{Name: "gp_offset", Type: u(), Pos: pos},
		{Name: "fp_offset", Type: u(), Pos: pos},
		{Name: "overflow_arg_area", Type: vp(), Pos: pos},
		{Name: "reg_save_area", Type: vp(), Pos: pos},
	}}
	rec.Name, rec.Pos, rec.Origin = vaListTag, pos, ir.FromSystem
	td := &ir.Typedef{Type: ir.ArrayOf(ir.Named(ir.RefStruct, vaListTag), 1)}
	td.Name, td.Pos, td.Origin = vaListBuiltin, pos, ir.FromSystem
	return []ir.Decl{rec, td}
}
