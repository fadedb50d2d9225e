//! Issued codes, shown once: the non-secret reference of a code and the CSV download. Pure.

/// The reference staff see in the overview: the first group of the code (P4).
pub fn reference(code: &str) -> &str {
    code.split('-').next().unwrap_or(code)
}

/// `reference,code` with a header line and CRLF line ends (RFC 4180). Codes and references use
/// only letters, digits and dashes, so nothing needs quoting; anything else is quoted anyway.
pub fn csv(codes: &[String]) -> String {
    let mut out = String::from("reference,code\r\n");
    for code in codes {
        out.push_str(&field(reference(code)));
        out.push(',');
        out.push_str(&field(code));
        out.push_str("\r\n");
    }
    out
}

fn field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// File name of the CSV: `mestring-koder-YYYY-MM-DD.csv` (date given, UTC).
pub fn csv_name(date: &str) -> String {
    format!("mestring-koder-{date}.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_is_the_first_group() {
        assert_eq!(reference("ABCD-EFGH-JKMN-P"), "ABCD");
        assert_eq!(reference("ABCD"), "ABCD");
    }

    #[test]
    fn csv_has_a_header_and_one_line_per_code() {
        let codes = vec!["ABCD-EFGH-JKMN-P".to_owned(), "WXYZ-2345-6789-Q".to_owned()];
        assert_eq!(
            csv(&codes),
            "reference,code\r\nABCD,ABCD-EFGH-JKMN-P\r\nWXYZ,WXYZ-2345-6789-Q\r\n"
        );
        assert_eq!(csv(&[]), "reference,code\r\n");
        assert_eq!(field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_name("2025-03-01"), "mestring-koder-2025-03-01.csv");
    }
}
