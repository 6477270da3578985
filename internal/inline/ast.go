package inline

import "ferry/internal/ir"

// expr is a parsed C expression. Every node records the C type the checker
// gave it, so the emitters never guess.
type expr interface{ ctype() *ir.Type }

type typed struct{ ty *ir.Type }

func (t *typed) ctype() *ir.Type { return t.ty }

type (
	identExpr struct {
		typed
		name string
		// Resolved by the checker: one of param (a parameter or local), a
		// constant value (folded into a literal), or a function name.
		param bool
		cnst  *ir.Const
		enum  bool  // an enumerator: the value is val, the type int
		val   int64 // the enumerator's value
	}
	intLit struct {
		typed
		val  uint64 // the literal's bits
		text string
	}
	floatLit struct {
		typed
		val float64
	}
	strLit struct {
		typed
		text string // with quotes
	}
	unaryExpr struct {
		typed
		op string // - + ! ~ * &
		x  expr
	}
	binaryExpr struct {
		typed
		op   string
		l, r expr
		// conv is the type both operands are converted to (the usual
		// arithmetic conversions); nil for && || and shifts.
		conv *ir.Type
	}
	condExpr struct {
		typed
		c, t, f expr
	}
	castExpr struct {
		typed
		x expr
	}
	callExpr struct {
		typed
		fn   string
		args []expr
		fun  *ir.Function
	}
	memberExpr struct {
		typed
		x     expr
		name  string
		arrow bool
		field *ir.Field
	}
	indexExpr struct {
		typed
		x, i expr
	}
	sizeofExpr struct {
		typed
		of *ir.Type
		// generic is the macro parameter used as a type: sizeof(T).
		generic string
	}
	assignExpr struct {
		typed
		op   string // = += -= ...
		l, r expr
	}
)

// stmt is one statement of a static inline function body.
type stmt struct {
	kind stmtKind
	e    expr
	// declaration: name and type of the local.
	name string
	ty   *ir.Type
}

type stmtKind int

const (
	sExpr stmtKind = iota
	sReturn
	sDecl
)
