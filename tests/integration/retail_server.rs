//! A local stand-in for the Azure Retail Prices API (127.0.0.1 only) for the fetch tests and
//! benchmark: it replays recorded rows as pages of a chosen size, with `NextPageLink` pointing
//! back at itself, and follows a fault script (429 with and without Retry-After, 500, a slow
//! response, truncated JSON, an HTTP 400 body, an empty NextPageLink on full pages).
//!
//! Minimal HTTP/1.1: one request per connection (`Connection: close`), a thread per
//! connection, stopped when the server is dropped. Every request is logged so tests can count
//! retries and check what was asked.

#![allow(dead_code)]

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// What one response does instead of serving its page.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Serve the page normally.
    None,
    /// HTTP 429, with `Retry-After: seconds` when given.
    TooMany(Option<u64>),
    /// HTTP 500.
    ServerError,
    /// Wait this long, then serve the page (past the client's timeout).
    Slow(Duration),
    /// HTTP 200 whose JSON body stops halfway.
    Truncated,
    /// HTTP 400 with the recorded error body.
    BadRequest,
}

/// What the server serves.
#[derive(Clone, Debug)]
pub struct Config {
    /// Rows for a `$filter` with no route of its own.
    pub rows: Vec<Value>,
    /// Rows per exact (decoded) `$filter`.
    pub routes: BTreeMap<String, Vec<Value>>,
    pub page_size: usize,
    /// Added before every response.
    pub latency: Duration,
    /// `false`: `NextPageLink` is null on every page, full or not (the API's 2023 fault).
    pub next_links: bool,
    /// Serve the first page whatever `$skip` says (a broken mirror).
    pub ignore_skip: bool,
    /// Faults for the first requests, in arrival order.
    pub script: Vec<Fault>,
    /// The fault of every request after the script (`Fault::None` to serve normally).
    pub after_script: Fault,
}

impl Config {
    pub fn new(rows: Vec<Value>, page_size: usize) -> Self {
        Config {
            rows,
            routes: BTreeMap::new(),
            page_size,
            latency: Duration::ZERO,
            next_links: true,
            ignore_skip: false,
            script: Vec::new(),
            after_script: Fault::None,
        }
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub target: String,
    pub filter: String,
    pub skip: usize,
    pub at: Instant,
}

pub struct RetailServer {
    /// The API URL to pass as `--api-url`.
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    address: std::net::SocketAddr,
}

impl RetailServer {
    pub fn start(config: Config) -> RetailServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let address = listener.local_addr().expect("an address");
        let url = format!("http://{address}/api/retail/prices");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let shared = Arc::new(Shared {
            config,
            url: url.clone(),
            script: Mutex::new(VecDeque::new()),
            seen: Arc::clone(&seen),
        });
        *shared.script.lock().unwrap() = shared.config.script.iter().cloned().collect();
        let stopping = Arc::clone(&stop);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&shared);
                thread::spawn(move || shared.answer(stream));
            }
        });
        RetailServer {
            url,
            seen,
            stop,
            address,
        }
    }

    /// Every request so far, in arrival order.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for RetailServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.address);
    }
}

struct Shared {
    config: Config,
    url: String,
    script: Mutex<VecDeque<Fault>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Shared {
    fn answer(&self, mut stream: TcpStream) {
        let Some(target) = read_target(&stream) else {
            return;
        };
        let parameters = parameters(&target);
        let filter = parameters.get("$filter").cloned().unwrap_or_default();
        let skip = parameters
            .get("$skip")
            .and_then(|skip| skip.parse().ok())
            .unwrap_or(0);
        self.seen.lock().unwrap().push(Seen {
            target: target.clone(),
            filter: filter.clone(),
            skip,
            at: Instant::now(),
        });
        let fault = self
            .script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| self.config.after_script.clone());
        thread::sleep(self.config.latency);
        let page = || self.page(&target, &filter, skip);
        let (status, headers, body) = match fault {
            Fault::None => ("200 OK", String::new(), page()),
            Fault::TooMany(seconds) => (
                "429 Too Many Requests",
                seconds.map_or(String::new(), |seconds| {
                    format!("Retry-After: {seconds}\r\n")
                }),
                String::new(),
            ),
            Fault::ServerError => ("500 Internal Server Error", String::new(), String::new()),
            Fault::Slow(delay) => {
                thread::sleep(delay);
                ("200 OK", String::new(), page())
            }
            Fault::Truncated => {
                let body = page();
                let mut cut = body.len() / 2;
                while !body.is_char_boundary(cut) {
                    cut -= 1;
                }
                ("200 OK", String::new(), body[..cut].to_string())
            }
            Fault::BadRequest => ("400 Bad Request", String::new(), error_body()),
        };
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{headers}Connection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(response.as_bytes());
        let _ = stream.flush();
    }

    fn page(&self, target: &str, filter: &str, skip: usize) -> String {
        let rows = self.config.routes.get(filter).unwrap_or(&self.config.rows);
        let skip = if self.config.ignore_skip { 0 } else { skip };
        let end = (skip + self.config.page_size).min(rows.len());
        let items: Vec<Value> = rows.get(skip.min(end)..end).unwrap_or(&[]).to_vec();
        let next = if self.config.next_links && end < rows.len() {
            let query = target.split_once('?').map_or("", |(_, query)| query);
            let kept: Vec<&str> = query
                .split('&')
                .filter(|parameter| !parameter.starts_with("$skip="))
                .collect();
            Value::String(format!("{}?{}&$skip={end}", self.url, kept.join("&")))
        } else {
            Value::Null
        };
        let count = items.len();
        serde_json::json!({
            "BillingCurrency": "USD",
            "CustomerEntityId": "Default",
            "CustomerEntityType": "Retail",
            "Items": items,
            "NextPageLink": next,
            "Count": count,
        })
        .to_string()
    }
}

/// The request target of the request line; headers are read and ignored.
fn read_target(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let target = line.split_whitespace().nth(1)?.to_string();
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    Some(target)
}

/// Decoded query parameters of a request target.
fn parameters(target: &str) -> BTreeMap<String, String> {
    let query = target.split_once('?').map_or("", |(_, query)| query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| {
            (
                name.to_string(),
                azcost::catalog::odata::percent_decode(value),
            )
        })
        .collect()
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/retail-api")
}

fn error_body() -> String {
    std::fs::read_to_string(fixtures().join("error-400-invalid-parameters.json"))
        .expect("the recorded 400 body")
}

/// The 1,250 recorded westus rows, in recorded order.
pub fn westus_rows() -> Vec<Value> {
    std::fs::read_to_string(fixtures().join("westus-catalog-rows-1-1250.jsonl"))
        .expect("the recorded westus rows")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON row"))
        .collect()
}

/// The 8 rows of the recorded preview page (savingsPlan and reservationTerm).
pub fn preview_rows() -> Vec<Value> {
    let text = std::fs::read_to_string(fixtures().join("eastus-vm-d2als-v7-preview-page.json"))
        .expect("the recorded preview page");
    let page: Value = serde_json::from_str(&text).expect("a JSON page");
    page["Items"].as_array().expect("Items").clone()
}
