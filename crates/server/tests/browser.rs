//! The web UI in a real browser: headless Chromium loads each page from a
//! server on loopback, and the rendered DOM is checked. Screenshots are saved
//! under `<target dir>/screenshots/` as artefacts for a person to look at.
//!
//! Without Chromium the test is skipped, except in CI (env `CI` set), where
//! its absence is a failure: `.ci/run` installs it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Starts the server on an ephemeral loopback port in a background thread.
fn start_server(db: PathBuf) -> u16 {
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    std_listener.set_nonblocking(true).unwrap();
    let port = std_listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(std_listener).unwrap();
            attache_server::run(listener, db).await.unwrap();
        });
    });
    port
}

/// Runs Chromium headless with a hard deadline, returning its stdout.
fn chromium(profile: &Path, extra: &[String], url: &str) -> String {
    let mut child = Command::new(CHROMIUM)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--virtual-time-budget=5000"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish loading {url} in time");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

fn target_dir() -> PathBuf {
    if let Ok(t) = std::env::var("CARGO_TARGET_DIR") {
        return PathBuf::from(t);
    }
    // The test binary lives in <target>/<profile>/deps/.
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("target"))
}

#[test]
fn pages_render_in_a_headless_browser() {
    if !Path::new(CHROMIUM).exists() {
        if std::env::var_os("CI").is_some() {
            panic!("chromium is not installed at {CHROMIUM}; CI must install it (see .ci/run)");
        }
        println!("skipped: chromium not installed");
        return;
    }
    let fixture = common::build();
    let port = start_server(fixture.db.clone());
    let base = format!("http://127.0.0.1:{port}/");
    let profile = tempfile::tempdir().unwrap();
    let shots = target_dir().join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();

    let pages: &[(&str, &str, &[&str])] = &[
        ("timeline", "#/", &["Timeline of events", "class=\"event-row\"", "Ana Example", "Phone call", "4 events"]),
        (
            "event",
            "#/event/evt%3A1",
            &["Sources (2)", "<mark class=\"trigger\">visited</mark>", "<mark class=\"trigger\">received</mark>", "class=\"participant person\"", "CONSULT/visit"],
        ),
        ("entity", "#/entity/ent%3A1", &["Names and spellings", "A. Example", "Roles over time", "Foreign Minister", "Documents (2)"]),
        ("document", "#/doc/d1", &["line line-boilerplate", "mention person", "Also read: the weather"]),
        ("graph", "#/graph", &["<svg", "class=\"node person\"", "Strongest ties", "4 actors, 3 ties"]),
        ("search", "#/search?q=rice", &["2 matching sentences", "<mark class=\"match\">rice</mark>"]),
        ("timeline-filtered", "#/?entity=Ruiz&type=invite", &["1 event", "Invite"]),
    ];
    for (name, hash, expected) in pages {
        let url = format!("{base}{hash}");
        let dom = chromium(profile.path(), &["--dump-dom".to_string()], &url);
        for needle in *expected {
            assert!(dom.contains(needle), "{name} ({url}) should show {needle:?}; DOM was:\n{dom}");
        }
        assert!(!dom.contains("Could not load"), "{name}: {dom}");
        let shot = shots.join(format!("{name}.png"));
        chromium(profile.path(), &[format!("--screenshot={}", shot.display()), "--window-size=1280,900".to_string()], &url);
        assert!(shot.exists(), "screenshot {} was written", shot.display());
    }
    // And one page at a phone's width.
    let phone = shots.join("event-phone.png");
    chromium(profile.path(), &[format!("--screenshot={}", phone.display()), "--window-size=390,844".to_string()], &format!("{base}#/event/evt%3A1"));
    println!("screenshots in {}", shots.display());
}
