//! `/staff` for professionals and super users: the caseload of the business (SPEC §4.3): search
//! by reference, filter, order and pages (`content::caseload`, served a page at a time),
//! deletion registrations, and issuing codes (shown once as printable slips and a CSV). The
//! support desk, which has no participants, is sent on to its feedback page.

use super::i18n as si;
use super::shared::{self, FEEDBACK, Message, error_text};
use super::who::use_who;
use super::{dom, slips};
use crate::api;
use crate::i18n::use_lang;
use content::api::{
    CaseloadFilter, CaseloadSort, IssueCodes, ParticipantRow, ParticipantsList, StaffRole,
    endpoints,
};
use content::caseload::{self, Query};
use leptos::prelude::*;
use leptos_router::{NavigateOptions, components::A, hooks::use_navigate};

/// A label of the caseload controls, read from the staff text table in the current language.
type Label = fn(&si::StaffUi) -> &'static str;

#[component]
pub fn Overview() -> impl IntoView {
    let who = use_who();
    let support = move || who.with(|w| w.as_ref().map(|s| s.role) == Some(StaffRole::Support));
    view! {
        <Show when=move || !support() fallback=ToDesk>
            <Participants/>
        </Show>
    }
}

/// The support desk has no participants: its start page is the feedback desk.
#[component]
fn ToDesk() -> impl IntoView {
    let navigate = use_navigate();
    Effect::new(move |_| {
        navigate(
            FEEDBACK,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        )
    });
}

#[component]
fn Participants() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let who = use_who();
    let tool_manager =
        move || who.with(|w| w.as_ref().map(|s| s.role) == Some(StaffRole::ToolManager));
    // The caseload query: search, filter, order and page; every change asks the edge again.
    let query = RwSignal::new(Query::default());
    let list = LocalResource::new(move || {
        let q = query.get().to_query_string();
        async move { api::call_with_query(&endpoints::PARTICIPANTS, &[], &q).await }
    });
    let issued = RwSignal::new(None::<Vec<String>>);
    view! {
        <h1>{move || t().participants}</h1>
        <Show
            when=move || !tool_manager()
            fallback=move || view! {
                <p>{move || t().overview_tool_manager}</p>
                <p><A href="/staff/stats">{move || t().overview_to_stats}</A></p>
            }
        >
            <IssueForm issued=issued on_issued=move || list.refetch()/>
            {move || issued.get().map(|codes| view! { <Slips codes=codes issued=issued/> })}
            <section aria-labelledby="participants-h" class="screen-only">
                <h2 id="participants-h">{move || t().participants_with_code}</h2>
                <Find query=query/>
                <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                    {move || list.get().map(|r| match r {
                        Err(e) => view! { <p class="message">{error_text(lang.get(), &e)}</p> }.into_any(),
                        Ok(l) => view! { <Tables list=l query=query/> }.into_any(),
                    })}
                </Suspense>
            </section>
        </Show>
    }
}

/// Search by reference, the filter and the order: native controls in fieldsets. The search
/// is sent with its button (or Enter); a filter or an order applies at once. Each starts
/// again at page 1.
#[component]
fn Find(query: RwSignal<Query>) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let text = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match caseload::search(&text.get_untracked()) {
            Ok(s) => {
                message.set(None);
                query.update(|q| {
                    q.search = s;
                    q.page = 1;
                });
            }
            Err(_) => message.set(Some(
                si::ui(lang.get_untracked()).find_search_invalid.into(),
            )),
        }
    };
    let filters: [(Option<CaseloadFilter>, Label); 5] = [
        (None, |t| t.find_all),
        (Some(CaseloadFilter::Sharing), |t| t.find_sharing),
        (Some(CaseloadFilter::Flagged), |t| t.find_flagged),
        (Some(CaseloadFilter::Due), |t| t.find_due),
        (Some(CaseloadFilter::Deleted), |t| t.find_deleted),
    ];
    let sorts: [(CaseloadSort, Label); 3] = [
        (CaseloadSort::Issued, |t| t.sort_issued),
        (CaseloadSort::LastActive, |t| t.sort_last_active),
        (CaseloadSort::Band, |t| t.sort_band),
    ];
    view! {
        <form class="stack caseload-find" role="search" on:submit=search novalidate>
            <fieldset>
                <legend>{move || t().find_legend}</legend>
                <div class="field">
                    <label for="find-reference">{move || t().find_reference}</label>
                    <input id="find-reference" type="search" autocomplete="off" spellcheck="false"
                        maxlength="12" aria-describedby="find-reference-hint" bind:value=text/>
                    <p id="find-reference-hint" class="hint">{move || t().find_reference_hint}</p>
                </div>
                <button type="submit">{move || t().find_button}</button>
                <Message text=message/>
            </fieldset>
            <fieldset>
                <legend>{move || t().find_show}</legend>
                {filters.into_iter().map(|(f, label)| {
                    let id = format!("find-filter-{}", f.map_or("all", caseload::filter_name));
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="find-filter"
                                prop:checked=move || query.with(|q| q.filter == f)
                                on:change=move |_| query.update(|q| { q.filter = f; q.page = 1; })/>
                            <label for=id>{move || label(t())}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{move || t().find_order}</legend>
                {sorts.into_iter().map(|(o, label)| {
                    let id = format!("find-sort-{o:?}").to_lowercase();
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="find-sort"
                                prop:checked=move || query.with(|q| q.sort == o)
                                on:change=move |_| query.update(|q| { q.sort = o; q.page = 1; })/>
                            <label for=id>{move || label(t())}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </form>
    }
}

/// "Page 2 of 7 (312 participants)" with the previous and next buttons.
#[component]
fn Pages(query: RwSignal<Query>, total: u32, per_page: u32, page: u32) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let pages = total.div_ceil(per_page.max(1)).max(1);
    let go = move |to: u32| query.update(|q| q.page = to);
    // Worked out here: a `>` inside the view's attributes would end the tag.
    let (first, last) = (page <= 1, page >= pages);
    view! {
        <nav class="pages" aria-label=move || t().pages_label>
            <button type="button" disabled=first on:click=move |_| go(page - 1)>
                {move || t().page_previous}
            </button>
            <p role="status">
                {move || crate::i18n::fill(t().page_of, &[&page.to_string(), &pages.to_string(), &total.to_string()])}
            </p>
            <button type="button" disabled=last on:click=move |_| go(page + 1)>
                {move || t().page_next}
            </button>
        </nav>
    }
}

#[component]
fn Tables(list: ParticipantsList, query: RwSignal<Query>) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let deleted_only = query.with_untracked(|q| q.filter == Some(CaseloadFilter::Deleted));
    let searching = query.with_untracked(|q| q.search.is_some() || q.filter.is_some());
    let (total, per_page, page) = (list.total, list.per_page, list.page);
    let rows = list.participants;
    let deletions = list.deletions;
    let empty = rows.is_empty();
    let no_deletions = deletions.is_empty();
    let code_changes = list.code_changes;
    let any_code_changes = !code_changes.is_empty();
    view! {
        <Show when=move || !deleted_only>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="participants-h">
                <table class="staff-table">
                    <caption>
                        {move || t().participants_caption}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t().col_reference}</th>
                            <th scope="col">{move || t().col_issued}</th>
                            <th scope="col">{move || t().col_tool}</th>
                            <th scope="col">{move || t().col_sharing}</th>
                            <th scope="col">{move || t().col_last_active}</th>
                            <th scope="col">{move || t().col_latest_score}</th>
                            <th scope="col">{move || t().col_flag}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.clone().into_iter().map(|r| view! { <Row row=r/> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <Show when=move || empty>
                <p>{move || if searching { t().find_none } else { t().participants_none }}</p>
            </Show>
        </Show>
        <Pages query=query total=total per_page=per_page page=page/>
        <h2>{move || t().deletions_title}</h2>
        <Show
            when=move || !no_deletions
            fallback=move || view! { <p>{move || t().deletions_none}</p> }
        >
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t().deletions_title>
                <table class="staff-table">
                    <caption>{move || t().deletions_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t().col_reference}</th>
                            <th scope="col">{move || t().col_deleted}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {deletions.clone().into_iter().map(|d| view! {
                            <tr><td class="mono">{d.reference}</td><td>{shared::day(&d.deleted_at, lang.get_untracked())}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </Show>
        // Participants who left with a code change: the old reference, "code changed", the day.
        <Show when=move || any_code_changes>
            <h2>{move || t().code_changes_title}</h2>
            <table class="staff-table" data-testid="code-changes">
                <caption>{move || t().code_changes_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t().col_reference}</th>
                        <th scope="col">{move || t().col_code_changed}</th>
                    </tr>
                </thead>
                <tbody>
                    {code_changes.clone().into_iter().map(|c| view! {
                        <tr><td class="mono">{c.reference}</td><td>{shared::day(&c.changed_at, lang.get_untracked())}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </Show>
    }
}

#[component]
fn Row(row: ParticipantRow) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let sharing = row.consent.allows_individual_access();
    let href = format!("/staff/participants/{}", row.id);
    let reference = row.reference.clone();
    let tool = row.tool.clone();
    let latest = row.latest.clone().unwrap_or_default();
    // The safety flag with the day of the latest such answer (a flag without a day still shows).
    let safety = row
        .flags
        .filter(|f| f.safety)
        .map(|f| f.safety_on.unwrap_or_default());
    let consent = row.consent;
    view! {
        <tr>
            <th scope="row" class="mono">
                {if sharing {
                    view! { <A href=href>{reference}</A> }.into_any()
                } else {
                    view! { <span>{reference}</span> }.into_any()
                }}
            </th>
            <td>{shared::day(&row.issued_at, lang.get_untracked())}</td>
            <td>{move || tool.as_deref().map(|x| si::tool(lang.get(), x)).unwrap_or_else(|| "–".into())}</td>
            <td>{move || si::consent(lang.get(), consent)}</td>
            <td>{row.last_active.as_deref().map_or_else(|| "–".into(), |d| shared::day(d, lang.get_untracked()))}</td>
            <td>
                {move || {
                    let lang = lang.get();
                    if latest.is_empty() {
                        return "–".to_owned();
                    }
                    latest
                        .iter()
                        .map(|l| {
                            let mut s = format!(
                                "{}: {} ({})",
                                si::instrument(&l.instrument),
                                si::band(lang, &l.instrument, &l.band),
                                shared::day(&l.date, lang)
                            );
                            if let Some(r) = l.reliable {
                                s.push_str(" – ");
                                s.push_str(si::reliable(lang, r));
                            }
                            s
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                }}
            </td>
            <td>
                {move || match safety.as_deref() {
                    Some("") => view! { <strong class="flag">{t().flag_self_harm}</strong> }.into_any(),
                    Some(on) => {
                        let on = shared::day(on, lang.get());
                        view! {
                            <strong class="flag">{crate::i18n::fill(t().flag_self_harm_on, &[&on])}</strong>
                        }.into_any()
                    }
                    None => view! { <span>"–"</span> }.into_any(),
                }}
            </td>
        </tr>
    }
}

#[component]
fn IssueForm(
    issued: RwSignal<Option<Vec<String>>>,
    on_issued: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let count = RwSignal::new("10".to_owned());
    let tool = RwSignal::new(String::new());
    let plan = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let n = match count.get_untracked().trim().parse::<u32>() {
            Ok(n) if (1..=IssueCodes::MAX).contains(&n) => n,
            _ => {
                message.set(Some(si::ui(lang).issue_count_invalid.into()));
                return;
            }
        };
        let req = IssueCodes {
            count: n,
            tool: Some(tool.get_untracked()).filter(|s| !s.is_empty()),
            plan: Some(plan.get_untracked()).filter(|s| !s.is_empty()),
        };
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            match api::send(&endpoints::ISSUE_CODES, &[], &req).await {
                Ok(r) => {
                    issued.set(Some(r.codes));
                    on_issued();
                }
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="issue-h" class="screen-only">
            <h2 id="issue-h">{move || t().issue_title}</h2>
            <form class="stack" on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || t().issue_legend}</legend>
                    <div class="field">
                        <label for="issue-count">{move || t().issue_count}</label>
                        <input id="issue-count" type="number" min="1" max="500" inputmode="numeric" bind:value=count/>
                    </div>
                    <div class="field">
                        <label for="issue-tool">{move || t().col_tool}</label>
                        <select id="issue-tool" on:change=move |ev| tool.set(event_target_value(&ev)) prop:value=move || tool.get()>
                            <option value="">{move || t().issue_no_tool}</option>
                            {content::tools::all().iter().map(|x| {
                                let id = x.id.clone();
                                view! { <option value=id>{move || x.title.get(lang.get()).to_owned()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="issue-plan">{move || t().issue_plan}</label>
                        <select id="issue-plan" on:change=move |ev| plan.set(event_target_value(&ev)) prop:value=move || plan.get()>
                            <option value="">{move || t().issue_no_plan}</option>
                            {content::plans::all().iter().map(|x| {
                                let id = x.id.clone();
                                view! { <option value=id>{move || x.title.get(lang.get()).to_owned()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </fieldset>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { t().issue_busy } else { t().issue_button }}
                </button>
                <Message text=message/>
            </form>
        </section>
    }
}

/// The issued codes, shown once: one slip per code for printing, and a CSV.
#[component]
fn Slips(codes: Vec<String>, issued: RwSignal<Option<Vec<String>>>) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let address = dom::origin();
    let count = codes.len();
    let csv = slips::csv(&codes);
    let download = move |_| {
        // The slips' CSV, offered once; a browser that cannot still shows the slips on screen.
        let _ = crate::browser::download(
            &slips::csv_name(&dom::today()),
            "text/csv;charset=utf-8",
            &csv,
        );
    };
    view! {
        <section aria-labelledby="slips-h" class="issued">
            <h2 id="slips-h" class="screen-only">
                {move || crate::i18n::fill(t().codes_new, &[&count.to_string()])}
            </h2>
            <p class="warning screen-only">
                <strong>
                    {move || t().slips_once}
                </strong>
            </p>
            <div class="actions screen-only">
                <button type="button" class="primary" on:click=move |_| dom::print()>
                    {move || t().slips_print}
                </button>
                <button type="button" on:click=download>
                    {move || t().slips_csv}
                </button>
                <button type="button" on:click=move |_| issued.set(None)>
                    {move || t().slips_done}
                </button>
            </div>
            <ul class="slips">
                {codes.into_iter().map(|code| {
                    let address = address.clone();
                    view! {
                        <li class="slip">
                            <p class="slip-title">{move || t().slip_title}</p>
                            <p class="slip-code mono">{code}</p>
                            <ol>
                                {move || si::slip_steps(lang.get()).into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                            </ol>
                            <p class="slip-address mono">{address}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
