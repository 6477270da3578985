package cfront

import (
	"reflect"
	"sort"
	"strings"
	"sync"

	"modernc.org/cc/v4"
)

// nodeTokens returns the tokens of a syntax tree node in source order, the
// same list as cc.NodeTokens, without its per-node reflection cost: the
// exported fields to visit are worked out once per node type (tokenPlan)
// and tokens are read through pointers, not boxed. gtk/gtk.h has about a
// thousand macro-generated inline functions whose bodies are rebuilt from
// tokens (bodyText); cc.NodeTokens was a fifth of ferry's own work there.
func nodeTokens(n cc.Node) (r []cc.Token) {
	if n == nil {
		return nil
	}
	v := reflect.ValueOf(n)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	if !v.CanAddr() {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	if v.Type() == tokenType {
		if t := v.Addr().Interface().(*cc.Token); t.Seq() != 0 {
			r = append(r, *t)
		}
	} else {
		collectTokens(v, &r)
	}
	// The order of visits and the sort are cc.NodeTokens's, so tokens with
	// equal sequence numbers (if any) come out in the same order.
	sort.Slice(r, func(i, j int) bool { return r[i].Seq() < r[j].Seq() })
	return r
}

var (
	tokenType = reflect.TypeFor[cc.Token]()
	nodeType  = reflect.TypeFor[cc.Node]()
)

const (
	fieldToken     = iota // a Token field named Token*: appended if its seq is set
	fieldTokenIntf        // an interface field named Token*: appended if it holds a Token
	fieldPtr              // a pointer to a node: visited when not nil
	fieldStruct           // a struct node held by value (a Token: appended)
	fieldIntf             // an interface: visited when it holds a node
)

type fieldPlan struct {
	index int
	kind  int
}

var tokenPlans sync.Map // reflect.Type (struct) → []fieldPlan

// tokenPlan lists the fields of struct type t that cc.NodeTokens visits:
// exported ones, Token* fields for their token, the others when they hold
// a Node.
func tokenPlan(t reflect.Type) []fieldPlan {
	if p, ok := tokenPlans.Load(t); ok {
		return p.([]fieldPlan)
	}
	var plan []fieldPlan
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		ft := f.Type
		if strings.HasPrefix(f.Name, "Token") {
			switch {
			case ft == tokenType:
				plan = append(plan, fieldPlan{i, fieldToken})
			case ft.Kind() == reflect.Interface:
				plan = append(plan, fieldPlan{i, fieldTokenIntf})
			}
			continue
		}
		switch {
		case ft.Kind() == reflect.Interface:
			plan = append(plan, fieldPlan{i, fieldIntf})
		case !ft.Implements(nodeType):
		case ft.Kind() == reflect.Pointer:
			if ft.Elem().Kind() == reflect.Struct && ft.Elem() != tokenType {
				plan = append(plan, fieldPlan{i, fieldPtr})
			}
		case ft.Kind() == reflect.Struct:
			plan = append(plan, fieldPlan{i, fieldStruct})
		}
	}
	tokenPlans.Store(t, plan)
	return plan
}

// collectTokens appends the tokens under the addressable struct v.
func collectTokens(v reflect.Value, a *[]cc.Token) {
	for _, fp := range tokenPlan(v.Type()) {
		f := v.Field(fp.index)
		switch fp.kind {
		case fieldToken:
			if t := f.Addr().Interface().(*cc.Token); t.Seq() != 0 {
				*a = append(*a, *t)
			}
		case fieldTokenIntf:
			if t, ok := f.Interface().(cc.Token); ok && t.Seq() != 0 {
				*a = append(*a, t)
			}
		case fieldPtr:
			if !f.IsNil() {
				collectTokens(f.Elem(), a)
			}
		case fieldStruct:
			collectValue(f, a)
		case fieldIntf:
			if f.IsNil() {
				continue
			}
			d := f.Elem()
			if !d.Type().Implements(nodeType) {
				continue
			}
			if d.Kind() == reflect.Pointer {
				if d.IsNil() || d.Elem().Kind() != reflect.Struct || d.Type().Elem() == tokenType {
					continue
				}
				collectTokens(d.Elem(), a)
				continue
			}
			if d.Kind() == reflect.Struct {
				c := reflect.New(d.Type()).Elem()
				c.Set(d)
				collectValue(c, a)
			}
		}
	}
}

// collectValue visits a struct node held by value (addressable).
func collectValue(v reflect.Value, a *[]cc.Token) {
	if v.Type() == tokenType {
		if t := v.Addr().Interface().(*cc.Token); t.Seq() != 0 {
			*a = append(*a, *t)
		}
		return
	}
	collectTokens(v, a)
}
