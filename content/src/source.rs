//! Reading the TOML sources. NOT part of the library: the runtime crate must not link `toml`
//! (the browser app has a size budget). This file is compiled into `build.rs` and into the
//! fixture tests (`tests/validation.rs`) via `#[path]`; both provide the sibling modules
//! `model` and `validate` at their crate root.
//!
//! Parse errors are mapped to the same `file: location: field …: message` shape as rule
//! errors, with the location resolved to the item, band, part or step that holds the field.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::model::{Catalog, Instrument, Plan, Tool};
use crate::validate::{Document, ValidationError, ValidationErrors, check_catalog, check_document};

/// The kind of a content file, told by the folder that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Instrument,
    Tool,
    Plan,
}

impl Kind {
    /// `instruments/`, `tools/` or `plans/` as the file's parent folder.
    pub fn from_path(file_name: &str) -> Option<Kind> {
        let parent = Path::new(file_name).parent()?.file_name()?.to_str()?;
        match parent {
            "instruments" => Some(Kind::Instrument),
            "tools" => Some(Kind::Tool),
            "plans" => Some(Kind::Plan),
            _ => None,
        }
    }
}

fn single(file: &str, location: &str, field: &str, message: impl Into<String>) -> ValidationErrors {
    ValidationErrors(vec![ValidationError {
        file: file.to_owned(),
        location: location.to_owned(),
        field: field.to_owned(),
        message: message.into(),
    }])
}

/// Parses and validates one file on its own (references to other files are not checked here).
/// The kind comes from the parent folder's name (`instruments`, `tools`, `plans`).
pub fn validate_source(file_name: &str, toml_text: &str) -> Result<Document, ValidationErrors> {
    let doc = parse_source(file_name, toml_text)?;
    check_document(file_name, &doc)?;
    Ok(doc)
}

/// Parses one file strictly (unknown fields are errors) without checking the rules.
pub fn parse_source(file_name: &str, toml_text: &str) -> Result<Document, ValidationErrors> {
    let Some(kind) = Kind::from_path(file_name) else {
        return Err(single(
            file_name,
            "file",
            "path",
            "content files live in a folder named instruments/, tools/ or plans/",
        ));
    };
    Ok(match kind {
        Kind::Instrument => {
            Document::Instrument(Box::new(parse::<Instrument>(file_name, toml_text)?))
        }
        Kind::Tool => Document::Tool(parse::<Tool>(file_name, toml_text)?),
        Kind::Plan => Document::Plan(parse::<Plan>(file_name, toml_text)?),
    })
}

fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, ValidationErrors> {
    let de = toml::de::Deserializer::parse(text)
        .map_err(|e| single(file, "file", "(syntax)", syntax_message(text, &e)))?;
    serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
        let segments = path_segments(e.path());
        let message = e.inner().message().to_owned();
        let (location, mut field) = locate(text, &segments);
        // serde reports a missing or unknown key at the table that holds it: name the key.
        if let Some(key) = quoted_after(&message, "missing field `")
            .or_else(|| quoted_after(&message, "unknown field `"))
            && field.rsplit('.').next() != Some(key)
        {
            if !field.is_empty() {
                field.push('.');
            }
            field.push_str(key);
        }
        if field.is_empty() {
            field.push_str("(top level)");
        }
        single(file, &location, &field, message)
    })
}

fn syntax_message(text: &str, e: &toml::de::Error) -> String {
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {}", e.message())
        }
        None => e.message().to_owned(),
    }
}

fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = message.strip_prefix(prefix)?;
    rest.split('`').next()
}

/// A path segment as reported by serde_path_to_error.
#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

fn path_segments(path: &serde_path_to_error::Path) -> Vec<Seg> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(Seg::Index(*index)),
            Segment::Map { key } => Some(Seg::Key(key.clone())),
            Segment::Enum { variant } => Some(Seg::Key(variant.clone())),
            Segment::Unknown => None,
        })
        .collect()
}

fn render(segs: &[Seg]) -> String {
    let mut out = String::new();
    for s in segs {
        match s {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Splits a path into the holder (item, band, part, step, …; named by its id when the raw TOML
/// has one) and the field inside it.
fn locate(text: &str, segs: &[Seg]) -> (String, String) {
    let raw: Option<toml::Value> = text.parse::<toml::Table>().ok().map(toml::Value::Table);
    let id_at = |path: &[Seg]| -> Option<String> {
        let v = value_at(raw.as_ref()?, path)?;
        v.get("id")?.as_str().map(str::to_owned)
    };
    let name = |path: &[Seg], kind: &str, idx: usize| -> String {
        match id_at(path) {
            Some(id) => format!("{kind} {id}"),
            None => format!("{kind} #{}", idx + 1),
        }
    };
    match segs {
        [Seg::Key(k), Seg::Index(i), rest @ ..] if k == "items" => {
            (name(&segs[..2], "item", *i), render(rest))
        }
        [Seg::Key(k), Seg::Index(i), rest @ ..] if k == "bands" => {
            (name(&segs[..2], "band", *i), render(rest))
        }
        [
            Seg::Key(p),
            Seg::Index(i),
            Seg::Key(s),
            Seg::Index(j),
            rest @ ..,
        ] if p == "parts" && s == "steps" => {
            let part = name(&segs[..2], "part", *i);
            let step = name(&segs[..4], "step", *j);
            (format!("{part} {step}"), render(rest))
        }
        [Seg::Key(p), Seg::Index(i), rest @ ..] if p == "parts" => {
            (name(&segs[..2], "part", *i), render(rest))
        }
        _ => {
            let top = raw
                .as_ref()
                .and_then(|t| t.get("id"))
                .and_then(|v| v.as_str())
                .map(|id| format!("top level ({id})"))
                .unwrap_or_else(|| "top level".to_owned());
            (top, render(segs))
        }
    }
}

fn value_at<'v>(root: &'v toml::Value, path: &[Seg]) -> Option<&'v toml::Value> {
    let mut v = root;
    for s in path {
        v = match (s, v) {
            (Seg::Key(k), toml::Value::Table(t)) => t.get(k)?,
            (Seg::Index(i), toml::Value::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

/// Reads `dir/{instruments,tools,plans}/*.toml` (sorted by file name), parses each strictly and
/// validates everything together. `display_root` is how `dir` is named in messages (e.g.
/// `content/data`). Returns the catalogue and the files read.
pub fn load_dir(
    dir: &Path,
    display_root: &str,
) -> Result<(Catalog, Vec<std::path::PathBuf>), ValidationErrors> {
    let mut files = Vec::new();
    let mut read = Vec::new();
    let mut errors = Vec::new();
    for sub in ["instruments", "tools", "plans"] {
        let folder = dir.join(sub);
        let entries = match std::fs::read_dir(&folder) {
            Ok(e) => e,
            Err(e) => {
                errors.push(ValidationError {
                    file: format!("{display_root}/{sub}"),
                    location: "folder".into(),
                    field: "(read)".into(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("?")
                .to_owned();
            let display = format!("{display_root}/{sub}/{name}");
            read.push(path.clone());
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(ValidationError {
                        file: display,
                        location: "file".into(),
                        field: "(read)".into(),
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            match parse_source(&display, &text) {
                Ok(doc) => {
                    // One file per id, named after it, so an id is easy to find.
                    let stem = name.trim_end_matches(".toml");
                    if doc.id() != stem {
                        errors.push(ValidationError {
                            file: display.clone(),
                            location: "file".into(),
                            field: "id".into(),
                            message: format!(
                                "the file is named {stem:?} but its id is {:?}",
                                doc.id()
                            ),
                        });
                    }
                    files.push((display, doc));
                }
                Err(e) => errors.extend(e.0),
            }
        }
    }
    if !errors.is_empty() {
        return Err(ValidationErrors(errors));
    }
    check_catalog(files).map(|c| (c, read))
}
