//! Recognition and normalisation, one pattern per test, on sentences in the
//! style of diplomatic news.

use attache_model::{Granularity, PartialDate, Timex, TimexType};
use attache_time::{tag, to_json_line};

fn dct(s: &str) -> Option<PartialDate> {
    PartialDate::parse(s)
}

/// The expressions of `text` as (text, value) pairs.
fn found(text: &str, d: &str) -> Vec<(String, String)> {
    tag(text, dct(d)).into_iter().map(|t| (t.text, t.value)).collect()
}

/// The only expression of `text`.
fn only(text: &str, d: Option<&str>) -> Timex {
    let mut v = tag(text, d.and_then(dct));
    assert_eq!(v.len(), 1, "expected one expression in {text:?}, got {v:?}");
    v.remove(0)
}

/// Text, value and interval (as "start/end" or one date) of the only expression.
fn check(text: &str, d: &str, want_text: &str, want_value: &str, want_interval: Option<&str>) {
    let t = only(text, Some(d));
    assert_eq!(t.text, want_text, "extent in {text:?}");
    assert_eq!(t.value, want_value, "value in {text:?}");
    assert_eq!(t.interval.map(|i| i.to_string()).as_deref(), want_interval, "interval in {text:?}");
}

// ----- weekdays and tense -----

#[test]
fn weekday_in_past_clause_is_the_previous_one() {
    check("The minister arrived in Havana on Monday.", "2018-12-11", "Monday", "2018-12-10", Some("2018-12-10"));
}

#[test]
fn weekday_in_future_clause_is_the_next_one() {
    check("The minister will arrive in Havana on Monday.", "2018-12-11", "Monday", "2018-12-17", Some("2018-12-17"));
    check("Talks are scheduled to resume on Friday in Geneva.", "2018-12-11", "Friday", "2018-12-14", Some("2018-12-14"));
}

#[test]
fn weekday_of_the_publication_day_is_that_day() {
    check("The foreign ministers signed the accord Tuesday.", "2018-12-11", "Tuesday", "2018-12-11", Some("2018-12-11"));
}

#[test]
fn reporting_verb_does_not_override_the_event_tense() {
    let v = found("The delegation will land in Beijing on Thursday, the embassy said.", "2018-12-11");
    assert_eq!(v, [("Thursday".to_string(), "2018-12-13".to_string())]);
}

#[test]
fn last_and_next_weekday() {
    check("The envoy left last Friday.", "2018-12-11", "last Friday", "2018-12-07", Some("2018-12-07"));
    check("The envoy returns next Friday.", "2018-12-11", "next Friday", "2018-12-14", Some("2018-12-14"));
}

#[test]
fn weekday_with_part_of_day_is_a_time() {
    let t = only("The talks ended on Monday morning.", Some("2018-12-11"));
    assert_eq!((t.text.as_str(), t.value.as_str(), t.ty), ("Monday morning", "2018-12-10TMO", TimexType::Time));
}

#[test]
fn weekday_with_explicit_date_is_one_expression() {
    check("The summit opened on Tuesday, Dec. 11, in Buenos Aires.", "2018-12-12", "Tuesday, Dec. 11", "2018-12-11", Some("2018-12-11"));
}

// ----- absolute dates -----

#[test]
fn month_day_ordinal_abbreviated() {
    check("HAVANA, Dec. 11th (EFE) -- The talks went on.", "2018-12-11", "Dec. 11th", "2018-12-11", Some("2018-12-11"));
}

#[test]
fn day_month_year() {
    check("The treaty was signed on 22 November 2022 in Ankara.", "2023-01-05", "22 November 2022", "2022-11-22", Some("2022-11-22"));
    check("It was ratified on the 5th of December 2019.", "2023-01-05", "the 5th of December 2019", "2019-12-05", Some("2019-12-05"));
}

#[test]
fn month_day_comma_year() {
    check("Relations were restored on July 20, 2015.", "2018-12-11", "July 20, 2015", "2015-07-20", Some("2015-07-20"));
}

#[test]
fn iso_and_slashed_dates() {
    check("Statement issued 2024-02-27 by the ministry.", "2024-02-28", "2024-02-27", "2024-02-27", Some("2024-02-27"));
    check("Embassy notice dated 12/03/2013.", "2013-12-04", "12/03/2013", "2013-12-03", Some("2013-12-03"));
}

#[test]
fn month_day_without_year_takes_the_publication_year() {
    check("The agreement takes effect on July 1.", "2018-12-11", "July 1", "2018-07-01", Some("2018-07-01"));
    check("The agreement takes effect on July 1.", "2018-03-01", "July 1", "2018-07-01", Some("2018-07-01"));
}

#[test]
fn month_day_far_ahead_of_publication_is_last_year() {
    // More than six months after the article: a look back at last October.
    check("The ambassador presented credentials on October 5.", "2018-03-01", "October 5", "2017-10-05", Some("2017-10-05"));
}

#[test]
fn month_and_year() {
    check("The embassy reopened in December 2014.", "2018-12-11", "December 2014", "2014-12", Some("2014-12"));
    check("Sanctions were lifted in May 2010.", "2018-12-11", "May 2010", "2010-05", Some("2010-05"));
}

#[test]
fn month_with_relative_year() {
    check("They met in March last year.", "2018-12-11", "March last year", "2017-03", Some("2017-03"));
}

#[test]
fn year_after_preposition() {
    check("The two countries broke off relations in 1961.", "2018-12-11", "1961", "1961", Some("1961"));
    check("Trade has grown since 2010.", "2018-12-11", "2010", "2010", Some("2010"));
}

#[test]
fn year_before_a_noun() {
    check("He recalled the 2012 election.", "2018-12-11", "2012", "2012", Some("2012"));
    check("Officials criticised a 2009 report by the agency.", "2018-12-11", "2009", "2009", Some("2009"));
}

#[test]
fn year_ranges() {
    let v = found("The talks of 2010-2012 failed, as did those of 1957-58.", "2018-12-11");
    let vals: Vec<&str> = v.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(vals, ["2010", "2012", "1957", "1958"]);
}

#[test]
fn day_of_current_month() {
    check("The delegation arrived on the 5th.", "2018-12-11", "the 5th", "2018-12-05", Some("2018-12-05"));
}

#[test]
fn day_range_is_one_expression() {
    check("The forum runs from 20 to 22 November in Sochi.", "2018-11-01", "20 to 22 November", "2018-11-20", Some("2018-11-20/2018-11-22"));
    check("The forum runs on November 20-22 in Sochi.", "2018-11-01", "November 20-22", "2018-11-20", Some("2018-11-20/2018-11-22"));
}

// ----- months and seasons -----

#[test]
fn last_month_name_is_the_most_recent_before_the_publication() {
    check("Putin received the envoy last June.", "2018-12-11", "last June", "2018-06", Some("2018-06"));
    check("Putin received the envoy last June.", "2018-05-02", "last June", "2017-06", Some("2017-06"));
}

#[test]
fn partial_publication_date_resolves_at_its_precision() {
    check("Putin received the envoy last June.", "2023-07", "last June", "2023-06", Some("2023-06"));
    check("The envoy left yesterday.", "2023-07", "yesterday", "2023-07", Some("2023-07"));
}

#[test]
fn bare_month_follows_tense() {
    check("The minister visited Hanoi in June.", "2018-03-11", "June", "2017-06", Some("2017-06"));
    check("The minister will visit Hanoi in June.", "2018-03-11", "June", "2018-06", Some("2018-06"));
    check("A report is due to be published in May.", "2018-03-11", "May", "2018-05", Some("2018-05"));
}

#[test]
fn early_mid_late_month() {
    let t = only("Envoys met in early December.", Some("2018-12-20"));
    assert_eq!((t.text.as_str(), t.value.as_str()), ("early December", "2018-12"));
    let iv = t.interval.unwrap();
    assert_eq!((iv.to_string(), iv.granularity), ("2018-12-01/2018-12-10".into(), Granularity::Month));
    check("The deal collapsed in late last July.", "2018-12-11", "late last July", "2018-07", Some("2018-07-21/2018-07-31"));
    check("Elections are planned for mid-March.", "2018-12-11", "mid-March", "2019-03", Some("2019-03-11/2019-03-20"));
}

#[test]
fn early_year_and_end_of_year() {
    check("The embassy opened in early 2011.", "2018-12-11", "early 2011", "2011", Some("2011-01/2011-04"));
    check("A deal is expected by the end of the year.", "2018-12-11", "the end of the year", "2018", Some("2018-09/2018-12"));
}

#[test]
fn seasons() {
    check("The ministers met last summer.", "2018-12-11", "last summer", "2018-SU", Some("2018-06/2018-08"));
    check("A summit is planned for this spring.", "2019-01-11", "this spring", "2019-SP", Some("2019-03/2019-05"));
    check("The accord was drafted in the autumn of 2016.", "2018-12-11", "the autumn of 2016", "2016-FA", Some("2016-09/2016-11"));
    assert!(tag("Protests of the Arab Spring spread.", dct("2018-12-11")).is_empty());
}

#[test]
fn decades_and_centuries() {
    check("Ties were frozen in the 1990s.", "2018-12-11", "1990s", "199", Some("1990/1999"));
    check("A rivalry of the 20th century ended.", "2018-12-11", "20th century", "19", Some("1900/1999"));
    check("Relations soured in the mid-1990s.", "2018-12-11", "mid-1990s", "199", Some("1994/1996"));
}

#[test]
fn quarters_and_halves() {
    check("Exports fell in the third quarter.", "2013-11-05", "the third quarter", "2013-Q3", Some("2013-07/2013-09"));
    check("Exports fell in the fourth quarter.", "2013-03-05", "the fourth quarter", "2012-Q4", Some("2012-10/2012-12"));
    check("Trade grew in the first half of 2017.", "2018-12-11", "the first half of 2017", "2017-H1", Some("2017-01/2017-06"));
}

// ----- relative to the publication date -----

#[test]
fn relative_days() {
    check("The envoy left yesterday.", "2018-12-11", "yesterday", "2018-12-10", Some("2018-12-10"));
    check("The envoy leaves today.", "2018-12-11", "today", "2018-12-11", Some("2018-12-11"));
    check("The envoy leaves tomorrow.", "2018-12-11", "tomorrow", "2018-12-12", Some("2018-12-12"));
    check("The envoy left two days ago.", "2018-12-11", "two days ago", "2018-12-09", Some("2018-12-09"));
    check("The embassy was attacked last night.", "2018-12-11", "last night", "2018-12-10TNI", Some("2018-12-10"));
}

#[test]
fn relative_units() {
    check("Talks resume next week.", "2018-12-11", "next week", "2018-W51", Some("2018-12-17/2018-12-23"));
    check("Trade doubled this year.", "2018-12-11", "this year", "2018", Some("2018"));
    check("Trade doubled last year.", "2018-12-11", "last year", "2017", Some("2017"));
    check("Prices rose last month.", "2018-12-11", "last month", "2018-11", Some("2018-11"));
    check("The pact was signed three years ago.", "2018-12-11", "three years ago", "2015", Some("2015"));
    check("Revenue grew this fiscal year.", "2018-12-11", "this fiscal year", "2018", Some("2018"));
    check("Fighting flared earlier this year.", "2018-12-11", "earlier this year", "2018", Some("2018"));
}

#[test]
fn anaphoric_days_count_from_the_last_date() {
    let v = found("The minister arrived on Monday. The day before, his deputy met the envoy.", "2018-12-11");
    assert_eq!(v[1], ("The day before".to_string(), "2018-12-09".to_string()));
    let v = found("The accord was signed in 1994. A year later, it collapsed.", "2018-12-11");
    assert_eq!(v[1], ("A year later".to_string(), "1995".to_string()));
}

#[test]
fn weekend() {
    check("Protests spread over the weekend.", "2018-12-11", "the weekend", "2018-W49-WE", Some("2018-12-08/2018-12-09"));
}

#[test]
fn clock_times() {
    check("The vote opens at 10 a.m. local time.", "2018-12-11", "10 a.m. local time", "2018-12-11T10:00", Some("2018-12-11"));
    check("The match was moved to 15:00 GMT Saturday.", "2018-12-13", "15:00 GMT Saturday", "2018-12-08T15:00", Some("2018-12-08"));
    check("The match was postponed until 15:00 GMT Saturday.", "2018-12-13", "15:00 GMT Saturday", "2018-12-15T15:00", Some("2018-12-15"));
}

// ----- durations, sets, vague references -----

#[test]
fn durations() {
    let t = only("The envoy stayed a month in Caracas.", Some("2018-12-11"));
    assert_eq!((t.text.as_str(), t.value.as_str(), t.ty, t.interval), ("a month", "P1M", TimexType::Duration, None));
    check("The dispute lasted three years.", "2018-12-11", "three years", "P3Y", None);
    check("The alliance has endured six decades.", "2018-12-11", "six decades", "P6DE", None);
    check("Trade grew over the past three years.", "2018-12-11", "the past three years", "P3Y", None);
    check("Talks may take the next few months.", "2018-12-11", "the next few months", "PXM", None);
    check("Fighting went on for almost seven years.", "2018-12-11", "almost seven years", "P7Y", None);
    check("They agreed a 24-hour ceasefire.", "2018-12-11", "24-hour", "PT24H", None);
    check("He served one and a half years in Kabul.", "2018-12-11", "one and a half years", "P18M", None);
    check("Aid has flowed in recent weeks.", "2018-12-11", "recent weeks", "PXW", None);
}

#[test]
fn comparatives_stay_outside_durations() {
    check("The siege lasted more than a week.", "2018-12-11", "a week", "P1W", None);
}

#[test]
fn sets() {
    let t = only("The commission meets every year.", Some("2018-12-11"));
    assert_eq!((t.text.as_str(), t.value.as_str(), t.ty), ("every year", "P1Y", TimexType::Set));
    check("The council meets twice a year.", "2018-12-11", "twice a year", "P1Y", None);
    check("The envoys meet every Monday.", "2018-12-11", "every Monday", "XXXX-WXX-1", None);
    check("The data are published weekly.", "2018-12-11", "weekly", "P1W", None);
}

#[test]
fn vague_references() {
    check("The two sides are now talking.", "2018-12-11", "now", "PRESENT_REF", None);
    check("Cuba currently hosts the talks.", "2018-12-11", "currently", "PRESENT_REF", None);
    check("The envoy recently visited Minsk.", "2018-12-11", "recently", "PAST_REF", None);
    check("Ties may improve in the future.", "2018-12-11", "the future", "FUTURE_REF", None);
    check("Such visits were rare in the past.", "2018-12-11", "the past", "PAST_REF", None);
}

// ----- what is not a temporal expression -----

#[test]
fn numbers_that_are_not_years_are_not_tagged() {
    for s in [
        "Russia delivered 1.64 tons of aid.",
        "They marked the 80th anniversary of relations.",
        "Two Tu-160 bombers landed in Venezuela.",
        "He received the Order of Friendship.",
        "Some 2,000 troops crossed the border.",
        "About 1500 people attended.",
        "The army sent 2000 troops to the border.",
        "Officials may meet again soon.",
        "A 22-year-old student was detained.",
        "Protesters march to the embassy.",
    ] {
        let v = tag(s, dct("2018-12-11"));
        assert!(v.is_empty(), "{s:?} gave {v:?}");
    }
}

// ----- without a publication date -----

#[test]
fn without_dct_relative_values_keep_x() {
    let t = only("Putin received the envoy last June.", None);
    assert_eq!((t.value.as_str(), t.interval), ("XXXX-06", None));
    let t = only("The minister arrived in Havana on Monday.", None);
    assert_eq!((t.value.as_str(), t.interval), ("XXXX-WXX-1", None));
    let t = only("The envoy left yesterday.", None);
    assert_eq!((t.value.as_str(), t.interval), ("XXXX-XX-XX", None));
    let t = only("Talks resume next week.", None);
    assert_eq!((t.value.as_str(), t.interval), ("XXXX-WXX", None));
    let t = only("The agreement takes effect on July 1.", None);
    assert_eq!((t.value.as_str(), t.interval), ("XXXX-07-01", None));
}

#[test]
fn without_dct_absolute_dates_keep_intervals() {
    let t = only("The treaty was signed on 22 November 2022 in Ankara.", None);
    assert_eq!((t.value.as_str(), t.interval.map(|i| i.to_string())), ("2022-11-22", Some("2022-11-22".into())));
}

// ----- spans and output -----

#[test]
fn spans_are_byte_offsets() {
    let text = "Díaz-Canel llegó — and arrived on Monday.";
    let t = only(text, Some("2018-12-11"));
    assert_eq!(&text[t.span.start..t.span.end], "Monday");
    assert_eq!(t.text, "Monday");
}

#[test]
fn results_are_sorted_and_disjoint() {
    let text = "On Monday, Dec. 10, the envoy met officials; yesterday he left, and next week he returns for three days.";
    let v = tag(text, dct("2018-12-11"));
    assert_eq!(v.len(), 4, "{v:?}");
    for w in v.windows(2) {
        assert!(w[0].span.end <= w[1].span.start);
    }
}

#[test]
fn json_line_escapes() {
    let t = only("The envoy left yesterday.", Some("2018-12-11"));
    let line = to_json_line("doc \"1\"\n", &t);
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["doc"], "doc \"1\"\n");
    assert_eq!(v["value"], "2018-12-10");
    assert_eq!(v["type"], "DATE");
    assert_eq!(v["text"], "yesterday");
    assert_eq!(v["start"], 15);
    assert_eq!(v["end"], 24);
}

#[test]
fn odd_input_does_not_panic() {
    let nul = ["", "", "Monday", " 2013", "-", "03-", "22"].join("\0");
    let _ = tag(&nul, dct("2018-12-11"));
    let long = "In 1961, on Monday, the 5th, 12/99/2013 9999-99-99 ".repeat(20_000);
    let v = tag(&long, dct("2018-12-11"));
    assert!(v.len() >= 60_000);
    let _ = tag(&"x".repeat(1_000_000), None);
    let _ = tag("'", None);
    let _ = tag("the", None);
    let _ = tag("December 31, 9999 and January 1, 0001 the 31st", dct("9999-12-31"));
    let _ = tag("last June yesterday next week the 1st", dct("0001-01-01"));
}

#[test]
fn lists_of_years() {
    let v = found("The minister visited Havana in 2010, 2012 and 2015.", "2018-12-11");
    let vals: Vec<&str> = v.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(vals, ["2010", "2012", "2015"]);
}

#[test]
fn clock_time_takes_the_day_named_after_it() {
    let v = found("The ceasefire took effect at 6 a.m. on Saturday.", "2018-12-11");
    assert_eq!(v[0], ("6 a.m.".to_string(), "2018-12-08T06:00".to_string()));
    assert_eq!(v[1], ("Saturday".to_string(), "2018-12-08".to_string()));
}

#[test]
fn present_tense_weekday_looks_ahead() {
    let v = found("The deadline for the reply is Sunday.", "2018-12-11");
    assert_eq!(v, [("Sunday".to_string(), "2018-12-16".to_string())]);
}

#[test]
fn future_clause_moves_a_past_day_to_next_year() {
    check("The sanctions were extended until July 31.", "2018-12-11", "July 31", "2019-07-31", Some("2019-07-31"));
}

#[test]
fn end_of_a_period_still_to_come_is_the_previous_one_in_past_tense() {
    check("Arrivals had peaked by the end of the year.", "2013-03-22", "the end of the year", "2012", Some("2012-09/2012-12"));
}

#[test]
fn fiscal_years_and_present() {
    check("Aid was cut in fiscal 2017.", "2018-12-11", "fiscal 2017", "2017", Some("2017"));
    check("At present there are no talks.", "2018-12-11", "At present", "PRESENT_REF", None);
}

#[test]
fn durations_compared_are_not_dates() {
    check("The crisis began a month earlier than expected.", "2018-12-11", "a month", "P1M", None);
}
