//! Versioned schema migrations. `PRAGMA user_version` records the version;
//! each step runs once, in order, inside a transaction.

use rusqlite::Connection;

pub const VERSION: i64 = 4;

const MIGRATIONS: &[&str] = &[
    // 1: documents with their analyses, full-text index, resolved entities and events.
    r#"
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        published TEXT,
        source TEXT,
        url TEXT,
        title TEXT,
        dateline_place TEXT,
        origin TEXT NOT NULL,
        text TEXT NOT NULL,
        doc_json TEXT NOT NULL,
        analysis_json TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_hash ON documents(hash);
    CREATE INDEX documents_published ON documents(published);
    CREATE VIRTUAL TABLE sentences_fts USING fts5(text, doc_id UNINDEXED, start UNINDEXED, end UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        kb_id TEXT,
        country TEXT,
        json TEXT NOT NULL
    );
    CREATE TABLE entity_aliases (entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE, alias TEXT NOT NULL, PRIMARY KEY (entity_id, alias));
    CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);
    CREATE TABLE entity_docs (entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE, doc_id TEXT NOT NULL, PRIMARY KEY (entity_id, doc_id));
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        modality TEXT NOT NULL,
        location TEXT,
        sources INTEGER NOT NULL,
        json TEXT NOT NULL
    );
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_date ON events(date_start);
    CREATE TABLE event_participants (event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, entity_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (event_id, entity_id));
    CREATE INDEX event_participants_entity ON event_participants(entity_id);
    CREATE TABLE event_mentions (event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, doc_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, modality TEXT NOT NULL);
    CREATE INDEX event_mentions_doc ON event_mentions(doc_id);
    CREATE INDEX event_mentions_event ON event_mentions(event_id);
    "#,
    // 2: bookkeeping for incremental resolution ('resolution' = 'stale' while
    // stored documents are not yet reflected in the resolved tables).
    r#"
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta (key, value) VALUES ('resolution', 'stale');
    "#,
    // 3: merge full-text segments less eagerly (16 per level instead of 4):
    // bulk ingest spends less time rewriting the index, searches read a few
    // more segments.
    r#"
    INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('automerge', 16);
    "#,
    // 4: the full-text index takes search terms computed by Attaché
    // (`crate::search`): no stored copy of the text, no token positions.
    // `sentences` keeps each indexed sentence's span; its id is the index's
    // rowid. A document's sentences have consecutive ids, and the document
    // row keeps their range (`sentences_from`..`sentences_to`): an index on
    // `sentences.doc_id` would be updated at scattered pages by every
    // document, a cost that grows with the store. With no content, a row is
    // deleted by giving its terms again (`Store::put_documents` recomputes
    // them from the stored text), so a change to `search::sentence_terms`
    // needs a migration that rebuilds the index. The old index's sentences
    // are carried over by `carry_sentences`.
    r#"
    CREATE TABLE sentences (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL);
    ALTER TABLE documents ADD COLUMN sentences_from INTEGER;
    ALTER TABLE documents ADD COLUMN sentences_to INTEGER;
    CREATE VIRTUAL TABLE sentence_terms USING fts5(terms, content = '', detail = none, columnsize = 0, tokenize = 'ascii');
    INSERT INTO sentence_terms (sentence_terms, rank) VALUES ('automerge', 16);
    "#,
];

/// Steps a migration cannot express in SQL, run after that migration's SQL
/// in the same transaction: (migration number, step).
const RUST_STEPS: &[(usize, RustStep)] = &[(4, carry_sentences)];

type RustStep = fn(&rusqlite::Transaction) -> rusqlite::Result<()>;

/// Moves the sentences of the version-3 index (text and span) into
/// `sentences` and `sentence_terms`, then drops the old index.
fn carry_sentences(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    {
        let mut old = tx.prepare("SELECT doc_id, start, end, text FROM sentences_fts ORDER BY rowid")?;
        let mut rows = old.query([])?;
        let mut sentences = crate::SentenceIndexer::new(tx)?;
        while let Some(r) = rows.next()? {
            let terms = crate::search::sentence_terms(&r.get::<_, String>(3)?);
            sentences.add(&r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize, r.get::<_, i64>(2)? as usize, &terms)?;
        }
    }
    // Each document's old rows were inserted together, so its new ids are consecutive.
    tx.execute_batch(
        "CREATE INDEX carried_sentences ON sentences(doc_id);
         UPDATE documents SET sentences_from = (SELECT min(id) FROM sentences WHERE doc_id = documents.id),
                              sentences_to = (SELECT max(id) + 1 FROM sentences WHERE doc_id = documents.id);
         DROP INDEX carried_sentences;
         DROP TABLE sentences_fts;",
    )
}

pub fn migrate(conn: &mut Connection) -> Result<(), crate::StoreError> {
    migrate_to(conn, VERSION)
}

/// Migrates up to `target` (tests build stores of older versions with it).
pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), crate::StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > VERSION {
        return Err(crate::StoreError::TooNew { found: current, known: VERSION });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        for (_, step) in RUST_STEPS.iter().filter(|(n, _)| *n == i + 1) {
            step(&tx)?;
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
