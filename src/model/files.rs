//! Reading the files a user names (`--data`, `--annotations`, lessons, `check`, the Open dialog,
//! drag-and-drop, importers), and loading layer files and folders from disk.
//!
//! Every user file goes through [`read_user_file`] or [`read_user_text`]: only regular files are opened (a
//! FIFO would block forever, `/dev/zero` never ends, a folder or a symlink loop is refused at once), and at
//! most `max_bytes` are read, so a file too large is refused with the limit in the message instead of
//! filling the memory.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::error::LoadError;

/// Most bytes read from one data file (a map layer or a content file): a GeoJSON takes about 17 times its
/// size in memory while it is checked, so 64 MB stays near 1 GB.
pub const MAX_DATA_FILE_BYTES: u64 = 64 << 20;

/// Why a user's file could not be read. `Display` names the file; [`ReadFileError::reason`] does not.
#[derive(Debug, thiserror::Error)]
pub enum ReadFileError {
    /// It does not exist, is not readable, or is a symlink loop.
    #[error("{}: cannot open: {source}", path.display())]
    Open {
        /// The file as named.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// It is a folder, a FIFO, a device or a socket.
    #[error("{}: {}", path.display(), not_a_file_reason(kind))]
    NotAFile {
        /// The file as named.
        path: PathBuf,
        /// What it is instead ("a folder", "a FIFO (named pipe)", ...).
        kind: &'static str,
    },
    /// It has more than the limit.
    #[error("{}: {}", path.display(), too_large_reason(*size, *limit))]
    TooLarge {
        /// The file as named.
        path: PathBuf,
        /// Its size in bytes, when the system says (a file still growing may not).
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
    /// Reading failed part-way.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file as named.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// Its bytes are not UTF-8 text (only for [`read_user_text`]).
    #[error("{}: {source}", path.display())]
    Encoding {
        /// The file as named.
        path: PathBuf,
        /// What the bytes are instead.
        source: EncodingError,
    },
}

fn not_a_file_reason(kind: &str) -> String {
    format!("cannot read {kind}: expected a regular file")
}

fn too_large_reason(size: Option<u64>, limit: u64) -> String {
    let size = size.map_or_else(|| format!("more than {}", megabytes(limit)), megabytes);
    format!("the file is {size}; files of this kind are read up to {}: split or simplify it first", megabytes(limit))
}

/// A size for people: `64 MB`, `100.5 MB`, `512 bytes`.
fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1 << 20;
    if bytes < MB {
        return format!("{bytes} bytes");
    }
    if bytes.is_multiple_of(MB) { format!("{} MB", bytes / MB) } else { format!("{:.1} MB", bytes as f64 / MB as f64) }
}

impl ReadFileError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Open { path, .. }
            | Self::NotAFile { path, .. }
            | Self::TooLarge { path, .. }
            | Self::Read { path, .. }
            | Self::Encoding { path, .. } => path,
        }
    }

    /// The reason without the file's name (for a [`LoadError`], which names the file itself).
    pub fn reason(&self) -> String {
        match self {
            Self::Open { source, .. } => format!("cannot open: {source}"),
            Self::NotAFile { kind, .. } => not_a_file_reason(kind),
            Self::TooLarge { size, limit, .. } => too_large_reason(*size, *limit),
            Self::Read { source, .. } => format!("cannot read: {source}"),
            Self::Encoding { source, .. } => source.to_string(),
        }
    }
}

impl From<ReadFileError> for LoadError {
    fn from(e: ReadFileError) -> Self {
        let at = match &e {
            ReadFileError::Encoding { source, .. } => Some(source.line_col),
            _ => None,
        };
        let error = LoadError::file(e.path().display().to_string(), e.reason());
        match at {
            Some((line, column)) => error.at(line, column),
            None => error,
        }
    }
}

/// Bytes that are not UTF-8 text: what they look like instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{what}")]
pub struct EncodingError {
    /// Where the first bad byte is (1-based line and character column).
    pub line_col: (usize, usize),
    /// What was found and what to do.
    pub what: String,
}

/// The kind of a file that is not a regular one, for messages.
fn kind_name(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
    }
    Some("something that is not a file")
}

/// Reads at most `max_bytes` of a regular file. Refused at once, with a typed error naming the file: a
/// missing or unreadable file, a symlink loop, a folder, a FIFO, a device, a socket, and a file with more
/// than `max_bytes` bytes (the message says the size and the limit). Symlinks to regular files are followed.
pub fn read_user_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadFileError> {
    let owned = || path.to_path_buf();
    // The type is checked before opening (opening a FIFO blocks until a writer comes) ...
    let meta = std::fs::metadata(path).map_err(|source| ReadFileError::Open { path: owned(), source })?;
    if let Some(kind) = kind_name(meta.file_type()) {
        return Err(ReadFileError::NotAFile { path: owned(), kind });
    }
    if meta.len() > max_bytes {
        return Err(ReadFileError::TooLarge { path: owned(), size: Some(meta.len()), limit: max_bytes });
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // ... and again on the open file, which cannot block either: the name may have been swapped meanwhile.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|source| ReadFileError::Open { path: owned(), source })?;
    let meta = file.metadata().map_err(|source| ReadFileError::Open { path: owned(), source })?;
    if let Some(kind) = kind_name(meta.file_type()) {
        return Err(ReadFileError::NotAFile { path: owned(), kind });
    }
    let capacity = usize::try_from(meta.len().min(max_bytes)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    // One byte past the limit tells a file that grew past it from one that fits exactly.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| ReadFileError::Read { path: owned(), source })?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadFileError::TooLarge { path: owned(), size: None, limit: max_bytes });
    }
    Ok(bytes)
}

/// [`read_user_file`], then [`decode_text`]: UTF-8 text, without a leading byte-order mark.
pub fn read_user_text(path: &Path, max_bytes: u64) -> Result<String, ReadFileError> {
    let bytes = read_user_file(path, max_bytes)?;
    decode_text(bytes).map_err(|source| ReadFileError::Encoding { path: path.to_path_buf(), source })
}

/// The text of a file's bytes. A UTF-8 byte-order mark is dropped (RFC 8259 readers may accept one);
/// UTF-16 and UTF-32 (with a byte-order mark, or recognised by their zero bytes) and other non-UTF-8 bytes
/// are refused with what they look like and where the first bad byte is.
pub fn decode_text(mut bytes: Vec<u8>) -> Result<String, EncodingError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let wide = if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") {
        Some("UTF-32")
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || looks_utf16(&bytes) {
        Some("UTF-16")
    } else {
        None
    };
    if let Some(encoding) = wide {
        return Err(EncodingError {
            line_col: (1, 1),
            what: format!("the file is {encoding} text; TimeAtlas reads UTF-8: save it as UTF-8 and try again"),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = String::from_utf8_lossy(bytes.get(..good).unwrap_or_default());
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let byte = bytes.get(good).copied().unwrap_or_default();
        EncodingError {
            line_col: (line, column),
            what: format!(
                "not UTF-8 text: byte 0x{byte:02X} at byte offset {good}; the file may be Latin-1 or Windows-1252: \
                 save it as UTF-8 and try again"
            ),
        }
    })
}

/// Text in UTF-16 without a mark has a zero in every other byte (ASCII characters in JSON).
fn looks_utf16(bytes: &[u8]) -> bool {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(32).collect();
    let one_zero = pairs.iter().filter(|p| matches!(p, [0, b] | [b, 0] if *b != 0)).count();
    !pairs.is_empty() && one_zero * 10 >= pairs.len() * 9
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
