//! Staff-mode strings in bokmål and English. Short labels are written next to each other at
//! the point of use with [`tr`]; names of states, roles and bands live here.

use content::Lang;
use content::api::{ConsentState, StaffRole};
use content::scoring::ReliableChange;

/// The bokmål or the English text.
pub fn tr(lang: Lang, nb: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nb => nb,
        Lang::En => en,
    }
}

pub fn consent(lang: Lang, state: ConsentState) -> &'static str {
    match state {
        ConsentState::NotAsked => tr(lang, "Ikke svart", "Not answered"),
        ConsentState::Granted => tr(lang, "Deler", "Sharing"),
        ConsentState::Declined => tr(lang, "Avslått", "Declined"),
        ConsentState::Withdrawn => tr(lang, "Trukket tilbake", "Withdrawn"),
        ConsentState::Expired => tr(lang, "Utløpt", "Expired"),
    }
}

pub fn role(lang: Lang, role: StaffRole) -> &'static str {
    match role {
        StaffRole::Professional => tr(lang, "Fagperson", "Professional"),
        StaffRole::SuperUser => tr(lang, "Superbruker", "Super user"),
        StaffRole::ToolManager => tr(lang, "Verktøyforvalter", "Tool manager"),
        StaffRole::Support => tr(lang, "Brukerstøtte", "Support"),
    }
}

pub fn reliable(lang: Lang, change: ReliableChange) -> &'static str {
    match change {
        ReliableChange::Improved => tr(lang, "Pålitelig bedring", "Reliable improvement"),
        ReliableChange::Deteriorated => tr(lang, "Pålitelig forverring", "Reliable deterioration"),
        ReliableChange::NoReliableChange => {
            tr(lang, "Ingen pålitelig endring", "No reliable change")
        }
        ReliableChange::NotApplicable => tr(lang, "Ikke vurdert", "Not assessed"),
    }
}

/// The band's label from the instrument (the id if unknown).
pub fn band(lang: Lang, instrument: &str, band: &str) -> String {
    content::instruments::get(instrument)
        .and_then(|i| i.bands.iter().find(|b| b.id == band))
        .map(|b| b.label.get(lang).to_owned())
        .unwrap_or_else(|| band.to_owned())
}

/// The instrument's short name (`PHQ-9`), or the id.
pub fn instrument(instrument: &str) -> String {
    content::instruments::get(instrument)
        .map(|i| i.name.clone())
        .unwrap_or_else(|| instrument.to_owned())
}

pub fn tool(lang: Lang, tool: &str) -> String {
    content::tools::get(tool)
        .map(|t| t.title.get(lang).to_owned())
        .unwrap_or_else(|| tool.to_owned())
}

/// How to start, printed on every slip.
pub fn slip_steps(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Nb => [
            "Gå til adressen under i nettleseren på mobilen eller PC-en.",
            "Skriv inn tilgangskoden. Du trenger ikke oppgi navn eller e-post.",
            "Ta vare på lappen: koden er nøkkelen din. Den vises ikke igjen.",
        ],
        Lang::En => [
            "Open the address below in the browser on your phone or computer.",
            "Type in the access code. You never need to give your name or e-mail.",
            "Keep this slip: the code is your key. It is not shown again.",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_exists_in_both_languages() {
        for lang in Lang::ALL {
            assert!(!band(lang, "phq9", "moderate").is_empty());
            assert_ne!(
                band(Lang::Nb, "phq9", "severe"),
                band(Lang::En, "phq9", "severe")
            );
            assert_eq!(instrument("phq9"), "PHQ-9");
            assert_eq!(band(lang, "nope", "x"), "x");
        }
        assert_ne!(
            consent(Lang::Nb, ConsentState::Granted),
            consent(Lang::En, ConsentState::Granted)
        );
    }
}
