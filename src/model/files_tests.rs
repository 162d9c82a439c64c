//! Tests of [`super::read_user_file`] and friends over real files, folders, FIFOs and devices.

use std::time::{Duration, Instant};

use super::*;
use crate::model::layer_files::files_in;
use crate::model::load::read_text;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn reads_a_regular_file_and_a_link_to_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.json", b"{}");
    assert_eq!(read_user_file(&path, 2).unwrap(), b"{}");
    #[cfg(unix)]
    {
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert_eq!(read_user_text(&link, 10).unwrap(), "{}");
    }
}

#[test]
fn a_file_over_the_limit_names_its_size_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.geojson", &vec![b' '; 3 << 20]);
    let e = read_user_file(&path, 2 << 20).unwrap_err();
    assert!(matches!(e, ReadFileError::TooLarge { size: Some(3_145_728), limit: 2_097_152, .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!(
            "{}: the file is 3 MB; files of this kind are read up to 2 MB: split or simplify it first",
            path.display()
        )
    );
    let load: LoadError = e.into();
    assert_eq!(load.file, path.display().to_string());
    assert!(load.message.starts_with("the file is 3 MB"), "{load}");
    assert_eq!(megabytes(1_572_864), "1.5 MB");
    assert_eq!(megabytes(512), "512 bytes");
}

#[test]
fn folders_missing_files_and_loops_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let e = read_user_file(dir.path(), 10).unwrap_err();
    assert!(matches!(e, ReadFileError::NotAFile { kind: "a folder", .. }), "{e:?}");
    assert!(e.reason().contains("cannot read a folder: expected a regular file"), "{e}");
    let e = read_user_file(&dir.path().join("none.json"), 10).unwrap_err();
    assert!(matches!(e, ReadFileError::Open { .. }), "{e:?}");
    #[cfg(unix)]
    {
        let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let e = read_user_file(&a, 10).unwrap_err();
        assert!(matches!(e, ReadFileError::Open { .. }), "{e:?}");
        assert!(e.reason().contains("symbolic links"), "{e}");
    }
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_do_not_block_or_run_forever() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("events.geojson");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    assert!(made, "mkfifo is needed for this test");
    let started = Instant::now();
    let e = read_user_file(&fifo, 10).unwrap_err();
    assert!(matches!(e, ReadFileError::NotAFile { kind: "a FIFO (named pipe)", .. }), "{e:?}");
    let e = read_user_text(Path::new("/dev/zero"), 1 << 20).unwrap_err();
    assert!(matches!(e, ReadFileError::NotAFile { kind: "a device", .. }), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    // Every loader goes through it: a FIFO in a folder is reported, not skipped or waited on.
    let listed = files_in(dir.path()).unwrap();
    assert_eq!(listed, vec![fifo.clone()]);
    let e = read_text(&fifo).unwrap_err();
    assert!(e.to_string().contains("events.geojson: error: cannot read a FIFO"), "{e}");
    let e = crate::lesson::file::load(&fifo).unwrap_err();
    assert!(e.message.contains("FIFO"), "{e}");
    let e = crate::annotate::file::load(&fifo).unwrap_err();
    assert!(e.message.contains("FIFO"), "{e}");
}

#[test]
fn an_empty_folder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.txt", b"x");
    let e = files_in(dir.path()).unwrap_err();
    let label = dir.path().display().to_string();
    assert_eq!(e.message, format!("no data files in {label}: expected .geojson or .json files in it"));
}

#[test]
fn a_utf8_bom_is_dropped_and_other_encodings_are_named() {
    assert_eq!(decode_text(b"\xEF\xBB\xBF{\"a\": 1}".to_vec()).unwrap(), "{\"a\": 1}");
    let utf16le: Vec<u8> = "\u{FEFF}{\"a\": 1}".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let e = decode_text(utf16le).unwrap_err();
    assert_eq!(e.what, "the file is UTF-16 text; TimeAtlas reads UTF-8: save it as UTF-8 and try again");
    let no_mark: Vec<u8> = "{\"type\": \"FeatureCollection\"}".encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert!(decode_text(no_mark).unwrap_err().what.contains("UTF-16"));
    let e = decode_text(b"\xFF\xFE\0\0{".to_vec()).unwrap_err();
    assert!(e.what.contains("UTF-32"), "{e}");
    let e = decode_text(b"{\n  \"name\": \"Caf\xE9\"}".to_vec()).unwrap_err();
    assert_eq!(e.line_col, (2, 15));
    assert!(e.what.contains("byte 0xE9") && e.what.contains("Latin-1"), "{e}");
    // The place reaches the LoadError.
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "countries.json", b"{\n  \"name\": \"Caf\xE9\"}");
    let e = read_text(&path).unwrap_err();
    assert_eq!(e.place.line_col, Some((2, 15)), "{e}");
    let path = write(dir.path(), "bom.json", b"\xEF\xBB\xBF[]");
    assert_eq!(read_text(&path).unwrap(), "[]");
}
