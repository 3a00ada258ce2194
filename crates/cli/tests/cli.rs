//! End-to-end tests of the `attache` binary on files the team wrote.

use std::path::Path;
use std::process::Command;

fn attache() -> Command {
    Command::new(env!("CARGO_BIN_EXE_attache"))
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn ingest_is_idempotent_and_reports_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    write(&corpus, "a.txt", "---\ndate: 2024-05-14\nsource: Test Wire\n---\nHAVANA, May 14 (EFE) Russian Foreign Minister Sergey Lavrov arrived in Havana on Monday.\n");
    write(&corpus, "b.jsonl", "{\"id\":\"b1\",\"published\":\"2024-05-15\",\"text\":\"Lavrov met Cuban President Miguel Diaz-Canel on Tuesday.\"}\nnot json\n");
    std::fs::write(corpus.join("c.txt"), b"\xff\xfe\x00\x00binary").unwrap();
    let db = dir.path().join("t.db");

    let out = attache().args(["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("b.jsonl:2"), "{err}");
    assert!(err.contains("c.txt"), "{err}");
    assert!(err.contains("2 added"), "{err}");

    let again = attache().args(["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("0 added") && err.contains("2 already stored"), "{err}");

    let docs = attache().args(["docs", "--db", db.to_str().unwrap()]).output().unwrap();
    let listing = String::from_utf8_lossy(&docs.stdout);
    assert!(listing.contains("b1") && listing.contains("Test Wire"), "{listing}");

    let export = attache().args(["export", "--db", db.to_str().unwrap(), "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    let a = v["documents"].as_array().unwrap().iter().find(|d| d["id"] == "a").unwrap();
    assert_eq!(a["dateline_place"], "Havana");
    assert_eq!(a["published"], "2024-05-14");
}

#[test]
fn analyze_writes_the_evaluation_format() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.jsonl", "{\"id\":\"x\",\"published\":\"2023-07\",\"text\":\"The talks were held in Minsk.\"}\n");
    let out = attache().args(["analyze", dir.path().join("x.jsonl").to_str().unwrap(), "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["documents", "entities", "events"] {
        assert!(v[key].is_array(), "{key}");
    }
    assert_eq!(v["documents"][0]["published"], "2023-07");
}

#[test]
fn missing_store_is_a_clear_error() {
    let out = attache().args(["timeline", "--db", "/nonexistent/x.db"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store at"));
}

#[test]
fn demo_runs() {
    let out = attache().arg("demo").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("documents"));
}

/// Events as comparable facts: (type, participant names, sorted source docs).
fn event_facts(db: &Path) -> Vec<(String, Vec<String>, Vec<String>)> {
    let export = attache().args(["export", "--db", db.to_str().unwrap(), "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let name = |id: &serde_json::Value| v["entities"].as_array().unwrap().iter().find(|e| &e["id"] == id).unwrap()["name"].as_str().unwrap().to_string();
    let mut out: Vec<_> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut people: Vec<String> = e["participants"].as_array().unwrap().iter().map(name).collect();
            people.sort();
            let mut docs: Vec<String> = e["mentions"].as_array().unwrap().iter().map(|m| m["doc"].as_str().unwrap().to_string()).collect();
            docs.sort();
            docs.dedup();
            (e["type"].as_str().unwrap().to_string(), people, docs)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn ingesting_in_two_steps_joins_the_stored_events() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    std::fs::create_dir(&first).unwrap();
    std::fs::create_dir(&second).unwrap();
    write(&first, "a.txt", "---\ndate: 2024-05-14\n---\nRussian Foreign Minister Sergey Lavrov arrived in Havana on Monday for talks. He met Cuban President Miguel Diaz-Canel on Tuesday.\n");
    write(&second, "b.txt", "---\ndate: 2024-05-15\n---\nCuban President Miguel Diaz-Canel met Russian Foreign Minister Sergei Lavrov in Havana yesterday.\n");
    write(&second, "c.txt", "---\ndate: 2025-06-02\n---\nSergey Lavrov met Miguel Diaz-Canel in Havana on Monday, a year after his last visit.\n");
    let (once, twice) = (dir.path().join("once.db"), dir.path().join("twice.db"));
    for (db, paths) in [(&once, vec![&first, &second]), (&twice, vec![&first]), (&twice, vec![&second])] {
        let mut cmd = attache();
        cmd.arg("ingest");
        for p in paths {
            cmd.arg(p);
        }
        let out = cmd.args(["--db", db.to_str().unwrap()]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let facts = event_facts(&twice);
    assert_eq!(facts, event_facts(&once), "incremental and one-shot ingest agree");
    let meeting: Vec<_> = facts.iter().filter(|(t, p, _)| t == "meet" && p.len() == 2).collect();
    assert!(meeting.iter().any(|(_, _, d)| d == &vec!["a".to_string(), "b".to_string()]), "the 2024 meeting has both sources: {meeting:?}");
    assert!(meeting.iter().any(|(_, _, d)| d == &vec!["c".to_string()]), "the 2025 meeting stays apart: {meeting:?}");
}

#[test]
fn a_plan_and_its_fulfilment_are_one_event_with_the_reason_given() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plan.txt", "---\ndate: 2025-09-01\n---\nVietnamese Prime Minister Pham Minh Chinh will pay an official visit to Cuba next week, the Cuban Foreign Ministry announced on Monday.\n");
    write(dir.path(), "done.txt", "---\ndate: 2025-09-09\n---\nCuban Prime Minister Manuel Marrero welcomed his Vietnamese counterpart Pham Minh Chinh in Havana on Monday.\n");
    let db = dir.path().join("t.db");
    let out = attache().args(["ingest", dir.path().to_str().unwrap(), "--db", db.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let visits: Vec<_> = event_facts(&db).into_iter().filter(|(t, _, _)| t == "visit").collect();
    assert_eq!(visits.len(), 1, "{visits:?}");
    assert_eq!(visits[0].2, vec!["done".to_string(), "plan".to_string()]);
    let export = attache().args(["export", "--db", db.to_str().unwrap(), "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let visit = v["events"].as_array().unwrap().iter().find(|e| e["type"] == "visit").unwrap();
    let id = visit["id"].as_str().unwrap();
    let shown = attache().args(["event", id, "--db", db.to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8_lossy(&shown.stdout);
    // Whichever report is resolved first, the note names the plan and its fulfilment.
    let linked = text.contains("reports as done what was planned") || text.contains("announced what was later reported as done");
    assert!(text.contains("planned") && linked, "{text}");
}
