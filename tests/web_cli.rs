//! `parallax URL…`: pages fetched from a server on 127.0.0.1 (never the
//! internet), their articles named by their sites, the cache, `--offline`,
//! `--refresh`, `--list`, proxies, and one line per failure.

mod web_support;

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;
use web_support::{Reply, Server, brotli_stored, closed_port, start_proxy};

const BODY: &str = "<p>Negotiators walked out of the harbour talks on Tuesday after the port authority \
    rejected a twelve percent pay rise for the night shift, union officials said at the quay.</p>\
    <p>The union leader said the offer was an insult to the dockers who kept the cranes running through \
    the winter storms, and promised further action at the gates next week.</p>\
    <p>A spokesperson for the port authority said the figures would be published on Friday and that the \
    night shift would continue as planned in the meantime.</p>";

fn article(title: &str, site: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2025-07-25T09:30:00Z">
<meta name="author" content="Mara Quill">
</head><body><nav><a href="/">Home</a> <a href="/port">Port</a></nav>
<article><h1>{title}</h1>{BODY}</article><footer>Subscribe to the {site}.</footer></body></html>"#
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// The pages every test can ask for.
fn site() -> Server {
    Server::start(|path| match path {
        "/article" => Reply::html(article("Harbour talks stall", "Coastal Herald")),
        "/second" => Reply::html(article("Dockers reject final offer", "Port Weekly")),
        "/plain" => Reply::new(
            200,
            "text/plain; charset=utf-8",
            "Dockers stay out.\n\nThe strike entered its second week on Monday as talks stayed frozen.",
        ),
        p if p.starts_with("/chain/") => match p["/chain/".len()..].parse::<u32>().unwrap() {
            0 => Reply::redirect("/article"),
            n => Reply::redirect(&format!("/chain/{}", n - 1)),
        },
        "/loop/a" => Reply::redirect("/loop/b"),
        "/loop/b" => Reply::redirect("/loop/a"),
        "/slow" => Reply { delay: Duration::from_secs(5), ..Reply::html(article("Late", "Slow News")) },
        "/big" => Reply::html(format!("<html><body><article>{}</article></body></html>", BODY.repeat(200))),
        "/big-chunked" => Reply {
            chunked: true,
            ..Reply::html(format!("<html><body><article>{}</article></body></html>", BODY.repeat(200)))
        },
        "/gzip" => Reply::html(gzip(article("Cranes idle at dawn", "Gzip Gazette").as_bytes()))
            .header("Content-Encoding", "gzip"),
        "/brotli" => Reply::html(brotli_stored(article("Brotli at the berth", "Br News").as_bytes()))
            .header("Content-Encoding", "br"),
        "/deflate" => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(article("Deflated hopes", "Zlib Times").as_bytes()).unwrap();
            Reply::html(e.finish().unwrap()).header("Content-Encoding", "deflate")
        }
        "/latin1" => {
            let page = article("Caf\u{e9} owners back the dockers", "Le Quai").replace("<meta charset=\"utf-8\">", "");
            let bytes: Vec<u8> = page.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
            Reply::new(200, "text/html; charset=ISO-8859-1", bytes)
        }
        "/latin1-meta" => {
            let page = article("Na\u{ef}ve hopes at the harbour", "Le Quai").replace("utf-8", "iso-8859-1");
            let bytes: Vec<u8> = page.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
            Reply::new(200, "text/html", bytes)
        }
        "/stub" => Reply::html(
            "<html><head><title>Harbour talks stall</title></head><body><article><h1>Harbour talks stall</h1>\
             <p>Negotiators walked out of the harbour talks on Tuesday.</p><p>Subscribe to keep reading.</p></article></body></html>",
        ),
        "/links" => Reply::html(format!(
            "<html><head><title>Port news</title></head><body><ul>{}</ul></body></html>",
            (0..40)
                .map(|i| format!("<li><a href=\"/story/{i}\">Story number {i} of the day at the port</a></li>"))
                .collect::<String>()
        )),
        "/report.pdf" => Reply::new(200, "application/pdf", "%PDF-1.4 not really".as_bytes()),
        "/photo" => Reply::new(200, "image/png", vec![0x89, b'P', b'N', b'G', 0, 0]),
        _ => Reply::new(404, "text/html", "<h1>Not found</h1>"),
    })
}

struct Env {
    home: TempDir,
}

impl Env {
    fn new() -> Env {
        Env { home: TempDir::new().unwrap() }
    }

    fn cache(&self) -> std::path::PathBuf {
        self.home.path().join("cache")
    }

    /// parallax with its cache, config and home in the temp dir and no proxy from the caller.
    fn parallax(&self) -> Command {
        let mut c = Command::cargo_bin("parallax").unwrap();
        c.env("HOME", self.home.path())
            .env("XDG_CACHE_HOME", self.cache())
            .env("XDG_CONFIG_HOME", self.home.path().join("config"));
        for v in
            ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"]
        {
            c.env_remove(v);
        }
        c
    }

    fn analyze(&self, args: &[&str]) -> (Value, String) {
        let out = self.parallax().arg("analyze").args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "analyze failed: {stderr}");
        (serde_json::from_slice(&out.stdout).expect("analyze prints JSON"), stderr)
    }

    /// Runs analyze expecting failure: (exit code, stderr lines).
    fn fail(&self, args: &[&str]) -> (i32, Vec<String>) {
        let out = self.parallax().arg("analyze").args(args).output().unwrap();
        assert!(out.stdout.is_empty(), "nothing on stdout when nothing opens");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        (out.status.code().unwrap(), stderr.lines().map(str::to_string).collect())
    }

    fn cached_files(&self) -> usize {
        std::fs::read_dir(self.cache().join("parallax/pages")).map_or(0, |d| d.count())
    }
}

fn docs(v: &Value) -> &Vec<Value> {
    v["documents"].as_array().unwrap()
}

#[test]
fn pages_open_beside_local_files_named_by_their_sites() {
    let (site, env) = (site(), Env::new());
    let local = env.home.path().join("local.txt");
    std::fs::write(&local, "---\ntitle: Local notes\nsource: My notebook\n---\nThe talks stalled again.\n").unwrap();
    let (a, b) = (site.url("/article"), site.url("/second"));
    let (v, _) = env.analyze(&[&a, local.to_str().unwrap(), &b]);
    let docs = docs(&v);
    let titles: Vec<&str> = docs.iter().map(|d| d["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Harbour talks stall", "Local notes", "Dockers reject final offer"], "the order given");
    assert_eq!(docs[0]["source"], "Coastal Herald");
    assert_eq!(docs[0]["date"], "2025-07-25T09:30:00Z");
    assert_eq!(docs[0]["url"], a.as_str());
    assert_eq!(docs[0]["path"], a.as_str());
    let text = docs[0]["text"].as_str().unwrap();
    assert!(text.starts_with("By Mara Quill\n\nNegotiators walked out"), "{text}");
    assert!(!text.contains("Subscribe") && !text.contains("Home"), "{text}");
    let fetched = docs[0]["fetched"].as_str().unwrap();
    assert!(fetched.len() == 20 && fetched.ends_with('Z') && fetched.as_bytes()[10] == b'T', "{fetched}");
    assert_eq!(docs[1]["fetched"], Value::Null);
    assert_eq!(docs[1]["source"], "My notebook");
    assert_eq!(docs[2]["source"], "Port Weekly");
    let (_, agent) = site.requests.lock().unwrap()[0].clone();
    assert_eq!(agent, format!("parallax/{} (terminal news reader)", env!("CARGO_PKG_VERSION")), "an honest User-Agent");
}

#[test]
fn a_plain_text_page_is_named_by_its_host() {
    let (site, env) = (site(), Env::new());
    let (v, _) = env.analyze(&[&site.url("/plain")]);
    let d = &docs(&v)[0];
    assert_eq!(d["title"], "Dockers stay out.");
    assert_eq!(d["source"], "127.0.0.1");
}

#[test]
fn redirects_are_followed_up_to_ten_and_a_loop_fails() {
    let (site, env) = (site(), Env::new());
    let (v, _) = env.analyze(&[&site.url("/chain/9")]);
    assert_eq!(docs(&v)[0]["title"], "Harbour talks stall", "ten redirects are followed");
    assert_eq!(docs(&v)[0]["url"], site.url("/chain/9").as_str(), "named by the address given");
    let (code, lines) = env.fail(&[&site.url("/chain/10")]);
    assert_eq!(code, 2);
    assert_eq!(lines, [format!("parallax: {}: more than 10 redirects", site.url("/chain/10"))]);
    let (code, lines) = env.fail(&[&site.url("/loop/a")]);
    assert_eq!((code, lines), (2, vec![format!("parallax: {}: more than 10 redirects", site.url("/loop/a"))]));
}

#[test]
fn nothing_opened_is_one_line_per_failure_and_exit_2() {
    let (site, env) = (site(), Env::new());
    let refused = format!("http://127.0.0.1:{}/gone", closed_port());
    let urls = [
        site.url("/missing"),
        site.url("/stub"),
        site.url("/links"),
        site.url("/report.pdf"),
        site.url("/photo"),
        refused.clone(),
    ];
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    let (code, lines) = env.fail(&args);
    assert_eq!(code, 2);
    assert_eq!(
        lines,
        [
            format!("parallax: {}: the server answered HTTP 404 Not Found", urls[0]),
            format!("parallax: no article text found at {}", urls[1]),
            format!("parallax: no article text found at {}", urls[2]),
            format!("parallax: no article text found at {} (application/pdf)", urls[3]),
            format!("parallax: no article text found at {} (image/png)", urls[4]),
            format!("parallax: {refused}: connection refused"),
        ]
    );
    assert_eq!(env.cached_files(), 0, "failures are not cached");
    assert_eq!(site.hits("/report.pdf"), 1);
}

#[test]
fn the_rest_still_open_with_a_warning_per_failure() {
    let (site, env) = (site(), Env::new());
    let (v, stderr) = env.analyze(&[&site.url("/stub"), &site.url("/article"), &site.url("/missing")]);
    assert_eq!(docs(&v).len(), 1);
    assert_eq!(docs(&v)[0]["title"], "Harbour talks stall");
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            format!("parallax: warning: no article text found at {}", site.url("/stub")),
            format!("parallax: warning: {}: the server answered HTTP 404 Not Found", site.url("/missing")),
        ]
    );
}

#[test]
fn https_to_a_server_that_does_not_speak_tls_is_a_tls_failure() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        }
    });
    let env = Env::new();
    let url = format!("https://127.0.0.1:{port}/article");
    let (code, lines) = env.fail(&["--timeout", "5", &url]);
    assert_eq!(code, 2);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with(&format!("parallax: {url}: TLS: ")), "{lines:?}");
}

#[test]
fn a_slow_page_times_out() {
    let (site, env) = (site(), Env::new());
    let started = std::time::Instant::now();
    let (code, lines) = env.fail(&["--timeout", "0.5", &site.url("/slow")]);
    assert_eq!(
        (code, lines),
        (2, vec![format!("parallax: {}: no answer within 0.5 s (--timeout)", site.url("/slow"))])
    );
    assert!(started.elapsed() < Duration::from_secs(4), "gave up before the server answered");
}

#[test]
fn a_body_over_the_cap_is_refused_announced_or_not() {
    let (site, env) = (site(), Env::new());
    for path in ["/big", "/big-chunked"] {
        let (code, lines) = env.fail(&["--max-size", "50k", &site.url(path)]);
        assert_eq!(code, 2);
        assert_eq!(lines, [format!("parallax: {}: larger than the size cap of 50.0 kB (--max-size)", site.url(path))]);
    }
    let (v, _) = env.analyze(&[&site.url("/big-chunked")]);
    assert_eq!(docs(&v).len(), 1, "the default cap (10 MB) lets it through");
    let out = env.parallax().args(["analyze", "--max-size", "ten", &site.url("/big")]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use bytes, or a k or M suffix"));
}

#[test]
fn compressed_bodies_and_latin1_pages_are_decoded() {
    let (site, env) = (site(), Env::new());
    let paths = ["/gzip", "/deflate", "/brotli", "/latin1", "/latin1-meta"];
    let urls: Vec<String> = paths.iter().map(|p| site.url(p)).collect();
    let (v, _) = env.analyze(&urls.iter().map(String::as_str).collect::<Vec<_>>());
    let docs = docs(&v);
    let titles: Vec<&str> = docs.iter().map(|d| d["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Cranes idle at dawn",
            "Deflated hopes",
            "Brotli at the berth",
            "Café owners back the dockers", // charset from the header
            "Naïve hopes at the harbour",   // charset from the page's meta
        ]
    );
    assert!(docs.iter().all(|d| d["text"].as_str().unwrap().contains("Negotiators walked out")));
}

#[test]
fn the_cache_serves_a_page_again_until_refresh() {
    let (site, env) = (site(), Env::new());
    let url = site.url("/article");
    let (first, _) = env.analyze(&[&url]);
    assert_eq!(site.hits("/article"), 1);
    assert_eq!(env.cached_files(), 1, "kept in $XDG_CACHE_HOME/parallax/pages");
    let (second, _) = env.analyze(&[&url]);
    assert_eq!(site.hits("/article"), 1, "the cached copy is used");
    assert_eq!(first["documents"], second["documents"], "the same article, with the same fetch time");
    std::thread::sleep(Duration::from_millis(1100));
    let (third, _) = env.analyze(&["--refresh", &url]);
    assert_eq!(site.hits("/article"), 2, "--refresh fetches again");
    assert_ne!(third["documents"][0]["fetched"], first["documents"][0]["fetched"]);
    assert_eq!(third["documents"][0]["text"], first["documents"][0]["text"]);
}

#[test]
fn offline_uses_only_the_cache() {
    let (site, env) = (site(), Env::new());
    let (cached, missing) = (site.url("/article"), site.url("/second"));
    env.analyze(&[&cached]);
    let (v, stderr) = env.analyze(&["--offline", &cached, &missing]);
    assert_eq!(docs(&v).len(), 1);
    assert_eq!(docs(&v)[0]["title"], "Harbour talks stall");
    assert_eq!(stderr.trim(), format!("parallax: warning: {missing}: not in the cache (--offline)"));
    assert_eq!(site.hits("/second"), 0, "--offline never uses the network");
    let (code, lines) = env.fail(&["--offline", &missing]);
    assert_eq!((code, lines), (2, vec![format!("parallax: {missing}: not in the cache (--offline)")]));
    let out = env.parallax().args(["analyze", "--offline", "--refresh", &cached]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "--offline and --refresh conflict");
}

#[test]
fn refresh_falls_back_to_the_cached_copy_when_the_site_is_down() {
    let down = Arc::new(AtomicBool::new(false));
    let site = {
        let down = Arc::clone(&down);
        Server::start(move |_| {
            if down.load(Ordering::SeqCst) {
                Reply::new(503, "text/plain", "down for maintenance")
            } else {
                Reply::html(article("Harbour talks stall", "Coastal Herald"))
            }
        })
    };
    let env = Env::new();
    let url = site.url("/article");
    let (first, _) = env.analyze(&[&url]);
    down.store(true, Ordering::SeqCst);
    let (v, stderr) = env.analyze(&["--refresh", &url]);
    assert_eq!(site.hits("/article"), 2);
    assert_eq!(v["documents"], first["documents"], "the copy kept before");
    let fetched = first["documents"][0]["fetched"].as_str().unwrap();
    assert_eq!(
        stderr.trim(),
        format!(
            "parallax: warning: {url}: the server answered HTTP 503 Service Unavailable; opening the copy fetched {fetched}"
        )
    );
}

#[test]
fn a_list_file_opens_its_paths_and_addresses_in_order() {
    let (site, env) = (site(), Env::new());
    let dir = env.home.path().join("class");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.md"), "---\ntitle: Teacher's notes\n---\nRead both and compare.\n").unwrap();
    let list = dir.join("week3.txt");
    std::fs::write(
        &list,
        format!(
            "# Week 3: the harbour strike\n{}\n\nnotes.md\n# the other side\n{}\n",
            site.url("/article"),
            site.url("/second")
        ),
    )
    .unwrap();
    let (v, _) = env.analyze(&["--list", list.to_str().unwrap()]);
    let titles: Vec<&str> = docs(&v).iter().map(|d| d["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Harbour talks stall", "Teacher's notes", "Dockers reject final offer"]);
    let (code, lines) = env.fail(&["--list", dir.join("missing.txt").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(lines, [format!("parallax: {}: no such file", dir.join("missing.txt").display())]);
}

#[test]
fn a_missing_local_file_stops_before_any_download() {
    let (site, env) = (site(), Env::new());
    let (code, lines) = env.fail(&[&site.url("/article"), "/no/such/file.txt"]);
    assert_eq!((code, lines), (2, vec!["parallax: /no/such/file.txt: no such file or directory".to_string()]));
    assert_eq!(site.hits("/article"), 0);
}

#[test]
fn a_proxy_from_the_environment_carries_the_request() {
    let env = Env::new();
    let proxy = start_proxy(|path| match path {
        "/article" => Reply::html(article("Through the proxy", "Proxy Post")),
        _ => Reply::new(404, "text/plain", "no"),
    });
    let proxy_url = format!("http://127.0.0.1:{}", proxy.port);
    // A host that resolves nowhere: only the proxy can reach it.
    let out = env
        .parallax()
        .env("HTTP_PROXY", &proxy_url)
        .args(["analyze", "http://harbour.invalid/article"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(docs(&v)[0]["title"], "Through the proxy");
    assert_eq!(proxy.requests.lock().unwrap()[0].0, "CONNECT harbour.invalid:80 HTTP/1.1");
}

#[test]
fn no_proxy_and_the_scheme_decide_who_goes_direct() {
    let (site, env) = (site(), Env::new());
    let proxy = start_proxy(|_| Reply::html(article("Wrong way", "Proxy Post")));
    let proxy_url = format!("http://127.0.0.1:{}", proxy.port);
    let run = |vars: &[(&str, &str)]| {
        let mut c = env.parallax();
        for (k, v) in vars {
            c.env(k, v);
        }
        let out = c.args(["analyze", "--refresh", &site.url("/article")]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["documents"][0]["title"].as_str().unwrap().to_string()
    };
    assert_eq!(run(&[("HTTP_PROXY", &proxy_url), ("NO_PROXY", "localhost,127.0.0.1")]), "Harbour talks stall");
    assert_eq!(run(&[("http_proxy", &proxy_url), ("no_proxy", "127.0.0.1")]), "Harbour talks stall");
    assert_eq!(run(&[("HTTPS_PROXY", &proxy_url)]), "Harbour talks stall", "HTTPS_PROXY is for https:// pages");
    assert_eq!(proxy.requests.lock().unwrap().len(), 0);
    assert_eq!(run(&[("HTTP_PROXY", &proxy_url)]), "Wrong way", "without NO_PROXY the proxy is used");
}

#[test]
fn help_shows_the_web_options() {
    let out = Command::cargo_bin("parallax").unwrap().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--list <FILE>", "--offline", "--refresh", "--timeout <SECONDS>", "--max-size <SIZE>", "http://"] {
        assert!(help.contains(flag), "{flag} in --help");
    }
}
