//! Event extraction on sentences the team wrote: one test per frame and modality.

use attache_entities::Recognizer;
use attache_events::Extractor;
use attache_model::{DocAnalysis, Document, EventMention, Modality, PartialDate};
use std::sync::OnceLock;

fn recognizer() -> &'static Recognizer {
    static R: OnceLock<Recognizer> = OnceLock::new();
    R.get_or_init(Recognizer::new)
}

/// (type, participant names, modality) of every event in the text.
fn events(text: &str, date: &str) -> Vec<(String, Vec<String>, Modality, Option<String>)> {
    let doc = Document { id: "t".into(), text: text.into(), published: PartialDate::parse(date), origin: "t".into(), ..Document::default() };
    let sents = attache_text::analyze(&doc);
    let (entities, mentions) = recognizer().recognize(&doc, &sents);
    let timexes = attache_time::tag(&doc.text, doc.published);
    let a = DocAnalysis { doc_id: "t".into(), entities, mentions, timexes, events: vec![] };
    let evs: Vec<EventMention> = Extractor::new().extract(&doc, &sents, &a);
    evs.into_iter()
        .map(|e| {
            let names = e.participants.iter().map(|(l, _)| a.entities[*l].name.clone()).collect();
            (e.event_type, names, e.modality, e.date.map(|d| d.to_string()))
        })
        .collect()
}

fn has(evs: &[(String, Vec<String>, Modality, Option<String>)], ty: &str, who: &[&str], m: Modality) -> bool {
    evs.iter().any(|(t, p, md, _)| t == ty && *md == m && who.iter().all(|w| p.iter().any(|x| x == w)))
}

#[test]
fn possessive_visit_and_reception() {
    let e = events("In Havana, Miguel Diaz-Canel received Sergey Lavrov at the palace during the latter's working visit to Cuba.", "2024-05-14");
    assert!(has(&e, "meet", &["Miguel Díaz-Canel", "Sergey Lavrov"], Modality::Asserted), "{e:?}");
    assert!(has(&e, "visit", &["Sergey Lavrov", "Cuba"], Modality::Asserted), "{e:?}");
}

#[test]
fn coordinated_visitors_are_separate_visits() {
    let e = events("According to the embassy, Sergei Lavrov and Dmitry Chernyshenko both visited Cuba this spring.", "2023-07");
    assert!(has(&e, "visit", &["Sergey Lavrov", "Cuba"], Modality::Asserted), "{e:?}");
    assert!(has(&e, "visit", &["Dmitry Chernyshenko", "Cuba"], Modality::Asserted), "{e:?}");
    assert_eq!(e.iter().filter(|x| x.0 == "visit").count(), 2);
}

#[test]
fn an_invitation_is_not_a_visit() {
    let e = events("Venezuelan President Nicolas Maduro invited Chinese President Xi Jinping to visit Caracas next year.", "2024-03-02");
    assert!(has(&e, "invite", &["Nicolás Maduro", "Xi Jinping"], Modality::Asserted), "{e:?}");
    assert!(!e.iter().any(|x| x.0 == "visit"), "{e:?}");
}

#[test]
fn planned_negated_and_hypothetical() {
    let e = events("Brazilian President Lula is set to meet Chinese President Xi Jinping in Beijing.", "2024-03-02");
    assert!(has(&e, "meet", &["Xi Jinping"], Modality::Planned), "{e:?}");
    let e = events("Marco Rubio did not meet Nicolas Maduro during the trip.", "2025-02-03");
    assert!(has(&e, "meet", &["Marco Rubio", "Nicolás Maduro"], Modality::Negated), "{e:?}");
    let e = events("Lula could meet Nicolas Maduro in Caracas if the talks advance.", "2025-02-03");
    assert!(has(&e, "meet", &["Nicolás Maduro"], Modality::Hypothetical), "{e:?}");
}

#[test]
fn weekday_dates_resolve_against_publication() {
    let e = events("Sergey Lavrov met Bruno Rodriguez Parrilla on Monday in Havana.", "2024-05-15");
    let m = e.iter().find(|x| x.0 == "meet").expect("meeting");
    assert_eq!(m.3.as_deref(), Some("2024-05-13"));
}

#[test]
fn history_keeps_its_own_year() {
    let e = events("Back in 1961 the United States cut its ties with Cuba.", "2025-07-01");
    let b = e.iter().find(|x| x.0 == "break_relations").expect("break");
    assert_eq!(b.3.as_deref(), Some("1961"));
}

#[test]
fn awards_go_to_the_person_named() {
    let e = events("Cuba's defence chief, General Alvaro Lopez Miera, visited Russia in June; there Putin awarded him a state decoration.", "2023-07");
    assert!(has(&e, "award", &["Vladimir Putin", "Álvaro López Miera"], Modality::Asserted), "{e:?}");
    assert!(has(&e, "visit", &["Álvaro López Miera", "Russia"], Modality::Asserted), "{e:?}");
}


#[test]
fn a_visit_to_a_city_whose_country_is_not_named() {
    let e = events("Iranian Foreign Minister Abbas Araghchi will travel to Caracas next week, the ministry said.", "2025-03-03");
    assert!(has(&e, "visit", &["Abbas Araghchi", "Caracas"], Modality::Planned), "{e:?}");
    let e = events("Xi Jinping arrived in Brasilia on Wednesday for a state visit.", "2024-11-21");
    assert!(has(&e, "visit", &["Xi Jinping", "Brasília"], Modality::Asserted), "{e:?}");
}

#[test]
fn phone_calls_and_sanctions() {
    let e = events("Chinese Foreign Minister Wang Yi held a phone call with his Venezuelan counterpart Yvan Gil on Tuesday.", "2024-11-20");
    assert!(has(&e, "phone_call", &["Wang Yi", "Yván Gil"], Modality::Asserted), "{e:?}");
    let e = events("The United States imposed new sanctions on Nicaragua on Friday.", "2025-03-03");
    assert!(has(&e, "sanction", &["United States", "Nicaragua"], Modality::Asserted), "{e:?}");
    let e = events("The European Union lifted sanctions on Syria last month.", "2025-03-03");
    assert!(has(&e, "ease_sanctions", &["European Union", "Syria"], Modality::Asserted), "{e:?}");
}

#[test]
fn talks_held_abroad_imply_a_visit() {
    let e = events("Angolan President Joao Lourenco held talks with Chinese President Xi Jinping on Friday in Beijing.", "2024-03-16");
    assert!(has(&e, "meet", &["João Lourenço", "Xi Jinping"], Modality::Asserted), "{e:?}");
    assert!(has(&e, "visit", &["João Lourenço", "China"], Modality::Asserted), "{e:?}");
    assert!(!has(&e, "visit", &["Xi Jinping"], Modality::Asserted), "the host did not travel: {e:?}");
    // A meeting that did not happen implies no trip.
    let e = events("Angolan President Joao Lourenco did not meet Chinese President Xi Jinping in Beijing.", "2024-03-16");
    assert!(!e.iter().any(|x| x.0 == "visit"), "{e:?}");
}

#[test]
fn an_aide_named_through_a_leader_is_not_the_leader() {
    let e = events("Putin's foreign policy aide, Yuri Ushakov, met Venezuelan President Nicolas Maduro in Caracas on Monday and later briefed the Russian president.", "2024-03-12");
    assert!(has(&e, "meet", &["Yuri Ushakov", "Nicolás Maduro"], Modality::Asserted), "{e:?}");
    assert!(!e.iter().any(|x| x.0 == "meet" && x.1.iter().any(|p| p == "Vladimir Putin")), "{e:?}");
}

#[test]
fn praising_a_visit_targets_the_other_country() {
    let e = events(
        "Sergey Lavrov arrived in Havana on Monday for talks with Cuban officials. In Moscow, spokeswoman Maria Zakharova praised the visit as a success.",
        "2024-05-14",
    );
    assert!(has(&e, "praise", &["Maria Zakharova", "Cuba"], Modality::Asserted), "{e:?}");
}

#[test]
fn condemned_sanctions_are_not_imposed_by_the_critic() {
    let e = events("Nicolas Maduro condemned the sanctions imposed on Venezuela by the United States.", "2024-10-23");
    assert!(!e.iter().any(|x| x.0 == "sanction" && x.1.first().map(String::as_str) == Some("Nicolás Maduro")), "{e:?}");
}

#[test]
fn wishing_for_good_relations_is_not_establishing_them() {
    let e = events("Dmitry Peskov said Russia seeks to establish constructive relations with the United States.", "2018-12-11");
    assert!(!e.iter().any(|x| x.0 == "establish_relations"), "{e:?}");
    let e = events("Cuba and Vietnam established diplomatic relations in 1960.", "2024-12-11");
    assert!(e.iter().any(|x| x.0 == "establish_relations"), "{e:?}");
}

#[test]
fn the_visitor_is_not_the_hosts_own_minister() {
    let e = events("Cuban Foreign Minister Bruno Rodriguez held talks on Tuesday with his Belarusian counterpart Maxim Ryzhenkov during an official visit to Belarus.", "2025-03-12");
    assert!(has(&e, "visit", &["Bruno Rodríguez Parrilla", "Belarus"], Modality::Asserted), "{e:?}");
    assert!(!has(&e, "visit", &["Maxim Ryzhenkov"], Modality::Asserted), "{e:?}");
}

#[test]
fn expected_to_be_received_is_planned() {
    let e = events("Cuban Foreign Minister Bruno Rodriguez is expected to be received by Belarusian President Alexander Lukashenko on Wednesday.", "2025-03-11");
    assert!(e.iter().any(|x| x.0 == "meet" && x.2 == Modality::Planned), "{e:?}");
}

#[test]
fn a_reception_abroad_after_an_announced_visit() {
    let e = events("Cuban Prime Minister Manuel Marrero welcomed his Vietnamese counterpart Pham Minh Chinh in Havana on Monday.", "2025-09-09");
    assert!(has(&e, "meet", &["Manuel Marrero Cruz", "Phạm Minh Chính"], Modality::Asserted), "{e:?}");
    assert!(has(&e, "visit", &["Phạm Minh Chính", "Cuba"], Modality::Asserted), "{e:?}");
    let e = events("Cuba welcomed the decision of the European Union.", "2025-09-09");
    assert!(!e.iter().any(|x| x.0 == "meet"), "{e:?}");
}

#[test]
fn a_visit_to_the_island_is_a_visit_to_the_story_country() {
    let e = events("Cuban President Miguel Diaz-Canel received Vietnamese Prime Minister Pham Minh Chinh on Tuesday, the second day of his official visit to the island. Cuba and Vietnam signed two agreements.", "2025-09-10");
    assert!(has(&e, "visit", &["Phạm Minh Chính", "Cuba"], Modality::Asserted), "{e:?}");
}

#[test]
fn an_invitation_is_dated_by_when_it_was_made() {
    let e = events("Pham Minh Chinh on Tuesday invited Cuban President Miguel Diaz-Canel to visit Vietnam next year.", "2025-09-10");
    let invite = e.iter().find(|x| x.0 == "invite").expect("an invitation");
    assert_eq!(invite.3.as_deref(), Some("2025-09-09"), "{e:?}");
}

#[test]
fn at_the_invitation_of_names_the_inviter_after() {
    let e = events("Pham Minh Chinh will visit Cuba next week at the invitation of Cuban Prime Minister Manuel Marrero Cruz.", "2025-09-01");
    let invite = e.iter().find(|x| x.0 == "invite").expect("an invitation");
    assert_eq!(invite.1, vec!["Manuel Marrero Cruz".to_string(), "Phạm Minh Chính".to_string()], "{e:?}");
}

#[test]
fn talks_by_videoconference_are_a_call_not_a_trip() {
    let e = events("Russian President Vladimir Putin held talks with Cuban President Miguel Diaz-Canel by videoconference from Moscow on Wednesday.", "2025-04-10");
    assert!(has(&e, "phone_call", &["Vladimir Putin", "Miguel Díaz-Canel"], Modality::Asserted), "{e:?}");
    assert!(!e.iter().any(|x| x.0 == "visit" || x.0 == "meet"), "{e:?}");
    let e = events("Chinese President Xi Jinping and Brazilian President Lula held a video call on Tuesday, a day after Lula met Vladimir Putin in Moscow.", "2025-04-10");
    assert!(has(&e, "phone_call", &["Xi Jinping", "Luiz Inácio Lula da Silva"], Modality::Asserted), "{e:?}");
    assert!(has(&e, "meet", &["Luiz Inácio Lula da Silva", "Vladimir Putin"], Modality::Asserted), "{e:?}");
}

#[test]
fn a_positive_verdict_on_the_talks_is_praise() {
    let e = events(
        "Sergey Lavrov held talks in Havana with Cuban officials on Monday. In Moscow, spokeswoman Maria Zakharova said the talks confirmed the strategic character of the relationship between the two countries.",
        "2024-05-15",
    );
    assert!(has(&e, "praise", &["Maria Zakharova", "Cuba"], Modality::Asserted), "{e:?}");
}

#[test]
fn two_clauses_two_actors_sanction_and_easing() {
    let e = events("The European Union extended its sanctions against Nicaragua for another year, and Washington lifted some restrictions on remittances to Cuba.", "2024-02-07");
    assert!(has(&e, "sanction", &["European Union", "Nicaragua"], Modality::Asserted), "{e:?}");
    // The capital acts for its state; it stands in for the country when the text names no other.
    assert!(e.iter().any(|x| x.0 == "ease_sanctions" && ["United States", "Washington"].contains(&x.1[0].as_str()) && x.1.iter().any(|p| p == "Cuba")), "{e:?}");
    assert!(!e.iter().any(|x| x.0 == "sanction" && x.1.iter().any(|p| p == "Cuba")), "{e:?}");
}

#[test]
fn background_dates_stay_in_their_phrase() {
    let e = events(
        "Sergey Lavrov met Bruno Rodriguez in Moscow on Wednesday. They reviewed agreements reached during the visit of Cuban President Miguel Diaz-Canel to Russia in November 2022. Lavrov reaffirmed Russia's support for Cuba.",
        "2024-02-08",
    );
    let support = e.iter().find(|x| x.0 == "support").expect("support");
    assert_ne!(support.3.as_deref(), Some("2022-11"), "{e:?}");
    let agreement = e.iter().find(|x| x.0 == "agreement").expect("agreement");
    assert_eq!(agreement.3.as_deref(), Some("2022-11"), "{e:?}");
}

#[test]
fn receiving_a_delegation_is_meeting_the_body_it_represents() {
    let e = events("Cuban President Miguel Diaz-Canel received on Tuesday a delegation of the Communist Party of China, with whom he discussed energy cooperation.", "2024-12-11");
    assert!(has(&e, "meet", &["Miguel Díaz-Canel", "Communist Party of China"], Modality::Asserted), "{e:?}");
    let e = events("The Cuban leader reiterated Cuba's support for Venezuela.", "2024-12-11");
    assert!(e.iter().any(|x| x.0 == "support" && x.1.iter().any(|p| p == "Venezuela")), "{e:?}");
}
