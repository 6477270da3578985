package safegen

import (
	"bytes"
	"fmt"
	"os/exec"
)

// Rustfmt formats Rust source with the rustfmt on PATH (edition 2021, its
// default style), so the output passes `rustfmt --check`. It returns an
// error when rustfmt is missing or rejects the source; callers may then keep
// the unformatted (valid, deterministic) text.
func Rustfmt(src []byte) ([]byte, error) {
	path, err := exec.LookPath("rustfmt")
	if err != nil {
		return nil, fmt.Errorf("rustfmt not found: %w", err)
	}
	cmd := exec.Command(path, "--edition", "2021", "--emit", "stdout", "--quiet")
	cmd.Stdin = bytes.NewReader(src)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("rustfmt: %v: %s", err, errb.String())
	}
	return out.Bytes(), nil
}
