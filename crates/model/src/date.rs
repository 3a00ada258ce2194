//! Calendar dates that may be partial, and closed date intervals with the
//! granularity at which the text stated them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A date known to the year, the month or the day ("2023", "2023-07", "2023-07-14").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn ymd(year: i32, month: u32, day: u32) -> PartialDate {
        PartialDate { year, month: Some(month), day: Some(day) }
    }
    /// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" and ISO timestamps
    /// ("2024-02-27T10:00:00Z"); rejects impossible dates.
    pub fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        let s = s.split(['T', ' ']).next().unwrap_or(s);
        let mut parts = s.split('-');
        let y: i32 = parts.next()?.parse().ok()?;
        if !(1..=9999).contains(&y) {
            return None;
        }
        let m = match parts.next() {
            Some(p) => Some(p.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let d = match parts.next() {
            Some(p) => {
                let d: u32 = p.parse().ok()?;
                NaiveDate::from_ymd_opt(y, m?, d)?;
                Some(d)
            }
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year: y, month: m, day: d })
    }
    pub fn granularity(&self) -> Granularity {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Granularity::Day,
            (Some(_), None) => Granularity::Month,
            _ => Granularity::Year,
        }
    }
    /// The interval the partial date covers.
    pub fn interval(&self) -> DateInterval {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let day = NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or(NaiveDate::MIN);
                DateInterval::day(day)
            }
            (Some(m), None) => DateInterval::month(self.year, m).unwrap_or_else(|| DateInterval::year(self.year)),
            _ => DateInterval::year(self.year),
        }
    }
    /// A reference day for relative expressions: the day itself, else the
    /// last day of the month or year (an article of "2023-07" was written by its end).
    pub fn anchor(&self) -> NaiveDate {
        self.interval().end
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

/// How precisely a date was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A closed interval of days, `start <= end`, with the granularity of the
/// expression it came from ("last June" is a month, "Monday" a day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateInterval {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub granularity: Granularity,
}

impl DateInterval {
    pub fn day(d: NaiveDate) -> DateInterval {
        DateInterval { start: d, end: d, granularity: Granularity::Day }
    }
    pub fn month(year: i32, month: u32) -> Option<DateInterval> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(DateInterval { start, end: next.pred_opt()?, granularity: Granularity::Month })
    }
    pub fn year(year: i32) -> DateInterval {
        let y = year.clamp(1, 9999);
        DateInterval {
            start: NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
            end: NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX),
            granularity: Granularity::Year,
        }
    }
    pub fn range(start: NaiveDate, end: NaiveDate, granularity: Granularity) -> DateInterval {
        let (start, end) = if start <= end { (start, end) } else { (end, start) };
        DateInterval { start, end, granularity }
    }
    pub fn overlaps(&self, other: &DateInterval) -> bool {
        self.start <= other.end && other.start <= self.end
    }
    pub fn contains(&self, other: &DateInterval) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
    /// ISO strings at the interval's precision: whole months as "YYYY-MM",
    /// whole years as "YYYY", anything else as days.
    pub fn iso(&self) -> (String, String) {
        let whole_year = self.start.month() == 1
            && self.start.day() == 1
            && self.end.month() == 12
            && self.end.day() == 31;
        let whole_months = self.start.day() == 1 && self.end.succ_opt().map(|n| n.day() == 1).unwrap_or(false);
        if whole_year && self.granularity >= Granularity::Year {
            (format!("{:04}", self.start.year()), format!("{:04}", self.end.year()))
        } else if whole_months && self.granularity >= Granularity::Month && self.granularity != Granularity::Week {
            (
                format!("{:04}-{:02}", self.start.year(), self.start.month()),
                format!("{:04}-{:02}", self.end.year(), self.end.month()),
            )
        } else {
            (self.start.format("%Y-%m-%d").to_string(), self.end.format("%Y-%m-%d").to_string())
        }
    }
}

impl fmt::Display for DateInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, e) = self.iso();
        if s == e {
            write!(f, "{s}")
        } else {
            write!(f, "{s}/{e}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_parse_and_reject() {
        assert_eq!(PartialDate::parse("2023-07").unwrap().to_string(), "2023-07");
        assert_eq!(PartialDate::parse("2024-02-27T10:00:00Z").unwrap().to_string(), "2024-02-27");
        assert!(PartialDate::parse("2023-02-30").is_none());
        assert!(PartialDate::parse("2023-13").is_none());
        assert!(PartialDate::parse("yesterday").is_none());
        assert_eq!(PartialDate::parse("2023-07").unwrap().anchor(), NaiveDate::from_ymd_opt(2023, 7, 31).unwrap());
    }

    #[test]
    fn interval_iso_follows_granularity() {
        let m = DateInterval::month(2023, 6).unwrap();
        assert_eq!(m.iso(), ("2023-06".into(), "2023-06".into()));
        assert_eq!(DateInterval::year(1961).to_string(), "1961");
        let d = DateInterval::day(NaiveDate::from_ymd_opt(2018, 12, 10).unwrap());
        assert_eq!(d.to_string(), "2018-12-10");
    }
}
