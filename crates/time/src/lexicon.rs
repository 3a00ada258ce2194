//! Closed word lists: months, weekdays, seasons, number words, time units.
//! Every lookup takes an already lower-cased word.

/// Month number (1-12) of a full month name or its news-style abbreviation
/// ("sept", "dec"). Whether an abbreviation or an ambiguous name ("may",
/// "march") really is a month is decided by the recogniser from context.
pub fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Is the word a full month name (as opposed to an abbreviation)?
pub fn is_full_month(w: &str) -> bool {
    w.len() > 4 || matches!(w, "may" | "june" | "july")
}

/// Weekday number, Monday = 1 ... Sunday = 7 (ISO, as in TIMEX3 "XXXX-WXX-1").
pub fn weekday(w: &str) -> Option<u32> {
    Some(match w {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    })
}

/// A season and its TIMEX3 code.
pub fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Parts of the day: "morning" => "MO" ("Monday morning" => 2018-12-10TMO).
pub fn day_part(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "overnight" => "NI",
        _ => return None,
    })
}

/// Cardinal number words ("three" => 3). Tens combine with units through a
/// hyphen, handled by the recogniser.
pub fn cardinal(w: &str) -> Option<u32> {
    Some(match w {
        "one" | "a" | "an" | "single" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

/// Ordinal words ("third" => 3), used for quarters, centuries and days.
pub fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

/// Numeric ordinals with their suffix: "11th", "1st", "22nd", "3rd".
pub fn numeric_ordinal(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !matches!(suffix, "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

/// Vague quantities that make a duration with an unknown amount ("several
/// years" => PXY).
pub fn vague_amount(w: &str) -> bool {
    matches!(w, "several" | "few" | "many" | "some" | "numerous" | "recent" | "coming" | "dozens" | "hundreds")
}

/// Units of time, as they appear in durations and relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// Singular or plural unit noun ("years" => Year).
    pub fn parse(w: &str) -> Option<(Unit, bool)> {
        fn singular(s: &str) -> Option<Unit> {
            Some(match s {
                "second" | "sec" => Unit::Second,
                "minute" | "min" => Unit::Minute,
                "hour" | "hr" => Unit::Hour,
                "day" => Unit::Day,
                "week" => Unit::Week,
                "weekend" => Unit::Weekend,
                "month" => Unit::Month,
                "quarter" => Unit::Quarter,
                "year" | "yr" => Unit::Year,
                "decade" => Unit::Decade,
                "century" => Unit::Century,
                _ => return None,
            })
        }
        if let Some(u) = singular(w) {
            return Some((u, false));
        }
        if w == "centuries" {
            return Some((Unit::Century, true));
        }
        w.strip_suffix('s').and_then(singular).map(|u| (u, true))
    }

    /// The TIMEX3 duration letter; time units are written after a "T".
    pub fn code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week | Unit::Weekend => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// Adverbs of frequency and their period ("weekly" => P1W).
pub fn frequency_adverb(w: &str) -> Option<&'static str> {
    Some(match w {
        "daily" => "P1D",
        "nightly" => "P1D",
        "weekly" => "P1W",
        "monthly" => "P1M",
        "quarterly" => "P3M",
        "annually" | "yearly" => "P1Y",
        "hourly" => "PT1H",
        _ => return None,
    })
}

/// Words after which a 4-digit number 1900-2099 is surely a year ("in 1961",
/// "since 2010", "the summer of 2012").
pub fn strong_year_cue(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "of"
            | "until"
            | "till"
            | "by"
            | "from"
            | "through"
            | "throughout"
            | "during"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "fiscal"
            | "between"
            | "circa"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
    )
}

/// Words after which a 4-digit number is a year only when nothing (or
/// punctuation) follows it: "forecasts for 2013." but not "for 2000 people".
pub fn weak_year_cue(w: &str) -> bool {
    matches!(w, "for" | "to" | "around" | "as" | "and" | "or" | "the" | "year" | "than" | "at" | "on" | "over" | "into")
}
