package layout_test

import (
	"fmt"

	"ferry/internal/ir"
)

// A small language for building test modules by hand.

var (
	tBool  = ir.PrimType(ir.Bool)
	tChar  = ir.PrimType(ir.Char)
	tUChar = ir.PrimType(ir.UChar)
	tShort = ir.PrimType(ir.Short)
	tUShrt = ir.PrimType(ir.UShort)
	tInt   = ir.PrimType(ir.Int)
	tUInt  = ir.PrimType(ir.UInt)
	tLong  = ir.PrimType(ir.Long)
	tLL    = ir.PrimType(ir.LongLong)
	tULL   = ir.PrimType(ir.ULongLong)
	tI128  = ir.PrimType(ir.Int128)
	tFloat = ir.PrimType(ir.Float)
	tDbl   = ir.PrimType(ir.Double)
	tLD    = ir.PrimType(ir.LongDouble)
	tVoidP = ir.PointerTo(ir.PrimType(ir.Void))
)

func sref(name string) *ir.Type  { return ir.Named(ir.RefStruct, name) }
func uref(name string) *ir.Type  { return ir.Named(ir.RefUnion, name) }
func tdref(name string) *ir.Type { return ir.Named(ir.RefTypedef, name) }
func eref(name string) *ir.Type  { return ir.Named(ir.RefEnum, name) }
func arr(t *ir.Type, n int64) *ir.Type {
	return ir.ArrayOf(t, n)
}

func fld(name string, t *ir.Type) ir.Field { return ir.Field{Name: name, Type: t} }
func bf(name string, t *ir.Type, w int64) ir.Field {
	return ir.Field{Name: name, Type: t, Bitfield: true, Width: w}
}
func aligned(f ir.Field, n int64) ir.Field { f.AlignAttr = n; return f }
func packedF(f ir.Field) ir.Field          { f.Packed = true; return f }

// rec returns a complete struct (or union) declaration.
func rec(name string, union bool, fields ...ir.Field) *ir.Record {
	return &ir.Record{Common: ir.Common{Name: name}, Union: union, Complete: true, Fields: fields}
}
func st(name string, fields ...ir.Field) *ir.Record { return rec(name, false, fields...) }
func un(name string, fields ...ir.Field) *ir.Record { return rec(name, true, fields...) }

// anon marks r anonymous, optionally named by a typedef.
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
func typedefAl(name string, t *ir.Type, n int64) *ir.Typedef {
	td := typedef(name, t)
	td.AlignAttr = n
	return td
}

func enum(name string, under ir.Prim, vals ...int64) *ir.Enum {
	e := &ir.Enum{Common: ir.Common{Name: name}, Complete: true, Underlying: under}
	for i, v := range vals {
		e.Values = append(e.Values, ir.Enumerator{Name: fmt.Sprintf("%s_%d", name, i), Value: v})
	}
	return e
}

func module(decls ...ir.Decl) *ir.Module {
	return &ir.Module{Target: ir.X86_64Linux(), Decls: decls}
}

// typedefFor declares the typedef naming an anonymous record, as the
// front end does.
func typedefFor(r *ir.Record) *ir.Typedef {
	k := ir.RefStruct
	if r.Union {
		k = ir.RefUnion
	}
	return typedef(r.TypedefName, ir.Named(k, r.Name))
}
