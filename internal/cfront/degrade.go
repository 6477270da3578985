package cfront

import (
	"bytes"
	"os"
	"strings"

	"modernc.org/cc/v4"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// translate runs cc.Translate and degrades instead of failing on problems
// in system headers:
//
//  1. An error in a primary or companion header, or a missing include, is
//     an input error: returned as a *diag.Diagnostic.
//  2. Errors in system headers: the top-level declarations containing them
//     are blanked out (overlayFS) and Translate runs again, up to
//     maxRetries times, with a B111 warning per dropped declaration.
//  3. If type checking still fails (or errors have no position), the
//     parse-only syntax tree is used (checked=false), with a B114 warning.
func translate(cfg *cc.Config, sources []cc.Source, ofs *overlayFS, primaries, roots []string, diags *diag.List) (ast *cc.AST, checked bool, err error) {
	ast, err = safeTranslate(cfg, sources)
	for round := 0; err != nil; round++ {
		errs := parseErrors(err)
		origin := classify(primaries, roots, ofs.order)
		if d := inputError(errs, origin, primaries); d != nil {
			return nil, false, d
		}
		if round >= maxRetries {
			break
		}
		dropped := locateFailing(cfg, sources, ofs, errs)
		if len(dropped) == 0 {
			break
		}
		for _, d := range dropped {
			ofs.addBlank(d.file, d.start, d.end)
			if isLayoutCheck(d.why) {
				diags.Warnf(d.pos, codeLayoutCheck, "compile-time check dropped (ferry's c type checker does not model packing): %s", d.why)
				continue
			}
			diags.Warnf(d.pos, codeSysDegraded, "declaration in system header dropped: %s", d.why)
		}
		ofs.reset()
		ast, err = safeTranslate(cfg, sources)
	}
	if err == nil {
		return ast, true, nil
	}
	errs := parseErrors(err)
	ofs.reset()
	ast, perr := safeParse(cfg, sources)
	if perr != nil {
		pe := parseErrors(perr)
		origin := classify(primaries, roots, ofs.order)
		if d := inputError(pe, origin, primaries); d != nil {
			return nil, false, d
		}
		first := pe[0]
		return nil, false, &diag.Diagnostic{Severity: diag.Error, Code: codeSysDegraded, Pos: first.pos, Message: "cannot parse a system header: " + first.msg}
	}
	first := errs[0]
	diags.Warnf(first.pos, codeParseOnly, "type checking failed in a system header (%s); declarations are built from the syntax tree alone", first.msg)
	return ast, false, nil
}

// isLayoutCheck reports whether a cc/v4 error is a failed compile-time
// check (`_Static_assert`, or the negative array size idiom). cc/v4 lays
// out records without packed or #pragma pack, so a header that checks the
// size of a packed record fails in cc/v4 and not in GCC. ferry's own layout
// engine lays the records out; the check itself is dropped, with B116.
func isLayoutCheck(msg string) bool {
	return strings.HasPrefix(msg, "assertion failed") || strings.HasPrefix(msg, "invalid array size")
}

// inputError returns the diagnostic for the first error that is the user's:
// in a primary or companion header, or a missing include. Failed
// compile-time checks are not the user's (see isLayoutCheck).
func inputError(errs []ccError, origin map[string]ir.Origin, primaries []string) *diag.Diagnostic {
	isPrimary := map[string]bool{}
	for _, p := range primaries {
		isPrimary[p] = true
	}
	for _, e := range errs {
		if strings.Contains(e.msg, "include file not found") {
			name := strings.TrimSpace(e.msg[strings.Index(e.msg, "include file not found")+len("include file not found"):])
			name = strings.TrimPrefix(name, ":")
			return &diag.Diagnostic{Severity: diag.Error, Code: codeMissing, Pos: e.pos, Message: "include file not found:" + name}
		}
		if e.pos.File == eofSentinelName && len(primaries) > 0 {
			return &diag.Diagnostic{Severity: diag.Error, Code: codeSyntax, Pos: endOf(primaries[len(primaries)-1]),
				Message: "unexpected end of file: the last declaration is incomplete"}
		}
		if e.pos.File == "" || isLayoutCheck(e.msg) {
			continue
		}
		if o, ok := origin[e.pos.File]; ok && o != ir.FromSystem || isPrimary[e.pos.File] {
			return &diag.Diagnostic{Severity: diag.Error, Code: codeSyntax, Pos: e.pos, Message: e.msg}
		}
	}
	return nil
}

// dropRange is a failing declaration to blank out.
type dropRange struct {
	file       string
	start, end int
	pos        diag.Pos
	why        string
}

// locateFailing maps error positions to the top-level declarations that
// contain them, using a parse-only syntax tree, or (when even parsing
// fails) the source lines around the error.
func locateFailing(cfg *cc.Config, sources []cc.Source, ofs *overlayFS, errs []ccError) (r []dropRange) {
	byFile := map[string][]ccError{}
	for _, e := range errs {
		if e.pos.File != "" && !strings.HasPrefix(e.pos.File, "<") {
			byFile[e.pos.File] = append(byFile[e.pos.File], e)
		}
	}
	if len(byFile) == 0 {
		return nil
	}
	ofs.reset()
	ast, perr := safeParse(cfg, sources)
	seen := map[[2]int]bool{}
	add := func(d dropRange) {
		k := [2]int{d.start, d.end}
		if !seen[k] && d.end > d.start {
			seen[k] = true
			r = append(r, d)
		}
	}
	if perr != nil {
		for _, e := range parseErrors(perr) {
			if f := ofs.file(e.pos.File); f != nil {
				if s, end, ok := lineRange(f, e.pos.Line); ok {
					add(dropRange{file: f.name, start: s, end: end, pos: e.pos, why: e.msg})
				}
			}
		}
		return r
	}
	// The last top-level declaration starting at or before each error.
	for l := ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		if ed == nil {
			continue
		}
		p := ed.Position()
		es := byFile[p.Filename]
		if len(es) == 0 {
			continue
		}
		toks := []cc.Token(nil)
		for _, e := range es {
			if e.pos.Line < p.Line || e.pos.Line == p.Line && e.pos.Col < p.Column {
				continue
			}
			if toks == nil {
				toks = cc.NodeTokens(ed)
			}
			if len(toks) == 0 {
				continue
			}
			last := toks[len(toks)-1].Position()
			if last.Filename != p.Filename || e.pos.Line > last.Line || e.pos.Line == last.Line && e.pos.Col > last.Column {
				continue
			}
			add(dropRange{file: p.Filename, start: p.Offset, end: last.Offset + len(toks[len(toks)-1].Src()), pos: diag.Pos{File: p.Filename, Line: p.Line, Col: p.Column}, why: e.msg})
		}
	}
	return r
}

// lineRange guesses the statement around a line that does not parse: back
// to the line after the previous one ending in ';' or '}' (or a directive),
// forward to the first line ending in ';'.
func lineRange(f *srcFile, line int) (start, end int, ok bool) {
	lineText := func(l int) []byte {
		s := f.offset(l, 1)
		if s < 0 {
			return nil
		}
		e := bytes.IndexByte(f.text[s:], '\n')
		if e < 0 {
			return f.text[s:]
		}
		return f.text[s : s+e]
	}
	if f.offset(line, 1) < 0 {
		return 0, 0, false
	}
	first := line
	for l := line - 1; l >= 1 && line-l < 200; l-- {
		t := bytes.TrimSpace(lineText(l))
		if bytes.HasSuffix(t, []byte(";")) || bytes.HasSuffix(t, []byte("}")) || bytes.HasPrefix(t, []byte("#")) {
			break
		}
		first = l
	}
	last := line
	for l := line; l-line < 200; l++ {
		t := lineText(l)
		if t == nil {
			break
		}
		last = l
		if bytes.HasSuffix(bytes.TrimSpace(t), []byte(";")) {
			break
		}
	}
	s := f.offset(first, 1)
	e := f.offset(last, 1) + len(lineText(last))
	return s, e, e > s
}

// endOf is the position just past the last line of a file.
func endOf(path string) diag.Pos {
	data, err := os.ReadFile(path)
	if err != nil {
		return diag.Pos{File: path}
	}
	line := 1 + bytes.Count(data, []byte("\n"))
	col := len(data) - bytes.LastIndexByte(data, '\n')
	return diag.Pos{File: path, Line: line, Col: col}
}
