use crate::fold::{fold, name_key, norm, word_key, Folded};
use crate::kb::{title_matches, Kb};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use attache_model::{Document, EntityType, LineKind, LocalEntity, Mention, MentionKind, PartialDate, Pos, Role, Sentence, Span};
use rustc_hash::FxHashSet;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Entity(usize),
    Demonym(usize),
}

/// Single words that are names in the knowledge base but far more often
/// ordinary words at the start of a sentence or in a date.
const AMBIGUOUS_WORDS: &[&str] = &[
    "May", "June", "April", "August", "March", "Will", "Mark", "Bill", "Rice", "Page", "Brown", "Young", "Long", "Rich",
    "Best", "Hope", "Grant", "Law", "Price", "Major", "General", "President", "Chancellor", "Justice", "Guard", "Union",
    "Republic", "Congress", "Senate", "Parliament", "Government", "Cabinet", "Council", "Party", "Army", "Navy", "Court",
    "Post", "Times", "Sun", "Star", "Mirror", "Independent", "Nation", "Express", "Globe", "Herald", "Tribune", "Reform",
    "Liberty", "Freedom", "Unity", "Progress", "Future", "Victory", "Peace", "Order", "Change", "Chad",
    "Nice", "Split", "Bath", "Reading", "Mobile", "Victoria",
    "Of", "The", "In", "On", "At", "A", "An", "And", "Or", "For", "To", "By", "With", "As", "It", "Is",
];

/// Words that head the name of an organisation.
const ORG_HEADS: &[&str] = &[
    "Ministry", "Service", "Services", "Council", "Party", "Agency", "Company", "Committee", "Commission", "Assembly",
    "Embassy", "Consulate", "Forces", "Army", "Navy", "Bank", "Union", "Organization", "Organisation", "Institute",
    "University", "Corporation", "Group", "Front", "Movement", "Department", "Office", "Court", "Parliament",
    "Government", "Guard", "Guards", "Corps", "Alliance", "Association", "Fund", "Foundation", "Center", "Centre",
    "Academy", "Authority", "Bureau", "Directorate", "Secretariat", "Cabinet", "Federation", "League", "Agency",
    "Coalition", "Congress", "Senate", "Duma", "Chamber", "Board", "Administration", "Police", "Fleet", "Command",
];

/// Capitalised words that open sentences or headings but never start a name.
const NON_NAME_STARTERS: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "During", "After", "Before", "Both", "This", "That", "These", "Those", "He", "She",
    "It", "They", "We", "His", "Her", "Its", "Their", "Our", "As", "But", "And", "Or", "If", "When", "While", "Meanwhile",
    "However", "Also", "Later", "Last", "Next", "Upon", "Speaking", "According", "Furthermore", "Additionally", "Regarding",
    "There", "Here", "What", "Who", "Why", "How", "Since", "Until", "From", "For", "With", "Without", "Despite", "Amid",
    "Among", "Between", "Under", "Over", "About", "Against", "Through", "Into", "By", "Of", "To", "Then", "Now", "Today",
    "Yesterday", "Tomorrow", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Mr", "Mrs", "Ms", "Dr", "Former", "Then", "Acting", "Interim",
];

/// Lower-case words that may sit inside a multi-word name.
const NAME_CONNECTORS: &[&str] = &["of", "de", "del", "da", "dos", "das", "van", "von", "der", "bin", "al", "el", "la", "for", "and", "the"];

// The lists above are consulted for every capitalised token of every window;
// hashed, they cost one lookup instead of a scan of up to a hundred strings.
static AMBIGUOUS_WORD_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| AMBIGUOUS_WORDS.iter().copied().collect());
static ORG_HEAD_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| ORG_HEADS.iter().copied().collect());
static NON_NAME_STARTER_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| NON_NAME_STARTERS.iter().copied().collect());
static NAME_CONNECTOR_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| NAME_CONNECTORS.iter().copied().collect());

const PERSON_PRONOUNS: &[&str] = &["he", "she", "him", "his", "her"];

/// Sentences read together for within-document coreference.
const WINDOW: usize = 40;

/// Role nouns used in descriptions ("the Cuban leader", "the president").
const DESCRIPTION_HEADS: &[&str] = &[
    "president", "leader", "prime minister", "premier", "foreign minister", "defense minister", "defence minister",
    "deputy prime minister", "spokeswoman", "spokesman", "spokesperson", "minister", "ambassador", "chancellor",
    "secretary of state", "head of state", "ruler", "king", "emir", "supreme leader", "envoy", "diplomat", "top diplomat",
    "chief diplomat",
];

pub struct Recognizer {
    kb: Kb,
    ac: AhoCorasick,
    targets: Vec<Vec<Target>>,
    title_ac: AhoCorasick,
}

impl Default for Recognizer {
    fn default() -> Self {
        Self::new()
    }
}

/// A mention before entities are assigned.
#[derive(Debug, Clone)]
struct Raw {
    span: Span,
    kind: MentionKind,
    etype: EntityType,
    key: Key,
    text: String,
    sentence: usize,
}

/// What a raw mention refers to, before grouping into local entities.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Kb(usize),
    /// A name the knowledge base lacks, by type and normalised name.
    New(EntityType, String),
    /// Refers to the same thing as an earlier mention (index into the raw list).
    Same(usize),
}

#[derive(Debug, Clone)]
struct NewInfo {
    name: String,
    country: Option<String>,
}

impl Recognizer {
    pub fn new() -> Recognizer {
        let kb = Kb::load();
        let mut surface: HashMap<String, Vec<Target>> = HashMap::new();
        let mut add = |s: &str, t: Target| {
            let s = s.trim();
            if s.is_empty() || AMBIGUOUS_WORDS.contains(&s) {
                return;
            }
            // Lower-case aliases would match ordinary words ("us"); names are capitalised.
            if !s.chars().next().map(|c| c.is_uppercase() || c.is_numeric()).unwrap_or(false) {
                return;
            }
            let v = surface.entry(fold(s)).or_default();
            if !v.contains(&t) {
                v.push(t);
            }
        };
        for (i, e) in kb.entities.iter().enumerate() {
            add(&e.name, Target::Entity(i));
            for a in &e.aliases {
                add(a, Target::Entity(i));
            }
            // "the Kremlin" is matched without its article; the article is not part of the name.
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                if let Some(rest) = n.strip_prefix("the ").or_else(|| n.strip_prefix("The ")) {
                    add(rest, Target::Entity(i));
                }
            }
        }
        for (d, c) in &kb.demonyms {
            add(d, Target::Demonym(*c));
        }
        let mut patterns: Vec<String> = surface.keys().cloned().collect();
        patterns.sort();
        let targets = patterns.iter().map(|p| surface[p].clone()).collect();
        let ac = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&patterns).expect("gazetteer automaton");
        let mut title_names: Vec<String> = kb.titles.iter().map(|t| fold(&t.title)).collect();
        for extra in DESCRIPTION_HEADS {
            title_names.push(extra.to_string());
        }
        title_names.sort();
        title_names.dedup();
        let title_ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&title_names)
            .expect("title automaton");
        Recognizer { kb, ac, targets, title_ac }
    }

    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    pub fn recognize(&self, doc: &Document, sentences: &[Sentence]) -> (Vec<LocalEntity>, Vec<Mention>) {
        let text = &doc.text;
        let folded = Folded::new(text);
        let factual: Vec<&Sentence> = sentences.iter().filter(|s| matches!(s.kind, LineKind::Narrative | LineKind::Heading)).collect();

        // Knowledge-base names and demonyms, and titles, over the whole text at once.
        let mut cands: Vec<(Span, usize)> = Vec::new();
        for m in self.ac.find_overlapping_iter(&folded.text) {
            let (fs, fe) = (m.start(), m.end());
            if !boundary_before(&folded.text, fs) || !boundary_after(&folded.text, fe) {
                continue;
            }
            let span = Span::new(folded.orig_start(fs), folded.orig_end(text, fe));
            cands.push((span, m.pattern().as_usize()));
        }
        cands.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut titles: Vec<Span> = Vec::new();
        for m in self.title_ac.find_iter(&folded.text) {
            if !boundary_before(&folded.text, m.start()) || !boundary_after(&folded.text, m.end()) {
                continue;
            }
            titles.push(Span::new(folded.orig_start(m.start()), folded.orig_end(text, m.end())));
        }

        // Coreference looks back a few sentences at most, so a long document is
        // read in windows of sentences: the work stays linear in its length.
        let mut raws: Vec<Raw> = Vec::new();
        let mut new_info: HashMap<String, NewInfo> = HashMap::new();
        for window in factual.chunks(WINDOW) {
            let (Some(first), Some(last)) = (window.first(), window.last()) else { continue };
            let (ws, we) = (first.span.start, last.span.end);
            let c_lo = cands.partition_point(|(s, _)| s.start < ws);
            let c_hi = cands.partition_point(|(s, _)| s.start < we);
            let t_lo = titles.partition_point(|t| t.start < ws);
            let t_hi = titles.partition_point(|t| t.start < we);
            let mut local = self.recognize_window(doc, text, window, &cands[c_lo..c_hi], &titles[t_lo..t_hi], &mut new_info);
            raws.append(&mut local);
        }

        // The dateline's place and agency are mentions of the document too.
        if let Some(dl) = &doc.dateline {
            let place_norm = norm(&dl.place);
            if let Some(&i) = self.kb.by_norm.get(&place_norm).and_then(|v| v.iter().find(|&&i| self.kb.entities[i].etype == EntityType::Place)) {
                let start = dl.span.start;
                let end = (start + dl.place.len()).min(text.len());
                raws.push(Raw { span: Span::new(start, end), kind: MentionKind::Name, etype: EntityType::Place, key: Key::Kb(i), text: dl.place.clone(), sentence: usize::MAX });
            }
            if let Some(agency) = &dl.agency {
                if let Some(&i) = self.kb.by_norm.get(&norm(agency)).and_then(|v| v.iter().find(|&&i| self.kb.entities[i].etype == EntityType::Organization)) {
                    if let Some(pos) = text[dl.span.start..dl.span.end].find(agency.as_str()) {
                        let s = dl.span.start + pos;
                        raws.push(Raw { span: Span::new(s, s + agency.len()), kind: MentionKind::Name, etype: EntityType::Organization, key: Key::Kb(i), text: agency.clone(), sentence: usize::MAX });
                    }
                }
            }
        }
        raws.sort_by_key(|r| (r.span.start, r.span.end));
        self.build_entities(doc, text, &factual, &titles, raws, &new_info)
    }

    /// Steps 1-5 on a window of sentences; the returned mentions' keys are
    /// resolved (no positional links remain).
    fn recognize_window(&self, doc: &Document, text: &str, factual: &[&Sentence], cands: &[(Span, usize)], titles: &[Span], new_info: &mut HashMap<String, NewInfo>) -> Vec<Raw> {
        let sent_of = |pos: usize| {
            let i = factual.partition_point(|s| s.span.end <= pos);
            (i < factual.len() && factual[i].span.start <= pos).then_some(i)
        };
        // 1. Longest non-overlapping knowledge-base matches inside sentences.
        let mut raws: Vec<Raw> = Vec::new();
        let mut last_end = 0;
        for &(span, pat) in cands {
            if span.start < last_end {
                continue;
            }
            let Some(si) = sent_of(span.start) else { continue };
            if span.end > factual[si].span.end {
                continue;
            }
            let surface = span.slice(text);
            let Some(raw) = self.classify_match(text, span, &self.targets[pat], surface, si) else { continue };
            last_end = span.end;
            raws.push(raw);
        }

        // 3. Names the knowledge base lacks, from runs of capitalised tokens.
        for (si, s) in factual.iter().enumerate() {
            self.find_unknown_names(text, si, s, titles, &mut raws, new_info);
        }
        raws.sort_by_key(|r| (r.span.start, r.span.end));

        // 4. Surnames and first names of people already named in the window.
        self.link_partial_names(text, factual, titles, &mut raws);

        // 5. Descriptions ("the Cuban president", "the latter") and pronouns.
        self.resolve_descriptions(doc, text, factual, titles, &mut raws);
        // Links by position must not survive the re-ordering: resolve them to their targets first.
        let keys: Vec<Key> = raws.iter().map(|r| self.canonical_key(&raws, &[], r)).collect();
        for (r, k) in raws.iter_mut().zip(keys) {
            r.key = k;
        }
        raws.retain(|r| !matches!(r.key, Key::Same(_)));
        raws
    }

    fn classify_match(&self, text: &str, span: Span, targets: &[Target], surface: &str, si: usize) -> Option<Raw> {
        // "X" (the platform) and other one-letter names only with a telling neighbour.
        if surface.chars().count() == 1 {
            let after = head(text[span.end..].trim_start()).to_lowercase();
            let before = tail(text[..span.start].trim_end()).to_lowercase();
            if !(["account", "post", "platform", "page", "feed"].iter().any(|w| after.starts_with(w)) || before.ends_with(" on") || before.ends_with(" via")) {
                return None;
            }
        }
        let pick = |t: EntityType| targets.iter().find_map(|x| match x {
            Target::Entity(i) if self.kb.entities[*i].etype == t => Some(*i),
            _ => None,
        });
        let demonym = targets.iter().find_map(|x| match x {
            Target::Demonym(c) => Some(*c),
            _ => None,
        });
        let chosen = pick(EntityType::Country).or_else(|| pick(EntityType::Person)).or_else(|| pick(EntityType::Organization)).or_else(|| pick(EntityType::Place));
        if let Some(i) = chosen {
            let e = &self.kb.entities[i];
            // A capital used for its government ("Washington said", "Havana's struggle") stands for the country.
            if e.etype == EntityType::Place {
                if let Some(code) = self.kb.capital_country.get(&i) {
                    if is_metonymic(text, span) {
                        if let Some(c) = self.kb.country(code) {
                            return Some(Raw { span, kind: MentionKind::Metonym, etype: EntityType::Country, key: Key::Kb(c), text: surface.to_string(), sentence: si });
                        }
                    }
                }
            }
            return Some(Raw { span, kind: MentionKind::Name, etype: e.etype, key: Key::Kb(i), text: surface.to_string(), sentence: si });
        }
        let c = demonym?;
        Some(Raw { span, kind: MentionKind::Demonym, etype: EntityType::Country, key: Key::Kb(c), text: surface.to_string(), sentence: si })
    }

    fn find_unknown_names(&self, text: &str, si: usize, s: &Sentence, titles: &[Span], raws: &mut Vec<Raw>, new_info: &mut HashMap<String, NewInfo>) {
        let toks = &s.tokens;
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if !is_cap_word(&t.text) || covered(raws, t.span) || NON_NAME_STARTER_SET.contains(t.text.as_str()) || self.is_title_token(t.span, titles) {
                i += 1;
                continue;
            }
            // Extend over capitalised words and connectors between them.
            let mut j = i + 1;
            let mut end = i;
            while j < toks.len() {
                let w = &toks[j];
                if covered(raws, w.span) && !(ORG_HEAD_SET.contains(w.text.as_str())) {
                    break;
                }
                if is_cap_word(&w.text) && !self.is_title_token(w.span, titles) || ORG_HEAD_SET.contains(w.text.as_str()) {
                    end = j;
                    j += 1;
                } else if NAME_CONNECTOR_SET.contains(w.text.as_str()) && j + 1 < toks.len() && is_cap_word(&toks[j + 1].text) {
                    j += 1;
                } else {
                    break;
                }
            }
            let words: Vec<&str> = toks[i..=end].iter().map(|t| t.text.as_str()).collect();
            let span = Span::new(toks[i].span.start, toks[end].span.end);
            let name = span.slice(text).to_string();
            let last = *words.last().unwrap_or(&"");
            let has_head = words.iter().any(|w| ORG_HEAD_SET.contains(w));
            let key_norm = norm(&name);
            // A demonym right before ("Cuban Embassy") belongs to an organisation's name.
            let demonym_before = raws
                .iter()
                .find(|r| r.kind == MentionKind::Demonym && r.span.end <= span.start && span.start - r.span.end <= 1 && text[r.span.end..span.start].trim().is_empty())
                .map(|r| (r.span.start, r.key.clone()));
            if has_head && (ORG_HEAD_SET.contains(last) || words.len() >= 3) && (words.len() >= 2 || demonym_before.is_some()) {
                let mut start = span.start;
                let mut country = None;
                if let Some((s0, Key::Kb(c))) = &demonym_before {
                    start = *s0;
                    country = self.kb.entities[*c].country.clone();
                }
                let full = Span::new(start, span.end);
                let fname = full.slice(text).to_string();
                // A KB organisation may be written in this longer form ("the Russian Foreign Ministry").
                let kb_hit = self.kb.by_norm.get(&norm(&fname)).and_then(|v| v.iter().find(|&&k| self.kb.entities[k].etype == EntityType::Organization)).copied();
                raws.retain(|r| !r.span.overlaps(full));
                let key = match kb_hit {
                    Some(k) => Key::Kb(k),
                    None => {
                        let k = norm(&fname);
                        new_info.entry(format!("o:{k}")).or_insert(NewInfo { name: fname.clone(), country });
                        Key::New(EntityType::Organization, k)
                    }
                };
                raws.push(Raw { span: full, kind: MentionKind::Name, etype: EntityType::Organization, key, text: fname, sentence: si });
                i = end + 1;
                continue;
            }
            let person_shape = (2..=4).contains(&words.len())
                && words.iter().all(|w| is_cap_word(w) && !ORG_HEAD_SET.contains(w))
                && !words.iter().any(|w| NON_NAME_STARTER_SET.contains(w));
            if person_shape {
                // A KB person under a spelling the KB lacks ("Dimitri Medvedev").
                if let Some(v) = self.kb.person_keys.get(&name_key(&name)) {
                    if v.len() == 1 {
                        raws.push(Raw { span, kind: MentionKind::Name, etype: EntityType::Person, key: Key::Kb(v[0]), text: name, sentence: si });
                        i = end + 1;
                        continue;
                    }
                }
                let titled = preceded_by_title(text, span, titles);
                let apposed = followed_by_title(text, span, titles);
                if titled || apposed {
                    new_info.entry(format!("p:{key_norm}")).or_insert(NewInfo { name: name.clone(), country: None });
                    raws.push(Raw { span, kind: MentionKind::Name, etype: EntityType::Person, key: Key::New(EntityType::Person, key_norm), text: name, sentence: si });
                }
            }
            i = end + 1;
        }
    }

    fn is_title_token(&self, span: Span, titles: &[Span]) -> bool {
        titles.iter().any(|t| t.contains(span))
    }

    /// "Naryshkin", "Narishkin’s", "Fidel", "President Diaz" after the full name appeared.
    fn link_partial_names(&self, text: &str, factual: &[&Sentence], _titles: &[Span], raws: &mut Vec<Raw>) {
        // Full names of people in this window, with the keys of their words
        // (first name, surnames, first part of a hyphenated surname) computed once.
        struct Person {
            raw: usize,
            first: String,
            surnames: Vec<String>,
        }
        let people: Vec<Person> = raws
            .iter()
            .enumerate()
            .filter(|(_, r)| r.etype == EntityType::Person && r.kind == MentionKind::Name && r.text.split_whitespace().count() >= 2)
            .map(|(i, r)| {
                let words: Vec<&str> = r.text.split_whitespace().collect();
                let mut surnames = Vec::new();
                for w in &words[1..] {
                    surnames.push(word_key(w));
                    if let Some((head, _)) = w.split_once('-') {
                        surnames.push(word_key(head));
                    }
                }
                Person { raw: i, first: word_key(words[0]), surnames }
            })
            .collect();
        if people.is_empty() {
            return;
        }
        let mut added = Vec::new();
        for (si, s) in factual.iter().enumerate() {
            let lo = raws.partition_point(|r| r.span.end <= s.span.start);
            let hi = raws.partition_point(|r| r.span.start < s.span.end);
            let here = &raws[lo..hi.max(lo)];
            for t in &s.tokens {
                if !is_cap_word(&t.text) || t.pos == Pos::Pronoun || here.iter().any(|r| r.span.overlaps(t.span)) {
                    continue;
                }
                if NON_NAME_STARTER_SET.contains(t.text.as_str()) || AMBIGUOUS_WORD_SET.contains(t.text.as_str()) {
                    continue;
                }
                let k = word_key(&t.text);
                let mut hits: Vec<usize> = Vec::new();
                for p in &people {
                    // Surname: any word after the first (Marrero Cruz, López Miera), or a first name.
                    let surname_hit = p.surnames.contains(&k);
                    let first_hit = p.first == k && t.text.len() > 3;
                    if surname_hit || first_hit {
                        let target = self.root(raws, p.raw);
                        if !hits.contains(&target) {
                            hits.push(target);
                        }
                    }
                }
                // Ambiguous surnames (two Castros in one article) are left alone.
                if hits.len() == 1 {
                    added.push(Raw { span: t.span, kind: MentionKind::Name, etype: EntityType::Person, key: Key::Same(hits[0]), text: t.text.clone(), sentence: si });
                }
            }
        }
        let _ = text;
        raws.extend(added);
    }

    fn root(&self, raws: &[Raw], mut i: usize) -> usize {
        while let Key::Same(j) = raws[i].key {
            if j == i {
                break;
            }
            i = j;
        }
        i
    }

    fn resolve_descriptions(&self, doc: &Document, text: &str, factual: &[&Sentence], titles: &[Span], raws: &mut Vec<Raw>) {
        let date = doc.published;
        let mut added: Vec<Raw> = Vec::new();
        for (si, s) in factual.iter().enumerate() {
            // Titles standing alone: "the Cuban president", "Russian President invited ...".
            for t in titles.iter().filter(|t| s.span.contains(**t)) {
                let title_text = norm(t.slice(text));
                if !DESCRIPTION_HEADS.iter().any(|h| title_text == *h || title_text.ends_with(h)) {
                    continue;
                }
                // Followed by a name: not a description but a title (handled as a role).
                let after = &text[t.end..s.span.end];
                let next_is_name = raws.iter().any(|r| r.etype == EntityType::Person && r.span.start >= t.end && text[t.end..r.span.start].trim_matches(|c: char| c.is_whitespace() || c == ',').is_empty());
                if next_is_name {
                    continue;
                }
                if after.trim_start().starts_with("of ") && !title_text.contains("minister") && title_text != "president" {
                    continue;
                }
                // Country: a demonym or country just before ("Cuban president", "Russia's Deputy Prime Minister").
                let country = raws
                    .iter()
                    .filter(|r| r.etype == EntityType::Country && r.span.end <= t.start && text[r.span.end..t.start].trim_matches(|c: char| c.is_whitespace() || c == '\'' || c == '’' || c == 's').is_empty())
                    .filter_map(|r| match r.key {
                        Key::Kb(c) => self.kb.entities[c].country.clone(),
                        _ => None,
                    })
                    .next_back()
                    .or_else(|| {
                        // "the president of Cuba"
                        let rest = after.trim_start();
                        rest.strip_prefix("of ").and_then(|_| {
                            raws.iter().find(|r| r.etype == EntityType::Country && r.span.start >= t.end && r.span.start <= t.end + 8).and_then(|r| match r.key {
                                Key::Kb(c) => self.kb.entities[c].country.clone(),
                                _ => None,
                            })
                        })
                    });
                // An apposition names its own referent: "Alvaro Lopez Miera, the FAR Minister".
                let apposed = raws.iter().filter(|r| r.etype == EntityType::Person && r.kind == MentionKind::Name && r.span.end <= t.start).last().filter(|r| {
                    let gap = &text[r.span.end..t.start];
                    gap.starts_with(',') && gap.len() <= 30 && !gap.contains(['.', ';']) && gap[1..].matches(',').count() == 0
                });
                let target = match apposed {
                    Some(r) => Some(self.canonical_key(raws, &added, r)),
                    None => self.description_target(&title_text, country.as_deref(), date, t.start, raws, &added),
                };
                if let Some(key) = target {
                    let start = country_start(raws, t, text).unwrap_or(t.start);
                    let span = Span::new(start, t.end);
                    if raws.iter().any(|r| r.span.overlaps(Span::new(t.start, t.end)) && r.etype == EntityType::Person) {
                        continue;
                    }
                    added.push(Raw { span, kind: MentionKind::Description, etype: EntityType::Person, key, text: span.slice(text).to_string(), sentence: si });
                }
            }
            // "the latter" / "the former" and person pronouns.
            for (ti, tok) in s.tokens.iter().enumerate() {
                // Compared with ASCII words without a 'k': equal once lower-cased
                // exactly when equal ignoring ASCII case (only the Kelvin sign
                // lower-cases to ASCII from outside it), so nothing is copied.
                let is = |w: &str| tok.text.eq_ignore_ascii_case(w);
                let is_latter = (is("latter") || is("former")) && ti > 0 && s.tokens[ti - 1].text.eq_ignore_ascii_case("the")
                    && s.tokens.get(ti + 1).map(|n| n.text != "," && n.pos != Pos::Noun || n.text == "'s" || n.text == "’s").unwrap_or(true);
                if is_latter {
                    let before: Vec<&Raw> = raws.iter().chain(added.iter()).filter(|r| r.etype == EntityType::Person && r.span.end <= tok.span.start).collect();
                    let mut distinct: Vec<Key> = Vec::new();
                    for r in before.iter().rev() {
                        let k = self.canonical_key(raws, &added, r);
                        if !distinct.contains(&k) {
                            distinct.push(k);
                        }
                        if distinct.len() == 2 {
                            break;
                        }
                    }
                    let pick = if is("latter") { distinct.first() } else { distinct.get(1) };
                    if let Some(k) = pick {
                        let span = Span::new(s.tokens[ti - 1].span.start, tok.span.end);
                        added.push(Raw { span, kind: MentionKind::Description, etype: EntityType::Person, key: k.clone(), text: span.slice(text).to_string(), sentence: si });
                    }
                    continue;
                }
                if PERSON_PRONOUNS.iter().any(|p| is(p)) {
                    if let Some(k) = self.pronoun_antecedent(raws, &added, si, tok.span.start, is("him")) {
                        added.push(Raw { span: tok.span, kind: MentionKind::Pronoun, etype: EntityType::Person, key: k, text: tok.text.clone(), sentence: si });
                    }
                }
            }
        }
        raws.extend(added);
    }

    /// The key a raw mention ultimately refers to (following `Same` links).
    fn canonical_key(&self, raws: &[Raw], added: &[Raw], r: &Raw) -> Key {
        let mut k = r.key.clone();
        let mut guard = 0;
        while let Key::Same(i) = k {
            guard += 1;
            if guard > 16 {
                break;
            }
            k = raws.get(i).or_else(|| added.get(i.wrapping_sub(raws.len()))).map(|x| x.key.clone()).unwrap_or(Key::Same(i));
            if matches!(k, Key::Same(j) if j == i) {
                break;
            }
        }
        k
    }

    /// Subject of the current sentence before the pronoun, else the first
    /// person named in the nearest earlier sentence that names one.
    fn pronoun_antecedent(&self, raws: &[Raw], added: &[Raw], si: usize, pos: usize, object: bool) -> Option<Key> {
        let persons = |sent: usize| -> Vec<&Raw> {
            let mut v: Vec<&Raw> = raws.iter().chain(added.iter()).filter(|r| r.sentence == sent && r.etype == EntityType::Person && r.kind != MentionKind::Pronoun).collect();
            v.sort_by_key(|r| r.span.start);
            v
        };
        let here: Vec<&Raw> = persons(si).into_iter().filter(|r| r.span.end <= pos).collect();
        // In the same sentence the nearest person is the antecedent ("Marrero's visit,
        // where he met ..."), except for an object pronoun, which cannot be the
        // subject of its own clause ("Putin awarded him").
        let mut distinct: Vec<Key> = Vec::new();
        for r in here.iter().rev() {
            let k = self.canonical_key(raws, added, r);
            if !distinct.contains(&k) {
                distinct.push(k);
            }
        }
        if object {
            if let Some(k) = distinct.get(1) {
                return Some(k.clone());
            }
        } else if let Some(k) = distinct.first() {
            return Some(k.clone());
        }
        for back in 1..=3 {
            if si < back {
                break;
            }
            let p = persons(si - back);
            if let Some(r) = p.first() {
                return Some(self.canonical_key(raws, added, r));
            }
        }
        None
    }

    /// Who "the Cuban president" is: the last person in the document with
    /// that role, else the knowledge base's holder of the office at the date.
    fn description_target(&self, title: &str, country: Option<&str>, date: Option<PartialDate>, pos: usize, raws: &[Raw], added: &[Raw]) -> Option<Key> {
        let head = DESCRIPTION_HEADS.iter().filter(|h| title == **h || title.ends_with(*h)).max_by_key(|h| h.len()).copied().unwrap_or(title);
        let mut best: Option<(usize, Key)> = None;
        for r in raws.iter().chain(added.iter()) {
            if r.etype != EntityType::Person || r.span.start >= pos {
                continue;
            }
            let key = self.canonical_key(raws, added, r);
            if let Key::Kb(i) = key {
                let kbe = &self.kb.entities[i];
                if let Some(c) = country {
                    if kbe.country.as_deref() != Some(c) {
                        continue;
                    }
                }
                let fits = self.kb.offices_at(i, date).iter().any(|o| title_matches(&o.title, o.org.as_deref(), head));
                if fits && best.as_ref().map(|(p, _)| r.span.start > *p).unwrap_or(true) {
                    best = Some((r.span.start, key));
                }
            }
        }
        if let Some((_, k)) = best {
            return Some(k);
        }
        let c = country?;
        let holders = self.kb.office_holders(head, c, date);
        (holders.len() == 1).then(|| Key::Kb(holders[0]))
    }

    fn build_entities(&self, doc: &Document, text: &str, factual: &[&Sentence], titles: &[Span], raws: Vec<Raw>, new_info: &HashMap<String, NewInfo>) -> (Vec<LocalEntity>, Vec<Mention>) {
        let mut index: HashMap<Key, usize> = HashMap::new();
        let mut entities: Vec<LocalEntity> = Vec::new();
        let mut mentions = Vec::new();
        let mut resolved: Vec<Option<usize>> = vec![None; raws.len()];
        for i in 0..raws.len() {
            let mut k = raws[i].key.clone();
            let mut guard = 0;
            while let Key::Same(j) = k {
                guard += 1;
                if guard > 32 || j >= raws.len() {
                    break;
                }
                if let Some(e) = resolved[j] {
                    resolved[i] = Some(e);
                    break;
                }
                k = raws[j].key.clone();
            }
            if resolved[i].is_some() {
                continue;
            }
            if matches!(k, Key::Same(_)) {
                continue;
            }
            let r = &raws[i];
            let idx = *index.entry(k.clone()).or_insert_with(|| {
                let e = match &k {
                    Key::Kb(kb) => {
                        let kbe = &self.kb.entities[*kb];
                        LocalEntity { name: kbe.name.clone(), entity_type: kbe.etype, kb_id: Some(kbe.id.clone()), country: kbe.country.clone(), aliases: Vec::new(), roles: Vec::new(), kind: Some(kbe.kind.clone()) }
                    }
                    Key::New(t, n) => {
                        let info = new_info.get(&format!("{}:{n}", if *t == EntityType::Person { "p" } else { "o" }));
                        LocalEntity {
                            name: info.map(|i| i.name.clone()).unwrap_or_else(|| r.text.clone()),
                            entity_type: *t,
                            kb_id: None,
                            country: info.and_then(|i| i.country.clone()),
                            aliases: Vec::new(),
                            roles: Vec::new(),
                            kind: None,
                        }
                    }
                    Key::Same(_) => unreachable!("resolved above"),
                };
                entities.push(e);
                entities.len() - 1
            });
            resolved[i] = Some(idx);
        }
        for (i, r) in raws.iter().enumerate() {
            let Some(e) = resolved[i] else { continue };
            if r.kind == MentionKind::Name {
                let ent = &mut entities[e];
                let t = r.text.replace('’', "'");
                let t = t.trim_end_matches("'s").to_string();
                if !ent.aliases.contains(&t) && t != ent.name {
                    ent.aliases.push(t);
                }
            }
            mentions.push(Mention { span: r.span, text: r.text.clone(), kind: r.kind, entity_type: r.etype, local: e });
        }
        // Roles: titles written before a person's name, and offices known at the date.
        for m in &mentions {
            if m.entity_type != EntityType::Person || m.kind != MentionKind::Name {
                continue;
            }
            if let Some(role) = self.role_before(text, m.span, titles, &mentions, &entities) {
                let ent = &mut entities[m.local];
                if !ent.roles.contains(&role) {
                    ent.roles.push(role);
                }
            }
        }
        for ent in entities.iter_mut() {
            if ent.entity_type != EntityType::Person {
                continue;
            }
            if ent.country.is_none() {
                ent.country = ent.roles.iter().find_map(|r| r.country.clone());
            }
            if let Some(&i) = ent.kb_id.as_ref().and_then(|id| self.kb.by_id.get(id)) {
                for o in self.kb.offices_at(i, doc.published) {
                    let role = Role { title: o.title.clone(), org: o.org.clone(), country: o.country.clone(), qualifier: None, from: o.from.map(|d| d.to_string()), to: o.to.map(|d| d.to_string()) };
                    if !ent.roles.iter().any(|r| r.title == role.title && r.org == role.org) {
                        ent.roles.push(role);
                    }
                }
            }
        }
        let _ = factual;
        (entities, mentions)
    }

    /// "Cuban President Miguel Díaz-Canel", "former president ... Raúl Castro", "then-President Barack Obama".
    fn role_before(&self, text: &str, name: Span, titles: &[Span], mentions: &[Mention], entities: &[LocalEntity]) -> Option<Role> {
        let idx = titles.partition_point(|t| t.end <= name.start);
        let t = titles[idx.saturating_sub(2)..idx].iter().filter(|t| name.start - t.end <= 3).max_by_key(|t| t.end)?;
        let gap = &text[t.end..name.start];
        if !gap.chars().all(|c| c.is_whitespace() || c == ',') {
            return None;
        }
        let title = t.slice(text).to_string();
        let before = text[..t.start].trim_end();
        let m_hi = mentions.partition_point(|m| m.span.start < t.start);
        let country = mentions[m_hi.saturating_sub(3)..m_hi]
            .iter()
            .filter(|m| m.entity_type == EntityType::Country && m.span.end <= t.start && t.start - m.span.end <= 3)
            .last()
            .and_then(|m| entities[m.local].country.clone());
        let lower_before = tail(before).to_lowercase();
        let qualifier = ["former", "then", "acting", "interim", "late", "outgoing", "incoming"]
            .iter()
            .find(|q| lower_before.ends_with(*q) || lower_before.ends_with(&format!("{q}-")))
            .map(|q| q.to_string())
            .or_else(|| text[..t.start].ends_with("then-").then(|| "then".to_string()));
        Some(Role { title: capitalize_words(&title), org: None, country, qualifier, from: None, to: None })
    }
}

/// How many characters of context [`head`] and [`tail`] keep.
const CONTEXT_CHARS: usize = 32;

/// The last [`CONTEXT_CHARS`] characters of `s`. The context before a
/// mention is only ever tested, once lower-cased, for a short ASCII ending
/// ("former", " via", "part of", a last word "against"): lower-casing this
/// tail gives the same answers as lower-casing the whole text before the
/// mention, which made each test linear in the document.
fn tail(s: &str) -> &str {
    let cut = s.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    &s[cut..]
}

/// The first [`CONTEXT_CHARS`] characters of `s` (see [`tail`]).
fn head(s: &str) -> &str {
    let cut = s.char_indices().nth(CONTEXT_CHARS).map_or(s.len(), |(i, _)| i);
    &s[..cut]
}

fn covered(raws: &[Raw], sp: Span) -> bool {
    raws.iter().any(|r| r.span.overlaps(sp))
}

fn capitalize_words(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let lw = w.to_lowercase();
            if ["of", "the", "and", "for"].contains(&lw.as_str()) {
                return lw;
            }
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn country_start(raws: &[Raw], t: &Span, text: &str) -> Option<usize> {
    raws.iter()
        .filter(|r| r.etype == EntityType::Country && r.span.end <= t.start && text[r.span.end..t.start].trim_matches(|c: char| c.is_whitespace() || c == '\'' || c == '’' || c == 's').is_empty())
        .map(|r| r.span.start)
        .next_back()
}

fn is_cap_word(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => w.chars().filter(|c| c.is_alphabetic()).count() >= 2 || w.len() == 1 && false,
        _ => false,
    }
}

fn boundary_before(s: &str, i: usize) -> bool {
    i == 0 || s[..i].chars().next_back().map(|c| !c.is_alphanumeric()).unwrap_or(true)
}

fn boundary_after(s: &str, i: usize) -> bool {
    i >= s.len() || s[i..].chars().next().map(|c| !c.is_alphanumeric()).unwrap_or(true)
}

/// Is a capital city used for its government? "Washington said", "Havana's
/// struggle", "on the part of Washington", "talks with Moscow".
fn is_metonymic(text: &str, span: Span) -> bool {
    let after = text[span.end..].trim_start();
    if after.starts_with("'s") || after.starts_with("’s") {
        return true;
    }
    let next = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_lowercase();
    const VERBS: &[&str] = &[
        "said", "says", "should", "has", "have", "had", "is", "was", "will", "would", "wants", "insists", "insisted", "accused",
        "accuses", "announced", "announces", "rejected", "rejects", "denied", "denies", "warned", "warns", "condemned",
        "demanded", "imposed", "claims", "claimed", "considers", "believes", "argues", "responded", "reacted", "must", "can", "could",
    ];
    if VERBS.contains(&next.as_str()) {
        return true;
    }
    let before = tail(text[..span.start].trim_end()).to_lowercase();
    let prev = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    ["by", "against", "with", "toward", "towards"].contains(&prev) || before.ends_with("part of")
}

fn preceded_by_title(text: &str, span: Span, titles: &[Span]) -> bool {
    titles.iter().any(|t| t.end <= span.start && text[t.end..span.start].chars().all(|c| c.is_whitespace() || c == ',') && span.start - t.end <= 3)
        || {
            // "Director of the Foreign Intelligence Service (SVR) Sergey ..." — a title phrase ending in an acronym.
            let before = text[..span.start].trim_end();
            before.ends_with(')') && titles.iter().any(|t| t.end <= span.start && span.start - t.end < 80 && !text[t.end..span.start].contains(['.', ';']))
        }
}

fn followed_by_title(text: &str, span: Span, titles: &[Span]) -> bool {
    let after = &text[span.end..];
    let Some(rest) = after.strip_prefix(',') else { return false };
    let rest_trim = rest.trim_start();
    let skip = rest.len() - rest_trim.len();
    let mut pos = span.end + 1 + skip;
    for art in ["the ", "The ", "a "] {
        if rest_trim.starts_with(art) {
            pos += art.len();
        }
    }
    // Allow a demonym or country's between: ", Russia's Deputy Prime Minister".
    titles.iter().any(|t| t.start >= pos && t.start <= pos + 20 && !text[pos..t.start].contains([',', '.']))
}

#[cfg(test)]
mod context_tests {
    use super::{head, tail, CONTEXT_CHARS};

    #[test]
    fn head_and_tail_keep_whole_characters() {
        let s = "é".repeat(CONTEXT_CHARS + 5);
        assert_eq!(tail(&s).chars().count(), CONTEXT_CHARS);
        assert_eq!(head(&s).chars().count(), CONTEXT_CHARS);
        assert_eq!(tail("on"), "on");
        assert_eq!(head("on"), "on");
        assert_eq!(tail(""), "");
        let long = format!("{}the late", "x".repeat(100));
        assert!(tail(&long).to_lowercase().ends_with("late"));
    }
}
