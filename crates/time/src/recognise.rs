//! Recognition: finds the extent of each temporal expression and what it
//! says, before any calendar arithmetic (that is `normalise`).
//!
//! The text is tokenized once; at each token every pattern is tried with a
//! bounded look-ahead and the longest match wins, then the scan resumes after
//! it. This keeps the whole pass linear in the length of the text.
//!
//! Extents follow TimeML/TIMEX3 (TempEval-3): modifiers that are part of the
//! expression are included ("last June", "two days ago", "early December",
//! "the past three years", "almost seven years"), leading prepositions are
//! not ("on Monday" => "Monday"), nor comparatives that TimeML keeps as an
//! attribute ("more than a week" => "a week").

use crate::lexicon::{self, Unit};
use crate::token::{Kind, Tok};

/// Which way a relative word points: "last June", "next Monday", "this spring".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    /// No relative word: the tense of the clause decides.
    Bare,
    Last,
    This,
    Next,
}

/// A sub-range of a period: "early December", "mid-1990s", "the end of the year".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Early,
    Mid,
    Late,
}

/// What a relative expression is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The publication date: "yesterday", "two days ago", "last week".
    Dct,
    /// The last date the text mentioned: "the day before", "a year later".
    Reference,
}

/// The year of a date, as stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSpec {
    Abs(i32),
    /// "March last year" (-1), "this year" (0).
    Rel(i32),
    /// Not stated: inferred from the publication date and tense.
    Infer,
}

/// An amount of time units: a number, or unknown ("several", "years").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    N(f64),
    X,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A calendar date, as precise as stated: "22 November 2022", "July 1",
    /// "December 2014", "1961", "2024-02-27". A missing year is inferred.
    Date { year: YearSpec, month: Option<u32>, day: Option<u32> },
    /// A range of days in one month: "20 to 22 November", "March 22-23".
    DayRange { year: YearSpec, month: u32, from: u32, to: u32 },
    /// A month name without a year: "June", "last June", "next May".
    Month { month: u32, rel: Rel },
    /// "the 5th": a day of the current month.
    DayOfMonth { day: u32 },
    /// "Monday", "last Friday", "Monday morning".
    Weekday { wd: u32, rel: Rel, part_of_day: Option<&'static str> },
    /// A count of units from an anchor: "yesterday" (Day, -1), "next week"
    /// (Week, +1), "two days ago" (Day, -2), "the day before" (Day, -1, Reference).
    Offset { unit: Unit, n: i32, anchor: Anchor, part_of_day: Option<&'static str> },
    /// "the weekend", "last weekend".
    Weekend { rel: Rel },
    Season { season: &'static str, year: YearSpec, rel: Rel },
    Quarter { q: u32, year: YearSpec },
    Half { h: u32, year: YearSpec },
    /// "the 1990s" => 199.
    Decade { decade: i32 },
    /// "the 20th century" => 19 (TIMEX3 counts centuries from 0).
    Century { c: i32 },
    /// A clock time, on the day of the reference or on a weekday that
    /// follows it: "10 a.m.", "15:00 GMT Saturday".
    Time { hour: u32, minute: u32, weekday: Option<u32> },
    Duration { amount: Amount, unit: Unit },
    /// A TIMEX3 SET, its value already written ("P1Y", "XXXX-WXX-1").
    Set(String),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    /// Token range, end exclusive.
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub part: Option<Part>,
}

fn cand(start: usize, end: usize, expr: Expr) -> Option<Cand> {
    Some(Cand { start, end, expr, part: None })
}

/// Keeps the longer of two candidates (the first on a tie).
fn longer(a: Option<Cand>, b: Option<Cand>) -> Option<Cand> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.end > a.end { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Recognises every expression of a tokenized text, left to right.
pub fn recognise(toks: &[Tok]) -> Vec<Cand> {
    let r = Recogniser { toks };
    let mut out: Vec<Cand> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match r.at(i, out.last()) {
            Some(mut c) if c.end > i => {
                // A match may reach back one word ("once a year"); never
                // into the previous expression.
                c.start = c.start.max(out.last().map_or(0, |p| p.end));
                i = c.end;
                out.push(c);
            }
            _ => i += 1,
        }
    }
    out
}

struct Recogniser<'t, 'a> {
    toks: &'t [Tok<'a>],
}

impl Recogniser<'_, '_> {
    // ----- token helpers (all bounds-checked, "" past the end) -----

    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.lower.as_ref()).unwrap_or("")
    }
    fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i)
    }
    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }
    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }
    fn caps(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.is_capitalised())
    }
    /// Do tokens i and i+1 touch (no space between)?
    fn touch(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }
    fn is_hyphen(&self, i: usize) -> bool {
        matches!(self.tok(i).map(|t| t.text), Some("-" | "‐" | "‑" | "–"))
    }
    /// Is token i punctuation other than a hyphen, or past the end?
    fn ends_phrase(&self, i: usize) -> bool {
        match self.tok(i) {
            None => true,
            Some(t) => t.kind == Kind::Punct && !self.is_hyphen(i),
        }
    }
    /// Skips an adjacent period after an abbreviation ("Dec." "Sept.").
    fn skip_period(&self, i: usize) -> usize {
        if self.w(i + 1) == "." && self.touch(i) {
            i + 2
        } else {
            i + 1
        }
    }
    fn prev_w(&self, i: usize) -> &str {
        i.checked_sub(1).map(|p| self.w(p)).unwrap_or("")
    }

    /// A 4-digit year 1000-2099 at token i (no context check).
    fn year_number(&self, i: usize) -> Option<i32> {
        let t = self.tok(i)?;
        if t.kind != Kind::Digits || t.text.len() != 4 {
            return None;
        }
        let y: i32 = t.text.parse().ok()?;
        (1000..=2099).contains(&y).then_some(y)
    }

    /// A day of the month: "11", "11th", "eleventh".
    fn day_number(&self, i: usize) -> Option<u32> {
        let t = self.tok(i)?;
        let d = match t.kind {
            Kind::Digits if t.text.len() <= 2 => t.digits()?,
            Kind::Mixed => lexicon::numeric_ordinal(&t.lower)?,
            Kind::Word => lexicon::ordinal(&t.lower)?,
            _ => return None,
        };
        (1..=31).contains(&d).then_some(d)
    }

    /// A month name at i (capitalised, as news writes it), returning the
    /// month and the index after it (and after an abbreviation's period).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word || !t.is_capitalised() {
            return None;
        }
        let m = lexicon::month(&t.lower)?;
        if lexicon::is_full_month(&t.lower) {
            // "MAY" or "May" are months only in date context: checked by callers.
            Some((m, i + 1))
        } else {
            Some((m, self.skip_period(i)))
        }
    }

    /// A number of units: "3", "three", "twenty-five", "a", "1.5", "several",
    /// "a few", "a couple of", "one and a half".
    fn amount(&self, i: usize) -> Option<(Amount, usize)> {
        let t = self.tok(i)?;
        let (mut n, mut j) = match t.kind {
            Kind::Digits if t.text.len() <= 5 => (Amount::N(t.text.parse::<f64>().ok()?), i + 1),
            Kind::Number => {
                let clean: String = t.text.chars().filter(|&c| c != ',').collect();
                if t.text.contains([':', '/']) {
                    return None;
                }
                (Amount::N(clean.parse::<f64>().ok()?), i + 1)
            }
            Kind::Word => {
                let w: &str = &t.lower;
                if w == "a" || w == "an" {
                    match self.w(i + 1) {
                        "few" => (Amount::X, i + 2),
                        "couple" if self.w(i + 2) == "of" => (Amount::N(2.0), i + 3),
                        "dozen" => (Amount::N(12.0), i + 2),
                        "half" => (Amount::N(0.5), i + 2),
                        _ => (Amount::N(1.0), i + 1),
                    }
                } else if w == "half" && matches!(self.w(i + 1), "a" | "an") {
                    (Amount::N(0.5), i + 2)
                } else if lexicon::vague_amount(w) {
                    (Amount::X, i + 1)
                } else if let Some(v) = lexicon::cardinal(w) {
                    // "twenty-five"
                    if (20..100).contains(&v) && self.is_hyphen(i + 1) && self.touch(i) && self.touch(i + 1) {
                        if let Some(u) = lexicon::cardinal(self.w(i + 2)).filter(|u| *u < 10) {
                            (Amount::N((v + u) as f64), i + 3)
                        } else {
                            (Amount::N(v as f64), i + 1)
                        }
                    } else {
                        (Amount::N(v as f64), i + 1)
                    }
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        // "one and a half", "two and a half"
        if let Amount::N(v) = n {
            if self.w(j) == "and" && matches!(self.w(j + 1), "a" | "one") && self.w(j + 2) == "half" {
                n = Amount::N(v + 0.5);
                j += 3;
            }
        }
        Some((n, j))
    }

    // ----- the patterns -----

    /// The longest expression starting at token i, if any.
    fn at(&self, i: usize, prev: Option<&Cand>) -> Option<Cand> {
        let t = self.tok(i)?;
        if t.kind == Kind::Punct && t.text != "'" && t.text != "’" {
            return None;
        }
        // Most words of a text start no expression, and trying every
        // pattern on each of them was most of the time spent here.
        if t.kind == Kind::Word && !may_start(&t.lower) {
            return None;
        }
        self.every_pattern(i, prev)
    }

    /// `at` without its shortcut for words that start no pattern.
    fn every_pattern(&self, i: usize, prev: Option<&Cand>) -> Option<Cand> {
        let mut best = self.with_part(i);
        best = longer(best, self.core(i, prev));
        best = longer(best, self.approximate(i));
        best
    }

    /// "almost seven years", "nearly a decade", "a mere 24 hours": hedges
    /// TimeML keeps inside a duration. (Comparatives "more than", "at least"
    /// stay outside.)
    fn approximate(&self, i: usize) -> Option<Cand> {
        let j = match self.w(i) {
            "almost" | "nearly" | "about" | "approximately" | "roughly" | "some" | "around" => i + 1,
            "a" if self.w(i + 1) == "mere" => i + 2,
            "just" if self.w(i + 1) == "over" || self.w(i + 1) == "under" => return None,
            _ => return None,
        };
        let c = self.quantity(j)?;
        matches!(c.expr, Expr::Duration { amount: Amount::N(_), .. }).then_some(Cand { start: i, ..c })
    }

    /// A part-of-period prefix and the expression it narrows: "early
    /// December", "late last July", "mid-1990s", "the end of the year",
    /// "earlier this year".
    fn with_part(&self, i: usize) -> Option<Cand> {
        let (part, j) = match self.w(i) {
            "early" => (Some(Part::Early), i + 1),
            "late" => (Some(Part::Late), i + 1),
            "mid" => (Some(Part::Mid), if self.is_hyphen(i + 1) { i + 2 } else { i + 1 }),
            "earlier" | "later" => (None, i + 1),
            // "the end of March", and without the article: "by end of March"
            // (a preposition before it stays outside).
            "the" => self.part_noun(i + 1)?,
            "end" | "beginning" | "start" | "middle" => self.part_noun(i)?,
            _ => return None,
        };
        // "the end of the year", "the end of year", "the beginning of the month"
        let bare_unit = if self.w(j) == "the" { j + 1 } else { j };
        let inner = match Unit::parse(self.w(bare_unit)) {
            Some((unit @ (Unit::Year | Unit::Month | Unit::Week | Unit::Decade), false)) if part.is_some() => Cand {
                start: j,
                end: bare_unit + 1,
                expr: Expr::Offset { unit, n: 0, anchor: Anchor::Dct, part_of_day: None },
                part: None,
            },
            _ => self.core(j, None)?,
        };
        let ok = match &inner.expr {
            Expr::Date { day: None, .. }
            | Expr::Month { .. }
            | Expr::Decade { .. }
            | Expr::Century { .. }
            | Expr::Season { .. }
            | Expr::Quarter { .. }
            | Expr::Half { .. } => true,
            Expr::Offset { unit, anchor: Anchor::Dct, .. } => {
                matches!(unit, Unit::Week | Unit::Month | Unit::Year | Unit::Decade | Unit::Quarter)
                    || (part.is_some() && *unit == Unit::Day)
            }
            Expr::Weekday { .. } => part.is_some(),
            _ => false,
        };
        // "earlier"/"later" only attach to "this/last/next ...": "earlier this year".
        if part.is_none() && !matches!(self.w(j), "this" | "last" | "next") {
            return None;
        }
        ok.then_some(Cand { start: i, end: inner.end, expr: inner.expr, part: part.or(inner.part) })
    }

    /// "end of", "the beginning of", "the middle of" at k (after "the").
    fn part_noun(&self, k: usize) -> Option<(Option<Part>, usize)> {
        let p = match self.w(k) {
            "end" => Part::Late,
            "beginning" | "start" => Part::Early,
            "middle" => Part::Mid,
            _ => return None,
        };
        (self.w(k + 1) == "of").then_some((Some(p), k + 2))
    }

    /// Everything but the part prefixes.
    fn core(&self, i: usize, prev: Option<&Cand>) -> Option<Cand> {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Digits | Kind::Number | Kind::Mixed => {
                let mut best = self.numeric_date(i);
                best = longer(best, self.short_year_after_range(i, prev));
                best = longer(best, self.day_first(i));
                best = longer(best, self.year(i, prev));
                best = longer(best, self.decade_century(i));
                best = longer(best, self.quantity(i));
                best = longer(best, self.clock(i));
                best = longer(best, self.quarter(i));
                best
            }
            Kind::Word => {
                let mut best = self.month_first(i);
                best = longer(best, self.weekday(i));
                best = longer(best, self.words(i));
                best = longer(best, self.relative(i));
                best = longer(best, self.quantity(i));
                best = longer(best, self.season(i));
                best = longer(best, self.quarter(i));
                best = longer(best, self.decade_century(i));
                best = longer(best, self.day_first(i));
                best = longer(best, self.clock(i));
                if t.lower == "the" {
                    best = longer(best, self.the_nth(i));
                    best = longer(best, self.core_after_the(i, prev));
                } else if matches!(t.lower.as_ref(), "a" | "an" | "his" | "her" | "its" | "their" | "our" | "this" | "that" | "s") {
                    best = longer(best, self.year_with_the(i, prev));
                }
                best
            }
            Kind::Punct => self.decade_century(i),
        }
    }

    /// "the 1990s", "the 20th century", "the third quarter": patterns that
    /// may take "the" (inside the extent).
    fn core_after_the(&self, i: usize, prev: Option<&Cand>) -> Option<Cand> {
        // TimeML leaves the article outside decades, centuries and years
        // ("the 1990s" => "1990s") but inside quarters and seasons.
        let outside = longer(self.decade_century(i + 1), self.year_with_the(i, prev));
        let inside = longer(self.quarter(i + 1), self.season(i + 1)).map(|c| Cand { start: i, ..c });
        longer(outside, inside)
    }

    // ----- numeric dates -----

    /// "2024-02-27", "2024/02/27", "12/03/2013" (US order unless impossible).
    fn numeric_date(&self, i: usize) -> Option<Cand> {
        let t = self.tok(i)?;
        if t.kind == Kind::Digits && t.text.len() == 4 {
            // ISO: 2024-02-27, with the hyphens as tokens of their own.
            let y: i32 = t.text.parse().ok()?;
            if self.is_hyphen(i + 1) && self.touch(i) && self.touch(i + 1) && self.touch(i + 2) && self.is_hyphen(i + 3) {
                let mt = self.tok(i + 2)?;
                let dt = self.tok(i + 4)?;
                if self.touch(i + 3) && mt.kind == Kind::Digits && mt.text.len() == 2 && dt.kind == Kind::Digits && dt.text.len() == 2 {
                    let (m, d) = (mt.digits()?, dt.digits()?);
                    if valid(y, m, d) {
                        return cand(i, i + 5, Expr::Date { year: YearSpec::Abs(y), month: Some(m), day: Some(d) });
                    }
                }
            }
            return None;
        }
        if t.kind != Kind::Number || !t.text.contains('/') {
            return None;
        }
        let parts: Vec<&str> = t.text.split('/').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if n.len() != 3 {
            return None;
        }
        let (y, m, d) = if parts[0].len() == 4 {
            (n[0] as i32, n[1], n[2])
        } else if parts[2].len() == 4 {
            if n[0] > 12 { (n[2] as i32, n[1], n[0]) } else { (n[2] as i32, n[0], n[1]) }
        } else {
            return None;
        };
        valid(y, m, d).then(|| Cand {
            start: i,
            end: i + 1,
            expr: Expr::Date { year: YearSpec::Abs(y), month: Some(m), day: Some(d) },
            part: None,
        })
    }

    /// An optional year after a month or a day-month: "December 2014",
    /// "July 1, 2013", "Dec. 11 2013", "March of 2010", "June last year".
    fn trailing_year(&self, j: usize) -> (YearSpec, usize) {
        let mut k = j;
        if self.w(k) == "," {
            k += 1;
        }
        if let Some(y) = self.year_number(k) {
            // "July 1, 2013" but not "July 1, 2000 people"
            if !self.count_noun_follows(k + 1) {
                return (YearSpec::Abs(y), k + 1);
            }
        }
        if self.w(j) == "of" {
            if let Some(y) = self.year_number(j + 1) {
                return (YearSpec::Abs(y), j + 2);
            }
        }
        if let Some((n, e)) = self.year_relative(j) {
            return (YearSpec::Rel(n), e);
        }
        (YearSpec::Infer, j)
    }

    /// "last year", "this year", "next year" at j.
    fn year_relative(&self, j: usize) -> Option<(i32, usize)> {
        let n = match self.w(j) {
            "last" => -1,
            "this" => 0,
            "next" => 1,
            _ => return None,
        };
        (self.w(j + 1) == "year").then_some((n, j + 2))
    }

    /// Is the word at k a plural noun counting things ("2000 people")?
    fn count_noun_follows(&self, k: usize) -> bool {
        let w = self.w(k);
        self.is_word(k)
            && !self.caps(k)
            && (is_plural(w) && !matches!(w, "was" | "has" | "this" | "thus" | "its")
                || matches!(w, "people" | "men" | "women" | "children" | "troops" | "police" | "staff" | "personnel"))
    }

    /// "Dec. 11th", "July 1", "December 11, 2013", "December 2014",
    /// "March 22-23", "June" (bare months need context).
    fn month_first(&self, i: usize) -> Option<Cand> {
        // "last June", "next May", "this July"
        let rel = match self.w(i) {
            "last" | "past" => Some(Rel::Last),
            "next" | "coming" => Some(Rel::Next),
            "this" => Some(Rel::This),
            _ => None,
        };
        if let Some(rel) = rel {
            let (m, j) = self.month_at(i + 1)?;
            if !lexicon::is_full_month(self.w(i + 1)) && self.day_number(j).is_none() {
                return None;
            }
            return cand(i, j, Expr::Month { month: m, rel });
        }
        let (m, j) = self.month_at(i)?;
        let full = lexicon::is_full_month(self.w(i));
        // Day after the month: "July 1", "Dec. 11th" (not "May 2000 people").
        if let Some(d) = self.day_number(j).filter(|_| self.kind(j) != Some(Kind::Word)) {
            // A range: "March 22-23", "March 22 to 24"
            let mut e = j + 1;
            let mut to = None;
            if (self.is_hyphen(e) || self.w(e) == "to") && !self.count_noun_follows(e + 2) {
                if let Some(d2) = self.day_number(e + 1).filter(|d2| *d2 > d && self.kind(e + 1) != Some(Kind::Word)) {
                    to = Some(d2);
                    e += 2;
                }
            }
            let (year, e) = self.trailing_year(e);
            if !valid_md(m, d) {
                return None;
            }
            let expr = match to {
                Some(to) if valid_md(m, to) => Expr::DayRange { year, month: m, from: d, to },
                _ => Expr::Date { year, month: Some(m), day: Some(d) },
            };
            return cand(i, e, expr);
        }
        // Month and year: "December 2014", "Dec. 2014", "March of 2010", "June last year".
        let (year, e) = self.trailing_year(j);
        if year != YearSpec::Infer {
            return cand(i, e, Expr::Date { year, month: Some(m), day: None });
        }
        // A bare month name: abbreviations never; "May" and "March" only
        // with a date cue before them; none before a capitalised word
        // ("June Carter") unless it starts a sentence.
        if !full {
            return None;
        }
        let prev = self.prev_w(i);
        let cue = matches!(
            prev,
            "in" | "since" | "until" | "till" | "by" | "during" | "from" | "through" | "before" | "after" | "of"
                | "early" | "late" | "mid" | "-" | "and" | "or" | "to" | "between" | "last" | "next" | "this"
                | "that" | "each" | "every" | "for" | "around" | "throughout"
        );
        if matches!(self.w(i), "may" | "march") && !cue {
            return None;
        }
        if self.caps(j) && self.is_word(j) && lexicon::month(self.w(j)).is_none() && !cue {
            return None;
        }
        cand(i, j, Expr::Month { month: m, rel: Rel::Bare })
    }

    /// "22 November 2022", "11th December", "the 5th of December",
    /// "20 to 22 November", "20-22 November".
    fn day_first(&self, i: usize) -> Option<Cand> {
        let start = i;
        let mut i = i;
        if self.w(i) == "the" {
            i += 1;
        }
        let d = self.day_number(i)?;
        if self.kind(i) == Some(Kind::Word) && start == i {
            // "fifth of May" needs its "the".
            return None;
        }
        let mut j = i + 1;
        let mut to = None;
        if self.is_hyphen(j) || self.w(j) == "to" || self.w(j) == "and" {
            if let Some(d2) = self.day_number(j + 1).filter(|d2| *d2 > d) {
                to = Some(d2);
                j += 2;
            }
        }
        if self.w(j) == "of" {
            j += 1;
        }
        let (m, e) = self.month_at(j)?;
        let (year, e) = self.trailing_year(e);
        if !valid_md(m, d) {
            return None;
        }
        let expr = match to {
            Some(to) if valid_md(m, to) => Expr::DayRange { year, month: m, from: d, to },
            _ => Expr::Date { year, month: Some(m), day: Some(d) },
        };
        cand(start, e, expr)
    }

    /// "the 5th": a day of the current month, when nothing follows that
    /// could make it an ordinal of something else ("the 5th round").
    fn the_nth(&self, i: usize) -> Option<Cand> {
        let t = self.tok(i + 1)?;
        if t.kind != Kind::Mixed {
            return None;
        }
        let d = lexicon::numeric_ordinal(&t.lower).filter(|d| (1..=31).contains(d))?;
        if !self.ends_phrase(i + 2) && !matches!(self.w(i + 2), "and" | "when" | "at" | "in") {
            return None;
        }
        cand(i, i + 2, Expr::DayOfMonth { day: d })
    }

    // ----- weekdays -----

    /// "Monday", "last Friday", "next Tuesday", "Monday morning", "Monday,
    /// Dec. 10" (one expression, dated by the explicit date).
    fn weekday(&self, i: usize) -> Option<Cand> {
        let (rel, j) = match self.w(i) {
            "last" | "past" => (Rel::Last, i + 1),
            "next" | "coming" => (Rel::Next, i + 1),
            "this" => (Rel::This, i + 1),
            _ => (Rel::Bare, i),
        };
        let wd = lexicon::weekday(self.w(j))?;
        if !self.caps(j) {
            return None;
        }
        let mut e = j + 1;
        // "Monday, Dec. 10" / "Monday 10 December"
        if rel == Rel::Bare {
            let k = if self.w(e) == "," { e + 1 } else { e };
            if let Some(c) = longer(self.month_first(k), self.day_first(k)) {
                if matches!(c.expr, Expr::Date { day: Some(_), .. }) {
                    return cand(i, c.end, c.expr);
                }
            }
        }
        let mut part_of_day = None;
        if let Some(p) = lexicon::day_part(self.w(e)) {
            part_of_day = Some(p);
            e += 1;
        }
        cand(i, e, Expr::Weekday { wd, rel, part_of_day })
    }

    // ----- single words and fixed phrases -----

    fn words(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let day = |n: i32, len: usize, pod: Option<&'static str>| {
            cand(i, i + len, Expr::Offset { unit: Unit::Day, n, anchor: Anchor::Dct, part_of_day: pod })
        };
        match w {
            "today" => day(0, 1, None),
            "tonight" => day(0, 1, Some("NI")),
            "yesterday" | "tomorrow" => {
                let n = if w == "yesterday" { -1 } else { 1 };
                match lexicon::day_part(self.w(i + 1)) {
                    Some(p) => day(n, 2, Some(p)),
                    None => day(n, 1, None),
                }
            }
            "now" | "currently" | "nowadays" | "presently" => cand(i, i + 1, Expr::Ref("PRESENT_REF")),
            "recently" | "lately" => cand(i, i + 1, Expr::Ref("PAST_REF")),
            "the" => match self.w(i + 1) {
                "past" if self.ends_phrase(i + 2) || matches!(self.w(i + 2), "and" | "but" | "when" | "that") => {
                    cand(i, i + 2, Expr::Ref("PAST_REF"))
                }
                "present" if self.ends_phrase(i + 2) => cand(i, i + 2, Expr::Ref("PRESENT_REF")),
                "future" => cand(i, i + 2, Expr::Ref("FUTURE_REF")),
                "near" if self.w(i + 2) == "future" => cand(i, i + 3, Expr::Ref("FUTURE_REF")),
                "moment" if self.prev_w(i) == "at" => cand(i, i + 2, Expr::Ref("PRESENT_REF")),
                // "at the time" (TimeML takes the preposition in: it is the idiom).
                "time" if self.prev_w(i) == "at" && self.ends_phrase(i + 2) => {
                    cand(i - 1, i + 2, Expr::Ref("PAST_REF"))
                }
                _ => None,
            },
            "these" if self.w(i + 1) == "days" => cand(i, i + 2, Expr::Ref("PRESENT_REF")),
            // "at present" is an idiom like "at the time": the preposition is in.
            "at" if self.w(i + 1) == "present" && !self.is_hyphen(i + 2) => {
                cand(i, i + 2, Expr::Ref("PRESENT_REF"))
            }
            // "fiscal 2013", "fiscal year 2013": the fiscal year is named by its year.
            "fiscal" => {
                let k = if self.w(i + 1) == "year" { i + 2 } else { i + 1 };
                let y = self.year_number(k)?;
                cand(i, k + 1, Expr::Date { year: YearSpec::Abs(y), month: None, day: None })
            }
            "this" | "last" => {
                let p = lexicon::day_part(self.w(i + 1))?;
                if w == "this" {
                    day(0, 2, Some(p))
                } else if p == "NI" {
                    day(-1, 2, Some(p))
                } else {
                    None
                }
            }
            _ => {
                if let Some(f) = lexicon::frequency_adverb(w) {
                    return cand(i, i + 1, Expr::Set(f.to_string()));
                }
                None
            }
        }
    }

    /// Relative expressions made of a relative word and a unit: "last year",
    /// "this week", "next month", "the following day", "the day before",
    /// "that year", "the last week", "this century", "the weekend".
    fn relative(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        // "the day before", "the day after", "the next day", "the following year" ...
        if w == "the" {
            let w1 = self.w(i + 1);
            if let Some((unit, false)) = Unit::parse(w1) {
                let n = match self.w(i + 2) {
                    "before" | "earlier" if self.ends_phrase(i + 3) => -1,
                    "after" | "later" if self.ends_phrase(i + 3) => 1,
                    _ => {
                        if unit == Unit::Weekend {
                            return cand(i, i + 2, Expr::Weekend { rel: Rel::Bare });
                        }
                        return None;
                    }
                };
                return cand(i, i + 3, Expr::Offset { unit, n, anchor: Anchor::Reference, part_of_day: None });
            }
            let (n, anchor) = match w1 {
                "next" | "following" | "subsequent" => (1, Anchor::Reference),
                "previous" | "preceding" | "prior" => (-1, Anchor::Reference),
                "same" => (0, Anchor::Reference),
                "current" => (0, Anchor::Dct),
                // "the last week": the week before this one (a date); "the
                // last three weeks" is a duration, handled by `quantity`.
                "last" => (-1, Anchor::Dct),
                "coming" => (1, Anchor::Dct),
                _ => return None,
            };
            let (unit, plural) = Unit::parse(self.w(i + 2))?;
            if plural || unit <= Unit::Hour {
                return None;
            }
            // "the next decade" reads as a span of time to come.
            if matches!(w1, "next" | "coming") && unit >= Unit::Year && anchor == Anchor::Dct
                || (w1 == "next" && unit >= Unit::Decade)
            {
                return cand(i, i + 3, Expr::Duration { amount: Amount::N(1.0), unit });
            }
            if matches!(w1, "following") && unit >= Unit::Decade {
                return cand(i, i + 3, Expr::Duration { amount: Amount::N(1.0), unit });
            }
            if unit == Unit::Weekend {
                let rel = if n < 0 { Rel::Last } else if n > 0 { Rel::Next } else { Rel::This };
                return cand(i, i + 3, Expr::Weekend { rel });
            }
            return cand(i, i + 3, Expr::Offset { unit, n, anchor, part_of_day: None });
        }
        // "that day", "that year"
        if w == "that" {
            let (unit, plural) = Unit::parse(self.w(i + 1))?;
            if plural || !matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
                return None;
            }
            return cand(i, i + 2, Expr::Offset { unit, n: 0, anchor: Anchor::Reference, part_of_day: None });
        }
        let n = match w {
            "last" | "past" => -1,
            "this" | "current" => 0,
            "next" | "coming" => 1,
            _ => return None,
        };
        // "this fiscal year"
        let k = if self.w(i + 1) == "fiscal" { i + 2 } else { i + 1 };
        let (unit, plural) = Unit::parse(self.w(k))?;
        if plural || unit <= Unit::Hour || unit == Unit::Day || k == i + 2 && unit != Unit::Year {
            return None;
        }
        if w == "past" {
            // "past year" without "the" is unusual; let `quantity` decide.
            return None;
        }
        if unit == Unit::Weekend {
            let rel = if n < 0 { Rel::Last } else if n > 0 { Rel::Next } else { Rel::This };
            return cand(i, k + 1, Expr::Weekend { rel });
        }
        cand(i, k + 1, Expr::Offset { unit, n, anchor: Anchor::Dct, part_of_day: None })
    }

    // ----- quantities: durations, "ago", "later", sets -----

    /// "three years", "a month", "two days ago", "a year later", "the past
    /// three years", "the next few months", "every year", "three-year",
    /// "recent weeks", bare "years".
    fn quantity(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        // Sets: "every year", "each month", "every two weeks", "every Monday".
        if matches!(w, "every" | "each") {
            if let Some(wd) = lexicon::weekday(self.w(i + 1)) {
                return cand(i, i + 2, Expr::Set(format!("XXXX-WXX-{wd}")));
            }
            if let Some(p) = lexicon::day_part(self.w(i + 1)) {
                return cand(i, i + 2, Expr::Set(format!("XXXX-XX-XXT{p}")));
            }
            let (n, j) = match self.amount(i + 1) {
                Some((Amount::N(n), j)) if n >= 1.0 && n.fract() == 0.0 => (n, j),
                _ => (1.0, i + 1),
            };
            let (unit, _) = Unit::parse(self.w(j))?;
            return cand(i, j + 1, Expr::Set(duration_value(Amount::N(n), unit)));
        }
        // "the past three years", "the last two weeks", "the next few months",
        // "the coming weeks", "the past year" (span of time up to now).
        if w == "the" && matches!(self.w(i + 1), "past" | "last" | "next" | "coming" | "previous" | "first") {
            let j = i + 2;
            if let Some((amount, k)) = self.amount(j).filter(|(a, _)| !matches!(a, Amount::N(v) if *v == 1.0 && self.w(j) == "a")) {
                let (unit, _) = Unit::parse(self.w(k))?;
                return cand(i, k + 1, Expr::Duration { amount, unit });
            }
            if let Some((unit, plural)) = Unit::parse(self.w(j)) {
                if plural {
                    return cand(i, j + 1, Expr::Duration { amount: Amount::X, unit });
                }
                if self.w(i + 1) == "past" {
                    return cand(i, j + 1, Expr::Duration { amount: Amount::N(1.0), unit });
                }
            }
            return None;
        }
        // "the 90 years": a counted span with an article.
        if w == "the" {
            if let Some((Amount::N(n), k)) = self.amount(i + 1) {
                if self.kind(i + 1) == Some(Kind::Digits) || self.is_word(i + 1) && n > 1.0 {
                    if let Some((unit, true)) = Unit::parse(self.w(k)) {
                        if unit != Unit::Weekend {
                            return cand(i, k + 1, Expr::Duration { amount: Amount::N(n), unit });
                        }
                    }
                }
            }
            return None;
        }
        // "recent weeks", "recent years"
        if w == "recent" {
            let (unit, plural) = Unit::parse(self.w(i + 1))?;
            return plural.then(|| Cand { start: i, end: i + 2, expr: Expr::Duration { amount: Amount::X, unit }, part: None });
        }
        // A bare plural unit: "for years", "days of talks", "weeks".
        if let Some((unit, true)) = Unit::parse(w) {
            if unit == Unit::Weekend || self.caps(i) && i > 0 && self.kind(i - 1) != Some(Kind::Punct) {
                return None;
            }
            // After a number it is not bare: the count was rejected ("ages 6 months").
            if i > 0 && (matches!(self.kind(i - 1), Some(Kind::Digits | Kind::Number)) || self.amount(i - 1).is_some()) {
                return None;
            }
            // "years ago" is past, vaguely.
            if self.w(i + 1) == "ago" {
                return cand(i, i + 2, Expr::Ref("PAST_REF"));
            }
            return cand(i, i + 1, Expr::Duration { amount: Amount::X, unit });
        }
        let (amount, j) = self.amount(i)?;
        // Digits alone are not a count of units unless a unit follows directly.
        // "three-year", "10-day", "24-hour", "decade-long"
        if self.is_hyphen(j) && self.touch(j - 1) && self.touch(j) {
            let (unit, plural) = Unit::parse(self.w(j + 1))?;
            if plural || unit == Unit::Weekend {
                return None;
            }
            // Ages ("a 22-year-old student") are not temporal expressions in TimeML.
            if self.is_hyphen(j + 2) && self.w(j + 3) == "old" {
                return None;
            }
            return cand(i, j + 2, Expr::Duration { amount, unit });
        }
        let (unit, plural) = Unit::parse(self.w(j))?;
        if unit == Unit::Weekend {
            return None;
        }
        // "a second term", "a quarter of the vote": ordinals and fractions, not time.
        if unit == Unit::Second && !plural && !self.ends_phrase(j + 1) && !matches!(self.w(j + 1), "ago" | "later") {
            return None;
        }
        if unit == Unit::Quarter && (!plural || self.w(j + 1) == "of") {
            return None;
        }
        // "a year" after a quantity or "once": a rate ("$5 million a year", "twice a year").
        if matches!(w, "a" | "an") && !plural {
            let p = self.prev_w(i);
            if matches!(p, "once" | "twice" | "times" | "million" | "billion" | "thousand" | "percent" | "%")
                || i > 0 && matches!(self.kind(i - 1), Some(Kind::Digits | Kind::Number))
            {
                let start = if matches!(p, "once" | "twice") { i - 1 } else { i };
                return cand(start, j + 1, Expr::Set(duration_value(Amount::N(1.0), unit)));
            }
        }
        // The singular/plural must agree with the number ("a years" is not English).
        if let Amount::N(n) = amount {
            if n == 1.0 && plural && self.w(i) != "1" {
                return None;
            }
            if n > 1.0 && !plural {
                // "two year" only as in "a two year term" (adjectival use).
                if !matches!(self.prev_w(i), "a" | "an" | "the") {
                    return None;
                }
            }
        }
        let e = j + 1;
        // Ages: "ages 6 months and older", "aged 30 years", "40 years old".
        if matches!(self.prev_w(i), "ages" | "aged" | "age") || self.w(e) == "old" {
            return None;
        }
        // "two days ago", "three years ago"
        if self.w(e) == "ago" {
            if let Amount::N(n) = amount {
                if n.fract() == 0.0 {
                    return cand(i, e + 1, Expr::Offset { unit, n: -(n as i32), anchor: Anchor::Dct, part_of_day: None });
                }
            }
            return cand(i, e + 1, Expr::Ref("PAST_REF"));
        }
        // "a year later", "two days earlier" (from the last date mentioned)
        let dir = match self.w(e) {
            // "a month earlier than usual" compares: a duration.
            "later" | "earlier" if self.w(e + 1) == "than" => 0,
            "later" | "afterwards" => 1,
            "earlier" => -1,
            "before" | "after" if self.ends_phrase(e + 1) => {
                if self.w(e) == "before" {
                    -1
                } else {
                    1
                }
            }
            _ => 0,
        };
        if dir != 0 {
            if let Amount::N(n) = amount {
                if n.fract() == 0.0 {
                    return cand(
                        i,
                        e + 1,
                        Expr::Offset { unit, n: dir * n as i32, anchor: Anchor::Reference, part_of_day: None },
                    );
                }
            }
        }
        // "per year" is handled with "a year" above; "five years'" keeps its apostrophe.
        let e = if matches!(self.w(e), "'" | "’") && plural && self.touch(j) { e + 1 } else { e };
        cand(i, e, Expr::Duration { amount, unit })
    }

    // ----- years, decades, centuries -----

    /// A 4-digit year in a date-like context: after "in", "since", "of",
    /// "until", "by", early/late/mid, before "'s"; after a year and "and"/"to"
    /// ("in 2010 and 2011"); or before a comma at the start of a sentence.
    fn year(&self, i: usize, prev: Option<&Cand>) -> Option<Cand> {
        let y = self.year_number(i)?;
        let p = self.prev_w(i);
        // Never a part of a larger number or a model name: "Tu-2000", "2013.5".
        if i > 0 && self.touch(i - 1) && !matches!(p, "-" | "(" | "'" | "\"" | "“") {
            return None;
        }
        if self.touch(i) && self.touch(i + 1) && matches!(self.w(i + 1), "." | ",") && matches!(self.kind(i + 2), Some(Kind::Digits)) {
            return None;
        }
        let year = cand(i, i + 1, Expr::Date { year: YearSpec::Abs(y), month: None, day: None });
        let follows_noun = self.count_noun_follows(i + 1);
        if lexicon::strong_year_cue(p) && !follows_noun {
            return year;
        }
        // "early/mid/late-2011": a hyphen after the part word.
        if p == "-" && matches!(self.w(i.saturating_sub(2)), "mid" | "early" | "late") {
            return year;
        }
        // "in 2010 and 2011", "from 2010 to 2012", "2010-2012"
        if let Some(c) = prev {
            let is_year = matches!(c.expr, Expr::Date { year: YearSpec::Abs(_), .. });
            if is_year && c.end + 1 == i && matches!(p, "and" | "or" | "to" | "-" | "–" | "through" | ",") {
                return year;
            }
        }
        // "2012's election", "2012:"
        if matches!(self.w(i + 1), "'" | "’") && self.w(i + 2) == "s" {
            return year;
        }
        if lexicon::weak_year_cue(p) && (self.ends_phrase(i + 1) && self.w(i + 1) != "%") {
            return year;
        }
        // "2010 was a difficult year", "1953, ..." at the start of a sentence.
        let sentence_start = i == 0 || matches!(p, "." | "\n" | "\"" | "“" | "(");
        if sentence_start && (self.w(i + 1) == "," || matches!(self.w(i + 1), "was" | "is" | "will" | "saw" | "had")) {
            return year;
        }
        // In parentheses: "(1999)".
        if p == "(" && self.w(i + 1) == ")" {
            return year;
        }
        None
    }

    /// "1957-58": the short second year of a range.
    fn short_year_after_range(&self, i: usize, prev: Option<&Cand>) -> Option<Cand> {
        let t = self.tok(i)?;
        let c = prev?;
        let Expr::Date { year: YearSpec::Abs(y), month: None, day: None } = c.expr else { return None };
        if t.kind != Kind::Digits || t.text.len() != 2 || c.end + 1 != i || !self.is_hyphen(i - 1) || !self.touch(i - 1) {
            return None;
        }
        let yy: i32 = t.text.parse().ok()?;
        let y2 = y - y % 100 + yy;
        (y2 > y).then(|| Cand { start: i, end: i + 1, expr: Expr::Date { year: YearSpec::Abs(y2), month: None, day: None }, part: None })
    }

    /// "the 2012 election", "a 2010 raid", "his 2007 campaign": a year
    /// between a determiner and a singular noun.
    fn year_with_the(&self, i: usize, _prev: Option<&Cand>) -> Option<Cand> {
        let y = self.year_number(i + 1)?;
        let next = self.w(i + 2);
        let ok = self.is_word(i + 2)
            && !self.caps(i + 2)
            && !is_plural(next)
            && !matches!(next, "people" | "men" | "women" | "children" | "police" | "staff" | "personnel" | "of" | "to");
        ok.then(|| Cand {
            start: i + 1,
            end: i + 2,
            expr: Expr::Date { year: YearSpec::Abs(y), month: None, day: None },
            part: None,
        })
    }

    /// "1990s", "the 1990s", "the '90s", "the nineties", "the 20th century",
    /// "the twentieth century", "the 1800s".
    fn decade_century(&self, i: usize) -> Option<Cand> {
        let t = self.tok(i)?;
        // "'90s"
        if matches!(t.text, "'" | "’") {
            let n = self.tok(i + 1)?;
            if self.touch(i) && n.kind == Kind::Mixed && n.lower.len() == 3 && n.lower.ends_with('s') {
                let d: i32 = n.lower.get(..2)?.parse().ok()?;
                if d % 10 == 0 {
                    let decade = if d >= 20 { 190 + d / 10 } else { 200 + d / 10 };
                    return cand(i, i + 2, Expr::Decade { decade });
                }
            }
            return None;
        }
        if t.kind == Kind::Mixed {
            let l: &str = &t.lower;
            // "1990s", "1800s"
            if l.len() == 5 && l.ends_with('s') && l.bytes().take(4).all(|b| b.is_ascii_digit()) {
                let y: i32 = l.get(..4)?.parse().ok()?;
                if y % 10 == 0 && (1000..2100).contains(&y) {
                    if y % 100 == 0 && y != 2000 {
                        // "the 1800s" is a century.
                        return cand(i, i + 1, Expr::Century { c: y / 100 });
                    }
                    return cand(i, i + 1, Expr::Decade { decade: y / 10 });
                }
                return None;
            }
            // "90s" after "the"
            if l.len() == 3 && l.ends_with('s') && self.prev_w(i) == "the" {
                let d: i32 = l.get(..2)?.parse().ok()?;
                if d % 10 == 0 && d >= 20 {
                    return cand(i, i + 1, Expr::Decade { decade: 190 + d / 10 });
                }
                return None;
            }
            // "20th century"
            if let Some(n) = lexicon::numeric_ordinal(l) {
                return self.century_word(i, n);
            }
            return None;
        }
        if t.kind == Kind::Word {
            if let Some(n) = lexicon::ordinal(&t.lower) {
                return self.century_word(i, n);
            }
            if let Some(decade) = decade_word(&t.lower) {
                if self.prev_w(i) == "the" || matches!(self.prev_w(i), "early" | "late" | "mid") {
                    return cand(i, i + 1, Expr::Decade { decade });
                }
            }
            // "twenty-first century"
            if t.lower == "twenty" && self.is_hyphen(i + 1) {
                if let Some(n) = lexicon::ordinal(self.w(i + 2)).filter(|n| *n < 10) {
                    return self.century_word(i + 2, 20 + n).map(|c| Cand { start: i, ..c });
                }
            }
        }
        None
    }

    fn century_word(&self, i: usize, n: u32) -> Option<Cand> {
        if self.w(i + 1) == "century" && (1..=21).contains(&n) {
            return cand(i, i + 2, Expr::Century { c: n as i32 - 1 });
        }
        None
    }

    // ----- seasons, quarters, halves -----

    /// "last summer", "this spring", "the winter of 2012", "summer 2012",
    /// "in the spring", "spring" after a preposition.
    fn season(&self, i: usize) -> Option<Cand> {
        let (rel, j) = match self.w(i) {
            "last" | "past" => (Rel::Last, i + 1),
            "next" | "coming" => (Rel::Next, i + 1),
            "this" => (Rel::This, i + 1),
            _ => (Rel::Bare, i),
        };
        let s = lexicon::season(self.w(j))?;
        // "Arab Spring", "Prague Spring"
        if self.caps(j) && j > 0 && self.caps(j - 1) && self.is_word(j - 1) && rel == Rel::Bare {
            return None;
        }
        let mut e = j + 1;
        let mut year = YearSpec::Infer;
        if rel == Rel::Bare {
            if self.w(e) == "of" {
                if let Some(y) = self.year_number(e + 1) {
                    year = YearSpec::Abs(y);
                    e += 2;
                }
            } else if let Some(y) = self.year_number(e) {
                year = YearSpec::Abs(y);
                e += 1;
            }
            if year == YearSpec::Infer {
                // A bare season word needs a date-like context: "in the spring", "by summer".
                let p = self.prev_w(i);
                let ok = matches!(p, "in" | "by" | "until" | "since" | "during" | "through" | "this" | "the" | "early" | "late" | "mid")
                    && (self.ends_phrase(e) || matches!(self.w(e), "and" | "when" | "as" | "to" | "if"));
                if !ok {
                    return None;
                }
            }
        }
        cand(i, e, Expr::Season { season: s, year, rel })
    }

    /// "the third quarter", "the fourth quarter of 2012", "Q3", "the first
    /// half of the year".
    fn quarter(&self, i: usize) -> Option<Cand> {
        let t = self.tok(i)?;
        // "Q3", "Q3 2013"
        if t.kind == Kind::Mixed && t.lower.len() == 2 && t.lower.starts_with('q') {
            let q: u32 = t.lower[1..].parse().ok()?;
            if (1..=4).contains(&q) {
                let (year, e) = match self.year_number(i + 1) {
                    Some(y) => (YearSpec::Abs(y), i + 2),
                    None => (YearSpec::Infer, i + 1),
                };
                return cand(i, e, Expr::Quarter { q, year });
            }
            return None;
        }
        let n = lexicon::ordinal(&t.lower).or_else(|| lexicon::numeric_ordinal(&t.lower)).or(match t.lower.as_ref() {
            "final" | "last" => Some(99),
            _ => None,
        })?;
        let (is_half, max) = match self.w(i + 1) {
            "quarter" => (false, 4),
            "half" => (true, 2),
            _ => return None,
        };
        let n = if n == 99 { max } else { n };
        if n > max {
            return None;
        }
        let mut e = i + 2;
        let mut year = YearSpec::Infer;
        if matches!(self.w(e), "of" | "in") {
            if let Some(y) = self.year_number(e + 1) {
                year = YearSpec::Abs(y);
                e += 2;
            } else if let Some((r, k)) = self.year_relative(e + 1) {
                year = YearSpec::Rel(r);
                e = k;
            } else if self.w(e + 1) == "the" && self.w(e + 2) == "year" {
                year = YearSpec::Rel(0);
                e += 3;
            } else if self.w(e + 1) == "fiscal" && self.year_number(e + 2).is_some() {
                year = YearSpec::Abs(self.year_number(e + 2)?);
                e += 3;
            }
        } else if let Some(y) = self.year_number(e) {
            year = YearSpec::Abs(y);
            e += 1;
        }
        // "first quarter" needs "the" before it or a year after it.
        if self.prev_w(i) != "the" && year == YearSpec::Infer && !matches!(self.prev_w(i), "this" | "last") {
            return None;
        }
        let expr = if is_half { Expr::Half { h: n, year } } else { Expr::Quarter { q: n, year } };
        cand(i, e, expr)
    }

    // ----- clock times -----

    /// "10 a.m.", "3:30 p.m.", "15:00 GMT", "noon", "midnight".
    fn clock(&self, i: usize) -> Option<Cand> {
        let t = self.tok(i)?;
        match t.lower.as_ref() {
            "noon" | "midday" => {
                return cand(i, i + 1, Expr::Time { hour: 12, minute: 0, weekday: self.on_weekday(i + 1) })
            }
            "midnight" => return cand(i, i + 1, Expr::Time { hour: 24, minute: 0, weekday: self.on_weekday(i + 1) }),
            _ => {}
        }
        let (hour, minute) = match t.kind {
            Kind::Digits if t.text.len() <= 2 => (t.digits()?, 0),
            Kind::Number if t.text.len() <= 5 && t.text.contains(':') => {
                let (h, m) = t.text.split_once(':')?;
                if m.len() != 2 {
                    return None;
                }
                (h.parse().ok()?, m.parse().ok()?)
            }
            Kind::Mixed => {
                // "5pm", "10am"
                let l: &str = &t.lower;
                let (num, ampm) = l.split_at_checked(l.len().checked_sub(2)?)?;
                if !matches!(ampm, "am" | "pm") || num.is_empty() || num.len() > 2 {
                    return None;
                }
                let h: u32 = num.parse().ok()?;
                let h = to_24(h, ampm)?;
                return cand(i, i + 1, Expr::Time { hour: h, minute: 0, weekday: None });
            }
            _ => return None,
        };
        if hour > 24 || minute > 59 {
            return None;
        }
        let j = i + 1;
        // "a.m." / "p.m." / "am" / "pm"
        let (ampm, mut e) = match self.w(j) {
            "a" | "p" if self.w(j + 1) == "." && self.w(j + 2) == "m" => {
                let e = if self.w(j + 3) == "." && self.touch(j + 2) { j + 4 } else { j + 3 };
                (if self.w(j) == "a" { "am" } else { "pm" }, e)
            }
            "am" | "pm" => (self.w(j), j + 1),
            "gmt" | "utc" | "est" | "edt" | "et" | "pst" | "cet" | "bst" if t.kind == Kind::Number => ("", j + 1),
            "o" if matches!(self.w(j + 1), "'" | "’") && self.w(j + 2) == "clock" => ("", j + 3),
            _ => return None,
        };
        let hour = if ampm.is_empty() { hour } else { to_24(hour, ampm)? };
        // "10 a.m. local time", "15:00 GMT"
        if matches!(self.w(e), "gmt" | "utc" | "est" | "edt" | "et" | "pst" | "cet" | "bst") {
            e += 1;
        }
        if self.w(e) == "local" && self.w(e + 1) == "time" {
            e += 2;
        }
        // "15:00 GMT Saturday" is one expression; in "6 a.m. on Saturday"
        // the weekday is an expression of its own that still dates the time.
        let weekday = lexicon::weekday(self.w(e)).filter(|_| self.caps(e));
        if weekday.is_some() {
            e += 1;
        }
        let weekday = weekday.or(self.on_weekday(e));
        cand(i, e, Expr::Time { hour, minute, weekday })
    }

    /// "on Saturday" right after a clock time.
    fn on_weekday(&self, e: usize) -> Option<u32> {
        if self.w(e) == "on" && self.caps(e + 1) {
            lexicon::weekday(self.w(e + 1))
        } else {
            None
        }
    }
}

/// Can an expression start at this word (lower case)? Every pattern that
/// starts at a word names it: in a fixed list, or in one of the lexicon's
/// word classes. The test `words_outside_may_start_start_nothing` holds
/// this to what the patterns do; a new pattern starting at a new word must
/// add the word here.
fn may_start(w: &str) -> bool {
    matches!(
        w,
        // articles, determiners and possessives ("the 2012 election", "his 2007 campaign")
        "the" | "a" | "an" | "this" | "that" | "these" | "his" | "her" | "its" | "their" | "our" | "s"
            // relative words ("last June", "the current year")
            | "last" | "past" | "next" | "coming" | "current" | "recent" | "every" | "each" | "final"
            // parts of a period ("early December", "the end of the year")
            | "early" | "late" | "mid" | "earlier" | "later" | "end" | "beginning" | "start" | "middle"
            // hedges ("almost seven years", "half an hour")
            | "almost" | "nearly" | "about" | "approximately" | "roughly" | "some" | "around" | "half"
            // single words and idioms ("today", "at present", "fiscal 2013", "noon")
            | "today" | "tonight" | "yesterday" | "tomorrow" | "now" | "currently" | "nowadays" | "presently"
            | "recently" | "lately" | "at" | "fiscal" | "noon" | "midday" | "midnight"
    ) || lexicon::month(w).is_some()
        || lexicon::weekday(w).is_some()
        || lexicon::season(w).is_some()
        || lexicon::cardinal(w).is_some()
        || lexicon::ordinal(w).is_some()
        || lexicon::vague_amount(w)
        || lexicon::frequency_adverb(w).is_some()
        || Unit::parse(w).is_some()
        || decade_word(w).is_some()
}

/// A rough plural test for nouns: "troops", but not "analysis", "census", "press".
fn is_plural(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("is") && !w.ends_with("us")
}

fn to_24(h: u32, ampm: &str) -> Option<u32> {
    if !(1..=12).contains(&h) {
        return None;
    }
    Some(match (ampm, h) {
        ("am", 12) => 0,
        ("am", h) => h,
        ("pm", 12) => 12,
        (_, h) => h + 12,
    })
}

/// "nineties" => 199, "sixties" => 196 (twentieth century assumed).
fn decade_word(w: &str) -> Option<i32> {
    Some(match w {
        "twenties" => 192,
        "thirties" => 193,
        "forties" => 194,
        "fifties" => 195,
        "sixties" => 196,
        "seventies" => 197,
        "eighties" => 198,
        "nineties" => 199,
        _ => return None,
    })
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
}

/// Can this month have this day in some year (Feb 29 included)?
fn valid_md(m: u32, d: u32) -> bool {
    valid(2000, m, d)
}

/// The TIMEX3 duration value: P3Y, PT24H, P1DE, PXY; halves go to the
/// next smaller unit (1.5 years => P18M).
pub fn duration_value(amount: Amount, unit: Unit) -> String {
    let (code, time) = unit.code();
    let t = if time { "T" } else { "" };
    match amount {
        Amount::X => format!("P{t}X{code}"),
        Amount::N(n) => {
            if n.fract() != 0.0 {
                let smaller = match unit {
                    Unit::Year => Some((12.0, Unit::Month)),
                    Unit::Decade => Some((10.0, Unit::Year)),
                    Unit::Day => Some((24.0, Unit::Hour)),
                    Unit::Hour => Some((60.0, Unit::Minute)),
                    Unit::Minute => Some((60.0, Unit::Second)),
                    Unit::Week => Some((7.0, Unit::Day)),
                    Unit::Century => Some((100.0, Unit::Year)),
                    _ => None,
                };
                if let Some((k, u)) = smaller {
                    if (n * k).fract() == 0.0 {
                        return duration_value(Amount::N(n * k), u);
                    }
                }
                format!("P{t}{n}{code}")
            } else {
                format!("P{t}{}{code}", n as u64)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    /// The words the patterns look at: every lower-case word quoted in this
    /// file or the lexicon, with its plural (units are matched plural too).
    fn pattern_words() -> Vec<String> {
        let src = concat!(include_str!("recognise.rs"), include_str!("lexicon.rs"));
        let mut words: Vec<String> = src
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
            .flat_map(|w| [w.to_string(), format!("{w}s")])
            .collect();
        words.sort();
        words.dedup();
        words
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// No pattern matches at a word `may_start` turns away, whatever
        /// surrounds it: the shortcut in `Recogniser::at` changes nothing.
        #[test]
        fn words_outside_may_start_start_nothing(
            before in proptest::sample::select(context()),
            after in proptest::collection::vec(proptest::sample::select(context()), 4),
            capitalised in proptest::bool::ANY,
        ) {
            for w in pattern_words().iter().filter(|w| !may_start(w)) {
                let w = if capitalised { format!("{}{}", w[..1].to_uppercase(), &w[1..]) } else { w.clone() };
                let text = format!("{before} {w} {}", after.join(" "));
                let toks = tokenize(&text);
                let i = toks.iter().position(|t| t.start == before.len() + 1).expect("the word is a token");
                let r = Recogniser { toks: &toks };
                proptest::prop_assert_eq!(r.every_pattern(i, None), None, "{:?} starts an expression in {:?}", w, text);
            }
        }
    }

    /// What may follow or precede a word: the words expressions are made
    /// of (amounts, units, months, relative words...), the words that end
    /// them, numbers and punctuation. Kept short, so that the few words an
    /// expression needs come together often.
    fn context() -> Vec<String> {
        let mut c: Vec<String> = pattern_words().into_iter().filter(|w| may_start(w)).collect();
        c.extend(
            ["ago", "of", "old", "before", "after", "and", "to", "in", "on", "o", "clock", "m", "p", "local", "time"]
                .into_iter()
                .chain(["2013", "11", "5th", "1990s", "10:30", "-", ",", ".", "'", "Monday", "December", "talks"])
                .map(String::from),
        );
        c
    }

    #[test]
    fn may_start_admits_the_words_patterns_start_with() {
        for text in ["the end of the year", "early December", "almost seven years", "half an hour", "every Monday", "fiscal 2013", "noon", "the nineties", "quarterly", "weeks"] {
            let toks = tokenize(text);
            assert!(may_start(&toks[0].lower), "{text}");
            assert!(!recognise(&toks).is_empty(), "{text}");
        }
    }
}
