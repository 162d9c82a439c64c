//! HTML in users' files (TimelineJS and StoryMapJS text, KML descriptions) shown as clean text: tags
//! dropped, paragraphs and line breaks kept, entities decoded. Nothing is ever interpreted or fetched.

/// The text of an HTML fragment, for a card.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, rest.get(..lt).unwrap_or_default());
        let after = rest.get(lt..).unwrap_or_default();
        let starts_tag = after.chars().nth(1).is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if !starts_tag {
            out.push('<');
            rest = after.get(1..).unwrap_or_default();
            continue;
        }
        let Some(gt) = after.find('>') else {
            // A lone "<" is text.
            push_decoded(&mut out, after);
            rest = "";
            break;
        };
        let tag = after.get(1..gt).unwrap_or_default().trim().to_ascii_lowercase();
        let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        // Script and style bodies are not text.
        if !tag.starts_with('/') && (name == "script" || name == "style") {
            let close = format!("</{name}");
            let body = after.get(gt + 1..).unwrap_or_default();
            let end = body.to_ascii_lowercase().find(&close).map_or(body.len(), |i| i);
            let tail = body.get(end..).unwrap_or_default();
            rest = tail.find('>').and_then(|i| tail.get(i + 1..)).unwrap_or_default();
            continue;
        }
        let block = matches!(
            name.as_str(),
            "br" | "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote"
        );
        if block && !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        rest = after.get(gt + 1..).unwrap_or_default();
    }
    push_decoded(&mut out, rest);
    tidy(&out)
}

/// Collapses runs of spaces and blank lines.
fn tidy(s: &str) -> String {
    let lines: Vec<String> =
        s.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
    lines.join("\n")
}

fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp..).unwrap_or_default();
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| entity(after.get(1..i).unwrap_or_default()));
        match (semi, decoded) {
            (Some(i), Some(c)) => {
                out.push(c);
                rest = after.get(i + 1..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\n');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn tags_go_text_stays() {
        assert_eq!(to_text("<p>The <b>coup</b> of 1953</p><p>Second&nbsp;line</p>"), "The coup of 1953\nSecond line");
        assert_eq!(to_text("a<br/>b &amp; c &#8211; d &#x41;"), "a\nb & c – d A");
        assert_eq!(to_text("x <script>alert('no')</script>y"), "x y");
        assert_eq!(to_text("<a href=\"javascript:alert(1)\" onclick=\"x()\">link</a>"), "link");
        assert_eq!(to_text("3 < 4 & 5 > 2"), "3 < 4 & 5 > 2");
        assert_eq!(to_text("unclosed <b"), "unclosed <b");
    }
}
