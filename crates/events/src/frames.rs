//! Argument frames: which mentions of a sentence play which role in an event.

use crate::triggers::{FrameKind, Trigger};
use attache_model::{ArgRole, DateInterval, Granularity, DocAnalysis, Document, EntityType, Mention, MentionKind, Pos, Sentence, TimexType};
use std::collections::HashMap;

/// Words that close the list of a meeting's participants ("..., reported the agency").
const ATTRIBUTION_WORDS: &[&str] = &["said", "says", "reported", "according", "told", "stated", "announced", "added", "noted", "wrote", "confirmed"];
/// Words that open a new clause with its own subject.
const CLAUSE_OPENERS: &[&str] = &["that", "which", "who", ";", "where", "when", "while", "whereas", ":"];

/// Nouns naming a diplomatic event, which a judgement may take as its object.
const EVENT_NOUNS: &[&str] = &["visit", "trip", "tour", "talk", "talks", "meeting", "summit", "agreement", "deal", "treaty", "accord"];

pub struct Frame {
    pub event_type: &'static str,
    pub participants: Vec<(usize, ArgRole)>,
    pub location: Option<usize>,
}

/// A sentence with its mentions and time expressions, and the document's entities.
pub struct SentenceCtx<'a> {
    pub doc: &'a Document,
    pub s: &'a Sentence,
    pub a: &'a DocAnalysis,
    pub mentions: Vec<&'a Mention>,
    /// The document's two most mentioned countries (computed once per document).
    pub main: &'a [usize],
}

impl<'a> SentenceCtx<'a> {
    pub fn new(doc: &'a Document, s: &'a Sentence, a: &'a DocAnalysis, main: &'a [usize]) -> SentenceCtx<'a> {
        // Mentions are sorted by position: take the sentence's slice by binary search.
        let lo = a.mentions.partition_point(|m| m.span.start < s.span.start);
        let hi = a.mentions.partition_point(|m| m.span.start < s.span.end);
        let mut mentions: Vec<&Mention> = a.mentions[lo..hi.max(lo)].iter().filter(|m| s.span.contains(m.span)).collect();
        mentions.sort_by_key(|m| m.span.start);
        SentenceCtx { doc, s, a, mentions, main }
    }

    fn etype(&self, m: &Mention) -> EntityType {
        self.a.entities[m.local].entity_type
    }

    fn word(&self, i: usize) -> std::borrow::Cow<'a, str> {
        self.s.tokens.get(i).map(|t| attache_text::lowercase(&t.text)).unwrap_or_default()
    }

    /// Local entity of a country by ISO code, if the document mentions it.
    pub fn country_entity(&self, code: &str) -> Option<usize> {
        self.a.entities.iter().position(|e| e.entity_type == EntityType::Country && e.country.as_deref() == Some(code))
    }

    /// The nearest dated time expression of the sentence.
    fn timexes(&self) -> &'a [attache_model::Timex] {
        let t = &self.a.timexes;
        let lo = t.partition_point(|x| x.span.start < self.s.span.start);
        let hi = t.partition_point(|x| x.span.start < self.s.span.end);
        &t[lo..hi.max(lo)]
    }

    pub fn date_near(&self, trig: &Trigger) -> Option<DateInterval> {
        // A noun's date follows it with no verb between: "his visit to the
        // island coincides with the announcement on Monday" dates the announcement.
        // Nor does it take the date of another event noun ("the announcement on Monday").
        let event_noun = |w: &str| ["ment", "tion", "sion", "ance", "ence"].iter().any(|s| w.len() > 6 && w.ends_with(s));
        let verb_between = |t: &attache_model::Timex| {
            trig.nominal
                && t.span.start >= trig.span.end
                && self.s.tokens.iter().enumerate().any(|(i, k)| {
                    k.span.start >= trig.span.end
                        && k.span.end <= t.span.start
                        // "agreements reached in 2022": a participle right after the noun describes it.
                        && !(i == trig.tok + 1 && k.text.ends_with("ed"))
                        && !EVENT_NOUNS.contains(&k.lemma.as_str())
                        && (k.pos == Pos::Verb || k.pos == Pos::Noun && event_noun(&k.lemma) && self.s.tokens.get(i + 1).is_some_and(|n| n.span.end <= t.span.start && matches!(n.lemma.as_str(), "on" | "in" | "of")))
                })
        };
        self.nearest_date(trig, self.dates().filter(|t| !verb_between(t)))
    }

    /// The sentence's time expressions that date something (days to decades,
    /// not "this century").
    fn dates(&self) -> impl Iterator<Item = &'a attache_model::Timex> + '_ {
        self.timexes().iter().filter(|t| {
            self.s.span.contains(t.span) && matches!(t.ty, TimexType::Date | TimexType::Time) && t.interval.is_some_and(|i| i.granularity < Granularity::Century)
        })
    }

    /// Of `dates`, the one closest to the trigger.
    fn nearest_date<'t>(&self, trig: &Trigger, dates: impl Iterator<Item = &'t attache_model::Timex>) -> Option<DateInterval> {
        let span = trig.span;
        dates.min_by_key(|t| if t.span.start >= span.end { t.span.start - span.end } else { span.start.saturating_sub(t.span.end) }).and_then(|t| t.interval)
    }

    /// The nearest date that is not inside the infinitive following the
    /// trigger ("invited him on Monday to visit Cuba next year": Monday).
    pub fn date_near_before_infinitive(&self, trig: &Trigger) -> Option<DateInterval> {
        let cut = (trig.tok + 1..self.s.tokens.len()).find(|&i| self.word(i) == "to").map(|i| self.s.tokens[i].span.start).unwrap_or(self.s.span.end);
        self.nearest_date(trig, self.dates().filter(|t| t.span.end <= cut))
    }

    /// The first dated expression of the sentence that dates its main
    /// clause: not one inside "during/after/since ..." background.
    pub fn sentence_date(&self) -> Option<DateInterval> {
        let background = |t: &attache_model::Timex| {
            let at = self.s.tokens.partition_point(|k| k.span.end <= t.span.start);
            (at.saturating_sub(12)..at).any(|i| matches!(self.word(i).as_ref(), "during" | "after" | "since" | "before" | "following"))
        };
        self.dates().find(|t| !background(t)).and_then(|t| t.interval)
    }

    /// "according to Prensa Latina", "..., the statement reads".
    pub fn attribution(&self) -> Option<String> {
        let text = self.s.span.slice(&self.doc.text);
        let lower = text.to_lowercase();
        let at = lower.find("according to ")?;
        let rest = &text[at + "according to ".len()..];
        let end = rest.find([',', '.', ';']).unwrap_or(rest.len());
        let who = rest[..end].trim();
        (!who.is_empty() && who.len() < 80).then(|| who.to_string())
    }

    /// Can the mention act in an event? News agencies and social networks report and carry statements; they do not meet or criticise.
    fn is_actor(&self, m: &Mention) -> bool {
        let e = &self.a.entities[m.local];
        if matches!(e.kind.as_deref(), Some("agency" | "platform")) {
            return false;
        }
        matches!(e.entity_type, EntityType::Person | EntityType::Organization) || (e.entity_type == EntityType::Country && m.kind != MentionKind::Demonym)
    }

    /// Mentions strictly before / after the trigger, within the sentence.
    fn before(&self, trig: &Trigger) -> Vec<&'a Mention> {
        self.mentions.iter().copied().filter(|m| m.span.end <= trig.span.start).collect()
    }
    fn after(&self, trig: &Trigger) -> Vec<&'a Mention> {
        // Stop at an attribution ("..., reported the agency") which starts another clause.
        // Also at a second verb phrase ("met Maduro ... and has since briefed the
        // president"): who is briefed did not take part in the meeting.
        let toks = &self.s.tokens;
        let second_predicate = |i: usize| {
            let verb_at = |j: usize| toks.get(j).is_some_and(|n| n.pos == Pos::Verb || matches!(n.lemma.as_str(), "have" | "be" | "will"));
            let adverb_at = |j: usize| toks.get(j).is_some_and(|n| n.pos == Pos::Adverb || matches!(n.lemma.as_str(), "later" | "then" | "since" | "also"));
            // ", and Washington lifted ...": a new subject and its verb.
            let new_subject = i > 0 && self.word(i - 1) == "," && toks.get(i + 1).is_some_and(|n| n.pos == Pos::ProperNoun) && verb_at(i + 2);
            self.word(i) == "and" && (verb_at(i + 1) || adverb_at(i + 1) && verb_at(i + 2) || new_subject)
        };
        let stop = (trig.tok + 1..toks.len())
            .find(|&i| ATTRIBUTION_WORDS.contains(&self.word(i).as_ref()) || self.word(i) == ";" || second_predicate(i))
            .map(|i| self.s.tokens[i].span.start)
            .unwrap_or(self.s.span.end);
        self.mentions.iter().copied().filter(|m| m.span.start >= trig.span.end && m.span.end <= stop).collect()
    }

    /// The subject(s) of the trigger's clause: people between the last clause
    /// opener and the trigger, else the nearest person before it.
    fn subjects(&self, trig: &Trigger, want_people: bool) -> Vec<usize> {
        // ", and" before a new subject opens a clause too ("the EU extended ..., and Washington lifted ...").
        let opens = |i: usize| CLAUSE_OPENERS.contains(&self.word(i).as_ref()) || self.word(i) == "and" && i > 0 && self.word(i - 1) == ",";
        let clause_start = (0..trig.tok).rev().find(|&i| opens(i)).map(|i| self.s.tokens[i].span.end).unwrap_or(self.s.span.start);
        let before = self.before(trig);
        // A name modifying a noun ("unveil a Fidel Castro statue") is not a subject.
        let modifier = |m: &&Mention| {
            let at = self.s.tokens.partition_point(|k| k.span.start < m.span.end);
            self.s.tokens.get(at).is_some_and(|k| k.pos == Pos::Noun && k.text.starts_with(|c: char| c.is_lowercase()) && !k.text.ends_with('s'))
        };
        let in_clause: Vec<&Mention> = before.iter().copied().filter(|m| m.span.start >= clause_start && !modifier(m)).collect();
        let pick = |ms: &[&Mention], t: EntityType| -> Vec<usize> {
            let mut v = Vec::new();
            for m in ms.iter().filter(|m| self.etype(m) == t && self.is_actor(m)) {
                if !v.contains(&m.local) {
                    v.push(m.local);
                }
            }
            v
        };
        let people = pick(&in_clause, EntityType::Person);
        if !people.is_empty() {
            // Coordinated subjects ("Lavrov and Chernyshenko have visited"): keep those
            // joined by "and" or commas; otherwise the nearest one is the subject.
            return if self.coordinated(&in_clause) { people } else { vec![*people.last().unwrap_or(&people[0])] };
        }
        if let Some(p) = before.iter().rev().find(|m| self.etype(m) == EntityType::Person) {
            return vec![p.local];
        }
        if want_people {
            return Vec::new();
        }
        // The nearest organisation or country of the clause acts.
        // A capital stands for its government ("Washington lifted ...").
        if let Some(m) = in_clause.iter().rev().find(|m| {
            matches!(self.etype(m), EntityType::Organization | EntityType::Country) && self.is_actor(m) || self.etype(m) == EntityType::Place && !self.locative(m)
        }) {
            return vec![if self.etype(m) == EntityType::Place { self.country_of(m.local).unwrap_or(m.local) } else { m.local }];
        }
        before.iter().rev().find(|m| self.is_actor(m)).map(|m| vec![m.local]).unwrap_or_default()
    }

    fn coordinated(&self, ms: &[&Mention]) -> bool {
        let people: Vec<&&Mention> = ms.iter().filter(|m| self.etype(m) == EntityType::Person && m.kind != MentionKind::Pronoun).collect();
        people.len() >= 2
            && people.windows(2).all(|w| {
                let gap = &self.doc.text[w[0].span.end.min(w[1].span.start)..w[1].span.start];
                // "Lula's adviser, Celso Amorim," is one person, named through another.
                let possessive = gap.starts_with("'s") || gap.starts_with("’s");
                !possessive && (gap.contains(" and ") || gap.trim() == "," || gap.contains("including") || gap.len() < 40 && gap.contains(','))
            })
    }

    /// A possessor right before a nominal trigger: "the latter's official visit", "Patrushev's tour".
    fn possessor(&self, trig: &Trigger) -> Option<usize> {
        let lo = trig.tok.saturating_sub(5);
        for i in (lo..trig.tok).rev() {
            let w = self.word(i);
            if w == "'s" || w == "’s" || w == "his" || w == "her" {
                let pos = if w == "his" || w == "her" { self.s.tokens[i].span.start } else { self.s.tokens[i].span.start };
                return self
                    .mentions
                    .iter()
                    .filter(|m| self.etype(m) == EntityType::Person && (m.span.end == pos || m.span.start == pos || m.span.end + 1 >= pos && m.span.end <= pos))
                    .map(|m| m.local)
                    .next();
            }
            if ["the", "a", "an", ",", "to", "of", "in"].contains(&w.as_ref()) && i + 1 < trig.tok {
                break;
            }
        }
        None
    }

    /// "visit by X", "visit of X" right after a nominal trigger.
    fn agent_after(&self, trig: &Trigger) -> Option<usize> {
        let w = self.word(trig.tok + 1);
        if w != "by" && w != "of" {
            return None;
        }
        let after_pos = self.s.tokens.get(trig.tok + 1)?.span.end;
        self.mentions.iter().find(|m| m.span.start >= after_pos && m.span.start <= after_pos + 40 && self.etype(m) == EntityType::Person).map(|m| m.local)
    }

    /// The host of a visit: the first country, place or seat of power the
    /// visit goes to ("visit to Havana", "visited the Kremlin", "arrived in Cuba").
    fn host(&self, trig: &Trigger, visitors: &[usize]) -> Option<(Option<usize>, Option<usize>)> {
        let mut i = trig.tok + 1;
        // Find "to"/"in" (nominal, or arrive/travel), or take the direct object (verb "visited").
        let direct = !trig.nominal && self.s.tokens[trig.tok].lemma == "visit";
        let mut from = None;
        while i < self.s.tokens.len() && i <= trig.tok + 14 {
            let w = self.word(i);
            if ["to", "in", "at"].contains(&w.as_ref()) || direct && i == trig.tok + 1 {
                from = Some(if direct && i == trig.tok + 1 { self.s.tokens[trig.tok].span.end } else { self.s.tokens[i].span.end });
                break;
            }
            if [".", ";"].contains(&w.as_ref()) {
                break;
            }
            i += 1;
        }
        let from = from?;
        // "his visit to the island", "to the country": the story's other country.
        let rest = self.doc.text[from..self.s.span.end].trim_start().to_lowercase();
        if ["the island", "the country", "the nation", "the caribbean nation", "the island nation"].iter().any(|p| rest.strip_prefix(p).is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))) {
            let visitor_countries: Vec<Option<&str>> = visitors.iter().map(|&v| self.a.entities[v].country.as_deref()).collect();
            let other = self.main.iter().copied().find(|&c| !visitor_countries.contains(&self.a.entities[c].country.as_deref()))?;
            return Some((Some(other), None));
        }
        let m = self.mentions.iter().find(|m| {
            m.span.start >= from && m.span.start <= from + 12 && !visitors.contains(&m.local) && matches!(self.etype(m), EntityType::Country | EntityType::Place | EntityType::Organization)
        })?;
        let e = &self.a.entities[m.local];
        match e.entity_type {
            EntityType::Country => {
                // A later place in the same phrase ("to Havana, Cuba" or "to Cuba ... in Havana") is the location.
                let loc = self.mentions.iter().find(|x| x.span.start > m.span.start && self.etype(x) == EntityType::Place && self.a.entities[x.local].country == e.country).map(|x| x.local);
                Some((Some(m.local), loc))
            }
            EntityType::Place => {
                let host = e.country.as_deref().and_then(|c| self.country_entity(c));
                Some((host, Some(m.local)))
            }
            _ => {
                // A seat of power ("the Kremlin") stands for its country.
                let host = e.country.as_deref().and_then(|c| self.country_entity(c))?;
                Some((Some(host), None))
            }
        }
    }

    fn implied_host(&self, trig: &Trigger, visitors: &[usize]) -> Option<(Option<usize>, Option<usize>)> {
        let foreign = |code: Option<&str>| visitors.iter().all(|&v| self.a.entities[v].country.as_deref() != code);
        let place = self.mentions.iter().find(|m| {
            let e = &self.a.entities[m.local];
            m.span.end <= trig.span.start && e.entity_type == EntityType::Place && e.country.is_some() && foreign(e.country.as_deref()) && {
                let before = self.doc.text[..m.span.start].trim_end();
                before.ends_with(" in") || before.ends_with(" to") || before.ends_with(" at")
            }
        });
        if let Some(m) = place {
            let code = self.a.entities[m.local].country.clone()?;
            return Some((self.country_entity(&code), Some(m.local)));
        }
        let dl = self.doc.dateline.as_ref()?;
        let place = self.a.entities.iter().position(|e| e.entity_type == EntityType::Place && e.name == dl.place)?;
        let code = self.a.entities[place].country.clone()?;
        if !foreign(Some(&code)) {
            return None;
        }
        Some((self.country_entity(&code), Some(place)))
    }

    /// Is the mention a place where something happens ("said in Moscow"), not an actor?
    fn locative(&self, m: &Mention) -> bool {
        let before = self.doc.text[..m.span.start].trim_end();
        [" in", " from", " at"].iter().any(|p| before.ends_with(p))
    }

    fn first_place_after(&self, trig: &Trigger) -> Option<usize> {
        self.after(trig).iter().find(|m| self.etype(m) == EntityType::Place).map(|m| m.local)
    }

    /// The country of a person (or organisation), as a local entity, when the document names it.
    fn country_of(&self, local: usize) -> Option<usize> {
        let e = &self.a.entities[local];
        if e.entity_type == EntityType::Country {
            return Some(local);
        }
        e.country.as_deref().and_then(|c| self.country_entity(c))
    }

    /// The two countries the document talks about most: the parties of
    /// "the two countries", "both sides".
    fn main_countries(&self) -> Vec<usize> {
        self.main.to_vec()
    }
}

/// The two countries a document talks about most: the parties of "the two
/// countries", "both sides".
pub fn main_countries(a: &DocAnalysis) -> Vec<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for m in &a.mentions {
        if a.entities[m.local].entity_type == EntityType::Country {
            *counts.entry(m.local).or_default() += 1;
        }
    }
    let mut v: Vec<(usize, usize)> = counts.into_iter().collect();
    v.sort_by_key(|(l, c)| (std::cmp::Reverse(*c), *l));
    v.into_iter().take(2).map(|(l, _)| l).collect()
}

fn push(v: &mut Vec<(usize, ArgRole)>, l: usize, r: ArgRole) {
    if !v.iter().any(|(x, _)| *x == l) {
        v.push((l, r));
    }
}

pub fn read(ctx: &SentenceCtx, trig: &Trigger, story: &crate::StoryState) -> Vec<Frame> {
    match trig.frame {
        FrameKind::Visit => visit(ctx, trig),
        FrameKind::Meet => meet(ctx, trig, story).into_iter().collect(),
        FrameKind::Directed => directed(ctx, trig).into_iter().collect(),
        FrameKind::Joint => joint(ctx, trig).into_iter().collect(),
    }
}

fn visit(ctx: &SentenceCtx, trig: &Trigger) -> Vec<Frame> {
    // An invited visit ("invited Putin to visit Cuba") is part of the invitation, not a visit.
    let invited = (0..trig.tok).any(|i| matches!(ctx.s.tokens[i].lemma.as_str(), "invite" | "invitation"));
    if invited {
        return Vec::new();
    }
    let visitors: Vec<usize> = if trig.nominal {
        ctx.possessor(trig).or_else(|| ctx.agent_after(trig)).map(|v| vec![v]).unwrap_or_else(|| ctx.subjects(trig, true))
    } else {
        ctx.subjects(trig, true)
    };
    if visitors.is_empty() {
        return Vec::new();
    }
    // With no destination after the trigger ("wrapping up a short visit"), a
    // place named in the sentence, else the dateline's city, is where the visit was.
    let Some((host, location)) = ctx.host(trig, &visitors).or_else(|| ctx.implied_host(trig, &visitors)) else { return Vec::new() };
    // The host is a country; when the article names only the city, the city
    // stands in for it (its country is known from the knowledge base).
    let Some(host) = host.or_else(|| location.and_then(|l| ctx.country_of(l))).or(location) else { return Vec::new() };
    let host_code = ctx.a.entities[host].country.clone();
    // A leader travelling inside their own country is not a diplomatic visit.
    let foreign = |v: &usize| {
        let vc = &ctx.a.entities[*v].country;
        vc.is_none() || *vc != host_code
    };
    let mut visitors: Vec<usize> = visitors.into_iter().filter(foreign).collect();
    if visitors.is_empty() && trig.nominal && host_code.is_some() {
        // "X held talks with his Belarusian counterpart during an official visit
        // to Belarus": the nearest person is the host's; the visitor is the
        // clause's first foreign person.
        visitors.extend(
            ctx.before(trig).iter().filter(|m| ctx.etype(m) == EntityType::Person && ctx.a.entities[m.local].country.is_some()).map(|m| m.local).find(|v| foreign(v)),
        );
    }
    visitors.into_iter().map(|v| Frame { event_type: "visit", participants: vec![(v, ArgRole::Agent), (host, ArgRole::Patient)], location }).collect()
}

fn meet(ctx: &SentenceCtx, trig: &Trigger, story: &crate::StoryState) -> Option<Frame> {
    let mut parts: Vec<(usize, ArgRole)> = Vec::new();
    let after = ctx.after(trig);
    let between = ctx.word(trig.tok + 1) == "between";
    if !between {
        if let Some(p) = ctx.possessor(trig) {
            push(&mut parts, p, ArgRole::Participant);
        }
        for s in ctx.subjects(trig, true) {
            push(&mut parts, s, ArgRole::Participant);
        }
    }
    let mut people_after: Vec<usize> = after.iter().filter(|m| ctx.etype(m) == EntityType::Person).map(|m| m.local).collect();
    // "received a delegation of the Communist Party of China": the body the delegation represents.
    // ("a Chinese delegation" likewise stands for China.)
    if people_after.iter().all(|p| parts.iter().any(|(x, _)| x == p)) {
        let delegation = |m: &&Mention| {
            let before = ctx.doc.text[..m.span.start].trim_end().to_lowercase();
            let after = ctx.doc.text[m.span.end..].trim_start().to_lowercase();
            ["delegation of", "delegation of the", "delegation from", "delegation from the"].iter().any(|p| before.ends_with(p))
                || m.kind == MentionKind::Demonym && after.starts_with("delegation")
        };
        people_after.extend(after.iter().find(|m| matches!(ctx.etype(m), EntityType::Organization | EntityType::Country) && delegation(m)).map(|m| m.local));
    }
    for p in &people_after {
        push(&mut parts, *p, ArgRole::Participant);
    }
    // "The visit also included a meeting with X": the visitor is the other party.
    if parts.len() == 1 && trig.nominal && ctx.s.tokens[..trig.tok].iter().any(|t| t.lemma == "visit" || t.lemma == "trip") {
        if let Some(v) = story.visitor {
            push(&mut parts, v, ArgRole::Participant);
        }
    }
    if parts.len() < 2 {
        return None;
    }
    Some(Frame { event_type: trig.event_type, participants: parts, location: ctx.first_place_after(trig) })
}

/// A meeting held abroad implies a visit: a leader who meets the host in
/// Kazan has travelled to Russia, whether or not the article says "visit".
/// Only people whose own country is known and differs from the place's count.
pub fn implied_visits(ctx: &SentenceCtx, meeting: &Frame) -> Vec<Frame> {
    let Some(place) = meeting.location else { return Vec::new() };
    let Some(host) = ctx.country_of(place) else { return Vec::new() };
    let Some(host_code) = ctx.a.entities[host].country.as_deref() else { return Vec::new() };
    meeting
        .participants
        .iter()
        .filter(|(p, _)| {
            let e = &ctx.a.entities[*p];
            // An ambassador or envoy posted there lives there: meeting the host is no trip.
            let posted = e.roles.iter().any(|r| {
                let t = r.title.to_lowercase();
                ["ambassador", "chargé", "charge d", "consul", "envoy", "representative"].iter().any(|w| t.contains(w))
            });
            e.entity_type == EntityType::Person && !posted && e.country.as_deref().is_some_and(|c| c != host_code)
        })
        .map(|(p, _)| Frame { event_type: "visit", participants: vec![(*p, ArgRole::Agent), (host, ArgRole::Patient)], location: Some(place) })
        .collect()
}

fn directed(ctx: &SentenceCtx, trig: &Trigger) -> Option<Frame> {
    // "X visited Y at the invitation of Z": Z invited X.
    if trig.event_type == "invite" && trig.nominal && ctx.word(trig.tok + 1) == "of" && trig.tok >= 2 && ["at", "upon", "on"].contains(&ctx.word(trig.tok - 2).as_ref()) {
        let after = ctx.after(trig);
        let inviter = after
            .iter()
            .find(|m| ctx.etype(m) == EntityType::Person)
            .or_else(|| after.iter().find(|m| ctx.etype(m) == EntityType::Country && m.kind != MentionKind::Demonym))
            .map(|m| m.local)?;
        let invitee = ctx.subjects(trig, true).into_iter().find(|&p| p != inviter)?;
        return Some(Frame { event_type: "invite", participants: vec![(inviter, ArgRole::Agent), (invitee, ArgRole::Patient)], location: None });
    }
    let agent = if trig.nominal { ctx.possessor(trig).map(|p| vec![p]).unwrap_or_else(|| ctx.subjects(trig, false)) } else { ctx.subjects(trig, false) };
    let agent = *agent.last()?;
    // Targets follow the agent: "Pompeo said the shipment of Russian bombers to
    // Venezuela is corrupt" names its targets before the word that judges them.
    let agent_end = ctx.mentions.iter().filter(|m| m.local == agent && m.span.end <= trig.span.start).map(|m| m.span.end).last();
    let after: Vec<&Mention> = match (trig.event_type, agent_end) {
        ("criticize" | "praise" | "support", Some(end)) => {
            let tail = ctx.after(trig);
            ctx.mentions.iter().copied().filter(|m| m.span.start >= end && (m.span.end <= trig.span.start || tail.iter().any(|t| t.span == m.span))).collect()
        }
        _ => ctx.after(trig),
    };
    let mut parts = vec![(agent, ArgRole::Agent)];
    let country_level = ["sanction", "ease_sanctions"].contains(&trig.event_type);
    let targets: Vec<&Mention> = match trig.event_type {
        // The invitee and the one awarded are people; the rest may be any actor.
        "invite" | "award" => after.iter().copied().filter(|m| ctx.etype(m) == EntityType::Person && m.local != agent).take(1).collect(),
        _ => after
            .iter()
            .copied()
            .filter(|m| m.local != agent && (ctx.etype(m) != EntityType::Place || trig.event_type == "praise" && !ctx.locative(m)))
            .filter(|m| ctx.etype(m) == EntityType::Place || m.kind == MentionKind::Demonym || ctx.is_actor(m))
            .filter(|m| m.kind != MentionKind::Demonym || trig.event_type == "criticize")
            .take(4)
            .collect(),
    };
    for m in &targets {
        push(&mut parts, m.local, ArgRole::Patient);
        // An institution stands for its state too ("the State Department", "the Kremlin").
        if ctx.etype(m) == EntityType::Organization && !matches!(trig.event_type, "invite" | "award") {
            if let Some(c) = ctx.country_of(m.local) {
                if Some(c) != ctx.country_of(agent) {
                    push(&mut parts, c, ArgRole::Patient);
                }
            }
        }
    }
    // "praised the visit", "condemned the talks": the judged event's other
    // party is the target, the country the story is about besides the agent's.
    let judges_event = matches!(trig.event_type, "praise" | "criticize" | "support")
        && (trig.tok.saturating_sub(2)..(trig.tok + 3).min(ctx.s.tokens.len())).any(|i| i != trig.tok && EVENT_NOUNS.contains(&ctx.s.tokens[i].lemma.as_str()));
    if parts.len() < 2 && (country_level || judges_event) {
        // "announced ... easing sanctions" with the target named before: the last other country.
        let agent_country = ctx.country_of(agent);
        let before_country = ctx.before(trig).iter().rev().find(|m| ctx.etype(m) == EntityType::Country && Some(m.local) != agent_country && m.local != agent).map(|m| m.local);
        let fallback = before_country.or_else(|| ctx.main_countries().into_iter().find(|&c| Some(c) != agent_country && c != agent));
        if let Some(c) = fallback {
            push(&mut parts, c, ArgRole::Patient);
        }
    }
    if parts.len() < 2 {
        return None;
    }
    if country_level {
        // Sanctions are between states: the acting person's country takes part too.
        if let Some(c) = ctx.country_of(agent) {
            push(&mut parts, c, ArgRole::Agent);
        }
    }
    let location = if trig.event_type == "invite" { ctx.first_place_after(trig) } else { None };
    Some(Frame { event_type: trig.event_type, participants: parts, location })
}

fn joint(ctx: &SentenceCtx, trig: &Trigger) -> Option<Frame> {
    let mut parts: Vec<(usize, ArgRole)> = Vec::new();
    for m in ctx.mentions.iter().filter(|m| ctx.is_actor(m) || ctx.etype(m) == EntityType::Country) {
        let l = if ctx.etype(m) == EntityType::Country { m.local } else { ctx.country_of(m.local).unwrap_or(m.local) };
        push(&mut parts, l, ArgRole::Participant);
    }
    if parts.len() < 2 {
        for c in ctx.main_countries() {
            push(&mut parts, c, ArgRole::Participant);
        }
    }
    if parts.len() < 2 {
        return None;
    }
    Some(Frame { event_type: trig.event_type, participants: parts, location: ctx.first_place_after(trig) })
}
