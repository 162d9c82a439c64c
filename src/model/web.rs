//! Web addresses: which links the atlas will hand to the browser. Only `http` and `https` addresses with a
//! host open on click; anything else (`file:`, `javascript:`, `smb:`, an address with no host) is shown as
//! text, so a data file or a lesson cannot make a click open a local file or run a script.

/// Why `url` is not an address the atlas opens, or `None` when it is one.
pub fn web_address_problem(url: &str) -> Option<String> {
    let shown: String = url.chars().take(80).collect();
    let shown = if url.chars().count() > 80 { format!("{shown}…") } else { shown };
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some(format!("expected an http:// or https:// address, found {shown:?}"));
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return Some(format!("expected an http:// or https:// address, found {shown:?}"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!("expected an address without spaces or control characters, found {shown:?}"));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.rsplit_once(':') {
        // A port (digits) after the last colon, unless that colon is inside an IPv6 literal.
        Some((h, port)) if !port.contains(']') && port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host_port,
    };
    let host_ok = !host.is_empty()
        && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '[' | ']' | ':'))
        && host.chars().any(char::is_alphanumeric);
    if !host_ok {
        return Some(format!("expected an address with a host name (like https://example.org/page), found {shown:?}"));
    }
    None
}

/// True for an address the atlas opens in the browser (see [`web_address_problem`]).
pub fn is_web_address(url: &str) -> bool {
    web_address_problem(url).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_with_a_host_open() {
        for good in [
            "https://www.cia.gov/readingroom/docs/x.pdf",
            "http://example.org",
            "HTTPS://Example.org:8443/a?b=c#d",
            "https://[2001:db8::1]/x",
            "https://user@example.org/",
            "https://fa.wikipedia.org/wiki/ایران",
        ] {
            assert!(is_web_address(good), "{good}: {:?}", web_address_problem(good));
        }
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "smb://server/share",
            "https://",
            "https:///path",
            "http://:80/",
            "https://exa mple.org",
            "https://example.org/\n",
            "ftp://example.org",
            "example.org",
            "",
            "https://a\u{7}b",
        ] {
            assert!(!is_web_address(bad), "{bad:?}");
        }
        assert!(web_address_problem("https://").unwrap().contains("with a host name"));
        assert!(web_address_problem(&"x".repeat(1000)).unwrap().len() < 200);
    }
}
