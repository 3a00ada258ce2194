use super::*;
use attache_model::{DocAnalysis, Document, Line, LineKind, Sentence, Span};

fn doc(id: &str, text: &str) -> PreparedDocument {
    let d = Document {
        id: id.into(),
        text: text.into(),
        origin: "test".into(),
        lines: vec![Line { span: Span::new(0, text.len()), kind: LineKind::Narrative }],
        ..Document::default()
    };
    let s = vec![Sentence { span: Span::new(0, text.len()), tokens: vec![], kind: LineKind::Narrative }];
    let a = DocAnalysis { doc_id: id.into(), ..DocAnalysis::default() };
    let h = format!("{:x}", text.len() * 7919 + text.bytes().map(|b| b as usize).sum::<usize>());
    PreparedDocument::new(d, &s, &a, h).unwrap()
}

#[test]
fn reingest_adds_nothing_and_changed_text_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut st = Store::open(&path).unwrap();
    let batch = vec![doc("a", "Lavrov arrived in Havana."), doc("b", "Talks were held in Caracas.")];
    assert_eq!(st.put_documents(&batch).unwrap(), vec![PutOutcome::Added, PutOutcome::Added]);
    assert_eq!(st.put_documents(&batch).unwrap(), vec![PutOutcome::Unchanged, PutOutcome::Unchanged]);
    assert_eq!(st.document_count().unwrap(), 2);
    let changed = vec![doc("a", "Lavrov arrived in Havana on Monday.")];
    assert_eq!(st.put_documents(&changed).unwrap(), vec![PutOutcome::Replaced]);
    assert_eq!(st.document_count().unwrap(), 2);
    drop(st);
    // Reopening runs no migration twice and keeps the data.
    let st = Store::open(&path).unwrap();
    assert_eq!(st.document_count().unwrap(), 2);
    let hits = st.search("havana monday", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc, "a");
}

#[test]
fn search_input_cannot_break_the_query() {
    let mut st = Store::in_memory().unwrap();
    st.put_documents(&[doc("a", "The minister said \"no\".")]).unwrap();
    for q in ["\"", "AND OR NOT", "*", "minister)", "(", "NEAR(", ""] {
        st.search(q, 5).unwrap();
    }
}

#[test]
fn read_only_store_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    Store::open(&path).unwrap().put_documents(&[doc("a", "Text.")]).unwrap();
    let mut ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.document_count().unwrap(), 1);
    assert!(ro.put_documents(&[doc("b", "More.")]).is_err());
}

#[test]
fn a_replaced_document_leaves_the_search_index() {
    let mut st = Store::in_memory().unwrap();
    st.put_documents(&[doc("a", "Lavrov arrived in Havana."), doc("b", "Lavrov left Caracas.")]).unwrap();
    assert_eq!(st.search("havana", 10).unwrap().len(), 1);
    assert_eq!(st.put_documents(&[doc("a", "Lavrov arrived in Managua.")]).unwrap(), vec![PutOutcome::Replaced]);
    assert!(st.search("havana", 10).unwrap().is_empty(), "the old text is no longer found");
    let hits = st.search("lavrov managua", 10).unwrap();
    assert_eq!((hits.len(), hits[0].snippet.as_str()), (1, "[Lavrov] arrived in [Managua]."));
    assert_eq!(st.search("lavrov", 10).unwrap().len(), 2);
    st.connection().execute("INSERT INTO sentence_terms (sentence_terms) VALUES ('integrity-check')", []).unwrap();
}

#[test]
fn search_folds_accents_and_ignores_function_words() {
    let mut st = Store::in_memory().unwrap();
    st.put_documents(&[doc("a", "Díaz-Canel received the Russian delegation.")]).unwrap();
    assert_eq!(st.search("diaz canel", 10).unwrap().len(), 1);
    assert_eq!(st.search("DÍAZ-CANEL the delegation", 10).unwrap()[0].snippet, "[Díaz]-[Canel] received the Russian [delegation].");
    assert!(st.search("the", 10).unwrap().is_empty(), "a query of function words finds nothing");
    assert!(st.search("canel moscow", 10).unwrap().is_empty(), "every word is required");
}

#[test]
fn a_version_3_index_is_carried_into_the_new_one() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    schema::migrate_to(&mut conn, 3).unwrap();
    conn.execute_batch(
        "INSERT INTO documents (id, hash, origin, text, doc_json, analysis_json, ingested_at)
           VALUES ('a', 'h', 'test', 'Intro. Lavrov arrived in Havana.', '{}', '{}', '2026-01-01');
         INSERT INTO sentences_fts (text, doc_id, start, end) VALUES ('Lavrov arrived in Havana.', 'a', 7, 32);",
    )
    .unwrap();
    schema::migrate(&mut conn).unwrap();
    let mut st = Store { conn };
    let hits = st.search("havana", 10).unwrap();
    assert_eq!((hits.len(), hits[0].start, hits[0].end), (1, 7, 32));
    assert_eq!(hits[0].snippet, "Lavrov arrived in [Havana].");
    assert_eq!(st.stats().unwrap().sentences, 1);
    // A carried document can still be replaced: its sentences leave the index.
    assert_eq!(st.put_documents(&[doc("a", "Lavrov arrived in Managua.")]).unwrap(), vec![PutOutcome::Replaced]);
    assert!(st.search("havana", 10).unwrap().is_empty());
    assert_eq!(st.stats().unwrap().sentences, 1);
}

#[test]
fn a_hot_journal_left_by_a_killed_ingest_does_not_stop_readers() {
    // What a kill leaves while a new file is being made a WAL store: the
    // file and a rollback journal. Made here by copying both mid-transaction.
    let dir = tempfile::tempdir().unwrap();
    let (live, left) = (dir.path().join("live.db"), dir.path().join("left.db"));
    let conn = rusqlite::Connection::open(&live).unwrap();
    conn.execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    conn.execute_batch("PRAGMA cache_size = 1; BEGIN; INSERT INTO t SELECT randomblob(5000) FROM (SELECT 1 UNION SELECT 2 UNION SELECT 3);").unwrap();
    std::fs::copy(&live, &left).unwrap();
    std::fs::copy(dir.path().join("live.db-journal"), dir.path().join("left.db-journal")).unwrap();
    conn.execute_batch("ROLLBACK").unwrap();
    assert!(Store::open_read_only_once(&left).is_err(), "a plain read-only open fails on the hot journal");
    let st = Store::open_read_only(&left).expect("the journal is rolled back and the store opens");
    assert_eq!(st.connection().query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
}
