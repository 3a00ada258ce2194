//! The knowledge base: countries, places, organisations, people with their
//! offices, and titles, read from the TSV files of `data/` (embedded at
//! build time, so the binary needs no data files at run time).

use crate::fold::{name_key, norm};
use attache_model::{EntityType, PartialDate};
use std::collections::HashMap;

const COUNTRIES: &str = include_str!("../../../data/countries.tsv");
const PLACES: &str = include_str!("../../../data/places.tsv");
const ORGANIZATIONS: &str = include_str!("../../../data/organizations.tsv");
const PEOPLE: &str = include_str!("../../../data/people.tsv");
const OFFICES: &str = include_str!("../../../data/offices.tsv");
const TITLES: &str = include_str!("../../../data/titles.tsv");

#[derive(Debug, Clone)]
pub struct KbEntity {
    pub id: String,
    pub name: String,
    pub etype: EntityType,
    pub country: Option<String>,
    /// Organisation kind (seat, agency, ministry ...) or place kind (city, continent ...).
    pub kind: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Office {
    pub title: String,
    pub org: Option<String>,
    pub country: Option<String>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
}

impl Office {
    /// Was the office held on (some day of) `date`?
    pub fn held_at(&self, date: Option<PartialDate>) -> bool {
        let Some(d) = date else { return self.to.is_none() };
        let iv = d.interval();
        let starts_ok = self.from.map(|f| f.interval().start <= iv.end).unwrap_or(true);
        let ends_ok = self.to.map(|t| t.interval().end >= iv.start).unwrap_or(true);
        starts_ok && ends_ok
    }
}

#[derive(Debug, Clone)]
pub struct Title {
    pub title: String,
    pub kind: String,
}

#[derive(Default)]
pub struct Kb {
    pub entities: Vec<KbEntity>,
    pub by_id: HashMap<String, usize>,
    pub offices: HashMap<usize, Vec<Office>>,
    /// Demonym surface form -> country entity index.
    pub demonyms: Vec<(String, usize)>,
    pub country_by_code: HashMap<String, usize>,
    /// Country code -> its capital's place entity index.
    pub capital_of: HashMap<String, usize>,
    /// Place entity index -> the code of the country it is the capital of.
    pub capital_country: HashMap<usize, String>,
    pub titles: Vec<Title>,
    /// Person name keys (full names and aliases of 2+ words) -> person indices.
    pub person_keys: HashMap<String, Vec<usize>>,
    /// Normalised alias -> entity indices, for exact lookups.
    pub by_norm: HashMap<String, Vec<usize>>,
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    // The files are tab-separated; a file written with ';' is accepted too.
    let sep = if text.lines().find(|l| !l.trim().is_empty()).map(|l| !l.contains('\t') && l.contains(';')).unwrap_or(false) {
        ';'
    } else {
        '\t'
    };
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(move |l| l.split(sep).map(str::trim).collect::<Vec<_>>())
}

fn cell<'a>(r: &[&'a str], i: usize) -> &'a str {
    r.get(i).copied().unwrap_or("")
}

fn list(s: &str) -> Vec<String> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect()
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn slug(s: &str) -> String {
    norm(s).replace(' ', "_")
}

impl Kb {
    pub fn load() -> Kb {
        let mut kb = Kb::default();
        for r in rows(COUNTRIES) {
            let code = cell(&r, 0).to_string();
            if code.is_empty() {
                continue;
            }
            let idx = kb.push(KbEntity {
                id: format!("C:{code}"),
                name: cell(&r, 1).to_string(),
                etype: EntityType::Country,
                country: Some(code.clone()),
                kind: "country".into(),
                aliases: list(cell(&r, 2)),
            });
            kb.country_by_code.insert(code, idx);
            for d in list(cell(&r, 3)) {
                kb.demonyms.push((d, idx));
            }
        }
        let mut capitals: Vec<(String, String)> = Vec::new();
        for r in rows(COUNTRIES) {
            if let Some(c) = opt(cell(&r, 4)) {
                capitals.push((cell(&r, 0).to_string(), c));
            }
        }
        for r in rows(PLACES) {
            let name = cell(&r, 0).to_string();
            if name.is_empty() {
                continue;
            }
            let country = opt(cell(&r, 2));
            let id = format!("L:{}_{}", slug(&name), country.as_deref().unwrap_or("x").to_lowercase());
            if kb.by_id.contains_key(&id) {
                continue;
            }
            kb.push(KbEntity { id, name, etype: EntityType::Place, country, kind: cell(&r, 1).to_string(), aliases: list(cell(&r, 3)) });
        }
        for (code, cap) in capitals {
            let found = kb.entities.iter().position(|e| e.etype == EntityType::Place && e.name == cap && e.country.as_deref() == Some(code.as_str()));
            if let Some(i) = found {
                kb.capital_of.insert(code.clone(), i);
                kb.capital_country.insert(i, code);
            }
        }
        for r in rows(ORGANIZATIONS) {
            let id = cell(&r, 0).to_string();
            if id.is_empty() || kb.by_id.contains_key(&id) {
                continue;
            }
            kb.push(KbEntity {
                id,
                name: cell(&r, 1).to_string(),
                etype: EntityType::Organization,
                country: opt(cell(&r, 3)),
                kind: cell(&r, 2).to_string(),
                aliases: list(cell(&r, 4)),
            });
        }
        for r in rows(PEOPLE) {
            let id = cell(&r, 0).to_string();
            if id.is_empty() || kb.by_id.contains_key(&id) {
                continue;
            }
            let idx = kb.push(KbEntity {
                id,
                name: cell(&r, 1).to_string(),
                etype: EntityType::Person,
                country: opt(cell(&r, 2)),
                kind: "person".into(),
                aliases: list(cell(&r, 3)),
            });
            let e = &kb.entities[idx];
            let keys: Vec<String> = std::iter::once(&e.name).chain(e.aliases.iter()).filter(|n| n.split_whitespace().count() >= 2).map(|n| name_key(n)).collect();
            for k in keys {
                let v = kb.person_keys.entry(k).or_default();
                if !v.contains(&idx) {
                    v.push(idx);
                }
            }
        }
        for r in rows(OFFICES) {
            let Some(&idx) = kb.by_id.get(cell(&r, 0)) else { continue };
            kb.offices.entry(idx).or_default().push(Office {
                title: cell(&r, 1).to_string(),
                org: opt(cell(&r, 2)),
                country: opt(cell(&r, 3)),
                from: PartialDate::parse(cell(&r, 4)),
                to: PartialDate::parse(cell(&r, 5)),
            });
        }
        for r in rows(TITLES) {
            if let Some(t) = opt(cell(&r, 0)) {
                kb.titles.push(Title { title: t, kind: cell(&r, 1).to_string() });
            }
        }
        for (i, e) in kb.entities.iter().enumerate() {
            for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
                let v = kb.by_norm.entry(norm(n)).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        kb
    }

    fn push(&mut self, e: KbEntity) -> usize {
        let idx = self.entities.len();
        self.by_id.insert(e.id.clone(), idx);
        self.entities.push(e);
        idx
    }

    pub fn country(&self, code: &str) -> Option<usize> {
        self.country_by_code.get(code).copied()
    }

    /// People who held an office with this title (head word match) in this
    /// country at the date, e.g. ("president", "RUS", 2022-11) -> Putin.
    pub fn office_holders(&self, title_head: &str, country: &str, date: Option<PartialDate>) -> Vec<usize> {
        let mut out = Vec::new();
        for (&idx, offices) in &self.offices {
            if offices.iter().any(|o| {
                o.country.as_deref() == Some(country) && o.held_at(date) && title_matches(&o.title, o.org.as_deref(), title_head)
            }) {
                out.push(idx);
            }
        }
        out.sort();
        out
    }

    /// Offices of a person held at the date (all offices when the date is unknown).
    pub fn offices_at(&self, idx: usize, date: Option<PartialDate>) -> Vec<&Office> {
        self.offices.get(&idx).map(|v| v.iter().filter(|o| date.is_none() || o.held_at(date)).collect()).unwrap_or_default()
    }
}

/// Does a stated title ("president", "leader", "foreign minister") fit an
/// office title ("President", "Minister of Foreign Affairs")?
pub fn title_matches(office_title: &str, office_org: Option<&str>, stated: &str) -> bool {
    let o = norm(office_title);
    let s = norm(stated);
    let org = office_org.map(norm).unwrap_or_default();
    if o == s {
        return true;
    }
    let head_of_state = ["president", "leader", "head of state", "ruler", "chairman", "supreme leader", "king", "emir"];
    match s.as_str() {
        "leader" | "ruler" | "head of state" => head_of_state.iter().any(|h| o == *h),
        // "The Russian envoy", "the diplomat": whoever speaks for a country abroad.
        "envoy" | "diplomat" => {
            o.contains("foreign") || org.contains("foreign affairs") || o == "secretary of state" || o.contains("ambassador") || o.contains("envoy") || o.contains("representative")
        }
        "foreign minister" | "minister of foreign affairs" | "top diplomat" | "chief diplomat" => {
            o.contains("foreign") || org.contains("foreign affairs") || o == "secretary of state" || o.contains("foreign secretary")
        }
        "defense minister" | "defence minister" | "minister of defense" | "minister of defence" => o.contains("defen") || org.contains("defen"),
        "prime minister" | "premier" => o == "prime minister" || o == "premier",
        "deputy prime minister" | "vice premier" => o.contains("deputy prime minister") || o.contains("vice premier"),
        "spokeswoman" | "spokesman" | "spokesperson" | "press secretary" => o.contains("spokes") || o.contains("press secretary"),
        _ => o.ends_with(&s) && !o.contains("vice") && !o.contains("deputy") && !o.contains("former"),
    }
}
