package main

import (
	"regexp"
	"testing"
)

// Every code is unique, well-formed and explained.
func TestCodesAreDocumented(t *testing.T) {
	seen := map[string]bool{}
	re := regexp.MustCompile(`^[A-Z]\d{3}$`)
	for _, tab := range codeTables() {
		for _, c := range tab {
			if !re.MatchString(c.Code) {
				t.Errorf("code %q: want a letter and three digits", c.Code)
			}
			if seen[c.Code] {
				t.Errorf("code %s is defined twice", c.Code)
			}
			seen[c.Code] = true
			if c.Title == "" || len(c.Explain) < 20 {
				t.Errorf("code %s: needs a title and an explanation of what to do", c.Code)
			}
		}
	}
}
