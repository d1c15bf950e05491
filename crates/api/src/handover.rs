//! Handing over the open inquiries of a staff member who stops working
//! them — deactivated, out of a team, or left without a role that works
//! cases — so nothing a family waits on sits with somebody who will not
//! answer. Each goes to its team's fallback owner when they can take it,
//! else to its topic's, otherwise back to the team's queue, with an event
//! on its timeline.

use crate::error::ApiError;
use heard_domain::api::HandedOver;
use heard_domain::case::{CaseError, TeamRoster};
use heard_domain::text::Reason;
use heard_domain::{DistrictId, StaffId, StaffRef, TeamId, TopicId};
use heard_store::queries::{members, organisation as org, topics};
use heard_store::{cases, clock, views, AnyConnection};
use std::collections::hash_map::{Entry, HashMap};

/// Which of the member's open inquiries to hand over.
pub enum Scope<'a> {
    /// All of them.
    All,
    /// Those in these teams.
    Teams(&'a [TeamId]),
}

/// Hands over `staff`'s open inquiries in `scope`, by `by` for `why`,
/// inside the caller's write. Call it after the change that takes them
/// out: the rosters read here must no longer offer them.
pub fn open_work(
    c: &mut AnyConnection,
    district: DistrictId,
    by: &StaffRef,
    staff: StaffId,
    scope: Scope<'_>,
    why: &str,
) -> Result<Vec<HandedOver>, ApiError> {
    let reason = Reason::parse(why).map_err(|e| ApiError::Internal(format!("reason: {e}")))?;
    let now = clock::now();
    let mut teams: HashMap<TeamId, (TeamRoster, Option<StaffId>)> = HashMap::new();
    let mut topic_owners: HashMap<TopicId, Option<StaffId>> = HashMap::new();
    let mut handed = Vec::new();
    for id in members::open_assigned(c, district, staff)? {
        let case = cases::load(c, district, id)?;
        if let Scope::Teams(only) = scope {
            if !only.contains(&case.team.id) {
                continue;
            }
        }
        let team = case.team.id;
        let (roster, fallback) = match teams.entry(team) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                let roster = views::roster(c, district, team)?
                    .ok_or_else(|| ApiError::Internal(format!("team {team} has no roster")))?;
                let fallback = org::team(c, district, team)?
                    .fallback_owner_id
                    .filter(|f| *f != staff);
                e.insert((roster, fallback))
            }
        };
        let topic_owner = match topic_owners.entry(case.topic_id) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => *e.insert(
                topics::record(c, district, case.topic_id)
                    .map(|t| t.fallback_owner_id)
                    .or_else(|e| match e {
                        heard_store::StoreError::NotFound => Ok(None),
                        e => Err(e),
                    })?
                    .filter(|f| *f != staff),
            ),
        };
        // The team's fallback owner takes it when they work the team's
        // cases, else the topic's; otherwise the team's queue does.
        let mut events = None;
        for owner in [*fallback, topic_owner].into_iter().flatten() {
            match case.assign(by, roster, Some(owner), &reason, now) {
                Err(CaseError::NotATeamMember) => continue,
                other => {
                    events = Some(other?);
                    break;
                }
            }
        }
        let events = match events {
            Some(e) => e,
            None => case.assign(by, roster, None, &reason, now)?,
        };
        let after = cases::apply(c, &case, &events)?;
        handed.push(HandedOver {
            inquiry_id: after.id,
            reference: after.reference.clone(),
            team: after.team.clone(),
            assignee: after.assignee.clone(),
        });
    }
    Ok(handed)
}
