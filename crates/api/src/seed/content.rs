//! The demo district's people, places and the words of its families.

/// Schools and departments: (name, kind).
pub const UNITS: &[(&str, &str)] = &[
    ("Lakeview High School", "school"),
    ("Lakeview Middle School", "school"),
    ("Cedar Park Elementary", "school"),
    ("Harbor View Elementary", "school"),
    ("Maple Grove Elementary", "school"),
    ("Northshore Elementary", "school"),
    ("Lakeview Early Learning Center", "school"),
    ("Transportation", "department"),
    ("Enrollment & Registration", "department"),
    ("Nutrition Services", "department"),
    ("Special Education", "department"),
    ("Technology Services", "department"),
    ("Human Resources", "department"),
];

/// What the demo district promises on each service pillar, in both its
/// languages, as stored (JSON).
pub const PILLAR_STANDARDS: &str = r#"{
  "courtesy": {
    "en": "We greet every family warmly, listen fully and treat every question as important.",
    "es": "Recibimos a cada familia con amabilidad, escuchamos con atención y tratamos cada pregunta como importante."
  },
  "communication": {
    "en": "We answer clearly, in your language, and say what happens next.",
    "es": "Respondemos con claridad, en su idioma, y le decimos qué sigue."
  },
  "responsiveness": {
    "en": "We answer within one business day and resolve within five.",
    "es": "Respondemos en un día hábil y resolvemos en cinco."
  },
  "environment": {
    "en": "Our offices and schools are welcoming, clean and easy to find your way in.",
    "es": "Nuestras oficinas y escuelas son acogedoras, limpias y fáciles de recorrer."
  }
}"#;

/// Teams; the first is the district's fallback.
pub const TEAMS: &[&str] = &[
    "District Front Office",
    "Transportation Team",
    "Enrollment Team",
    "Nutrition Team",
    "Special Education Team",
    "Technology Help Desk",
    "Human Resources Team",
    "Family Engagement",
];

/// Staff: (name, email, roles, team index, languages).
pub const STAFF: &[(&str, &str, &str, usize, &str)] = &[
    ("Dana Whitfield", "admin@lakeview.example", "admin", 0, "en"),
    (
        "Dr. Alicia Moreno",
        "superintendent@lakeview.example",
        "analyst",
        0,
        "en,es",
    ),
    (
        "Grace Okafor",
        "frontoffice@lakeview.example",
        "agent,recorder",
        0,
        "en",
    ),
    (
        "Marcus Reed",
        "transportation@lakeview.example",
        "agent",
        1,
        "en",
    ),
    (
        "Lucía Hernández",
        "enrollment@lakeview.example",
        "agent",
        2,
        "en,es",
    ),
    ("Tom Becker", "nutrition@lakeview.example", "agent", 3, "en"),
    (
        "Priya Nair",
        "specialed@lakeview.example",
        "agent,lead",
        4,
        "en",
    ),
    ("Sam Lee", "helpdesk@lakeview.example", "agent", 5, "en"),
    ("Renee Jackson", "hr@lakeview.example", "agent", 6, "en"),
    (
        "Jordan Ellis",
        "engagement@lakeview.example",
        "agent,lead",
        7,
        "en,es",
    ),
];

/// A topic: name, description, default team index (None: fallback), kind, weight,
/// and sample (subject, body) pairs with the staff answer.
pub struct TopicSeed {
    pub name: &'static str,
    pub description: &'static str,
    /// The name and description in Spanish.
    pub es: (&'static str, &'static str),
    pub team: Option<usize>,
    pub kind: &'static str,
    pub weight: u32,
    pub unit: Option<usize>,
    pub samples: &'static [(&'static str, &'static str)],
    pub answer: &'static str,
}

/// What families write about.
pub const TOPICS: &[TopicSeed] = &[
    TopicSeed {
        name: "Bus & transportation",
        description: "Bus stops, routes, late buses, eligibility and bus behaviour.",
        es: ("Autobús y transporte", "Paradas, rutas, autobuses con retraso, elegibilidad y conducta en el autobús."),
        team: Some(1),
        kind: "question",
        weight: 22,
        unit: Some(7),
        samples: &[
            ("Bus was late again this morning", "Route 14 arrived 25 minutes late at Elm Street today and my kids missed breakfast. Is there a new schedule?"),
            ("Request a bus stop change", "We moved to 412 Birch Lane. Can my daughter be assigned to the stop on Birch and 5th?"),
            ("Is my child eligible for the bus?", "We live 1.4 miles from Maple Grove Elementary. Does my son qualify for transportation?"),
            ("El autobús no pasó hoy", "El autobús de la ruta 9 no pasó por la parada de Lake Road esta mañana. ¿Qué pasó?"),
        ],
        answer: "Thank you for letting us know. I checked with dispatch and have updated the route information; you should see the change within two school days. Please reply here if anything is still not right.",
    },
    TopicSeed {
        name: "Enrollment & registration",
        description: "Registering a new student, transfers, records and proof of residence.",
        es: ("Inscripción y matrícula", "Inscribir a un estudiante nuevo, traslados, expedientes y comprobante de domicilio."),
        team: Some(2),
        kind: "question",
        weight: 18,
        unit: Some(8),
        samples: &[
            ("How do I enroll my kindergartner?", "We are new to Lakeview. What documents do I need to register my daughter for kindergarten?"),
            ("Transfer to Cedar Park Elementary", "Can we request an intra-district transfer to Cedar Park for next semester?"),
            ("Proof of residence question", "Our lease is in my partner's name. What else can I use as proof of residence?"),
            ("Inscripción de mi hijo", "Acabamos de llegar a Lakeview. ¿Cómo inscribo a mi hijo en la escuela secundaria?"),
        ],
        answer: "Welcome to Lakeview! You can register online; you will need a birth certificate, immunisation records and one proof of residence (a utility bill works). I have sent you the checklist and I am happy to help with any step.",
    },
    TopicSeed {
        name: "School meals & nutrition",
        description: "Menus, allergies, free and reduced-price meals, lunch accounts.",
        es: ("Comidas escolares y nutrición", "Menús, alergias, comidas gratuitas o a precio reducido, cuentas de almuerzo."),
        team: Some(3),
        kind: "question",
        weight: 10,
        unit: Some(9),
        samples: &[
            ("Peanut allergy accommodations", "My son has a severe peanut allergy. How does the cafeteria handle this?"),
            ("Lunch account balance", "My lunch account shows a negative balance but I paid last week. Can you check?"),
            ("Free meal application status", "I applied for free meals three weeks ago and haven't heard back."),
        ],
        answer: "Thanks for reaching out. I have reviewed the account and made the correction, and I have shared your child's dietary plan with the cafeteria manager at the school.",
    },
    TopicSeed {
        name: "Special education",
        description: "IEPs, 504 plans, evaluations and services.",
        es: ("Educación especial", "IEP, planes 504, evaluaciones y servicios."),
        team: Some(4),
        kind: "concern",
        weight: 9,
        unit: Some(10),
        samples: &[
            ("Requesting an evaluation", "I would like to request a special education evaluation for my daughter in 3rd grade."),
            ("IEP meeting scheduling", "Can we move the IEP meeting to a time after 3 pm? I work mornings."),
            ("Speech services not provided", "My son's IEP lists speech twice a week but he has only had one session this month."),
        ],
        answer: "Thank you for writing. I have contacted the case manager and we will schedule a meeting at a time that works for you within the next week. You will receive a written notice as well.",
    },
    TopicSeed {
        name: "Technology & devices",
        description: "Student laptops, passwords, the parent portal and online learning tools.",
        es: ("Tecnología y dispositivos", "Computadoras de los estudiantes, contraseñas, el portal para padres y herramientas en línea."),
        team: Some(5),
        kind: "question",
        weight: 9,
        unit: Some(11),
        samples: &[
            ("Chromebook screen is cracked", "My son's Chromebook screen cracked. How do we get a repair or a loaner?"),
            ("Can't log in to the parent portal", "I reset my password twice and still cannot sign in to the parent portal."),
        ],
        answer: "Sorry for the trouble! I have reset the account and arranged a loaner device at the school library; your student can pick it up tomorrow morning.",
    },
    TopicSeed {
        name: "Safety & wellbeing",
        description: "Bullying, safety concerns and student wellbeing. In an emergency call 911.",
        es: ("Seguridad y bienestar", "Acoso escolar, preocupaciones de seguridad y bienestar estudiantil. En una emergencia llame al 911."),
        team: Some(0),
        kind: "concern",
        weight: 7,
        unit: None,
        samples: &[
            ("Bullying on the playground", "My daughter says she is being teased every day at recess. I am worried."),
            ("Unsafe crosswalk near the school", "Cars speed through the crosswalk on Harbor Drive at pickup time."),
        ],
        answer: "Thank you for telling us. The principal and counsellor have been informed and will follow up with you directly this week. Your child's safety is our priority.",
    },
    TopicSeed {
        name: "Jobs & employment",
        description: "Working for the district, substitutes, verification of employment.",
        es: ("Empleos", "Trabajar para el distrito, suplentes, verificación de empleo."),
        team: Some(6),
        kind: "question",
        weight: 5,
        unit: Some(12),
        samples: &[
            ("Substitute teacher application", "How do I apply to be a substitute teacher in Lakeview?"),
            ("Employment verification", "I need a letter verifying my employment dates for a mortgage application."),
        ],
        answer: "Thanks for your interest! I have sent the application link and the list of required documents. Let me know if you have any questions.",
    },
    TopicSeed {
        name: "Compliment",
        description: "Tell us about someone who made a difference.",
        es: ("Felicitación", "Cuéntenos de alguien que marcó la diferencia."),
        team: Some(7),
        kind: "compliment",
        weight: 8,
        unit: None,
        samples: &[
            ("Thank you to Ms. Alvarez", "Ms. Alvarez went above and beyond to help my son catch up after his surgery. Thank you!"),
            ("Great bus driver", "Our driver on route 3 greets every child by name. It makes their day."),
            ("Gracias a la maestra", "Queremos agradecer a la maestra de segundo grado por su paciencia y cariño."),
        ],
        answer: "Thank you so much for taking the time to share this. We have passed your kind words along, and they will be recognised at the next staff meeting.",
    },
    TopicSeed {
        name: "Suggestion",
        description: "Ideas to make our schools better.",
        es: ("Sugerencia", "Ideas para mejorar nuestras escuelas."),
        team: Some(7),
        kind: "suggestion",
        weight: 5,
        unit: None,
        samples: &[
            ("More after-school clubs", "Could the middle school offer a robotics club after school?"),
            ("Text reminders for early release", "A text message the day before early release days would really help working parents."),
        ],
        answer: "What a helpful idea, thank you. I have shared it with the leadership team, and we will let you know what comes of it.",
    },
    TopicSeed {
        name: "Something else",
        description: "Anything that doesn't fit above; we will make sure it reaches the right person.",
        es: ("Otro asunto", "Lo que no encaje arriba; nos aseguraremos de que llegue a la persona indicada."),
        team: None,
        kind: "question",
        weight: 7,
        unit: None,
        samples: &[
            ("School calendar question", "Is there school on the Friday after Thanksgiving?"),
            ("Volunteer background check", "How do I get cleared to volunteer in my child's classroom?"),
        ],
        answer: "Thanks for your question. I have found the answer for you and attached the details; please reply if you need anything else.",
    },
];

/// First and last names of demo families.
pub const FIRST_NAMES: &[&str] = &[
    "Maria", "James", "Aisha", "Chen", "Olivia", "Diego", "Fatima", "Noah", "Sofia", "Liam",
    "Hannah", "Kwame", "Elena", "Mateo", "Grace", "Yusuf", "Camila", "Ethan", "Mei", "Isabella",
    "Omar", "Ava", "Luis", "Nora",
];
pub const LAST_NAMES: &[&str] = &[
    "Lopez",
    "Smith",
    "Khan",
    "Wang",
    "Johnson",
    "Garcia",
    "Ali",
    "Brown",
    "Martinez",
    "Nguyen",
    "Davis",
    "Mensah",
    "Rossi",
    "Hernandez",
    "Kim",
    "Patel",
    "Torres",
    "Wilson",
    "Chen",
    "Rivera",
    "Hassan",
    "Miller",
    "Flores",
    "Clark",
];

/// Family follow-ups.
pub const FAMILY_REPLIES: &[&str] = &[
    "Thank you, that answers my question.",
    "Thanks! One more thing: will this also apply next semester?",
    "I appreciate the quick reply.",
    "Gracias por la ayuda.",
];

/// Feedback comments.
pub const COMMENTS: &[&str] = &[
    "Quick and friendly, thank you!",
    "It took a while but the answer was clear.",
    "Very helpful staff.",
    "I felt listened to.",
    "Muy amables y rápidos.",
    "I had to write twice before anyone answered.",
];

/// Help articles: (topic index, language, title, body).
pub const ARTICLES: &[(usize, &str, &str, &str)] = &[
    (0, "en", "When will my bus arrive?", "Bus stop times are posted in the parent portal under Transportation. Buses may arrive up to 10 minutes early or late; please be at the stop 5 minutes before the posted time."),
    (0, "en", "Who is eligible for bus transportation?", "Elementary students living more than 1 mile and secondary students living more than 1.5 miles from their school are eligible. Special education transportation follows the IEP."),
    (0, "es", "¿Cuándo llega el autobús?", "Los horarios de las paradas están en el portal para padres, en Transporte. Llegue a la parada 5 minutos antes."),
    (1, "en", "How to enroll a new student", "Enroll online at any time. You need a birth certificate, immunisation records and one proof of residence such as a utility bill or lease."),
    (1, "es", "Cómo inscribir a un estudiante nuevo", "Inscríbase en línea. Necesita el acta de nacimiento, el registro de vacunas y un comprobante de domicilio."),
    (2, "en", "Applying for free or reduced-price meals", "Apply online or on paper at any school office. Applications are processed within 10 school days, and you will receive a letter with the result."),
    (4, "en", "Resetting a parent portal password", "Use 'Forgot password' on the sign-in page. The reset link is valid for one hour. If it does not arrive, check your spam folder."),
    (9, "en", "School calendar and early release days", "The school calendar is on the district website. Early release days end at 1:00 pm for all schools."),
];

/// Reply templates: (language, name, text with placeholders).
pub const TEMPLATES: &[(&str, &str, &str)] = &[
    ("en", "We received your message", "Dear {{requester_name}},\n\nThank you for writing to Lakeview Unified. Your reference is {{reference}}; you will hear from us by {{due_date}}.\n\n{{staff_name}}"),
    ("en", "Your question is resolved", "Dear {{requester_name}},\n\nWe have closed inquiry {{reference}}. If anything is still unclear, reply to this message and it reopens.\n\n{{staff_name}}"),
    ("es", "Recibimos su mensaje", "Estimado/a {{requester_name}}:\n\nGracias por escribir a Lakeview Unified. Su referencia es {{reference}}; le responderemos antes del {{due_date}}.\n\n{{staff_name}}"),
    ("es", "Su pregunta está resuelta", "Estimado/a {{requester_name}}:\n\nCerramos la consulta {{reference}}. Si algo no quedó claro, responda a este mensaje y se volverá a abrir.\n\n{{staff_name}}"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use heard_domain::api::TemplateForm;
    use heard_domain::text::Language;

    #[test]
    fn the_demo_templates_pass_the_rules_admins_meet() {
        let offered = [Language::english(), Language::parse("es").expect("es")];
        for (language, name, body) in TEMPLATES {
            let form = TemplateForm {
                language: (*language).into(),
                name: (*name).into(),
                body: (*body).into(),
            };
            let checked = heard_domain::template::validate(&form, &offered);
            assert!(checked.is_ok(), "{name}: {checked:?}");
        }
    }
}
