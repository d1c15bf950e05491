//! Cases and events for the domain's own tests.

use super::*;
use crate::feedback::{FeedbackForm, PillarRatings};
use crate::ids::{StaffId, TeamId};
use crate::routing::RoutingTrace;

pub(crate) fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("rfc3339")
        .with_timezone(&Utc)
}

pub(crate) fn team(name: &str) -> TeamRef {
    TeamRef {
        id: TeamId::new(),
        name: name.into(),
    }
}

pub(crate) fn staff(name: &str) -> StaffRef {
    StaffRef {
        id: StaffId::new(),
        name: name.into(),
    }
}

pub(crate) fn arrival(team: &TeamRef) -> Arrival {
    Arrival {
        id: InquiryId::new(),
        district_id: DistrictId::new(),
        reference: "LKV-1042".into(),
        kind: Kind::Question,
        channel: Channel::Portal,
        topic: TopicRef {
            id: TopicId::new(),
            name: "Bus & transportation".into(),
        },
        unit: None,
        team: team.clone(),
        routing: RoutingTrace {
            rule: "topic_default".into(),
            reason: "handled by its default team".into(),
        },
        language: Language::english(),
        recorded_by: None,
        first_response_due_at: t("2026-12-02T15:00:00Z"),
        resolution_due_at: t("2026-12-08T15:00:00Z"),
    }
}

pub(crate) fn received() -> (Case, TeamRef) {
    let front = team("Front Office");
    (
        Case::receive(arrival(&front), t("2026-12-01T15:00:00Z")).0,
        front,
    )
}

pub(crate) fn body(s: &str) -> Body {
    Body::parse(s).expect("body")
}

pub(crate) fn feedback() -> crate::feedback::Feedback {
    FeedbackForm {
        overall: 9,
        pillars: PillarRatings {
            courtesy: 5,
            communication: 4,
            responsiveness: 5,
            environment: None,
        },
        recommend: Some(10),
        comment: Some("Thank you".into()),
    }
    .parse()
    .expect("valid")
}
