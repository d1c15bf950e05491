//! Schools and departments as a spreadsheet over HTTP: an admin exports
//! them, edits the file, sees in a dry run what each row would do and
//! every row's problem, and imports it; a file with any problem stores
//! nothing, and each change is audited.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use heard_domain::Role;
use serde_json::{json, Value};

const EXPORT: &str = "/api/v1/admin/units/export";
const IMPORT: &str = "/api/v1/admin/units/import";

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

#[tokio::test]
async fn an_admin_exports_edits_and_imports_the_schools() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let res = app.get(EXPORT).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("schools-and-departments.csv"));
    let exported = res.text().await.unwrap();
    assert_eq!(
        exported,
        "name,kind,grade_band,address\nTestville High,school,,\n"
    );

    // The file as edited: the high school gets its grades, two are new.
    let edited = "name,kind,grade_band,address\n\
                  Testville High,school,9–12,\n\
                  Elm Street Elementary,school,K–5,\"4 Elm St\nTestville\"\n\
                  Food Services,department,,\n";
    let before = app.table_count("units");
    let (status, dry) = import(&app, &admin, true, edited).await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!(
        actions(&dry),
        [
            (2, "Testville High".into(), "update".into()),
            (3, "Elm Street Elementary".into(), "create".into()),
            (4, "Food Services".into(), "create".into()),
        ]
    );
    assert_eq!(
        (dry["dry_run"].clone(), dry["stored"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(app.table_count("units"), before, "a dry run stores nothing");

    let (status, done) = import(&app, &admin, false, edited).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(
        (
            done["created"].clone(),
            done["updated"].clone(),
            done["stored"].clone()
        ),
        (json!(2), json!(1), json!(true))
    );
    let units = app.get_json("/api/v1/admin/units", &admin).await;
    let names: Vec<&str> = units["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Elm Street Elementary", "Food Services", "Testville High"]
    );
    assert_eq!(units["items"][0]["address"], "4 Elm St\nTestville");
    assert_eq!(units["items"][2]["grade_band"], "9–12");
    assert_eq!(units["items"][2]["version"], 2);

    // The same file again changes nothing.
    let (_, again) = import(&app, &admin, false, edited).await;
    assert_eq!(again["unchanged"], 3);
    let log = app
        .get_json("/api/v1/admin/audit?resource=unit", &admin)
        .await;
    let mut logged: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    logged.sort_unstable();
    assert_eq!(logged, ["created", "created", "updated"]);
}

#[tokio::test]
async fn a_file_with_any_problem_stores_nothing_and_names_each() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let file = "name,kind,grade_band\n\
                Oak Middle,school,6–8\n\
                ,school,\n\
                Pine Campus,campus,\n\
                OAK MIDDLE,school,\n\
                Long Grades,school,kindergarten through twelfth\n";
    let (status, dry) = import(&app, &admin, true, file).await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!(dry["refused"], 4);
    assert_eq!(dry["rows"][0]["action"], "create");
    assert_eq!(
        dry["rows"][2]["errors"][0]["allowed"],
        json!(["school", "department"])
    );
    let before = (app.table_count("units"), app.table_count("audit_log"));
    let (status, problem) = import(&app, &admin, false, file).await;
    assert_eq!(status, 422, "{problem}");
    let fields: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("rows[3].name", "required"),
            ("rows[4].kind", "invalid_choice"),
            ("rows[5].name", "duplicate"),
            ("rows[6].grade_band", "too_long"),
        ]
    );
    assert_eq!(
        (app.table_count("units"), app.table_count("audit_log")),
        before
    );
    for bad in [
        "school,type\nOak,school\n",
        "",
        "name,kind,colour\nOak,school,red\n",
    ] {
        let (status, problem) = import(&app, &admin, true, bad).await;
        assert_eq!(status, 422, "{bad:?}: {problem}");
        assert_eq!(problem["errors"][0]["field"], "body");
    }
    let res = app
        .post(IMPORT)
        .bearer_auth(&admin)
        .body(vec![0xffu8, 0xfe, 0x41])
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, Some("body")).await;
    // Too large, as a file and as JSON: problems like any other, nothing stored.
    let huge = format!("name,kind\n{}", "Oak Middle,school\n".repeat(20_000));
    let res = app
        .post(IMPORT)
        .bearer_auth(&admin)
        .body(huge.clone())
        .send()
        .await
        .unwrap();
    expect_problem(res, 413, None).await;
    let res = app
        .post("/api/v1/admin/units")
        .bearer_auth(&admin)
        .header("Content-Type", "application/json")
        .body(format!(
            "{{\"name\": \"{}\", \"kind\": \"school\"}}",
            "x".repeat(300 * 1024)
        ))
        .send()
        .await
        .unwrap();
    expect_problem(res, 400, None).await;
    assert_eq!(app.table_count("units"), before.0);
}

#[tokio::test]
async fn only_admins_export_or_import() {
    let app = TestApp::new().await;
    for role in [Role::Agent, Role::Analyst, Role::Lead] {
        let token = app.login_as(role).await;
        let res = app.get(EXPORT).bearer_auth(&token).send().await.unwrap();
        assert_eq!(res.status(), 403, "{role:?}");
        let (status, _) = import(&app, &token, false, "name,kind\nX,school\n").await;
        assert_eq!(status, 403, "{role:?}");
    }
    assert_eq!(app.get(EXPORT).send().await.unwrap().status(), 401);
    assert_eq!(app.table_count("units"), 1);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[tokio::test]
async fn a_compressed_body_is_read_and_its_limit_counts_it_unpacked() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let res = app
        .post(&format!("{IMPORT}?dry_run=true"))
        .bearer_auth(&admin)
        .header("Content-Encoding", "gzip")
        .body(gzip(b"name,kind\nOak Middle,school\n"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["created"], 1);
    let res = app
        .post("/api/v1/admin/units")
        .bearer_auth(&admin)
        .header("Content-Type", "application/json")
        .header("Content-Encoding", "gzip")
        .body(gzip(br#"{"name": "Oak Middle", "kind": "school"}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    // Small on the wire, too large once unpacked.
    let bomb = gzip(format!("name,kind\n{}", "x".repeat(4 * 1024 * 1024)).as_bytes());
    assert!(bomb.len() < 64 * 1024);
    let res = app
        .post(IMPORT)
        .bearer_auth(&admin)
        .header("Content-Encoding", "gzip")
        .body(bomb)
        .send()
        .await
        .unwrap();
    expect_problem(res, 413, None).await;
}
