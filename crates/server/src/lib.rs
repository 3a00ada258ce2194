//! The HTTP API and embedded web UI of Attaché, read-only over a store.
//!
//! - `GET /api/...` answers JSON (see [`api`]); errors are `{"error": "..."}`
//!   with 400 for bad parameters and 404 for unknown ids.
//! - `GET /` serves the single-page UI from `web/`, embedded at build time so
//!   the binary needs no files beside it.
//!
//! SQLite connections are not `Sync`, and every query blocks, so each request
//! borrows a read-only [`Store`] from a small pool inside `spawn_blocking`;
//! a semaphore bounds how many such jobs run at once.

mod api;
mod view;
mod web;

use anyhow::Context;
use attache_store::Store;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::Router;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// Largest request body accepted: the API is read-only, bodies are never needed.
const MAX_BODY: usize = 8 * 1024;
/// Database jobs running at once; more wait their turn instead of piling up threads.
const MAX_DB_JOBS: usize = 16;
/// Idle connections kept open for reuse.
const MAX_IDLE: usize = 8;
/// A request taking longer than this is answered 408.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// Read-only connections to one store file, opened on demand and reused.
pub(crate) struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    jobs: tokio::sync::Semaphore,
}

impl Pool {
    fn take(&self) -> Result<Store, attache_store::StoreError> {
        let reused = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match reused {
            Some(s) => Ok(s),
            None => Store::open_read_only(&self.path),
        }
    }
    fn give(&self, s: Store) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(s);
        }
    }
}

pub(crate) type AppState = Arc<Pool>;

/// The whole application (API + UI) over the store at `db`. Fails when the
/// store cannot be opened, so a wrong path is reported before listening.
pub fn app(db: &Path) -> anyhow::Result<Router> {
    if !db.exists() {
        anyhow::bail!("no store at {}: create one with `attache ingest PATH --db {}`", db.display(), db.display());
    }
    let first = Store::open_read_only(db).with_context(|| format!("opening store {}", db.display()))?;
    first.document_count().with_context(|| format!("reading store {}", db.display()))?;
    let pool = Arc::new(Pool { path: db.to_path_buf(), idle: Mutex::new(vec![first]), jobs: tokio::sync::Semaphore::new(MAX_DB_JOBS) });
    Ok(Router::new()
        .nest("/api", api::routes())
        .merge(web::routes())
        .layer(axum::middleware::map_response(security_headers))
        .layer(TimeoutLayer::new(REQUEST_TIMEOUT))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .with_state(pool))
}

async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}

/// Serves the store on an already bound listener until Ctrl-C.
pub async fn run(listener: tokio::net::TcpListener, db: PathBuf) -> anyhow::Result<()> {
    serve_router(listener, app(&db)?).await
}

async fn serve_router(listener: tokio::net::TcpListener, router: Router) -> anyhow::Result<()> {
    axum::serve(listener, router)
        // Small JSON answers: without this, Nagle's algorithm and delayed ACKs
        // add ~40 ms to each keep-alive response.
        .tcp_nodelay(true)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving HTTP")
}

/// Binds `addr` and serves the store at `db` (blocking, with its own tokio
/// runtime), announcing the URL on stderr once listening.
pub fn serve(db: &Path, addr: &str) -> anyhow::Result<()> {
    // Open the store first so a bad path fails before anything listens.
    let router = app(db)?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the async runtime")?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("listening on {addr}"))?;
        let bound: SocketAddr = listener.local_addr()?;
        eprintln!("Serving {} at http://{bound}/", db.display());
        serve_router(listener, router).await
    })
}
