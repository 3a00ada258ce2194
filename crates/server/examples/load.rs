//! A bounded load test of the API on loopback (not a unit test):
//!
//!     cargo run --release -p attache-server --example load [-- --db news.db] [--requests 3000] [--connections 4]
//!
//! Starts the server on 127.0.0.1 (an ephemeral port) over the given store,
//! or over a small hand-built one, sends a fixed number of keep-alive
//! HTTP/1.1 requests across a few connections, and prints requests/second
//! and latency percentiles. It stops by itself: after the request count, or
//! after 60 seconds, whichever comes first. Traffic never leaves loopback.

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(60);

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

/// One request on a keep-alive connection; returns the status code.
fn request(reader: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<u16> {
    write!(reader.get_mut(), "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n")?;
    let mut status_line = String::new();
    reader.read_line(&mut status_line)?;
    let status: u16 = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(status)
}

fn main() {
    let total: usize = arg("--requests").and_then(|n| n.parse().ok()).unwrap_or(3000).clamp(1, 100_000);
    let connections: usize = arg("--connections").and_then(|n| n.parse().ok()).unwrap_or(4).clamp(1, 64);
    let fixture = if arg("--db").is_none() { Some(common::build()) } else { None };
    let db: PathBuf = arg("--db").map(PathBuf::from).unwrap_or_else(|| fixture.as_ref().unwrap().db.clone());

    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binding loopback");
    std_listener.set_nonblocking(true).unwrap();
    let addr = std_listener.local_addr().unwrap();
    let server_db = db.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(std_listener).unwrap();
            if let Err(e) = attache_server::run(listener, server_db).await {
                eprintln!("server failed: {e:#}");
                std::process::exit(3);
            }
        });
    });

    let paths = [
        "/api/stats",
        "/api/timeline?limit=50",
        "/api/events?limit=20",
        "/api/events/evt%3A1",
        "/api/entities?q=a&limit=20",
        "/api/graph",
        "/api/search?q=minister",
        "/api/documents?limit=20",
    ];
    let started = Instant::now();
    let per_conn = total.div_ceil(connections);
    let workers: Vec<_> = (0..connections)
        .map(|c| {
            std::thread::spawn(move || {
                let mut latencies = Vec::with_capacity(per_conn);
                let mut errors = 0usize;
                let stream = TcpStream::connect(addr).expect("connecting to the server");
                stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                stream.set_nodelay(true).unwrap();
                let mut reader = BufReader::new(stream);
                for i in 0..per_conn {
                    if started.elapsed() > DEADLINE {
                        break;
                    }
                    let t = Instant::now();
                    match request(&mut reader, paths[(i + c) % paths.len()]) {
                        Ok(200) => latencies.push(t.elapsed()),
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            break;
                        }
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (l, e) = w.join().unwrap();
        latencies.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies.get(((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1)).copied().unwrap_or_default();
    println!("store:       {}", db.display());
    println!("requests:    {} ok, {errors} failed, over {connections} connections in {:.2} s", latencies.len(), elapsed.as_secs_f64());
    println!("throughput:  {:.0} requests/s", latencies.len() as f64 / elapsed.as_secs_f64());
    println!("latency:     p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms", ms(pct(0.50)), ms(pct(0.99)), ms(pct(1.0)));
    if errors > 0 {
        std::process::exit(1);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
