//! Staff mode's strings in bokmål and English, in a table made by the same `texts!` as the end
//! user's (`crate::i18n`): one field per text, read as `ui(lang).name`; `{}` marks where
//! `crate::i18n::fill` puts values. Also the names of states, roles and bands.

use crate::i18n::texts;
use content::Lang;
use content::api::{ConsentState, FeedbackKind, StaffRole};
use content::scoring::ReliableChange;

texts! {
    StaffUi, NB, EN;
    loading: "Laster …", "Loading …";
    nav_label: "Ansattmeny", "Staff menu";
    participants: "Deltakere", "Participants";
    nav_stats: "Statistikk", "Statistics";
    nav_users: "Ansatte og logg", "Staff and log";
    security: "Sikkerhet", "Security";
    logout: "Logg ut", "Log out";
    consent_not_asked: "Ikke svart", "Not answered";
    sharing: "Deler", "Sharing";
    consent_declined: "Avslått", "Declined";
    consent_withdrawn: "Trukket tilbake", "Withdrawn";
    consent_expired: "Utløpt", "Expired";
    role_professional: "Fagperson", "Professional";
    role_super_user: "Superbruker", "Super user";
    role_tool_manager: "Verktøyforvalter", "Tool manager";
    role_support: "Brukerstøtte", "Support";
    change_improved: "Pålitelig bedring", "Reliable improvement";
    change_deteriorated: "Pålitelig forverring", "Reliable deterioration";
    change_none: "Ingen pålitelig endring", "No reliable change";
    change_not_assessed: "Ikke vurdert", "Not assessed";
    invite_title: "Velg passord", "Choose a password";
    invite_broken: "Invitasjonslenken virker ikke. Den kan være brukt eller eldre enn 7 dager. Be superbrukeren om en ny.", "The invitation link does not work. It may have been used or be older than 7 days. Ask your super user for a new one.";
    password_too_short: "Passordet må ha minst 12 tegn.", "The password needs at least 12 characters.";
    password_mismatch: "De to passordene er ikke like.", "The two passwords differ.";
    invite_used: "Invitasjonen er brukt eller utløpt.", "The invitation is used or expired.";
    error_generic: "Noe gikk galt. Prøv igjen.", "Something went wrong. Please try again.";
    invite_account_for: "Kontoen gjelder", "The account is for";
    new_password_legend: "Nytt passord (minst 12 tegn)", "New password (at least 12 characters)";
    password: "Passord", "Password";
    password_repeat: "Gjenta passordet", "Repeat the password";
    saving: "Lagrer …", "Saving …";
    invite_save: "Lagre passord og logg inn", "Save password and log in";
    login_empty: "Skriv inn e-post og passord.", "Enter your e-mail and password.";
    login_totp_required: "Skriv koden fra autentiseringsappen din.", "Type the code from your authenticator app.";
    login_wrong: "E-post eller passord stemmer ikke, eller kontoen er ikke aktiv.", "The e-mail or password is wrong, or the account is not active.";
    login_throttled: "For mange forsøk. Vent noen minutter før du prøver igjen.", "Too many attempts. Wait a few minutes before trying again.";
    error_offline: "Får ikke kontakt med tjenesten. Prøv igjen.", "Cannot reach the service. Please try again.";
    login_title: "Logg inn for ansatte", "Staff login";
    login_intro: "For fagpersoner som deler ut koder og følger opp deltakere.", "For professionals who issue codes and follow up participants.";
    login_account: "Konto", "Account";
    email: "E-post", "E-mail";
    login_totp: "Engangskode (hvis kontoen bruker det)", "One-time code (if your account uses it)";
    logging_in: "Logger inn …", "Logging in …";
    login_button: "Logg inn", "Log in";
    error_401: "Økten din er avsluttet. Logg inn på nytt.", "Your session has ended. Log in again.";
    session_ended: "Økten din er avsluttet.", "Your session has ended.";
    session_ended_login: "Logg inn på nytt", "Log in again";
    error_403: "Du har ikke tilgang til dette.", "You do not have access to this.";
    error_429: "For mange forsøk. Vent litt og prøv igjen.", "Too many attempts. Wait a while and try again.";
    error_422: "Noe i skjemaet er ikke gyldig.", "Something in the form is not valid.";
    overview_tool_manager: "Kontoen din gir tilgang til statistikk, ikke til enkeltpersoner.", "Your account gives access to statistics, not to individuals.";
    overview_to_stats: "Til statistikken", "To the statistics";
    participants_with_code: "Deltakere med kode", "Participants with a code";
    participants_caption: "Skår, endring og varsel vises bare for deltakere som deler nå.", "Scores, change and flags are shown only for participants who share now.";
    col_reference: "Referanse", "Reference";
    col_issued: "Utdelt", "Issued";
    col_tool: "Verktøy", "Tool";
    col_sharing: "Deling", "Sharing";
    col_last_active: "Sist aktiv", "Last active";
    col_latest_score: "Siste skår", "Latest score";
    col_flag: "Varsel", "Flag";
    participants_none: "Ingen koder er delt ut ennå.", "No codes have been issued yet.";
    find_legend: "Finn deltaker", "Find a participant";
    find_reference: "Referanse (de første tegnene i koden)", "Reference (the first symbols of the code)";
    find_reference_hint: "For eksempel A7K2. Store eller små bokstaver, O og 0 regnes likt.", "For example A7K2. Upper or lower case; O and 0 count the same.";
    find_button: "Søk", "Search";
    find_search_invalid: "En referanse er 1–4 tegn: tall og bokstaver fra koden.", "A reference is 1–4 symbols: digits and letters from the code.";
    find_show: "Vis", "Show";
    find_all: "Alle", "Everyone";
    find_sharing: "Deler nå", "Sharing now";
    find_flagged: "Deler, med varsel", "Sharing, flagged";
    find_due: "Deler, skjema til utfylling", "Sharing, questionnaire due";
    find_deleted: "Slettinger", "Deletions";
    find_order: "Rekkefølge", "Order";
    sort_issued: "Nyeste kode først", "Newest code first";
    sort_last_active: "Sist aktiv først", "Last active first";
    sort_band: "Alvorligste siste nivå først", "Most severe latest level first";
    find_none: "Ingen deltakere passer til søket.", "No participants match the search.";
    pages_label: "Sider", "Pages";
    page_previous: "Forrige side", "Previous page";
    page_next: "Neste side", "Next page";
    page_of: "Side {} av {} ({} treff)", "Page {} of {} ({} matches)";
    deletions_title: "Slettinger", "Deletions";
    deletions_none: "Ingen har slettet dataene sine.", "Nobody has deleted their data.";
    deletions_caption: "Deltakere som har slettet alle dataene sine. Koden virker ikke lenger.", "Participants who deleted all their data. The code no longer works.";
    col_deleted: "Slettet", "Deleted";
    code_changes_title: "Byttet kode", "Code changed";
    code_changes_caption: "Deltakere som byttet kode og sluttet å dele med dere. Dere ser bare den gamle referansen og datoen.", "Participants who changed code and stopped sharing with you. You see only the old reference and the date.";
    col_code_changed: "Kode byttet", "Code changed";
    flag_self_harm: "Selvskade-spørsmål besvart", "Self-harm item answered";
    issue_count_invalid: "Antall må være fra 1 til 500.", "The number must be 1 to 500.";
    issue_title: "Del ut koder", "Issue codes";
    issue_legend: "Nye tilgangskoder", "New access codes";
    issue_count: "Antall (1–500)", "Number (1–500)";
    issue_no_tool: "Ingen bestemt", "None in particular";
    issue_plan: "Kartleggingsplan", "Mapping plan";
    issue_no_plan: "Ingen plan", "No plan";
    issue_busy: "Lager koder …", "Making codes …";
    issue_button: "Lag koder", "Make codes";
    slips_once: "Kodene vises bare denne ene gangen. Skriv ut lappene eller last ned listen nå.", "The codes are shown this one time only. Print the slips or download the list now.";
    slips_print: "Skriv ut lappene", "Print the slips";
    slips_csv: "Last ned som CSV", "Download as CSV";
    slips_done: "Ferdig – skjul kodene", "Done – hide the codes";
    slip_title: "Din tilgangskode til Mestring", "Your Mestring access code";
    participant: "Deltaker", "Participant";
    participant_denied_title: "Ingen tilgang til deltakeren", "No access to this participant";
    participant_denied: "Deltakeren deler ikke registreringene sine med dere nå (samtykket er ikke gitt, er trukket tilbake eller har utløpt). Du ser bare referansen og delingsstatusen i oversikten.", "The participant does not share their registrations with you now (consent not given, withdrawn or expired). You see only the reference and the sharing state in the overview.";
    participant_back: "Tilbake til deltakerne", "Back to the participants";
    participant_sharing_since: "Deler siden", "Sharing since";
    participant_logged: "Denne visningen er loggført. Deltakeren kan se at en fagperson hos dere har sett dataene.", "This view is logged. The participant can see that a professional at your service viewed their data.";
    scores_title: "Skår over tid", "Scores over time";
    scores_none: "Ingen spørreskjema er besvart ennå.", "No questionnaire answered yet.";
    checkins_title: "Daglige innsjekker", "Daily check-ins";
    checkins_none: "Ingen innsjekker.", "No check-ins.";
    checkins_caption: "Innsjekker, eldste først", "Check-ins, oldest first";
    col_date: "Dato", "Date";
    col_total: "Sum", "Total";
    col_level: "Nivå", "Level";
    col_language: "Språk", "Language";
    progress_title: "Framdrift i verktøy", "Progress in tools";
    progress_none: "Ingen steg registrert.", "No steps recorded.";
    progress_caption: "Registrerte steg", "Recorded steps";
    col_part: "Del", "Part";
    col_step: "Steg", "Step";
    col_state: "Status", "State";
    col_updated: "Oppdatert", "Updated";
    step_completed: "Fullført", "Completed";
    step_started: "Påbegynt", "Started";
    tasks_title: "Oppgaver sendt", "Tasks sent";
    tasks_none: "Ingenting sendt ennå.", "Nothing sent yet.";
    tasks_caption: "Sendt til deltakeren", "Sent to the participant";
    col_what: "Hva", "What";
    col_sent: "Sendt", "Sent";
    answered_nb_working: "norsk (arbeidsoversettelse)", "Norwegian (working translation)";
    answered_nb: "norsk", "Norwegian";
    answered_en: "engelsk", "English";
    working_translation: "Arbeidsoversettelse – ikke validert.", "Working translation – not validated.";
    scores_caption: "skår per besvarelse", "score per response";
    col_severity: "Alvorlighet", "Severity";
    col_change: "Endring mot første", "Change from first";
    change_first: "Første måling", "First measurement";
    send_choose_first: "Velg hva du vil sende.", "Choose what to send.";
    send_done: "Sendt. Deltakeren ser det i innboksen sin.", "Sent. The participant sees it in their inbox.";
    send_legend: "Send et spørreskjema eller en verktøydel", "Send a questionnaire or a tool part";
    send_what: "Hva vil du sende?", "What do you want to send?";
    send_choose: "Velg …", "Choose …";
    send_questionnaires: "Spørreskjema", "Questionnaires";
    send_whole_tool: "Hele verktøyet", "The whole tool";
    send_button: "Send", "Send";
    totp_wrong: "Koden stemmer ikke. Skriv de seks sifrene appen viser nå.", "That code is not right. Type the six digits the app shows now.";
    totp_code: "Kode fra appen (seks sifre)", "Code from the app (six digits)";
    totp_title: "Engangskode fra app (tofaktor)", "Authenticator app (two-factor)";
    totp_on: "Engangskode er på: innlogging krever passord og en kode fra appen.", "The authenticator is on: logging in needs your password and a code from the app.";
    totp_step_add: "Åpne en autentiseringsapp på telefonen og legg til en konto med denne nøkkelen:", "Open an authenticator app on your phone and add an account with this key:";
    totp_link: "Eller åpne lenken på telefonen", "Or open the link on the phone";
    totp_step_confirm: "Skriv koden appen viser, for å bekrefte.", "Type the code the app shows, to confirm.";
    totp_off: "Engangskode er av. Med den trenger innlogging også en kode fra en app på telefonen.", "The authenticator is off. With it, logging in also needs a code from an app on your phone.";
    totp_start: "Sett opp engangskode", "Set up the authenticator";
    totp_password: "Passordet ditt", "Your password";
    totp_reauth_wrong: "Passordet eller koden stemmer ikke.", "The password or the code is not right.";
    hidden: "skjult", "hidden";
    stats_title: "Gruppestatistikk", "Group statistics";
    stats_intro: "Tallene er anonyme. Grupper med færre enn 10 deltakere vises ikke, og celler med 1–9 deltakere skjules – sammen med celler som ellers kunne regnes ut fra summene.", "The figures are anonymous. Groups of fewer than 10 participants are not shown, and cells of 1–9 participants are hidden – together with any cell that could otherwise be worked out from the totals.";
    stats_selection: "Utvalg", "Selection";
    stats_month: "Måned", "Month";
    stats_business: "Virksomhet", "Business";
    stats_all_businesses: "Hele programmet", "The whole programme";
    stats_participants_in: "Deltakere i", "Participants in";
    stats_issued: "Koder delt ut", "Codes issued";
    stats_active: "Aktive", "Active";
    stats_none: "Ingen besvarelser denne måneden.", "No responses this month.";
    stats_group_hidden: "Færre enn 10 deltakere (<10): gruppen vises ikke.", "Fewer than 10 participants (<10): the group is not shown.";
    stats_bands_caption: "fordeling på alvorlighet, første måling mot siste", "severity, first measurement against latest";
    stats_baseline: "Første måling", "Baseline";
    stats_latest: "Siste måling", "Latest";
    stats_bars_label: "søyler for første og siste måling per alvorlighetsgrad; tabellen over har tallene", "bars for baseline and latest per severity; the table above has the figures";
    stats_change_caption: "Endring fra første til siste måling (NHS Talking Therapies)", "Change from baseline to latest (NHS Talking Therapies)";
    stats_measure: "Mål", "Measure";
    stats_recovery: "Bedring (under klinisk grense)", "Recovery (below caseness)";
    stats_reliable_recovery: "Pålitelig bedring og under grensen", "Reliable recovery";
    stats_mean_total: "Gjennomsnitt siste sum", "Mean latest total";
    stats_hidden_hint: "«skjult»: cellen har 1–9 deltakere, eller den kunne vært regnet ut fra de andre tallene, også ved å trekke én rapport fra en annen (programmet mot en virksomhet, kvartalet mot en måned).", "“hidden”: the cell has 1–9 participants, or it could be worked out from the other figures, also by subtracting one report from another (the programme against a business, a quarter against a month).";
    users_title: "Ansatte og tilgangslogg", "Staff and access log";
    users_only_super: "Bare superbrukere kan se denne siden.", "Only super users can see this page.";
    users_staff: "Ansatte", "Staff";
    users_caption: "Kontoer i virksomheten", "Accounts of the business";
    col_role: "Rolle", "Role";
    col_created: "Opprettet", "Created";
    col_action: "Handling", "Action";
    user_active: "Aktiv", "Active";
    user_deactivated: "Deaktivert", "Deactivated";
    user_deactivate: "Deaktiver", "Deactivate";
    audit_title: "Tilgangslogg", "Access log";
    audit_none: "Ingen har sett data om enkeltdeltakere ennå.", "Nobody has viewed an individual's data yet.";
    audit_caption: "Hvem som har sett data om hvilken deltaker, nyeste først", "Who viewed which participant's data, newest first";
    col_time: "Tid", "Time";
    col_staff: "Ansatt", "Staff";
    invite_email_missing: "Skriv inn en e-postadresse.", "Enter an e-mail address.";
    invite_form_title: "Inviter en fagperson", "Invite a professional";
    invite_legend: "Ny konto", "New account";
    invite_super_user: "Superbruker (kan invitere og se loggen)", "Super user (can invite and read the log)";
    invite_button: "Lag invitasjon", "Create invitation";
    invite_link_once: "Invitasjonslenken vises bare nå. Gi den til personen på en trygg måte; den virker én gang i 7 dager.", "The invitation link is shown only now. Give it to the person safely; it works once, for 7 days.";
    logged_out: "Du er logget ut.", "You are logged out.";
    staff_mode: "for fagfolk", "for professionals";
    nav_privacy: content::pages::PRIVACY.nb, content::pages::PRIVACY.en;
    codes_new: "{} nye koder", "{} new codes";
    slip_step_1: "Gå til adressen under i nettleseren på mobilen eller PC-en.", "Open the address below in the browser on your phone or computer.";
    slip_step_2: "Skriv inn tilgangskoden. Du trenger ikke oppgi navn eller e-post.", "Type in the access code. You never need to give your name or e-mail.";
    slip_step_3: "Ta vare på lappen: koden er nøkkelen din. Den vises ikke igjen.", "Keep this slip: the code is your key. It is not shown again.";
    user_deactivate_confirm: "Deaktivere {}? Kontoen logges ut med en gang.", "Deactivate {}? The account is logged out at once.";
    totp_off_legend: "Slå av engangskode", "Turn the authenticator off";
    totp_off_button: "Slå av", "Turn off";
    totp_confirm_legend: "Bekreft engangskode", "Confirm the authenticator";
    totp_confirm_button: "Bekreft og slå på", "Confirm and turn on";
    flag_self_harm_on: "Selvskade-spørsmål besvart {}", "Self-harm item answered {}";
    task_done_on: "Utført {}", "Done {}";
    task_open: "Åpen", "Open";
    task_withdraw: "Trekk tilbake", "Withdraw";
    task_withdrawn: "Trukket tilbake. Deltakeren ser den ikke lenger.", "Withdrawn. The participant no longer sees it.";
    task_already_done: "Den er allerede utført og kan ikke trekkes tilbake.", "It is already done and cannot be withdrawn.";
    task_gone: "Den finnes ikke lenger.", "It no longer exists.";
    removals_title: "Fjernede registreringer", "Removed registrations";
    removal_text: "En registrering fra {} ble fjernet av brukeren {}", "A registration from {} was removed by the user on {}";
    nav_feedback: "Tilbakemeldinger", "Feedback";
    feedback_title: "Tilbakemeldinger", "Feedback";
    desk_title: "Ubehandlede tilbakemeldinger", "Unhandled feedback";
    desk_intro: "Forslag og vurderinger fra deltakere og ansatte, eldste først. Avsenderen vises bare som et pseudonym.", "Suggestions and evaluations from participants and staff, oldest first. The sender is shown only as a pseudonym.";
    desk_erase: "Når du merker en tilbakemelding som behandlet, slettes teksten med en gang. Den kan ikke hentes fram igjen, så noter det du trenger først.", "When you mark feedback as handled, its text is erased at once. It cannot be brought back, so note what you need first.";
    desk_logged: "Hver gang du åpner listen, loggføres det.", "Every time you open the list, it is logged.";
    desk_none: "Ingen ubehandlede tilbakemeldinger.", "No unhandled feedback.";
    desk_from: "Fra {}", "From {}";
    desk_handle: "Merk som behandlet", "Mark handled";
    desk_handled: "Behandlet. Teksten er slettet.", "Handled. The text is erased.";
    feedback_kind_suggestion: "Forslag", "Suggestion";
    feedback_kind_evaluation: "Vurdering", "Evaluation";
    send_feedback_title: "Send en tilbakemelding", "Send feedback";
    send_feedback_intro: "Et forslag eller en vurdering av Mestring går til brukerstøtten. E-postadressen din følger ikke med.", "A suggestion or an evaluation of Mestring goes to the support desk. Your e-mail address is not attached.";
    send_feedback_kind: "Hva slags tilbakemelding?", "What kind of feedback?";
    send_feedback_suggestion: "Forslag til endring", "Suggest a change";
    send_feedback_evaluation: "Vurdering av Mestring", "Evaluation of Mestring";
    send_feedback_text: "Tilbakemeldingen din", "Your feedback";
    send_feedback_warning: "Ikke skriv personopplysninger: verken navn, fødselsnummer eller noe annet som viser hvem en pasient, en kollega eller du selv er.", "Do not include personal details: no names, national identity numbers or anything else that shows who a patient, a colleague or you are.";
    send_feedback_button: "Send tilbakemelding", "Send feedback";
    send_feedback_sent: "Takk, den er sendt.", "Thank you, it was sent.";
    send_feedback_empty: "Skriv noe før du sender.", "Write something before you send.";
    send_feedback_too_long: "Teksten er for lang. Gjør den kortere.", "The text is too long. Please shorten it.";
    nav_business: "Virksomheten", "Business";
    business_title: "Virksomhetens opplysninger", "Business details";
    business_intro: "Pasientene ser disse opplysningene der de blir spurt om å dele registreringene sine med dere, og i personvernerklæringen. Hold dem oppdatert.", "Patients see these details where they are asked to share their registrations with you, and in the privacy notice. Keep them up to date.";
    business_only_super: "Bare superbrukere kan endre virksomhetens opplysninger.", "Only super users can change the business's details.";
    business_change: "Endre opplysningene", "Change the details";
    business_legend: "Slik når pasientene dere", "How patients reach you";
    business_name: "Navn på virksomheten", "Name of the business";
    business_contact: "Kontakt for pasienter (telefon eller e-post)", "Contact for patients (phone or e-mail)";
    business_address: "Postadresse", "Postal address";
    business_web: "Nettadresse (valgfri, https://…)", "Web address (optional, https://…)";
    business_save: "Lagre opplysningene", "Save the details";
    business_saved: "Lagret. Pasientene ser de nye opplysningene.", "Saved. Patients now see the new details.";
    business_current: "Slik ser pasientene det nå", "What patients see now";
    business_not_given: "Ikke oppgitt", "Not given";
    business_error_name: "Skriv navnet på virksomheten (høyst 120 tegn).", "Write the name of the business (at most 120 characters).";
    business_error_contact: "Skriv en kontakt for pasienter, telefon eller e-post (høyst 120 tegn).", "Write a contact for patients, phone or e-mail (at most 120 characters).";
    business_error_address: "Skriv postadressen (høyst 300 tegn).", "Write the postal address (at most 300 characters).";
    enrol_title: "Sett opp engangskode for å fortsette", "Set up an authenticator to continue";
    enrol_intro: "Virksomheten din krever engangskode fra en app på telefonen for alle ansatte. Sett den opp nå; deretter er du logget inn.", "Your workplace requires a code from an authenticator app for all staff. Set it up now; then you are logged in.";
    enrol_failed: "Kunne ikke starte oppsettet. Logg inn på nytt.", "Could not start the set-up. Log in again.";
    user_reactivate: "Aktiver igjen", "Reactivate";
    user_reinvite: "Inviter på nytt", "Invite again";
    user_reset: "Ny innlogging", "Reset login";
    user_reset_confirm: "Lage en lenke for ny innlogging for {}? Passordet og engangskoden slutter å virke med en gang, og kontoen logges ut.", "Make a reset link for {}? The password and authenticator stop working at once, and the account is logged out.";
    user_link_for: "Lenke til {}", "Link for {}";
    deleted_account: "Slettet konto", "Deleted account";
    totp_policy_title: "Engangskode for alle", "Authenticator for everyone";
    totp_policy_legend: "Krav til innlogging", "Login requirement";
    totp_policy_label: "Krev engangskode fra app for alle ansatte i virksomheten", "Require an authenticator app for all staff of the business";
    totp_policy_hint: "Ansatte uten engangskode logges ut og må sette den opp ved neste innlogging. Du må ha slått den på selv først.", "Staff without one are logged out and set it up at their next login. You must have turned yours on first.";
    totp_policy_save: "Lagre kravet", "Save the requirement";
    totp_policy_enrol_first: "Slå på engangskode for din egen konto først (Sikkerhet).", "Turn on the authenticator for your own account first (Security).";
    totp_policy_saved: "Lagret.", "Saved.";
    totp_required_note: "Virksomheten din krever engangskode, så den kan ikke slås av.", "Your workplace requires an authenticator, so it cannot be turned off.";
    nav_account: "Min konto", "My account";
    account_title: "Min konto", "My account";
    account_intro: "Dette er det Mestring lagrer om kontoen din.", "This is what Mestring stores about your account.";
    account_created: "Opprettet", "Created";
    account_last_login: "Sist innlogget", "Last login";
    account_never: "Aldri", "Never";
    account_totp: "Engangskode", "Authenticator";
    account_on: "På", "On";
    account_off: "Av", "Off";
    account_business: "Virksomhet", "Business";
    account_audit: "Det du har gjort (fra loggen)", "What you have done (from the log)";
    account_download: "Last ned som JSON", "Download as JSON";
    account_delete_title: "Slett kontoen min", "Delete my account";
    account_delete_intro: "Kontoen din slettes med en gang. Virksomhetens logg beholder hva som ble gjort og når, men ikke at det var deg.", "Your account is deleted at once. The business's log keeps what was done and when, but not that it was you.";
    account_delete_legend: "Bekreft med passordet ditt", "Confirm with your password";
    account_delete_button: "Slett kontoen", "Delete the account";
    account_delete_last: "Du er eneste superbruker. Gjør en annen til superbruker først.", "You are the only super user. Make someone else super user first.";
    account_deleted: "Kontoen din er slettet.", "Your account has been deleted.";
    business_error_web: "Nettadressen må begynne med https:// og ha høyst 200 tegn uten mellomrom.", "The web address must start with https:// and have at most 200 characters, no spaces.";
}

/// The staff strings in `lang`.
pub fn ui(lang: Lang) -> &'static StaffUi {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

pub fn consent(lang: Lang, state: ConsentState) -> &'static str {
    match state {
        ConsentState::NotAsked => ui(lang).consent_not_asked,
        ConsentState::Granted => ui(lang).sharing,
        ConsentState::Declined => ui(lang).consent_declined,
        ConsentState::Withdrawn => ui(lang).consent_withdrawn,
        ConsentState::Expired => ui(lang).consent_expired,
        // Staff never see a private participant (no business); the nearest honest word.
        ConsentState::NotApplicable => ui(lang).consent_not_asked,
    }
}

pub fn role(lang: Lang, role: StaffRole) -> &'static str {
    match role {
        StaffRole::Professional => ui(lang).role_professional,
        StaffRole::SuperUser => ui(lang).role_super_user,
        StaffRole::ToolManager => ui(lang).role_tool_manager,
        StaffRole::Support => ui(lang).role_support,
    }
}

/// The kind of a message at the feedback desk, in words.
pub fn feedback_kind(lang: Lang, kind: FeedbackKind) -> &'static str {
    match kind {
        FeedbackKind::Suggestion => ui(lang).feedback_kind_suggestion,
        FeedbackKind::Evaluation => ui(lang).feedback_kind_evaluation,
    }
}

pub fn reliable(lang: Lang, change: ReliableChange) -> &'static str {
    match change {
        ReliableChange::Improved => ui(lang).change_improved,
        ReliableChange::Deteriorated => ui(lang).change_deteriorated,
        ReliableChange::NoReliableChange => ui(lang).change_none,
        ReliableChange::NotApplicable => ui(lang).change_not_assessed,
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

/// A tool part's title (the id if unknown).
pub fn part(lang: Lang, tool: &str, part: &str) -> String {
    content::tools::get(tool)
        .and_then(|t| t.parts.iter().find(|p| p.id == part))
        .map(|p| p.title.get(lang).to_owned())
        .unwrap_or_else(|| part.to_owned())
}

/// How to start, printed on every slip.
pub fn slip_steps(lang: Lang) -> [&'static str; 3] {
    let t = ui(lang);
    [t.slip_step_1, t.slip_step_2, t.slip_step_3]
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

    #[test]
    fn both_languages_fill_the_same_slots() {
        for (nb, en) in [
            (NB.codes_new, EN.codes_new),
            (NB.user_deactivate_confirm, EN.user_deactivate_confirm),
            (NB.user_reset_confirm, EN.user_reset_confirm),
            (NB.user_link_for, EN.user_link_for),
            (NB.flag_self_harm_on, EN.flag_self_harm_on),
            (NB.task_done_on, EN.task_done_on),
            (NB.desk_from, EN.desk_from),
        ] {
            assert_eq!(nb.matches("{}").count(), 1, "{nb}");
            assert_eq!(en.matches("{}").count(), 1, "{en}");
        }
        assert_eq!(crate::i18n::fill(EN.codes_new, &["3"]), "3 new codes");
        assert_eq!(NB.removal_text.matches("{}").count(), 2);
        assert_eq!(EN.removal_text.matches("{}").count(), 2);
        assert_eq!(
            crate::i18n::fill(EN.removal_text, &["1 Mar 2026", "3 Mar 2026"]),
            "A registration from 1 Mar 2026 was removed by the user on 3 Mar 2026"
        );
        assert_ne!(
            feedback_kind(Lang::Nb, FeedbackKind::Evaluation),
            feedback_kind(Lang::En, FeedbackKind::Evaluation)
        );
        assert_eq!(slip_steps(Lang::Nb).len(), 3);
        assert_ne!(slip_steps(Lang::Nb), slip_steps(Lang::En));
    }
}
