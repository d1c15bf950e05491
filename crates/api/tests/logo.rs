//! The district's logo over HTTP: an admin uploads it as a change to the
//! settings (version, `If-Match`, audit entry), the portal names where it
//! is, browsers fetch it from an address that changes with the image, and
//! what is not a logo, too large, stale or not an admin's changes nothing.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use heard_domain::Role;
use reqwest::Response;
use serde_json::Value;

const LOGO: &str = "/api/v1/admin/districts/current/logo";

/// A real PNG, `w` by `h`, of one colour.
fn png(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
    use std::io::Write;
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    // Each row: no filter, then its pixels.
    let row: Vec<u8> = std::iter::once(0)
        .chain(rgb.iter().copied().cycle().take(3 * w as usize))
        .collect();
    let raw = row.repeat(h as usize);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).unwrap();
    let mut header = Vec::new();
    header.extend_from_slice(&w.to_be_bytes());
    header.extend_from_slice(&h.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

async fn version(app: &TestApp, admin: &str) -> i64 {
    app.get_json("/api/v1/admin/districts/current", admin).await["version"]
        .as_i64()
        .unwrap()
}

async fn upload(app: &TestApp, token: &str, v: Option<i64>, image: Vec<u8>) -> Response {
    let mut req = app
        .put(LOGO)
        .bearer_auth(token)
        .header("Content-Type", "application/octet-stream")
        .body(image);
    if let Some(v) = v {
        req = req.header("If-Match", format!("\"{v}\""));
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn an_admin_uploads_replaces_and_removes_the_logo_and_families_see_it() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let v = version(&app, &admin).await;
    let blue = png(120, 40, [0x1a, 0x44, 0x80]);

    let res = upload(&app, &admin, Some(v), blue.clone()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["etag"], format!("\"{}\"", v + 1).as_str());
    let settings: Value = res.json().await.unwrap();
    let logo = &settings["branding"]["logo"];
    assert_eq!(logo["content_type"], "image/png");
    assert_eq!(
        (logo["width"].as_u64(), logo["height"].as_u64()),
        (Some(120), Some(40))
    );
    assert_eq!(logo["bytes"].as_u64(), Some(blue.len() as u64));
    let url = logo["url"].as_str().unwrap().to_owned();
    assert!(
        url.starts_with(&format!("/media/logos/{}/", app.fx.district_id)),
        "{url}"
    );

    let portal: Value = app.portal().await;
    assert_eq!(portal["branding"]["logo"]["url"], url.as_str());
    let image = app.get(&url).send().await.unwrap();
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(
        image.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(image.headers()["x-content-type-options"], "nosniff");
    assert_eq!(image.bytes().await.unwrap().as_ref(), blue.as_slice());
    assert_eq!(
        app.count_where("audit_log", "resource = 'district' AND action = 'updated'"),
        1
    );

    // A new logo has a new address; the old one is gone.
    let red = png(64, 64, [0xb5, 0x09, 0x09]);
    let res = upload(&app, &admin, Some(v + 1), red.clone()).await;
    assert_eq!(res.status(), 200);
    let settings: Value = res.json().await.unwrap();
    let second = settings["branding"]["logo"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(second, url);
    assert_eq!(app.get(&url).send().await.unwrap().status(), 404);
    assert_eq!(
        app.get(&second)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .as_ref(),
        red.as_slice()
    );

    let res = app
        .delete(LOGO)
        .bearer_auth(&admin)
        .header("If-Match", format!("\"{}\"", v + 2))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let settings: Value = res.json().await.unwrap();
    assert_eq!(settings["branding"]["logo"], Value::Null);
    assert_eq!(settings["version"], v + 3);
    assert_eq!(app.get(&second).send().await.unwrap().status(), 404);
    let again = app
        .delete(LOGO)
        .bearer_auth(&admin)
        .header("If-Match", format!("\"{}\"", v + 3))
        .send()
        .await
        .unwrap();
    expect_problem(again, 404, None).await;
    assert_eq!(
        app.count_where("audit_log", "resource = 'district' AND action = 'updated'"),
        3
    );
    assert_eq!(app.table_count("district_logos"), 0);
}

#[tokio::test]
async fn what_is_not_a_logo_is_refused_and_changes_nothing() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let v = version(&app, &admin).await;
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.to_vec();
    for body in [
        Vec::new(),
        svg,
        b"GIF89a\x10\x00\x10\x00\x00\x00\x00".to_vec(),
        png(8, 8, [0; 3]),
        png(5000, 16, [0; 3]),
    ] {
        let res = upload(&app, &admin, Some(v), body).await;
        expect_problem(res, 422, Some("body")).await;
    }
    // Bigger than 256 KiB, whatever it holds.
    let mut big = png(16, 16, [0; 3]);
    big.resize(300 * 1024, 0);
    let res = upload(&app, &admin, Some(v), big).await;
    assert_eq!(res.status(), 413);
    let ok = png(32, 32, [0; 3]);
    expect_problem(upload(&app, &admin, None, ok.clone()).await, 428, None).await;
    expect_problem(
        upload(&app, &admin, Some(v + 7), ok.clone()).await,
        412,
        None,
    )
    .await;
    for role in [Role::Agent, Role::Analyst] {
        let token = app.login_as(role).await;
        expect_problem(upload(&app, &token, Some(v), ok.clone()).await, 403, None).await;
    }
    let anonymous = app
        .put(LOGO)
        .header("If-Match", format!("\"{v}\""))
        .body(ok)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(version(&app, &admin).await, v, "nothing changed");
    assert_eq!(app.table_count("district_logos"), 0);
    assert_eq!(app.table_count("audit_log"), 0);
    for path in [
        "/media/logos/not-an-id/abc".to_owned(),
        format!("/media/logos/{}/abc", app.fx.district_id),
    ] {
        assert_eq!(app.get(&path).send().await.unwrap().status(), 404, "{path}");
    }
}
