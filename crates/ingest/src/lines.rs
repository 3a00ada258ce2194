//! Line classification: which stretches of a document are narrative, which
//! are headings, and which are boilerplate no fact may be taken from.

use attache_model::{Line, LineKind, Span};
use regex::Regex;
use std::sync::LazyLock;

pub struct DatePrefix {
    pub date: String,
    pub url: Option<String>,
    pub end: usize,
}

static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*date:?\s+(\d{4}-\d{2}(?:-\d{2})?)(?:[ \t]+(https?://\S+))?[ \t]*\n?").expect("date prefix regex")
});

/// A leading " date 2024-02-27 https://..." (left by some scrapers), possibly
/// followed on the same line by the article's first sentence.
pub fn date_prefix(text: &str) -> Option<DatePrefix> {
    let c = DATE_PREFIX.captures(text)?;
    Some(DatePrefix { date: c[1].to_string(), url: c.get(2).map(|m| m.as_str().to_string()), end: c.get(0)?.end() })
}

// Word boundaries are ASCII ones, `(?-u:\b)`: the keywords are English, and
// a Unicode boundary keeps the regex crate from its fast (lazy DFA) engine.
// What needs a length limit or capitalised words (share lines, bylines) is
// checked in code: bounded repetitions of Unicode classes made this regex
// take 12 ms to build, at every start.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:
            (?:also\s+read|read\s+(?:more|also)|see\s+also|related(?:\s+(?:news|stories|articles?|coverage))?|more\s+on\s+this|recommended|trending|most\s+read|watch|listen|more)\s*[:|>\-–—]
          | (?:read\s+more|continue\s+reading|click\s+here|load\s+more|show\s+comments|advertisement|sponsored(?:\s+content)?|skip\s+to\s+(?:main\s+)?content)(?-u:\b)
          | (?:photo|image|picture|video|file\s+photo|caption|credit|source|photograph)\s*(?:[:|/]|credit(?-u:\b)|by(?-u:\b))
          | (?:copyright|©|\(c\)|all\s+rights\s+reserved)
          | (?:published|updated|last\s+updated|posted)\s*(?:on|at)?\s*:?\s*\d
          | tags?\s*:
        )",
    )
    .expect("boilerplate regex")
});

/// "Share this article", "Follow us on ...": a sharing prompt, if what
/// follows it is short (`SHARE_REST_MAX` characters).
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:share|tweet|email|print|follow\s+us|subscribe|sign\s+up|join\s+us|download\s+(?:our|the)\s+app)(?-u:\b)(.*)$")
        .expect("share regex")
});

const SHARE_REST_MAX: usize = 80;

pub(crate) fn is_boilerplate(line: &str) -> bool {
    BOILERPLATE.is_match(line)
        || SHARE.captures(line).is_some_and(|c| c[1].chars().count() <= SHARE_REST_MAX)
        || is_byline(line)
        || CAPTION.is_match(line_tail(line))
}

/// "By Jane Doe", "BY JANE DOE AND JOHN ROE, Reuters": "by", one or two
/// groups of one to four capitalised names joined by "and" or "&", and at
/// most 40 characters after a comma or bar. "By then, the talks had
/// failed." is narrative: "then" is no name.
fn is_byline(line: &str) -> bool {
    let line = line.trim_start();
    let Some(rest) = line.get(..2).filter(|by| by.eq_ignore_ascii_case("by")).map(|_| &line[2..]) else { return false };
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    let (names, after) = match rest.find([',', '|']) {
        Some(k) => (&rest[..k], Some(&rest[k + 1..])),
        None => (rest, None),
    };
    if after.is_some_and(|a| a.chars().count() > 40) {
        return false;
    }
    let words: Vec<&str> = names.split_whitespace().collect();
    let mut groups = words.split(|w| w.eq_ignore_ascii_case("and") || *w == "&");
    let group_ok = |g: &[&str]| (1..=4).contains(&g.len()) && g.iter().all(|w| is_name_word(w));
    groups.next().is_some_and(group_ok) && groups.next().is_none_or(group_ok) && groups.next().is_none()
}

/// A capitalised word of letters (and . ' -), two characters at least.
fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().nth(1).is_some()
        && chars.all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-'))
}

/// Caption lines end with a photo credit: "... in Havana. / Reuters", "(Photo: AP)".
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\s[/|]\s*(?:reuters|afp|ap|efe|tass|xinhua|getty(?:\s+images)?|sputnik|ria\s+novosti|prensa\s+latina|file)\s*\.?$|\((?:photo|image|pictured)[^)]*\)\s*$)")
        .expect("caption regex")
});

/// Classifies every non-empty line from `from` on. The dateline (ending at
/// `dateline_end`) is left to the caller; the rest of its line is narrative.
pub fn classify_lines(text: &str, from: usize, dateline_end: Option<usize>) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = pos;
        pos += raw.len();
        let mut start = line_start.max(from);
        if let Some(de) = dateline_end {
            if de > start && de <= pos {
                start = de;
            }
        }
        if start >= pos {
            continue;
        }
        let body = &text[start..pos];
        let trimmed = body.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = body.len() - body.trim_start().len();
        let span = Span::new(start + lead, start + lead + trimmed.len());
        let kind = if is_boilerplate(trimmed) {
            LineKind::Boilerplate
        } else if looks_like_heading(trimmed) {
            LineKind::Heading
        } else {
            LineKind::Narrative
        };
        out.push(Line { span, kind });
    }
    out
}

/// The last 200 bytes of a line (at a character boundary): a caption's
/// credit ends the line, and matching only there keeps long paragraphs from
/// being scanned in full.
fn line_tail(line: &str) -> &str {
    let mut from = line.len().saturating_sub(200);
    while !line.is_char_boundary(from) {
        from += 1;
    }
    &line[from..]
}

/// Short lines without closing punctuation: headlines and section titles.
fn looks_like_heading(line: &str) -> bool {
    if line.starts_with('#') {
        return true;
    }
    let words = line.split_whitespace().count();
    let ends_sentence = line.ends_with(['.', '!', '?', '"', '”', '»', ':', ';', ',']);
    words <= 16 && !ends_sentence
}

/// The first heading line, used as the title when no metadata gives one.
pub fn headline(text: &str, lines: &[Line]) -> Option<String> {
    let first = lines.iter().find(|l| l.kind != LineKind::Metadata)?;
    if first.kind == LineKind::Heading {
        Some(first.span.slice(text).trim_start_matches('#').trim().to_string())
    } else {
        None
    }
}
