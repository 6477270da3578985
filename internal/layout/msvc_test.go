package layout_test

import (
	"fmt"
	"testing"

	"ferry/internal/ir"
)

// msTarget is x86_64 with Microsoft bitfield allocation, which gcc applies
// to records marked ms_struct: the policy can be checked without MSVC.
func msTarget() *ir.Target {
	t := ir.X86_64Linux()
	t.BitfieldMSVC = true
	return t
}

func TestMSBitfieldsAgainstGCC(t *testing.T) {
	t.Run("tricky", func(t *testing.T) { checkWithGCC(t, trickyModule(), msTarget(), true) })
	t.Run("extra", func(t *testing.T) { checkWithGCC(t, extraModule(), msTarget(), true) })
	for _, seed := range seeds() {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			checkWithGCC(t, randomModule(seed, 150), msTarget(), true)
		})
	}
}
