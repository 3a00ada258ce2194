//! Exports for other tools' data models: PLOVER event records and
//! FollowTheMoney (FtM) entities. Both are JSON lines.

use attache_model::{ArgRole, Corpus, Entity, EntityType, Event};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::io::{self, Write};

struct Index<'a> {
    entities: HashMap<&'a str, &'a Entity>,
    urls: HashMap<&'a str, &'a str>,
}

impl<'a> Index<'a> {
    fn new(c: &'a Corpus) -> Index<'a> {
        Index {
            entities: c.entities.iter().map(|e| (e.id.as_str(), e)).collect(),
            urls: c.documents.iter().filter_map(|d| d.url.as_deref().map(|u| (d.id.as_str(), u))).collect(),
        }
    }
    fn name(&self, id: &str) -> String {
        self.entities.get(id).map(|e| e.name.clone()).unwrap_or_else(|| id.to_string())
    }
    fn country(&self, id: &str) -> Option<String> {
        self.entities.get(id).and_then(|e| e.country.clone())
    }
    fn urls(&self, e: &Event) -> Vec<String> {
        e.docs().iter().filter_map(|d| self.urls.get(d.as_str()).map(|u| u.to_string())).collect()
    }
}

/// PLOVER's actor/recipient: the first agent acts, the first patient
/// receives; symmetric participants fill whichever slot is still empty.
fn actor_and_recipient(e: &Event) -> (Option<&str>, Option<&str>) {
    let first = |role: ArgRole| e.participants.iter().find(|p| p.role == role).map(|p| p.entity.as_str());
    let mut actor = first(ArgRole::Agent);
    let mut recipient = first(ArgRole::Patient);
    for p in e.participants.iter().filter(|p| p.role == ArgRole::Participant) {
        if actor.is_none() {
            actor = Some(&p.entity);
        } else if recipient.is_none() && actor != Some(p.entity.as_str()) {
            recipient = Some(&p.entity);
        }
    }
    (actor, recipient)
}

fn plover_json(e: &Event, ix: &Index) -> Value {
    let (category, mode) = e.plover.split_once('/').unwrap_or((e.plover.as_str(), ""));
    let (actor, recipient) = actor_and_recipient(e);
    let (start, end) = e.date.map(|d| d.iso()).map(|(s, e)| (Some(s), Some(e))).unwrap_or((None, None));
    json!({
        "event_id": e.id,
        "event_date": start,
        "event_date_end": end,
        "date_granularity": e.date.map(|d| d.granularity),
        "event_type": category,
        "mode": mode,
        "cameo": e.cameo,
        "attache_type": e.event_type,
        "actor": actor.map(|a| ix.name(a)),
        "actor_id": actor,
        "actor_country": actor.and_then(|a| ix.country(a)),
        "recipient": recipient.map(|r| ix.name(r)),
        "recipient_id": recipient,
        "recipient_country": recipient.and_then(|r| ix.country(r)),
        "participants": e.participants.iter().map(|p| json!({
            "id": p.entity, "name": ix.name(&p.entity), "country": ix.country(&p.entity), "role": p.role.as_str(),
        })).collect::<Vec<_>>(),
        "location": e.location.as_deref().map(|l| json!({"id": l, "name": ix.name(l), "country": ix.country(l)})),
        "modality": e.modality.as_str(),
        "sources": e.docs().len(),
        "source_docs": e.docs(),
        "source_urls": ix.urls(e),
        "source_text": e.reports.first().map(|r| r.provenance.quote.clone()),
    })
}

pub(crate) fn write_plover(c: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    let ix = Index::new(c);
    for e in &c.events {
        serde_json::to_writer(&mut *out, &plover_json(e, &ix))?;
        writeln!(out)?;
    }
    Ok(())
}

/// FtM ids are opaque strings; a prefix keeps ours apart from other datasets'.
fn ftm_id(id: &str) -> String {
    format!("attache-{}", id.replace(':', "-"))
}

/// A property map without empty values: FtM properties are lists of strings.
fn props(pairs: Vec<(&str, Vec<String>)>) -> Value {
    let mut m = Map::new();
    for (k, mut v) in pairs {
        v.retain(|s| !s.is_empty());
        v.dedup();
        if !v.is_empty() {
            m.insert(k.to_string(), json!(v));
        }
    }
    Value::Object(m)
}

fn ftm_entity(e: &Entity) -> Option<Value> {
    let country: Vec<String> = e.country.as_deref().and_then(alpha2).map(|c| vec![c.to_string()]).unwrap_or_default();
    let aliases: Vec<String> = e.aliases.iter().filter(|a| **a != e.name).cloned().collect();
    let (schema, properties) = match e.entity_type {
        EntityType::Person => (
            "Person",
            props(vec![
                ("name", vec![e.name.clone()]),
                ("alias", aliases),
                ("nationality", country.clone()),
                ("country", country),
                ("position", e.roles.iter().map(|r| r.org.as_ref().map(|o| format!("{}, {o}", r.title)).unwrap_or_else(|| r.title.clone())).collect()),
            ]),
        ),
        EntityType::Organization => ("Organization", props(vec![("name", vec![e.name.clone()]), ("alias", aliases), ("country", country)])),
        // FtM has no schema for a state; a LegalEntity with its own jurisdiction is the usual stand-in.
        EntityType::Country => (
            "LegalEntity",
            props(vec![("name", vec![e.name.clone()]), ("alias", aliases), ("country", country.clone()), ("jurisdiction", country)]),
        ),
        // Places appear as the `location` text of events, not as entities.
        EntityType::Place => return None,
    };
    Some(json!({"id": ftm_id(&e.id), "schema": schema, "properties": properties}))
}

fn ftm_event(e: &Event, ix: &Index) -> Value {
    let names: Vec<String> = e.participants.iter().map(|p| ix.name(&p.entity)).collect();
    let title = format!("{}{}", e.event_type.replace('_', " "), if names.is_empty() { String::new() } else { format!(": {}", names.join(", ")) });
    let mut dates = Vec::new();
    if let Some(d) = e.date {
        let (s, en) = d.iso();
        if s == en {
            dates.push(("date", vec![s]));
        } else {
            dates.push(("startDate", vec![s]));
            dates.push(("endDate", vec![en]));
        }
    }
    // `involved` may only point at entities this export emits (not places).
    let involved = e
        .participants
        .iter()
        .filter(|p| ix.entities.get(p.entity.as_str()).map(|x| x.entity_type != EntityType::Place).unwrap_or(false))
        .map(|p| ftm_id(&p.entity))
        .collect();
    let location = e.location.as_deref().map(|l| vec![ix.name(l)]).unwrap_or_default();
    let country = e.location.as_deref().and_then(|l| ix.country(l)).and_then(|c| alpha2(&c).map(String::from)).into_iter().collect();
    let mut pairs = vec![("name", vec![title])];
    pairs.extend(dates);
    pairs.extend([
        ("involved", involved),
        ("location", location),
        ("country", country),
        ("sourceUrl", ix.urls(e)),
        ("summary", e.reports.first().map(|r| r.provenance.quote.clone()).into_iter().collect()),
        ("description", vec![format!("CAMEO {}; PLOVER {}; modality {}; {} source(s)", e.cameo, e.plover, e.modality.as_str(), e.docs().len())]),
    ]);
    json!({"id": ftm_id(&e.id), "schema": "Event", "properties": props(pairs)})
}

pub(crate) fn write_ftm(c: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    let ix = Index::new(c);
    for e in &c.entities {
        if let Some(v) = ftm_entity(e) {
            serde_json::to_writer(&mut *out, &v)?;
            writeln!(out)?;
        }
    }
    for e in &c.events {
        serde_json::to_writer(&mut *out, &ftm_event(e, &ix))?;
        writeln!(out)?;
    }
    Ok(())
}

/// ISO 3166 alpha-3 (as in `data/countries.tsv`) to the lower-case alpha-2
/// codes FtM uses; historical states get FtM's four-letter codes.
pub(crate) fn alpha2(alpha3: &str) -> Option<&'static str> {
    const TABLE: &str = "AFG af ALB al DZA dz AND ad AGO ao ATG ag ARG ar ARM am AUS au AUT at AZE az BHS bs BHR bh BGD bd BRB bb \
        BLR by BEL be BLZ bz BEN bj BTN bt BOL bo BIH ba BWA bw BRA br BRN bn BGR bg BFA bf BDI bi CPV cv KHM kh CMR cm CAN ca \
        CAF cf TCD td CHL cl CHN cn COL co COM km COG cg COD cd CRI cr CIV ci HRV hr CUB cu CYP cy CZE cz DNK dk DJI dj DMA dm \
        DOM do ECU ec EGY eg SLV sv GNQ gq ERI er EST ee SWZ sz ETH et FJI fj FIN fi FRA fr GAB ga GMB gm GEO ge DEU de GHA gh \
        GRC gr GRD gd GTM gt GIN gn GNB gw GUY gy HTI ht HND hn HUN hu ISL is IND in IDN id IRN ir IRQ iq IRL ie ISR il ITA it \
        JAM jm JPN jp JOR jo KAZ kz KEN ke KIR ki PRK kp KOR kr KWT kw KGZ kg LAO la LVA lv LBN lb LSO ls LBR lr LBY ly LIE li \
        LTU lt LUX lu MDG mg MWI mw MYS my MDV mv MLI ml MLT mt MHL mh MRT mr MUS mu MEX mx FSM fm MDA md MCO mc MNG mn MNE me \
        MAR ma MOZ mz MMR mm NAM na NRU nr NPL np NLD nl NZL nz NIC ni NER ne NGA ng MKD mk NOR no OMN om PAK pk PLW pw PSE ps \
        PAN pa PNG pg PRY py PER pe PHL ph POL pl PRT pt QAT qa ROU ro RUS ru RWA rw KNA kn LCA lc VCT vc WSM ws SMR sm STP st \
        SAU sa SEN sn SRB rs SYC sc SLE sl SGP sg SVK sk SVN si SLB sb SOM so ZAF za SSD ss ESP es LKA lk SDN sd SUR sr SWE se \
        CHE ch SYR sy TWN tw TJK tj TZA tz THA th TLS tl TGO tg TON to TTO tt TUN tn TUR tr TKM tm TUV tv UGA ug UKR ua ARE ae \
        GBR gb USA us URY uy UZB uz VUT vu VAT va VEN ve VNM vn YEM ye ZMB zm ZWE zw XKX xk HKG hk MAC mo PRI pr GRL gl ESH eh \
        SUN suhh YUG yucs CSK cshh DDR ddde";
    let mut it = TABLE.split_ascii_whitespace();
    while let (Some(a3), Some(a2)) = (it.next(), it.next()) {
        if a3.eq_ignore_ascii_case(alpha3) {
            return Some(a2);
        }
    }
    None
}
