//! A district from nothing: the command that creates it invites its first
//! admin, the invitation is written to the mail folder at once, and the
//! admin who accepts it signs in to an empty district of their own.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use heard_api::found::{create, NewDistrict};
use serde_json::{json, Value};

fn cedar_falls() -> NewDistrict {
    NewDistrict {
        slug: "cedar-falls".into(),
        name: "Cedar Falls Community Schools".into(),
        time_zone: "America/Denver".into(),
        languages: vec!["es".into(), "en".into()],
        admin_email: "sam.okafor@cedarfalls.example.org".into(),
        admin_name: "Sam Okafor".into(),
    }
}

#[tokio::test]
async fn the_first_admin_of_a_new_district_accepts_and_signs_in() {
    let app = TestApp::new().await;
    let report = create(&app.state, &cedar_falls()).await.expect("created");
    assert!(report.contains("written to"), "{report}");

    // Written before the command returned: no server's worker was needed.
    let message = std::fs::read_dir(&app.state.settings.mail_dir)
        .unwrap()
        .flatten()
        .map(|f| std::fs::read_to_string(f.path()).unwrap())
        .find(|m| m.contains("sam.okafor@cedarfalls.example.org"))
        .expect("the invitation");
    let parsed = mail_parser::MessageParser::default()
        .parse(message.as_bytes())
        .unwrap();
    let text = parsed.body_text(0).unwrap().into_owned();
    assert!(
        text.contains("Le invitamos"),
        "in the district's default language: {text}"
    );
    let at = text.find("/staff/welcome/").expect("link") + "/staff/welcome/".len();
    let token: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();

    let res = app
        .post(&format!("/api/v1/invitations/{token}/accept"))
        .json(&json!({"password": "cedar falls first admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let joined: Value = res.json().await.unwrap();
    let admin = joined["access_token"].as_str().unwrap();
    assert_eq!(joined["user"]["roles"], json!(["admin"]));

    let settings = app.get_json("/api/v1/admin/districts/current", admin).await;
    assert_eq!(
        settings["district"]["name"],
        "Cedar Falls Community Schools"
    );
    assert_eq!(settings["district"]["time_zone"], "America/Denver");
    assert_eq!(settings["languages"], json!(["es", "en"]));
    assert_eq!(settings["branding"]["tab_label"], "Contáctenos");
    let units = app.get_json("/api/v1/admin/units", admin).await;
    assert_eq!(
        units["items"],
        json!([]),
        "empty: nothing of another district"
    );
    let teams = app.get_json("/api/v1/admin/teams", admin).await;
    assert_eq!(teams["items"], json!([]));
    let log = app.get_json("/api/v1/admin/audit", admin).await;
    let entries: Vec<(&str, &str, &str)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["resource"].as_str().unwrap(),
                e["actor"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("joined", "staff", "Sam Okafor"),
            ("created", "staff", "heard command line"),
            ("created", "district", "heard command line"),
        ]
    );

    // Its portal is open at its own address.
    let portal = app
        .get("/api/v1/districts/cedar-falls/portal")
        .send()
        .await
        .unwrap();
    assert_eq!(portal.status(), 200);
    // The same address again is refused and changes nothing.
    let again = create(&app.state, &cedar_falls()).await.expect_err("taken");
    assert!(again.contains("cedar-falls"), "{again}");
    assert_eq!(app.count_where("districts", "slug = 'cedar-falls'"), 1);
}

/// The access token of the first admin of `new`, who accepted the invitation.
async fn first_admin(app: &TestApp, new: &NewDistrict) -> String {
    create(&app.state, new).await.expect("created");
    let token = app
        .emailed_links("invitation", "welcome", &new.admin_email, 1)
        .await
        .remove(0);
    let res = app
        .post(&format!("/api/v1/invitations/{token}/accept"))
        .json(&json!({"password": "cedar falls first admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let joined: Value = res.json().await.unwrap();
    joined["access_token"].as_str().unwrap().to_owned()
}

fn question_on(topic: &Value) -> Value {
    json!({
        "kind": "question",
        "topic_id": topic["id"],
        "subject": "Robotics club",
        "body": "Is there space in the robotics club this term?",
        "requester": { "name": "Priya Natarajan", "email": "priya@example.org", "role": "parent", "preferred_language": "en" },
        "anonymous": false
    })
}

#[tokio::test]
async fn a_new_district_takes_inquiries_once_it_has_a_team() {
    let app = TestApp::new().await;
    let admin = first_admin(&app, &cedar_falls()).await;
    let auth = format!("Bearer {admin}");
    let res = app
        .post("/api/v1/admin/topics")
        .header("Authorization", &auth)
        .json(&json!({
            "texts": {
                "es": {"name": "Programas después de clases", "description": ""},
                "en": {"name": "After-school programs", "description": ""}
            }
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let topic: Value = res.json().await.unwrap();

    // No team yet, so nowhere to send it: families are not offered it, and
    // a caller who names it is refused at the field, storing nothing.
    let portal = app
        .get_json("/api/v1/districts/cedar-falls/portal", &admin)
        .await;
    assert_eq!(portal["topics"], json!([]));
    let refused = app
        .post("/api/v1/districts/cedar-falls/inquiries")
        .json(&question_on(&topic))
        .send()
        .await
        .unwrap();
    expect_problem(refused, 422, Some("topic_id")).await;
    assert_eq!(app.count_where("inquiries", "subject = 'Robotics club'"), 0);

    // The first team becomes the district's fallback, in the audit log.
    let before = app
        .get_json("/api/v1/admin/districts/current", &admin)
        .await;
    assert_eq!(before["fallback_team"], Value::Null);
    let mut teams = Vec::new();
    for name in ["Family Services", "Transportation"] {
        let res = app
            .post("/api/v1/admin/teams")
            .header("Authorization", &auth)
            .json(&json!({ "name": name }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        teams.push(res.json::<Value>().await.unwrap());
    }
    let after = app
        .get_json("/api/v1/admin/districts/current", &admin)
        .await;
    assert_eq!(
        after["fallback_team"],
        json!({"id": teams[0]["id"], "name": "Family Services"}),
        "the first team, not the second"
    );
    assert_eq!(after["version"], before["version"].as_i64().unwrap() + 1);
    let log = app
        .get_json("/api/v1/admin/audit?resource=district", &admin)
        .await;
    let newest = &log["items"][0];
    assert_eq!(newest["action"], "updated");
    assert_eq!(newest["actor"]["name"], "Sam Okafor");
    assert_eq!(newest["before"]["fallback_team"], Value::Null);
    assert_eq!(newest["after"]["fallback_team"]["name"], "Family Services");

    // Now families see the topic, and what they send reaches that team.
    let portal = app
        .get_json("/api/v1/districts/cedar-falls/portal", &admin)
        .await;
    assert_eq!(portal["topics"][0]["id"], topic["id"]);
    let res = app
        .post("/api/v1/districts/cedar-falls/inquiries")
        .json(&question_on(&topic))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let receipt: Value = res.json().await.unwrap();
    assert_eq!(receipt["team"]["name"], "Family Services");
}
