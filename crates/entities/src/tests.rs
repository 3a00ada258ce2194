use super::*;
use attache_model::{Document, EntityType, MentionKind, PartialDate};

fn run(text: &str, date: &str) -> (Vec<attache_model::LocalEntity>, Vec<attache_model::Mention>, String) {
    let doc = Document { id: "t".into(), text: text.into(), published: PartialDate::parse(date), origin: "t".into(), ..Document::default() };
    let sents = attache_text::analyze(&doc);
    let r = recognizer();
    let (e, m) = r.recognize(&doc, &sents);
    (e, m, text.to_string())
}

fn recognizer() -> &'static Recognizer {
    static R: std::sync::OnceLock<Recognizer> = std::sync::OnceLock::new();
    R.get_or_init(Recognizer::new)
}

fn entity<'a>(es: &'a [attache_model::LocalEntity], name: &str) -> Option<&'a attache_model::LocalEntity> {
    es.iter().find(|e| e.name == name)
}

#[test]
fn knowledge_base_names_with_and_without_accents() {
    let (es, _, _) = run("Cuban President Miguel Diaz-Canel welcomed Russian Foreign Minister Sergey Lavrov to Havana.", "2024-05-14");
    let dc = entity(&es, "Miguel Díaz-Canel").expect("Díaz-Canel from the unaccented spelling");
    assert_eq!(dc.country.as_deref(), Some("CUB"));
    assert!(dc.roles.iter().any(|r| r.title == "President"));
    assert!(entity(&es, "Sergey Lavrov").is_some());
    assert!(entity(&es, "Havana").map(|e| e.entity_type == EntityType::Place).unwrap_or(false));
    assert!(entity(&es, "Cuba").is_some(), "the demonym stands for the country");
}

#[test]
fn unknown_people_by_title_and_apposition_and_their_surnames() {
    let (es, ms, text) = run(
        "Ambassador Tomas Verhaegen presented his credentials. Later, Ilse Marchetti, the spokeswoman of the mission, said Verhaegen was pleased.",
        "2024-01-10",
    );
    let v = entity(&es, "Tomas Verhaegen").expect("title + name");
    assert_eq!(v.entity_type, EntityType::Person);
    assert!(entity(&es, "Ilse Marchetti").is_some(), "apposition");
    let idx = es.iter().position(|e| e.name == "Tomas Verhaegen").unwrap();
    let surname_mentions = ms.iter().filter(|m| m.local == idx && m.span.slice(&text) == "Verhaegen").count();
    assert_eq!(surname_mentions, 1);
}

#[test]
fn transliterated_surnames_link_within_a_document() {
    let (es, ms, text) = run("Sergey Naryshkin met officials in Havana. During Narishkin's visit, talks were held.", "2018-12-11");
    let idx = es.iter().position(|e| e.name == "Sergey Naryshkin").unwrap();
    assert!(ms.iter().any(|m| m.local == idx && m.span.slice(&text) == "Narishkin"));
}

#[test]
fn descriptions_and_pronouns_resolve_to_people() {
    let (es, ms, text) = run(
        "Vladimir Putin received Miguel Diaz-Canel in Moscow. The Cuban president thanked him for the support.",
        "2022-11-22",
    );
    let dc = es.iter().position(|e| e.name == "Miguel Díaz-Canel").unwrap();
    let putin = es.iter().position(|e| e.name == "Vladimir Putin").unwrap();
    let desc = ms.iter().find(|m| m.kind == MentionKind::Description).expect("description");
    assert_eq!(desc.local, dc, "{}", desc.span.slice(&text));
    let him = ms.iter().find(|m| m.kind == MentionKind::Pronoun).expect("pronoun");
    assert!(him.local == putin || him.local == dc);
}

#[test]
fn office_holder_from_the_knowledge_base_at_the_date() {
    let (es, _, _) = run("The Russian president invited the delegation to Moscow.", "2022-11-22");
    assert!(entity(&es, "Vladimir Putin").is_some());
}

#[test]
fn organisations_by_head_noun_take_their_demonym() {
    let (es, _, _) = run("He met the staff of the Cuban Embassy and members of the Andean Fisheries Council.", "2022-11-22");
    let emb = entity(&es, "Cuban Embassy").expect("demonym + head noun");
    assert_eq!(emb.country.as_deref(), Some("CUB"));
    assert!(entity(&es, "Andean Fisheries Council").is_some());
}

#[test]
fn capitals_standing_for_governments() {
    let (es, _, _) = run("Washington should not be nervous, the diplomat said after talks in Caracas.", "2018-12-11");
    assert!(entity(&es, "United States").is_some());
    assert!(entity(&es, "Washington").is_none());
    assert!(entity(&es, "Caracas").is_some());
}

#[test]
fn no_entities_from_boilerplate() {
    let doc = Document {
        id: "t".into(),
        text: "The talks went well.\nAlso read: Chile, Peru to strengthen ties\n".into(),
        origin: "t".into(),
        published: PartialDate::parse("2023-01-01"),
        lines: vec![
            attache_model::Line { span: attache_model::Span::new(0, 20), kind: attache_model::LineKind::Narrative },
            attache_model::Line { span: attache_model::Span::new(21, 61), kind: attache_model::LineKind::Boilerplate },
        ],
        ..Document::default()
    };
    let sents = attache_text::analyze(&doc);
    let (es, _) = recognizer().recognize(&doc, &sents);
    assert!(es.iter().all(|e| e.name != "Chile" && e.name != "Peru"), "{es:?}");
}
