//! Calls read out of text: logs, curl lines, code, Graph Explorer history and
//! HAR files. A URL counts on any Microsoft Graph host (every cloud); a bare
//! `/v1.0/…` or `/beta/…` path counts; any other bare path counts only right
//! after an HTTP method token, so prose that mentions "/me" is not a call.

use super::WrittenCall;
use crate::catalog::graph::HttpMethod;
use serde_json::Value;
use strum::VariantArray;

/// The largest input read (64 MiB).
pub const MAX_INPUT: u64 = 64 << 20;

/// Microsoft Graph's hosts in every national cloud.
const GRAPH_HOSTS: [&str; 6] = [
    "graph.microsoft.com",
    "canary.graph.microsoft.com",
    "graph.microsoft.us",
    "dod-graph.microsoft.us",
    "microsoftgraph.chinacloudapi.cn",
    "graph.microsoft.de",
];

/// The text of `bytes`, or why it is not text (NUL bytes or not UTF-8).
pub fn as_text(bytes: &[u8]) -> Result<&str, &'static str> {
    if bytes.contains(&0) {
        return Err("binary data (NUL bytes)");
    }
    std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text")
}

/// The calls in `text`, in order; a HAR file gives its requests to Graph.
pub fn calls_in(text: &str) -> Vec<WrittenCall> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{')
        && let Ok(doc) = serde_json::from_str::<Value>(trimmed)
        && let Some(entries) = doc.pointer("/log/entries").and_then(Value::as_array)
    {
        return entries.iter().filter_map(har_call).collect();
    }
    text.lines().flat_map(calls_in_line).collect()
}

/// The call of one HAR entry (`request.method`, `request.url`) when it goes to Graph.
fn har_call(entry: &Value) -> Option<WrittenCall> {
    let method = entry.pointer("/request/method")?.as_str()?.parse().ok()?;
    let url = entry.pointer("/request/url")?.as_str()?;
    graph_url(url).then(|| WrittenCall { method: Some(method), path: url.to_string() })
}

/// Whether `url` (`scheme://host/…`) is on a Graph host.
fn graph_url(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    GRAPH_HOSTS.iter().any(|h| h.eq_ignore_ascii_case(host))
}

/// An HTTP method written as one (upper case), not a word of prose.
fn method_token(word: &str) -> Option<HttpMethod> {
    HttpMethod::VARIANTS.iter().copied().find(|m| m.as_str() == word)
}

fn calls_in_line(line: &str) -> Vec<WrittenCall> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || "\"'`<>,;".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    // curl's `-X METHOD` / `--request METHOD` anywhere on the line.
    let curl_method = words.windows(2).find_map(|pair| {
        matches!(pair[0], "-X" | "--request").then(|| method_token(pair[1])).flatten()
    });
    let mut calls = Vec::new();
    for (at, word) in words.iter().enumerate() {
        let before = at.checked_sub(1).and_then(|b| method_token(words[b]));
        let path = if let Some(start) = word.find("https://").or_else(|| word.find("http://")) {
            let url = &word[start..];
            if !graph_url(url) {
                continue;
            }
            url
        } else if word.starts_with('/') {
            let lower = word.to_ascii_lowercase();
            let versioned = lower.starts_with("/v1.0/") || lower.starts_with("/beta/");
            if !versioned && before.is_none() {
                continue;
            }
            word
        } else {
            continue;
        };
        let path = trim_trailing(path);
        calls.push(WrittenCall { method: before.or(curl_method), path: path.to_string() });
    }
    calls
}

/// `path` without the punctuation that ends a sentence or a call in code.
fn trim_trailing(path: &str) -> &str {
    let mut path = path.trim_end_matches(['.', ':', ']', '!']);
    while path.ends_with(')') && path.matches('(').count() < path.matches(')').count() {
        path = &path[..path.len() - 1];
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Option<&'static str>, String)> {
        calls_in(text).into_iter().map(|c| (c.method.map(HttpMethod::as_str), c.path)).collect()
    }

    #[test]
    fn urls_on_every_cloud_with_or_without_version_and_method() {
        let text = "2026-12-04T10:00:01Z INFO GET https://graph.microsoft.com/v1.0/me/events?$top=5 200\n\
                    POST https://graph.microsoft.us/beta/users/42/sendMail 202\n\
                    fetched https://microsoftgraph.chinacloudapi.cn/v1.0/groups/abc.\n\
                    ignored https://login.microsoftonline.com/common/oauth2/v2.0/token\n";
        assert_eq!(
            found(text),
            [
                (Some("GET"), "https://graph.microsoft.com/v1.0/me/events?$top=5".into()),
                (Some("POST"), "https://graph.microsoft.us/beta/users/42/sendMail".into()),
                (None, "https://microsoftgraph.chinacloudapi.cn/v1.0/groups/abc".into()),
            ]
        );
    }

    #[test]
    fn curl_lines_and_code_strings() {
        let text = "curl -X PATCH -H 'Authorization: Bearer x' \"https://graph.microsoft.com/v1.0/me/messages/AAMk\"\n\
                    var r = await http.GetAsync(\"https://graph.microsoft.com/v1.0/users?$select=id\");\n\
                    await client.api('/v1.0/me/drive/root/children').get();\n";
        assert_eq!(
            found(text),
            [
                (Some("PATCH"), "https://graph.microsoft.com/v1.0/me/messages/AAMk".into()),
                (None, "https://graph.microsoft.com/v1.0/users?$select=id".into()),
                (None, "/v1.0/me/drive/root/children".into()),
            ]
        );
    }

    #[test]
    fn a_bare_path_counts_only_after_a_method_token() {
        let prose = "The app reads /me and /users for the profile; see /me/events docs.\n";
        assert!(found(prose).is_empty());
        assert_eq!(found("GET /me/events\n"), [(Some("GET"), "/me/events".into())]);
        assert_eq!(found("we get /me here"), []);
    }

    #[test]
    fn har_entries_give_their_graph_requests() {
        let har = r#"{"log":{"entries":[
            {"request":{"method":"GET","url":"https://graph.microsoft.com/v1.0/me"}},
            {"request":{"method":"GET","url":"https://cdn.example.com/app.js"}},
            {"request":{"method":"OPTIONS","url":"https://graph.microsoft.com/v1.0/me"}},
            {"request":{"method":"POST","url":"https://graph.microsoft.com/v1.0/me/sendMail"}}]}}"#;
        assert_eq!(
            found(har),
            [
                (Some("GET"), "https://graph.microsoft.com/v1.0/me".into()),
                (Some("POST"), "https://graph.microsoft.com/v1.0/me/sendMail".into()),
            ]
        );
    }

    #[test]
    fn binary_input_is_not_text() {
        assert!(as_text(b"GET /me\0").is_err());
        assert!(as_text(&[0xff, 0xfe, 0x41]).is_err());
        assert_eq!(as_text(b"GET /me"), Ok("GET /me"));
    }
}
