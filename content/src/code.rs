//! The access code (SPEC §3.1, P4): 12 random Crockford base-32 symbols (60 bits) and one
//! check symbol, shown as `XXXX-XXXX-XXXX-X`.
//!
//! The check symbol is computed with the Damm algorithm over a totally anti-symmetric
//! quasigroup of order 32 with zero diagonal, `x ∗ y = a·(x ⊕ y)` in GF(2⁵) (polynomial
//! x⁵ + x² + 1, `a = 2`). That catches every single-symbol substitution and every transposition
//! of two adjacent, different symbols, including the last data symbol with the check symbol,
//! so typos are caught in the browser before any request is made.
//!
//! No random-number crate is used (the browser bundle has a size budget): the caller hands in
//! a CSPRNG fill function (`crypto.getRandomValues` in the browser and in workerd).
//!
//! Device-link codes ("continue on another device") are shorter and live 15 minutes: 10
//! symbols of the same alphabet, shown as `XXXXX-XXXXX`, without a check symbol; see
//! [`link_code`] and [`normalise_link_code`].

use std::fmt;

/// The Crockford base-32 alphabet: digits and letters without I, L, O, U.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Random symbols in a code.
pub const DATA_LEN: usize = 12;
/// Symbols in a code, check symbol included.
pub const LEN: usize = DATA_LEN + 1;
/// Symbols in the reference staff see (the first group).
pub const REFERENCE_LEN: usize = 4;
/// Symbols in a device-link code (50 bits; single use, 15 minutes, throttled like codes).
pub const LINK_LEN: usize = 10;

/// `x ∗ y = 2·(x ⊕ y)` in GF(32) with x⁵ + x² + 1. A Latin square with zero diagonal in which
/// `(c ∗ x) ∗ y = (c ∗ y) ∗ x` implies `x = y` (proved exhaustively in the tests).
const fn op(x: u8, y: u8) -> u8 {
    let v = ((x ^ y) & 31) << 1;
    if v & 0x20 != 0 { v ^ 0x25 } else { v }
}

/// Damm interim over symbol values (each < 32), starting at 0.
fn damm(values: impl IntoIterator<Item = u8>) -> u8 {
    values.into_iter().fold(0, op)
}

/// Value (0..32) of a normalised symbol, or None if it is not in the alphabet.
fn value_of(symbol: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == symbol).map(|p| p as u8)
}

/// A syntactically valid access code (check symbol verified). Whether it was ever issued is for
/// the edge to decide.
///
/// `Debug` shows only the reference: a code is a secret (P4) and must not end up in logs.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Code {
    /// The 13 symbols as ASCII bytes from [`ALPHABET`].
    symbols: [u8; LEN],
}

/// Why an input is not a code. The app localises by variant; the messages are English
/// fallbacks fit for a UI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("The code is too short: it has {symbols} of {LEN} symbols.")]
    TooShort { symbols: usize },
    #[error("The code is too long: it has {symbols} symbols, but a code has {LEN}.")]
    TooLong { symbols: usize },
    /// `position` counts code symbols from 1, ignoring spaces and dashes.
    #[error("{symbol:?} (symbol {position}) is not used in codes.")]
    InvalidSymbol { symbol: char, position: usize },
    #[error("The code is not valid: please check it for typos.")]
    CheckFailed,
}

/// Separators a person may type or paste: whitespace, dashes of any kind, zero-width marks.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{200B}'..='\u{200D}' | '\u{FEFF}'
        )
}

impl Code {
    /// Draws a new code from 60 random bits. `fill` must fill the buffer from a CSPRNG.
    pub fn generate(fill: impl FnOnce(&mut [u8; 8])) -> Code {
        let mut buf = [0u8; 8];
        fill(&mut buf);
        let bits = u64::from_le_bytes(buf) >> 4; // 60 bits
        let mut values = [0u8; DATA_LEN];
        for (i, v) in values.iter_mut().enumerate() {
            *v = ((bits >> (5 * (DATA_LEN - 1 - i))) & 31) as u8;
        }
        Code::from_values(values)
    }

    /// The code whose data symbols have these values (each taken mod 32).
    fn from_values(values: [u8; DATA_LEN]) -> Code {
        let mut symbols = [0u8; LEN];
        for (s, v) in symbols.iter_mut().zip(values) {
            *s = ALPHABET[usize::from(v & 31)];
        }
        symbols[DATA_LEN] = ALPHABET[usize::from(damm(values.map(|v| v & 31)))];
        Code { symbols }
    }

    /// Parses user input forgivingly: ignores spaces, dashes and other separators, accepts
    /// lower case, reads O as 0 and I or L as 1. U is not in the alphabet and is rejected.
    /// Errors are reported in this order: invalid symbol, length, check symbol.
    pub fn parse(input: &str) -> Result<Code, CodeError> {
        let mut symbols = Vec::with_capacity(LEN);
        for c in input.chars().filter(|&c| !is_separator(c)) {
            let position = symbols.len() + 1;
            let upper = c.to_ascii_uppercase();
            let mapped = match upper {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            let value = u8::try_from(mapped)
                .ok()
                .filter(|b| b.is_ascii())
                .and_then(value_of);
            match value {
                Some(v) => symbols.push(v),
                None => {
                    return Err(CodeError::InvalidSymbol {
                        symbol: c,
                        position,
                    });
                }
            }
        }
        if symbols.len() < LEN {
            return Err(CodeError::TooShort {
                symbols: symbols.len(),
            });
        }
        if symbols.len() > LEN {
            return Err(CodeError::TooLong {
                symbols: symbols.len(),
            });
        }
        if damm(symbols.iter().copied()) != 0 {
            return Err(CodeError::CheckFailed);
        }
        let mut out = [0u8; LEN];
        for (o, v) in out.iter_mut().zip(symbols) {
            *o = ALPHABET[usize::from(v)];
        }
        Ok(Code { symbols: out })
    }

    /// True when `input` parses as a code.
    pub fn is_valid(input: &str) -> bool {
        Code::parse(input).is_ok()
    }

    fn str_of(bytes: &[u8]) -> &str {
        // Only ASCII bytes from ALPHABET are ever stored.
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    /// The 13 symbols without separators: what the edge HMACs for login lookup (P4).
    pub fn normalised(&self) -> String {
        Code::str_of(&self.symbols).to_owned()
    }

    /// The first group (4 symbols): the non-secret reference staff see.
    pub fn reference(&self) -> String {
        Code::str_of(&self.symbols[..REFERENCE_LEN]).to_owned()
    }
}

/// `XXXX-XXXX-XXXX-X`, the form printed on slips and shown once at issue.
impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.symbols;
        write!(
            f,
            "{}-{}-{}-{}",
            Code::str_of(&s[0..4]),
            Code::str_of(&s[4..8]),
            Code::str_of(&s[8..12]),
            Code::str_of(&s[12..13])
        )
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({}-…)", self.reference())
    }
}

impl std::str::FromStr for Code {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Code, CodeError> {
        Code::parse(s)
    }
}

/// A device-link code, `XXXXX-XXXXX`, from [`LINK_LEN`] random bytes (5 bits of each are used).
pub fn link_code(random: [u8; LINK_LEN]) -> String {
    let symbols: String = random
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect();
    format!("{}-{}", &symbols[..5], &symbols[5..])
}

/// A typed device-link code in the form that is hashed: forgiving like access codes (case,
/// spaces and dashes; O→0, I/L→1), and cut at 32 symbols so that no input is unbounded.
pub fn normalise_link_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .take(32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_codes_use_the_code_alphabet_and_are_forgiving() {
        let code = link_code([0, 1, 2, 3, 31, 32, 33, 255, 30, 10]);
        assert_eq!(code, "0123Z-01ZYA");
        assert_eq!(normalise_link_code(&code), "0123Z01ZYA");
        assert_eq!(normalise_link_code("abcd0-oil12"), "ABCD001112");
        assert_eq!(normalise_link_code(" 12345 - 6789A "), "123456789A");
        assert_eq!(normalise_link_code(&"x".repeat(100)).len(), 32);
    }

    #[test]
    fn quasigroup_is_a_latin_square_with_zero_diagonal() {
        for x in 0..32u8 {
            assert_eq!(op(x, x), 0);
            let mut row = [false; 32];
            let mut col = [false; 32];
            for y in 0..32u8 {
                row[usize::from(op(x, y))] = true;
                col[usize::from(op(y, x))] = true;
            }
            assert!(
                row.iter().all(|&b| b) && col.iter().all(|&b| b),
                "row/column {x}"
            );
        }
    }

    #[test]
    fn quasigroup_is_totally_anti_symmetric() {
        for c in 0..32u8 {
            for x in 0..32u8 {
                for y in 0..32u8 {
                    if x != y {
                        assert_ne!(op(op(c, x), y), op(op(c, y), x), "c={c} x={x} y={y}");
                    }
                }
            }
        }
    }

    #[test]
    fn generate_uses_the_top_60_bits_in_order() {
        let code = Code::generate(|b| *b = u64::MAX.to_le_bytes());
        assert_eq!(&code.normalised()[..12], "ZZZZZZZZZZZZ");
        let code = Code::generate(|b| *b = 0u64.to_le_bytes());
        assert_eq!(code.normalised(), "0000000000000");
        // Only the low 4 bits set: they are dropped.
        let code = Code::generate(|b| *b = 0xFu64.to_le_bytes());
        assert_eq!(code.normalised(), "0000000000000");
        // The lowest kept bit is the last data symbol's lowest bit.
        let code = Code::generate(|b| *b = 0x10u64.to_le_bytes());
        assert_eq!(&code.normalised()[..12], "000000000001");
    }
}
