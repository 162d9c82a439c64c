//! Finds where a value sits in JSON text, so that errors found after parsing (a bad date in feature 12)
//! can still point at a line and column in the file.

/// One step of a path into a JSON document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A key of an object.
    Key(&'a str),
    /// An index into an array.
    Index(usize),
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// The line and column where the value at `path` starts, or `None` when the path is not in the text
/// (or the text is not well-formed JSON along the way).
pub fn locate(text: &str, path: &[Seg<'_>]) -> Option<LineCol> {
    let mut s = Scanner { bytes: text.as_bytes(), pos: 0 };
    s.ws();
    let offset = s.descend(path)?;
    Some(line_col_at(text, offset))
}

/// The 1-based line and column of a byte offset.
pub fn line_col_at(text: &str, offset: usize) -> LineCol {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    LineCol { line, column }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.ws();
        (self.peek()? == b).then(|| self.pos += 1)
    }

    /// Reads a string token and returns its decoded text.
    fn string(&mut self) -> Option<String> {
        self.ws();
        let start = self.pos;
        if self.peek()? != b'"' {
            return None;
        }
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        let raw = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?;
        serde_json::from_str(raw).ok()
    }

    fn skip_value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' => {
                self.pos += 1;
                self.ws();
                if self.peek()? == b'}' {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.string()?;
                    self.eat(b':')?;
                    self.skip_value()?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b'}' => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                self.ws();
                if self.peek()? == b']' {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.skip_value()?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b']' => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => {
                // number, true, false, null
                while matches!(self.peek(), Some(c) if !matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    /// At the start of a value: follows `path` and returns the byte offset of the value it names.
    fn descend(&mut self, path: &[Seg<'_>]) -> Option<usize> {
        self.ws();
        let Some((first, rest)) = path.split_first() else {
            return Some(self.pos);
        };
        match *first {
            Seg::Key(key) => {
                self.eat(b'{')?;
                loop {
                    let k = self.string()?;
                    self.eat(b':')?;
                    if k == key {
                        return self.descend(rest);
                    }
                    self.skip_value()?;
                    self.ws();
                    if self.peek()? != b',' {
                        return None;
                    }
                    self.pos += 1;
                }
            }
            Seg::Index(index) => {
                self.eat(b'[')?;
                for _ in 0..index {
                    self.skip_value()?;
                    self.eat(b',')?;
                }
                self.descend(rest)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"a\": 1,\n  \"features\": [\n    {\"id\": \"x\", \"p\": {\"date\": \"19x\"}},\n    {\"id\": \"é\", \"p\": {\"date\": \"2020\"}}\n  ]\n}";

    #[test]
    fn finds_nested_keys_and_indices() {
        let at = locate(DOC, &[Seg::Key("features"), Seg::Index(1), Seg::Key("p"), Seg::Key("date")]);
        // Columns count characters: the two-byte é counts once.
        assert_eq!(at, Some(LineCol { line: 5, column: 31 }));
        let first = locate(DOC, &[Seg::Key("features"), Seg::Index(0)]);
        assert_eq!(first, Some(LineCol { line: 4, column: 5 }));
    }

    #[test]
    fn missing_path_is_none() {
        assert_eq!(locate(DOC, &[Seg::Key("nope")]), None);
        assert_eq!(locate(DOC, &[Seg::Key("features"), Seg::Index(7)]), None);
        assert_eq!(locate("{\"a\": [1, 2", &[Seg::Key("a"), Seg::Index(5)]), None);
    }

    #[test]
    fn escaped_quotes_in_strings_do_not_confuse_it() {
        let doc = r#"{"k\"ey": "va\"l", "b": [true, null, {"c": 2}]}"#;
        assert_eq!(locate(doc, &[Seg::Key("b"), Seg::Index(2), Seg::Key("c")]), Some(LineCol { line: 1, column: 44 }));
    }
}
