//! Every cookie the edge sets and every browser-storage key the app writes, with its purpose
//! and lifetime. The edge and the app take the names from here, and the privacy notice lists
//! them from here, so a key cannot be used without being named to the people it concerns
//! (ekomloven § 2-7 b: all of them are strictly necessary for the service the user asked for;
//! none tracks anyone). A browser test compares this list with what a full walk leaves behind.

use crate::i18n::Lang;
use crate::retention::{SESSION_ABSOLUTE_MS, SESSION_IDLE_MS};
use crate::time::{HOUR_MS, MINUTE_MS};

/// The end user's session cookie (HttpOnly, Secure, SameSite=Strict).
pub const PARTICIPANT_COOKIE: &str = "__Host-mestring";
/// A professional's session cookie, separate so the two never mix.
pub const STAFF_COOKIE: &str = "__Host-mestring-staff";
/// The chosen language.
pub const LANG_KEY: &str = "mestring.lang";
/// "This browser may hold a session": spares a request that would only answer 401.
pub const SESSION_HINT_KEY: &str = "mestring.session";
/// The privacy notice version last seen here.
pub const NOTICE_SEEN_KEY: &str = "mestring.notice";
/// Everything of the encrypted store starts with this.
pub const STORE_PREFIX: &str = "mestring.store.";
/// The Argon2id salt of the encrypted store.
pub const STORE_SALT_KEY: &str = "mestring.store.salt";
/// The random device secret mixed into the store's key; never leaves the device.
pub const STORE_DEVICE_KEY: &str = "mestring.store.device";
/// Encrypted records: notes, answers waiting to be sent and the last overview for use offline
/// (`mestring.store.r.<record>`).
pub const STORE_RECORD_PREFIX: &str = "mestring.store.r.";
/// The service worker's cache of the app itself (`mestring-<version>`): the app's own files,
/// nothing about the person; never any answer or `/api` response.
pub const CACHE_PREFIX: &str = "mestring-";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Set by the edge, HttpOnly: scripts cannot read it.
    Cookie,
    LocalStorage,
    /// The browser's cache storage, written by the service worker.
    CacheStorage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// Until logout, 30 minutes without use or 12 hours after login.
    Session,
    /// Until the user deletes it (browser data, "delete everything", logout for the hint).
    UntilDeleted,
}

/// One cookie or storage key (or a family of keys sharing a prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    /// The name is a prefix: `mestring.store.r.` stands for every record.
    pub prefix: bool,
    pub place: Place,
    pub lifetime: Lifetime,
    pub purpose: (&'static str, &'static str),
}

impl Entry {
    pub fn purpose(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nb => self.purpose.0,
            Lang::En => self.purpose.1,
        }
    }

    /// Whether a cookie or key with this exact name is covered by this entry.
    pub fn covers(&self, name: &str) -> bool {
        if self.prefix {
            name.starts_with(self.name)
        } else {
            name == self.name
        }
    }

    pub fn lifetime_text(&self, lang: Lang) -> String {
        match (self.lifetime, lang) {
            (Lifetime::Session, Lang::Nb) => format!(
                "til du logger ut, etter {} minutter uten bruk, eller senest {} timer etter innlogging",
                SESSION_IDLE_MS / MINUTE_MS,
                SESSION_ABSOLUTE_MS / HOUR_MS
            ),
            (Lifetime::Session, Lang::En) => format!(
                "until you log out, after {} minutes without use, or at most {} hours after login",
                SESSION_IDLE_MS / MINUTE_MS,
                SESSION_ABSOLUTE_MS / HOUR_MS
            ),
            (Lifetime::UntilDeleted, Lang::Nb) => {
                "til du sletter den (nettleserdata, «slett alt»)".to_string()
            }
            (Lifetime::UntilDeleted, Lang::En) => {
                "until you delete it (browser data, \"delete everything\")".to_string()
            }
        }
    }
}

pub const ALL: [Entry; 9] = [
    Entry {
        name: PARTICIPANT_COOKIE,
        prefix: false,
        place: Place::Cookie,
        lifetime: Lifetime::Session,
        purpose: (
            "Holder deg innlogget med tilgangskoden. Inneholder et tilfeldig tall, ikke koden.",
            "Keeps you logged in with your access code. Holds a random number, not the code.",
        ),
    },
    Entry {
        name: STAFF_COOKIE,
        prefix: false,
        place: Place::Cookie,
        lifetime: Lifetime::Session,
        purpose: (
            "Holder en fagperson innlogget i fagmodus.",
            "Keeps a professional logged in to staff mode.",
        ),
    },
    Entry {
        name: LANG_KEY,
        prefix: false,
        place: Place::LocalStorage,
        lifetime: Lifetime::UntilDeleted,
        purpose: (
            "Husker språket du valgte.",
            "Remembers the language you chose.",
        ),
    },
    Entry {
        name: SESSION_HINT_KEY,
        prefix: false,
        place: Place::LocalStorage,
        lifetime: Lifetime::UntilDeleted,
        purpose: (
            "Husker at du kan være innlogget, så appen slipper en unødig forespørsel. Inneholder bare «1».",
            "Remembers that you may be logged in, so the app skips a needless request. Holds only \"1\".",
        ),
    },
    Entry {
        name: NOTICE_SEEN_KEY,
        prefix: false,
        place: Place::LocalStorage,
        lifetime: Lifetime::UntilDeleted,
        purpose: (
            "Husker hvilken versjon av personvernerklæringen du har sett, så vi kan si fra når den endres.",
            "Remembers which version of this privacy notice you have seen, so we can tell you when it changes.",
        ),
    },
    Entry {
        name: STORE_SALT_KEY,
        prefix: false,
        place: Place::LocalStorage,
        lifetime: Lifetime::UntilDeleted,
        purpose: (
            "Et tilfeldig tall som trengs for å lage nøkkelen til de krypterte notatene dine.",
            "A random value needed to make the key to your encrypted notes.",
        ),
    },
    Entry {
        name: STORE_DEVICE_KEY,
        prefix: false,
        place: Place::LocalStorage,
        lifetime: Lifetime::UntilDeleted,
        purpose: (
            "En tilfeldig enhetshemmelighet som blandes inn i nøkkelen, så notatene bare kan leses på denne enheten. Den sendes aldri.",
            "A random device secret mixed into the key, so your notes can only be read on this device. It is never sent.",
        ),
    },
    Entry {
        name: STORE_RECORD_PREFIX,
        prefix: true,
        place: Place::LocalStorage,
        lifetime: Lifetime::UntilDeleted,
        purpose: (
            "Notatene du skriver, svar som venter på nett, og den siste oversikten din (så appen kan brukes uten nett), kryptert (AES-256-GCM) med nøkkelen fra koden din og enhetshemmeligheten.",
            "The notes you write, answers waiting for a connection, and your last overview (so the app works offline), encrypted (AES-256-GCM) with the key from your code and the device secret.",
        ),
    },
    Entry {
        name: CACHE_PREFIX,
        prefix: true,
        place: Place::CacheStorage,
        lifetime: Lifetime::UntilDeleted,
        purpose: (
            "Appens egne filer, så den åpner raskt og også uten nett. Ingenting om deg, ingen svar; en ny versjon erstatter den gamle.",
            "The app's own files, so it opens quickly and also offline. Nothing about you, no answers; a new version replaces the old one.",
        ),
    },
];

/// The entry that covers a cookie or key name, if any.
pub fn entry_for(name: &str) -> Option<&'static Entry> {
    ALL.iter().find(|e| e.covers(name))
}
