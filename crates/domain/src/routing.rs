//! Deciding which team receives an inquiry, and keeping the reason.
//!
//! Today a topic's default team receives its inquiries, falling back to the
//! district's fallback team; ordered routing rules plug in here later without
//! changing callers.

use crate::ids::{TeamId, TopicId, UnitId};
use crate::inquiry::{Kind, RequesterRole};
use serde::{Deserialize, Serialize};

/// What routing knows about the inquiry being routed.
#[derive(Debug, Clone)]
pub struct RoutingInput<'a> {
    /// The topic the family picked.
    pub topic_id: TopicId,
    /// Its name, for the routing trace people read.
    pub topic_name: &'a str,
    /// That topic's default team, if it has one.
    pub topic_default_team: Option<TeamId>,
    /// The school or department concerned.
    pub unit_id: Option<UnitId>,
    /// Question, concern…
    pub kind: Kind,
    /// Parent, student…
    pub role: RequesterRole,
    /// Subject and body, for keyword rules.
    pub text: &'a str,
}

/// Why an inquiry went where it went, kept with the inquiry so a misroute can be explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoutingTrace {
    /// The rule that decided, e.g. `topic_default` or `district_fallback`.
    pub rule: String,
    /// The reason in words.
    pub reason: String,
}

/// Where the inquiry goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingDecision {
    /// The team whose queue receives it.
    pub team_id: TeamId,
    /// Why.
    pub trace: RoutingTrace,
}

/// Whether an inquiry on a topic has a team to go to: its own, or the
/// district's fallback. A district still being set up may have neither, and
/// families are then not offered the topic.
pub fn routable(topic_default_team: Option<TeamId>, fallback_team: Option<TeamId>) -> bool {
    topic_default_team.or(fallback_team).is_some()
}

/// Routes an inquiry: the topic's default team, else the district fallback
/// team; `None` when there is neither (see [`routable`]).
pub fn route(input: &RoutingInput<'_>, fallback_team: Option<TeamId>) -> Option<RoutingDecision> {
    match (input.topic_default_team, fallback_team) {
        (Some(team_id), _) => Some(RoutingDecision {
            team_id,
            trace: RoutingTrace {
                rule: "topic_default".into(),
                reason: format!("“{}” is handled by its default team", input.topic_name),
            },
        }),
        (None, Some(team_id)) => Some(RoutingDecision {
            team_id,
            trace: RoutingTrace {
                rule: "district_fallback".into(),
                reason: "no rule matched; the district's fallback team receives it".into(),
            },
        }),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(default: Option<TeamId>) -> RoutingInput<'static> {
        RoutingInput {
            topic_id: TopicId::new(),
            topic_name: "Bus & transportation",
            topic_default_team: default,
            unit_id: None,
            kind: Kind::Question,
            role: RequesterRole::Parent,
            text: "When does the bus come?",
        }
    }

    #[test]
    fn topic_default_team_wins() {
        let team = TeamId::new();
        let d = route(&input(Some(team)), Some(TeamId::new())).expect("routed");
        assert_eq!(d.team_id, team);
        assert_eq!(d.trace.rule, "topic_default");
        assert_eq!(
            d.trace.reason,
            "“Bus & transportation” is handled by its default team"
        );
    }

    #[test]
    fn fallback_catches_the_rest() {
        let fallback = TeamId::new();
        let d = route(&input(None), Some(fallback)).expect("routed");
        assert_eq!(d.team_id, fallback);
        assert_eq!(d.trace.rule, "district_fallback");
    }

    #[test]
    fn a_topic_without_a_team_needs_the_fallback() {
        let team = TeamId::new();
        assert!(route(&input(None), None).is_none());
        assert!(!routable(None, None));
        assert!(routable(Some(team), None));
        assert!(routable(None, Some(team)));
        assert_eq!(
            route(&input(Some(team)), None).map(|d| d.team_id),
            Some(team)
        );
    }
}
