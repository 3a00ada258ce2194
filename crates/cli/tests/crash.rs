//! Crash safety: `attache ingest` killed with SIGKILL at various moments
//! leaves a store that opens cleanly and holds whole documents only, and a
//! re-run completes the corpus without duplicates.
//!
//! The corpus (600 short articles) is generated here from templates the team
//! wrote; the names, places and dates are varied by a fixed pseudo-random
//! sequence.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 600;

const PEOPLE: &[(&str, &str)] = &[
    ("Russian Foreign Minister", "Sergey Lavrov"),
    ("Cuban Foreign Minister", "Bruno Rodriguez"),
    ("Cuban President", "Miguel Diaz-Canel"),
    ("Chinese Foreign Minister", "Wang Yi"),
    ("Brazilian President", "Luiz Inacio Lula da Silva"),
    ("Indian External Affairs Minister", "Subrahmanyam Jaishankar"),
    ("Turkish Foreign Minister", "Hakan Fidan"),
    ("Vietnamese Prime Minister", "Pham Minh Chinh"),
    ("Mexican Foreign Secretary", "Alicia Barcena"),
    ("South African Foreign Minister", "Naledi Pandor"),
    ("Deputy Foreign Minister", "Ana Teresa Velarde"),
    ("Trade Minister", "Olek Marchenko"),
];

const PLACES: &[&str] = &["Havana", "Moscow", "Beijing", "Brasilia", "New Delhi", "Ankara", "Hanoi", "Mexico City", "Pretoria", "Caracas", "Minsk", "Astana"];
const AGENCIES: &[&str] = &["TASS", "EFE", "Xinhua", "Reuters", "PL", "AFP"];
const MONTHS: &[&str] = &["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const TOPICS: &[&str] = &[
    "trade and investment",
    "energy cooperation",
    "the situation in the region",
    "food security",
    "student exchanges",
    "a new air route",
    "pharmaceutical production",
    "debt restructuring",
];

/// A small deterministic generator (64-bit LCG), enough to vary templates.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.next() % xs.len()]
    }
}

/// Writes the corpus; returns id -> body (the text the store must hold).
fn write_corpus(dir: &Path) -> HashMap<String, String> {
    let mut rng = Lcg(0x5eed_a77a_c4e5);
    let mut bodies = HashMap::new();
    for i in 0..DOCS {
        let (t1, p1) = *rng.pick(PEOPLE);
        let (t2, p2) = loop {
            let q = *rng.pick(PEOPLE);
            if q.1 != p1 {
                break q;
            }
        };
        let place = *rng.pick(PLACES);
        let agency = *rng.pick(AGENCIES);
        let year = 2019 + rng.next() % 6;
        let month = 1 + rng.next() % 12;
        let day = 1 + rng.next() % 28;
        let weekday = *rng.pick(DAYS);
        let topic = *rng.pick(TOPICS);
        let topic2 = *rng.pick(TOPICS);
        let mname = MONTHS[month - 1];
        let surname2 = p2.rsplit(' ').next().unwrap();
        let body = match i % 4 {
            0 => format!(
                "{}, {} {} ({agency}) - {t1} {p1} arrived in {place} on {weekday} for a two-day official visit.\n\n\
                 {p1} met {t2} {p2} to discuss {topic}. The two sides signed a memorandum of understanding on {topic2}.\n\n\
                 Also read: Ministers to meet again next year\n",
                place.to_uppercase(),
                &mname[..3],
                day
            ),
            1 => format!(
                "{t1} {p1} held a telephone conversation with {t2} {p2} on {weekday}, {day} {mname} {year}.\n\n\
                 According to the ministry, they discussed {topic} and agreed to continue contacts. {surname2} invited {p1} to visit {place}.\n"
            ),
            2 => format!(
                "{place}, {day} {mname} {year} ({agency}): {t2} {p2} will travel to {place} next month, the ministry said on {weekday}.\n\n\
                 The visit is expected to focus on {topic}. {p1} is not expected to attend.\n\n\
                 Share this article\n"
            ),
            _ => format!(
                "Talks on {topic} ended in {place} on {weekday} without an agreement.\n\n\
                 {t1} {p1} and {p2} met for three hours, officials said. A further round on {topic2} was planned for {mname} {}.\n",
                year + 1
            ),
        };
        let id = format!("art{i:04}");
        let file = format!("---\ndate: {year}-{month:02}-{day:02}\nsource: Wire{}\ntitle: Report {i}\n---\n{body}", i % 7);
        // Spread over a few sub-folders, as a real corpus would be.
        let sub = dir.join(format!("part{}", i % 5));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{id}.txt")), file).unwrap();
        bodies.insert(id, body);
    }
    bodies
}

fn attache() -> Command {
    Command::new(env!("CARGO_BIN_EXE_attache"))
}

fn ingest(corpus: &Path, db: &Path) -> String {
    let out = attache().args(["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "ingest after a crash failed:\n{err}");
    err
}

/// Opens the store with `attache docs` and checks every listed document
/// is one of the corpus, whole (same byte length as its source text) and
/// listed once. Returns how many there are.
fn check_store(db: &Path, bodies: &HashMap<String, String>, when: &str) -> usize {
    let out = attache().args(["docs", "--db", db.to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{when}: the store does not open cleanly:\n{err}");
    let listing = String::from_utf8_lossy(&out.stdout);
    let mut seen = std::collections::HashSet::new();
    for line in listing.lines().skip(1) {
        // id, published, source, bytes, events, title...
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(cols.len() >= 5, "{when}: odd listing line {line:?}");
        let id = cols[0];
        let body = bodies.get(id).unwrap_or_else(|| panic!("{when}: unknown document {id}"));
        assert_eq!(cols[3].parse::<usize>().unwrap(), body.len(), "{when}: {id} is not whole: {line:?}");
        assert!(seen.insert(id.to_string()), "{when}: {id} listed twice");
    }
    // The full export (documents, entities, events) reads back too.
    let out = attache().args(["export", "--db", db.to_str().unwrap(), "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{when}: export failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{when}: export is not JSON: {e}"));
    assert_eq!(v["documents"].as_array().unwrap().len(), seen.len(), "{when}: export and listing disagree");
    seen.len()
}

/// Starts an ingest and kills it (SIGKILL) after `delay`. Returns whether
/// it was still running when killed.
fn ingest_and_kill(corpus: &Path, db: &Path, delay: Duration) -> bool {
    let mut child = attache()
        .args(["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < delay {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    running
}

#[test]
fn killed_ingest_leaves_whole_documents_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let bodies = write_corpus(&corpus);
    assert_eq!(bodies.len(), DOCS);

    // One uninterrupted run, to know how long a whole ingest takes here.
    let full_db = dir.path().join("full.db");
    let t = Instant::now();
    let err = ingest(&corpus, &full_db);
    let full = t.elapsed();
    assert!(err.contains(&format!("{DOCS} added")), "{err}");
    assert_eq!(check_store(&full_db, &bodies, "uninterrupted"), DOCS);

    // Kill at fixed early moments and at fractions of a whole run (so some
    // kills land while chunks are being written or the corpus re-resolved),
    // with a little jitter so repeated runs probe different instants.
    let jitter = (std::process::id() as u64 % 40) as u32;
    let mut delays: Vec<Duration> = vec![Duration::from_millis(50), Duration::from_millis(200), Duration::from_millis(600)];
    for frac in [0.25, 0.45, 0.6, 0.75, 0.9] {
        delays.push(full.mul_f64(frac) + Duration::from_millis(jitter as u64));
    }
    let mut killed = 0;
    for (k, delay) in delays.iter().enumerate() {
        let db = dir.path().join(format!("crash{k}.db"));
        let was_running = ingest_and_kill(&corpus, &db, *delay);
        killed += was_running as usize;
        let when = format!("killed after {delay:?} (whole run {full:?}, running: {was_running})");
        if db.exists() {
            let n = check_store(&db, &bodies, &when);
            eprintln!("{when}: {n} whole documents stored");
        }
        // Resume: the rest is added, nothing twice.
        let err = ingest(&corpus, &db);
        assert_eq!(check_store(&db, &bodies, &format!("{when}, resumed")), DOCS, "{err}");
        assert!(err.contains(&format!("holds {DOCS} documents")), "{when}: {err}");
        let err = ingest(&corpus, &db);
        assert!(err.contains(" 0 added") && err.contains(&format!("{DOCS} already stored")), "{when}, second re-run: {err}");
        // The resolved tables match a store that was never interrupted.
        let events = |db: &Path| {
            let out = attache().args(["export", "--db", db.to_str().unwrap(), "--format", "jsonl"]).output().unwrap();
            String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.contains("\"kind\":\"event\"")).count()
        };
        assert_eq!(events(&db), events(&full_db), "{when}: resumed store resolves to a different number of events");
    }

    // Several kills in a row on the same store, then a resume.
    let db = dir.path().join("repeated.db");
    for delay in [full.mul_f64(0.3), full.mul_f64(0.5), full.mul_f64(0.8)] {
        ingest_and_kill(&corpus, &db, delay);
        if db.exists() {
            check_store(&db, &bodies, &format!("repeated kill after {delay:?}"));
        }
    }
    ingest(&corpus, &db);
    assert_eq!(check_store(&db, &bodies, "after repeated kills"), DOCS);
    eprintln!("whole ingest: {full:?}; {killed} of {} runs were killed mid-way", delays.len());
}

/// A kill while the store file is being created leaves a file with no schema
/// (0 bytes, possibly with a rollback journal). It reads as an empty store,
/// and the next ingest fills it.
#[test]
fn store_file_left_without_schema_reads_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    let out = attache().args(["docs", "--db", db.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1, "only the header");
    let out = attache().args(["timeline", "--db", db.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "---\ndate: 2024-03-01\nsource: Wire\n---\nLavrov met Rodriguez in Havana on Friday.\n").unwrap();
    let err = ingest(&corpus, &db);
    assert!(err.contains("1 added"), "{err}");
}
