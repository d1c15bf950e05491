use crate::feedback::PillarRatings;
use crate::ids::{InquiryId, MessageId};
use crate::inquiry::{Kind, Status};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Author {
    /// The family (requester).
    Requester,
    /// District staff.
    Staff,
}

/// A message the family can see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicMessage {
    /// Id.
    pub id: MessageId,
    /// Family or staff.
    pub author: Author,
    /// The staff member's name, for staff replies.
    pub author_name: Option<String>,
    /// Text.
    pub body: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

/// Feedback as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackView {
    /// Overall, 0–10.
    pub overall: u8,
    /// The four pillars, 1–5.
    pub pillars: PillarRatings,
    /// Recommend, 0–10.
    pub recommend: Option<u8>,
    /// Comment.
    pub comment: Option<String>,
    /// When it was given.
    pub created_at: DateTime<Utc>,
}

/// An inquiry as the family sees it through its tracking link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedInquiry {
    /// Id.
    pub id: InquiryId,
    /// Reference to quote, e.g. `LKV-1042`.
    pub reference: String,
    /// District name.
    pub district_name: String,
    /// Kind.
    pub kind: Kind,
    /// Topic name.
    pub topic: String,
    /// School or department name.
    pub unit: Option<String>,
    /// Subject.
    pub subject: String,
    /// The original message.
    pub body: String,
    /// Status.
    pub status: Status,
    /// Received.
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyForm {
    /// Text, up to 10,000 characters.
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
