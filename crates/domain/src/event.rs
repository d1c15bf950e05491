//! What goes into an inquiry's timeline. Each kind is also a webhook event name.

use crate::inquiry::named_enum;

named_enum!(
    /// A kind of timeline event.
    EventKind {
        /// The inquiry was received.
        Created = "inquiry.created",
        /// The inquiry was given to a team or a person.
        Assigned = "inquiry.assigned",
        /// A public reply or internal note was added.
        MessageAdded = "inquiry.message_added",
        /// The status changed.
        StatusChanged = "inquiry.status_changed",
        /// The family rated the interaction.
        FeedbackReceived = "feedback.received",
        /// A service-standard target was missed.
        SlaBreached = "sla.breached",
    }
);
