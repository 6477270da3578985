package rustgen

import "io"

// The helper types a file may need, written once at its top. They carry
// no Rust-visible semantics beyond layout; all are Copy.

const bitfieldUnitSrc = `
/// Storage of a run of C bitfields: bytes read and written bit by bit, in
/// the little-endian bit order of the target.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FerryBitfieldUnit<const N: usize>(pub [u8; N]);

impl<const N: usize> FerryBitfieldUnit<N> {
    /// Reads ` + "`width`" + ` bits (at most 64) starting at bit ` + "`offset`" + `.
    #[inline]
    pub const fn get(&self, offset: usize, width: usize) -> u64 {
        let mut v = 0u64;
        let mut i = 0;
        while i < width {
            let bit = offset + i;
            if (self.0[bit / 8] >> (bit % 8)) & 1 != 0 {
                v |= 1 << i;
            }
            i += 1;
        }
        v
    }

    /// Reads ` + "`width`" + ` bits (1 to 64) starting at bit ` + "`offset`" + `, sign-extended.
    #[inline]
    pub const fn get_signed(&self, offset: usize, width: usize) -> i64 {
        let shift = 64 - width;
        ((self.get(offset, width) << shift) as i64) >> shift
    }

    /// Writes the low ` + "`width`" + ` bits of ` + "`v`" + ` starting at bit ` + "`offset`" + `.
    #[inline]
    pub fn set(&mut self, offset: usize, width: usize, v: u64) {
        let mut i = 0;
        while i < width {
            let bit = offset + i;
            let mask = 1u8 << (bit % 8);
            if (v >> i) & 1 != 0 {
                self.0[bit / 8] |= mask;
            } else {
                self.0[bit / 8] &= !mask;
            }
            i += 1;
        }
    }
}
`

const longDoubleSrc = `
/// C ` + "`long double`" + ` (x87 80-bit extended, stored in 16 bytes): Rust has no
/// such float, so only its bytes are kept.
#[repr(C, align(16))]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[allow(non_camel_case_types)]
pub struct ferry_long_double(pub [u8; 16]);
`

const float128Src = `
/// C ` + "`_Float128`" + `: stable Rust has no f128, so only its bytes are kept.
#[repr(C, align(16))]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[allow(non_camel_case_types)]
pub struct ferry_float128(pub [u8; 16]);
`

const float16Src = `
/// C ` + "`_Float16`" + `: stable Rust has no f16, so only its bits are kept.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[allow(non_camel_case_types)]
pub struct ferry_float16(pub u16);
`

func (e *emitter) writeHelpers(out io.StringWriter) {
	if e.needBitfield {
		out.WriteString(bitfieldUnitSrc)
	}
	if e.needHelper[helperLongDouble] {
		out.WriteString(longDoubleSrc)
	}
	if e.needHelper[helperFloat128] {
		out.WriteString(float128Src)
	}
	if e.needHelper[helperFloat16] {
		out.WriteString(float16Src)
	}
}
