use super::*;
use attache_model::{DocAnalysis, Document, Line, LineKind, Sentence, Span};

fn doc(id: &str, text: &str) -> (Document, Vec<Sentence>, DocAnalysis, String) {
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
    (d, s, a, h)
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
