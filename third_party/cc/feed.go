// Copyright 2026 The ferry Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package cc // import "modernc.org/cc/v4"

import "fmt"

// feedBatchSize is the number of tokens the preprocessor hands to the
// parser at a time under Config.Concurrent.
const feedBatchSize = 1024

// feedError is an error the preprocessor reported before the token at
// index at of its batch was produced.
type feedError struct {
	at  int
	msg string
}

type feedBatch struct {
	toks     []Token
	errs     []feedError
	panicked interface{} // non-nil: the preprocessor panicked after toks
}

// tokenFeed runs the preprocessor in its own goroutine (Config.Concurrent):
// the parser consumes the tokens in batches while the preprocessor makes
// the next ones. The preprocessor's errors travel with the tokens and are
// reported when the parser reaches the token they precede, so the error
// list is the same as when one goroutine does both. The parser does not
// touch the preprocessor's state until the feed is done, and tokens never
// share a growing buffer (Token.Set copies into a source of its own).
type tokenFeed struct {
	ch   chan *feedBatch
	free chan *feedBatch
	stop chan struct{}
	done chan struct{}

	cur *feedBatch
	i   int // next token of cur
	e   int // next error of cur
	eof Token
	end bool
}

func newTokenFeed(c *cpp) *tokenFeed {
	f := &tokenFeed{
		ch:   make(chan *feedBatch, 4),
		free: make(chan *feedBatch, 8),
		stop: make(chan struct{}),
		done: make(chan struct{}),
	}
	go f.produce(c)
	return f
}

func (f *tokenFeed) batch() *feedBatch {
	select {
	case b := <-f.free:
		b.toks, b.errs = b.toks[:0], b.errs[:0]
		return b
	default:
		return &feedBatch{toks: make([]Token, 0, feedBatchSize)}
	}
}

func (f *tokenFeed) send(b *feedBatch) bool {
	select {
	case f.ch <- b:
		return true
	case <-f.stop:
		return false
	}
}

func (f *tokenFeed) produce(c *cpp) {
	defer close(f.done)
	b := f.batch()
	c.eh = func(msg string, args ...interface{}) {
		b.errs = append(b.errs, feedError{len(b.toks), fmt.Sprintf(msg, args...)})
	}
	defer func() {
		if e := recover(); e != nil {
			b.panicked = e
			f.send(b)
		}
	}()
	for {
		c.rune()
		t := c.shift()
		b.toks = append(b.toks, t)
		if t.Ch == eof {
			f.send(b)
			return
		}
		if len(b.toks) == feedBatchSize {
			if !f.send(b) {
				return
			}
			b = f.batch()
		}
	}
}

// next returns the next token, reporting through eh the preprocessor's
// errors that came before it. After EOF it returns EOF again.
func (f *tokenFeed) next(eh errHandler) Token {
	for {
		if f.end {
			return f.eof
		}
		b := f.cur
		if b == nil {
			b = <-f.ch
			f.cur, f.i, f.e = b, 0, 0
		}
		for f.e < len(b.errs) && b.errs[f.e].at <= f.i {
			eh("%s", b.errs[f.e].msg)
			f.e++
		}
		if f.i < len(b.toks) {
			t := b.toks[f.i]
			f.i++
			if t.Ch == eof {
				f.eof, f.end = t, true
			}
			return t
		}
		if b.panicked != nil {
			panic(b.panicked)
		}
		f.cur = nil
		select {
		case f.free <- b:
		default:
		}
	}
}

// close ends the feed. wait: until the preprocessor goroutine has returned,
// so its state can be used again (not after a panic: the goroutine stops at
// its next batch on its own).
func (f *tokenFeed) close(wait bool) {
	close(f.stop)
	if wait {
		<-f.done
	}
}
