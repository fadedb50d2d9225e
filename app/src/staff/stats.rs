//! `/staff/stats`: the fixed, k-anonymous reports (P6) of one calendar month, as tables and
//! bar charts. Suppressed cells come from the edge as `null` and are shown as hidden, with why.
//! A tool manager picks the programme's report or one of its businesses'.

use super::bars;
use super::dom;
use super::i18n as si;
use super::shared::error_text;
use super::who::use_who;
use crate::api;
use crate::i18n::use_lang;
use content::api::endpoints;
use content::api::{Stats, StatsGroup};
use leptos::prelude::*;

fn cell(lang: content::Lang, v: Option<u32>) -> String {
    v.map(|n| n.to_string())
        .unwrap_or_else(|| si::ui(lang).hidden.into())
}

#[component]
pub fn StatsView() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let who = use_who();
    let period = RwSignal::new(dom::this_month());
    let business = RwSignal::new(String::new());
    let businesses =
        move || who.with(|w| w.as_ref().map(|s| s.businesses.clone()).unwrap_or_default());
    // A tool manager chooses between the programme and each of its businesses (even a
    // programme of one); others see their one business.
    let tool_manager = move || {
        who.with(|w| {
            w.as_ref()
                .is_some_and(|s| s.role == content::api::StaffRole::ToolManager)
        })
    };
    let many = move || tool_manager() || businesses().len() > 1;
    let report = LocalResource::new(move || {
        let p = period.get();
        let b = business.get();
        async move {
            let mut query = format!("?period={p}");
            if !b.is_empty() {
                query.push_str("&business=");
                query.push_str(&b);
            }
            api::call_with_query(&endpoints::STATS, &[], &query).await
        }
    });
    view! {
        <h1>{move || t().stats_title}</h1>
        <p class="lede">{move || t().stats_intro}</p>
        <form class="stack screen-only" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <fieldset>
                <legend>{move || t().stats_selection}</legend>
                <div class="field">
                    <label for="stats-month">{move || t().stats_month}</label>
                    <input id="stats-month" type="month" prop:value=move || period.get()
                        on:change=move |ev| { let v = event_target_value(&ev); if v.len() == 7 { period.set(v) } }/>
                </div>
                <Show when=many>
                    <div class="field">
                        <label for="stats-business">{move || t().stats_business}</label>
                        <select id="stats-business" on:change=move |ev| business.set(event_target_value(&ev)) prop:value=move || business.get()>
                            <option value="">{move || t().stats_all_businesses}</option>
                            {move || businesses().into_iter().map(|b| view! { <option value=b.id>{b.name}</option> }).collect_view()}
                        </select>
                    </div>
                </Show>
            </fieldset>
        </form>
        <Transition fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || report.get().map(|r| match r {
                Err(e) => view! { <p class="message">{error_text(lang.get(), &e)}</p> }.into_any(),
                Ok(s) => view! { <Report stats=s/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Report(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let pc = stats.participants;
    let period = stats.period.clone();
    let groups = stats.groups;
    let none = groups.is_empty();
    view! {
        <div class="table-wrap" tabindex="0"><table class="staff-table">
            <caption>{move || format!("{} {period}", t().stats_participants_in)}</caption>
            <thead><tr>
                <th scope="col">{move || t().stats_issued}</th>
                <th scope="col">{move || t().stats_active}</th>
                <th scope="col">{move || t().sharing}</th>
            </tr></thead>
            <tbody><tr>
                <td>{move || cell(lang.get(), pc.issued)}</td>
                <td>{move || cell(lang.get(), pc.active)}</td>
                <td>{move || cell(lang.get(), pc.consenting)}</td>
            </tr></tbody>
        </table></div>
        <Show when=move || none>
            <p>{move || t().stats_none}</p>
        </Show>
        {groups.into_iter().map(|g| view! { <Group group=g/> }).collect_view()}
    }
}

#[component]
fn Group(group: StatsGroup) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let name = si::instrument(&group.instrument);
    let heading_id = format!("stats-{}", group.instrument);
    let Some(n) = group.n else {
        let labelled = heading_id.clone();
        return view! {
            <section aria-labelledby=labelled>
                <h2 id=heading_id>{name}</h2>
                <p>{move || t().stats_group_hidden}</p>
            </section>
        }
        .into_any();
    };
    let inst = group.instrument.clone();
    // The instrument's band order (the map is sorted by id).
    let order: Vec<String> = content::instruments::get(&inst)
        .map(|i| i.bands.iter().map(|b| b.id.clone()).collect())
        .unwrap_or_else(|| group.bands.keys().cloned().collect());
    let rows: Vec<(String, Option<u32>, Option<u32>)> = order
        .iter()
        .map(|b| {
            (
                b.clone(),
                group.baseline_bands.get(b).copied().flatten(),
                group.bands.get(b).copied().flatten(),
            )
        })
        .collect();
    let groups = bars::band_bars(&rows);
    let table_rows = rows.clone();
    let inst2 = inst.clone();
    let name2 = name.clone();
    let g = group.clone();
    let labelled = heading_id.clone();
    view! {
        <section aria-labelledby=labelled class="stats-group">
            <h2 id=heading_id>{name.clone()} " – n = " {n}</h2>
            <div class="table-wrap" tabindex="0"><table class="staff-table">
                <caption>{move || format!("{name}: {}", t().stats_bands_caption)}</caption>
                <thead><tr>
                    <th scope="col">{move || t().col_severity}</th>
                    <th scope="col">{move || t().stats_baseline}</th>
                    <th scope="col">{move || t().stats_latest}</th>
                </tr></thead>
                <tbody>
                    {table_rows.into_iter().map(|(band, base, latest)| {
                        let inst = inst.clone();
                        view! { <tr>
                            <th scope="row">{move || si::band(lang.get(), &inst, &band)}</th>
                            <td>{move || cell(lang.get(), base)}</td>
                            <td>{move || cell(lang.get(), latest)}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table></div>
            <svg class="chart bars" viewBox=format!("0 0 {} {}", bars::BAR_W, bars::BAR_H) role="img"
                aria-label=move || format!("{name2}: {}", t().stats_bars_label)>
                <line class="axis" x1="0" x2=bars::BAR_W y1=bars::bar_base() y2=bars::bar_base()/>
                {groups.into_iter().map(|grp| {
                    let inst = inst2.clone();
                    let band = grp.band.clone();
                    view! {
                        {grp.bars.iter().map(|b| view! {
                            <rect class=format!("bar series-{}{}", b.series, if b.count.is_none() { " suppressed" } else { "" })
                                x=b.x y=b.y width=b.width height=b.height/>
                        }).collect_view()}
                        <text class="tick" x=grp.label_x y=bars::bar_base() + 16.0 text-anchor="middle">
                            {move || si::band(lang.get(), &inst, &band)}
                        </text>
                    }
                }).collect_view()}
            </svg>
            <p class="legend" aria-hidden="true">
                <span class="key series-0"></span>{move || t().stats_baseline}
                " " <span class="key series-1"></span>{move || t().stats_latest}
            </p>
            <div class="table-wrap" tabindex="0"><table class="staff-table">
                <caption>{move || t().stats_change_caption}</caption>
                <thead><tr>
                    <th scope="col">{move || t().stats_measure}</th>
                    <th scope="col">{move || t().participants}</th>
                </tr></thead>
                <tbody>
                    <tr><th scope="row">{move || t().change_improved}</th><td>{move || cell(lang.get(), g.reliable_improvement)}</td></tr>
                    <tr><th scope="row">{move || t().change_deteriorated}</th><td>{move || cell(lang.get(), g.reliable_deterioration)}</td></tr>
                    <tr><th scope="row">{move || t().stats_recovery}</th><td>{move || cell(lang.get(), g.recovery)}</td></tr>
                    <tr><th scope="row">{move || t().stats_reliable_recovery}</th><td>{move || cell(lang.get(), g.reliable_recovery)}</td></tr>
                    <tr><th scope="row">{move || t().stats_mean_total}</th>
                        <td>{g.mean_total.map(|m| format!("{m:.1}")).unwrap_or_else(|| "–".into())}</td></tr>
                </tbody>
            </table></div>
            <p class="hint">{move || t().stats_hidden_hint}</p>
        </section>
    }
    .into_any()
}
