//! The privacy notice (GDPR art. 13), generated from the code's own facts: the deployment
//! configuration (`crate::config`), the retention limits (`crate::retention`), the consent rules
//! (`crate::consent`), the cookies and storage keys (`crate::storage`) and the app's page names
//! (`crate::pages`). Nothing here is typed apart from the code it describes: change a limit and
//! the notice changes with it (tested in `tests/notice.rs`).

use crate::consent::{LAPSE_AFTER_DAYS, RENEWAL_PROMPT_AFTER_DAYS};
use crate::dates::date_of_text;
use crate::deployment::Deployment;
use crate::i18n::Lang;
use crate::pages::{HELP, HISTORY, SETTINGS};
use crate::retention::{
    CODE_UNUSED_YEARS, DEVICE_LINK_TTL_MS, FEEDBACK_MAX_AGE_DAYS, PENDING_CODE_TTL_MS,
    PURCHASE_CLAIM_TTL_MS, RATE_LIMIT_KEY_MAX_AGE_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS,
};
use crate::storage::{self, Place};
use crate::time::{DAY_MS, HOUR_MS, MINUTE_MS};

/// One section of the notice: a heading, paragraphs, then a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Stable anchor, e.g. `retention`.
    pub id: &'static str,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
}

fn section(
    id: &'static str,
    heading: &str,
    paragraphs: Vec<String>,
    items: Vec<String>,
) -> Section {
    Section {
        id,
        heading: heading.to_string(),
        paragraphs,
        items,
    }
}

/// `(nb, en)` picked by language.
fn t(lang: Lang, nb: &str, en: &str) -> String {
    match lang {
        Lang::Nb => nb.to_string(),
        Lang::En => en.to_string(),
    }
}

/// A limit in words: "30 minutter" / "30 minutes", "12 timer" / "12 hours".
pub fn duration(ms: i64, lang: Lang) -> String {
    let (n, nb, en) = if ms % HOUR_MS == 0 && ms >= HOUR_MS {
        (ms / HOUR_MS, "timer", "hours")
    } else {
        (ms / MINUTE_MS, "minutter", "minutes")
    };
    match lang {
        Lang::Nb => format!("{n} {nb}"),
        Lang::En => format!("{n} {en}"),
    }
}

/// Weeks from days, as the consent rules are stated to people.
fn weeks(days: i64) -> i64 {
    days / 7
}

/// The end user's notice, in order.
pub fn notice(d: &Deployment, lang: Lang) -> Vec<Section> {
    let o = &d.operator;
    let pick = |text: &crate::i18n::Text| text.get(lang).to_string();
    let settings = SETTINGS.name(lang);
    vec![
        section(
            "controller",
            &t(lang, "Hvem som har ansvaret", "Who is responsible"),
            vec![
                match lang {
                    Lang::Nb => format!(
                        "{} (org.nr. {}) er behandlingsansvarlig for Mestring i denne driften. Adresse: {}. E-post: {}. Nett: {}.",
                        o.name, o.organisation_number, o.postal_address, o.email, o.web
                    ),
                    Lang::En => format!(
                        "{} (organisation number {}) is the controller of Mestring in this deployment. Address: {}. E-mail: {}. Web: {}.",
                        o.name, o.organisation_number, o.postal_address, o.email, o.web
                    ),
                },
                match lang {
                    Lang::Nb => format!(
                        "Personvernombud: {}, {}.",
                        d.data_protection_officer.name, d.data_protection_officer.email
                    ),
                    Lang::En => format!(
                        "Data protection officer: {}, {}.",
                        d.data_protection_officer.name, d.data_protection_officer.email
                    ),
                },
                t(
                    lang,
                    "Helsetjenesten som ga deg koden, ser registreringene dine bare hvis du sier ja til deling (se under). Da er de også ansvarlige for det de gjør med dem.",
                    "The health service that gave you the code sees your registrations only if you agree to share them (see below). They are then also responsible for what they do with them.",
                ),
            ],
            vec![],
        ),
        section(
            "server",
            &t(lang, "Hva Mestring lagrer på serveren", "What Mestring stores on the server"),
            vec![t(
                lang,
                "Vi vet ikke hvem du er. Vi lagrer aldri navn, e-post, telefonnummer eller IP-adresse, og heller ikke det du skriver selv. Dette lagres, knyttet til koden din:",
                "We do not know who you are. We never store a name, e-mail, phone number or IP address, nor what you write yourself. This is stored, tied to your code:",
            )],
            [
                (
                    "Tilgangskoden, bare som en nøkkelbeskyttet sjekksum (ikke selve koden), og den første gruppen av koden, som helsetjenesten ser som referanse.",
                    "Your access code, only as a keyed checksum (not the code itself), and the code's first group, which your health service sees as a reference.",
                ),
                (
                    "Valgene dine om deling, med tidspunkt.",
                    "Your choices about sharing, with times.",
                ),
                (
                    "Svarene dine på skjemaer og den daglige innsjekken, summen, nivået og språket du svarte på.",
                    "Your answers to questionnaires and the daily check-in, the total, the level and the language you answered in.",
                ),
                (
                    "Hvor langt du har kommet i verktøyene, og svarene du har krysset av der (aldri tekst du skriver).",
                    "How far you have come in the tools, and the answers you ticked there (never text you write).",
                ),
                (
                    "Skjemaer og innhold som helsetjenesten har sendt deg.",
                    "Questionnaires and content your health service has sent you.",
                ),
                (
                    "Tilbakemeldinger du sender, med et kallenavn som ikke er referansen din.",
                    "Feedback you send, with a pseudonym that is not your reference.",
                ),
                (
                    "Når en fagperson har sett dataene dine (dato og virksomhet).",
                    "When a professional looked at your data (date and business).",
                ),
                (
                    "Datoen du sist logget inn (bare datoen), og innloggingsøkter som en sjekksum.",
                    "The date you last logged in (the date only), and login sessions as a checksum.",
                ),
            ]
            .iter()
            .map(|(nb, en)| t(lang, nb, en))
            .collect(),
        ),
        section(
            "device",
            &t(lang, "Hva som bare er på enheten din", "What stays on your device only"),
            vec![t(
                lang,
                "Det du skriver selv i verktøyene, lagres bare på denne enheten, kryptert med en nøkkel som krever både koden din og en tilfeldig hemmelighet som aldri forlater enheten. Svar du gir uten nett, ligger kryptert på enheten til de er sendt. Ingen hos oss eller i helsetjenesten kan lese notatene dine.",
                "What you write yourself in the tools is stored only on this device, encrypted with a key that needs both your code and a random secret that never leaves the device. Answers you give while offline are kept encrypted on the device until they are sent. Nobody with us or in the health service can read your notes.",
            )],
            vec![],
        ),
        section(
            "sharing",
            &t(lang, "Deling med helsetjenesten", "Sharing with your health service"),
            vec![
                t(
                    lang,
                    "Første gang du logger inn, spør vi om du vil dele registreringene dine med helsetjenesten som ga deg koden. Deler du, kan fagfolk der se svarene, nivåene og hvor langt du har kommet. Hver gang de ser dem, også når ditt siste nivå og varsel vises i deltakerlisten deres, blir det loggført, og du ser datoen i Innstillinger. Du kan slutte å dele når som helst.",
                    "The first time you log in, we ask whether you want to share your registrations with the health service that gave you the code. If you share, professionals there can see your answers, levels and how far you have come. Every time they look, also when your latest level and flag appear in their list of participants, it is logged, and you see the date in Settings. You can stop sharing at any time.",
                ),
                t(
                    lang,
                    "Slutter helsetjenesten å bruke Mestring, slutter delingen av seg selv, og koden din er ikke lenger knyttet til den. Du beholder koden, registreringene og verktøyene.",
                    "If your health service stops using Mestring, sharing ends by itself and your code is no longer linked to it. You keep your code, your registrations and your tools.",
                ),
                match lang {
                    Lang::Nb => format!(
                        "Etter {} uker spør vi om du fortsatt følges opp. Svarer du ikke, slutter delingen av seg selv {} uker etter at du sist bekreftet den. Ingenting slettes når delingen slutter.",
                        weeks(RENEWAL_PROMPT_AFTER_DAYS),
                        weeks(LAPSE_AFTER_DAYS)
                    ),
                    Lang::En => format!(
                        "After {} weeks we ask whether you are still being followed up. If you do not answer, sharing ends by itself {} weeks after you last confirmed it. Nothing is deleted when sharing ends.",
                        weeks(RENEWAL_PROMPT_AFTER_DAYS),
                        weeks(LAPSE_AFTER_DAYS)
                    ),
                },
                t(
                    lang,
                    "Helsetjenesten ser også statistikk for grupper på minst 10 personer, der ingen enkeltperson kan kjennes igjen. Grunnlaget for deling er samtykket ditt (personvernforordningen art. 6 nr. 1 a og art. 9 nr. 2 a).",
                    "Your health service also sees statistics for groups of at least 10 people, in which no individual can be recognised. The basis for sharing is your consent (GDPR art. 6(1)(a) and art. 9(2)(a)).",
                ),
            ],
            vec![],
        ),
        section(
            "private",
            &t(lang, "Kode uten helsetjeneste: gavekort og kortbetaling", "A code without a health service: voucher and card payment"),
            vec![
                t(
                    lang,
                    "Du kan også få en kode uten helsetjeneste: med et gavekort, eller ved å betale med kort der tjenesten tilbyr det. En slik kode tilhører ingen helsetjeneste. Du får ikke spørsmål om deling, ingen fagperson kan se registreringene dine, og de telles ikke med i noen helsetjenestes statistikk.",
                    "You can also get a code without a health service: with a voucher, or by paying by card where the service offers it. Such a code belongs to no health service. You are not asked about sharing, no professional can see your registrations, and they are counted in no health service's statistics.",
                ),
                t(
                    lang,
                    "Gavekort lagres bare som en nøkkelbeskyttet sjekksum og merkes som brukt når de løses inn, uten tidspunkt og uten noen kobling til koden du får. For koden lagrer vi bare datoen den ble laget og datoen du første gang logget inn, ikke klokkeslettet.",
                    "Vouchers are stored only as a keyed checksum and marked as used when redeemed, with no time and no link to the code you get. For the code we store only the date it was made and the date you first logged in, not the time of day.",
                ),
                match lang {
                    Lang::Nb => format!(
                        "Betaler du med kort, skjer betalingen hos Stripe, som er ansvarlig for betalingen og kortopplysningene. Vil du ha kvittering, oppgir du e-post bare hos Stripe. Vi sender Stripe ingen e-post, ingen kode og ingenting om deg, bare en tilfeldig referanse. Når betalingen er bekreftet, henter nettleseren din koden én gang, og referansen slettes hos oss. Etter det finnes ingen kobling mellom betalingen og koden. En referanse som ikke er hentet, slettes etter {} dager.",
                        PURCHASE_CLAIM_TTL_MS / DAY_MS
                    ),
                    Lang::En => format!(
                        "If you pay by card, you pay at Stripe, which is responsible for the payment and the card details. If you want a receipt, you give an e-mail address at Stripe only. We send Stripe no e-mail, no code and nothing about you, only a random reference. When the payment is confirmed, your browser fetches the code once, and we delete the reference. After that there is no link between the payment and the code. A reference that is never fetched is deleted after {} days.",
                        PURCHASE_CLAIM_TTL_MS / DAY_MS
                    ),
                },
            ],
            vec![],
        ),
        section(
            "retention",
            &t(lang, "Hvor lenge vi lagrer", "How long we keep data"),
            vec![],
            vec![
                match lang {
                    Lang::Nb => format!("En kode som ikke er brukt til å logge inn på {CODE_UNUSED_YEARS} år, slås av, og alt som er lagret med den, slettes."),
                    Lang::En => format!("A code not used to log in for {CODE_UNUSED_YEARS} years is switched off, and everything stored with it is deleted."),
                },
                match lang {
                    Lang::Nb => format!("Teksten i en tilbakemelding slettes når den er behandlet; at den kom og når den ble behandlet, ser du under «{settings}» til den slettes helt, senest etter {FEEDBACK_MAX_AGE_DAYS} dager."),
                    Lang::En => format!("The text of a message is deleted when it has been handled; that it arrived and when it was handled stays visible to you under \"{settings}\" until the whole message is deleted, at the latest after {FEEDBACK_MAX_AGE_DAYS} days."),
                },
                match lang {
                    Lang::Nb => format!(
                        "En innlogging varer til du logger ut, til den har vært ubrukt i {}, og aldri mer enn {}.",
                        duration(SESSION_IDLE_MS, lang),
                        duration(SESSION_ABSOLUTE_MS, lang)
                    ),
                    Lang::En => format!(
                        "A login lasts until you log out, until it has been unused for {}, and never more than {}.",
                        duration(SESSION_IDLE_MS, lang),
                        duration(SESSION_ABSOLUTE_MS, lang)
                    ),
                },
                match lang {
                    Lang::Nb => format!(
                        "En lenkekode for en annen enhet virker én gang i {}. En ny kode må bekreftes innen {}.",
                        duration(DEVICE_LINK_TTL_MS, lang),
                        duration(PENDING_CODE_TTL_MS, lang)
                    ),
                    Lang::En => format!(
                        "A link code for another device works once, for {}. A new code must be confirmed within {}.",
                        duration(DEVICE_LINK_TTL_MS, lang),
                        duration(PENDING_CODE_TTL_MS, lang)
                    ),
                },
                match lang {
                    Lang::Nb => format!(
                        "For å stoppe misbruk teller vi forsøk per IP-adresse som en sjekksum med en nøkkel som byttes hver dag. Den slettes etter {}.",
                        duration(RATE_LIMIT_KEY_MAX_AGE_MS, lang)
                    ),
                    Lang::En => format!(
                        "To stop abuse we count attempts per IP address as a checksum under a key that changes every day. It is deleted after {}.",
                        duration(RATE_LIMIT_KEY_MAX_AGE_MS, lang)
                    ),
                },
                match lang {
                    Lang::Nb => format!(
                        "Det du sletter, kan ligge i databasens sikkerhetskopier i opptil {} dager før det er borte for godt.",
                        d.backup_retention_days
                    ),
                    Lang::En => format!(
                        "What you delete can remain in the database's backups for up to {} days before it is gone for good.",
                        d.backup_retention_days
                    ),
                },
            ],
        ),
        section(
            "storage",
            &t(lang, "Informasjonskapsler og lagring i nettleseren", "Cookies and storage in your browser"),
            vec![t(
                lang,
                "Mestring bruker bare det som trengs for at tjenesten skal virke. Vi bruker ingen analyse, ingen annonser og ingen sporing, og henter ingenting fra andre nettsteder.",
                "Mestring uses only what the service needs to work. We use no analytics, no advertising and no tracking, and load nothing from other websites.",
            )],
            storage::ALL
                .iter()
                .map(|e| {
                    let place = match (e.place, lang) {
                        (Place::Cookie, Lang::Nb) => "informasjonskapsel",
                        (Place::Cookie, Lang::En) => "cookie",
                        (Place::LocalStorage, Lang::Nb) => "lokal lagring",
                        (Place::LocalStorage, Lang::En) => "local storage",
                        (Place::CacheStorage, Lang::Nb) => "hurtigbuffer",
                        (Place::CacheStorage, Lang::En) => "cache storage",
                    };
                    let name = if e.prefix {
                        format!("{}…", e.name)
                    } else {
                        e.name.to_string()
                    };
                    format!("{name} ({place}): {} {}.", e.purpose(lang), {
                        let life = e.lifetime_text(lang);
                        match lang {
                            Lang::Nb => format!("Varer {life}"),
                            Lang::En => format!("Kept {life}"),
                        }
                    })
                })
                .collect(),
        ),
        section(
            "processors",
            &t(lang, "Hvor dataene er, og hvem som behandler dem", "Where the data is, and who processes it"),
            vec![match lang {
                Lang::Nb => format!("Dataene lagres i {}.", pick(&d.data_location.region)),
                Lang::En => format!("The data is stored in {}.", pick(&d.data_location.region)),
            }],
            d.processors
                .iter()
                .map(|p| {
                    format!(
                        "{}: {} {} {}",
                        p.name,
                        pick(&p.role),
                        pick(&p.data),
                        pick(&p.transfer_basis)
                    )
                })
                .collect(),
        ),
        section(
            "rights",
            &t(lang, "Rettighetene dine, og hvor i appen du bruker dem", "Your rights, and where in the app to use them"),
            vec![],
            vec![
                match lang {
                    Lang::Nb => format!("Innsyn og dataportabilitet: last ned alt vi har lagret om deg under «{settings}» (JSON, og skjemasvar som FHIR)."),
                    Lang::En => format!("Access and portability: download everything we store about you under \"{settings}\" (JSON, and questionnaire answers as FHIR)."),
                },
                match lang {
                    Lang::Nb => format!("Retting: fjern en registrering som ble feil under «{}», og svar på nytt.", HISTORY.nb),
                    Lang::En => format!("Correction: remove a registration that went wrong under \"{}\", and answer again.", HISTORY.en),
                },
                match lang {
                    Lang::Nb => format!("Sletting: slett alt under «{settings}». Koden slutter å virke, og notatene på enheten slettes også."),
                    Lang::En => format!("Erasure: delete everything under \"{settings}\". The code stops working, and the notes on the device are deleted too."),
                },
                match lang {
                    Lang::Nb => format!("Trekke samtykket: slutt å dele under «{settings}» når som helst."),
                    Lang::En => format!("Withdraw consent: stop sharing under \"{settings}\" at any time."),
                },
                match lang {
                    Lang::Nb => format!("Se hvem som har sett dataene dine: under «{settings}»."),
                    Lang::En => format!("See who has looked at your data: under \"{settings}\"."),
                },
                match lang {
                    Lang::Nb => format!("Bytte kode, hvis noen kan ha sett den: under «{settings}». Du velger da om helsetjenesten fortsatt skal se deg. Velger du nei, slutter delingen, og de ser bare at koden ble byttet og datoen."),
                    Lang::En => format!("Change your code, if someone may have seen it: under \"{settings}\". You then choose whether your health service keeps seeing you. If you choose no, sharing ends, and they only see that the code was changed and the date."),
                },
            ],
        ),
        section(
            "complaints",
            &t(lang, "Spørsmål og klage", "Questions and complaints"),
            vec![
                match lang {
                    Lang::Nb => format!("Spørsmål om personvern: skriv til {}.", o.email),
                    Lang::En => format!("Questions about privacy: write to {}.", o.email),
                },
                format!(
                    "{} {} ({})",
                    pick(&d.supervisory_authority.how_to_complain),
                    d.supervisory_authority.name,
                    d.supervisory_authority.web
                ),
                match lang {
                    Lang::Nb => format!("Trenger du hjelp nå, se «{}».", HELP.nb),
                    Lang::En => format!("If you need help now, see \"{}\".", HELP.en),
                },
            ],
            vec![],
        ),
        section(
            "version",
            &t(lang, "Versjon og endringer", "Version and changes"),
            vec![match lang {
                Lang::Nb => format!(
                    "Denne erklæringen gjelder fra {}.",
                    date_of_text(&d.notice.version, lang)
                ),
                Lang::En => format!(
                    "This notice applies from {}.",
                    date_of_text(&d.notice.version, lang)
                ),
            }],
            d.notice
                .changes
                .iter()
                .map(|c| format!("{}: {}", date_of_text(&c.date, lang), pick(&c.text)))
                .collect(),
        ),
    ]
}

/// Changes newer than the version a user last saw, newest first (for the "notice changed"
/// banner). None seen means nothing to show: the notice was linked where they logged in.
pub fn changes_since<'a>(
    d: &'a Deployment,
    seen: Option<&str>,
) -> Vec<&'a crate::deployment::Change> {
    match seen {
        None => Vec::new(),
        Some(seen) => d
            .notice
            .changes
            .iter()
            .filter(|c| c.date.as_str() > seen)
            .collect(),
    }
}

/// The notice for professionals (staff mode): what is stored about them.
pub fn staff_notice(d: &Deployment, lang: Lang) -> Vec<Section> {
    let o = &d.operator;
    vec![
        section(
            "controller",
            &t(lang, "Hvem som har ansvaret", "Who is responsible"),
            vec![match lang {
                Lang::Nb => format!(
                    "{} (org.nr. {}) driver Mestring og behandler opplysningene om deg som fagperson på vegne av virksomheten din. Spørsmål: {}.",
                    o.name, o.organisation_number, o.email
                ),
                Lang::En => format!(
                    "{} (organisation number {}) runs Mestring and processes the data about you as a professional on behalf of your business. Questions: {}.",
                    o.name, o.organisation_number, o.email
                ),
            }],
            vec![],
        ),
        section(
            "stored",
            &t(lang, "Hva som lagres om deg", "What is stored about you"),
            vec![],
            [
                (
                    "E-postadressen din og rollen din i virksomheten, eller for en verktøyforvalter: programmet (en navngitt gruppe virksomheter) kontoen hører til.",
                    "Your e-mail address and your role in the business, or for a tool manager: the programme (a named group of businesses) the account belongs to.",
                ),
                (
                    "Passordet ditt bare som en nøkkelbeskyttet sjekksum av en Argon2id-hash som nettleseren din lager. Selve passordet sendes aldri.",
                    "Your password only as a keyed checksum of an Argon2id hash your browser makes. The password itself is never sent.",
                ),
                (
                    "Hemmeligheten til autentiseringsappen din, kryptert, hvis du har slått på totrinnsinnlogging.",
                    "The secret of your authenticator app, encrypted, if you have turned on two-step login.",
                ),
                (
                    "En logg over når du så en deltakers data (hvem, hva og når), også siste nivå og varsel i deltakerlisten. Superbrukeren i virksomheten kan lese den; deltakeren ser bare dato og virksomhet, aldri hvem.",
                    "A log of when you looked at a participant's data (who, what and when), also their latest level and flag in the list of participants. The super user of your business can read it; the participant sees only the date and the business, never who.",
                ),
                (
                    "Når kontoen ble opprettet, og når du sist logget inn.",
                    "When your account was created, and when you last logged in.",
                ),
                (
                    "Innloggingsøkter som en sjekksum.",
                    "Login sessions as a checksum.",
                ),
                (
                    "Under «Min konto» ser du alt dette, med det du har gjort i loggen, og kan laste det ned. Der kan du også slette kontoen din. Loggen beholder da hva som ble gjort og når, men ikke hvem: radene dine blir stående som «slettet konto», og adressen din fjernes fra dem.",
                    "Under \"My account\" you see all of this, with what you have done in the log, and can download it. There you can also delete your account. The log then keeps what was done and when, but not who: your rows stay as \"deleted account\", and your address is removed from them.",
                ),
            ]
            .iter()
            .map(|(nb, en)| t(lang, nb, en))
            .collect(),
        ),
        section(
            "retention",
            &t(lang, "Hvor lenge", "How long"),
            vec![match lang {
                Lang::Nb => format!(
                    "En innlogging varer til du logger ut, til den har vært ubrukt i {}, og aldri mer enn {}. Kontoen din og invitasjonene slettes når virksomheten avslutter bruken av Mestring (driftsoperatøren stenger den); da slettes også loggføringene om ansatte, mens deltakerne beholder datoen for når en fagperson så dataene deres.",
                    duration(SESSION_IDLE_MS, lang),
                    duration(SESSION_ABSOLUTE_MS, lang)
                ),
                Lang::En => format!(
                    "A login lasts until you log out, until it has been unused for {}, and never more than {}. Your account and invitations are deleted when your business stops using Mestring (the operator closes it); the log rows about staff go too, while participants keep the date when a professional looked at their data.",
                    duration(SESSION_IDLE_MS, lang),
                    duration(SESSION_ABSOLUTE_MS, lang)
                ),
            }],
            vec![],
        ),
        section(
            "storage",
            &t(lang, "Informasjonskapsel", "Cookie"),
            vec![match lang {
                Lang::Nb => format!("{}: holder deg innlogget i fagmodus. Ingen sporing.", storage::STAFF_COOKIE),
                Lang::En => format!("{}: keeps you logged in to staff mode. No tracking.", storage::STAFF_COOKIE),
            }],
            vec![],
        ),
    ]
}
