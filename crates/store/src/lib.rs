//! The embedded store: one SQLite file (WAL, FTS5) holding documents, their
//! per-document analyses, and the resolved entities and events.
//!
//! Invariants:
//! - a document is written with its sentences and analysis in the same
//!   transaction as the rest of its batch: a crash leaves whole documents only;
//! - documents are keyed by id and de-duplicated by content hash, so
//!   ingesting the same corpus twice adds nothing;
//! - the resolved tables (entities, events) are derived data: replaced as a
//!   whole from the analyses by [`Store::replace_resolved`], or updated with
//!   what new documents changed by [`Store::update_resolved`]. Writing
//!   documents marks the resolution stale in the same transaction, and only
//!   writing the resolution clears the mark, so a killed ingest is noticed
//!   and the next one resolves from the analyses.

mod schema;
pub mod search;

use attache_model::{DocAnalysis, Document, Entity, Event, LineKind, Sentence};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::Path;

pub use rusqlite::Error as SqlError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("corrupt record: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot start a thread: {0}")]
    Thread(#[from] std::io::Error),
    #[error("the store was written by a newer Attaché (schema {found}, this build knows {known})")]
    TooNew { found: i64, known: i64 },
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
}

/// 16384 pages of 4 KiB: checkpoint every 64 MiB of log.
const WAL_AUTOCHECKPOINT_PAGES: i64 = 16384;

/// What happened to one document offered to [`Store::put_documents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Added,
    /// Same id, new content: the old version was replaced.
    Replaced,
    /// Already stored with identical content.
    Unchanged,
}

/// A document ready to be written: every column the insert binds, already
/// serialised. Preparing is the CPU-heavy part of writing (JSON of the
/// analysis, slicing the sentences to index) and needs no connection, so
/// ingest prepares documents on its worker threads and the single SQLite
/// writer only binds and inserts.
#[derive(Debug, Clone)]
pub struct PreparedDocument {
    pub id: String,
    /// Content hash: a document stored with the same id and hash is unchanged.
    pub hash: String,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
    title: Option<String>,
    dateline_place: Option<String>,
    origin: String,
    text: String,
    doc_json: String,
    analysis_json: String,
    /// The sentences that go into the full-text index (narrative and
    /// headings: no search hit in boilerplate): byte span and search terms.
    indexed: Vec<(usize, usize, String)>,
}

impl PreparedDocument {
    /// Takes the document (its text moves into the row, nothing is copied);
    /// the sentences are read for their spans and kinds only.
    pub fn new(doc: Document, sentences: &[Sentence], analysis: &DocAnalysis, hash: String) -> Result<PreparedDocument> {
        let indexed = sentences
            .iter()
            .filter(|s| s.kind == LineKind::Narrative || s.kind == LineKind::Heading)
            .filter_map(|s| Some((s.span.start, s.span.end, search::sentence_terms(doc.text.get(s.span.start..s.span.end)?))))
            .collect();
        let doc_json = serde_json::to_string(&DocMeta::of(&doc))?;
        let analysis_json = serde_json::to_string(analysis)?;
        Ok(PreparedDocument {
            published: doc.published.map(|p| p.to_string()),
            dateline_place: doc.dateline.as_ref().map(|d| d.place.clone()),
            id: doc.id,
            hash,
            source: doc.source,
            url: doc.url,
            title: doc.title,
            origin: doc.origin,
            text: doc.text,
            doc_json,
            analysis_json,
            indexed,
        })
    }
}

/// Checkpoints the write-ahead log on a thread and connection of its own
/// while a bulk ingest writes (see [`Store::checkpoint_in_background`]).
/// A checkpoint copies pages into the database file and waits for the disk
/// (two `fsync`s, a few hundred milliseconds on a slow disk); done by the
/// writer itself, that wait stops the ingest.
pub struct Checkpointer {
    shared: std::sync::Arc<CheckpointState>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Default)]
struct CheckpointState {
    /// (checkpoints asked for, asks served, stop)
    counts: std::sync::Mutex<(u64, u64, bool)>,
    changed: std::sync::Condvar,
}

impl CheckpointState {
    fn update(&self, f: impl FnOnce(&mut (u64, u64, bool))) {
        let mut c = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut c);
        self.changed.notify_all();
    }

    fn wait_while(&self, blocked: impl Fn(&(u64, u64, bool)) -> bool) -> (u64, u64, bool) {
        let c = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        *self.changed.wait_while(c, |c| blocked(c)).unwrap_or_else(|p| p.into_inner())
    }
}

impl Checkpointer {
    /// A checkpointer that does nothing (a store in memory has no log).
    fn idle() -> Checkpointer {
        Checkpointer { shared: Default::default(), thread: None }
    }

    /// Asks for a checkpoint of what is committed so far (asks made while
    /// one runs are served by the next).
    pub fn nudge(&self) {
        if self.thread.is_some() {
            self.shared.update(|c| c.0 += 1);
        }
    }

    /// Waits until every checkpoint asked for so far has run.
    pub fn wait_idle(&self) {
        if self.thread.is_some() {
            let asked = self.shared.counts.lock().unwrap_or_else(|p| p.into_inner()).0;
            self.shared.wait_while(|c| c.1 < asked);
        }
    }

    /// Runs what was asked for and stops the thread.
    fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.shared.update(|c| c.2 = true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A row of the document listing.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DocSummary {
    pub id: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub bytes: usize,
    pub events: usize,
}

/// A sentence found by full-text search.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub snippet: String,
}

impl Store {
    /// Opens (creating if needed) a read-write store and migrates it.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::configure(conn)
    }

    /// Opens an existing store read-only (the server's default).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        match Self::open_read_only_once(path) {
            // An ingest killed while it turned a new file into a WAL store
            // leaves a rollback journal that a reader may not roll back.
            // Rolling it back loses nothing: it only holds the empty file's
            // first page. A read-write connection does it on its first read.
            Err(StoreError::Sql(rusqlite::Error::SqliteFailure(e, _))) if e.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK => {
                Connection::open(path)?.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
                Self::open_read_only_once(path)
            }
            other => other,
        }
    }

    fn open_read_only_once(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > schema::VERSION {
            return Err(StoreError::TooNew { found: version, known: schema::VERSION });
        }
        Ok(Store { conn })
    }

    /// Does the file hold no schema at all? That is an empty file, or a store
    /// whose first ingest was killed before its first migration committed.
    pub fn is_uninitialised(&self) -> Result<bool> {
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let objects: i64 = self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        Ok(version == 0 && objects == 0)
    }

    /// An in-memory store, for tests and `analyze`.
    pub fn in_memory() -> Result<Store> {
        Self::configure(Connection::open_in_memory()?)
    }

    fn configure(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // SQLite's default page cache is 2 MiB; a bulk ingest updates the
        // id and hash indexes and the full-text index at scattered pages,
        // which then leave the cache and are read and written again.
        conn.pragma_update(None, "cache_size", -65536)?;
        // Checkpoint the write-ahead log every 64 MiB rather than every 4 MiB:
        // each checkpoint syncs the database file, and a bulk ingest writes GiBs.
        conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn };
        schema::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// Moves write-ahead-log checkpoints off this connection until the
    /// returned [`Checkpointer`] is given to [`Store::end_background_checkpoints`] (or dropped): the writer calls
    /// [`Checkpointer::nudge`] after its commits, another connection
    /// checkpoints passively (never blocking the writer), and this
    /// connection's automatic checkpoints are off meanwhile. A store in
    /// memory has no log: the checkpointer then does nothing.
    pub fn checkpoint_in_background(&mut self) -> Result<Checkpointer> {
        let path = match self.conn.path() {
            Some(p) if !p.is_empty() => std::path::PathBuf::from(p),
            _ => return Ok(Checkpointer::idle()),
        };
        let other = Connection::open(&path)?;
        other.busy_timeout(std::time::Duration::from_secs(10))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let shared = std::sync::Arc::new(CheckpointState::default());
        let state = shared.clone();
        let thread = std::thread::Builder::new()
            .name("store-checkpointer".into())
            .spawn(move || loop {
                let (asked, served, stop) = state.wait_while(|c| c.0 == c.1 && !c.2);
                if asked == served && stop {
                    break;
                }
                // A failed checkpoint is left to the next one, or to the
                // writer's own when it closes.
                let _ = other.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                state.update(|c| c.1 = asked);
            })?;
        Ok(Checkpointer { shared, thread: Some(thread) })
    }

    /// A passive checkpoint on this connection, skipped (no error) when
    /// another checkpoint is running. The log starts over from its beginning
    /// only once a checkpoint has copied all of it, and a [`Checkpointer`]
    /// runs behind the writer: now and then the writer waits for it
    /// ([`Checkpointer::wait_idle`]) and calls this, which then has little
    /// left to copy, so that the log stays short.
    pub fn checkpoint_passive(&self) -> Result<()> {
        match self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            Ok(()) => Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseBusy => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Waits for the [`Checkpointer`]'s last checkpoint and turns this
    /// connection's automatic checkpoints back on.
    pub fn end_background_checkpoints(&mut self, checkpointer: Checkpointer) -> Result<()> {
        checkpointer.finish();
        self.conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
        Ok(())
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Is this exact document (same id, same content) already stored?
    pub fn has_document(&self, id: &str, hash: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM documents WHERE id = ?1 AND hash = ?2", params![id, hash], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Is a document with this content stored under any id?
    pub fn has_content(&self, hash: &str) -> Result<bool> {
        Ok(self.conn.query_row("SELECT 1 FROM documents WHERE hash = ?1", params![hash], |_| Ok(())).optional()?.is_some())
    }

    /// Writes a batch of prepared documents in one transaction.
    pub fn put_documents(&mut self, batch: &[PreparedDocument]) -> Result<Vec<PutOutcome>> {
        let tx = self.conn.transaction()?;
        let outcomes = Self::put_in(&tx, batch)?;
        if outcomes.iter().any(|o| *o != PutOutcome::Unchanged) {
            tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('resolution', 'stale')", [])?;
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// The documents of [`Store::put_documents`], with each statement
    /// prepared once for the batch.
    fn put_in(tx: &rusqlite::Transaction, batch: &[PreparedDocument]) -> Result<Vec<PutOutcome>> {
        let mut stored_hash = tx.prepare_cached("SELECT hash FROM documents WHERE id = ?1")?;
        let mut sentences = SentenceIndexer::new(tx)?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO documents (id, hash, published, source, url, title, dateline_place, origin, text, doc_json, analysis_json, ingested_at,
                                    sentences_from, sentences_to)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, datetime('now'), ?12, ?13)",
        )?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for doc in batch {
            let existing: Option<String> = stored_hash.query_row(params![doc.id], |r| r.get(0)).optional()?;
            let outcome = match existing {
                Some(h) if h == doc.hash => {
                    outcomes.push(PutOutcome::Unchanged);
                    continue;
                }
                Some(_) => {
                    Self::unindex_sentences(tx, &doc.id)?;
                    tx.execute("DELETE FROM documents WHERE id = ?1", params![doc.id])?;
                    PutOutcome::Replaced
                }
                None => PutOutcome::Added,
            };
            // Sentences first: the document row records the range of their ids.
            let mut ids: Option<(i64, i64)> = None;
            for (start, end, terms) in &doc.indexed {
                let id = sentences.add(&doc.id, *start, *end, terms)?;
                ids = Some((ids.map_or(id, |(first, _)| first), id + 1));
            }
            insert.execute(params![
                doc.id,
                doc.hash,
                doc.published,
                doc.source,
                doc.url,
                doc.title,
                doc.dateline_place,
                doc.origin,
                doc.text,
                doc.doc_json,
                doc.analysis_json,
                ids.map(|r| r.0),
                ids.map(|r| r.1),
            ])?;
            outcomes.push(outcome);
        }
        Ok(outcomes)
    }

    /// Takes a stored document's sentences out of `sentences` and the
    /// full-text index. The index keeps no content: each row is deleted
    /// with the terms it was inserted with, recomputed from the stored text.
    fn unindex_sentences(tx: &rusqlite::Transaction, doc_id: &str) -> Result<()> {
        let (text, from, to): (String, Option<i64>, Option<i64>) =
            tx.query_row("SELECT text, sentences_from, sentences_to FROM documents WHERE id = ?1", params![doc_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let (Some(from), Some(to)) = (from, to) else { return Ok(()) };
        let mut spans = tx.prepare("SELECT id, start, end FROM sentences WHERE id >= ?1 AND id < ?2")?;
        let mut delete = tx.prepare("INSERT INTO sentence_terms (sentence_terms, rowid, terms) VALUES ('delete', ?1, ?2)")?;
        let rows = spans.query_map(params![from, to], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as usize, r.get::<_, i64>(2)? as usize)))?;
        for row in rows {
            let (id, start, end) = row?;
            let terms = text.get(start..end).map(search::sentence_terms).unwrap_or_default();
            if !terms.is_empty() {
                delete.execute(params![id, terms])?;
            }
        }
        tx.execute("DELETE FROM sentences WHERE id >= ?1 AND id < ?2", params![from, to])?;
        Ok(())
    }

    /// Do the resolved tables lag behind the stored documents (an ingest
    /// stopped before writing them, or a store made by an older version)?
    pub fn resolution_is_stale(&self) -> Result<bool> {
        let v: Option<String> = self.conn.query_row("SELECT value FROM meta WHERE key = 'resolution'", [], |r| r.get(0)).optional()?;
        Ok(v.as_deref() == Some("stale"))
    }

    /// Every event in id order: the order the resolver created them in.
    pub fn events_by_id(&self) -> Result<Vec<Event>> {
        self.json_rows("SELECT json FROM events ORDER BY CAST(substr(id, 5) AS INTEGER)", [])
    }

    /// Writes the entities and events that new documents created or changed
    /// (`new_docs`: the ids of those documents), leaving the rest as stored.
    pub fn update_resolved(&mut self, entities: &[Entity], events: &[Event], new_docs: &std::collections::HashSet<&str>) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            Self::write_entities(&tx, entities, Some(new_docs))?;
            let mut del_part = tx.prepare("DELETE FROM event_participants WHERE event_id = ?1")?;
            let mut del_men = tx.prepare("DELETE FROM event_mentions WHERE event_id = ?1")?;
            let mut ev = tx.prepare(
                "INSERT INTO events (id, type, date_start, date_end, modality, location, sources, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(id) DO UPDATE SET type = excluded.type, date_start = excluded.date_start, date_end = excluded.date_end,
                     modality = excluded.modality, location = excluded.location, sources = excluded.sources, json = excluded.json",
            )?;
            for e in events {
                del_part.execute(params![e.id])?;
                del_men.execute(params![e.id])?;
                Self::insert_event(&tx, &mut ev, e)?;
            }
        }
        tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('resolution', 'current')", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Inserts or updates entities with their aliases and documents; with
    /// `new_docs`, only links to those documents are added (the others are stored).
    fn write_entities(tx: &rusqlite::Transaction, entities: &[Entity], new_docs: Option<&std::collections::HashSet<&str>>) -> Result<()> {
        let mut ent = tx.prepare(
            "INSERT INTO entities (id, name, type, kb_id, country, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, kb_id = excluded.kb_id,
                                           country = excluded.country, json = excluded.json",
        )?;
        let mut alias = tx.prepare("INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?1, ?2)")?;
        let mut edoc = tx.prepare("INSERT OR IGNORE INTO entity_docs (entity_id, doc_id) VALUES (?1, ?2)")?;
        for e in entities {
            ent.execute(params![e.id, e.name, e.entity_type.as_str(), e.kb_id, e.country, serde_json::to_string(e)?])?;
            alias.execute(params![e.id, e.name])?;
            for a in &e.aliases {
                alias.execute(params![e.id, a])?;
            }
            match new_docs {
                // Documents are appended in ingest order: the new ones are at the end.
                Some(new) => {
                    for d in e.docs.iter().rev().take_while(|d| new.contains(d.as_str())) {
                        edoc.execute(params![e.id, d])?;
                    }
                }
                None => {
                    for d in &e.docs {
                        edoc.execute(params![e.id, d])?;
                    }
                }
            }
        }
        Ok(())
    }

    fn insert_event(tx: &rusqlite::Transaction, ev: &mut rusqlite::Statement, e: &Event) -> Result<()> {
        ev.execute(params![
            e.id,
            e.event_type,
            e.date.map(|d| d.start.to_string()),
            e.date.map(|d| d.end.to_string()),
            e.modality.as_str(),
            e.location,
            e.docs().len() as i64,
            serde_json::to_string(e)?
        ])?;
        let mut part = tx.prepare_cached("INSERT OR IGNORE INTO event_participants (event_id, entity_id, role) VALUES (?1, ?2, ?3)")?;
        let mut men = tx.prepare_cached("INSERT INTO event_mentions (event_id, doc_id, start, end, modality) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for p in &e.participants {
            part.execute(params![e.id, p.entity, p.role.as_str()])?;
        }
        for r in &e.reports {
            men.execute(params![e.id, r.provenance.doc, r.provenance.span.start as i64, r.provenance.span.end as i64, r.modality.as_str()])?;
        }
        Ok(())
    }

    pub fn document_count(&self) -> Result<usize> {
        Ok(self.conn.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Every stored document with its analysis, in id order.
    pub fn documents(&self) -> Result<Vec<(Document, DocAnalysis)>> {
        let mut stmt = self.conn.prepare("SELECT text, doc_json, analysis_json FROM documents ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (text, meta, analysis) = row?;
            let meta: DocMeta = serde_json::from_str(&meta)?;
            out.push((meta.into_document(text), serde_json::from_str(&analysis)?));
        }
        Ok(out)
    }

    /// Every stored analysis, in id order, without the document texts:
    /// all that cross-document resolution needs.
    pub fn analyses(&self) -> Result<Vec<DocAnalysis>> {
        let mut stmt = self.conn.prepare("SELECT analysis_json FROM documents ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(serde_json::from_str(&row?)?);
        }
        Ok(out)
    }

    pub fn document(&self, id: &str) -> Result<Option<(Document, DocAnalysis)>> {
        let row = self
            .conn
            .query_row("SELECT text, doc_json, analysis_json FROM documents WHERE id = ?1", params![id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })
            .optional()?;
        match row {
            Some((text, meta, analysis)) => {
                let meta: DocMeta = serde_json::from_str(&meta)?;
                Ok(Some((meta.into_document(text), serde_json::from_str(&analysis)?)))
            }
            None => Ok(None),
        }
    }

    pub fn list_documents(&self, limit: usize, offset: usize) -> Result<Vec<DocSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.published, d.source, d.title, length(CAST(d.text AS BLOB)),
                    (SELECT count(DISTINCT event_id) FROM event_mentions m WHERE m.doc_id = d.id)
             FROM documents d ORDER BY d.published, d.id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], doc_summary_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Replaces the derived tables with a new resolution of the corpus.
    pub fn replace_resolved(&mut self, entities: &[Entity], events: &[Event]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for t in ["event_mentions", "event_participants", "events", "entity_docs", "entity_aliases", "entities"] {
            tx.execute(&format!("DELETE FROM {t}"), [])?;
        }
        {
            Self::write_entities(&tx, entities, None)?;
            let mut ev = tx.prepare(
                "INSERT INTO events (id, type, date_start, date_end, modality, location, sources, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for e in events {
                Self::insert_event(&tx, &mut ev, e)?;
            }
        }
        tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('resolution', 'current')", [])?;
        tx.commit()?;
        Ok(())
    }

    pub fn entities(&self) -> Result<Vec<Entity>> {
        self.json_rows("SELECT json FROM entities ORDER BY CAST(substr(id, 5) AS INTEGER)", [])
    }

    pub fn events(&self) -> Result<Vec<Event>> {
        self.json_rows("SELECT json FROM events ORDER BY date_start IS NULL, date_start, CAST(substr(id, 5) AS INTEGER)", [])
    }

    pub fn entity(&self, id: &str) -> Result<Option<Entity>> {
        Ok(self.json_rows("SELECT json FROM entities WHERE id = ?1", params![id])?.into_iter().next())
    }

    pub fn event(&self, id: &str) -> Result<Option<Event>> {
        Ok(self.json_rows("SELECT json FROM events WHERE id = ?1", params![id])?.into_iter().next())
    }

    /// Entities whose name or an alias contains `name` (case-insensitive),
    /// exact matches first.
    pub fn find_entities(&self, name: &str) -> Result<Vec<Entity>> {
        let like = format!("%{}%", name.replace('%', "\\%").replace('_', "\\_"));
        self.json_rows(
            "SELECT e.json FROM entities e WHERE e.id IN
               (SELECT entity_id FROM entity_aliases WHERE alias LIKE ?1 ESCAPE '\\')
             ORDER BY (lower(e.name) = lower(?2)) DESC,
                      (SELECT count(*) FROM entity_docs d WHERE d.entity_id = e.id) DESC
             LIMIT 50",
            params![like, name],
        )
    }

    /// Events with the given entity as participant or location.
    pub fn events_of_entity(&self, entity_id: &str) -> Result<Vec<Event>> {
        self.json_rows(
            "SELECT json FROM events WHERE id IN (SELECT event_id FROM event_participants WHERE entity_id = ?1) OR location = ?1
             ORDER BY date_start IS NULL, date_start",
            params![entity_id],
        )
    }

    /// Full-text search over narrative sentences: every word of the query
    /// is required (see [`search`]); matches in the snippet are in brackets.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        Ok(self.search_page(query, limit, 0, "[", "]")?.1)
    }

    /// Ids of events whose reports fall in sentences matching the query.
    pub fn search_event_ids(&self, query: &str) -> Result<Vec<String>> {
        let terms = search::query_terms(query);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT m.event_id FROM event_mentions m JOIN
               (SELECT s.doc_id, s.start, s.end FROM sentence_terms t JOIN sentences s ON s.id = t.rowid WHERE sentence_terms MATCH ?1) s
             ON m.doc_id = s.doc_id AND m.start < s.end AND s.start < m.end",
        )?;
        let rows = stmt.query_map(params![search::fts_query(&terms)], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn json_rows<T: serde::de::DeserializeOwned, P: rusqlite::Params>(&self, sql: &str, p: P) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(p, |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(serde_json::from_str(&r?)?);
        }
        Ok(out)
    }
}

/// Stores sentences' spans and indexes their search terms, with its
/// statements prepared once: a bulk ingest runs them for every sentence.
pub(crate) struct SentenceIndexer<'c> {
    span: rusqlite::CachedStatement<'c>,
    terms: rusqlite::CachedStatement<'c>,
}

impl<'c> SentenceIndexer<'c> {
    pub(crate) fn new(tx: &'c rusqlite::Transaction) -> rusqlite::Result<SentenceIndexer<'c>> {
        Ok(SentenceIndexer {
            span: tx.prepare_cached("INSERT INTO sentences (doc_id, start, end) VALUES (?1, ?2, ?3)")?,
            terms: tx.prepare_cached("INSERT INTO sentence_terms (rowid, terms) VALUES (?1, ?2)")?,
        })
    }

    /// One sentence (not indexed when `terms` is empty); returns its id,
    /// which is its row in the index.
    pub(crate) fn add(&mut self, doc_id: &str, start: usize, end: usize, terms: &str) -> rusqlite::Result<i64> {
        let id = self.span.insert(params![doc_id, start as i64, end as i64])?;
        if !terms.is_empty() {
            self.terms.execute(params![id, terms])?;
        }
        Ok(id)
    }
}

/// One row of the listing queries (id, published, source, title, bytes, events).
fn doc_summary_row(r: &rusqlite::Row) -> rusqlite::Result<DocSummary> {
    Ok(DocSummary {
        id: r.get(0)?,
        published: r.get(1)?,
        source: r.get(2)?,
        title: r.get(3)?,
        bytes: r.get::<_, i64>(4)? as usize,
        events: r.get::<_, i64>(5)? as usize,
    })
}

/// The document fields other than its text, stored as JSON.
#[derive(serde::Serialize, serde::Deserialize)]
struct DocMeta {
    id: String,
    source: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<attache_model::PartialDate>,
    dateline: Option<attache_model::Dateline>,
    origin: String,
    lines: Vec<attache_model::Line>,
}

impl DocMeta {
    fn of(d: &Document) -> DocMeta {
        DocMeta {
            id: d.id.clone(),
            source: d.source.clone(),
            url: d.url.clone(),
            title: d.title.clone(),
            published: d.published,
            dateline: d.dateline.clone(),
            origin: d.origin.clone(),
            lines: d.lines.clone(),
        }
    }
    fn into_document(self, text: String) -> Document {
        Document {
            id: self.id,
            source: self.source,
            url: self.url,
            title: self.title,
            published: self.published,
            dateline: self.dateline,
            origin: self.origin,
            text,
            lines: self.lines,
        }
    }
}

/// Filters for [`Store::query_events`]. Every field narrows the result; all
/// values travel as SQL parameters, never as SQL text.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub event_type: Option<String>,
    /// Events with one of these entities as participant or location.
    pub entities: Option<Vec<String>>,
    /// Events with a participant or location of this country (ISO alpha-3, any case).
    pub country: Option<String>,
    /// Events ending on or after this day ("YYYY-MM-DD"); undated events are left out.
    pub from: Option<String>,
    /// Events starting on or before this day ("YYYY-MM-DD"); undated events are left out.
    pub to: Option<String>,
    pub modality: Option<String>,
    /// Only these event ids (e.g. the result of [`Store::search_event_ids`]).
    pub ids: Option<Vec<String>>,
}

/// Counts over the whole store, for the server's `/api/stats`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoreStats {
    pub documents: usize,
    pub sentences: usize,
    pub entities: usize,
    pub events: usize,
    pub event_mentions: usize,
    pub entities_by_type: Vec<(String, usize)>,
    pub events_by_type: Vec<(String, usize)>,
    pub events_by_modality: Vec<(String, usize)>,
    pub first_event: Option<String>,
    pub last_event: Option<String>,
}

// Read-side queries for the HTTP server: paginated, filtered in SQL so a
// request never has to load the whole corpus.
impl Store {
    /// One page of the events matching `q`, in date order, with the total count.
    pub fn query_events(&self, q: &EventQuery, limit: usize, offset: usize) -> Result<(usize, Vec<Event>)> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(t) = &q.event_type {
            clauses.push("type = ?");
            args.push(Box::new(t.clone()));
        }
        if let Some(m) = &q.modality {
            clauses.push("modality = ?");
            args.push(Box::new(m.clone()));
        }
        if let Some(ids) = &q.entities {
            // A JSON array parameter expanded by json_each keeps the SQL fixed whatever the list length.
            clauses.push(
                "(id IN (SELECT event_id FROM event_participants WHERE entity_id IN (SELECT value FROM json_each(?)))
                  OR location IN (SELECT value FROM json_each(?)))",
            );
            let j = serde_json::to_string(ids)?;
            args.push(Box::new(j.clone()));
            args.push(Box::new(j));
        }
        if let Some(c) = &q.country {
            clauses.push(
                "(id IN (SELECT p.event_id FROM event_participants p JOIN entities n ON n.id = p.entity_id WHERE n.country = ? COLLATE NOCASE)
                  OR location IN (SELECT id FROM entities WHERE country = ? COLLATE NOCASE))",
            );
            args.push(Box::new(c.clone()));
            args.push(Box::new(c.clone()));
        }
        if let Some(f) = &q.from {
            clauses.push("date_end IS NOT NULL AND date_end >= ?");
            args.push(Box::new(f.clone()));
        }
        if let Some(t) = &q.to {
            clauses.push("date_start IS NOT NULL AND date_start <= ?");
            args.push(Box::new(t.clone()));
        }
        if let Some(ids) = &q.ids {
            clauses.push("id IN (SELECT value FROM json_each(?))");
            args.push(Box::new(serde_json::to_string(ids)?));
        }
        let filter = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
        let params = rusqlite::params_from_iter(args.iter().map(|a| a.as_ref()));
        let total: i64 = self.conn.query_row(&format!("SELECT count(*) FROM events {filter}"), params, |r| r.get(0))?;
        let mut page_args: Vec<&dyn rusqlite::ToSql> = args.iter().map(|a| a.as_ref()).collect();
        let (limit, offset) = (limit as i64, offset as i64);
        page_args.push(&limit);
        page_args.push(&offset);
        let rows = self.json_rows(
            &format!(
                "SELECT json FROM events {filter}
                 ORDER BY date_start IS NULL, date_start, CAST(substr(id, 5) AS INTEGER) LIMIT ? OFFSET ?"
            ),
            rusqlite::params_from_iter(page_args),
        )?;
        Ok((total as usize, rows))
    }

    /// One page of entities, optionally of one type and whose name or an
    /// alias contains `name` (case-insensitive), most documented first.
    pub fn query_entities(&self, name: Option<&str>, entity_type: Option<&str>, limit: usize, offset: usize) -> Result<(usize, Vec<Entity>)> {
        let like = name.map(|n| format!("%{}%", n.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
        let filter = "WHERE (?1 IS NULL OR e.id IN (SELECT entity_id FROM entity_aliases WHERE alias LIKE ?1 ESCAPE '\\'))
                        AND (?2 IS NULL OR e.type = ?2)";
        let total: i64 =
            self.conn.query_row(&format!("SELECT count(*) FROM entities e {filter}"), params![like, entity_type], |r| r.get(0))?;
        let rows = self.json_rows(
            &format!(
                "SELECT e.json FROM entities e {filter}
                 ORDER BY (SELECT count(*) FROM entity_docs d WHERE d.entity_id = e.id) DESC, e.name, e.id LIMIT ?3 OFFSET ?4"
            ),
            params![like, entity_type, limit as i64, offset as i64],
        )?;
        Ok((total as usize, rows))
    }

    /// The entities with these ids (unknown ids are skipped).
    pub fn entities_by_ids(&self, ids: &[String]) -> Result<Vec<Entity>> {
        self.json_rows("SELECT json FROM entities WHERE id IN (SELECT value FROM json_each(?1))", params![serde_json::to_string(ids)?])
    }

    /// The resolved entities that occur in a document.
    pub fn entities_in_document(&self, doc_id: &str) -> Result<Vec<Entity>> {
        self.json_rows("SELECT e.json FROM entities e JOIN entity_docs d ON d.entity_id = e.id WHERE d.doc_id = ?1 ORDER BY e.id", params![doc_id])
    }

    /// The resolved events reported (at least once) in a document.
    pub fn events_in_document(&self, doc_id: &str) -> Result<Vec<Event>> {
        self.json_rows(
            "SELECT json FROM events WHERE id IN (SELECT event_id FROM event_mentions WHERE doc_id = ?1)
             ORDER BY date_start IS NULL, date_start",
            params![doc_id],
        )
    }

    /// Listing rows of the documents with these ids, in date order.
    pub fn document_summaries(&self, ids: &[String]) -> Result<Vec<DocSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.published, d.source, d.title, length(CAST(d.text AS BLOB)),
                    (SELECT count(DISTINCT event_id) FROM event_mentions m WHERE m.doc_id = d.id)
             FROM documents d WHERE d.id IN (SELECT value FROM json_each(?1)) ORDER BY d.published, d.id",
        )?;
        let rows = stmt.query_map(params![serde_json::to_string(ids)?], doc_summary_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Pairs of entities taking part in the same events, with the number of
    /// events they share (each pair once, `a < b`), heaviest first.
    pub fn co_participation(&self, min_weight: usize, limit: usize) -> Result<Vec<(String, String, usize)>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.entity_id, b.entity_id, count(DISTINCT a.event_id) AS w
             FROM event_participants a JOIN event_participants b ON a.event_id = b.event_id AND a.entity_id < b.entity_id
             GROUP BY a.entity_id, b.entity_id HAVING w >= ?1 ORDER BY w DESC, a.entity_id, b.entity_id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![min_weight as i64, limit as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)? as usize))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Full-text search with a total count and an offset; matched words in the
    /// snippet are wrapped in `open`/`close` so callers can mark them safely.
    /// Hits come newest document first, then in the order of the text.
    pub fn search_page(&self, query: &str, limit: usize, offset: usize, open: &str, close: &str) -> Result<(usize, Vec<SearchHit>)> {
        let terms = search::query_terms(query);
        if terms.is_empty() {
            return Ok((0, Vec::new()));
        }
        let q = search::fts_query(&terms);
        let total: i64 = self.conn.query_row("SELECT count(*) FROM sentence_terms WHERE sentence_terms MATCH ?1", params![q], |r| r.get(0))?;
        // Spans are byte offsets: the sentence is cut from the text as bytes.
        let mut stmt = self.conn.prepare(
            "SELECT s.doc_id, s.start, s.end, substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start)
             FROM sentence_terms t JOIN sentences s ON s.id = t.rowid JOIN documents d ON d.id = s.doc_id
             WHERE sentence_terms MATCH ?1
             ORDER BY d.published IS NULL, d.published DESC, s.id LIMIT ?2 OFFSET ?3",
        )?;
        let rows = stmt.query_map(params![q, limit as i64, offset as i64], |r| {
            let sentence: Vec<u8> = r.get(3)?;
            Ok(SearchHit {
                doc: r.get(0)?,
                start: r.get::<_, i64>(1)? as usize,
                end: r.get::<_, i64>(2)? as usize,
                snippet: search::snippet(&String::from_utf8_lossy(&sentence), &terms, open, close, 32),
            })
        })?;
        Ok((total as usize, rows.collect::<std::result::Result<_, _>>()?))
    }

    pub fn stats(&self) -> Result<StoreStats> {
        let count = |sql: &str| -> Result<usize> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize) };
        let groups = |sql: &str| -> Result<Vec<(String, usize)>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize)))?;
            Ok(rows.collect::<std::result::Result<_, _>>()?)
        };
        let (first_event, last_event) =
            self.conn.query_row("SELECT min(date_start), max(date_end) FROM events", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(StoreStats {
            documents: count("SELECT count(*) FROM documents")?,
            sentences: count("SELECT count(*) FROM sentences")?,
            entities: count("SELECT count(*) FROM entities")?,
            events: count("SELECT count(*) FROM events")?,
            event_mentions: count("SELECT count(*) FROM event_mentions")?,
            entities_by_type: groups("SELECT type, count(*) FROM entities GROUP BY type ORDER BY count(*) DESC, type")?,
            events_by_type: groups("SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC, type")?,
            events_by_modality: groups("SELECT modality, count(*) FROM events GROUP BY modality ORDER BY count(*) DESC, modality")?,
            first_event,
            last_event,
        })
    }
}

#[cfg(test)]
mod tests;
