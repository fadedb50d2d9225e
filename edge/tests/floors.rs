//! The floors of the edge (ARCHITECTURE.md, "The edge in floors"): every `.rs` file under
//! `edge/src` stands on the floor of its folder, `ground/` = 1, `records/` = 2, `handlers/` = 3,
//! and a file directly in `src` (`lib.rs`, `routes.rs`) on the top floor, 4. A file may import
//! only its own floor and those below; a handler imports no other handler; and within a floor
//! no files import each other in a circle. This test reads every `crate::` and `super::` path
//! (in `use` trees and in code, comments and strings left out) and names the file, the line
//! and the import that breaks a rule. The checker is tested on small examples first, so it is
//! shown to fail when it should.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Floor {
    Ground = 1,
    Records = 2,
    Handlers = 3,
    Top = 4,
}

impl Floor {
    /// The floor of a file, by its path under `src` (`/`-separated); `None` for a folder that
    /// is no floor.
    fn of(path: &str) -> Option<Floor> {
        match path.split_once('/') {
            None => Some(Floor::Top),
            Some(("ground", _)) => Some(Floor::Ground),
            Some(("records", _)) => Some(Floor::Records),
            Some(("handlers", _)) => Some(Floor::Handlers),
            Some(_) => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Floor::Ground => "ground",
            Floor::Records => "records",
            Floor::Handlers => "handlers",
            Floor::Top => "top",
        }
    }
}

/// The module path of a file: `ground/ctx.rs` → `ground::ctx`, `ground/mod.rs` → `ground`,
/// `lib.rs` → the crate root (empty).
fn module_of(path: &str) -> Vec<String> {
    let stem = path.strip_suffix(".rs").unwrap_or(path);
    let mut parts: Vec<String> = stem.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Path, // ::
    Open,
    Close,
    Comma,
    Star,
    Other(char),
}

/// Where the body of a string literal starting at `i` begins, and for a raw string its number
/// of `#`; `None` when no string literal starts there.
fn string_start(chars: &[char], i: usize) -> Option<(usize, Option<usize>)> {
    let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
    if i > 0 && (at(i - 1).is_alphanumeric() || at(i - 1) == '_') {
        return None; // inside an identifier
    }
    let mut j = i;
    if matches!(at(j), 'b' | 'c') {
        j += 1;
    }
    let raw = at(j) == 'r';
    if raw {
        j += 1;
    }
    let mut hashes = 0;
    while raw && at(j) == '#' {
        hashes += 1;
        j += 1;
    }
    (at(j) == '"').then_some((j + 1, raw.then_some(hashes)))
}

/// Tokens with their line numbers; comments, strings and char literals are left out.
fn tokens(source: &str) -> Vec<(usize, Tok)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if let Some((body, hashes)) = string_start(&chars, i) {
            // "…", b"…", c"…", and raw r"…", r#"…"#, br#"…"#, …
            let mut j = body;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (1..=hashes.unwrap_or(0)).all(|k| at(j + k) == '#') => {
                        j += 1 + hashes.unwrap_or(0);
                        break;
                    }
                    Some('\\') if hashes.is_none() => {
                        if at(j + 1) == '\n' {
                            line += 1;
                        }
                        j += 2;
                    }
                    Some('\n') => {
                        line += 1;
                        j += 1;
                    }
                    Some(_) => j += 1,
                }
            }
            i = j;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\'', '\u{…}'), or else a lifetime or label ('a).
            if at(i + 1) == '\\' {
                let mut j = i + 3;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((line, Tok::Ident(chars[start..i].iter().collect())));
        } else if c == ':' && at(i + 1) == ':' {
            out.push((line, Tok::Path));
            i += 2;
        } else {
            out.push((
                line,
                match c {
                    '{' => Tok::Open,
                    '}' => Tok::Close,
                    ',' => Tok::Comma,
                    '*' => Tok::Star,
                    other => Tok::Other(other),
                },
            ));
            i += 1;
        }
    }
    out
}

/// One path a file names: the line where it starts and its segments from the crate root.
#[derive(Debug, Clone, PartialEq)]
struct Import {
    line: usize,
    path: Vec<String>,
}

impl Import {
    fn text(&self) -> String {
        let mut s = String::from("crate");
        for p in &self.path {
            s.push_str("::");
            s.push_str(p);
        }
        s
    }
}

/// Reads the rest of a path after `prefix::` at `pos` (just past the `::`): a name, more
/// `::`, a `{…}` group of paths, or `*`. Returns every leaf and the position after the path.
fn path_tree(
    toks: &[(usize, Tok)],
    mut pos: usize,
    mut prefix: Vec<String>,
    line: usize,
) -> (Vec<Import>, usize) {
    let mut line = line;
    loop {
        match toks.get(pos) {
            Some((l, Tok::Ident(name))) => {
                // `self` in a group names the prefix itself.
                if name != "self" {
                    prefix.push(name.clone());
                }
                line = line.min(*l);
                pos += 1;
                if toks.get(pos).map(|t| &t.1) == Some(&Tok::Path) {
                    pos += 1;
                    continue;
                }
                return (vec![Import { line, path: prefix }], pos);
            }
            Some((_, Tok::Star)) => return (vec![Import { line, path: prefix }], pos + 1),
            Some((_, Tok::Open)) => {
                pos += 1;
                let mut leaves = Vec::new();
                loop {
                    match toks.get(pos) {
                        None => return (leaves, pos),
                        Some((_, Tok::Close)) => return (leaves, pos + 1),
                        Some((_, Tok::Comma)) => pos += 1,
                        Some((l, _)) => {
                            let (inner, next) = path_tree(toks, pos, prefix.clone(), *l);
                            leaves.extend(inner);
                            // Skip what follows a leaf inside the group (`as alias`).
                            pos = next;
                            while let Some((_, t)) = toks.get(pos) {
                                if matches!(t, Tok::Comma | Tok::Close) {
                                    break;
                                }
                                pos += 1;
                            }
                        }
                    }
                }
            }
            _ => return (vec![Import { line, path: prefix }], pos),
        }
    }
}

/// Every `crate::…` and `super::…` path of a file whose module path is `module`, resolved to
/// segments from the crate root. `super` counts inline modules (`mod tests { use super::*; }`
/// means the file's own module).
fn imports(module: &[String], source: &str) -> Vec<Import> {
    let toks = tokens(source);
    let mut out = Vec::new();
    // Inline modules open at this brace depth.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut pos = 0;
    while pos < toks.len() {
        let (line, tok) = &toks[pos];
        match tok {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Tok::Ident(kw) if kw == "mod" => {
                if let (Some((_, Tok::Ident(name))), Some((_, Tok::Open))) =
                    (toks.get(pos + 1), toks.get(pos + 2))
                {
                    inline.push((name.clone(), depth));
                }
            }
            Tok::Ident(root) if root == "crate" || root == "super" => {
                let after_path = toks.get(pos + 1).map(|t| &t.1) == Some(&Tok::Path);
                let preceded_by_path = pos > 0 && toks[pos - 1].1 == Tok::Path;
                if after_path && !preceded_by_path {
                    let mut here: Vec<String> = module.to_vec();
                    here.extend(inline.iter().map(|(n, _)| n.clone()));
                    let mut start = pos;
                    let prefix = if root == "crate" {
                        Vec::new()
                    } else {
                        // super::super::…: one level up per `super`.
                        while matches!(&toks.get(start).map(|t| &t.1), Some(Tok::Ident(s)) if s == "super")
                            && toks.get(start + 1).map(|t| &t.1) == Some(&Tok::Path)
                        {
                            here.pop();
                            start += 2;
                        }
                        start -= 2;
                        here
                    };
                    let (leaves, next) = path_tree(&toks, start + 2, prefix, *line);
                    out.extend(leaves);
                    pos = next;
                    continue;
                }
            }
            _ => {}
        }
        pos += 1;
    }
    out
}

#[derive(Debug)]
struct Violation {
    file: String,
    line: usize,
    import: String,
    why: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "edge/src/{}:{}: `{}`: {}",
            self.file, self.line, self.import, self.why
        )
    }
}

/// Checks files (path under `src` → source) against the floor rules.
fn check(files: &BTreeMap<String, String>) -> Vec<Violation> {
    let modules: BTreeMap<Vec<String>, &str> = files
        .keys()
        .map(|path| (module_of(path), path.as_str()))
        .collect();
    let mut out = Vec::new();
    // Same-floor edges for the circle check: file → (file it imports, line, import).
    let mut edges: BTreeMap<&str, Vec<(&str, usize, String)>> = BTreeMap::new();
    for (path, source) in files {
        let Some(floor) = Floor::of(path) else {
            out.push(Violation {
                file: path.clone(),
                line: 1,
                import: String::new(),
                why: "the file is on no floor: put it in ground/, records/ or handlers/".into(),
            });
            continue;
        };
        let module = module_of(path);
        for import in imports(&module, source) {
            // The longest module prefix of the path is the file it imports from.
            let target = (0..=import.path.len())
                .rev()
                .find_map(|n| modules.get(&import.path[..n]).copied());
            let Some(target) = target else { continue };
            if target == path {
                continue;
            }
            let Some(target_floor) = Floor::of(target) else {
                continue;
            };
            let mut violation = |why: String| {
                out.push(Violation {
                    file: path.clone(),
                    line: import.line,
                    import: import.text(),
                    why,
                })
            };
            if target_floor > floor {
                violation(format!(
                    "{} (floor {}) imports from {} (floor {}), a floor above it",
                    floor.name(),
                    floor as u8,
                    target,
                    target_floor as u8
                ));
            } else if floor == Floor::Handlers && target_floor == Floor::Handlers {
                violation(format!(
                    "a handler imports from another handler module ({target}); share a record or a content rule instead"
                ));
            } else if target_floor == floor && floor != Floor::Top {
                edges
                    .entry(path.as_str())
                    .or_default()
                    .push((target, import.line, import.text()));
            }
        }
    }
    out.extend(circles(&edges));
    out
}

/// Circles among the same-floor imports, each named once by the import that closes it.
fn circles(edges: &BTreeMap<&str, Vec<(&str, usize, String)>>) -> Vec<Violation> {
    fn reaches(edges: &BTreeMap<&str, Vec<(&str, usize, String)>>, from: &str, to: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(f) = stack.pop() {
            if f == to {
                return true;
            }
            if seen.insert(f) {
                stack.extend(edges.get(f).into_iter().flatten().map(|e| e.0));
            }
        }
        false
    }
    let mut out = Vec::new();
    let mut named = BTreeSet::new();
    for (from, targets) in edges {
        for (to, line, import) in targets {
            if reaches(edges, to, from) && named.insert((*from.min(to), *from.max(to))) {
                out.push(Violation {
                    file: from.to_string(),
                    line: *line,
                    import: import.clone(),
                    why: format!("{to} imports {from} back (a circle within one floor)"),
                });
            }
        }
    }
    out
}

fn read_tree(dir: &Path, under: &str, out: &mut BTreeMap<String, String>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name")
            .to_owned();
        let rel = if under.is_empty() {
            name
        } else {
            format!("{under}/{name}")
        };
        if path.is_dir() {
            read_tree(&path, &rel, out);
        } else if rel.ends_with(".rs") {
            let text = fs::read_to_string(&path).expect("a readable source file");
            out.insert(rel, text);
        }
    }
}

fn example(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(p, s)| (p.to_string(), s.to_string()))
        .collect()
}

const GROUND_AND_RECORDS: [(&str, &str); 6] = [
    ("lib.rs", "mod ground;\nmod records;\nmod handlers;\n"),
    ("ground/mod.rs", "pub mod ctx;\npub mod clock;\n"),
    ("ground/ctx.rs", "pub struct Ctx;\n"),
    ("records/mod.rs", "pub mod session;\n"),
    (
        "records/session.rs",
        "use crate::ground::ctx::Ctx;\npub enum Kind { Staff }\n",
    ),
    ("handlers/mod.rs", "pub mod me;\npub mod consent;\n"),
];

#[test]
fn the_checker_names_an_upward_import_with_file_and_line() {
    let mut files = example(&GROUND_AND_RECORDS);
    files.insert(
        "ground/clock.rs".into(),
        "//! The clock.\n\nuse crate::{\n    ground::ctx::Ctx,\n    records::session::Kind,\n};\n"
            .into(),
    );
    let found = check(&files);
    let text: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 1, "{text:#?}");
    assert_eq!(found[0].file, "ground/clock.rs");
    assert_eq!(found[0].line, 5);
    assert_eq!(found[0].import, "crate::records::session::Kind");
    assert!(text[0].starts_with("edge/src/ground/clock.rs:5: `crate::records::session::Kind`: ground (floor 1) imports from records/session.rs (floor 2)"), "{}", text[0]);
}

#[test]
fn the_checker_catches_upward_paths_in_code_and_through_super() {
    let mut files = example(&GROUND_AND_RECORDS);
    files.insert(
        "ground/clock.rs".into(),
        "pub fn now() -> i64 {\n    let _ = crate::routes::ROUTES;\n    0\n}\n".into(),
    );
    files.insert("routes.rs".into(), "pub const ROUTES: () = ();\n".into());
    files.insert(
        "records/session.rs".into(),
        "fn f() { super::super::handlers::me::get(); }\n".into(),
    );
    files.insert("handlers/me.rs".into(), "pub fn get() {}\n".into());
    let found: Vec<String> = check(&files).iter().map(ToString::to_string).collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("edge/src/ground/clock.rs:2: `crate::routes::ROUTES`: ground (floor 1) imports from routes.rs (floor 4)"), "{}", found[0]);
    assert!(found[1].starts_with("edge/src/records/session.rs:1: `crate::handlers::me::get`: records (floor 2) imports from handlers/me.rs (floor 3)"), "{}", found[1]);
}

#[test]
fn the_checker_refuses_a_handler_importing_a_handler() {
    let mut files = example(&GROUND_AND_RECORDS);
    files.insert(
        "handlers/me.rs".into(),
        "use crate::{ground::ctx::Ctx, records::session};\npub async fn state() {}\n".into(),
    );
    files.insert(
        "handlers/consent.rs".into(),
        "use crate::ground::ctx::Ctx;\n\npub async fn share() {\n    super::me::state().await;\n}\n"
            .into(),
    );
    let found = check(&files);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (
            found[0].file.as_str(),
            found[0].line,
            found[0].import.as_str()
        ),
        ("handlers/consent.rs", 4, "crate::handlers::me::state")
    );
    assert!(found[0].why.contains("another handler"), "{}", found[0]);
}

#[test]
fn the_checker_refuses_a_circle_within_a_floor() {
    let mut files = example(&GROUND_AND_RECORDS);
    files.insert(
        "records/participant.rs".into(),
        "use crate::records::session::Kind;\n".into(),
    );
    files.insert(
        "records/session.rs".into(),
        "use crate::ground::ctx::Ctx;\n\nuse crate::records::participant::Participant;\n".into(),
    );
    let found = check(&files);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].why.contains("circle"), "{}", found[0]);
}

#[test]
fn the_checker_lets_downward_imports_tests_comments_and_strings_pass() {
    let mut files = example(&GROUND_AND_RECORDS);
    files.insert(
        "handlers/me.rs".into(),
        r##"//! Not an import: crate::handlers::consent, nor `super::consent`.
use crate::{
    ground::{self, ctx::Ctx},
    records::session::{self as s, Kind},
};
/* crate::routes::ROUTES in a block comment */
pub fn get() -> &'static str {
    let _c = '"';
    let _q = '\'';
    let _ = "crate::handlers::consent::share";
    let _ = r#"super::consent"#;
    let _ = b"crate::routes";
    "ok"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlers::me::get as again;
}
"##
        .into(),
    );
    files.insert(
        "routes.rs".into(),
        "use crate::handlers::{me, consent};\n".into(),
    );
    files.insert("handlers/consent.rs".into(), "pub fn share() {}\n".into());
    let found = check(&files);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_file_outside_the_floors_is_named() {
    let mut files = example(&GROUND_AND_RECORDS);
    files.insert("util/mod.rs".into(), "pub fn x() {}\n".into());
    let found = check(&files);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].file, "util/mod.rs");
}

#[test]
fn edge_src_stands_on_its_floors() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    read_tree(&src, "", &mut files);
    assert!(
        [
            "lib.rs",
            "routes.rs",
            "ground/mod.rs",
            "records/mod.rs",
            "handlers/mod.rs"
        ]
        .iter()
        .all(|f| files.contains_key(*f)),
        "the floors are missing: {:?}",
        files.keys().collect::<Vec<_>>()
    );
    // Sanity: the checker sees the imports that are there.
    let seen: usize = files
        .iter()
        .map(|(p, s)| imports(&module_of(p), s).len())
        .sum();
    assert!(seen > 100, "only {seen} imports read");
    let found: Vec<String> = check(&files).iter().map(ToString::to_string).collect();
    assert!(
        found.is_empty(),
        "imports against the floors of the edge:\n{}",
        found.join("\n")
    );
}
