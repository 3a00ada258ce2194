//! Property tests: `tag` never panics, and its spans are always sound.

use attache_model::PartialDate;
use attache_time::tag;
use proptest::prelude::*;

/// Checks the invariants of a result: spans on char boundaries within the
/// text, `text` equal to the spanned slice, sorted and non-overlapping.
fn check_spans(text: &str, dct: Option<PartialDate>) {
    let v = tag(text, dct);
    let mut last_end = 0;
    for t in &v {
        assert!(t.span.start < t.span.end && t.span.end <= text.len(), "span {:?} in {} bytes", t.span, text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert_eq!(&text[t.span.start..t.span.end], t.text);
        assert!(t.span.start >= last_end, "overlap or disorder at {:?}", t.span);
        last_end = t.span.end;
        if let Some(iv) = t.interval {
            assert!(iv.start <= iv.end);
        }
    }
}

/// Words that trigger the patterns, so that random sentences exercise them.
const VOCAB: &[&str] = &[
    "the", "last", "next", "this", "early", "late", "mid", "-", "of", "in", "on", "since", "Monday", "Friday",
    "morning", "June", "May", "Dec", ".", ",", "11th", "22", "2013", "1990s", "'", "90s", "20th", "century", "third",
    "quarter", "half", "year", "years", "week", "weekend", "day", "days", "ago", "later", "earlier", "before", "a",
    "two", "twenty", "one", "and", "every", "spring", "summer", "10", "a.m.", "15:00", "GMT", "yesterday", "now",
    "past", "few", "end", "the end", "12/03/2013", "2024-02-27", "é", "—", "\0", "fiscal", "once", "twice", "old",
    "Q3", "5pm", "noon", "recent", "that", "following", "same", "to", "than", "58",
];

fn dct_strategy() -> impl Strategy<Value = Option<PartialDate>> {
    prop_oneof![
        Just(None),
        (1i32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Some(PartialDate::ymd(y, m, d))),
        (1i32..=9999, 1u32..=12).prop_map(|(y, m)| Some(PartialDate { year: y, month: Some(m), day: None })),
        (1i32..=9999).prop_map(|y| Some(PartialDate { year: y, month: None, day: None })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn never_panics_on_arbitrary_strings(s in any::<String>(), dct in dct_strategy()) {
        check_spans(&s, dct);
    }

    #[test]
    fn never_panics_on_temporal_word_soup(
        words in prop::collection::vec(prop::sample::select(VOCAB), 0..40),
        glue in prop::collection::vec(prop::sample::select(&[" ", "", "  ", "\n"][..]), 40),
        dct in dct_strategy(),
    ) {
        let mut s = String::new();
        for (w, g) in words.iter().zip(glue.iter()) {
            s.push_str(w);
            s.push_str(g);
        }
        check_spans(&s, dct);
    }
}
