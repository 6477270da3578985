package rustgen_test

import (
	"ferry/internal/diag"
	"ferry/internal/ir"
)

// A small language for building test modules by hand.

var (
	tVoid  = ir.PrimType(ir.Void)
	tBool  = ir.PrimType(ir.Bool)
	tChar  = ir.PrimType(ir.Char)
	tUChar = ir.PrimType(ir.UChar)
	tShort = ir.PrimType(ir.Short)
	tInt   = ir.PrimType(ir.Int)
	tUInt  = ir.PrimType(ir.UInt)
	tLong  = ir.PrimType(ir.Long)
	tULong = ir.PrimType(ir.ULong)
	tLL    = ir.PrimType(ir.LongLong)
	tULL   = ir.PrimType(ir.ULongLong)
	tI128  = ir.PrimType(ir.Int128)
	tU128  = ir.PrimType(ir.UInt128)
	tFloat = ir.PrimType(ir.Float)
	tDbl   = ir.PrimType(ir.Double)
	tLD    = ir.PrimType(ir.LongDouble)
	tF128  = ir.PrimType(ir.Float128)
	tF16   = ir.PrimType(ir.Float16)
	tVoidP = ir.PointerTo(ir.PrimType(ir.Void))
)

func sref(name string) *ir.Type  { return ir.Named(ir.RefStruct, name) }
func uref(name string) *ir.Type  { return ir.Named(ir.RefUnion, name) }
func tdref(name string) *ir.Type { return ir.Named(ir.RefTypedef, name) }
func eref(name string) *ir.Type  { return ir.Named(ir.RefEnum, name) }
func ptr(t *ir.Type) *ir.Type    { return ir.PointerTo(t) }
func cptr(t *ir.Type) *ir.Type   { return ir.PointerTo(t.WithConst(true)) }
func arr(t *ir.Type, n int64) *ir.Type {
	return ir.ArrayOf(t, n)
}
func cnst(t *ir.Type) *ir.Type { return t.WithConst(true) }

func fld(name string, t *ir.Type) ir.Field { return ir.Field{Name: name, Type: t} }
func bf(name string, t *ir.Type, w int64) ir.Field {
	return ir.Field{Name: name, Type: t, Bitfield: true, Width: w}
}
func aligned(f ir.Field, n int64) ir.Field { f.AlignAttr = n; return f }
func doc(f ir.Field, d string) ir.Field    { f.Doc = d; return f }

func rec(name string, union bool, fields ...ir.Field) *ir.Record {
	return &ir.Record{Common: ir.Common{Name: name}, Union: union, Complete: true, Fields: fields}
}
func st(name string, fields ...ir.Field) *ir.Record { return rec(name, false, fields...) }
func un(name string, fields ...ir.Field) *ir.Record { return rec(name, true, fields...) }
func fwd(name string) *ir.Record                    { return &ir.Record{Common: ir.Common{Name: name}} }

func anon(r *ir.Record, typedefName string) *ir.Record {
	r.Anonymous, r.TypedefName = true, typedefName
	return r
}
func packedR(r *ir.Record) *ir.Record           { r.Packed = true; return r }
func pragma(r *ir.Record, n int64) *ir.Record   { r.PragmaPack = n; return r }
func alignedR(r *ir.Record, n int64) *ir.Record { r.AlignAttr = n; return r }

func typedef(name string, t *ir.Type) *ir.Typedef {
	return &ir.Typedef{Common: ir.Common{Name: name}, Type: t}
}

type ev struct {
	name string
	v    int64
}

func enum(name string, under ir.Prim, vals ...ev) *ir.Enum {
	e := &ir.Enum{Common: ir.Common{Name: name}, Complete: true, Underlying: under}
	for _, v := range vals {
		e.Values = append(e.Values, ir.Enumerator{Name: v.name, Value: v.v})
	}
	return e
}

func fn(name string, res *ir.Type, params ...ir.Param) *ir.Function {
	return &ir.Function{Common: ir.Common{Name: name}, Type: &ir.FuncType{Result: res, Params: params}}
}
func variadic(f *ir.Function) *ir.Function { f.Type.Variadic = true; return f }
func p(name string, t *ir.Type) ir.Param   { return ir.Param{Name: name, Type: t} }
func fnType(res *ir.Type, variadic bool, params ...ir.Param) *ir.Type {
	return &ir.Type{Kind: ir.KindFunc, Func: &ir.FuncType{Result: res, Params: params, Variadic: variadic}}
}

func global(name string, t *ir.Type) *ir.Var {
	return &ir.Var{Common: ir.Common{Name: name}, Type: t, Mutable: !t.Const}
}

func iconst(name string, t *ir.Type, v int64, unsigned bool) *ir.Const {
	return &ir.Const{Common: ir.Common{Name: name}, Kind: ir.ConstInt, Type: t, Int: v, Unsigned: unsigned}
}

func module(decls ...ir.Decl) *ir.Module {
	return &ir.Module{Target: ir.X86_64Linux(), Decls: decls}
}

func pos(line int) diag.Pos { return diag.Pos{File: "t.h", Line: line, Col: 1} }
