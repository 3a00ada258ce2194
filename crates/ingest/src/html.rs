//! HTML articles: the main text without navigation, scripts or comments,
//! and the metadata publishers put in meta tags.

use crate::Meta;
use scraper::{ElementRef, Html, Selector};

/// Elements whose text is never article prose.
const SKIP: &[&str] = &["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg", "iframe", "template", "select", "figure"];
/// Elements that end a line of text.
const BLOCK: &[&str] = &["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article", "br", "tr", "pre", "figcaption", "dd", "dt"];
/// Nesting deeper than this is treated as hostile and not descended into.
pub const MAX_DEPTH: usize = 256;

/// The text, the metadata, and whether nesting past [`MAX_DEPTH`] was cut
/// off (the caller reports it: that text is missing from the document).
pub fn extract(html: &str, mut meta: Meta) -> (String, Meta, bool) {
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    for (attr, key) in [
        ("meta[property='article:published_time']", "published"),
        ("meta[name='article:published_time']", "published"),
        ("meta[name='date']", "published"),
        ("meta[name='pubdate']", "published"),
        ("meta[property='og:title']", "title"),
        ("meta[property='og:site_name']", "source"),
        ("meta[property='og:url']", "url"),
        ("link[rel='canonical']", "url"),
    ] {
        if let Some(el) = doc.select(&sel(attr)).next() {
            let v = el.value().attr("content").or_else(|| el.value().attr("href")).map(|s| s.trim().to_string());
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                let slot = match key {
                    "published" => &mut meta.published,
                    "title" => &mut meta.title,
                    "source" => &mut meta.source,
                    _ => &mut meta.url,
                };
                if slot.is_none() {
                    *slot = Some(v);
                }
            }
        }
    }
    if meta.title.is_none() {
        meta.title = doc.select(&sel("title")).next().map(|t| t.text().collect::<String>().trim().to_string()).filter(|t| !t.is_empty());
    }
    if meta.published.is_none() {
        meta.published = doc.select(&sel("time[datetime]")).next().and_then(|t| t.value().attr("datetime")).map(|s| s.to_string());
    }
    // Prefer the <article> (or <main>) element; fall back to <body>.
    let root = ["article", "main", "body"].iter().find_map(|s| doc.select(&sel(s)).next());
    let mut out = String::new();
    let mut too_deep = false;
    if let Some(root) = root {
        collect(root, &mut out, 0, &mut too_deep);
    }
    let text = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    (text, meta, too_deep)
}

fn collect(el: ElementRef, out: &mut String, depth: usize, too_deep: &mut bool) {
    if depth > MAX_DEPTH {
        *too_deep = true;
        return;
    }
    for child in el.children() {
        if let Some(e) = ElementRef::wrap(child) {
            let name = e.value().name();
            if SKIP.contains(&name) {
                continue;
            }
            let block = BLOCK.contains(&name);
            if block {
                out.push('\n');
            }
            collect(e, out, depth + 1, too_deep);
            if block {
                out.push('\n');
            }
        } else if let Some(t) = child.value().as_text() {
            out.push_str(t);
        }
    }
}
