//! The demo corpus, embedded at build time from `demo/corpus/` so that
//! `attache demo` works from any directory.

use attache_ingest::Batch;

include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));

/// Reads the embedded demo corpus exactly as the ingester reads files.
pub fn demo_batch() -> Batch {
    let mut batch = Batch::default();
    for (name, text) in DEMO_FILES {
        attache_ingest::read_bytes(&format!("demo/corpus/{name}"), text.as_bytes(), &mut batch);
    }
    batch
}
