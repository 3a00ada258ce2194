//! Tags JSONL documents `{"id", "published", "text"}` (a file argument or
//! stdin) and prints one JSON line per temporal expression:
//! `{"doc","start","end","value","type","text"}`.
//!
//! cargo run --release -p attache-time --example tag_jsonl -- docs.jsonl

use std::io::{BufRead, BufReader, Write};

use attache_model::PartialDate;

fn main() -> std::io::Result<()> {
    let input: Box<dyn BufRead> = match std::env::args().nth(1) {
        Some(path) if path != "-" => Box::new(BufReader::new(std::fs::File::open(path)?)),
        _ => Box::new(BufReader::new(std::io::stdin())),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("line {}: not JSON ({e})", n + 1);
                continue;
            }
        };
        let id = match &doc["id"] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => (n + 1).to_string(),
            other => other.to_string(),
        };
        let dct = doc["published"].as_str().and_then(PartialDate::parse);
        let text = doc["text"].as_str().unwrap_or("");
        for t in attache_time::tag(text, dct) {
            writeln!(out, "{}", attache_time::to_json_line(&id, &t))?;
        }
    }
    out.flush()
}
