//! Atomic file writes: a crash while saving never loses the previous file.
//!
//! The new content is written to a temporary file in the same folder, flushed to disk, then renamed over
//! the target (rename is atomic on one file system), and the folder is synced so the rename itself lasts.
//! The temporary has an unpredictable name and is created exclusively (`tempfile`), so a file or symlink
//! planted at a guessable name is never written through; the rename replaces a symlink at the target itself
//! rather than the file it points to. Temporaries left by killed saves are removed by [`clean_stale`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A temporary older than this is left over from a killed save (a save takes well under a minute).
pub const STALE_AFTER: Duration = Duration::from_secs(15 * 60);

/// The folder a file is written in (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Our temporaries for `name` are `.NAME.XXXXXX.tmp` (random letters and digits; older builds used the
/// process id there).
fn temporary_prefix(name: &str) -> String {
    format!(".{name}.")
}

const TEMPORARY_SUFFIX: &str = ".tmp";
/// Random characters in a temporary's name.
const RANDOM_CHARS: usize = 6;

/// True for a file name that [`write_atomic`] could have made as a temporary (for any target).
fn is_our_temporary(file_name: &str) -> bool {
    let Some(rest) = file_name.strip_prefix('.').and_then(|r| r.strip_suffix(TEMPORARY_SUFFIX)) else {
        return false;
    };
    let Some((target, random)) = rest.rsplit_once('.') else { return false };
    let random_letters = random.len() == RANDOM_CHARS && random.bytes().all(|b| b.is_ascii_alphanumeric());
    let process_id = !random.is_empty() && random.bytes().all(|b| b.is_ascii_digit());
    !target.is_empty() && (random_letters || process_id)
}

/// A new, empty temporary for target `name` in `dir`, created exclusively under a random name.
fn new_temporary(dir: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&temporary_prefix(name))
        .suffix(TEMPORARY_SUFFIX)
        .rand_bytes(RANDOM_CHARS)
        .tempfile_in(dir)
}

/// Writes `bytes` to `path` atomically. On error the previous file (if any) is untouched and no temporary
/// is left behind. Stale temporaries of earlier, killed saves of this folder are removed first.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    clean_stale(&dir, STALE_AFTER);
    let mut tmp = new_temporary(&dir, name)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // On error the temporary is deleted when `tmp` (or the error holding it) is dropped.
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename durable; not every platform can open a folder, so a failure here is ignored.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Removes our temporaries (see [`write_atomic`]) in `dir` last modified more than `older_than` ago: what
/// saves killed mid-way left behind. Only regular files are removed (never a symlink or a folder), and a
/// failure is only logged. Returns how many were removed.
pub fn clean_stale(dir: &Path, older_than: Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let is_ours = entry.file_name().to_str().is_some_and(is_our_temporary);
        // `DirEntry::metadata` does not follow symlinks.
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta.modified().ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age > older_than);
        if is_ours && meta.file_type().is_file() && old {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => removed += 1,
                Err(e) => log::warn!("cannot remove the stale temporary {}: {e}", entry.path().display()),
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["a.json"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap();
        // The target is now a folder's child that cannot be created: the folder does not exist.
        let bad = dir.path().join("missing").join("a.json");
        assert!(write_atomic(&bad, b"new").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        // A folder at the target cannot be replaced; the temporary is removed.
        let folder = dir.path().join("b.json");
        std::fs::create_dir(&folder).unwrap();
        assert!(write_atomic(&folder, b"new").is_err());
        assert_eq!(names(dir.path()), ["a.json", "b.json"]);
    }

    /// The probe planted a symlink at the old, predictable temporary name (`.NAME.PID.tmp`) and the save
    /// wrote through it into the link's target.
    #[cfg(unix)]
    #[test]
    fn symlinks_at_old_temporary_names_and_at_the_target_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let planted = dir.path().join(format!(".lesson.json.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let path = dir.path().join("lesson.json");
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        // A symlink at the target is replaced by the file, not written through.
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_atomic(&link, b"other").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(!std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        // Cleaning never removes a symlink, even one with our naming.
        assert_eq!(clean_stale(dir.path(), Duration::ZERO), 0);
        assert!(std::fs::symlink_metadata(&planted).is_ok());
    }

    #[test]
    fn temporaries_get_unpredictable_names_and_stale_ones_are_cleaned() {
        assert!(is_our_temporary(".lesson.json.12345.tmp"));
        assert!(is_our_temporary(".lesson-autosave.json.a8ZkQ2.tmp"));
        for other in ["lesson.json", ".lesson.json.tmp", ".x.y-z.tmp", "..tmp", ".a.b.tmp.bak", "notes.tmp"] {
            assert!(!is_our_temporary(other), "{other}");
        }
        let dir = tempfile::tempdir().unwrap();
        for name in [".lesson.json.4242.tmp", ".notes.json.Ab12Cd.tmp", "keep.tmp", "lesson.json"] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        // Fresh ones may belong to a save in progress (another window): kept.
        assert_eq!(clean_stale(dir.path(), STALE_AFTER), 0);
        assert_eq!(clean_stale(dir.path(), Duration::ZERO), 2);
        assert_eq!(names(dir.path()), ["keep.tmp", "lesson.json"]);
        // Two temporaries of the same target never share a name.
        let (a, b) = (new_temporary(dir.path(), "x.json").unwrap(), new_temporary(dir.path(), "x.json").unwrap());
        assert_ne!(a.path(), b.path());
        assert!(is_our_temporary(&a.path().file_name().unwrap().to_string_lossy()));
    }
}
