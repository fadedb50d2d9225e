//! UI language: bokmål by default, English on request, remembered on the device; the chosen
//! language is shared with every component through [`LangCtx`] ([`use_lang`]). Pure parts (the
//! choice of language, the strings) are tested natively.

pub use content::Lang;
use content::pages;
use leptos::prelude::{RwSignal, use_context};

/// The UI language, shared through context: provided once by the app, read by every component
/// that shows text.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

/// The UI language of the app (bokmål outside the app, e.g. in a test of one component).
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<LangCtx>()
        .map(|c| c.0)
        .unwrap_or_else(|| RwSignal::new(Lang::Nb))
}

/// A stored choice wins; otherwise the first browser language we speak; otherwise bokmål.
pub fn pick(stored: Option<&str>, browser: &[String]) -> Lang {
    stored
        .and_then(Lang::from_tag)
        .or_else(|| browser.iter().find_map(|l| Lang::from_tag(l)))
        .unwrap_or(Lang::Nb)
}

/// A table of user-facing strings in both languages: `Table, NB, EN; name: "bokmål", "English"; …`
/// makes the struct `Table` with one field per name, its bokmål values `NB` and its English
/// values `EN`. `{}` marks where [`fill`] puts values, in order. The end user's strings are
/// [`Ui`] below; staff mode has its own table made the same way (`staff::i18n`), so the
/// end-user bundle carries none of the professionals' strings.
macro_rules! texts {
    ($table:ident, $nb_values:ident, $en_values:ident; $($name:ident: $nb:expr, $en:expr;)*) => {
        pub struct $table { $(pub $name: &'static str,)* }
        pub const $nb_values: $table = $table { $($name: $nb,)* };
        pub const $en_values: $table = $table { $($name: $en,)* };
    };
    // A table that adds to another: its values read through to the other's (`Deref`).
    ($table:ident over $base:ident, $nb_values:ident over $base_nb:ident, $en_values:ident over $base_en:ident;
     $($name:ident: $nb:expr, $en:expr;)*) => {
        pub struct $table { base: &'static $base, $(pub $name: &'static str,)* }
        pub const $nb_values: $table = $table { base: &$base_nb, $($name: $nb,)* };
        pub const $en_values: $table = $table { base: &$base_en, $($name: $en,)* };
        impl std::ops::Deref for $table {
            type Target = $base;
            fn deref(&self) -> &$base {
                self.base
            }
        }
    };
}
#[cfg_attr(not(feature = "staff"), allow(unused_imports))]
pub(crate) use texts;

// Every user-facing string of the end user's pages, in both languages.
texts! {
    Ui, NB, EN;
    app_name: "Mestring", "Mestring";
    tagline: "Selvhjelp på nett – uten navn og e-post", "Self-help online – no name, no e-mail";
    skip_to_content: "Hopp til innholdet", "Skip to content";
    switch_language: "English", "Norsk";
    switch_language_label: "Change language to English", "Bytt språk til norsk";
    nav_label: "Hovedmeny", "Main menu";
    nav_home: "Logg inn", "Log in";
    nav_overview: pages::OVERVIEW.nb, pages::OVERVIEW.en;
    nav_tools: pages::TOOLS.nb, pages::TOOLS.en;
    nav_history: pages::HISTORY.nb, pages::HISTORY.en;
    nav_settings: pages::SETTINGS.nb, pages::SETTINGS.en;
    nav_help: pages::HELP.nb, pages::HELP.en;
    logout: "Logg ut", "Log out";
    session_ended: "Økten din er avsluttet.", "Your session has ended.";
    session_ended_login: "Logg inn på nytt", "Log in again";
    login_title: "Logg inn med tilgangskode", "Log in with your access code";
    login_intro: "Du har fått en tilgangskode fra helsetjenesten din. Du trenger ikke oppgi navn eller e-post.", "Your health service gave you an access code. You never need to give your name or e-mail.";
    code_label: "Tilgangskode", "Access code";
    code_hint: "13 tegn, for eksempel ABCD-EFGH-JKMN-P. Store eller små bokstaver, med eller uten bindestrek.", "13 characters, for example ABCD-EFGH-JKMN-P. Upper or lower case, with or without dashes.";
    show_code: "Vis koden mens jeg skriver", "Show the code while I type";
    login_button: "Logg inn", "Log in";
    code_empty: "Skriv inn tilgangskoden din.", "Enter your access code.";
    code_bad_symbol: "Tegnet «{}» (tegn nummer {}) brukes ikke i koder. Sjekk at du har skrevet av riktig.", "The character “{}” (character {}) is never used in codes. Check that you copied it correctly.";
    code_too_short: "Koden er for kort. En kode har 13 tegn.", "The code is too short. A code has 13 characters.";
    code_too_long: "Koden er for lang. En kode har 13 tegn.", "The code is too long. A code has 13 characters.";
    code_typo: "Koden har en skrivefeil. Sjekk hvert tegn en gang til.", "The code has a typo. Check each character once more.";
    login_wrong: "Koden stemmer ikke, eller den er ikke i bruk lenger. Sjekk koden og prøv igjen.", "That code does not work: it is wrong or no longer in use. Check it and try again.";
    login_throttled: "For mange forsøk. Vent {} minutt(er) før du prøver igjen.", "Too many attempts. Wait {} minute(s) before you try again.";
    login_offline: "Får ikke kontakt med tjenesten. Sjekk nettforbindelsen og prøv igjen.", "Cannot reach the service. Check your connection and try again.";
    login_busy: "Logger inn …", "Logging in …";
    unlocking: "Låser opp notatene dine på denne enheten. Det tar et par sekunder …", "Unlocking your notes on this device. This takes a couple of seconds …";
    link_title: "Fortsette fra en annen enhet", "Continue from another device";
    link_intro: "Har du laget en lenkekode i Innstillinger på en annen enhet? Skriv den inn her.", "Did you make a link code in Settings on another device? Enter it here.";
    link_label: "Lenkekode", "Link code";
    link_hint: "10 tegn, for eksempel ABCDE-12345. Virker én gang, i 15 minutter.", "10 characters, for example ABCDE-12345. Works once, for 15 minutes.";
    link_button: "Fortsett", "Continue";
    link_empty: "Skriv inn lenkekoden.", "Enter the link code.";
    link_wrong: "Lenkekoden stemmer ikke, er brukt eller har gått ut. Lag en ny på den andre enheten.", "That link code is wrong, used or expired. Make a new one on the other device.";
    deleted: "Alt er slettet. Koden virker ikke lenger.", "Everything is deleted. The code no longer works.";
    logged_out: "Du er logget ut.", "You are logged out.";
    loading: "Laster …", "Loading …";
    error_generic: "Noe gikk galt. Prøv igjen.", "Something went wrong. Please try again.";
    business_title: "Slik når du {}", "How to reach {}";
    business_intro: "Koden din er utstedt av {}. Deler du registreringene dine, er det fagfolk der som ser dem, og det er dem du kontakter om det du har delt.", "Your code was issued by {}. If you share your registrations, professionals there see them, and they are the ones to contact about what you have shared.";
    business_contact: "Kontakt", "Contact";
    business_address: "Adresse", "Address";
    business_web: "Nettside", "Web site";
    next: "Neste", "Next";
    working_translation: "Arbeidsoversettelse, ikke validert på norsk.", "Working translation, not validated.";
    crisis_title: "Trenger du hjelp nå?", "Do you need help now?";
    crisis_intro: "Du svarte at du har hatt tanker om at du ville vært bedre død, eller om å skade deg selv. Du trenger ikke være alene med det. Ring eller snakk med noen nå:", "You answered that you have had thoughts that you would be better off dead, or of hurting yourself. You do not have to be alone with this. Call or talk to someone now:";
    crisis_not_watched: "Ingen følger med på Mestring hele døgnet. Svaret ditt varsler ingen nå.", "Nobody watches Mestring around the clock. Your answer alerts no one now.";
    crisis_shared: "Du deler registreringene dine med {}. Der ser de svaret først neste gang de åpner Mestring, og det kan ta dager. Trenger du hjelp nå, ring.", "You share your registrations with {}. They see this answer only the next time they open Mestring, which can take days. If you need help now, call.";
    crisis_not_shared: "Du deler ikke registreringene dine, så ingen i helsetjenesten ser dette svaret. Trenger du hjelp nå, ring.", "You do not share your registrations, so nobody in the health service sees this answer. If you need help now, call.";
    crisis_chat: "Chat", "Chat";
    crisis_chat_label: "Chat med {} (åpner nettsiden deres)", "Chat with {} (opens their website)";
    help_title: pages::HELP.nb, pages::HELP.en;
    help_intro: "Er du i fare, eller har du tanker om å skade deg selv eller ta livet ditt? Du trenger ikke være alene med det. Ring eller skriv til en av disse nå. Alle er gratis.", "Are you in danger, or do you have thoughts of hurting yourself or ending your life? You do not have to be alone with this. Call or write to one of these now. All are free of charge.";
    help_not_watched: "Mestring er ikke en akuttjeneste. Ingen følger med på det du registrerer her hele døgnet, og ingen blir varslet av svarene dine.", "Mestring is not an emergency service. Nobody watches what you register here around the clock, and your answers alert no one.";
    help_offline: "Denne siden virker også uten nett når du har åpnet Mestring én gang.", "This page also works offline once you have opened Mestring one time.";
    col_date: "Dato", "Date";
    col_change: "Endring fra første svar", "Change since the first answer";
    change_improved: "Pålitelig bedring", "Reliable improvement";
    change_deteriorated: "Pålitelig forverring", "Reliable deterioration";
    change_none: "Ingen pålitelig endring", "No reliable change";
    change_first: "Første svar", "First answer";
    since: "Siden {}.", "Since {}.";
    voucher_link: "Har du et gavekort eller vil du kjøpe tilgang? Få en kode uten helsetjeneste", "Have a voucher, or want to buy access? Get a code without a health service";
    feedback_title: "Gi tilbakemelding", "Give feedback";
    not_found_title: "Fant ikke siden", "Page not found";
    not_found_body: "Adressen finnes ikke i Mestring.", "That address does not exist in Mestring.";
    back_home: "Til forsiden", "Go to the start page";
    unavailable_title: "Siden kunne ikke lastes", "This page could not be loaded";
    unavailable_body: "Denne delen av Mestring er ikke lastet ned til enheten ennå, og det er ingen nettforbindelse. Svar du har gitt, er tatt vare på. Prøv igjen når du er på nett.", "This part of Mestring is not on this device yet, and there is no connection. Answers you have given are kept. Try again when you are online.";
    unavailable_retry: "Prøv igjen", "Try again";
    service_checking: "Sjekker forbindelsen …", "Checking the connection …";
    service_ok: "Tjenesten er tilgjengelig.", "The service is available.";
    service_down: "Får ikke kontakt med tjenesten akkurat nå.", "Cannot reach the service right now.";
    privacy_note: "Vi vet ikke hvem du er: vi lagrer aldri navn, e-post eller IP-adresse. Det du skriver selv, blir kryptert på enheten din.", "We do not know who you are: we never store a name, e-mail or IP address. What you write yourself stays encrypted on your device.";
    privacy_link_label: "Les personvernerklæringen", "Read the privacy notice";
    notice_changed_title: "Personvernerklæringen er endret", "The privacy notice has changed";
    notice_changed_read: "Les hele erklæringen", "Read the whole notice";
    notice_dismiss: "Lukk", "Close";
}

// The strings only the other pages show: in the end user's bundle they travel with those pages'
// chunks, not with the login page. `Pages` reads through to `Ui` for the frame's strings.
texts! {
    Pages over Ui, PAGES_NB over NB, PAGES_EN over EN;
    your_service: "helsetjenesten din", "your health service";
    consent_title: "Deling med helsetjenesten", "Sharing with your health service";
    consent_question: "Vil du dele registreringene dine med {}?", "Do you want to share your registrations with {}?";
    consent_explain: "Hvis du sier ja, kan fagfolk hos {} se svarene dine på skjemaene og hvor langt du har kommet i verktøyene. De ser aldri det du skriver selv: det blir bare på enheten din. Du kan ombestemme deg når som helst i Innstillinger.", "If you say yes, professionals at {} can see your questionnaire answers and how far you have come in the tools. They never see what you write yourself: that stays on your device. You can change your mind at any time in Settings.";
    consent_yes: "Ja, del med {}", "Yes, share with {}";
    consent_no: "Nei, ikke del", "No, do not share";
    consent_later: "Bestem senere (ingenting deles nå)", "Decide later (nothing is shared now)";
    consent_save: "Lagre valget", "Save my choice";
    consent_pick: "Velg ett av svarene.", "Choose one of the answers.";
    renewal_title: "Følges du fortsatt opp?", "Are you still being followed up?";
    renewal_question: "Følges du fortsatt opp av {}?", "Are you still being followed up by {}?";
    renewal_explain: "Du har delt registreringene dine med {} en stund. Svarer du ja, fortsetter delingen. Svarer du nei, slutter delingen nå. Svarer du ikke innen fire uker, slutter delingen av seg selv. Ingenting blir slettet: du beholder alt du har registrert, og du kan dele igjen senere i Innstillinger.", "You have shared your registrations with {} for a while. If you answer yes, sharing goes on. If you answer no, sharing ends now. If you do not answer within four weeks, sharing ends by itself. Nothing is deleted: you keep everything you have registered, and you can share again later in Settings.";
    renewal_yes: "Ja, jeg følges fortsatt opp", "Yes, I am still followed up";
    renewal_no: "Nei, slutt å dele", "No, stop sharing";
    save_failed: "Det gikk ikke å lagre. Prøv igjen.", "Could not save. Please try again.";
    home_title: "Oversikt", "Overview";
    due_title: "Skjemaer", "Questionnaires";
    due_now: "Nå", "Now";
    due_next: "Neste gang: {}", "Next time: {}";
    due_none: "Ingen skjemaer å fylle ut nå.", "No questionnaires to fill in now.";
    optional: "frivillig", "optional";
    tool_title: "Ditt verktøy", "Your tool";
    tool_progress: "{} av {} steg fullført", "{} of {} steps done";
    inbox_title: "Fra helsetjenesten", "From your health service";
    inbox_empty: "Ingenting nytt.", "Nothing new.";
    inbox_done: "fullført", "done";
    inbox_sent: "sendt {}", "sent {}";
    more_title: "Mer", "More";
    all_tools: "Alle verktøy", "All tools";
    history_link: "Se historikken din", "See your history";
    pending_notice: "{} svar venter på å bli sendt. De sendes når du er på nett igjen.", "{} answer(s) waiting to be sent. They are sent when you are online again.";
    stale_notice: "Noen notater på denne enheten kan ikke leses med denne koden. De ble laget med en annen kode eller i en annen nettleser, og forblir uleselige.", "Some notes on this device cannot be read with this code. They were made with another code or in another browser, and stay unreadable.";
    question_of: "Spørsmål {} av {}", "Question {} of {}";
    back: "Tilbake", "Back";
    cancel: "Avbryt", "Cancel";
    choose_first: "Velg et svar før du går videre.", "Choose an answer before you go on.";
    review_title: "Se over svarene", "Check your answers";
    review_intro: "Du kan endre et svar før du sender inn.", "You can change an answer before you submit.";
    change: "Endre", "Change";
    change_label: "Endre svar på spørsmål {}", "Change the answer to question {}";
    submit: "Send inn", "Submit";
    sending: "Sender …", "Sending …";
    result_title: "Resultatet ditt", "Your result";
    result_score: "Sum: {} av {}", "Score: {} out of {}";
    result_band: "Nivå: {}", "Level: {}";
    result_about: "Skåren sier noe om hvordan du har hatt det den siste tiden. Den er ikke en diagnose. Snakk med helsetjenesten din hvis du er bekymret.", "The score says something about how you have been lately. It is not a diagnosis. Talk to your health service if you are worried.";
    result_case: "Skåren er på eller over grensen der det er vanlig å tilby hjelp.", "The score is at or above the level where help is usually offered.";
    result_not_case: "Skåren er under grensen der det er vanlig å tilby hjelp.", "The score is below the level where help is usually offered.";
    result_safety: "Du svarte at du har hatt tanker om å skade deg selv eller om at du ville vært bedre død. Det er viktig, uansett hva summen er. Ta kontakt med noen i dag: numrene står over.", "You answered that you have had thoughts of hurting yourself or that you would be better off dead. That matters, whatever the total. Contact someone today: the numbers are above.";
    result_contact_soon: "Skåren tyder på mange plager. Ta kontakt med fastlegen din snart, gjerne i løpet av få dager.", "The score points to a lot of distress. Contact your GP soon, within a few days if you can.";
    result_low_wellbeing: "Trivselen din er under grensen der det er vanlig å se nærmere på hvordan du har det. En PHQ-9 kan gi et fyldigere bilde.", "Your wellbeing is below the level where it is usual to look more closely at how you are. A PHQ-9 gives a fuller picture.";
    result_good_wellbeing: "Trivselen din er på eller over grensen for god trivsel.", "Your wellbeing is at or above the level for good wellbeing.";
    not_answered: "Ikke besvart", "Not answered";
    result_saved: "Svarene er lagret.", "Your answers are saved.";
    result_queued: "Du er uten nett. Svarene er lagret kryptert på enheten og sendes når du er på nett igjen.", "You are offline. Your answers are kept encrypted on this device and sent when you are online again.";
    result_rejected: "Svarene kunne ikke lagres.", "Your answers could not be saved.";
    unknown_instrument: "Fant ikke skjemaet.", "Questionnaire not found.";
    history_title: "Historikk", "History";
    fill_in_title: "Fyll ut et skjema", "Fill in a questionnaire";
    history_empty: "Du har ikke fylt ut noen skjemaer ennå.", "You have not filled in any questionnaires yet.";
    registrations_title: "Dine registreringer", "Your registrations";
    registrations_intro: "Ble noe feil? Fjern registreringen og svar på nytt.", "Did something go wrong? Remove the registration and answer again.";
    remove: "Fjern", "Remove";
    remove_which: "{} fra {}", "{} from {}";
    remove_confirm: "Fjerne {} fra {}? Den forsvinner fra historikken din, fra det fagpersonen din ser og fra statistikken. Du kan svare på nytt etterpå.", "Remove {} from {}? It disappears from your history, from what your professional sees and from the statistics. You can answer again afterwards.";
    remove_yes: "Ja, fjern", "Yes, remove";
    removed: "Registreringen er fjernet.", "The registration was removed.";
    remove_failed: "Kunne ikke fjerne registreringen. Prøv igjen.", "Could not remove the registration. Try again.";
    chart_desc: "{} svar. Siste sum: {} ({}). Fargede felt viser nivåene; en ring rundt et punkt betyr pålitelig endring fra første svar.", "{} answer(s). Latest score: {} ({}). Shaded areas show the levels; a ring around a point means reliable change since the first answer.";
    table_caption: "{}: alle svar", "{}: all answers";
    col_score: "Sum", "Score";
    col_band: "Nivå", "Level";
    tools_title: pages::TOOLS.nb, pages::TOOLS.en;
    tools_intro: "Programmer du kan gå gjennom i ditt eget tempo. Delene åpnes én etter én.", "Programmes you can work through at your own pace. The parts open one after another.";
    recommended: "Anbefalt for deg", "Recommended for you";
    part_locked: "Låst til du har fullført delen før.", "Locked until you finish the part before it.";
    part_done: "Fullført", "Done";
    part_steps: "{} av {} steg", "{} of {} steps";
    step_of: "Steg {} av {}", "Step {} of {}";
    to_parts: "Til delene", "Back to the parts";
    finish_part: "Fullfør delen", "Finish the part";
    part_complete: "Du har fullført denne delen. Bra jobbet!", "You have finished this part. Well done!";
    open_questionnaire: "Fyll ut skjemaet", "Fill in the questionnaire";
    part_unknown: "Fant ikke denne delen.", "Part not found.";
    local_note: "Det du skriver her, lagres kryptert bare på denne enheten og sendes aldri. Mister du enheten eller sletter nettleserdata, mister du teksten. Du kan laste den ned i Innstillinger.", "What you write here is stored encrypted only on this device and never sent. If you lose the device or clear browser data, the text is lost. You can download it in Settings.";
    local_save: "Lagre på enheten", "Save on this device";
    local_saved: "Lagret kryptert på denne enheten.", "Saved encrypted on this device.";
    local_unreadable: "Teksten som var lagret her, kan ikke leses med denne koden på denne enheten.", "The text stored here cannot be read with this code on this device.";
    unlock_title: "Lås opp notatene dine", "Unlock your notes";
    unlock_intro: "Notatene er kryptert med koden din. Skriv inn koden for å lese og skrive dem på denne enheten.", "Your notes are encrypted with your code. Enter the code to read and write them on this device.";
    unlock_button: "Lås opp", "Unlock";
    unlock_wrong: "Koden låser ikke opp notatene på denne enheten.", "That code does not unlock the notes on this device.";
    settings_title: "Innstillinger", "Settings";
    settings_intro: "Her kan du velge om du vil dele registreringene dine, bytte kode og slette dataene dine.", "Here you choose whether to share your registrations, change your code and delete your data.";
    settings_login: "Logg inn for å endre innstillingene.", "Log in to change your settings.";
    sharing_title: "Deling", "Sharing";
    state_granted: "Du deler registreringene dine med {}.", "You share your registrations with {}.";
    state_not_asked: "Du har ikke bestemt deg ennå. Ingenting deles.", "You have not decided yet. Nothing is shared.";
    state_declined: "Du har valgt å ikke dele.", "You chose not to share.";
    state_withdrawn: "Du har sluttet å dele.", "You stopped sharing.";
    state_expired: "Delingen ble avsluttet fordi den ikke ble bekreftet.", "Sharing ended because it was not confirmed.";
    state_not_applicable: "Koden din tilhører ingen helsetjeneste. Ingenting deles med noen.", "Your code belongs to no health service. Nothing is shared with anyone.";
    share_yes: "Ja, del", "Yes, share";
    share_no: "Nei, ikke del", "No, do not share";
    save: "Lagre", "Save";
    saved: "Lagret.", "Saved.";
    code_title: "Bytt kode", "Change your code";
    code_intro: "Du får en ny kode. Den gamle koden virker til du har skrevet inn den nye for å bekrefte at du har den. Bekrefter du ikke innen 15 minutter, blir den nye koden borte og den gamle virker som før. Notatene på denne enheten låses med den nye koden.", "You get a new code. Your old code keeps working until you type the new one back to confirm that you have it. If you do not confirm within 15 minutes, the new code is dropped and the old one works as before. The notes on this device are locked with the new code.";
    code_locked: "Notatene på denne enheten er låst. Lås dem opp først, ellers kan de ikke leses etter byttet.", "The notes on this device are locked. Unlock them first, or they cannot be read after the change.";
    code_start: "Lag ny kode", "Make a new code";
    code_new: "Den nye koden din", "Your new code";
    code_once: "Koden vises bare denne ene gangen. Skriv den ned eller lagre den i en passordbehandler.", "The code is shown only this once. Write it down or save it in a password manager.";
    code_type_back: "Skriv inn den nye koden for å bekrefte", "Type the new code to confirm";
    code_type_back_hint: "Den gamle koden virker til du har bekreftet. Den nye må bekreftes før {}.", "The old code works until you confirm. The new one must be confirmed before {}.";
    code_confirm: "Bekreft og bytt kode", "Confirm and change the code";
    code_mismatch: "Det er ikke den nye koden. Sjekk det du skrev ned, og prøv igjen.", "That is not the new code. Check what you wrote down and try again.";
    code_expired: "Den nye koden ble ikke bekreftet i tide og er borte. Den gamle koden virker fortsatt. Lag en ny kode hvis du vil bytte.", "The new code was not confirmed in time and is gone. Your old code still works. Make a new code if you want to change.";
    code_rekeying: "Låser notatene med den nye koden …", "Locking your notes with the new code …";
    code_keep_legend: "Skal {} fortsatt se registreringene dine med den nye koden?", "Should {} keep seeing your registrations with the new code?";
    code_keep_yes: "Ja, del som før", "Yes, share as before";
    code_keep_no: "Nei. De ser bare at koden ble byttet, og datoen.", "No. They only see that the code was changed, and the date.";
    code_left: "Den nye koden er ikke knyttet til {}. Registreringene, verktøyene og notatene dine er med videre.", "The new code is not linked to {}. Your registrations, tools and notes come with you.";
    code_finished: "Koden er byttet. Bruk den nye koden neste gang du logger inn.", "Your code is changed. Use the new code next time you log in.";
    slip_print: "Skriv ut koden", "Print the code";
    slip_heading: "Tilgangskode til Mestring", "Access code for Mestring";
    slip_keep: "Ta vare på koden. Den er nøkkelen til dataene dine, og ingen kan finne den igjen for deg.", "Keep this code safe. It is the key to your data, and nobody can look it up for you.";
    voucher_title: "Få en tilgangskode", "Get an access code";
    voucher_intro: "Med et gavekort får du en egen tilgangskode. Koden er ikke knyttet til noen helsetjeneste, og Mestring lagrer ingen kobling mellom gavekortet og koden. Ingen ansatte ser det du registrerer.", "A voucher gives you an access code of your own. The code belongs to no health service, and Mestring keeps no link between the voucher and the code. No professional sees what you register.";
    voucher_label: "Gavekortkode", "Voucher";
    voucher_hint: "12 tegn og ett kontrolltegn, som XXXX-XXXX-XXXX-X. Store eller små bokstaver, med eller uten bindestreker.", "12 characters and a check character, like XXXX-XXXX-XXXX-X. Upper or lower case, with or without dashes.";
    voucher_button: "Løs inn gavekortet", "Redeem the voucher";
    voucher_empty: "Skriv inn gavekortkoden.", "Type the voucher.";
    voucher_refused: "Dette gavekortet kan ikke brukes. Sjekk det du skrev. Et gavekort virker bare én gang.", "This voucher cannot be used. Check what you typed. A voucher works only once.";
    voucher_written: "Jeg har skrevet ned koden: skriv den inn for å bekrefte", "I have written the code down: type it to confirm";
    voucher_written_hint: "Slik vet du at du har den riktig. Koden virker allerede.", "This shows that you have it right. The code already works.";
    voucher_confirm: "Bekreft", "Confirm";
    voucher_mismatch: "Det er ikke koden over. Sjekk det du skrev ned.", "That is not the code above. Check what you wrote down.";
    voucher_done: "Bra. Logg inn med den nye koden.", "Good. Log in with your new code.";
    voucher_login: "Til innlogging", "Go to log in";
    purchase_title: "Kjøp tilgang med kort", "Buy access by card";
    purchase_intro: "Betalingen skjer hos Stripe. Mestring får ikke vite hvem du er, og kan ikke koble betalingen til koden din. Vil du ha kvittering, oppgir du e-post bare hos Stripe.", "You pay at Stripe. Mestring does not learn who you are and cannot link the payment to your code. If you want a receipt, you give an e-mail address at Stripe only.";
    purchase_button: "Betal med kort", "Pay by card";
    purchase_waiting: "Venter på bekreftelse av betalingen …", "Waiting for the payment to be confirmed …";
    purchase_failed: "Vi fikk ikke hentet koden. Last inn siden på nytt om litt. Har du betalt uten å få kode, kontakt oss.", "We could not fetch your code. Reload the page in a moment. If you paid and got no code, contact us.";
    device_title: "Fortsett på en annen enhet", "Continue on another device";
    device_intro: "Lag en lenkekode og skriv den inn på innloggingssiden på den andre enheten. Den virker én gang, i 15 minutter. Notatene dine blir ikke med: de finnes bare på denne enheten.", "Make a link code and enter it on the login page of the other device. It works once, for 15 minutes. Your notes do not come along: they exist only on this device.";
    device_make: "Lag lenkekode", "Make a link code";
    device_code: "Lenkekode", "Link code";
    device_expires: "Virker til {}.", "Works until {}.";
    export_title: "Last ned dataene dine", "Download your data";
    export_intro: "Her laster du ned det Mestring har lagret om deg. Notatene dine finnes bare på denne enheten: mister du enheten, mister du dem. Last dem ned hvis du vil ta vare på dem.", "Download what Mestring stores about you. Your notes exist only on this device: if you lose the device, you lose them. Download them if you want to keep them.";
    export_json: "Last ned alt (JSON)", "Download everything (JSON)";
    export_fhir: "Last ned skjemasvar (FHIR)", "Download questionnaire answers (FHIR)";
    export_local: "Last ned notatene på denne enheten (JSON)", "Download the notes on this device (JSON)";
    export_local_locked: "Lås opp notatene for å laste dem ned.", "Unlock your notes to download them.";
    access_title: "Hvem har sett dataene dine", "Who has looked at your data";
    access_none: "Ingen fagpersoner har sett dataene dine.", "No professional has looked at your data.";
    access_entry: "{}: en fagperson hos {}", "{}: a professional at {}";
    feedback_warning: "Ikke skriv navn, telefonnummer eller annet som viser hvem du er.", "Do not write your name, phone number or anything else that shows who you are.";
    feedback_not_help: "Tilbakemeldinger leses av dem som driver Mestring, ikke av helsetjenesten din, og ofte først etter noen dager. Trenger du hjelp nå, se «Hjelp nå» øverst på siden, eller ring 113.", "Feedback is read by the people who run Mestring, not by your health service, and often only after some days. If you need help now, see “Get help now” at the top of the page, or call 113.";
    feedback_kind: "Hva slags tilbakemelding?", "What kind of feedback?";
    feedback_suggestion: "Forslag til endring", "Suggest a change";
    feedback_evaluation: "Vurdering av Mestring", "Evaluation of Mestring";
    feedback_text: "Tilbakemeldingen din", "Your feedback";
    feedback_send: "Send tilbakemelding", "Send feedback";
    feedback_sent: "Takk! Tilbakemeldingen er sendt.", "Thank you! Your feedback is sent.";
    feedback_sent_list: "Det du har sendt", "What you have sent";
    feedback_received: "Mottatt {}", "Received {}";
    feedback_handled: "behandlet {}, teksten er slettet", "handled {}, the text is deleted";
    feedback_waiting: "ikke behandlet ennå", "not handled yet";
    feedback_empty: "Skriv noe før du sender.", "Write something before you send.";
    delete_title: "Slett alt", "Delete everything";
    delete_intro: "Alt som er lagret om deg hos Mestring slettes, og notatene på denne enheten også. Koden slutter å virke. Det kan ikke angres. Helsetjenesten ser bare at en kode er slettet.", "Everything Mestring stores about you is deleted, and the notes on this device too. The code stops working. This cannot be undone. Your health service only sees that a code was deleted.";
    delete_alternatives: "Vil du ta vare på noe, last ned dataene dine først (over). Vil du bare at helsetjenesten ikke skal se registreringene dine lenger, kan du slå av deling i stedet: da beholder du alt.", "If you want to keep anything, download your data first (above). If you only want your health service to stop seeing your registrations, you can turn sharing off instead: you then keep everything.";
    delete_word: "SLETT", "DELETE";
    delete_label: "Skriv SLETT for å bekrefte", "Type DELETE to confirm";
    delete_button: "Slett alt for godt", "Delete everything for good";
    delete_mismatch: "Skriv SLETT nøyaktig for å bekrefte.", "Type DELETE exactly to confirm.";
    privacy_title: pages::PRIVACY.nb, pages::PRIVACY.en;
    privacy_intro: "Her står hva Mestring lagrer, hvor lenge, hvem som kan se det, og hvordan du bruker rettighetene dine.", "What Mestring stores, for how long, who can see it, and how to use your rights.";
    staff_privacy_title: "Personvern for fagfolk", "Privacy for professionals";
}

/// Puts `args` into the `{}` slots of `template`, in order; extra slots stay empty.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut args = args.iter();
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

/// The texts of every page beyond the frame, the login, help and not-found pages, with the
/// frame's through `Deref`.
pub fn pages(lang: Lang) -> &'static Pages {
    match lang {
        Lang::Nb => &PAGES_NB,
        Lang::En => &PAGES_EN,
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
    fn fill_puts_values_in_order() {
        assert_eq!(fill("Spørsmål {} av {}", &["3", "9"]), "Spørsmål 3 av 9");
        assert_eq!(fill("no slots", &["x"]), "no slots");
        assert_eq!(fill("{} and {}", &["a"]), "a and ");
    }

    #[test]
    fn both_languages_fill_the_same_slots() {
        for (nb, en) in [
            (PAGES_NB.question_of, PAGES_EN.question_of),
            (PAGES_NB.consent_question, PAGES_EN.consent_question),
            (NB.login_throttled, EN.login_throttled),
            (NB.code_bad_symbol, EN.code_bad_symbol),
            (PAGES_NB.chart_desc, PAGES_EN.chart_desc),
        ] {
            assert_eq!(nb.matches("{}").count(), en.matches("{}").count(), "{nb}");
        }
        assert_ne!(PAGES_NB.delete_word, PAGES_EN.delete_word);
    }

    /// One term per thing, in both languages: the help page, the tools and the check-in are
    /// called the same in the menu, on their page, in other texts that point to them and in
    /// the content.
    #[test]
    fn one_name_per_thing() {
        for lang in Lang::ALL {
            let t = pages(lang);
            let help = content::pages::HELP.name(lang);
            assert_eq!(t.nav_help, help);
            assert_eq!(t.help_title, help);
            assert!(
                t.feedback_not_help.contains(help),
                "{}",
                t.feedback_not_help
            );
            assert_eq!(t.nav_tools, content::pages::TOOLS.name(lang));
            assert_eq!(t.tools_title, t.nav_tools);
            assert_eq!(t.nav_history, t.history_title);
            assert_eq!(t.nav_settings, t.settings_title);
            let checkin = content::instruments::get("checkin")
                .unwrap()
                .title
                .get(lang);
            assert_eq!(
                checkin,
                match lang {
                    Lang::Nb => "Daglig innsjekk",
                    Lang::En => "Daily check-in",
                }
            );
        }
        // The broken "finish the part before first" is gone.
        assert_eq!(
            PAGES_EN.part_locked,
            "Locked until you finish the part before it."
        );
    }

    /// index.html carries the login page as static markup, painted before the wasm arrives; its
    /// texts are these, in both languages, so nothing changes when the app takes it over.
    #[test]
    fn the_static_login_page_speaks_these_texts() {
        let index =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap();
        for t in [&NB, &EN] {
            for text in [
                t.app_name,
                t.tagline,
                t.skip_to_content,
                t.switch_language,
                t.switch_language_label,
                t.nav_label,
                t.nav_home,
                t.nav_help,
                t.nav_settings,
                t.login_title,
                t.login_intro,
                t.privacy_link_label,
                t.code_label,
                t.code_hint,
                t.show_code,
                t.login_button,
                t.link_title,
                t.link_intro,
                t.link_label,
                t.link_hint,
                t.link_button,
                t.privacy_note,
                t.service_checking,
            ] {
                assert!(index.contains(text), "app/index.html lacks {text:?}");
            }
        }
    }

    #[test]
    fn stored_choice_wins_over_browser() {
        assert_eq!(pick(Some("en"), &langs(&["nb"])), Lang::En);
        assert_eq!(pick(Some("garbage"), &langs(&["en"])), Lang::En);
    }
}
