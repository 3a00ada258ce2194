//! Normalisation: turns what the recogniser found into a TIMEX3 value and a
//! calendar interval, against the publication date (DCT) and the tense of the
//! clause.
//!
//! Relative expressions count from the DCT's anchor day (its last day when
//! the DCT is partial) and are then cut back to the DCT's precision: in an
//! article known only as "2023-07", "yesterday" is "2023-07". Anaphoric ones
//! ("the day before", "a year later") count from the last date the text
//! mentioned. Without a DCT, relative values keep X's ("XXXX-06") and get no
//! interval.

use attache_model::{DateInterval, Granularity, PartialDate, TimexType};
use chrono::{Datelike, Duration, NaiveDate};

use crate::lexicon::Unit;
use crate::recognise::{duration_value, Anchor, Cand, Expr, Part, Rel, YearSpec};
use crate::tense::Tense;

/// About six months: a month/day without a year further than this after the
/// DCT is taken from the previous year (news mostly looks back).
const HALF_YEAR_DAYS: i64 = 183;

pub struct Resolved {
    pub ty: TimexType,
    pub value: String,
    pub interval: Option<DateInterval>,
}

/// A computed date-like result before it is written out.
struct Computed {
    ty: TimexType,
    value: String,
    interval: DateInterval,
    /// Counted from the DCT, so no more precise than the DCT.
    from_dct: bool,
}

pub struct Normaliser {
    dct: Option<PartialDate>,
    anchor: Option<NaiveDate>,
    /// The last date the text mentioned, and how precisely.
    reference: Option<(NaiveDate, Granularity)>,
    /// The last day mentioned and the token where its expression ended
    /// (a clock time nearby is on that day).
    last_day: Option<(NaiveDate, usize)>,
}

impl Normaliser {
    pub fn new(dct: Option<PartialDate>) -> Normaliser {
        Normaliser { dct, anchor: dct.map(|d| d.anchor()), reference: None, last_day: None }
    }

    pub fn resolve(&mut self, c: &Cand, tense: Tense) -> Option<Resolved> {
        let r = match &c.expr {
            Expr::Duration { amount, unit } => {
                return Some(Resolved { ty: TimexType::Duration, value: duration_value(*amount, *unit), interval: None })
            }
            Expr::Set(v) => return Some(Resolved { ty: TimexType::Set, value: v.clone(), interval: None }),
            Expr::Ref(v) => return Some(Resolved { ty: TimexType::Date, value: (*v).to_string(), interval: None }),
            _ => self.compute(c, tense),
        };
        let computed = match r {
            Ok(c) => c,
            Err(Some(x_value)) => {
                let ty = if x_value.contains('T') { TimexType::Time } else { TimexType::Date };
                return Some(Resolved { ty, value: x_value, interval: None });
            }
            Err(None) => return None,
        };
        let Computed { ty, value, interval, from_dct } = computed;
        let (value, interval) = if from_dct { self.coarsen(value, interval) } else { (value, interval) };
        // Remember it for anaphora ("the next day", "that year").
        self.reference = Some((interval.start, interval.granularity));
        if interval.granularity == Granularity::Day && interval.start == interval.end {
            self.last_day = Some((interval.start, c.end));
        }
        Some(Resolved { ty, value, interval: Some(interval) })
    }

    /// Cuts a DCT-relative result back to the DCT's precision.
    fn coarsen(&self, value: String, iv: DateInterval) -> (String, DateInterval) {
        let Some(dct) = self.dct else { return (value, iv) };
        let dg = dct.granularity();
        if dg == Granularity::Day || iv.granularity >= dg && iv.granularity != Granularity::Week {
            return (value, iv);
        }
        let d = iv.start;
        match dg {
            Granularity::Month => match DateInterval::month(d.year(), d.month()) {
                Some(m) => (format!("{:04}-{:02}", d.year(), d.month()), m),
                None => (value, iv),
            },
            _ => (format!("{:04}", d.year()), DateInterval::year(d.year())),
        }
    }

    /// The DCT's anchor day, or Err with the X value to use without one.
    fn need_anchor(&self, x: impl FnOnce() -> String) -> Result<NaiveDate, Option<String>> {
        self.anchor.ok_or_else(|| Some(x()))
    }

    fn compute(&mut self, c: &Cand, tense: Tense) -> Result<Computed, Option<String>> {
        let part = c.part;
        match c.expr {
            Expr::Date { year, month, day } => {
                let y = match year {
                    YearSpec::Abs(y) => y,
                    YearSpec::Rel(n) => self.need_anchor(|| x_date(None, month, day))?.year() + n,
                    YearSpec::Infer => {
                        let a = self.need_anchor(|| x_date(None, month, day))?;
                        infer_year(a, month.unwrap_or(1), day.unwrap_or(1), tense)
                    }
                };
                // The stated parts are exact whatever the DCT's precision.
                date_value(y, month, day, part).ok_or(None)
            }
            Expr::DayRange { year, month, from, to } => {
                let y = match year {
                    YearSpec::Abs(y) => y,
                    YearSpec::Rel(n) => self.need_anchor(|| x_date(None, Some(month), Some(from)))?.year() + n,
                    YearSpec::Infer => {
                        let a = self.need_anchor(|| x_date(None, Some(month), Some(from)))?;
                        infer_year(a, month, from, tense)
                    }
                };
                let s = NaiveDate::from_ymd_opt(y, month, from).ok_or(None)?;
                let e = NaiveDate::from_ymd_opt(y, month, to).ok_or(None)?;
                Ok(Computed {
                    ty: TimexType::Date,
                    value: fmt_day(s),
                    interval: DateInterval::range(s, e, Granularity::Day),
                    from_dct: false,
                })
            }
            Expr::Month { month, rel } => {
                let a = self.need_anchor(|| format!("XXXX-{month:02}"))?;
                let cur = a.year() * 12 + a.month0() as i32;
                let m0 = month as i32 - 1;
                let back = (a.month0() as i32 - m0).rem_euclid(12);
                let fwd = (m0 - a.month0() as i32).rem_euclid(12);
                let idx = match (rel, tense) {
                    (Rel::Last, _) => cur - if back == 0 { 12 } else { back },
                    (Rel::Next, _) => cur + if fwd == 0 { 12 } else { fwd },
                    (Rel::This, _) => a.year() * 12 + m0,
                    (Rel::Bare, Tense::Past) => cur - back,
                    (Rel::Bare, Tense::Future) => cur + fwd,
                    // No tense: this year's, unless that is well ahead.
                    (Rel::Bare, _) => {
                        if m0 - a.month0() as i32 > 6 {
                            cur - back
                        } else {
                            a.year() * 12 + m0
                        }
                    }
                };
                let mut out = date_value(idx.div_euclid(12), Some(idx.rem_euclid(12) as u32 + 1), None, part).ok_or(None)?;
                out.from_dct = true;
                Ok(out)
            }
            Expr::DayOfMonth { day } => {
                let a = self.need_anchor(|| format!("XXXX-XX-{day:02}"))?;
                let mut idx = a.year() * 12 + a.month0() as i32;
                let this = NaiveDate::from_ymd_opt(a.year(), a.month(), day);
                match (this, tense) {
                    (Some(d), Tense::Past) if d > a => idx -= 1,
                    (Some(d), Tense::Future) if d < a => idx += 1,
                    _ => {}
                }
                let d = NaiveDate::from_ymd_opt(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1, day).ok_or(None)?;
                Ok(Computed { ty: TimexType::Date, value: fmt_day(d), interval: DateInterval::day(d), from_dct: true })
            }
            Expr::Weekday { wd, rel, part_of_day } => {
                let x = || format!("XXXX-WXX-{wd}{}", pod_suffix(part_of_day));
                let a = self.need_anchor(x)?;
                let d = weekday_date(a, wd, rel, tense);
                Ok(day_result(d, part_of_day, true))
            }
            Expr::Offset { unit, n, anchor, part_of_day } => {
                let base = match anchor {
                    Anchor::Reference => match self.reference {
                        Some((d, _)) => Some((d, false)),
                        None => self.anchor.map(|a| (a, true)),
                    },
                    Anchor::Dct => self.anchor.map(|a| (a, true)),
                };
                let Some((base, from_dct)) = base else { return Err(Some(x_unit(unit, part_of_day))) };
                let mut out = offset(base, unit, n, part, part_of_day).ok_or(None)?;
                // "peaked by the end of the year" written in March: a part of
                // the period still to come cannot be meant in the past tense,
                // so it is the previous period's.
                if part.is_some() && n == 0 && tense == Tense::Past && out.interval.start > base {
                    out = offset(base, unit, -1, part, part_of_day).ok_or(None)?;
                }
                out.from_dct = from_dct;
                Ok(out)
            }
            Expr::Weekend { rel } => {
                let a = self.need_anchor(|| "XXXX-WXX-WE".to_string())?;
                let weekend_now = a.weekday().number_from_monday() >= 6;
                let weeks = match (rel, tense) {
                    (Rel::Last, _) => -1,
                    (Rel::This, _) => 0,
                    (Rel::Next, _) => i64::from(weekend_now),
                    (Rel::Bare, Tense::Future | Tense::Present) => 0,
                    (Rel::Bare, _) => {
                        if weekend_now {
                            0
                        } else {
                            -1
                        }
                    }
                };
                let monday = a - Duration::days(a.weekday().num_days_from_monday() as i64) + Duration::weeks(weeks);
                let sat = monday + Duration::days(5);
                let iw = sat.iso_week();
                Ok(Computed {
                    ty: TimexType::Date,
                    value: format!("{:04}-W{:02}-WE", iw.year(), iw.week()),
                    interval: DateInterval::range(sat, sat + Duration::days(1), Granularity::Week),
                    from_dct: true,
                })
            }
            Expr::Season { season, year, rel } => {
                let k = season_index(season);
                let label = match year {
                    YearSpec::Abs(y) => y,
                    YearSpec::Rel(n) => self.need_anchor(|| format!("XXXX-{season}"))?.year() + n,
                    YearSpec::Infer => {
                        let a = self.need_anchor(|| format!("XXXX-{season}"))?;
                        let (cy, ck) = current_season(a);
                        let cur = cy * 4 + ck;
                        let back = (ck - k).rem_euclid(4);
                        let fwd = (k - ck).rem_euclid(4);
                        let idx = match (rel, tense) {
                            (Rel::Last, _) => cur - if back == 0 { 4 } else { back },
                            (Rel::Next, _) => cur + if fwd == 0 { 4 } else { fwd },
                            (Rel::Bare, Tense::Past) => cur - back,
                            (Rel::Bare, Tense::Future) => cur + fwd,
                            // "this summer": the one of this calendar year
                            // (winter: the one that began last December
                            // until spring).
                            _ => {
                                if k == 3 && a.month() <= 2 {
                                    (a.year() - 1) * 4 + 3
                                } else {
                                    a.year() * 4 + k
                                }
                            }
                        };
                        idx.div_euclid(4)
                    }
                };
                let (s, e) = season_range(label, k).ok_or(None)?;
                let mut iv = DateInterval::range(s, e, Granularity::Season);
                if let Some(p) = part {
                    iv = narrow(iv, p);
                }
                Ok(Computed {
                    ty: TimexType::Date,
                    value: format!("{label:04}-{season}"),
                    interval: iv,
                    from_dct: !matches!(year, YearSpec::Abs(_)),
                })
            }
            Expr::Quarter { q, year } | Expr::Half { h: q, year } => {
                let half = matches!(c.expr, Expr::Half { .. });
                let per_year = if half { 2 } else { 4 };
                let letter = if half { "H" } else { "Q" };
                let y = match year {
                    YearSpec::Abs(y) => y,
                    YearSpec::Rel(n) => self.need_anchor(|| format!("XXXX-{letter}{q}"))?.year() + n,
                    YearSpec::Infer => {
                        let a = self.need_anchor(|| format!("XXXX-{letter}{q}"))?;
                        let cur_q = a.month0() * per_year / 12 + 1;
                        // Reports look back: a quarter not yet begun is last
                        // year's unless the clause is about the future.
                        if q > cur_q && tense != Tense::Future {
                            a.year() - 1
                        } else {
                            a.year()
                        }
                    }
                };
                let months = 12 / per_year;
                let s = NaiveDate::from_ymd_opt(y, (q - 1) * months + 1, 1).ok_or(None)?;
                let e = DateInterval::month(y, q * months).ok_or(None)?.end;
                let mut iv = DateInterval::range(s, e, Granularity::Quarter);
                if let Some(p) = part {
                    iv = narrow(iv, p);
                }
                Ok(Computed {
                    ty: TimexType::Date,
                    value: format!("{y:04}-{letter}{q}"),
                    interval: iv,
                    from_dct: !matches!(year, YearSpec::Abs(_)),
                })
            }
            Expr::Decade { decade } => {
                let s = NaiveDate::from_ymd_opt(decade * 10, 1, 1).ok_or(None)?;
                let e = NaiveDate::from_ymd_opt(decade * 10 + 9, 12, 31).ok_or(None)?;
                let mut iv = DateInterval::range(s, e, Granularity::Decade);
                if let Some(p) = part {
                    iv = narrow(iv, p);
                }
                Ok(Computed { ty: TimexType::Date, value: format!("{decade:03}"), interval: iv, from_dct: false })
            }
            Expr::Century { c: cent } => {
                let s = NaiveDate::from_ymd_opt(cent * 100, 1, 1).ok_or(None)?;
                let e = NaiveDate::from_ymd_opt(cent * 100 + 99, 12, 31).ok_or(None)?;
                let mut iv = DateInterval::range(s, e, Granularity::Century);
                if let Some(p) = part {
                    iv = narrow(iv, p);
                }
                Ok(Computed { ty: TimexType::Date, value: format!("{cent:02}"), interval: iv, from_dct: false })
            }
            Expr::Time { hour, minute, weekday } => {
                let hm = format!("T{hour:02}:{minute:02}");
                let (day, from_dct) = match weekday {
                    Some(wd) => {
                        let a = self.need_anchor(|| format!("XXXX-WXX-{wd}{hm}"))?;
                        (weekday_date(a, wd, Rel::Bare, tense), true)
                    }
                    None => match self.last_day {
                        // A day named just before (same clause) dates the time.
                        Some((d, end)) if c.start <= end + 4 => (d, false),
                        _ => (self.need_anchor(|| format!("XXXX-XX-XX{hm}"))?, true),
                    },
                };
                Ok(Computed {
                    ty: TimexType::Time,
                    value: format!("{}{hm}", fmt_day(day)),
                    interval: DateInterval::day(day),
                    from_dct,
                })
            }
            Expr::Duration { .. } | Expr::Set(_) | Expr::Ref(_) => Err(None),
        }
    }
}

fn fmt_day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn pod_suffix(p: Option<&str>) -> String {
    p.map(|p| format!("T{p}")).unwrap_or_default()
}

/// "XXXX-06", "XXXX-07-01": a date whose year is unknown.
fn x_date(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> String {
    let y = year.map(|y| format!("{y:04}")).unwrap_or_else(|| "XXXX".into());
    match (month, day) {
        (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y}-{m:02}"),
        _ => y,
    }
}

/// The X value of a relative unit without a DCT ("next week" => "XXXX-WXX").
fn x_unit(unit: Unit, pod: Option<&str>) -> String {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => format!("XXXX-XX-XX{}", pod_suffix(pod)),
        Unit::Week => "XXXX-WXX".into(),
        Unit::Weekend => "XXXX-WXX-WE".into(),
        Unit::Month => "XXXX-XX".into(),
        Unit::Quarter => "XXXX-QX".into(),
        Unit::Year => "XXXX".into(),
        Unit::Decade => "XXX".into(),
        Unit::Century => "XX".into(),
    }
}

/// The year of a month/day stated without one: the DCT's, unless that puts
/// it more than about six months after the DCT (then the year before), or
/// the clause is about the future and the date has passed (the year after).
fn infer_year(anchor: NaiveDate, month: u32, day: u32, tense: Tense) -> i32 {
    let y = anchor.year();
    let Some(d) = NaiveDate::from_ymd_opt(y, month, day).or_else(|| NaiveDate::from_ymd_opt(y, month, 28)) else {
        return y;
    };
    let diff = (d - anchor).num_days();
    if diff > HALF_YEAR_DAYS {
        y - 1
    } else if diff < -7 && tense == Tense::Future {
        y + 1
    } else {
        y
    }
}

/// A calendar date as precise as stated, narrowed by an early/mid/late part.
fn date_value(y: i32, month: Option<u32>, day: Option<u32>, part: Option<Part>) -> Option<Computed> {
    if !(1..=9999).contains(&y) {
        return None;
    }
    let (value, iv) = match (month, day) {
        (Some(m), Some(d)) => {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            (fmt_day(date), DateInterval::day(date))
        }
        (Some(m), None) => (format!("{y:04}-{m:02}"), DateInterval::month(y, m)?),
        _ => (format!("{y:04}"), DateInterval::year(y)),
    };
    let iv = match part {
        Some(p) if iv.granularity != Granularity::Day => narrow(iv, p),
        _ => iv,
    };
    Some(Computed { ty: TimexType::Date, value, interval: iv, from_dct: false })
}

/// The early, middle or late part of an interval, keeping its granularity:
/// for a month days 1-10, 11-20, 21-end; for decades and centuries the first
/// four tenths, the next three, the last three ("mid-1990s" = 1994-1996); for
/// other periods of whole months thirds of their months ("early 2011" =
/// January-April).
fn narrow(iv: DateInterval, p: Part) -> DateInterval {
    let keep = |s: NaiveDate, e: NaiveDate| DateInterval { start: s, end: e.max(s), granularity: iv.granularity };
    let month_index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let month_start = |idx: i32| NaiveDate::from_ymd_opt(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1, 1);
    let month_end = |idx: i32| DateInterval::month(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1).map(|m| m.end);
    match iv.granularity {
        Granularity::Day => iv,
        Granularity::Month if iv.days() <= 31 => {
            let start = iv.start;
            match p {
                Part::Early => keep(start, start + Duration::days(9)),
                Part::Mid => keep(start + Duration::days(10), start + Duration::days(19)),
                Part::Late => keep(start + Duration::days(20), iv.end),
            }
        }
        Granularity::Decade | Granularity::Century => {
            let (y0, n) = (iv.start.year(), iv.end.year() - iv.start.year() + 1);
            let (a, b) = match p {
                Part::Early => (0, n * 4 / 10 - 1),
                Part::Mid => (n * 4 / 10, n * 7 / 10 - 1),
                Part::Late => (n * 7 / 10, n - 1),
            };
            match (NaiveDate::from_ymd_opt(y0 + a, 1, 1), NaiveDate::from_ymd_opt(y0 + b, 12, 31)) {
                (Some(s), Some(e)) => keep(s, e),
                _ => iv,
            }
        }
        _ => {
            let whole = iv.start.day() == 1 && iv.end.succ_opt().is_some_and(|d| d.day() == 1);
            let m0 = month_index(iv.start);
            let n = month_index(iv.end) - m0 + 1;
            if whole && n >= 3 {
                let third = n / 3;
                let (a, b) = match p {
                    Part::Early => (0, third - 1),
                    Part::Mid => (third, n - third - 1),
                    Part::Late => (n - third, n - 1),
                };
                match (month_start(m0 + a), month_end(m0 + b)) {
                    (Some(s), Some(e)) => keep(s, e),
                    _ => iv,
                }
            } else {
                let third = iv.days() / 3;
                match p {
                    Part::Early => keep(iv.start, iv.start + Duration::days((third - 1).max(0))),
                    Part::Mid => keep(iv.start + Duration::days(third), iv.end - Duration::days(third)),
                    Part::Late => keep(iv.end - Duration::days((third - 1).max(0)), iv.end),
                }
            }
        }
    }
}

/// The date of a weekday relative to the anchor.
fn weekday_date(a: NaiveDate, wd: u32, rel: Rel, tense: Tense) -> NaiveDate {
    let aw = a.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    let back = (aw - wd).rem_euclid(7);
    let fwd = (wd - aw).rem_euclid(7);
    let offset = match (rel, tense) {
        (Rel::Last, _) => -(if back == 0 { 7 } else { back }),
        (Rel::Next, _) => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        (Rel::This, Tense::Past) => -back,
        (Rel::This, _) => fwd,
        (Rel::Bare, Tense::Future) => fwd,
        // Present tense in news announces: "the deadline is Sunday".
        (Rel::Bare, Tense::Present) => fwd,
        (Rel::Bare, _) => -back,
    };
    a + Duration::days(offset)
}

fn day_result(d: NaiveDate, pod: Option<&str>, from_dct: bool) -> Computed {
    Computed {
        ty: if pod.is_some() { TimexType::Time } else { TimexType::Date },
        value: format!("{}{}", fmt_day(d), pod_suffix(pod)),
        interval: DateInterval::day(d),
        from_dct,
    }
}

/// A count of units from a base day: the day, week, month ... it lands in.
fn offset(base: NaiveDate, unit: Unit, n: i32, part: Option<Part>, pod: Option<&str>) -> Option<Computed> {
    let date = |iv: DateInterval, value: String| {
        let iv = match part {
            Some(p) if iv.granularity != Granularity::Day => narrow(iv, p),
            _ => iv,
        };
        Some(Computed { ty: TimexType::Date, value, interval: iv, from_dct: true })
    };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(day_result(base, pod, true)),
        Unit::Day => Some(day_result(base.checked_add_signed(Duration::try_days(n as i64)?)?, pod, true)),
        Unit::Week | Unit::Weekend => {
            let d = base.checked_add_signed(Duration::try_weeks(n as i64)?)?;
            let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
            let iw = d.iso_week();
            let iv = DateInterval::range(monday, monday + Duration::days(6), Granularity::Week);
            date(iv, format!("{:04}-W{:02}", iw.year(), iw.week()))
        }
        Unit::Month => {
            let idx = base.year() * 12 + base.month0() as i32 + n;
            let (y, m) = (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1);
            date(DateInterval::month(y, m)?, format!("{y:04}-{m:02}"))
        }
        Unit::Quarter => {
            let idx = base.year() * 4 + (base.month0() / 3) as i32 + n;
            let (y, q) = (idx.div_euclid(4), idx.rem_euclid(4) as u32 + 1);
            let s = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
            let e = DateInterval::month(y, q * 3)?.end;
            date(DateInterval::range(s, e, Granularity::Quarter), format!("{y:04}-Q{q}"))
        }
        Unit::Year => {
            let y = base.year() + n;
            (1..=9999).contains(&y).then_some(())?;
            date(DateInterval::year(y), format!("{y:04}"))
        }
        Unit::Decade => {
            let d = base.year().div_euclid(10) + n;
            let s = NaiveDate::from_ymd_opt(d * 10, 1, 1)?;
            let e = NaiveDate::from_ymd_opt(d * 10 + 9, 12, 31)?;
            date(DateInterval::range(s, e, Granularity::Decade), format!("{d:03}"))
        }
        Unit::Century => {
            let c = base.year().div_euclid(100) + n;
            let s = NaiveDate::from_ymd_opt(c * 100, 1, 1)?;
            let e = NaiveDate::from_ymd_opt(c * 100 + 99, 12, 31)?;
            date(DateInterval::range(s, e, Granularity::Century), format!("{c:02}"))
        }
    }
}

/// Spring 0, summer 1, autumn 2, winter 3.
fn season_index(code: &str) -> i32 {
    match code {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

/// The season a day falls in, labelled by the year it began
/// (January is in the previous year's winter).
fn current_season(a: NaiveDate) -> (i32, i32) {
    match a.month() {
        3..=5 => (a.year(), 0),
        6..=8 => (a.year(), 1),
        9..=11 => (a.year(), 2),
        12 => (a.year(), 3),
        _ => (a.year() - 1, 3),
    }
}

fn season_range(y: i32, k: i32) -> Option<(NaiveDate, NaiveDate)> {
    let start_month = [3, 6, 9, 12][k.clamp(0, 3) as usize];
    let s = NaiveDate::from_ymd_opt(y, start_month, 1)?;
    let end_idx = y * 12 + start_month as i32 - 1 + 2;
    let e = DateInterval::month(end_idx.div_euclid(12), end_idx.rem_euclid(12) as u32 + 1)?.end;
    Some((s, e))
}
