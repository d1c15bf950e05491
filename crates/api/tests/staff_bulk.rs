//! Staff as a spreadsheet over HTTP: an admin exports them, edits the
//! file, sees in a dry run what each row would do and every row's problem,
//! and imports it. New emails are invited (and can accept), members'
//! rows change them, a file with any problem stores and sends nothing,
//! and each change is audited.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use heard_domain::Role;
use serde_json::{json, Value};

const EXPORT: &str = "/api/v1/admin/staff/export";
const IMPORT: &str = "/api/v1/admin/staff/import";
const HEADER: &str = "name,email,roles,teams,languages\n";

async fn app() -> TestApp {
    TestApp::configured(|s| s.job_workers = 2).await
}

async fn import(app: &TestApp, token: &str, dry_run: bool, file: &str) -> (u16, Value) {
    let res = app
        .post(&format!("{IMPORT}?dry_run={dry_run}"))
        .bearer_auth(token)
        .header("Content-Type", "text/csv")
        .body(file.to_owned())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

fn actions(report: &Value) -> Vec<(i64, String, String)> {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["row"].as_i64().unwrap(),
                r["name"].as_str().unwrap().to_owned(),
                r["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The member with `email`, as admins list them.
async fn member(app: &TestApp, admin: &str, email: &str) -> Value {
    let page = app
        .get_json(&format!("/api/v1/admin/staff?q={email}"), admin)
        .await;
    page["items"][0].clone()
}

#[tokio::test]
async fn an_admin_exports_edits_and_imports_the_staff() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    let res = app.get(EXPORT).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("staff.csv"));
    let exported = res.text().await.unwrap();
    assert_eq!(
        exported,
        format!(
            "{HEADER}admin,admin@testville.example,admin,Front Office,en\n\
             driver,driver@testville.example,agent,Transportation,en\n\
             front,front@testville.example,agent,Front Office,en\n"
        )
    );

    // As edited: the driver also leads and speaks Spanish; Nia is new.
    let edited = exported.replace(
        "driver,driver@testville.example,agent,Transportation,en",
        "Dee Driver,driver@testville.example,agent; lead,Transportation,en; es",
    ) + "Nia Nuñez,nia@testville.example,agent,\"Transportation;Front Office\",es\n";
    let before = app.table_count("staff");
    let (status, dry) = import(&app, &admin, true, &edited).await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!(
        actions(&dry),
        [
            (2, "admin@testville.example".into(), "unchanged".into()),
            (3, "driver@testville.example".into(), "update".into()),
            (4, "front@testville.example".into(), "unchanged".into()),
            (5, "nia@testville.example".into(), "create".into()),
        ]
    );
    assert_eq!(app.table_count("staff"), before, "a dry run stores nothing");

    let (status, done) = import(&app, &admin, false, &edited).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(
        (
            done["created"].clone(),
            done["updated"].clone(),
            done["stored"].clone()
        ),
        (json!(1), json!(1), json!(true))
    );
    let driver = member(&app, &admin, "driver@testville.example").await;
    assert_eq!(driver["name"], "Dee Driver");
    assert_eq!(driver["roles"], json!(["agent", "lead"]));
    assert_eq!(driver["languages"], json!(["en", "es"]));
    let nia = member(&app, &admin, "nia@testville.example").await;
    assert_eq!(nia["standing"], "invited");
    assert_eq!(nia["languages"], json!(["es"]));
    assert_eq!(nia["teams"].as_array().unwrap().len(), 2);

    // The invitation was emailed, and accepting it signs Nia in.
    let token = app
        .emailed_links("invitation", "welcome", "nia@testville.example", 1)
        .await
        .remove(0);
    let res = app
        .post(&format!("/api/v1/invitations/{token}/accept"))
        .json(&json!({"password": "a long enough password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // The same file again changes nothing, and invites nobody twice.
    let (_, again) = import(&app, &admin, false, &edited).await;
    assert_eq!(
        (again["unchanged"].clone(), again["created"].clone()),
        (json!(4), json!(0))
    );
    let log = app
        .get_json("/api/v1/admin/audit?resource=staff", &admin)
        .await;
    let mut logged: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    logged.sort_unstable();
    assert_eq!(logged, ["created", "joined", "updated"]);
}

#[tokio::test]
async fn every_row_problem_is_named_and_nothing_is_stored_or_sent() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    // Dee is deactivated; the Transportation team falls back to the driver.
    let dee = app
        .post("/api/v1/admin/staff/invitations")
        .bearer_auth(&admin)
        .json(&json!({"email": "dee@testville.example", "name": "Dee", "roles": ["agent"]}))
        .send()
        .await
        .unwrap();
    let dee: Value = dee.json().await.unwrap();
    let dee_id = dee["staff"]["id"].as_str().unwrap();
    let res = app
        .post(&format!("/api/v1/admin/staff/{dee_id}/deactivate"))
        .bearer_auth(&admin)
        .header("If-Match", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let driver = member(&app, &admin, "driver@testville.example").await;
    let team = app.fx.transport_team.clone();
    let res = app
        .put(&format!("/api/v1/admin/teams/{team}"))
        .bearer_auth(&admin)
        .header("If-Match", "1")
        .json(&json!({"name": "Transportation", "fallback_owner_id": driver["id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let emailed = app.emailed("invitation", "testville.example").len();

    let file = format!(
        "{HEADER}\
         admin,admin@testville.example,lead,Front Office,en\n\
         driver,driver@testville.example,agent,,en\n\
         Dee,dee@testville.example,lead,,en\n\
         Ola,ola@testville.example,boss,Nowhere,fr\n\
         ,not-an-email,agent,,\n\
         Pat,pat@testville.example,agent,,\n\
         Pat again,PAT@testville.example,agent,,\n\
         Short,row\n"
    );
    let (status, dry) = import(&app, &admin, true, &file).await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!(
        (dry["refused"].clone(), dry["created"].clone()),
        (json!(7), json!(1))
    );
    let problems: Vec<(i64, String)> = dry["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            r["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        r["row"].as_i64().unwrap(),
                        e["code"].as_str().unwrap().to_owned(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let codes = |row: i64| -> Vec<&str> {
        problems
            .iter()
            .filter(|(r, _)| *r == row)
            .map(|(_, c)| c.as_str())
            .collect()
    };
    assert_eq!(codes(2), ["own_admin_role"]);
    assert_eq!(codes(3), ["fallback_owner"]);
    assert_eq!(codes(4), ["deactivated"]);
    assert_eq!(codes(5), ["invalid_choice", "unknown", "not_offered"]);
    assert_eq!(codes(6), ["invalid_email", "required"]);
    assert_eq!(codes(8), ["duplicate"]);
    assert_eq!(codes(9), ["invalid_format"]);

    let before = (app.table_count("staff"), app.table_count("audit_log"));
    let res = app
        .post(IMPORT)
        .bearer_auth(&admin)
        .header("Content-Type", "text/csv")
        .body(file)
        .send()
        .await
        .unwrap();
    let problem = expect_problem(res, 422, Some("rows[2].roles")).await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"rows[3].teams") && fields.contains(&"rows[5].languages"),
        "{fields:?}"
    );
    assert_eq!(
        (app.table_count("staff"), app.table_count("audit_log")),
        before
    );
    let pat = app.get_json("/api/v1/admin/staff?q=pat@", &admin).await;
    assert_eq!(pat["items"], json!([]), "Pat was not invited");
    assert_eq!(
        app.emailed("invitation", "testville.example").len(),
        emailed
    );

    // The export leaves the deactivated member out.
    let exported = app.get(EXPORT).bearer_auth(&admin).send().await.unwrap();
    assert!(!exported.text().await.unwrap().contains("dee@"));
}

#[tokio::test]
async fn a_file_without_its_columns_is_refused_and_only_admins_import() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    let (status, problem) = import(&app, &admin, true, "email,phone\na@b.example,1\n").await;
    assert_eq!(status, 422);
    assert_eq!(problem["errors"][0]["field"], "body");
    for role in [Role::Agent, Role::Analyst, Role::Lead] {
        let token = app.login_as(role).await;
        assert_eq!(
            app.get(EXPORT)
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .status(),
            403
        );
        let (status, _) = import(&app, &token, true, HEADER).await;
        assert_eq!(status, 403, "{role:?}");
    }
    assert_eq!(app.get(EXPORT).send().await.unwrap().status(), 401);
}
