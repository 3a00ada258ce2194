//! Datelines: the "PLACE, Date (Agency)" opening news agencies put before
//! the first sentence. The styles differ by agency:
//! "HAVANA, Dec. 11th (EFE)", "Moscow, 22 November 2022 (TDI):",
//! "HAVANA, July 1. /TASS/.", "BEIJING, Nov. 25 (Xinhua) --", "CARACAS (Reuters) -".

use attache_model::{Dateline, PartialDate, Span};
use regex::Regex;
use std::sync::LazyLock;

// The lengths of the place (at most four words), the date (3 to 30
// characters) and the agency (at most 31) are checked after matching, by
// `within_limits`: a bounded repetition of a Unicode class compiles to one
// copy of the class per repetition, which made this regex take over 30 ms to
// build at every start.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<place>\p{Lu}[\p{L}.'’-]*(?:[\x20\t]+\p{Lu}[\p{L}.'’-]*)*)      # HAVANA / New York / Sao Paulo
        (?:[\x20\t]*,[\x20\t]*(?P<date>[^()\n/:–—]{3,}?))?                    # , Dec. 11th
        [\x20\t]*
        (?: \((?P<agency1>[\p{L}][\p{L}\p{N}\x20.&'-]*)\)                    # (EFE)
          | /(?P<agency2>[\p{L}][\p{L}\p{N}\x20.&'-]*)/                      # /TASS/
        )
        [\x20\t]*(?:\.|:|--|-|–|—)?[\x20\t]*",
    )
    .expect("dateline regex")
});

/// A place-and-date opening without an agency: "HAVANA, July 1 -" / "MOSCOW, Nov 3 —".
/// Its place words have two letters at least (`upper_case_place`).
static DATELINE_NO_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<place>\p{Lu}+(?:[\x20\t]+\p{Lu}+)*)                           # upper-case place only
        [\x20\t]*,[\x20\t]*(?P<date>[^()\n/:–—]{3,}?)
        [\x20\t]*(?:--|-|–|—|:)[\x20\t]*",
    )
    .expect("dateline regex")
});

const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3), ("april", 4), ("apr", 4),
    ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7), ("august", 8), ("aug", 8), ("september", 9),
    ("sept", 9), ("sep", 9), ("october", 10), ("oct", 10), ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
];

pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

/// Parses the date part of a dateline ("Dec. 11th", "22 November 2022", "July 1.")
/// completing a missing year from the publication date.
pub fn parse_day(s: &str, published: Option<PartialDate>) -> Option<PartialDate> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| c == '.' || c == ','))
        .filter(|w| !w.is_empty())
        .collect();
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for w in &words {
        if let Some(m) = month_number(w) {
            month = Some(m);
        } else {
            let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
            let suffix = &w[digits.len()..];
            if digits.is_empty() || !(suffix.is_empty() || ["st", "nd", "rd", "th"].contains(&suffix)) {
                // Weekday names and other words are allowed; anything else is not a date.
                if !is_weekday(w) {
                    return None;
                }
                continue;
            }
            let n: i32 = digits.parse().ok()?;
            if digits.len() == 4 {
                year = Some(n);
            } else if (1..=31).contains(&n) {
                day = Some(n as u32);
            } else {
                return None;
            }
        }
    }
    let month = month?;
    let year = match year {
        Some(y) => y,
        None => {
            let p = published?;
            // A December dateline in a January article belongs to the year before.
            match p.month {
                Some(pm) if month > pm + 6 => p.year - 1,
                _ => p.year,
            }
        }
    };
    let d = PartialDate { year, month: Some(month), day };
    // Reject impossible days such as "February 30".
    match day {
        Some(dd) => chrono::NaiveDate::from_ymd_opt(year, month, dd).map(|_| d),
        None => Some(d),
    }
}

fn is_weekday(w: &str) -> bool {
    let w = w.to_lowercase();
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
        .contains(&w.as_str())
}

/// "HAVANA" -> "Havana", "SAO PAULO" -> "Sao Paulo"; mixed case is kept.
fn place_name(raw: &str) -> String {
    let raw = raw.trim().trim_end_matches(',');
    if raw.chars().any(|c| c.is_lowercase()) {
        return raw.to_string();
    }
    raw.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The length limits the dateline regexes leave to the code: a place of at
/// most four words (so "President Putin (Russia) said" is no dateline), a
/// date of 3 to 30 characters, an agency name of at most 31.
fn within_limits(c: &regex::Captures) -> bool {
    let chars = |name: &str| c.name(name).map(|m| m.as_str().chars().count());
    !matches!(c.name("place"), Some(m) if m.as_str().split_whitespace().count() > 4)
        && !matches!(chars("date"), Some(n) if !(3..=30).contains(&n))
        && ["agency1", "agency2"].iter().all(|a| !matches!(chars(a), Some(n) if n > 31))
}

/// The place of a dateline without agency is written in capitals, in words
/// of two letters or more ("HAVANA", "NEW YORK", not "A").
fn upper_case_place(c: &regex::Captures) -> bool {
    c.name("place").is_some_and(|m| m.as_str().split_whitespace().all(|w| w.chars().nth(1).is_some()))
}

/// Finds a dateline at `from` (the start of the body). The returned span
/// covers the dateline and its trailing punctuation, not the sentence after it.
pub fn parse_dateline(text: &str, from: usize, published: Option<PartialDate>) -> Option<Dateline> {
    let rest = text.get(from..)?;
    let skipped = rest.len() - rest.trim_start().len();
    let start = from + skipped;
    let body = &text[start..];
    // Look only at the first line of the body, and not at a whole-sentence headline.
    let first_line_end = body.find('\n').unwrap_or(body.len());
    let line = &body[..first_line_end];
    if let Some(c) = DATELINE.captures(line).filter(within_limits) {
        let place = c.name("place")?.as_str();
        let agency = c.name("agency1").or_else(|| c.name("agency2")).map(|m| m.as_str().trim().to_string());
        let date_text = c.name("date").map(|m| m.as_str());
        let date = date_text.and_then(|d| parse_day(d, published));
        if date_text.is_some() && date.is_none() {
            // "Cuban President Miguel Diaz-Canel, who ... (EFE)" is not a dateline.
            return None;
        }
        let end = start + c.get(0)?.end();
        return Some(Dateline { place: place_name(place), agency, date, span: Span::new(start, end) });
    }
    if let Some(c) = DATELINE_NO_AGENCY.captures(line).filter(within_limits).filter(upper_case_place) {
        let date = parse_day(c.name("date")?.as_str(), published)?;
        let end = start + c.get(0)?.end();
        return Some(Dateline { place: place_name(c.name("place")?.as_str()), agency: None, date: Some(date), span: Span::new(start, end) });
    }
    None
}
