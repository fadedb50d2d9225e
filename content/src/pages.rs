//! The app's pages that text may point a person to, with the one name each has in each language.
//! The app's navigation shows these names, and content text that tells a reader where to find
//! something uses them too (checked by `content/tests/references.rs`), so a name in a tool can
//! never point to a page that does not exist or is called something else.

/// One page: its path in the app and its name (bokmål, English).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub path: &'static str,
    pub nb: &'static str,
    pub en: &'static str,
}

impl Page {
    pub fn name(&self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::Nb => self.nb,
            crate::Lang::En => self.en,
        }
    }
}

/// Crisis resources, reachable from the header of every page, logged in or not.
pub const HELP: Page = Page {
    path: "/help",
    nb: "Hjelp nå",
    en: "Get help now",
};
pub const OVERVIEW: Page = Page {
    path: "/home",
    nb: "Oversikt",
    en: "Overview",
};
pub const TOOLS: Page = Page {
    path: "/tools",
    nb: "Verktøy",
    en: "Tools",
};
pub const HISTORY: Page = Page {
    path: "/history",
    nb: "Historikk",
    en: "History",
};
pub const SETTINGS: Page = Page {
    path: "/settings",
    nb: "Innstillinger",
    en: "Settings",
};

/// The privacy notice, readable before login and linked from every page.
pub const PRIVACY: Page = Page {
    path: "/privacy",
    nb: "Personvern",
    en: "Privacy",
};

/// Every page that text may name.
pub const ALL: [Page; 6] = [HELP, OVERVIEW, TOOLS, HISTORY, SETTINGS, PRIVACY];
