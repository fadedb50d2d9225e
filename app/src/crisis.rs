//! Crisis resources shown by the safety path (SPEC §3.6). One place to configure per deployment.

pub struct Resource {
    pub name: (&'static str, &'static str),
    /// Shown and dialled (`tel:`).
    pub number: &'static str,
    pub note: (&'static str, &'static str),
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
    },
    Resource {
        name: ("Legevakt", "Out-of-hours GP (legevakt)"),
        number: "116 117",
        note: (
            "Når du trenger hjelp raskt, men det ikke er livstruende.",
            "When you need help soon but it is not life-threatening.",
        ),
    },
    Resource {
        name: ("Mental Helse hjelpetelefon", "Mental Helse helpline"),
        number: "116 123",
        note: (
            "Noen å snakke med, hele døgnet, gratis.",
            "Someone to talk to, day and night, free of charge.",
        ),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_norwegian_numbers_are_configured_and_dialable() {
        let numbers: Vec<_> = RESOURCES.iter().map(|r| r.number).collect();
        assert_eq!(numbers, ["113", "116 117", "116 123"]);
        assert_eq!(RESOURCES[1].tel(), "tel:116117");
        assert!(
            RESOURCES
                .iter()
                .all(|r| !r.name(content::Lang::En).is_empty())
        );
    }
}
