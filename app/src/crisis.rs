//! Crisis resources shown by the safety path and the help page (SPEC §3.6). One place to
//! configure per deployment. They are compiled into the app, so the help page needs no request
//! and works offline once the app has loaded.

pub struct Resource {
    pub name: (&'static str, &'static str),
    /// Shown and dialled (`tel:`).
    pub number: &'static str,
    pub note: (&'static str, &'static str),
    /// A chat for people who cannot or will not talk, where the resource has one.
    pub chat: Option<&'static str>,
}

impl Resource {
    pub fn name(&self, lang: content::Lang) -> &'static str {
        pick(self.name, lang)
    }
    pub fn note(&self, lang: content::Lang) -> &'static str {
        pick(self.note, lang)
    }
    pub fn tel(&self) -> String {
        format!("tel:{}", self.number.replace(' ', ""))
    }
}

fn pick(t: (&'static str, &'static str), lang: content::Lang) -> &'static str {
    match lang {
        content::Lang::Nb => t.0,
        content::Lang::En => t.1,
    }
}

/// Norway. Change here for another deployment.
pub const RESOURCES: &[Resource] = &[
    Resource {
        name: ("Medisinsk nødtelefon", "Medical emergency"),
        number: "113",
        note: (
            "Ved fare for liv. Hele døgnet.",
            "When a life is in danger. Day and night.",
        ),
        chat: None,
    },
    Resource {
        name: ("Legevakt", "Out-of-hours GP (legevakt)"),
        number: "116 117",
        note: (
            "Når du trenger hjelp raskt, men det ikke er livstruende.",
            "When you need help soon but it is not life-threatening.",
        ),
        chat: None,
    },
    Resource {
        name: ("Mental Helse hjelpetelefon", "Mental Helse helpline"),
        number: "116 123",
        note: (
            "Noen å snakke med, hele døgnet, gratis.",
            "Someone to talk to, day and night, free of charge.",
        ),
        chat: None,
    },
    Resource {
        name: ("Kirkens SOS", "Kirkens SOS (crisis line)"),
        number: "22 40 00 40",
        note: (
            "Krisetelefon hele døgnet, gratis. Du kan også chatte hvis du ikke orker å snakke.",
            "Crisis line day and night, free of charge. You can also chat if you cannot talk.",
        ),
        chat: Some("https://www.kirkens-sos.no/"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_norwegian_numbers_are_configured_and_dialable() {
        let numbers: Vec<_> = RESOURCES.iter().map(|r| r.number).collect();
        assert_eq!(numbers, ["113", "116 117", "116 123", "22 40 00 40"]);
        assert_eq!(RESOURCES[1].tel(), "tel:116117");
        assert!(
            RESOURCES
                .iter()
                .all(|r| !r.name(content::Lang::En).is_empty())
        );
    }

    #[test]
    fn a_line_that_is_open_day_and_night_offers_a_chat() {
        let chat: Vec<_> = RESOURCES.iter().filter_map(|r| r.chat).collect();
        assert_eq!(chat, ["https://www.kirkens-sos.no/"]);
        assert!(chat.iter().all(|c| c.starts_with("https://")));
    }
}
