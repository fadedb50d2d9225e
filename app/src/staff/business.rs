//! `/staff/business` for super users: the business's name, contact for patients, postal address
//! and web address, which patients see where consent is asked and in the privacy notice
//! (`GET`/`POST /api/staff/business`). The form checks the contract's own rule
//! (`BusinessDetails::check`) before sending, and the edge's 422 names the same field.

use super::i18n::{self as si, StaffUi};
use super::shared::{Message, code_of, error_text};
use super::who::use_who;
use crate::api;
use crate::i18n::use_lang;
use content::api::endpoints::{BUSINESS, CHANGE_BUSINESS, TOTP_POLICY};
use content::api::{BusinessDetails, BusinessView, StaffRole, TotpPolicy};
use leptos::prelude::*;

/// A field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Contact,
    Address,
    Web,
}

impl Field {
    const ALL: [Field; 4] = [Field::Name, Field::Contact, Field::Address, Field::Web];

    /// The field a rule of `BusinessDetails::check` (and the edge's 422 message) names first.
    fn named_in(rule: &str) -> Option<Field> {
        match rule.split_whitespace().next()? {
            "name" => Some(Field::Name),
            "contact" => Some(Field::Contact),
            "address" => Some(Field::Address),
            "web" => Some(Field::Web),
            _ => None,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Field::Name => "business-name",
            Field::Contact => "business-contact",
            Field::Address => "business-address",
            Field::Web => "business-web",
        }
    }

    fn selector(self) -> &'static str {
        match self {
            Field::Name => "#business-name",
            Field::Contact => "#business-contact",
            Field::Address => "#business-address",
            Field::Web => "#business-web",
        }
    }

    fn error_id(self) -> &'static str {
        match self {
            Field::Name => "business-name-error",
            Field::Contact => "business-contact-error",
            Field::Address => "business-address-error",
            Field::Web => "business-web-error",
        }
    }

    fn label(self, t: &StaffUi) -> &'static str {
        match self {
            Field::Name => t.business_name,
            Field::Contact => t.business_contact,
            Field::Address => t.business_address,
            Field::Web => t.business_web,
        }
    }

    fn error(self, t: &StaffUi) -> &'static str {
        match self {
            Field::Name => t.business_error_name,
            Field::Contact => t.business_error_contact,
            Field::Address => t.business_error_address,
            Field::Web => t.business_error_web,
        }
    }
}

#[component]
pub fn Business() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let who = use_who();
    let admin = move || who.with(|w| w.as_ref().map(|s| s.role) == Some(StaffRole::SuperUser));
    view! {
        <h1>{move || t().business_title}</h1>
        <p>{move || t().business_intro}</p>
        <Show when=admin fallback=move || view! {
            <p class="notice">{move || t().business_only_super}</p>
        }>
            <Details/>
            <TotpRequirement/>
        </Show>
    }
}

/// Whether every account of the business must have an authenticator (super users; audited).
#[component]
fn TotpRequirement() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let who = use_who();
    let required =
        RwSignal::new(who.with_untracked(|w| w.as_ref().is_some_and(|s| s.totp_required)));
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let policy = TotpPolicy {
            required: required.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::send(&TOTP_POLICY, &[], &policy).await {
                Ok(p) => {
                    who.update(|w| {
                        if let Some(s) = w {
                            s.totp_required = p.required
                        }
                    });
                    message.set(Some(si::ui(lang).totp_policy_saved.into()));
                }
                Err(e) if code_of(&e) == Some("enrol_first") => {
                    required.set(false);
                    message.set(Some(si::ui(lang).totp_policy_enrol_first.into()));
                }
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
        });
    };
    view! {
        <section aria-labelledby="totp-policy-h">
            <h2 id="totp-policy-h">{move || t().totp_policy_title}</h2>
            <form class="stack" on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || t().totp_policy_legend}</legend>
                    <div class="field check">
                        <input id="totp-required" type="checkbox" aria-describedby="totp-required-hint" bind:checked=required/>
                        <label for="totp-required">{move || t().totp_policy_label}</label>
                    </div>
                    <p id="totp-required-hint" class="hint">{move || t().totp_policy_hint}</p>
                </fieldset>
                <button type="submit">{move || t().totp_policy_save}</button>
                <Message text=message/>
            </form>
        </section>
    }
}

#[component]
fn Details() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let current = RwSignal::new(None::<BusinessView>);
    let values = Field::ALL.map(|_| RwSignal::new(String::new()));
    let value = move |f: Field| values[f as usize];
    let invalid = RwSignal::new(None::<Field>);
    let saved = RwSignal::new(None::<&'static str>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let show = move |view: BusinessView| {
        value(Field::Name).set(view.name.clone());
        value(Field::Contact).set(view.contact.clone().unwrap_or_default());
        value(Field::Address).set(view.address.clone().unwrap_or_default());
        value(Field::Web).set(view.web.clone().unwrap_or_default());
        current.set(Some(view));
    };
    leptos::task::spawn_local(async move {
        match api::call(&BUSINESS, &[]).await {
            Ok(view) => show(view),
            Err(e) => message.set(Some(error_text(lang.get_untracked(), &e).into())),
        }
    });
    // The field's own error (an alert under it, which its input names) and focus on the field.
    let wrong = move |field: Field| {
        invalid.set(Some(field));
        crate::browser::focus_later(field.selector());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        saved.set(None);
        message.set(None);
        invalid.set(None);
        let web = value(Field::Web).get_untracked();
        let details = BusinessDetails {
            name: value(Field::Name).get_untracked(),
            contact: value(Field::Contact).get_untracked(),
            address: value(Field::Address).get_untracked(),
            web: Some(web).filter(|w| !w.trim().is_empty()),
        };
        let details = match details.check() {
            Ok(d) => d,
            Err(rule) => {
                if let Some(field) = Field::named_in(&rule) {
                    wrong(field);
                } else {
                    message.set(Some(si::ui(lang).error_422.into()));
                }
                return;
            }
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::send(&CHANGE_BUSINESS, &[], &details).await {
                Ok(view) => {
                    show(view);
                    saved.set(Some(si::ui(lang).business_saved));
                }
                Err(e) => match code_of(&e) {
                    Some("invalid_business") => {
                        let field = match &e {
                            crate::api::ApiError::Status { body, .. } => {
                                Field::named_in(&body.error.message)
                            }
                            _ => None,
                        };
                        match field {
                            Some(f) => wrong(f),
                            None => message.set(Some(si::ui(lang).error_422.into())),
                        }
                    }
                    _ => message.set(Some(error_text(lang, &e).into())),
                },
            }
            busy.set(false);
        });
    };
    let input = move |field: Field| {
        let bad = move || invalid.get() == Some(field);
        view! {
            <div class="field">
                <label for=field.id()>{move || field.label(si::ui(lang.get()))}</label>
                <input id=field.id() type="text" autocomplete="off"
                    inputmode=(field == Field::Web).then_some("url")
                    aria-invalid=move || bad().then_some("true")
                    aria-describedby=move || bad().then_some(field.error_id())
                    bind:value=value(field)/>
                <p id=field.error_id() class="field-error" role="alert">
                    {move || bad().then(|| field.error(si::ui(lang.get())))}
                </p>
            </div>
        }
    };
    view! {
        <section aria-labelledby="business-now-h">
            <h2 id="business-now-h">{move || t().business_current}</h2>
            <dl class="business-now">
                {Field::ALL.map(|field| view! {
                    <dt>{move || field.label(t())}</dt>
                    <dd>{move || current.with(|c| {
                        let shown = c.as_ref().and_then(|c| match field {
                            Field::Name => Some(c.name.clone()),
                            Field::Contact => c.contact.clone(),
                            Field::Address => c.address.clone(),
                            Field::Web => c.web.clone(),
                        });
                        shown.unwrap_or_else(|| t().business_not_given.to_owned())
                    })}</dd>
                }).into_iter().collect_view()}
            </dl>
        </section>
        <section aria-labelledby="business-form-h">
            <h2 id="business-form-h">{move || t().business_change}</h2>
            <form class="stack" on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || t().business_legend}</legend>
                    {Field::ALL.map(input).into_iter().collect_view()}
                </fieldset>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { t().saving } else { t().business_save }}
                </button>
                <p role="status" class="ok">{move || saved.get()}</p>
                <Message text=message/>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_names_the_field_of_the_form() {
        let bad = |web: &str| BusinessDetails {
            name: "Fjordbyen DPS".into(),
            contact: "22 00 00 00".into(),
            address: "Postboks 1, 0001 Oslo".into(),
            web: Some(web.into()),
        };
        let rule = bad("http://example.org").check().unwrap_err();
        assert_eq!(Field::named_in(&rule), Some(Field::Web));
        let rule = BusinessDetails {
            name: " ".into(),
            ..bad("https://example.org")
        }
        .check()
        .unwrap_err();
        assert_eq!(Field::named_in(&rule), Some(Field::Name));
        assert_eq!(Field::named_in("something else"), None);
        for f in Field::ALL {
            assert_eq!(f.selector(), format!("#{}", f.id()));
            assert!(f.error_id().starts_with(f.id()));
            for lang in content::Lang::ALL {
                assert!(!f.error(si::ui(lang)).is_empty());
            }
        }
    }
}
