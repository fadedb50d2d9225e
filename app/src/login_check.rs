//! Live feedback on a typed access code, before any request (SPEC §3.1), and the wait after a
//! 429. Pure; the texts are in `i18n`.

use content::code::{Code, CodeError, LEN};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    /// A character codes never use (e.g. U, or a symbol).
    BadSymbol {
        symbol: char,
        position: usize,
    },
    TooShort,
    TooLong,
    /// All 13 symbols there, but the check symbol does not match: a typo.
    Typo,
}

/// `finished`: the user left the field or pressed log in, so a short code is a problem too.
/// While typing, only what is already certainly wrong is flagged.
pub fn check(input: &str, finished: bool) -> Option<CodeProblem> {
    match Code::parse(input) {
        Ok(_) => None,
        Err(CodeError::InvalidSymbol { symbol, position }) => {
            Some(CodeProblem::BadSymbol { symbol, position })
        }
        Err(CodeError::TooShort { symbols }) => {
            (finished && (symbols > 0 || !input.trim().is_empty())).then_some(CodeProblem::TooShort)
        }
        Err(CodeError::TooLong { .. }) => Some(CodeProblem::TooLong),
        Err(CodeError::CheckFailed) => Some(CodeProblem::Typo),
    }
}

/// True when the field holds nothing but separators.
pub fn is_blank(input: &str) -> bool {
    input.chars().all(|c| c.is_whitespace() || c == '-')
}

/// Seconds from a Retry-After header as whole minutes for messages (at least 1).
pub fn wait_minutes(retry_after_secs: u32) -> u32 {
    retry_after_secs.div_ceil(60).max(1)
}

pub const CODE_LEN: usize = LEN;

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> String {
        Code::generate(|b| *b = [3, 1, 4, 1, 5, 9, 2, 6]).to_string()
    }

    #[test]
    fn a_valid_code_in_any_form_is_fine() {
        let code = good();
        assert_eq!(check(&code, true), None);
        assert_eq!(check(&code.to_lowercase().replace('-', " "), true), None);
    }

    #[test]
    fn a_typo_is_caught_before_any_request() {
        let code = good();
        let last = code.chars().last().unwrap();
        let other = if last == '0' { '1' } else { '0' };
        let typo = format!("{}{}", &code[..code.len() - 1], other);
        assert_eq!(check(&typo, false), Some(CodeProblem::Typo));
    }

    #[test]
    fn short_codes_wait_until_the_user_is_done() {
        assert_eq!(check("ABCD-EF", false), None);
        assert_eq!(check("ABCD-EF", true), Some(CodeProblem::TooShort));
        assert_eq!(check("", false), None);
        assert!(matches!(
            check("ABCU", false),
            Some(CodeProblem::BadSymbol {
                symbol: 'U',
                position: 4
            })
        ));
        assert_eq!(
            check(&format!("{}ZZ", good()), false),
            Some(CodeProblem::TooLong)
        );
    }

    #[test]
    fn waits_round_up_to_minutes() {
        assert_eq!(wait_minutes(1), 1);
        assert_eq!(wait_minutes(60), 1);
        assert_eq!(wait_minutes(61), 2);
        assert!(is_blank(" - "));
        assert_eq!(CODE_LEN, 13);
    }
}
