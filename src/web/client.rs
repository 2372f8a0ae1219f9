//! One HTTP(S) GET with the manners a reader's tool owes a web site and its
//! user: an honest User-Agent, redirects followed (at most 10), one time budget
//! per page, a size cap, compressed bodies, and the proxy the environment names.
//!
//! ureq does the HTTP: blocking (the fetches run on plain threads), rustls with
//! Mozilla's roots compiled in (webpki-roots), so no OpenSSL, no build-time
//! download, and the same trust on a bare server or container that has no
//! system certificate store.

use std::io::{BufRead, BufReader, Read};
use std::time::Duration;

use ureq::http::Uri;
use ureq::{Agent, Proxy, ResponseExt};

use super::Options;

const USER_AGENT: &str = concat!("parallax/", env!("CARGO_PKG_VERSION"), " (terminal news reader)");
const ACCEPT: &str = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.1";
/// ureq decodes gzip and brotli itself; deflate is decoded here.
const ACCEPT_ENCODING: &str = "gzip, deflate, br";
pub const MAX_REDIRECTS: u32 = 10;
const CHUNK: usize = 16 * 1024;

/// What a server sent for a page: the address it came from after redirects,
/// its declared type and charset, and the body, decompressed.
pub struct Page {
    pub final_url: String,
    pub mime: Option<String>,
    pub charset: Option<String>,
    pub body: Vec<u8>,
}

/// Why a page could not be fetched.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// The server sent something other than text or HTML (its type).
    NotText(String),
    /// Anything else, as one plain line without the address.
    Failed(String),
}

/// One agent per scheme, since `HTTP_PROXY` and `HTTPS_PROXY` may differ.
pub struct Client {
    http: Agent,
    https: Agent,
    timeout: Duration,
    max_size: u64,
}

impl Client {
    pub fn new(options: &Options) -> Client {
        let agent = |scheme| agent(options.timeout, proxy_from_env(scheme, |k| std::env::var(k).ok()));
        Client { http: agent("http"), https: agent("https"), timeout: options.timeout, max_size: options.max_size }
    }

    /// Fetches `url` (already checked by [`parse_url`]); `progress` hears the
    /// bytes received so far and the length announced, if any. A body whose
    /// type is not text or HTML is refused before it is downloaded.
    pub fn get(&self, url: &Uri, progress: &mut dyn FnMut(u64, Option<u64>)) -> Result<Page, Failure> {
        let agent = if url.scheme_str() == Some("http") { &self.http } else { &self.https };
        let mut response = agent.get(url).call().map_err(|e| match e {
            // rustls reports a refused certificate or handshake as invalid data on the connection.
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::InvalidData && url.scheme_str() == Some("https") => {
                Failure::Failed(format!("TLS: {e}"))
            }
            e => self.failure(e),
        })?;
        let status = response.status();
        if !status.is_success() {
            let reason = status.canonical_reason().map(|r| format!(" {r}")).unwrap_or_default();
            return Err(Failure::Failed(format!("the server answered HTTP {}{reason}", status.as_u16())));
        }
        let final_url = response.get_uri().to_string();
        let deflate = response
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("deflate"));
        let body = response.body_mut();
        let mime = body.mime_type().map(str::to_ascii_lowercase);
        let charset = body.charset().map(str::to_string);
        if let Some(m) = mime.as_deref().filter(|m| !is_text(m)) {
            return Err(Failure::NotText(m.to_string()));
        }
        let announced = body.content_length();
        if announced.is_some_and(|n| n > self.max_size) {
            return Err(self.too_large());
        }
        let reader = body.as_reader();
        let mut reader: Box<dyn Read + '_> =
            if deflate { inflate(reader).map_err(|e| self.failure(ureq::Error::from(e)))? } else { Box::new(reader) };
        let mut bytes = Vec::new();
        let mut chunk = vec![0; CHUNK];
        loop {
            let n = reader.read(&mut chunk).map_err(|e| self.failure(ureq::Error::from(e)))?;
            if n == 0 {
                break;
            }
            if (bytes.len() + n) as u64 > self.max_size {
                return Err(self.too_large());
            }
            bytes.extend_from_slice(&chunk[..n]);
            progress(bytes.len() as u64, announced);
        }
        Ok(Page { final_url, mime, charset, body: bytes })
    }

    fn too_large(&self) -> Failure {
        Failure::Failed(format!("larger than the size cap of {} (--max-size)", super::progress::size(self.max_size)))
    }

    fn failure(&self, e: ureq::Error) -> Failure {
        use ureq::Error as E;
        Failure::Failed(match e {
            E::Timeout(_) => format!("no answer within {} (--timeout)", seconds(self.timeout)),
            E::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
            E::RedirectFailed => "a redirect without a usable Location".to_string(),
            E::HostNotFound => "host not found".to_string(),
            E::ConnectionFailed => "cannot connect".to_string(),
            E::ConnectProxyFailed(why) => format!("the proxy refused: {why}"),
            E::Io(e) => match e.kind() {
                std::io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
                std::io::ErrorKind::ConnectionReset => "connection reset by the server".to_string(),
                std::io::ErrorKind::UnexpectedEof => "the server closed the connection early".to_string(),
                std::io::ErrorKind::TimedOut => format!("no answer within {} (--timeout)", seconds(self.timeout)),
                _ => e.to_string(),
            },
            E::Decompress(kind, e) => format!("a broken {kind} body: {e}"),
            E::Rustls(e) => format!("TLS: {e}"),
            e => e.to_string(),
        })
    }
}

/// `Content-Encoding: deflate` is meant to be zlib-wrapped, but some servers
/// send raw deflate; the first two bytes tell which (RFC 1950's header check).
fn inflate<'a>(reader: impl Read + 'a) -> std::io::Result<Box<dyn Read + 'a>> {
    let mut reader = BufReader::new(reader);
    let head = reader.fill_buf()?;
    let zlib = head.len() >= 2 && head[0] & 0x0f == 8 && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0;
    Ok(if zlib {
        Box::new(flate2::bufread::ZlibDecoder::new(reader))
    } else {
        Box::new(flate2::bufread::DeflateDecoder::new(reader))
    })
}

fn seconds(d: Duration) -> String {
    format!("{} s", d.as_secs_f64())
}

fn agent(timeout: Duration, proxy: Option<Proxy>) -> Agent {
    Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .accept(ACCEPT)
        .accept_encoding(ACCEPT_ENCODING)
        .proxy(proxy)
        .build()
        .into()
}

/// Types whose bodies can hold an article's text.
fn is_text(mime: &str) -> bool {
    mime.starts_with("text/") || mime == "application/xhtml+xml" || mime == "application/xml"
}

/// The proxy for `scheme` as curl reads the environment: `{scheme}_proxy`, then
/// `{SCHEME}_PROXY`, then `all_proxy`/`ALL_PROXY`; hosts on `NO_PROXY`
/// (`no_proxy`) are reached directly. An empty or unusable value means none.
fn proxy_from_env(scheme: &str, var: impl Fn(&str) -> Option<String>) -> Option<Proxy> {
    let names = [format!("{scheme}_proxy"), format!("{}_PROXY", scheme.to_ascii_uppercase())];
    let value = names
        .iter()
        .map(String::as_str)
        .chain(["all_proxy", "ALL_PROXY"])
        .find_map(|name| var(name).filter(|v| !v.trim().is_empty()))?;
    let parsed = Proxy::new(value.trim()).ok()?;
    let mut builder = Proxy::builder(parsed.protocol()).host(parsed.host()).port(parsed.port());
    if let Some(user) = parsed.username() {
        builder = builder.username(user);
    }
    if let Some(password) = parsed.password() {
        builder = builder.password(password);
    }
    let no_proxy = var("NO_PROXY").or_else(|| var("no_proxy")).unwrap_or_default();
    for host in no_proxy.split(',').map(str::trim).filter(|h| !h.is_empty()) {
        builder = builder.no_proxy(host);
    }
    builder.build().ok()
}

/// Checks a web address the user gave and makes it requestable: characters a
/// URL may not hold (spaces, non-ASCII letters in the path) are percent-encoded.
pub fn parse_url(url: &str) -> Result<Uri, String> {
    const ESCAPE: &percent_encoding::AsciiSet =
        &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'{').add(b'}').add(b'|');
    let encoded = percent_encoding::utf8_percent_encode(url.trim(), ESCAPE).to_string();
    let uri: Uri = encoded.parse().map_err(|_| format!("{url}: not a valid web address"))?;
    match uri.scheme_str().map(str::to_ascii_lowercase).as_deref() {
        Some("http" | "https") if uri.host().is_some_and(|h| !h.is_empty()) => Ok(uri),
        Some("http" | "https") => Err(format!("{url}: a web address needs a host")),
        _ => Err(format!("{url}: only http:// and https:// addresses can be opened")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| pairs.iter().find(|(name, _)| name == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn each_scheme_has_its_own_proxy_and_no_proxy_is_kept() {
        let vars = env(&[("HTTPS_PROXY", "http://proxy.test:3128"), ("NO_PROXY", "localhost, .internal.test")]);
        assert!(proxy_from_env("http", &vars).is_none(), "HTTPS_PROXY is not for http:// pages");
        let p = proxy_from_env("https", &vars).unwrap();
        assert_eq!((p.host(), p.port()), ("proxy.test", 3128));
        assert!(p.is_no_proxy(&"https://localhost/a".parse().unwrap()));
        assert!(p.is_no_proxy(&"https://news.internal.test/a".parse().unwrap()));
        assert!(!p.is_no_proxy(&"https://example.org/a".parse().unwrap()));
    }

    #[test]
    fn lower_case_wins_then_all_proxy_and_empty_means_none() {
        let vars = env(&[("http_proxy", "http://low.test:1"), ("HTTP_PROXY", "http://up.test:2")]);
        assert_eq!(proxy_from_env("http", &vars).unwrap().host(), "low.test");
        let vars = env(&[("ALL_PROXY", "http://all.test:3")]);
        assert_eq!(proxy_from_env("https", &vars).unwrap().host(), "all.test");
        let vars = env(&[("http_proxy", " "), ("HTTP_PROXY", "")]);
        assert!(proxy_from_env("http", &vars).is_none());
    }

    #[test]
    fn proxy_credentials_survive() {
        let vars = env(&[("https_proxy", "http://ann:s%40cret@proxy.test:8080")]);
        let p = proxy_from_env("https", &vars).unwrap();
        assert_eq!((p.username(), p.password()), (Some("ann"), Some("s@cret")));
    }

    #[test]
    fn deflate_bodies_are_read_with_or_without_the_zlib_wrapper() {
        use std::io::Write;
        let text = b"The port authority rejected the offer.".repeat(20);
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(&text).unwrap();
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(&text).unwrap();
        for body in [zlib.finish().unwrap(), raw.finish().unwrap()] {
            let mut out = Vec::new();
            inflate(&body[..]).unwrap().read_to_end(&mut out).unwrap();
            assert_eq!(out, text);
        }
    }

    #[test]
    fn web_addresses_are_checked_and_made_requestable() {
        assert_eq!(parse_url("https://example.org/a b/Straße").unwrap().path(), "/a%20b/Stra%C3%9Fe");
        assert!(parse_url("HTTP://example.org").is_ok());
        assert_eq!(parse_url("https://example.org/a?b=1#part").unwrap().path_and_query().unwrap().as_str(), "/a?b=1");
        assert_eq!(
            parse_url("ftp://example.org/x").unwrap_err(),
            "ftp://example.org/x: only http:// and https:// addresses can be opened"
        );
        assert!(parse_url("https://").is_err());
    }
}
