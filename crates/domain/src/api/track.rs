use crate::feedback::PillarRatings;
use crate::ids::{InquiryId, MessageId};
use crate::inquiry::{Kind, Status};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::inquiry::named_enum!(
    /// Who wrote a message.
    Author {
        /// The family (the requester).
        Requester = "requester",
        /// District staff.
        Staff = "staff",
    }
);

/// A message the family can see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicMessage {
    /// The message's id.
    pub id: MessageId,
    /// Whether the family or staff wrote it.
    pub author: Author,
    /// The staff member's name, for staff replies.
    pub author_name: Option<String>,
    /// The message's text.
    pub body: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

/// Feedback as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackView {
    /// Overall quality of the interaction, 0–10.
    pub overall: u8,
    /// Each service pillar, 1–5.
    pub pillars: PillarRatings,
    /// How likely the family is to recommend their school, 0–10.
    pub recommend: Option<u8>,
    /// What the family wrote, if anything.
    pub comment: Option<String>,
    /// When it was given.
    pub created_at: DateTime<Utc>,
}

/// An inquiry as the family sees it through its tracking link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedInquiry {
    /// The inquiry's id.
    pub id: InquiryId,
    /// The reference to quote when calling, e.g. `LKV-1042`.
    pub reference: String,
    /// The district's name.
    pub district_name: String,
    /// Question, concern, comment, compliment or suggestion.
    pub kind: Kind,
    /// The topic's name.
    pub topic: String,
    /// The school or department's name, if any.
    pub unit: Option<String>,
    /// The family's one-line subject.
    pub subject: String,
    /// The family's original message.
    pub body: String,
    /// Where it stands.
    pub status: Status,
    /// When it was received.
    pub created_at: DateTime<Utc>,
    /// When a first answer is due.
    pub first_response_due_at: Option<DateTime<Utc>>,
    /// Public replies, oldest first.
    pub messages: Vec<PublicMessage>,
    /// True when the family may rate the interaction now.
    pub feedback_open: bool,
    /// The family's rating, once given.
    pub feedback: Option<FeedbackView>,
}

/// A reply from the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"body": "Thank you, Monday works for us."})))]
pub struct ReplyForm {
    /// The text, up to 10,000 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$",
            min_length = 1,
            max_length = 10000
        )
    )]
    pub body: String,
}
