// Command sweep loads one header with cfront and prints a one-line verdict
// (throwaway robustness harness; see the cfront follow-up report).
package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"ferry/internal/cfront"
	"ferry/internal/diag"
)

func main() {
	h := os.Args[1]
	var dl diag.List
	m, err := cfront.Load(cfront.Options{Headers: []string{h}}, &dl)
	if err != nil {
		var d *diag.Diagnostic
		code := "?"
		if errors.As(err, &d) {
			code = d.Code
		}
		fmt.Printf("ERROR\t%s\t%s\t%s\n", h, code, oneLine(err.Error()))
		return
	}
	codes := map[string]int{}
	var first []string
	for _, d := range dl.Items {
		codes[d.Code]++
		if len(first) < 3 && (d.Code == "B111" || d.Code == "B113" || d.Code == "B114") {
			first = append(first, d.Code+" "+oneLine(d.String()))
		}
	}
	var cs []string
	for c, n := range codes {
		cs = append(cs, fmt.Sprintf("%s=%d", c, n))
	}
	sort.Strings(cs)
	verdict := "OK"
	if codes["B111"]+codes["B113"]+codes["B114"] > 0 {
		verdict = "WARN"
	}
	fmt.Printf("%s\t%s\tdecls=%d\t%s\t%s\n", verdict, h, len(m.Decls), strings.Join(cs, ","), strings.Join(first, " | "))
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 300 {
		s = s[:300]
	}
	return s
}
