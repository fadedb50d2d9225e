//! UI language: bokmål by default, English on request, remembered on the device.
//! Pure parts (the choice of language, the strings) are tested natively.

pub use content::Lang;

/// A stored choice wins; otherwise the first browser language we speak; otherwise bokmål.
pub fn pick(stored: Option<&str>, browser: &[String]) -> Lang {
    stored
        .and_then(Lang::from_tag)
        .or_else(|| browser.iter().find_map(|l| Lang::from_tag(l)))
        .unwrap_or(Lang::Nb)
}

/// Every user-facing string of the app shell, in both languages.
pub struct Ui {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_settings: &'static str,
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub login_button: &'static str,
    pub login_unavailable: &'static str,
    pub settings_title: &'static str,
    pub settings_intro: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub service_checking: &'static str,
    pub service_ok: &'static str,
    pub service_down: &'static str,
    pub privacy_note: &'static str,
}

pub const NB: Ui = Ui {
    app_name: "Mestring",
    tagline: "Selvhjelp på nett – uten navn og e-post",
    skip_to_content: "Hopp til innholdet",
    switch_language: "English",
    switch_language_label: "Change language to English",
    nav_label: "Hovedmeny",
    nav_home: "Logg inn",
    nav_settings: "Innstillinger",
    login_title: "Logg inn med tilgangskode",
    login_intro: "Du har fått en tilgangskode fra helsetjenesten din. Du trenger ikke oppgi navn eller e-post.",
    code_label: "Tilgangskode",
    code_hint: "13 tegn, for eksempel ABCD-EFGH-JKMN-P. Store eller små bokstaver, med eller uten bindestrek.",
    login_button: "Logg inn",
    login_unavailable: "Innlogging er ikke tilgjengelig ennå.",
    settings_title: "Innstillinger",
    settings_intro: "Her kan du velge om du vil dele registreringene dine, bytte kode og slette dataene dine.",
    not_found_title: "Fant ikke siden",
    not_found_body: "Adressen finnes ikke i Mestring.",
    back_home: "Til forsiden",
    service_checking: "Sjekker forbindelsen …",
    service_ok: "Tjenesten er tilgjengelig.",
    service_down: "Får ikke kontakt med tjenesten akkurat nå.",
    privacy_note: "Det du skriver om deg selv, lagres kryptert bare på denne enheten.",
};

pub const EN: Ui = Ui {
    app_name: "Mestring",
    tagline: "Self-help online – no name, no e-mail",
    skip_to_content: "Skip to content",
    switch_language: "Norsk",
    switch_language_label: "Bytt språk til norsk",
    nav_label: "Main menu",
    nav_home: "Log in",
    nav_settings: "Settings",
    login_title: "Log in with your access code",
    login_intro: "Your health service gave you an access code. You never need to give your name or e-mail.",
    code_label: "Access code",
    code_hint: "13 characters, for example ABCD-EFGH-JKMN-P. Upper or lower case, with or without dashes.",
    login_button: "Log in",
    login_unavailable: "Logging in is not available yet.",
    settings_title: "Settings",
    settings_intro: "Here you choose whether to share your registrations, change your code and delete your data.",
    not_found_title: "Page not found",
    not_found_body: "That address does not exist in Mestring.",
    back_home: "Go to the start page",
    service_checking: "Checking the connection …",
    service_ok: "The service is available.",
    service_down: "Cannot reach the service right now.",
    privacy_note: "What you write about yourself is stored encrypted, only on this device.",
};

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn norwegian_browsers_get_bokmal() {
        assert_eq!(pick(None, &langs(&["no"])), Lang::Nb);
        assert_eq!(pick(None, &langs(&["nn-NO", "en"])), Lang::Nb);
        assert_eq!(pick(None, &langs(&["nb_NO"])), Lang::Nb);
    }

    #[test]
    fn english_browsers_get_english_and_unknown_ones_bokmal() {
        assert_eq!(pick(None, &langs(&["en-GB", "nb"])), Lang::En);
        assert_eq!(pick(None, &langs(&["de", "fr"])), Lang::Nb);
        assert_eq!(pick(None, &[]), Lang::Nb);
    }

    #[test]
    fn stored_choice_wins_over_browser() {
        assert_eq!(pick(Some("en"), &langs(&["nb"])), Lang::En);
        assert_eq!(pick(Some("garbage"), &langs(&["en"])), Lang::En);
    }
}
