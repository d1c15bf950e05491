//! `/staff/dashboard`: the district's service at a glance — few numbers, large,
//! each with its goal; pillar scores as SVG bars with a table for screen readers.

use crate::api;
use crate::components::feedback::{ErrorAlert, Loading};
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::latest;
use crate::pages::inbox::RequireStaff;
use crate::session::use_session;
use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use heard_domain::api::{GoalView, SummaryReport};
use heard_domain::{goals, Pillar};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// A piece of text computed when shown, in the page's language.
type Text = Box<dyn Fn() -> String + Send + Sync>;

/// The reporting periods offered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Period {
    Last30,
    SchoolYear,
}

impl Period {
    fn name(self) -> &'static str {
        match self {
            Period::Last30 => "30d",
            Period::SchoolYear => "year",
        }
    }

    fn range(self, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        let from = match self {
            Period::Last30 => now - Duration::days(30),
            Period::SchoolYear => {
                // School years start on 1 August.
                let year = if now.month() >= 8 {
                    now.year()
                } else {
                    now.year() - 1
                };
                Utc.with_ymd_and_hms(year, 8, 1, 0, 0, 0)
                    .single()
                    .unwrap_or(now - Duration::days(365))
            }
        };
        (from, now)
    }
}

/// The dashboard page.
#[component]
pub fn Dashboard() -> impl IntoView {
    view! {
        <RequireStaff>
            <DashboardBody />
        </RequireStaff>
    }
}

#[component]
fn DashboardBody() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    super::title_effect(move || t_string!(i18n, dashboard_title).to_string());
    let query = use_query_map();
    let period = Memo::new(move |_| match query.with(|q| q.get("period")).as_deref() {
        Some("year") => Period::SchoolYear,
        _ => Period::Last30,
    });
    let allowed = move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(crate::session::reads_reports))
    };
    let report = LocalResource::new(move || {
        let shown_period = period.get();
        let (from, to) = shown_period.range(fmt::now());
        let allowed = allowed();
        let answer = async move {
            if !allowed {
                return Err(api::ApiError::Problem(heard_domain::api::Problem {
                    kind: "about:blank".into(),
                    title: "Forbidden".into(),
                    status: 403,
                    detail: None,
                    errors: Vec::new(),
                }));
            }
            let s = api::summary(&fmt::iso(from), &fmt::iso(to)).await?;
            let g = api::goals().await?;
            Ok::<_, api::ApiError>((s, g.items))
        };
        async move { (shown_period, answer.await) }
    });
    // The figures on screen stay until those of the chosen period have
    // arrived, and go together with their signals (see `latest`).
    let shown = latest(report, period);
    view! {
        <div class="heard-container heard-wide">
            <h1>{t!(i18n, dashboard_title)}</h1>
            <Show when=allowed fallback=NotForYourRole>
                <nav class="heard-tabs" aria-label=move || t_string!(i18n, period_label)>
                    <ul>
                        {[Period::Last30, Period::SchoolYear].into_iter().map(|p| {
                            let current = move || period.get() == p;
                            view! {
                                <li>
                                    <a
                                        class="heard-tab"
                                        class:heard-tab--current=current
                                        aria-current=move || current().then_some("page")
                                        href=format!("/staff/dashboard?period={}", p.name())
                                    >
                                        {move || match p {
                                            Period::Last30 => t_string!(i18n, period_30d),
                                            Period::SchoolYear => t_string!(i18n, period_year),
                                        }}
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </nav>
                {move || match shown.get().map(|(_, answer)| answer) {
                    None => view! { <Loading /> }.into_any(),
                    Some(Ok((s, goals))) => view! { <Figures report=s goals=goals /> }.into_any(),
                    // Roles can change while a session lasts.
                    Some(Err(e)) if e.status() == Some(403) => view! { <NotForYourRole /> }.into_any(),
                    Some(Err(e)) => view! { <ErrorAlert error=e /> }.into_any(),
                }}
            </Show>
        </div>
    }
}

/// Said to staff whose role does not include district reports.
#[component]
fn NotForYourRole() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="usa-alert usa-alert--info heard-forbidden">
            <div class="usa-alert__body">
                <h2 class="usa-alert__heading">{t!(i18n, dashboard_forbidden_title)}</h2>
                <p class="usa-alert__text">{t!(i18n, dashboard_forbidden)}</p>
            </div>
        </div>
        <p><A href="/staff">{t!(i18n, go_to_inbox)}</A></p>
    }
}

/// The district-wide goal on `metric`: the dashboard shows the whole
/// district, so a school's, topic's or team's goal is not judged on it.
fn goal_for<'a>(goals: &'a [GoalView], metric: &str) -> Option<&'a GoalView> {
    goals.iter().find(|g| {
        g.metric == metric && g.unit_id.is_none() && g.topic_id.is_none() && g.team_id.is_none()
    })
}

#[component]
fn Figures(report: SummaryReport, goals: Vec<GoalView>) -> impl IntoView {
    let i18n = use_i18n();
    let s = report.summary.clone();
    let lang = move || labels::lang(i18n.get_locale());
    let num = move |v: Option<f64>, digits: u32| {
        v.map(|v| fmt::number(v, digits, lang()))
            .unwrap_or_else(|| "—".into())
    };
    let pct = move |v: Option<f64>| {
        v.map(|v| format!("{} %", fmt::number(v, 0, lang())))
            .unwrap_or_else(|| "—".into())
    };
    let from = report.from;
    let to = report.to;
    let median = s.first_response_business.median_hours;
    let cards: Vec<(&'static str, Text, Text)> = vec![
        (
            "received",
            Box::new(move || t_string!(i18n, metric_received).to_string()),
            Box::new({
                let n = s.received;
                move || n.to_string()
            }),
        ),
        (
            "first_response_business_median_hours",
            Box::new(move || t_string!(i18n, metric_first_response).to_string()),
            Box::new(move || {
                median
                    .map(|h| format!("{} h", fmt::number(h, 1, lang())))
                    .unwrap_or_else(|| "—".into())
            }),
        ),
        (
            "standard_met_pct",
            Box::new(move || t_string!(i18n, metric_standard_met).to_string()),
            Box::new({
                let v = s.standard_met_pct;
                move || pct(v)
            }),
        ),
        (
            "average_feedback",
            Box::new(move || t_string!(i18n, metric_average_feedback).to_string()),
            Box::new({
                let v = s.average_feedback;
                move || num(v, 1)
            }),
        ),
        (
            "nps",
            Box::new(move || t_string!(i18n, metric_nps).to_string()),
            Box::new({
                let v = s.nps;
                move || num(v, 0)
            }),
        ),
        (
            "survey_response_rate_pct",
            Box::new(move || t_string!(i18n, metric_survey_rate).to_string()),
            Box::new({
                let v = s.survey_response_rate_pct;
                move || pct(v)
            }),
        ),
    ];
    let card_views = cards
        .into_iter()
        .map(|(metric, label, value)| {
            // The card shows this period, so its goal is judged on this period too.
            let shown = goals::metric_value(&report.summary, metric);
            let goal = goal_for(&goals, metric).cloned();
            view! {
                <li class="heard-metric">
                    <p class="heard-metric__label">{label}</p>
                    <p class="heard-metric__value" data-metric=metric>{value}</p>
                    {goal.map(|g| view! { <GoalLine goal=g value=shown /> })}
                </li>
            }
        })
        .collect_view();
    let pillars = s.pillar_scores;
    let rows: Vec<(Pillar, Option<f64>)> = vec![
        (Pillar::Courtesy, pillars.courtesy),
        (Pillar::Communication, pillars.communication),
        (Pillar::Responsiveness, pillars.responsiveness),
        (Pillar::Environment, pillars.environment),
    ];
    let rows_for_table = rows.clone();
    view! {
        <p class="heard-muted">
            {move || t_string!(i18n, period_range, from = fmt::date(from, lang()), to = fmt::date(to, lang())).to_string()}
            " · "
            {move || t_string!(i18n, feedback_count, count = s.feedback_count.to_string()).to_string()}
        </p>
        <ul class="heard-metrics">{card_views}</ul>
        <section class="heard-section" aria-labelledby="pillars-heading">
            <h2 id="pillars-heading">{t!(i18n, pillars_heading)}</h2>
            <div class="heard-pillars">
                <PillarBars rows=rows />
                <table class="usa-table usa-table--borderless usa-table--compact heard-pillars__table">
                    <caption>{t!(i18n, pillars_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, pillar_col)}</th>
                            <th scope="col">{t!(i18n, score_col)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows_for_table.into_iter().map(|(p, v)| view! {
                            <tr>
                                <th scope="row">{move || labels::pillar(i18n.get_locale(), p)}</th>
                                <td>{move || v.map(|v| format!("{} / 5", fmt::number(v, 2, lang()))).unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="heard-section" aria-labelledby="goals-heading">
            <h2 id="goals-heading">{t!(i18n, goals_heading)}</h2>
            {if goals.is_empty() {
                view! { <p class="heard-muted">{t!(i18n, no_goals)}</p> }.into_any()
            } else {
                view! {
                    <table class="usa-table usa-table--borderless usa-table--stacked heard-goals">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, goal_col)}</th>
                                <th scope="col">{t!(i18n, current_col)}</th>
                                <th scope="col">{t!(i18n, target_col)}</th>
                                <th scope="col">{t!(i18n, on_track_col)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {goals.clone().into_iter().map(|g| {
                                let target = format!("{} {}", if g.comparison == "at_most" { "≤" } else { "≥" }, fmt::number(g.target, 1, lang()));
                                let current = g.current.map(|c| fmt::number(c, 1, lang())).unwrap_or_else(|| "—".into());
                                view! {
                                    <tr>
                                        <th scope="row" data-label=move || t_string!(i18n, goal_col)>
                                            {g.name.clone()}
                                            <span class="heard-goals__period">
                                                {move || t_string!(i18n, period_range, from = fmt::date(g.period_start, lang()), to = fmt::date(g.period_end, lang())).to_string()}
                                            </span>
                                        </th>
                                        <td data-label=move || t_string!(i18n, current_col)>{current}</td>
                                        <td data-label=move || t_string!(i18n, target_col)>{target}</td>
                                        <td data-label=move || t_string!(i18n, on_track_col)><OnTrack on_track=g.on_track /></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn OnTrack(on_track: Option<bool>) -> impl IntoView {
    let i18n = use_i18n();
    match on_track {
        Some(true) => view! { <span class="usa-tag heard-ontrack heard-ontrack--yes">{t!(i18n, on_track)}</span> }.into_any(),
        Some(false) => view! { <span class="usa-tag heard-ontrack heard-ontrack--no">{t!(i18n, off_track)}</span> }.into_any(),
        None => view! { <span class="heard-muted">{t!(i18n, no_data)}</span> }.into_any(),
    }
}

/// A card's goal: the target, and whether the figure on the card meets it.
#[component]
fn GoalLine(goal: GoalView, value: Option<f64>) -> impl IntoView {
    let i18n = use_i18n();
    let sign = if goal.comparison == "at_most" {
        "≤"
    } else {
        "≥"
    };
    let target = goal.target;
    view! {
        <p class="heard-metric__goal">
            {move || t_string!(i18n, goal_short, target = format!("{sign} {}", fmt::number(target, 1, labels::lang(i18n.get_locale())))).to_string()}
            " "
            <OnTrack on_track=value.and_then(|v| goals::on_track(v, &goal.comparison, target)) />
        </p>
    }
}

/// Horizontal bars from 0 to 5, one SVG per pillar so the labels stay real
/// text at any width; hidden from screen readers, who get the table.
#[component]
fn PillarBars(rows: Vec<(Pillar, Option<f64>)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="heard-bars" aria-hidden="true">
            {rows.into_iter().map(|(p, v)| {
                let w = v.map(|v| (v / 5.0).clamp(0.0, 1.0) * 100.0).unwrap_or(0.0);
                view! {
                    <li class="heard-bars__row">
                        <span class="heard-bars__label">
                            {move || {
                                let l = i18n.get_locale();
                                let value = v.map(|v| fmt::number(v, 2, labels::lang(l))).unwrap_or_else(|| "—".into());
                                format!("{} · {value}", labels::pillar(l, p))
                            }}
                        </span>
                        <svg class="heard-bars__bar" viewBox="0 0 100 4" preserveAspectRatio="none" focusable="false">
                            <rect x="0" y="0" width="100" height="4" class="heard-bars__track" rx="0.6" />
                            <rect x="0" y="0" width=w height="4" class="heard-bars__fill" rx="0.6" />
                        </svg>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
