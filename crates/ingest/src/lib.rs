//! Ingestion: turns files, folders, JSONL corpora and stdin into
//! [`Document`]s with their metadata, and marks the lines no fact may come from.
//!
//! Nothing here fails a whole batch: every problem becomes a [`Diagnostic`]
//! naming the file (and line), and the remaining inputs are still read.

mod dateline;
mod html;
mod lines;

pub use dateline::parse_dateline;
pub use lines::classify_lines;

use attache_model::{Document, Line, LineKind, PartialDate, Span};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest document accepted. Longer inputs are almost always dumps or
/// binaries; refusing them keeps memory bounded and the message clear.
pub const MAX_DOC_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The input was read, with something missing or repaired (e.g. no date).
    Warning,
    /// The input (or this line of it) was skipped.
    Error,
}

/// A problem with one input, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// "corpus/a.txt" or "corpus/wire.jsonl:12".
    pub origin: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: {}", self.origin, self.message)
    }
}

/// What reading a set of inputs produced.
#[derive(Debug, Default)]
pub struct Batch {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Batch {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }
    fn warn(&mut self, origin: impl Into<String>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic { severity: Severity::Warning, origin: origin.into(), message: message.into() });
    }
    fn error(&mut self, origin: impl Into<String>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic { severity: Severity::Error, origin: origin.into(), message: message.into() });
    }
}

/// Metadata supplied alongside a text (front matter, JSONL fields, HTML meta tags).
#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub id: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// The file extensions the ingester reads when walking a folder.
const KNOWN_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "jsonl", "ndjson"];

/// Reads every path: files by extension, folders recursively (sorted, so
/// runs are reproducible), and "-" as stdin.
pub fn read_paths<P: AsRef<Path>>(paths: &[P]) -> Batch {
    let mut batch = Batch::default();
    for p in paths {
        let p = p.as_ref();
        if p == Path::new("-") {
            let mut buf = Vec::new();
            match std::io::stdin().read_to_end(&mut buf) {
                Ok(_) => read_stdin_bytes(&buf, &mut batch),
                Err(e) => batch.error("stdin", format!("cannot read: {e}")),
            }
            continue;
        }
        if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, &mut batch);
            files.sort();
            for f in files {
                read_file(&f, &mut batch);
            }
        } else if p.exists() {
            read_file(p, &mut batch);
        } else {
            batch.error(p.display().to_string(), "no such file or folder");
        }
    }
    batch
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, batch: &mut Batch) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return batch.error(dir.display().to_string(), format!("cannot list folder: {e}")),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, batch);
        } else if extension(&path).map(|e| KNOWN_EXTENSIONS.contains(&e.as_str())).unwrap_or(false) {
            out.push(path);
        }
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Reads one file, whatever its extension (unknown ones are read as text).
pub fn read_file(path: &Path, batch: &mut Batch) {
    let origin = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return batch.error(origin, format!("cannot read: {e}")),
    };
    let is_jsonl = matches!(extension(path).as_deref(), Some("jsonl" | "ndjson"));
    // A JSONL corpus may be large; each of its lines is checked on its own.
    if !is_jsonl && meta.len() as usize > MAX_DOC_BYTES {
        return batch.error(origin, format!("file is {} bytes, more than the {} byte limit for one document", meta.len(), MAX_DOC_BYTES));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return batch.error(origin, format!("cannot read: {e}")),
    };
    read_bytes(&origin, &bytes, batch)
}

/// Reads the content of a file named `origin` (its extension picks the
/// format, its stem is the document id) from memory.
pub fn read_bytes(origin: &str, bytes: &[u8], batch: &mut Batch) {
    let path = Path::new(origin);
    let ext = extension(path).unwrap_or_default();
    if ext == "jsonl" || ext == "ndjson" {
        return read_jsonl(bytes, origin, batch);
    }
    if bytes.len() > MAX_DOC_BYTES {
        return batch.error(origin, format!("file is {} bytes, more than the {} byte limit for one document", bytes.len(), MAX_DOC_BYTES));
    }
    let id = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "doc".into());
    let text = match decode(bytes, origin, batch) {
        Some(t) => t,
        None => return,
    };
    let meta = Meta { id, ..Meta::default() };
    let (text, meta) = match ext.as_str() {
        "html" | "htm" => {
            let (text, meta, too_deep) = html::extract(&text, meta);
            if too_deep {
                batch.warn(origin, format!("HTML nested more than {} levels deep: the text inside is skipped", html::MAX_DEPTH));
            }
            (text, meta)
        }
        _ => front_matter(&text, meta),
    };
    push_document(text, meta, origin.to_string(), batch)
}

/// Stdin holds either JSONL (first non-blank char is '{') or one plain-text article.
pub fn read_stdin_bytes(bytes: &[u8], batch: &mut Batch) {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        return read_jsonl(bytes, "stdin", batch);
    }
    if bytes.len() > MAX_DOC_BYTES {
        return batch.error("stdin", "input is larger than the one-document limit");
    }
    if let Some(text) = decode(bytes, "stdin", batch) {
        let (text, meta) = front_matter(&text, Meta { id: "stdin".into(), ..Meta::default() });
        push_document(text, meta, "stdin".into(), batch);
    }
}

fn decode(bytes: &[u8], origin: &str, batch: &mut Batch) -> Option<String> {
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        batch.error(origin, "empty input: no text to read");
        return None;
    }
    // The whole input, not a sample: a NUL past the first kilobytes is just as
    // binary, and would otherwise reach the store and the FTS index.
    if bytes.contains(&0) {
        batch.error(origin, "binary content (NUL bytes): not a text article");
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s.strip_prefix('\u{feff}').unwrap_or(s).to_string()),
        Err(e) => {
            batch.error(origin, format!("not valid UTF-8 (first bad byte at offset {}); convert it to UTF-8 first", e.valid_up_to()));
            None
        }
    }
}

/// The JSONL corpus format: one `{id, published, text}` object per line,
/// optionally with `url`, `source`, `title`.
pub fn read_jsonl(bytes: &[u8], origin: &str, batch: &mut Batch) {
    // Lines are independent: parse and build them in parallel, then report
    // diagnostics and documents in line order.
    let lines: Vec<(usize, &[u8])> = bytes.split(|&b| b == b'\n').enumerate().collect();
    let parsed: Vec<Batch> = lines
        .par_iter()
        .map(|&(i, raw)| {
            let mut one = Batch::default();
            read_jsonl_line(i, raw, origin, &mut one);
            one
        })
        .collect();
    for one in parsed {
        batch.documents.extend(one.documents);
        batch.diagnostics.extend(one.diagnostics);
    }
}

fn read_jsonl_line(i: usize, raw: &[u8], origin: &str, batch: &mut Batch) {
    {
        let at = format!("{origin}:{}", i + 1);
        let line = match std::str::from_utf8(raw) {
            Ok(l) => l.trim(),
            Err(_) => {
                batch.error(at, "line is not valid UTF-8");
                return;
            }
        };
        if line.is_empty() {
            return;
        }
        if line.len() > MAX_DOC_BYTES {
            batch.error(at, format!("line is {} bytes, more than the {} byte limit for one document", line.len(), MAX_DOC_BYTES));
            return;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                batch.error(at, format!("malformed JSON: {e}"));
                return;
            }
        };
        let obj = match value.as_object() {
            Some(o) => o,
            None => {
                batch.error(at, "expected a JSON object with \"id\" and \"text\"");
                return;
            }
        };
        let text = match obj.get("text") {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(serde_json::Value::String(_)) => {
                batch.error(at, "\"text\" is empty");
                return;
            }
            Some(_) => {
                batch.error(at, "\"text\" must be a string");
                return;
            }
            None => {
                batch.error(at, "missing \"text\"");
                return;
            }
        };
        if text.contains('\0') {
            batch.error(at, "\"text\" contains NUL bytes: not a text article");
            return;
        }
        let field = |k: &str| -> Option<String> {
            match obj.get(k) {
                Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                _ => None,
            }
        };
        let id = match field("id") {
            Some(id) => id,
            None => {
                let why = if obj.contains_key("id") { "\"id\" should be a string or a number" } else { "missing \"id\"" };
                batch.warn(at.clone(), format!("{why}: using the line number"));
                format!("{}-{}", Path::new(origin).file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default(), i + 1)
            }
        };
        for k in ["published", "source", "title", "url"] {
            if let Some(v) = obj.get(k) {
                if !(v.is_string() || v.is_null() || (k == "published" && v.is_number())) {
                    batch.warn(at.clone(), format!("\"{k}\" should be a string; ignored"));
                }
            }
        }
        let meta = Meta { id, published: field("published"), source: field("source"), title: field("title"), url: field("url") };
        push_document(text, meta, at, batch);
    }
}

/// Splits a leading `---` block of `key: value` lines off a text/markdown file.
pub fn front_matter(text: &str, mut meta: Meta) -> (String, Meta) {
    let t = text.trim_start_matches('\u{feff}');
    let rest = match t.strip_prefix("---\n").or_else(|| t.strip_prefix("---\r\n")) {
        Some(r) => r,
        None => return (text.to_string(), meta),
    };
    let Some(end) = rest.find("\n---") else { return (text.to_string(), meta) };
    let block = &rest[..end];
    let after = &rest[end + 4..];
    let body = after.split_once('\n').map(|(_, b)| b).unwrap_or("");
    for line in block.lines() {
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches('"').trim_matches('\'').to_string();
            if v.is_empty() {
                continue;
            }
            match k.trim().to_ascii_lowercase().as_str() {
                "date" | "published" | "published_at" => meta.published = Some(v),
                "source" | "publisher" | "outlet" => meta.source = Some(v),
                "title" | "headline" => meta.title = Some(v),
                "url" | "link" => meta.url = Some(v),
                "id" => meta.id = v,
                _ => {}
            }
        }
    }
    (body.trim_start_matches(['\n', '\r']).to_string(), meta)
}

/// A stable hash of the text, the store's key for de-duplication.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Builds the document: metadata from the text itself (a leading " date ..."
/// line, a dateline), line classification, and checks on the date.
pub fn build_document(text: String, meta: Meta, origin: String) -> (Document, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut meta = meta;
    let mut lines = Vec::new();
    let mut body_start = 0;
    // " date 2024-02-27 https://..." prefix some scrapers leave at the top.
    if let Some(m) = lines::date_prefix(&text) {
        if meta.published.is_none() {
            meta.published = Some(m.date.clone());
        }
        if meta.url.is_none() {
            meta.url = m.url.clone();
        }
        lines.push(Line { span: Span::new(0, m.end), kind: LineKind::Metadata });
        body_start = m.end;
    }
    let mut published = None;
    if let Some(p) = &meta.published {
        match PartialDate::parse(p) {
            Some(d) => published = Some(d),
            None => diags.push(Diagnostic {
                severity: Severity::Warning,
                origin: origin.clone(),
                message: format!("publication date {p:?} is not a valid date; relative dates are left unresolved"),
            }),
        }
    }
    // The dateline opens the body: the first line, or the second when the first is a headline.
    let dateline = dateline::parse_dateline(&text, body_start, published).or_else(|| {
        let rest = &text[body_start..];
        let lead = rest.len() - rest.trim_start().len();
        let first_end = rest[lead..].find('\n')? + lead;
        let first = rest[lead..first_end].trim();
        let headline = !first.is_empty() && first.split_whitespace().count() <= 20 && !first.ends_with(['.', ':', ';']);
        headline.then(|| dateline::parse_dateline(&text, body_start + first_end, published)).flatten()
    });
    if let Some(dl) = &dateline {
        lines.push(Line { span: dl.span, kind: LineKind::Metadata });
        if meta.source.is_none() {
            meta.source = dl.agency.clone();
        }
        if published.is_none() {
            if let Some(d) = dl.date {
                if d.day.is_some() && d.year > 0 {
                    published = Some(d);
                }
            }
        }
    }
    if published.is_none() {
        diags.push(Diagnostic {
            severity: Severity::Warning,
            origin: origin.clone(),
            message: "no publication date: relative dates (\"Monday\", \"last June\") stay unresolved".into(),
        });
    }
    lines.extend(lines::classify_lines(&text, body_start, dateline.as_ref().map(|d| d.span.end)));
    lines.sort_by_key(|l| (l.span.start, l.span.end));
    let title = meta.title.clone().or_else(|| lines::headline(&text, &lines));
    let doc = Document {
        id: meta.id,
        source: meta.source,
        url: meta.url,
        title,
        published,
        dateline,
        origin,
        text,
        lines,
    };
    (doc, diags)
}

fn push_document(text: String, meta: Meta, origin: String, batch: &mut Batch) {
    if text.trim().is_empty() {
        return batch.error(origin, "no text left after removing markup and metadata");
    }
    let (doc, diags) = build_document(text, meta, origin);
    batch.diagnostics.extend(diags);
    batch.documents.push(doc);
}

#[cfg(test)]
mod tests;
