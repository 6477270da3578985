package cfront

import (
	"strings"

	"modernc.org/cc/v4"

	"ferry/internal/ir"
)

// bodyText returns the source text of a function definition's compound
// statement, braces included, as the file was written (before rewriting):
// internal/inline translates it. When the braces do not come from one file
// (a macro supplies them), the text is rebuilt from the tokens.
func (c *conv) bodyText(cs *cc.CompoundStatement) string {
	if cs == nil {
		return ""
	}
	open, close := cs.Token.Position(), cs.Token2.Position()
	if open.Filename != "" && open.Filename == close.Filename {
		if f := c.fs.file(open.Filename); f != nil {
			s := f.origOffset(open.Line, open.Column)
			e := f.origOffset(close.Line, close.Column)
			if s >= 0 && e > s && f.orig[s] == '{' && f.orig[e] == '}' {
				return string(f.orig[s : e+1])
			}
		}
	}
	// cc/v4 injects `static const char __func__[] = "name";` after the
	// '{': leave those tokens out.
	var toks []cc.Token
	if skipped := cs.SkippedTokens(); skipped != nil || cs.BlockItemList == nil {
		// The body was not parsed (cc.Config.SkipBodies, always set by
		// Load): its tokens are kept, in order, between the braces.
		toks = append(append(append(toks, cs.Token), skipped...), cs.Token2)
	} else {
		toks = cc.NodeTokens(cs)
	}
	if len(toks) > 10 && toks[1].SrcStr() == "static" && toks[4].SrcStr() == "__func__" && toks[9].SrcStr() == ";" {
		toks = append(toks[:1:1], toks[10:]...)
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.Write(t.Sep())
		}
		b.Write(t.Src())
	}
	return b.String()
}

// mergeDef folds a later definition of a function into its first
// declaration: the body, the parameter names the body uses, and static
// inline-ness (a static function's definition may add `inline`).
func mergeDef(first, def *ir.Function) {
	if first.Body != "" || def.Body == "" {
		return
	}
	first.Body = def.Body
	if first.Type != nil && def.Type != nil && len(first.Type.Params) == len(def.Type.Params) {
		for i := range first.Type.Params {
			if n := def.Type.Params[i].Name; n != "" {
				first.Type.Params[i].Name = n
			}
		}
	}
	if first.Attrs.Static || def.Attrs.Static {
		first.Attrs.Static = true
		first.Attrs.Inline = first.Attrs.Inline || def.Attrs.Inline
	}
}
