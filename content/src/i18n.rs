//! Bilingual text. Every user-facing string in the content carries both Norwegian bokmål (the
//! default) and English, so switching language never needs a network round trip.
//!
//! This file is also compiled into `build.rs` (via `#[path]`), so it may depend on `serde` only.

use serde::{Deserialize, Serialize};

/// A language the product ships. Serialised lowercase (`"nb"`, `"en"`), the BCP 47 tags.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Norwegian bokmål, the default (SPEC §3.10).
    #[default]
    Nb,
    En,
}

impl Lang {
    /// Both languages, default first.
    pub const ALL: [Lang; 2] = [Lang::Nb, Lang::En];

    /// The BCP 47 tag, as used in FHIR `language` and HTML `lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }

    /// Parses a BCP 47 tag leniently: `nb`, `no`, `nb-NO` are bokmål, `en*` is English.
    /// Nynorsk (`nn`) readers also get bokmål: closer to them than English, and we ship no
    /// nynorsk.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "nb" | "no" | "nn" => Some(Lang::Nb),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

impl Lang {
    /// The other shipped language (the language switch).
    pub fn other(self) -> Lang {
        match self {
            Lang::Nb => Lang::En,
            Lang::En => Lang::Nb,
        }
    }
}

/// A text in both shipped languages. Build-time validation guarantees both are non-empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub nb: String,
    pub en: String,
}

impl Text {
    pub fn new(nb: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            nb: nb.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nb => &self.nb,
            Lang::En => &self.en,
        }
    }
}
