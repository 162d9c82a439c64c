//! The paths big files take (parallel blocks, card fields left in the file and read back) read exactly
//! what the row-by-row path reads: the same records, the same skipped rows at the same rows and lines, the
//! same card fields. The sizes that switch them on are shrunk so the fixtures take them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};

use timeatlas::import::blocks::Reading;
use timeatlas::import::sources::{DataSources, Prepared};
use timeatlas::import::{ImportOptions, Imported, Progress, import_file};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn read(path: &Path, reading: Reading) -> Imported {
    let options = ImportOptions { reading, ..ImportOptions::default() };
    import_file(path, &options, &Progress::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// Blocks of `block_bytes` (smaller than a row, so blocks must grow), on three workers, fields in the file.
fn in_blocks(block_bytes: usize) -> Reading {
    Reading { parallel_from_bytes: 0, block_bytes, fields_in_file_from_bytes: 0, workers: 3 }
}

fn row_by_row() -> Reading {
    Reading { parallel_from_bytes: u64::MAX, fields_in_file_from_bytes: u64::MAX, ..Reading::default() }
}

/// Everything a reader of the records sees, by record.
fn view(a: &Imported) -> Vec<String> {
    let r = &a.records;
    (0..r.len())
        .map(|i| {
            let actors: Vec<&str> = r.actors_of(i).iter().map(|&x| r.actors.name(x)).collect();
            let fields = a.card_fields(i).unwrap();
            format!(
                "{} {} {:?} {} {} {:?} {} {} {} {:?} {fields:?}",
                r.start_day[i],
                r.end_day[i],
                r.precision[i],
                r.lon[i],
                r.lat[i],
                r.place_precision[i],
                r.categories.name(u32::from(r.category[i])),
                r.fatalities[i],
                r.title.get(i),
                actors,
            )
        })
        .collect()
}

fn assert_same(path: &Path, reading: Reading) {
    let plain = read(path, row_by_row());
    let blocks = read(path, reading);
    assert!(plain.records.row_offsets.is_empty() && plain.fields_in_file.is_none());
    assert_eq!(blocks.records.row_offsets.len(), blocks.records.len(), "{}", path.display());
    assert!(blocks.records.fields.is_empty(), "fields stay in the file");
    assert_eq!(plain.format, blocks.format);
    assert_eq!(view(&plain), view(&blocks), "{}", path.display());
    let msgs = |a: &Imported| a.skipped.first.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(msgs(&plain), msgs(&blocks));
    assert_eq!(plain.skipped.count, blocks.skipped.count);
}

#[test]
fn acled_and_ucdp_in_blocks_read_as_row_by_row() {
    for block in [1, 97, 1000, 1 << 20] {
        assert_same(&fixture("acled-yemen-syria.csv"), in_blocks(block));
        assert_same(&fixture("ucdp-ged.csv"), in_blocks(block));
    }
    // The fixture's bad rows are found at their whole-file rows and lines.
    let a = read(&fixture("acled-yemen-syria.csv"), in_blocks(97));
    assert!(a.skipped.first[0].to_string().contains("acled-yemen-syria.csv:32:1: row 31, column \"latitude\""));
}

/// The ACLED fixture with rows whose notes hold line breaks and quotes, a CRLF row and a bad row after.
fn awkward_copy(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(fixture("acled-yemen-syria.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    let path = dir.join("awkward.csv");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(f, "{header}").unwrap();
    for k in 0..40 {
        // Each copy's notes gain a quoted part with line breaks, "" quotes and a comma.
        let note = format!("\"Said \"\"{k}\"\",\nthen\n\nmore, later\"");
        let cells: Vec<String> = split_row(row);
        let notes_col = header.split(',').position(|c| c == "notes").unwrap();
        let mut cells = cells;
        cells[notes_col] = note;
        write!(f, "{}{}", cells.join(","), if k % 3 == 0 { "\r\n" } else { "\n" }).unwrap();
    }
    let mut bad = split_row(row);
    let lat = header.split(',').position(|c| c == "latitude").unwrap();
    bad[lat] = "95".into();
    writeln!(f, "{}", bad.join(",")).unwrap();
    path
}

/// Splits a fixture row at commas outside quotes, keeping each cell's quotes.
fn split_row(row: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    for c in row.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cell.push(c);
            }
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn quoted_line_breaks_never_split_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = awkward_copy(dir.path());
    for block in [1, 50, 333, 4096] {
        assert_same(&path, in_blocks(block));
    }
    let a = read(&path, in_blocks(50));
    assert_eq!(a.records.len(), 40);
    let notes = a.card_fields(7).unwrap().into_iter().find(|(n, _)| n == "notes").unwrap().1;
    assert_eq!(notes, "Said \"7\",\nthen\n\nmore, later");
    // The bad row after them is row 41, at the line the row-by-row reader gives (assert_same above).
    let e = a.skipped.first[0].to_string();
    assert!(e.contains("row 41, column \"latitude\""), "{e}");
}

#[test]
fn a_card_read_back_from_a_changed_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acled.csv");
    std::fs::copy(fixture("acled-yemen-syria.csv"), &path).unwrap();
    let a = read(&path, in_blocks(4096));
    assert!(a.card_fields(0).is_ok());
    std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"\n").unwrap();
    let e = a.card_fields(0).unwrap_err().to_string();
    assert!(e.contains("acled.csv") && e.contains("changed since it was loaded"), "{e}");
    std::fs::remove_file(&path).unwrap();
    assert!(a.card_fields(0).is_err());
}

#[test]
fn search_finds_records_by_title_and_actor_through_the_index() {
    let a = read(&fixture("acled-yemen-syria.csv"), in_blocks(97));
    let titles: Vec<String> = (0..a.records.len()).map(|i| a.records.title.get(i).to_owned()).collect();
    let houthi: Vec<u32> = (0..a.records.len() as u32)
        .filter(|&i| a.records.actors_of(i as usize).iter().any(|&x| a.records.actors.name(x).contains("Houthi")))
        .collect();
    let mut sources = DataSources::default();
    let id = sources.add(Prepared::new(a, |lon, lat| [lon as f32, lat as f32]));
    let hits: Vec<u32> = sources
        .search("houthi", 1000)
        .into_iter()
        .map(|(s, i)| {
            assert_eq!(s, id);
            i
        })
        .collect();
    assert!(!houthi.is_empty());
    assert_eq!(hits, houthi);
    let word = titles[0].split_whitespace().next().unwrap().to_lowercase();
    let by_title = sources.search(&word, 1000);
    assert!(!by_title.is_empty());
    assert!(by_title.iter().all(|&(_, i)| titles[i as usize].to_lowercase().contains(&word)));
    assert!(sources.search("zzzz-nothing", 10).is_empty());
}
