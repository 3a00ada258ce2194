use attache_cli::commands::{self, EventFilter};
use attache_cli::exit;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

// The analysis allocates many small, short-lived strings and vectors per
// token; mimalloc serves them markedly faster than glibc malloc, most of all
// across rayon's worker threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  some inputs could not be read (each is reported on stderr); the rest were processed
  2  bad command-line usage
  3  fatal error (store could not be opened or written, output failed)
  4  nothing found (unknown entity or event, no search hit)

Examples:
  attache demo                                   run the pipeline on the bundled demo corpus
  attache ingest articles/ --db news.db          add a folder of articles to a store
  attache timeline --db news.db --entity Lavrov  what Lavrov did, in order
  attache analyze corpus.jsonl --format json     whole pipeline in memory, JSON to stdout";

/// Attaché: who met whom, where, when, and how sure we are — from news articles.
#[derive(Parser)]
#[command(name = "attache", version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct DbArg {
    /// The store (an SQLite file). Defaults to $ATTACHE_DB, else ./attache.db.
    #[arg(long, env = "ATTACHE_DB", default_value = "attache.db")]
    db: PathBuf,
}

#[derive(clap::Args, Clone, Default)]
struct FilterArgs {
    /// Only events of this type (visit, meet, phone_call, invite, agreement, ...).
    #[arg(long = "type")]
    event_type: Option<String>,
    /// Only events involving this entity (any of its names or spellings).
    #[arg(long)]
    entity: Option<String>,
    /// Only events involving an actor or place of this country (ISO alpha-3, e.g. CUB).
    #[arg(long)]
    country: Option<String>,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Only events on or before this date.
    #[arg(long)]
    to: Option<String>,
}

impl From<FilterArgs> for EventFilter {
    fn from(a: FilterArgs) -> Self {
        EventFilter { event_type: a.event_type, entity: a.entity, country: a.country, from: a.from, to: a.to }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Read articles into a store: files (.txt .md .html .jsonl), folders (recursively), or - for stdin.
    ///
    /// Documents already stored with the same content are skipped, so ingesting
    /// a corpus twice adds nothing. Unreadable inputs are reported with their
    /// file (and line) and the rest of the batch is still stored.
    Ingest {
        /// Files or folders to read; - reads stdin (JSONL or one plain-text article).
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        db: DbArg,
    },
    /// Run the whole pipeline in memory and write the full export to stdout.
    Analyze {
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format: json (documents, entities, events), jsonl or csv.
        #[arg(long, default_value = "json", value_parser = ["json", "jsonl", "csv", "plover", "ftm", "gexf"])]
        format: String,
    },
    /// Write the store's documents, entities and events to stdout.
    Export {
        #[command(flatten)]
        db: DbArg,
        /// Output format.
        #[arg(long, default_value = "json", value_parser = ["json", "jsonl", "csv", "plover", "ftm", "gexf"])]
        format: String,
    },
    /// List the documents in a store.
    Docs {
        #[command(flatten)]
        db: DbArg,
    },
    /// List events, optionally filtered.
    Events {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        filter: FilterArgs,
        /// Print JSON instead of one line per event.
        #[arg(long)]
        json: bool,
    },
    /// A chronological timeline of merged events with their number of sources.
    Timeline {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Show one event with every report quoted and why its reports were merged.
    Event {
        /// The event id, e.g. evt:12 or 12.
        id: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Show an entity: its names and spellings, roles over time, documents and events.
    Entity {
        /// A name or part of one, any spelling ("Lavrov", "Zajárova").
        name: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Full-text search over the narrative sentences of the store.
    Search {
        query: String,
        #[command(flatten)]
        db: DbArg,
        /// Most hits to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Tag temporal expressions: one JSON line per expression ({doc, start, end, value, type}).
    Time {
        /// JSONL files of {id, published, text}, or any article files.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// Run the pipeline on the bundled demo corpus and print what it found.
    Demo {
        /// Instead of printing, build a store from the demo and serve the web UI at this address.
        #[arg(long, num_args = 0..=1, default_missing_value = "127.0.0.1:8080")]
        serve: Option<String>,
    },
    /// Serve the HTTP API and web UI over a store (read-only).
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest { paths, db } => commands::ingest(&paths, &db.db),
        Command::Analyze { paths, format } => commands::analyze(&paths, &format),
        Command::Export { db, format } => commands::export(&db.db, &format),
        Command::Docs { db } => commands::docs(&db.db),
        Command::Events { db, filter, json } => commands::events(&db.db, &filter.into(), json.then_some("json")),
        Command::Timeline { db, filter } => commands::timeline(&db.db, &filter.into()),
        Command::Event { id, db } => commands::event(&db.db, &id),
        Command::Entity { name, db } => commands::entity(&db.db, &name),
        Command::Search { query, db, limit } => commands::search(&db.db, &query, limit),
        Command::Time { paths } => commands::time(&paths),
        Command::Demo { serve } => commands::demo(serve.as_deref()),
        Command::Serve { db, addr } => commands::serve_db(&db.db, &addr),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`attache export | head`) is not an error worth a message.
            if e.chain().any(|c| c.downcast_ref::<std::io::Error>().map(|io| io.kind() == std::io::ErrorKind::BrokenPipe).unwrap_or(false)) {
                exit::OK
            } else {
                eprintln!("error: {e:#}");
                exit::FATAL
            }
        }
    };
    std::process::exit(code);
}
