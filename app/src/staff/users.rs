//! `/staff/users` for super users: the business's staff, invitations (a one-time link shown
//! once), deactivation, reactivation, a new invitation, a reset link (shown once), and the
//! audit log (P7).

use super::dom;
use super::i18n::{self as si, role};
use super::shared::{self, Message, error_text};
use super::who::use_who;
use crate::api;
use crate::i18n::use_lang;
use content::api::endpoints;
use content::api::{StaffRole, StaffUser, StaffUserChanged, StaffUserRequest};
use leptos::prelude::*;

#[component]
pub fn Users() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let who = use_who();
    let admin = move || who.with(|w| w.as_ref().map(|s| s.role) == Some(StaffRole::SuperUser));
    view! {
        <h1>{move || t().users_title}</h1>
        <Show when=admin fallback=move || view! {
            <p class="notice">{move || t().users_only_super}</p>
        }>
            <Admin/>
        </Show>
    }
}

#[component]
fn Admin() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let users = LocalResource::new(|| api::call(&endpoints::STAFF_USERS, &[]));
    let audit = LocalResource::new(|| api::call(&endpoints::AUDIT, &[]));
    let message = RwSignal::new(None::<String>);
    // A one-time link just made (a reset or a new invitation): whose, and the link.
    let link = RwSignal::new(None::<(String, String)>);
    let change = move |request: StaffUserRequest, email: String| {
        let lang = lang.get_untracked();
        message.set(None);
        leptos::task::spawn_local(async move {
            match api::send(&endpoints::CHANGE_STAFF_USER, &[], &request).await {
                Ok(answer) => {
                    if let StaffUserChanged::Invited(inv) = answer {
                        link.set(Some((
                            email,
                            format!("{}/staff/invite#{}", dom::origin(), inv.invite_token),
                        )));
                    }
                    users.refetch();
                    audit.refetch();
                }
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
        });
    };
    let reset = move |u: StaffUser| {
        let question =
            crate::i18n::fill(si::ui(lang.get_untracked()).user_reset_confirm, &[&u.email]);
        if dom::confirm(&question) {
            change(StaffUserRequest::Reset { id: u.id }, u.email);
        }
    };
    let deactivate = move |u: StaffUser| {
        let lang = lang.get_untracked();
        let question = crate::i18n::fill(si::ui(lang).user_deactivate_confirm, &[&u.email]);
        if !dom::confirm(&question) {
            return;
        }
        leptos::task::spawn_local(async move {
            let request = StaffUserRequest::Deactivate { id: u.id };
            match api::send(&endpoints::CHANGE_STAFF_USER, &[], &request).await {
                Ok(_) => users.refetch(),
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
        });
    };
    view! {
        <InviteForm on_invited=move || users.refetch()/>
        <section aria-labelledby="users-h">
            <h2 id="users-h">{move || t().users_staff}</h2>
            <Message text=message/>
            {move || link.get().map(|(who, url)| view! {
                <div class="issued" role="status">
                    <p><strong>{move || t().invite_link_once}</strong></p>
                    <p>{crate::i18n::fill(t().user_link_for, &[&who])}</p>
                    <p class="mono invite-link" data-testid="user-link">{url}</p>
                </div>
            })}
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || users.get().map(|r| match r {
                    Err(e) => view! { <p class="message">{error_text(lang.get(), &e)}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap" tabindex="0"><table class="staff-table">
                            <caption>{move || t().users_caption}</caption>
                            <thead><tr>
                                <th scope="col">{move || t().email}</th>
                                <th scope="col">{move || t().col_role}</th>
                                <th scope="col">{move || t().col_created}</th>
                                <th scope="col">{move || t().col_state}</th>
                                <th scope="col">{move || t().col_action}</th>
                            </tr></thead>
                            <tbody>
                                {list.users.into_iter().map(|u| {
                                    let active = u.active;
                                    let (email, r) = (u.email.clone(), u.role);
                                    let label = u.email.clone();
                                    let (label2, label3, label4) = (label.clone(), label.clone(), label.clone());
                                    let user = u.clone();
                                    let (user2, user3, user4) = (u.clone(), u.clone(), u.clone());
                                    view! { <tr>
                                        <th scope="row">{email}</th>
                                        <td>{move || role(lang.get(), r)}</td>
                                        <td>{shared::day(&u.created_at, lang.get_untracked())}</td>
                                        <td>{move || if active { t().user_active } else { t().user_deactivated }}</td>
                                        <td class="actions">{if active { view! {
                                            <button type="button"
                                                aria-label=move || format!("{} {label2}", t().user_reset)
                                                on:click=move |_| reset(user2.clone())>
                                                {move || t().user_reset}
                                            </button>
                                            <button type="button" class="danger"
                                                aria-label=move || format!("{} {label}", t().user_deactivate)
                                                on:click=move |_| deactivate(user.clone())>
                                                {move || t().user_deactivate}
                                            </button>
                                        }.into_any() } else { view! {
                                            <button type="button"
                                                aria-label=move || format!("{} {label3}", t().user_reactivate)
                                                on:click=move |_| change(StaffUserRequest::Reactivate { id: user3.id.clone() }, user3.email.clone())>
                                                {move || t().user_reactivate}
                                            </button>
                                            <button type="button"
                                                aria-label=move || format!("{} {label4}", t().user_reinvite)
                                                on:click=move |_| change(StaffUserRequest::Invite { email: user4.email.clone(), role: user4.role }, user4.email.clone())>
                                                {move || t().user_reinvite}
                                            </button>
                                        }.into_any() }}</td>
                                    </tr> }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any(),
                })}
            </Suspense>
        </section>
        <section aria-labelledby="audit-h">
            <h2 id="audit-h">{move || t().audit_title}</h2>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || audit.get().map(|r| match r {
                    Err(e) => view! { <p class="message">{error_text(lang.get(), &e)}</p> }.into_any(),
                    Ok(log) if log.entries.is_empty() => view! {
                        <p>{move || t().audit_none}</p>
                    }.into_any(),
                    Ok(log) => view! {
                        <div class="table-wrap" tabindex="0"><table class="staff-table">
                            <caption>{move || t().audit_caption}</caption>
                            <thead><tr>
                                <th scope="col">{move || t().col_time}</th>
                                <th scope="col">{move || t().col_staff}</th>
                                <th scope="col">{move || t().participant}</th>
                                <th scope="col">{move || t().col_what}</th>
                            </tr></thead>
                            <tbody>
                                {log.entries.into_iter().map(|e| view! { <tr>
                                    <td>{content::dates::date_time_of_text(&e.at, lang.get_untracked())}</td>
                                    <td>{if e.staff_email.is_empty() { t().deleted_account.to_owned() } else { e.staff_email }}</td>
                                    <td class="mono">{e.participant}</td>
                                    <td>{e.action}</td>
                                </tr> }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn InviteForm(on_invited: impl Fn() + Copy + 'static) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let email = RwSignal::new(String::new());
    let admin_role = RwSignal::new(false);
    let link = RwSignal::new(None::<(String, String)>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let e = email.get_untracked().trim().to_owned();
        if !e.contains('@') {
            message.set(Some(si::ui(lang).invite_email_missing.into()));
            return;
        }
        let r = if admin_role.get_untracked() {
            StaffRole::SuperUser
        } else {
            StaffRole::Professional
        };
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            let request = StaffUserRequest::Invite {
                email: e.clone(),
                role: r,
            };
            match api::send(&endpoints::CHANGE_STAFF_USER, &[], &request).await {
                Ok(StaffUserChanged::Invited(inv)) => {
                    link.set(Some((
                        e,
                        format!("{}/staff/invite#{}", dom::origin(), inv.invite_token),
                    )));
                    email.set(String::new());
                    on_invited();
                }
                // An invitation always answers with its link; anything else only refreshes.
                Ok(_) => on_invited(),
                Err(err) => message.set(Some(error_text(lang, &err).into())),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="invite-h">
            <h2 id="invite-h">{move || t().invite_form_title}</h2>
            <form class="stack" on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || t().invite_legend}</legend>
                    <div class="field">
                        <label for="invite-email">{move || t().email}</label>
                        <input id="invite-email" type="email" autocomplete="off" bind:value=email/>
                    </div>
                    <div class="field check">
                        <input id="invite-admin" type="checkbox" bind:checked=admin_role/>
                        <label for="invite-admin">{move || t().invite_super_user}</label>
                    </div>
                </fieldset>
                <button type="submit" class="primary" disabled=move || busy.get()>{move || t().invite_button}</button>
                <Message text=message/>
            </form>
            {move || link.get().map(|(who, url)| view! {
                <div class="issued" role="status">
                    <p><strong>{move || t().invite_link_once}</strong></p>
                    <p>{who}</p>
                    <p class="mono invite-link">{url}</p>
                </div>
            })}
        </section>
    }
}
