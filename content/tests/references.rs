//! Text that points the reader to a page of the app must use the page's name exactly as the app
//! shows it (`content::pages`), and text that mentions thoughts of self-harm must say where help
//! is. The rules run over every shipped text: every tool, instrument and plan, in both languages.
//!
//! The rules:
//! - A quoted phrase («…», "…" or “…”) is a page reference when the word just before it (in
//!   English, skipping "the") is a pointing word (`POINTERS_NB`, `POINTERS_EN`), or when a
//!   pointing noun follows it (`"Tools" page`, `«Verktøy»-siden`). A page reference must be the
//!   name of a page in `content::pages::ALL` in the text's language.
//! - The old name of the crisis page, «Hjelp» / "Help", must never appear as a page name, quoted
//!   or not.
//! - Guidance (paragraphs, intros, summaries, prompts, hints, feedback, instructions, notes)
//!   that mentions self-harm must name the help page (`content::pages::HELP`) or the number 113.
//!   Questionnaire items that ask about it are safety items instead: an answer shows the crisis
//!   resources at once.

use content::model::{Instrument, Plan, Question, Step, Tool};
use content::{Lang, Text, instruments, pages, plans, tools};

/// Words that, just before a quoted phrase, make it point to a page («under «Verktøy»»,
/// «på siden «Historikk»»). Compared in lower case.
const POINTERS_NB: &[&str] = &[
    "under", "i", "på", "siden", "menyen", "lenken", "knappen", "fanen", "se",
];
const POINTERS_EN: &[&str] = &[
    "under", "in", "on", "page", "link", "menu", "button", "tab", "see",
];
/// Nouns that, just after a quoted phrase, make it point to a page (`the "Tools" page`,
/// `«Verktøy»-siden`).
const AFTER_NB: &[&str] = &["-siden", "-menyen", "-lenken", "-knappen", "-fanen"];
const AFTER_EN: &[&str] = &[" page", " menu", " link", " button", " tab"];

/// The crisis page's old name, which no page has any more.
const OLD_HELP: [(Lang, &str); 2] = [(Lang::Nb, "Hjelp"), (Lang::En, "Help")];

/// Phrases that mention thoughts of self-harm or suicide. Compared in lower case.
const SELF_HARM_NB: &[&str] = &[
    "skade deg selv",
    "skade seg selv",
    "ta livet",
    "tar livet",
    "ikke verdt å leve",
    "selvmord",
];
const SELF_HARM_EN: &[&str] = &[
    "harming yourself",
    "harm yourself",
    "hurting yourself",
    "hurt yourself",
    "end your life",
    "ending your life",
    "not worth living",
    "suicid",
    "self-harm",
];

/// What a text is, which decides the rules that apply to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Titles and names.
    Title,
    /// Guidance the reader is told: paragraphs, intros, summaries, prompts, hints, feedback,
    /// instructions, notes, licences, descriptions.
    Guidance,
    /// A question the reader answers (an instrument item, an exercise question, a task field).
    Question,
    /// An answer choice, an answer option or a band label.
    Label,
}

/// One text of the content and where it is.
struct Entry<'a> {
    /// `tool worry`, `instrument checkin`, `plan standard`.
    owner: String,
    /// `part worry_time, step postponing_worry, paragraph 5`.
    place: String,
    kind: Kind,
    text: &'a Text,
    /// For instrument items: whether the item is a safety item.
    safety: bool,
}

impl Entry<'_> {
    fn locate(&self, lang: Lang) -> String {
        format!("{}, {} ({})", self.owner, self.place, lang.tag())
    }
}

struct Collector<'a> {
    owner: String,
    out: Vec<Entry<'a>>,
}

impl<'a> Collector<'a> {
    fn add(&mut self, place: impl Into<String>, kind: Kind, text: &'a Text) {
        self.out.push(Entry {
            owner: self.owner.clone(),
            place: place.into(),
            kind,
            text,
            safety: false,
        });
    }

    fn questions(&mut self, at: &str, what: &str, questions: &'a [Question]) {
        for q in questions {
            let at = format!("{at}, {what} {}", q.id);
            self.add(at.clone(), Kind::Question, &q.text);
            for c in &q.choices {
                let at = format!("{at}, choice {}", c.id);
                self.add(format!("{at} label"), Kind::Label, &c.label);
                if let Some(f) = &c.feedback {
                    self.add(format!("{at} feedback"), Kind::Guidance, f);
                }
            }
        }
    }
}

fn tool_texts(tool: &Tool) -> Vec<Entry<'_>> {
    let mut c = Collector {
        owner: format!("tool {}", tool.id),
        out: Vec::new(),
    };
    c.add("title", Kind::Title, &tool.title);
    c.add("summary", Kind::Guidance, &tool.summary);
    for part in &tool.parts {
        let at = format!("part {}", part.id);
        c.add(format!("{at}, title"), Kind::Title, &part.title);
        c.add(format!("{at}, summary"), Kind::Guidance, &part.summary);
        for step in &part.steps {
            let at = format!("{at}, step {}", step.id());
            match step {
                Step::Reading(s) => {
                    c.add(format!("{at}, title"), Kind::Title, &s.title);
                    for (i, p) in s.paragraphs.iter().enumerate() {
                        c.add(format!("{at}, paragraph {}", i + 1), Kind::Guidance, p);
                    }
                }
                Step::Exercise(s) => {
                    c.add(format!("{at}, title"), Kind::Title, &s.title);
                    if let Some(intro) = &s.intro {
                        c.add(format!("{at}, intro"), Kind::Guidance, intro);
                    }
                    c.questions(&at, "question", &s.questions);
                }
                Step::Task(s) => {
                    c.add(format!("{at}, title"), Kind::Title, &s.title);
                    c.add(format!("{at}, intro"), Kind::Guidance, &s.intro);
                    c.questions(&at, "field", &s.fields);
                }
                Step::LocalText(s) => {
                    c.add(format!("{at}, title"), Kind::Title, &s.title);
                    c.add(format!("{at}, prompt"), Kind::Guidance, &s.prompt);
                    if let Some(hint) = &s.hint {
                        c.add(format!("{at}, hint"), Kind::Guidance, hint);
                    }
                }
                Step::Questionnaire(s) => {
                    if let Some(intro) = &s.intro {
                        c.add(format!("{at}, intro"), Kind::Guidance, intro);
                    }
                }
            }
        }
    }
    c.out
}

fn instrument_texts(inst: &Instrument) -> Vec<Entry<'_>> {
    let mut c = Collector {
        owner: format!("instrument {}", inst.id),
        out: Vec::new(),
    };
    c.add("title", Kind::Title, &inst.title);
    c.add("instructions", Kind::Guidance, &inst.instructions);
    if let Some(note) = &inst.translation.note {
        c.add("translation note", Kind::Guidance, note);
    }
    c.add("licence", Kind::Guidance, &inst.licence);
    for band in &inst.bands {
        c.add(format!("band {}", band.id), Kind::Label, &band.label);
    }
    for item in &inst.items {
        c.out.push(Entry {
            owner: c.owner.clone(),
            place: format!("item {}", item.id),
            kind: Kind::Question,
            text: &item.text,
            safety: item.safety,
        });
        for o in &item.options {
            c.add(
                format!("item {}, option {}", item.id, o.value),
                Kind::Label,
                &o.label,
            );
        }
    }
    c.out
}

fn plan_texts(plan: &Plan) -> Vec<Entry<'_>> {
    let mut c = Collector {
        owner: format!("plan {}", plan.id),
        out: Vec::new(),
    };
    c.add("title", Kind::Title, &plan.title);
    c.add("description", Kind::Guidance, &plan.description);
    c.out
}

fn all_texts<'a>(
    tools: &'a [Tool],
    instruments: &'a [Instrument],
    plans: &'a [Plan],
) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    tools.iter().for_each(|t| out.extend(tool_texts(t)));
    instruments
        .iter()
        .for_each(|i| out.extend(instrument_texts(i)));
    plans.iter().for_each(|p| out.extend(plan_texts(p)));
    out
}

fn shipped() -> Vec<Entry<'static>> {
    all_texts(tools::all(), instruments::all(), plans::all())
}

// ---------------------------------------------------------------------------------------------
// Finding page references
// ---------------------------------------------------------------------------------------------

/// A quoted phrase: what is inside the quotes, and the text before and after them.
struct Quoted<'s> {
    before: &'s str,
    inner: &'s str,
    after: &'s str,
}

/// Every quoted phrase in `s`: «…», “…” and "…" (straight quotes pair up in order).
fn quoted(s: &str) -> Vec<Quoted<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let Some(open) = rest.chars().next() else {
            break;
        };
        let close = match open {
            '«' => Some('»'),
            '“' => Some('”'),
            '"' => Some('"'),
            _ => None,
        };
        if let Some(close) = close {
            let start = i + open.len_utf8();
            if let Some(len) = s[start..].find(close) {
                let end = start + len;
                out.push(Quoted {
                    before: &s[..i],
                    inner: &s[start..end],
                    after: &s[end + close.len_utf8()..],
                });
                i = end + close.len_utf8();
                continue;
            }
        }
        i += open.len_utf8();
    }
    out
}

/// The word that ends `s` (letters only), if `s` ends in a word, ignoring trailing spaces:
/// `"see it under "` → `under`; `"thing ("` → none (punctuation comes between).
fn last_word(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_end();
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    Some((&s[..start], &s[start..]))
}

/// Whether this quoted phrase is used as the name of a page.
fn points_to_page(q: &Quoted<'_>, lang: Lang) -> bool {
    let (pointers, after): (&[&str], &[&str]) = match lang {
        Lang::Nb => (POINTERS_NB, AFTER_NB),
        Lang::En => (POINTERS_EN, AFTER_EN),
    };
    let after_lower = q.after.to_lowercase();
    if after.iter().any(|a| {
        after_lower.starts_with(a)
            && !after_lower[a.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
    }) {
        return true;
    }
    let Some((rest, mut word)) = last_word(q.before) else {
        return false;
    };
    if lang == Lang::En && word.eq_ignore_ascii_case("the") {
        match last_word(rest) {
            Some((_, w)) => word = w,
            None => return false,
        }
    }
    let word = word.to_lowercase();
    pointers.contains(&word.as_str())
}

/// The phrase as a name: without surrounding spaces and trailing sentence punctuation
/// (`"Get help now."` names the page "Get help now").
fn as_name(inner: &str) -> &str {
    inner
        .trim()
        .trim_end_matches(['.', ',', ':', ';', '!', '?'])
}

fn page_names(lang: Lang) -> Vec<&'static str> {
    pages::ALL.iter().map(|p| p.name(lang)).collect()
}

/// Problems with page references in one text.
fn reference_problems(e: &Entry<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let s = e.text.get(lang);
        for q in quoted(s) {
            if !points_to_page(&q, lang) {
                continue;
            }
            let name = as_name(q.inner);
            if !page_names(lang).contains(&name) {
                out.push(format!(
                    "{}: {:?} points to a page that has no such name; the pages are {:?}\n    text: {s}",
                    e.locate(lang),
                    q.inner,
                    page_names(lang),
                ));
            }
        }
    }
    out
}

/// Uses of the crisis page's old name («Hjelp», "Help") in one text: quoted anywhere, or
/// unquoted right after a pointing word ("Under Help you will find …").
fn old_help_problems(e: &Entry<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for (lang, old) in OLD_HELP {
        let s = e.text.get(lang);
        let quoted_old = quoted(s).iter().any(|q| as_name(q.inner) == old);
        let pointers = match lang {
            Lang::Nb => POINTERS_NB,
            Lang::En => POINTERS_EN,
        };
        let bare_old = s.match_indices(old).any(|(i, _)| {
            let after = &s[i + old.len()..];
            let whole_word = !after.chars().next().is_some_and(char::is_alphanumeric);
            // «Hjelp nå» is the page's name; anything else after a pointing word is not.
            let is_new_name = after.starts_with(" nå");
            let pointed = last_word(&s[..i])
                .is_some_and(|(_, w)| pointers.contains(&w.to_lowercase().as_str()));
            whole_word && !is_new_name && pointed
        });
        if quoted_old || bare_old {
            out.push(format!(
                "{}: uses the old page name {old:?}; the page is called {:?}\n    text: {s}",
                e.locate(lang),
                pages::HELP.name(lang),
            ));
        }
    }
    out
}

fn mentions_self_harm(s: &str, lang: Lang) -> bool {
    let phrases = match lang {
        Lang::Nb => SELF_HARM_NB,
        Lang::En => SELF_HARM_EN,
    };
    let lower = s.to_lowercase();
    phrases.iter().any(|p| lower.contains(p))
}

/// Guidance that mentions self-harm without saying where help is; items about it that are not
/// safety items.
fn self_harm_problems(e: &Entry<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let s = e.text.get(lang);
        if !mentions_self_harm(s, lang) {
            continue;
        }
        match e.kind {
            Kind::Guidance | Kind::Title => {
                if !s.contains(pages::HELP.name(lang)) && !s.contains("113") {
                    out.push(format!(
                        "{}: mentions self-harm but neither the page {:?} nor the number 113\n    text: {s}",
                        e.locate(lang),
                        pages::HELP.name(lang),
                    ));
                }
            }
            Kind::Question if e.owner.starts_with("instrument ") => {
                if !e.safety {
                    out.push(format!(
                        "{}: asks about self-harm but is not a safety item\n    text: {s}",
                        e.locate(lang),
                    ));
                }
            }
            Kind::Question | Kind::Label => {
                out.push(format!(
                    "{}: a question or choice mentions self-harm; put it in guidance that names {:?} or 113\n    text: {s}",
                    e.locate(lang),
                    pages::HELP.name(lang),
                ));
            }
        }
    }
    out
}

fn report(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The shipped content
// ---------------------------------------------------------------------------------------------

#[test]
fn every_text_is_collected() {
    let texts = shipped();
    // Every tool, instrument and plan contributes, in both languages.
    for t in tools::all() {
        assert!(texts.iter().any(|e| e.owner == format!("tool {}", t.id)));
    }
    for i in instruments::all() {
        assert!(
            texts
                .iter()
                .any(|e| e.owner == format!("instrument {}", i.id))
        );
    }
    // The reading paragraphs of the tools are all there.
    let paragraphs: usize = tools::all()
        .iter()
        .flat_map(|t| &t.parts)
        .flat_map(|p| &p.steps)
        .map(|s| match s {
            Step::Reading(r) => r.paragraphs.len(),
            _ => 0,
        })
        .sum();
    let collected = texts
        .iter()
        .filter(|e| e.place.contains(", paragraph "))
        .count();
    assert_eq!(collected, paragraphs);
}

/// (a) A quoted page name after "under", "i", "på", "in", "on", … is the name of a real page.
#[test]
fn page_references_name_a_page_that_exists() {
    report(shipped().iter().flat_map(reference_problems).collect());
}

/// (b) The crisis page is «Hjelp nå» / "Get help now"; «Hjelp» / "Help" alone points nowhere.
#[test]
fn the_old_help_page_name_is_never_used() {
    report(shipped().iter().flat_map(old_help_problems).collect());
}

/// (c) Guidance that mentions self-harm says where help is: the help page or 113.
#[test]
fn self_harm_mentions_point_to_help() {
    report(shipped().iter().flat_map(self_harm_problems).collect());
}

/// The crisis texts of the tools reach the help page by its name, in both languages.
#[test]
fn the_tools_name_the_help_page() {
    for lang in Lang::ALL {
        let name = pages::HELP.name(lang);
        for t in tools::all() {
            let found = tool_texts(t).iter().any(|e| {
                let s = e.text.get(lang);
                quoted(s)
                    .iter()
                    .any(|q| as_name(q.inner) == name && points_to_page(q, lang))
            });
            assert!(
                found,
                "tool {} ({}) never points to {name:?}",
                t.id,
                lang.tag()
            );
        }
    }
}

/// The daily check-in has one name: its title, and the intro wherever a tool embeds it.
#[test]
fn the_check_in_has_one_name() {
    let checkin = instruments::get("checkin").expect("the check-in ships");
    assert_eq!(checkin.title.nb, "Daglig innsjekk");
    assert_eq!(checkin.title.en, "Daily check-in");

    // Other names it has had, or might be given, in tools and instruments.
    let others_nb = [
        "dagens sjekk",
        "daglig sjekk",
        "dagsjekk",
        "humørsjekk",
        "kort sjekk",
        "sjekk av dagen",
    ];
    let others_en = [
        "mood check",
        "daily check ",
        "daily check.",
        "check of today",
        "short check ",
        "day check",
    ];
    let mut problems = Vec::new();
    let texts: Vec<Entry<'_>> = tools::all()
        .iter()
        .flat_map(tool_texts)
        .chain(instruments::all().iter().flat_map(instrument_texts))
        .collect();
    for e in &texts {
        for (lang, others) in [(Lang::Nb, &others_nb[..]), (Lang::En, &others_en[..])] {
            let s = e.text.get(lang);
            let lower = s.to_lowercase();
            for other in others {
                if lower.contains(other) {
                    problems.push(format!(
                        "{}: calls the check-in {other:?}; use {:?}\n    text: {s}",
                        e.locate(lang),
                        checkin.title.get(lang),
                    ));
                }
            }
        }
    }
    // Where a tool embeds the check-in, its intro calls it by that name.
    for t in tools::all() {
        for part in &t.parts {
            for step in &part.steps {
                let Step::Questionnaire(q) = step else {
                    continue;
                };
                if q.instrument != "checkin" {
                    continue;
                }
                let intro = q.intro.as_ref();
                for (lang, word) in [(Lang::Nb, "innsjekk"), (Lang::En, "check-in")] {
                    let s = intro.map_or("", |i| i.get(lang));
                    if !s.to_lowercase().contains(word) {
                        problems.push(format!(
                            "tool {}, part {}, step {} ({}): the intro does not call the check-in {:?}\n    text: {s}",
                            t.id,
                            part.id,
                            q.id,
                            lang.tag(),
                            checkin.title.get(lang),
                        ));
                    }
                }
            }
        }
    }
    report(problems);
}

// ---------------------------------------------------------------------------------------------
// The rules themselves, on the wording they were written to catch
// ---------------------------------------------------------------------------------------------

fn entry(kind: Kind, nb: &str, en: &str) -> (Text, Kind) {
    (Text::new(nb, en), kind)
}

fn problems_of(text: &Text, kind: Kind) -> Vec<String> {
    let e = Entry {
        owner: "tool test".into(),
        place: "part p, step s, paragraph 1".into(),
        kind,
        text,
        safety: false,
    };
    let mut out = reference_problems(&e);
    out.extend(old_help_problems(&e));
    out.extend(self_harm_problems(&e));
    out
}

#[test]
fn the_rules_catch_the_old_wording() {
    // Verbatim from low_mood 1.0.0, step low_mood_cycle, paragraph 4.
    let (old, kind) = entry(
        Kind::Guidance,
        "Hvis du har tanker om at livet ikke er verdt å leve, eller om å skade deg selv, ikke vent: Snakk med fastlegen eller behandleren din, eller ring legevakt eller nødnummer. Under «Hjelp» finner du numrene.",
        "If you have thoughts that life is not worth living, or of harming yourself, don't wait: talk to your GP or your professional, or call out-of-hours care or the emergency number. Under \"Help\" you will find the numbers.",
    );
    let problems = problems_of(&old, kind);
    // Both languages: a reference to a page that does not exist, the old name, and self-harm
    // without the help page or 113.
    assert_eq!(problems.len(), 6, "{problems:#?}");
    assert!(
        problems
            .iter()
            .all(|p| p.contains("tool test, part p, step s"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("(nb)") && p.contains("«Hjelp»"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("(en)") && p.contains("Under \"Help\""))
    );

    // Unquoted and curly-quoted old names are caught too.
    let (old, kind) = entry(
        Kind::Guidance,
        "Numrene finner du under Hjelp.",
        "You will find the numbers on the “Help” page.",
    );
    assert_eq!(problems_of(&old, kind).len(), 3);
}

#[test]
fn the_rules_accept_the_page_names() {
    let (ok, kind) = entry(
        Kind::Guidance,
        "Får du tanker om å skade deg selv, ring 113. Numrene står også under «Hjelp nå». Svarene ser du i «Historikk», og språket velger du på «Innstillinger»-siden.",
        "If you have thoughts of harming yourself, call 113. The numbers are also under \"Get help now\". Your answers are in \"History\", and you choose the language on the “Settings” page.",
    );
    assert_eq!(problems_of(&ok, kind), Vec::<String>::new());

    // Quotes that are not page references are left alone.
    let (ok, kind) = entry(
        Kind::Guidance,
        "Si til deg selv: «Den tar jeg i bekymringstiden.» Tankefeller som alt-eller-ingenting («Det gikk ikke perfekt») er vanlige.",
        "Tell yourself: \"I'll deal with that in worry time.\" It is easy to remember a day as \"all grey\", in the form of \"what if …?\".",
    );
    // "in the form of" ends in "of", not in a pointing word.
    assert_eq!(problems_of(&ok, kind), Vec::<String>::new());

    // A wrong page name after a pointing word is caught.
    let (bad, kind) = entry(
        Kind::Guidance,
        "Se under «Krisehjelp».",
        "Look in the \"Crisis\" menu.",
    );
    assert_eq!(problems_of(&bad, kind).len(), 2);
}
