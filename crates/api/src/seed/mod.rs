//! `heard seed-demo`: Lakeview Unified School District, a fictional district
//! with a year of realistic history, so a first look shows a living product.

mod content;
mod history;

use crate::app::StartError;
use crate::auth::hash_password;
use chrono::Duration;
use content::*;
use diesel::prelude::*;
use heard_domain::api::{Closure, TabPosition, UnitKind, WeeklyHours};
use heard_domain::text::Language;
use heard_domain::{ArticleId, DistrictId, Role, StaffId, TeamId, TemplateId, TopicId, UnitId};
use heard_store::queries::districts;
use heard_store::rows::*;
use heard_store::sql::{Languages, Roles};
use heard_store::{schema, Store, StoreError};
use std::fmt::Write;

/// The demo district's slug.
pub const SLUG: &str = "lakeview";

/// `HEARD_DEMO_PASSWORD`, default `lakeview-demo`.
pub fn demo_password() -> String {
    std::env::var("HEARD_DEMO_PASSWORD")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "lakeview-demo".into())
}

/// The demo sign-ins, if the demo district exists.
pub fn demo_logins(store: &Store) -> Result<Option<String>, StoreError> {
    let exists = store.read(|c| match districts::by_slug(c, SLUG) {
        Ok(_) => Ok(true),
        Err(StoreError::NotFound) => Ok(false),
        Err(e) => Err(e),
    })?;
    if !exists {
        return Ok(None);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Demo district: Lakeview Unified School District (slug `{SLUG}`)"
    );
    let _ = writeln!(out, "Staff sign-ins (password: {}):", demo_password());
    for (name, email, roles, team, _) in STAFF {
        let _ = writeln!(out, "  {email:<34} {roles:<15} {name}, {}", TEAMS[*team]);
    }
    Ok(Some(out))
}

fn now() -> chrono::NaiveDateTime {
    heard_store::clock::now().naive_utc()
}

/// The demo content's names of roles and languages, checked.
fn roles(raw: &str) -> Result<Roles, String> {
    raw.split(',')
        .map(|r| Role::parse(r).ok_or_else(|| format!("demo role {r}")))
        .collect::<Result<_, _>>()
        .map(Roles)
}

fn languages(raw: &str) -> Result<Languages, String> {
    raw.split(',')
        .map(|l| Language::parse(l).map_err(|e| format!("demo language {l}: {e}")))
        .collect::<Result<_, _>>()
        .map(Languages)
}

/// Creates the demo district once; a second run changes nothing.
/// A part of the demo district as the JSON its text column holds.
fn json<T: serde::Serialize>(v: &T) -> Result<String, String> {
    serde_json::to_string(v).map_err(|e| e.to_string())
}

/// The demo district's holidays and breaks.
fn demo_closures() -> Result<Vec<Closure>, String> {
    let day = |d: &str| d.parse().map_err(|e| format!("demo closure {d}: {e}"));
    history::CLOSURES
        .iter()
        .map(|(name, first, last)| {
            Ok(Closure {
                name: (*name).into(),
                first_day: day(first)?,
                last_day: day(last)?,
            })
        })
        .collect()
}

pub fn demo(store: &Store, password: &str) -> Result<String, StartError> {
    if let Some(existing) = demo_logins(store)? {
        return Ok(format!(
            "The demo district already exists; nothing to do.\n{existing}"
        ));
    }
    let created = now();
    let district_id = DistrictId::new();
    let team_ids: Vec<TeamId> = TEAMS.iter().map(|_| TeamId::new()).collect();
    let district = DistrictRow {
        id: district_id,
        slug: SLUG.into(),
        name: "Lakeview Unified School District".into(),
        reference_prefix: "LKV".into(),
        time_zone: "America/Chicago".into(),
        languages: languages("en,es")?,
        tab_label: "Contact us".into(),
        color: "#0b5c7a".into(),
        first_response_minutes: 510,
        resolution_minutes: 5 * 510,
        fallback_team_id: Some(team_ids[0]),
        next_reference: 1001,
        created_at: created - Duration::days(400),
        tab_labels: r#"{"en":"Contact us","es":"Contáctenos"}"#.into(),
        tab_position: TabPosition::BottomRight,
        pillar_standards: PILLAR_STANDARDS.into(),
        past_due_business_days: 5,
        requester_retention_days: Some(3 * 365),
        version: 1,
        weekly_hours: json(&WeeklyHours::school_office())?,
        closures: json(&demo_closures()?)?,
        calendar_version: 1,
        logo: None,
    };
    let units: Vec<UnitRow> = UNITS
        .iter()
        .map(|(name, kind)| {
            Ok(UnitRow {
                id: UnitId::new(),
                district_id,
                name: (*name).into(),
                kind: UnitKind::parse(kind).ok_or_else(|| format!("demo unit kind {kind}"))?,
                created_at: created,
            })
        })
        .collect::<Result<_, String>>()?;
    let teams: Vec<TeamRow> = TEAMS
        .iter()
        .zip(&team_ids)
        .map(|(name, id)| TeamRow {
            id: *id,
            district_id,
            name: (*name).into(),
            created_at: created,
        })
        .collect();
    let mut staff = Vec::new();
    let mut members = Vec::new();
    for (name, email, roles, team, languages) in STAFF {
        let id = StaffId::new();
        staff.push(StaffRow {
            id,
            district_id,
            email: (*email).into(),
            name: (*name).into(),
            password_hash: hash_password(password).map_err(|e| e.to_string())?,
            roles: self::roles(roles)?,
            languages: self::languages(languages)?,
            active: true,
            created_at: created,
        });
        members.push(TeamMemberRow {
            team_id: team_ids[*team],
            staff_id: id,
        });
    }
    let topics: Vec<TopicRow> = TOPICS
        .iter()
        .enumerate()
        .map(|(i, t)| TopicRow {
            id: TopicId::new(),
            district_id,
            name: t.name.into(),
            description: t.description.into(),
            default_team_id: t.team.map(|n| team_ids[n]),
            position: i as i64,
            created_at: created,
        })
        .collect();
    // Every topic in both of the demo's languages.
    let topic_texts: Vec<String> = TOPICS
        .iter()
        .map(|t| {
            let text = |name: &str, description: &str| heard_domain::api::TopicText {
                name: name.into(),
                description: description.into(),
            };
            json(&std::collections::BTreeMap::from([
                ("en", text(t.name, t.description)),
                ("es", text(t.es.0, t.es.1)),
            ]))
        })
        .collect::<Result<_, String>>()?;
    let articles: Vec<HelpArticleRow> = ARTICLES
        .iter()
        .map(|(topic, lang, title, body)| {
            Ok(HelpArticleRow {
                id: ArticleId::new(),
                district_id,
                topic_id: Some(topics[*topic].id),
                language: Language::parse(lang)
                    .map_err(|e| format!("demo language {lang}: {e}"))?,
                title: (*title).into(),
                body: (*body).into(),
                helpful_count: 0,
                created_at: created,
                version: 1,
                published: true,
            })
        })
        .collect::<Result<_, String>>()?;
    let templates: Vec<ReplyTemplateRow> = TEMPLATES
        .iter()
        .map(|(lang, name, body)| {
            Ok(ReplyTemplateRow {
                id: TemplateId::new(),
                district_id,
                language: Language::parse(lang)
                    .map_err(|e| format!("demo language {lang}: {e}"))?,
                name: (*name).into(),
                body: (*body).into(),
                version: 1,
                created_at: created,
            })
        })
        .collect::<Result<_, String>>()?;
    let goals = history::goals(district_id);
    let generated = history::generate(&district, &units, &teams, &staff, &members, &topics)?;
    let count = generated.inquiries.len();

    let mut pooled = store.pool.get()?;
    let conn: &mut heard_store::AnyConnection = &mut pooled;
    conn.transaction::<_, StoreError, _>(|c| {
        heard_store::insert_batch!(c, schema::districts::table, &district)?;
        heard_store::insert_batch!(c, schema::units::table, &units)?;
        heard_store::insert_batch!(c, schema::teams::table, &teams)?;
        heard_store::insert_batch!(c, schema::staff::table, &staff)?;
        heard_store::insert_batch!(c, schema::team_members::table, &members)?;
        heard_store::insert_batch!(c, schema::topics::table, &topics)?;
        for (row, texts) in topics.iter().zip(&topic_texts) {
            diesel::update(schema::topics::table.find(row.id))
                .set(schema::topics::texts.eq(texts))
                .execute(c)?;
        }
        heard_store::insert_batch!(c, schema::help_articles::table, &articles)?;
        heard_store::insert_batch!(c, schema::reply_templates::table, &templates)?;
        heard_store::insert_batch!(c, schema::goals::table, &goals)?;
        for chunk in generated.inquiries.chunks(400) {
            heard_store::insert_batch!(c, schema::inquiries::table, chunk)?;
        }
        for chunk in generated.messages.chunks(1000) {
            heard_store::insert_batch!(c, schema::messages::table, chunk)?;
        }
        for chunk in generated.events.chunks(1000) {
            heard_store::insert_batch!(c, schema::events::table, chunk)?;
        }
        for chunk in generated.feedback.chunks(1000) {
            heard_store::insert_batch!(c, schema::feedback::table, chunk)?;
        }
        diesel::update(schema::districts::table.find(district_id))
            .set(schema::districts::next_reference.eq(1001 + count as i64))
            .execute(c)?;
        Ok(())
    })?;
    heard_store::reports::backfill::run(conn)?;
    let logins = demo_logins(store)?.unwrap_or_default();
    Ok(format!(
        "Created Lakeview Unified School District with {count} inquiries, {} messages and {} ratings over the past year.\n{logins}",
        generated.messages.len(),
        generated.feedback.len()
    ))
}
