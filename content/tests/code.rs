//! The access-code format: generation, forgiving parsing, display, reference, and that the
//! check symbol catches every single-symbol error and every adjacent transposition.

use content::code::{ALPHABET, Code, CodeError, LEN};
use proptest::prelude::*;

fn code_from(bytes: [u8; 8]) -> Code {
    Code::generate(|b| *b = bytes)
}

fn sym(v: u8) -> char {
    ALPHABET[usize::from(v)] as char
}

/// Every single-symbol substitution at every position of `code` fails the check.
fn assert_substitutions_caught(code: &Code) {
    let s: Vec<char> = code.normalised().chars().collect();
    for pos in 0..LEN {
        for v in 0..32u8 {
            let c = sym(v);
            if c == s[pos] {
                continue;
            }
            let mut t = s.clone();
            t[pos] = c;
            let typo: String = t.iter().collect();
            assert_eq!(
                Code::parse(&typo),
                Err(CodeError::CheckFailed),
                "{code} → {typo}"
            );
        }
    }
}

/// Every transposition of two adjacent, different symbols (check symbol included) fails.
fn assert_transpositions_caught(code: &Code) {
    let s: Vec<char> = code.normalised().chars().collect();
    for pos in 0..LEN - 1 {
        if s[pos] == s[pos + 1] {
            continue;
        }
        let mut t = s.clone();
        t.swap(pos, pos + 1);
        let typo: String = t.iter().collect();
        assert_eq!(
            Code::parse(&typo),
            Err(CodeError::CheckFailed),
            "{code} → {typo}"
        );
    }
}

#[test]
fn generated_code_has_display_form_normalised_form_and_reference() {
    let code = code_from([0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0]);
    let shown = code.to_string();
    assert_eq!(shown.len(), 16);
    let groups: Vec<&str> = shown.split('-').collect();
    assert_eq!(
        groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
        [4, 4, 4, 1]
    );
    assert_eq!(code.normalised(), shown.replace('-', ""));
    assert_eq!(code.reference(), groups[0]);
    assert!(code.normalised().bytes().all(|b| ALPHABET.contains(&b)));
    assert_eq!(Code::parse(&shown), Ok(code.clone()));
    assert_eq!(Code::parse(&code.normalised()), Ok(code));
}

#[test]
fn a_known_code_round_trips() {
    // All-zero data: every interim is 0, so the check symbol is 0 too.
    let code = Code::parse("0000-0000-0000-0").unwrap();
    assert_eq!(code.to_string(), "0000-0000-0000-0");
    let all_z = code_from(u64::MAX.to_le_bytes());
    assert!(all_z.to_string().starts_with("ZZZZ-ZZZZ-ZZZZ-"));
    assert_eq!(all_z.reference(), "ZZZZ");
}

#[test]
fn debug_output_hides_the_secret_part() {
    let code = code_from([9, 8, 7, 6, 5, 4, 3, 2]);
    let debug = format!("{code:?}");
    assert!(debug.contains(&code.reference()));
    assert!(!debug.contains(&code.normalised()[4..]), "{debug}");
}

#[test]
fn input_is_forgiving_about_case_spaces_and_dashes() {
    let code = code_from([1, 2, 3, 4, 5, 6, 7, 8]);
    let n = code.normalised();
    let variants = [
        n.to_lowercase(),
        format!("  {}  {}\t{}\n{} ", &n[0..4], &n[4..8], &n[8..12], &n[12..]),
        format!("{}–{}—{}-{}", &n[0..4], &n[4..8], &n[8..12], &n[12..]),
        n.chars().map(|c| format!("{c} ")).collect::<String>(),
        format!("\u{FEFF}{}", code),
    ];
    for v in variants {
        assert_eq!(Code::parse(&v), Ok(code.clone()), "{v:?}");
    }
}

#[test]
fn o_reads_as_0_and_i_and_l_read_as_1() {
    // Find generated codes containing 0 and 1 and type them with the look-alike letters.
    let mut seen_0 = false;
    let mut seen_1 = false;
    for seed in 0u64..2000 {
        let code = code_from(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).to_le_bytes());
        let n = code.normalised();
        if n.contains('0') {
            seen_0 = true;
            assert_eq!(Code::parse(&n.replace('0', "O")), Ok(code.clone()));
            assert_eq!(Code::parse(&n.replace('0', "o")), Ok(code.clone()));
        }
        if n.contains('1') {
            seen_1 = true;
            assert_eq!(Code::parse(&n.replace('1', "I")), Ok(code.clone()));
            assert_eq!(Code::parse(&n.replace('1', "l")), Ok(code.clone()));
            assert_eq!(Code::parse(&n.replace('1', "L")), Ok(code.clone()));
        }
    }
    assert!(seen_0 && seen_1);
}

#[test]
fn u_and_other_symbols_are_rejected_with_their_position() {
    assert_eq!(
        Code::parse("ABCU-0000-0000-0"),
        Err(CodeError::InvalidSymbol {
            symbol: 'U',
            position: 4
        })
    );
    assert_eq!(
        Code::parse("abcu"),
        Err(CodeError::InvalidSymbol {
            symbol: 'u',
            position: 4
        })
    );
    assert_eq!(
        Code::parse("00-0!"),
        Err(CodeError::InvalidSymbol {
            symbol: '!',
            position: 4
        })
    );
    assert_eq!(
        Code::parse("ÆØÅ"),
        Err(CodeError::InvalidSymbol {
            symbol: 'Æ',
            position: 1
        })
    );
    let msg = Code::parse("ABCU").unwrap_err().to_string();
    assert!(msg.contains("'U'") && msg.contains("symbol 4"), "{msg}");
}

#[test]
fn length_errors_count_the_symbols() {
    assert_eq!(Code::parse(""), Err(CodeError::TooShort { symbols: 0 }));
    assert_eq!(Code::parse(" - "), Err(CodeError::TooShort { symbols: 0 }));
    assert_eq!(
        Code::parse("0000-0000-0000"),
        Err(CodeError::TooShort { symbols: 12 })
    );
    assert_eq!(
        Code::parse("0000-0000-0000-00"),
        Err(CodeError::TooLong { symbols: 14 })
    );
    assert!(
        Code::parse("0000-0000-0000")
            .unwrap_err()
            .to_string()
            .contains("12 of 13")
    );
}

#[test]
fn every_single_substitution_and_adjacent_transposition_is_caught_exhaustively_for_sample_codes() {
    // A spread of codes, including ones with repeated and extreme symbols.
    let mut codes = vec![code_from([0; 8]), code_from([0xFF; 8])];
    for seed in 0u64..300 {
        codes.push(code_from(
            seed.wrapping_mul(0xD134_2543_DE82_EF95)
                .wrapping_add(seed)
                .to_le_bytes(),
        ));
    }
    for code in &codes {
        assert_substitutions_caught(code);
        assert_transpositions_caught(code);
    }
}

#[test]
fn transposing_the_last_data_symbol_with_the_check_symbol_is_caught() {
    let mut tested = 0;
    for seed in 0u64..500 {
        let code = code_from(seed.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
        let mut s: Vec<char> = code.normalised().chars().collect();
        if s[11] == s[12] {
            continue;
        }
        s.swap(11, 12);
        let typo: String = s.into_iter().collect();
        assert_eq!(Code::parse(&typo), Err(CodeError::CheckFailed), "{code}");
        tested += 1;
    }
    assert!(tested > 400);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_generated_code_parses_back_from_its_display_form(bytes in any::<[u8; 8]>()) {
        let code = code_from(bytes);
        prop_assert_eq!(Code::parse(&code.to_string()), Ok(code.clone()));
        prop_assert_eq!(Code::parse(&code.normalised().to_lowercase()), Ok(code));
    }

    #[test]
    fn any_single_substitution_is_caught(bytes in any::<[u8; 8]>(), pos in 0..LEN, delta in 1u8..32) {
        let code = code_from(bytes);
        let mut s: Vec<u8> = code.normalised().into_bytes();
        let v = ALPHABET.iter().position(|&a| a == s[pos]).unwrap() as u8;
        s[pos] = ALPHABET[usize::from((v + delta) % 32)];
        let typo = String::from_utf8(s).unwrap();
        prop_assert_eq!(Code::parse(&typo), Err(CodeError::CheckFailed));
    }

    #[test]
    fn any_adjacent_transposition_is_caught(bytes in any::<[u8; 8]>(), pos in 0..LEN - 1) {
        let code = code_from(bytes);
        let mut s: Vec<u8> = code.normalised().into_bytes();
        prop_assume!(s[pos] != s[pos + 1]);
        s.swap(pos, pos + 1);
        let typo = String::from_utf8(s).unwrap();
        prop_assert_eq!(Code::parse(&typo), Err(CodeError::CheckFailed));
    }

    #[test]
    fn random_input_never_panics(input in ".{0,40}") {
        let _ = Code::parse(&input);
    }

    #[test]
    fn generation_uses_all_60_bits(bytes in any::<[u8; 8]>(), bit in 4u32..64) {
        // Flipping any of the 60 used bits changes the code.
        let a = code_from(bytes);
        let flipped = (u64::from_le_bytes(bytes) ^ (1u64 << bit)).to_le_bytes();
        prop_assert_ne!(a, code_from(flipped));
    }
}
