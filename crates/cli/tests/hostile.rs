//! Hostile input: empty, binary and non-UTF-8 files, NUL bytes, 20 MB
//! single-line documents, deeply nested HTML, malformed or wrongly typed JSONL,
//! impossible and far-future dates. For each, `ingest` and `analyze` must
//! not panic, must name the file (and line) of every problem on stderr, must
//! exit 1 when some input failed (0 when there were only warnings), and must
//! still store or analyse the good documents of the same batch.
//!
//! Every input is generated here, in a temporary folder.

use std::path::Path;
use std::process::{Command, Output};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn attache(args: &[&str]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_attache")).args(args).output().expect("run attache");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "attache {args:?} panicked:\n{}", run.stderr);
    assert!(run.code.is_some(), "attache {args:?} was killed by a signal:\n{}", run.stderr);
    run
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The document ids `attache docs` lists (first column, header skipped).
fn stored_ids(db: &Path) -> Vec<String> {
    let r = attache(&["docs", "--db", s(db)]);
    assert_eq!(r.code, Some(0), "docs: {}", r.stderr);
    r.stdout.lines().skip(1).filter_map(|l| l.split_whitespace().next()).map(str::to_string).collect()
}

/// The document ids of an `analyze --format jsonl` output.
fn analysed_ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("analyze writes JSON lines"))
        .filter(|v| v["kind"] == "document")
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect()
}

/// The stderr line that names `origin` exactly (followed by ": ").
fn line_for<'a>(stderr: &'a str, origin: &str) -> Option<&'a str> {
    let needle = format!("{origin}: ");
    stderr.lines().find(|l| l.contains(&needle))
}

fn assert_reports(stderr: &str, origin: &str, level: &str, words: &str) {
    let line = line_for(stderr, origin).unwrap_or_else(|| panic!("no diagnostic for {origin}:\n{stderr}"));
    assert!(line.starts_with(level), "{origin} should be an {level}: {line}");
    assert!(line.to_lowercase().contains(words), "{origin}: expected {words:?} in {line:?}");
}

const GOOD: &str = "MOSCOW, May 14 (TASS) - Russian Foreign Minister Sergey Lavrov met his Cuban counterpart Bruno Rodriguez in Moscow on Tuesday. The two ministers signed a memorandum on cooperation.\n";

fn jsonl_line(v: serde_json::Value) -> String {
    let mut s = serde_json::to_string(&v).unwrap();
    s.push('\n');
    s
}

#[test]
fn hostile_files_are_reported_and_the_good_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("corpus");
    std::fs::create_dir(&c).unwrap();
    let w = |name: &str, bytes: &[u8]| std::fs::write(c.join(name), bytes).unwrap();

    // Good documents, one per format.
    w("good.txt", format!("---\ndate: 2024-05-14\nsource: Wire\n---\n{GOOD}").as_bytes());
    w("page.html", format!("<html><head><meta property=\"article:published_time\" content=\"2024-05-15\"></head><body><article><p>{GOOD}</p></article></body></html>").as_bytes());

    // Files that cannot be read at all.
    w("empty.txt", b"");
    w("blank.md", b"  \n\n\t \n");
    let binary: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).chain([0, 0, 0]).collect();
    w("binary.txt", &binary);
    w("latin1.txt", b"La ministra visit\xf3 La Habana el martes y firm\xf3 un acuerdo.\n");
    let mut nul_early = GOOD.as_bytes().to_vec();
    nul_early.insert(20, 0);
    w("nul_early.txt", &nul_early);
    // A NUL far past the start (beyond any sniffing window).
    let mut nul_late = GOOD.repeat(200).into_bytes();
    nul_late.extend_from_slice(b"tail\0tail\n");
    w("nul_late.txt", &nul_late);
    // 20 MB on one line: over the one-document limit, refused before reading.
    w("huge.txt", &vec![b'a'; 20 * 1024 * 1024]);
    // 50,000 nested divs around a sentence, after a normal paragraph.
    let depth = 50_000;
    let mut nested = String::from("<html><body><p>The deep page begins with this paragraph about a meeting in Paris.</p>");
    nested.push_str(&"<div>".repeat(depth));
    nested.push_str("Deep inside, the president visited Rome.");
    nested.push_str(&"</div>".repeat(depth));
    nested.push_str("</body></html>");
    w("nested.html", nested.as_bytes());
    // Markup only: nothing left after removing it.
    w("markup_only.html", b"<html><body><script>var x = 1;</script><nav>Home | News</nav></body></html>");

    // A JSONL file mixing good lines, malformed lines and wrongly typed fields.
    let mut jl = String::new();
    jl += &jsonl_line(serde_json::json!({"id": "j-good", "published": "2024-05-16", "text": GOOD})); // 1
    jl += "not json at all\n"; // 2
    jl += &jsonl_line(serde_json::json!({"id": "j-text-number", "text": 5})); // 3
    jl += &jsonl_line(serde_json::json!({"id": "j-published-array", "published": [], "text": GOOD})); // 4 warning
    jl += &jsonl_line(serde_json::json!({"id": {}, "published": "2024-05-17", "text": GOOD})); // 5 warning
    jl += &jsonl_line(serde_json::json!({"id": "j-nul", "text": "Lavrov\u{0}met Rodriguez."})); // 6
    jl += "[1, 2, 3]\n"; // 7
    jl += "{\"id\": \"j-truncated\", \"text\": \"Lavrov met\n"; // 8
    jl += &jsonl_line(serde_json::json!({"id": "j-no-text"})); // 9
    jl += &jsonl_line(serde_json::json!({"id": "j-empty-text", "text": "   "})); // 10
    let mut bytes = jl.into_bytes();
    bytes.extend_from_slice(b"{\"id\": \"j-latin1\", \"text\": \"visit\xf3\"}\n"); // 11
    bytes.extend_from_slice(&jsonl_line(serde_json::json!({"id": "j-last", "published": "2024-05-18", "text": GOOD})).into_bytes()); // 12
    w("mixed.jsonl", &bytes);

    // A 20 MB JSONL line between two good ones.
    let mut big = jsonl_line(serde_json::json!({"id": "big-before", "published": "2024-05-19", "text": GOOD}));
    big += &jsonl_line(serde_json::json!({"id": "big-huge", "text": "word ".repeat(4 * 1024 * 1024)}));
    big += &jsonl_line(serde_json::json!({"id": "big-after", "published": "2024-05-20", "text": GOOD}));
    w("big.jsonl", big.as_bytes());

    let cs = |name: &str| c.join(name).display().to_string();
    let db = dir.path().join("h.db");
    let ing = attache(&["ingest", s(&c), "--db", s(&db)]);
    let err = &ing.stderr;
    assert_eq!(ing.code, Some(1), "{err}");

    assert_reports(err, &cs("empty.txt"), "error", "empty");
    assert_reports(err, &cs("blank.md"), "error", "empty");
    assert_reports(err, &cs("binary.txt"), "error", "binary");
    assert_reports(err, &cs("latin1.txt"), "error", "utf-8");
    assert_reports(err, &cs("nul_early.txt"), "error", "nul");
    assert_reports(err, &cs("nul_late.txt"), "error", "nul");
    assert_reports(err, &cs("huge.txt"), "error", "byte limit");
    assert_reports(err, &cs("markup_only.html"), "error", "no text");
    let m = cs("mixed.jsonl");
    assert_reports(err, &format!("{m}:2"), "error", "malformed json");
    assert_reports(err, &format!("{m}:3"), "error", "\"text\" must be a string");
    assert_reports(err, &format!("{m}:4"), "warning", "\"published\"");
    assert_reports(err, &format!("{m}:5"), "warning", "\"id\" should be a string");
    assert_reports(err, &format!("{m}:6"), "error", "nul");
    assert_reports(err, &format!("{m}:7"), "error", "json object");
    assert_reports(err, &format!("{m}:8"), "error", "malformed json");
    assert_reports(err, &format!("{m}:9"), "error", "missing \"text\"");
    assert_reports(err, &format!("{m}:10"), "error", "empty");
    assert_reports(err, &format!("{m}:11"), "error", "utf-8");
    assert_reports(err, &format!("{}:2", cs("big.jsonl")), "error", "byte limit");
    assert!(line_for(err, &format!("{m}:1")).is_none(), "{err}");
    assert!(line_for(err, &format!("{m}:12")).is_none(), "{err}");

    let ids = stored_ids(&db);
    for want in ["good", "page", "j-good", "j-published-array", "mixed-5", "j-last", "big-before", "big-after"] {
        assert!(ids.iter().any(|i| i == want), "{want} not stored: {ids:?}\n{err}");
    }
    for bad in ["empty", "binary", "latin1", "nul_early", "nul_late", "huge", "big-huge", "j-nul", "j-text-number", "markup_only"] {
        assert!(!ids.iter().any(|i| i == bad), "{bad} should not be stored: {ids:?}");
    }
    // The nested page keeps its shallow text; the cut-off below the depth
    // limit is reported, not silent.
    assert!(ids.iter().any(|i| i == "nested"), "{ids:?}\n{err}");
    assert!(err.lines().any(|l| l.starts_with("warning:") && l.contains(&cs("nested.html")) && l.contains("nested more than")), "{err}");
    assert!(err.contains("added"), "no summary line: {err}");

    // A second ingest adds nothing and reports the same problems.
    let again = attache(&["ingest", s(&c), "--db", s(&db)]);
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains(" 0 added"), "{}", again.stderr);

    // analyze reads the same batch the same way, in memory.
    let an = attache(&["analyze", s(&c), "--format", "jsonl"]);
    assert_eq!(an.code, Some(1), "{}", an.stderr);
    assert_reports(&an.stderr, &format!("{m}:3"), "error", "\"text\" must be a string");
    assert_reports(&an.stderr, &cs("huge.txt"), "error", "byte limit");
    let got = analysed_ids(&an.stdout);
    let mut stored = ids.clone();
    stored.sort();
    let mut analysed = got.clone();
    analysed.sort();
    assert_eq!(stored, analysed, "ingest and analyze keep the same documents");
}

#[test]
fn missing_impossible_and_future_dates_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("dates.jsonl");
    let text = |extra: &str| format!("Russian Foreign Minister Sergey Lavrov visited Havana on Monday. {extra} He will return next year, and met Rodriguez yesterday.");
    let mut jl = String::new();
    jl += &jsonl_line(serde_json::json!({"id": "d-none", "text": text("")})); // 1
    jl += &jsonl_line(serde_json::json!({"id": "d-feb30", "published": "2023-02-30", "text": text("")})); // 2
    jl += &jsonl_line(serde_json::json!({"id": "d-month13", "published": "2023-13", "text": text("")})); // 3
    jl += &jsonl_line(serde_json::json!({"id": "d-9999", "published": "9999-12-31", "text": text("The talks continue tomorrow and next month.")})); // 4
    jl += &jsonl_line(serde_json::json!({"id": "d-3000", "published": "3000-01-01", "text": text("In the year 2999 the ministers met in Paris.")})); // 5
    jl += &jsonl_line(serde_json::json!({"id": "d-year0", "published": "0000-01-01", "text": text("")})); // 6
    jl += &jsonl_line(serde_json::json!({"id": "d-huge-year", "published": "99999999999999999999-01-01", "text": text("")})); // 7
    jl += &jsonl_line(serde_json::json!({"id": "d-number", "published": 20230101, "text": text("")})); // 8
    jl += &jsonl_line(serde_json::json!({"id": "d-words", "published": "next Tuesday", "text": text("")})); // 9
    jl += &jsonl_line(serde_json::json!({"id": "d-ok", "published": "2024-02-29", "text": text("On 30 February 2024 and in the year 10000 nothing happened.")})); // 10
    std::fs::write(&f, jl).unwrap();
    // A text file whose front matter has an impossible date, and one whose
    // dateline names a day that does not exist.
    std::fs::write(dir.path().join("feb31.txt"), "---\ndate: 2023-02-31\n---\nLavrov met Rodriguez in Moscow on Friday.\n").unwrap();
    std::fs::write(dir.path().join("dateline.txt"), "HAVANA, Feb. 30 (EFE) - Lavrov arrived in Havana on Monday, 31 April 2024.\n").unwrap();

    let fs = f.display().to_string();
    let db = dir.path().join("d.db");
    let ing = attache(&["ingest", s(dir.path()), "--db", s(&db)]);
    let err = &ing.stderr;
    assert_eq!(ing.code, Some(0), "only warnings: exit 0\n{err}");
    assert!(!err.contains("error:"), "{err}");
    assert_reports(err, &format!("{fs}:1"), "warning", "no publication date");
    for line in [2, 3, 6, 7, 9] {
        assert_reports(err, &format!("{fs}:{line}"), "warning", "not a valid date");
    }
    assert_reports(err, &dir.path().join("feb31.txt").display().to_string(), "warning", "not a valid date");
    assert!(line_for(err, &format!("{fs}:10")).is_none(), "{err}");

    let ids = stored_ids(&db);
    assert_eq!(ids.len(), 12, "every document is stored: {ids:?}");
    let export = attache(&["export", "--db", s(&db), "--format", "json"]);
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    let v: serde_json::Value = serde_json::from_str(&export.stdout).unwrap();
    let published = |id: &str| v["documents"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap()["published"].clone();
    assert_eq!(published("d-9999"), "9999-12-31");
    assert_eq!(published("d-3000"), "3000-01-01");
    assert_eq!(published("d-ok"), "2024-02-29");
    assert!(published("d-feb30").is_null() && published("d-month13").is_null() && published("d-huge-year").is_null());

    // Every other command still works on the store.
    for args in [vec!["timeline"], vec!["events", "--json"], vec!["export", "--format", "csv"], vec!["export", "--format", "plover"]] {
        let mut a = args.clone();
        a.extend(["--db", s(&db)]);
        let r = attache(&a);
        assert_eq!(r.code, Some(0), "{a:?}: {}", r.stderr);
    }
    let t = attache(&["time", &fs]);
    assert_eq!(t.code, Some(0), "{}", t.stderr);

    let an = attache(&["analyze", s(dir.path()), "--format", "json"]);
    assert_eq!(an.code, Some(0), "{}", an.stderr);
    let v: serde_json::Value = serde_json::from_str(&an.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 12);
}

#[test]
fn hostile_stdin_and_missing_paths() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    // Binary on stdin.
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["ingest", "-", "--db", s(&db)])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"\x7fELF\x02\x01\x01\x00\x00\x00binary").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("stdin"), "{err}");

    // A missing path next to a good file: the good file is stored.
    let good = dir.path().join("ok.txt");
    std::fs::write(&good, GOOD).unwrap();
    let missing = dir.path().join("nope.txt");
    let r = attache(&["ingest", s(&missing), s(&good), "--db", s(&db)]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_reports(&r.stderr, s(&missing), "error", "no such file");
    assert_eq!(stored_ids(&db), vec!["ok".to_string()]);
}
