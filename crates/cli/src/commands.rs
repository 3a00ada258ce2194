//! The commands behind each subcommand. Each returns an exit code (see
//! [`crate::exit`]); messages go to stderr, results to stdout.

use crate::exit;
use crate::pipeline::{self, Pipeline};
use crate::render::{self, Names};
use anyhow::{Context, Result};
use attache_ingest::{Batch, Diagnostic, Severity};
use attache_model::{Corpus, Document, Event};
use attache_store::{PreparedDocument, PutOutcome, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::Path;

/// Every this many chunks the writer lets the write-ahead log start over
/// (see `Store::checkpoint_passive`): the log holds at most about 16 chunks
/// (4,096 articles), and looking a page up in it stays cheap.
const LOG_RESTART_CHUNKS: usize = 16;

/// Documents analysed and written per transaction: at most 256, and an
/// eighth of the batch when that is smaller (at least 64). Smaller chunks
/// cost more than they save: each commit flushes the full-text index. The
/// batch ends in smaller ones ([`next_chunk`]).
fn chunk_size(batch: usize) -> usize {
    (batch / 8).clamp(64, 256)
}

/// The size of the next chunk with `remaining` documents left: full chunks,
/// then halves of what is left (down to `MIN_TAIL_CHUNK`). The last chunk
/// is written after all analysis is done, with one core idle; ending on a
/// small one keeps that tail short.
fn next_chunk(remaining: usize, full: usize) -> usize {
    if remaining > 2 * full {
        full
    } else {
        (remaining / 2).max(MIN_TAIL_CHUNK).min(remaining)
    }
}

const MIN_TAIL_CHUNK: usize = 16;

/// A document ready for the store, with the analysis the resolver reads.
type Row = (PreparedDocument, attache_model::DocAnalysis);

/// Prints diagnostics to stderr. Errors are always printed one by one; a
/// warning repeated over many documents (a corpus without dates) is printed
/// a few times, then counted, so the errors stay visible.
pub fn report_diagnostics(diags: &[Diagnostic]) {
    const SHOWN: usize = 3;
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for d in diags {
        if d.severity == Severity::Warning {
            let n = seen.entry(d.message.as_str()).or_default();
            *n += 1;
            if *n > SHOWN {
                continue;
            }
        }
        eprintln!("{d}");
    }
    for (message, n) in seen {
        if n > SHOWN {
            eprintln!("warning: {} more input(s): {message}", n - SHOWN);
        }
    }
}

fn progress(len: usize, what: &str) -> ProgressBar {
    // Hidden when stderr is not a terminal (CI logs, pipes) and for tiny batches.
    let pb = if len < 50 { ProgressBar::hidden() } else { ProgressBar::new(len as u64) };
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} docs ({per_sec}, eta {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}

#[derive(Default, Debug)]
pub struct IngestSummary {
    pub read: usize,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub errors: usize,
    pub warnings: usize,
    pub entities: usize,
    pub events: usize,
}

/// Analyses new documents into the store and resolves them against what it
/// holds: the stored entities and events take the new reports, and only what
/// changed is written back. The whole corpus is resolved again from the
/// stored analyses only when a document was replaced (its old reports must
/// leave their events) or the stored resolution is stale (an ingest stopped
/// midway, or a store from an older version).
pub fn ingest_batch(batch: Batch, store: &mut Store, pipeline: &Pipeline) -> Result<IngestSummary> {
    let mut sum = IngestSummary {
        read: batch.documents.len(),
        errors: batch.errors(),
        warnings: batch.diagnostics.len() - batch.errors(),
        ..Default::default()
    };
    // Skip what is already stored before doing any analysis: re-ingest is cheap.
    let mut todo: Vec<(Document, String)> = Vec::new();
    let hashes: Vec<String> = {
        use rayon::prelude::*;
        batch.documents.par_iter().map(|d| attache_ingest::content_hash(&d.text)).collect()
    };
    // A new store holds nothing to compare with: no lookups.
    let empty = store.document_count()? == 0;
    for (d, hash) in batch.documents.into_iter().zip(hashes) {
        if !empty && store.has_document(&d.id, &hash)? {
            sum.unchanged += 1;
        } else {
            todo.push((d, hash));
        }
    }
    let stale = store.resolution_is_stale()?;
    if todo.is_empty() && !stale {
        let stats = store.stats()?;
        (sum.entities, sum.events) = (stats.entities, stats.events);
        return Ok(sum);
    }
    // An incremental resolver, unless the stored resolution cannot be trusted.
    let mut resolver = if !stale {
        attache_resolve::Resolver::resume(store.entities()?, store.events_by_id()?)
    } else if empty {
        Some(attache_resolve::Resolver::new())
    } else {
        None
    };
    let mut new_docs: std::collections::HashSet<String> = std::collections::HashSet::new();
    let pb = progress(todo.len(), "analysing");
    let checkpointer = store.checkpoint_in_background().context("starting the checkpoint thread")?;
    // Analysis (both cores, rayon) and writing (one thread: SQLite has one
    // writer) overlap: chunk N is written while chunk N+1 is analysed.
    std::thread::scope(|scope| -> Result<()> {
        // Two chunks may wait for the writer, so a slow commit does not stop the analysis at once.
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Row>>(2);
        let (sum, resolver, new_docs, pb, store, checkpointer) = (&mut sum, &mut resolver, &mut new_docs, &pb, &mut *store, &checkpointer);
        let writer = std::thread::Builder::new().name("store-writer".into()).spawn_scoped(scope, move || -> Result<()> {
            for (n, rows) in receive.into_iter().enumerate() {
                let (prepared, analyses): (Vec<PreparedDocument>, Vec<_>) = rows.into_iter().unzip();
                for (analysis, o) in analyses.iter().zip(store.put_documents(&prepared).context("writing documents")?) {
                    match o {
                        PutOutcome::Added => {
                            sum.added += 1;
                            if let Some(r) = resolver.as_mut() {
                                r.add(analysis);
                                new_docs.insert(analysis.doc_id.clone());
                            }
                        }
                        PutOutcome::Replaced => {
                            sum.replaced += 1;
                            *resolver = None;
                        }
                        PutOutcome::Unchanged => sum.unchanged += 1,
                    }
                }
                if n % LOG_RESTART_CHUNKS == LOG_RESTART_CHUNKS - 1 {
                    checkpointer.wait_idle();
                    store.checkpoint_passive().context("checkpointing the store")?;
                } else {
                    checkpointer.nudge();
                }
                pb.inc(prepared.len() as u64);
            }
            Ok(())
        })?;
        let chunk_len = chunk_size(todo.len());
        while !todo.is_empty() {
            let rest = todo.split_off(todo.len().min(next_chunk(todo.len(), chunk_len)));
            let chunk = std::mem::replace(&mut todo, rest);
            // Analysis and serialisation on the rayon pool; sentences and
            // tokens are dropped there too, so the writer only inserts.
            let rows = {
                use rayon::prelude::*;
                chunk
                    .into_par_iter()
                    .map(|(doc, hash)| {
                        let (sentences, analysis) = pipeline.analyze_document(&doc);
                        Ok((PreparedDocument::new(doc, &sentences, &analysis, hash)?, analysis))
                    })
                    .collect::<attache_store::Result<Vec<Row>>>()
                    .context("preparing documents for the store")?
            };
            if send.send(rows).is_err() {
                break; // the writer stopped on an error, which join reports
            }
        }
        drop(send);
        writer.join().map_err(|_| anyhow::anyhow!("the store writer panicked"))?
    })?;
    pb.finish_and_clear();
    match resolver {
        Some(mut r) => {
            let (entities, events) = r.changes();
            let new_docs: std::collections::HashSet<&str> = new_docs.iter().map(String::as_str).collect();
            store.update_resolved(&entities, &events, &new_docs).context("writing resolved entities and events")?;
        }
        None => {
            // Resolution needs the analyses only: the texts stay on disk.
            let analyses = store.analyses()?;
            let (entities, events) = pipeline::resolve_analyses(&analyses);
            drop(analyses);
            store.replace_resolved(&entities, &events).context("writing resolved entities and events")?;
        }
    }
    store.end_background_checkpoints(checkpointer)?;
    let stats = store.stats()?;
    (sum.entities, sum.events) = (stats.entities, stats.events);
    Ok(sum)
}

pub fn ingest(paths: &[String], db: &Path) -> Result<i32> {
    // The store opens (a new one gets its schema) while the input is read.
    let (opened, (batch, pipeline)) = std::thread::scope(|scope| {
        let opening = scope.spawn(|| Store::open(db));
        let read = read_with_pipeline(paths);
        (opening.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), read)
    });
    report_diagnostics(&batch.diagnostics);
    let mut store = opened.with_context(|| format!("opening store {}", db.display()))?;
    let s = ingest_batch(batch, &mut store, &pipeline)?;
    // The process ends after this command: freeing the knowledge base's
    // many small allocations one by one would only delay the exit.
    std::mem::forget(pipeline);
    eprintln!(
        "{} document(s) read: {} added, {} replaced, {} already stored; {} error(s), {} warning(s). Store {} now holds {} documents, {} entities, {} events.",
        s.read,
        s.added,
        s.replaced,
        s.unchanged,
        s.errors,
        s.warnings,
        db.display(),
        store.document_count()?,
        s.entities,
        s.events
    );
    Ok(if s.errors > 0 { exit::PARTIAL } else { exit::OK })
}

/// Reads the inputs while the knowledge base and lexicons load on another
/// thread: both take tens of milliseconds, which is most of a small batch.
fn read_with_pipeline(paths: &[String]) -> (Batch, Pipeline) {
    std::thread::scope(|scope| {
        let loading = scope.spawn(Pipeline::new);
        let batch = attache_ingest::read_paths(paths);
        let pipeline = loading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (batch, pipeline)
    })
}

pub fn analyze(paths: &[String], format: &str) -> Result<i32> {
    let (batch, pipeline) = read_with_pipeline(paths);
    report_diagnostics(&batch.diagnostics);
    let errors = batch.errors();
    let corpus = pipeline.run(batch.documents);
    write_corpus(&corpus, format)?;
    Ok(if errors > 0 { exit::PARTIAL } else { exit::OK })
}

pub fn write_corpus(corpus: &Corpus, format: &str) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let f = attache_export::Format::parse(format).with_context(|| format!("unknown format {format:?}"))?;
    attache_export::write(corpus, f, &mut out).context("writing output")?;
    out.flush()?;
    Ok(())
}

pub fn export(db: &Path, format: &str) -> Result<i32> {
    let store = open_existing(db)?;
    let (docs, _): (Vec<Document>, Vec<_>) = store.documents()?.into_iter().unzip();
    let corpus = Corpus { documents: docs, entities: store.entities()?, events: store.events()? };
    write_corpus(&corpus, format)?;
    Ok(exit::OK)
}

pub fn open_existing(db: &Path) -> Result<Store> {
    if !db.exists() {
        anyhow::bail!("no store at {}: create one with `attache ingest PATH --db {}`", db.display(), db.display());
    }
    let store = Store::open_read_only(db).with_context(|| format!("opening store {}", db.display()))?;
    if store.is_uninitialised()? {
        // An ingest killed while creating the store leaves a file with no
        // schema. Nothing can be lost in it: create the schema so that it
        // reads as the empty store it is.
        drop(store);
        Store::open(db).with_context(|| format!("initialising empty store {}", db.display()))?;
        return Store::open_read_only(db).with_context(|| format!("opening store {}", db.display()));
    }
    Ok(store)
}

pub fn docs(db: &Path) -> Result<i32> {
    let store = open_existing(db)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:<44} {:<10} {:<18} {:>7} {:>6}  title", "id", "published", "source", "bytes", "events")?;
    for d in store.list_documents(usize::MAX >> 1, 0)? {
        writeln!(
            out,
            "{:<44} {:<10} {:<18} {:>7} {:>6}  {}",
            d.id,
            d.published.unwrap_or_default(),
            d.source.unwrap_or_default(),
            d.bytes,
            d.events,
            d.title.unwrap_or_default()
        )?;
    }
    Ok(exit::OK)
}

pub fn demo(serve: Option<&str>) -> Result<i32> {
    let batch = crate::demo::demo_batch();
    report_diagnostics(&batch.diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect::<Vec<_>>());
    if let Some(addr) = serve {
        let db = std::env::temp_dir().join("attache-demo.db");
        let _ = std::fs::remove_file(&db);
        let mut store = Store::open(&db)?;
        ingest_batch(batch, &mut store, &Pipeline::new())?;
        drop(store);
        return serve_db(&db, addr);
    }
    let corpus = Pipeline::new().run(batch.documents);
    print!("{}", render::demo_summary(&corpus));
    Ok(exit::OK)
}

pub fn serve_db(db: &Path, addr: &str) -> Result<i32> {
    // Runs until Ctrl-C; the server announces "Serving <db> at http://ADDR/" on
    // stderr once bound, with the real port when ADDR asks for port 0.
    attache_server::serve(db, addr)?;
    Ok(exit::OK)
}

/// Filters shared by `events` and `timeline`.
#[derive(Debug, Default, Clone)]
pub struct EventFilter {
    pub event_type: Option<String>,
    pub entity: Option<String>,
    pub country: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

pub fn filter_events(store: &Store, f: &EventFilter) -> Result<Vec<Event>> {
    let entities = store.entities()?;
    let wanted: Option<Vec<String>> = match &f.entity {
        Some(name) => {
            let found = store.find_entities(name)?;
            if found.is_empty() {
                return Ok(Vec::new());
            }
            // The best match and every entity sharing its exact name.
            Some(found.iter().filter(|e| e.name == found[0].name).map(|e| e.id.clone()).collect())
        }
        None => None,
    };
    let country_ids: Option<Vec<String>> = f.country.as_ref().map(|c| {
        entities.iter().filter(|e| e.country.as_deref().map(|x| x.eq_ignore_ascii_case(c)).unwrap_or(false)).map(|e| e.id.clone()).collect()
    });
    let from = f.from.as_deref().and_then(attache_model::PartialDate::parse).map(|d| d.interval().start);
    let to = f.to.as_deref().and_then(attache_model::PartialDate::parse).map(|d| d.interval().end);
    Ok(store
        .events()?
        .into_iter()
        .filter(|e| f.event_type.as_ref().map(|t| &e.event_type == t).unwrap_or(true))
        .filter(|e| {
            let involved = |ids: &Vec<String>| {
                e.participants.iter().any(|p| ids.contains(&p.entity)) || e.location.as_ref().map(|l| ids.contains(l)).unwrap_or(false)
            };
            wanted.as_ref().map(involved).unwrap_or(true) && country_ids.as_ref().map(involved).unwrap_or(true)
        })
        .filter(|e| match (from, to, e.date) {
            (None, None, _) => true,
            (_, _, None) => false,
            (f, t, Some(d)) => f.map(|f| d.end >= f).unwrap_or(true) && t.map(|t| d.start <= t).unwrap_or(true),
        })
        .collect())
}

pub fn events(db: &Path, f: &EventFilter, format: Option<&str>) -> Result<i32> {
    let store = open_existing(db)?;
    let evs = filter_events(&store, f)?;
    match format {
        Some("json") => {
            let v: Vec<_> = evs.iter().map(attache_export::event_json).collect();
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        _ => {
            let entities = store.entities()?;
            let names = Names::new(&entities);
            for e in &evs {
                println!("{}", render::event_line(e, &names));
            }
        }
    }
    Ok(exit::OK)
}

pub fn timeline(db: &Path, f: &EventFilter) -> Result<i32> {
    let store = open_existing(db)?;
    let evs = filter_events(&store, f)?;
    let entities = store.entities()?;
    print!("{}", render::timeline(&evs, &Names::new(&entities)));
    if evs.is_empty() {
        eprintln!("no events match");
    }
    Ok(exit::OK)
}

pub fn event(db: &Path, id: &str) -> Result<i32> {
    let store = open_existing(db)?;
    let id = if id.starts_with("evt:") { id.to_string() } else { format!("evt:{id}") };
    match store.event(&id)? {
        Some(e) => {
            let entities = store.entities()?;
            print!("{}", render::event_detail(&e, &Names::new(&entities)));
            Ok(exit::OK)
        }
        None => {
            eprintln!("no event {id}");
            Ok(exit::NOT_FOUND)
        }
    }
}

pub fn entity(db: &Path, name: &str) -> Result<i32> {
    let store = open_existing(db)?;
    let found = store.find_entities(name)?;
    if found.is_empty() {
        eprintln!("no entity matches {name:?}");
        return Ok(exit::NOT_FOUND);
    }
    let entities = store.entities()?;
    let names = Names::new(&entities);
    for e in found.iter().take(5) {
        println!("{}  {} ({}{})", e.id, e.name, e.entity_type.as_str(), e.country.as_ref().map(|c| format!(", {c}")).unwrap_or_default());
        if let Some(kb) = &e.kb_id {
            println!("  knowledge base: {kb}");
        }
        if !e.aliases.is_empty() {
            println!("  also written:   {}", e.aliases.join(", "));
        }
        for r in &e.roles {
            let when = match (&r.from, &r.to) {
                (Some(f), Some(t)) => format!(" ({f} – {t})"),
                (Some(f), None) => format!(" (since {f})"),
                (None, Some(t)) => format!(" (until {t})"),
                _ => String::new(),
            };
            let q = r.qualifier.as_ref().map(|q| format!("{q} ")).unwrap_or_default();
            let org = r.org.as_ref().map(|o| format!(", {o}")).unwrap_or_default();
            let c = r.country.as_ref().map(|c| format!(" [{c}]")).unwrap_or_default();
            println!("  role:           {q}{}{org}{c}{when}", r.title);
        }
        println!("  documents ({}): {}", e.docs.len(), e.docs.join(", "));
        let evs = store.events_of_entity(&e.id)?;
        if !evs.is_empty() {
            println!("  events ({}):", evs.len());
            for ev in evs.iter().take(50) {
                println!("    {}", render::event_line(ev, &names));
            }
        }
        println!();
    }
    Ok(exit::OK)
}

pub fn search(db: &Path, query: &str, limit: usize) -> Result<i32> {
    let store = open_existing(db)?;
    let hits = store.search(query, limit)?;
    for h in &hits {
        println!("{} [{}..{}] {}", h.doc, h.start, h.end, h.snippet);
    }
    Ok(if hits.is_empty() { exit::NOT_FOUND } else { exit::OK })
}

/// `attache time`: one JSON line per temporal expression.
pub fn time(paths: &[String]) -> Result<i32> {
    let batch = attache_ingest::read_paths(paths);
    report_diagnostics(&batch.diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect::<Vec<_>>());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for d in &batch.documents {
        for t in attache_time::tag(&d.text, d.published) {
            let v = serde_json::json!({
                "doc": d.id, "start": t.span.start, "end": t.span.end, "text": t.text,
                "value": t.value, "type": t.ty,
                "interval": t.interval.map(|i| { let (s, e) = i.iso(); serde_json::json!({"start": s, "end": e, "granularity": i.granularity}) }),
            });
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if batch.errors() > 0 { exit::PARTIAL } else { exit::OK })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_batch_and_end_small() {
        for n in [1, 15, 16, 17, 100, 982, 10_000, 100_000] {
            let full = chunk_size(n);
            let (mut left, mut sizes) = (n, Vec::new());
            while left > 0 {
                let c = next_chunk(left, full);
                assert!(c > 0 && c <= left);
                sizes.push(c);
                left -= c;
            }
            assert_eq!(sizes.iter().sum::<usize>(), n);
            assert!(sizes.iter().all(|&c| c <= full));
            assert!(*sizes.last().unwrap() <= MIN_TAIL_CHUNK.max(full / 4), "{n}: {sizes:?}");
        }
    }
}
