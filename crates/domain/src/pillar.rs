//! The four service pillars districts organise their standards around.

use crate::inquiry::named_enum;

named_enum!(
    /// A service pillar.
    Pillar {
        /// Courtesy & respect.
        Courtesy = "courtesy",
        /// Communication.
        Communication = "communication",
        /// Responsiveness.
        Responsiveness = "responsiveness",
        /// Environment.
        Environment = "environment",
    }
);

impl Pillar {
    /// The name families and leaders read.
    pub fn label(self) -> &'static str {
        match self {
            Pillar::Courtesy => "Courtesy & respect",
            Pillar::Communication => "Communication",
            Pillar::Responsiveness => "Responsiveness",
            Pillar::Environment => "Environment",
        }
    }
}
