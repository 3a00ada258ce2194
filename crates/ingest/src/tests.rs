use super::*;
use attache_model::LineKind;

fn doc(text: &str, published: Option<&str>) -> Document {
    let meta = Meta { id: "t".into(), published: published.map(String::from), ..Meta::default() };
    build_document(text.to_string(), meta, "test".into()).0
}

#[test]
fn datelines_in_agency_styles() {
    let cases = [
        ("HAVANA, Dec. 11th (EFE) The minister met his host.", "Havana", Some("EFE"), Some("2018-12-11")),
        ("Moscow, 22 November 2022 (TDI): Both sides talked.", "Moscow", Some("TDI"), Some("2022-11-22")),
        ("HAVANA, July 1. /TASS/. The president received a guest.", "Havana", Some("TASS"), Some("2018-07-01")),
        ("BEIJING, Nov. 25 (Xinhua) -- Talks opened.", "Beijing", Some("Xinhua"), Some("2018-11-25")),
        ("CARACAS (Reuters) - Officials said.", "Caracas", Some("Reuters"), None),
    ];
    for (text, place, agency, day) in cases {
        let d = doc(text, Some("2018-12-11"));
        let dl = d.dateline.clone().unwrap_or_else(|| panic!("no dateline in {text:?}"));
        assert_eq!(dl.place, place);
        assert_eq!(dl.agency.as_deref(), agency);
        assert_eq!(dl.date.map(|d| d.to_string()).as_deref(), day, "{text}");
        assert_eq!(d.source.as_deref(), agency);
        // The sentence after the dateline stays narrative.
        assert!(d.is_factual(dl.span.end + 1));
    }
}

#[test]
fn a_sentence_is_not_a_dateline() {
    let d = doc("Cuban President Miguel Diaz-Canel, who spoke to reporters (in Spanish), said so.", Some("2020-01-01"));
    assert!(d.dateline.is_none());
}

#[test]
fn datelines_have_bounded_parts() {
    // Four words of place, a date of up to 30 characters and an agency of up
    // to 31 make a dateline; one more of any is an ordinary sentence.
    let ok = doc("SAN JOSE DE OCOA, Dec. 11 (Agencia Dominicana de Noticias) Talks began.", Some("2018-12-11"));
    assert_eq!(ok.dateline.map(|d| d.place).as_deref(), Some("San Jose De Ocoa"));
    for text in [
        "Cuban President Miguel Diaz-Canel Bermudez (Granma) spoke.",
        "HAVANA, Monday Tuesday Wednesday Thursday Dec. 11 (EFE) Talks began.",
        "HAVANA, Dec. 11 (The Agency Of Long And Carefully Chosen Names) Talks began.",
    ] {
        assert!(doc(text, Some("2018-12-11")).dateline.is_none(), "{text}");
    }
}

#[test]
fn date_prefix_line_gives_the_publication_date() {
    let d = doc(" date 2024-02-27 During the visit the two leaders talked.", None);
    assert_eq!(d.published.unwrap().to_string(), "2024-02-27");
    let first = d.lines.iter().find(|l| l.kind == LineKind::Narrative).unwrap();
    assert!(first.span.slice(&d.text).starts_with("During"));
}

#[test]
fn boilerplate_lines_are_marked() {
    let text = "Leaders meet in Minsk\n\nThe two presidents met on Monday.\n\nAlso read: Chile, Peru to deepen trade ties\nShare this article\nBy Jane Doe\nThe delegation left on Tuesday.\n";
    let d = doc(text, Some("2023-03-01"));
    let kind_of = |needle: &str| d.line_kind(d.text.find(needle).unwrap());
    assert_eq!(kind_of("Leaders meet"), LineKind::Heading);
    assert_eq!(kind_of("The two presidents"), LineKind::Narrative);
    assert_eq!(kind_of("Also read"), LineKind::Boilerplate);
    assert_eq!(kind_of("Share this"), LineKind::Boilerplate);
    assert_eq!(kind_of("By Jane"), LineKind::Boilerplate);
    assert_eq!(kind_of("The delegation"), LineKind::Narrative);
    assert_eq!(d.title.as_deref(), Some("Leaders meet in Minsk"));
}

#[test]
fn front_matter_is_read() {
    let (body, meta) = front_matter("---\ndate: 2024-05-14\nsource: Wire\ntitle: \"A title\"\n---\nBody text.\n", Meta::default());
    assert_eq!(body, "Body text.\n");
    assert_eq!(meta.published.as_deref(), Some("2024-05-14"));
    assert_eq!(meta.source.as_deref(), Some("Wire"));
    assert_eq!(meta.title.as_deref(), Some("A title"));
}

#[test]
fn jsonl_errors_name_the_line_and_the_rest_is_read() {
    let input = b"{\"id\":\"a\",\"published\":\"2023-07\",\"text\":\"One.\"}\nnot json\n[1,2]\n{\"id\":\"b\",\"text\":5}\n{\"id\":\"c\",\"published\":\"2023-02-30\",\"text\":\"Three.\"}\n";
    let mut batch = Batch::default();
    read_jsonl(input, "x.jsonl", &mut batch);
    assert_eq!(batch.documents.len(), 2);
    let errs: Vec<_> = batch.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.origin.clone()).collect();
    assert_eq!(errs, vec!["x.jsonl:2", "x.jsonl:3", "x.jsonl:4"]);
    assert!(batch.diagnostics.iter().any(|d| d.origin == "x.jsonl:5" && d.message.contains("not a valid date")));
    assert_eq!(batch.documents[0].published.unwrap().to_string(), "2023-07");
}

#[test]
fn bad_files_are_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("bin.txt"), b"abc\0\x01\x02").unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9 in Havana").unwrap();
    std::fs::write(dir.path().join("good.txt"), "The minister arrived in Havana.").unwrap();
    let batch = read_paths(&[dir.path()]);
    assert_eq!(batch.documents.len(), 1);
    assert_eq!(batch.errors(), 3);
    for d in batch.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        assert!(d.origin.contains(".txt"), "{d}");
    }
}

#[test]
fn html_main_text_and_meta() {
    let html = r#"<html><head><meta property="article:published_time" content="2024-03-02T09:00:00Z">
<meta property="og:title" content="Talks in Hanoi"><meta property="og:site_name" content="Example Wire"></head>
<body><nav><a>Home</a><a>World</a></nav><script>var x = "Putin";</script><!-- comment Putin -->
<article><h1>Talks in Hanoi</h1><p>The ministers met on Friday.</p><p>They signed an accord.</p></article>
<footer>Share this article</footer></body></html>"#;
    let (text, meta, too_deep) = html::extract(html, Meta::default());
    assert!(!too_deep);
    assert!(text.contains("The ministers met on Friday."));
    assert!(!text.contains("Home"));
    assert!(!text.contains("Putin"));
    assert!(!text.contains("Share"));
    assert_eq!(meta.published.as_deref(), Some("2024-03-02T09:00:00Z"));
    assert_eq!(meta.title.as_deref(), Some("Talks in Hanoi"));
    assert_eq!(meta.source.as_deref(), Some("Example Wire"));
}

#[test]
fn deeply_nested_html_does_not_overflow() {
    let html = "<div>".repeat(20_000) + "deep" + &"</div>".repeat(20_000);
    let (_text, _meta, too_deep) = html::extract(&html, Meta::default());
    assert!(too_deep, "the cut-off is reported");
}

#[test]
fn bylines_and_share_prompts_are_boilerplate_only_when_they_look_so() {
    use crate::lines::is_boilerplate;
    for line in ["By Jane Doe", "BY JANE DOE AND JOHN ROE, Reuters", "By María López-Gómez | Staff writer", "Share this article", "Follow us on Telegram"] {
        assert!(is_boilerplate(line), "{line}");
    }
    for line in [
        "By then, the talks had failed.",
        "By Monday and Tuesday and Wednesday the delegations had left.",
        "By Jane Doe, who covered the talks in Havana for many years and wrote two books.",
        "Share prices in Moscow fell on Monday after the central bank raised its key rate by two percentage points.",
    ] {
        assert!(!is_boilerplate(line), "{line}");
    }
}
