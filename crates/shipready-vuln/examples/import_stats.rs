fn main() {
    let src = std::path::PathBuf::from(std::env::args().nth(1).expect("path"));
    let dir = tempfile::tempdir().expect("tmp");
    let t = std::time::Instant::now();
    let r = shipready_vuln::import(&[src], dir.path(), "x", &mut |_, _| {}).expect("import");
    eprintln!(
        "{} records, {} files in {:?}",
        r.records,
        r.files,
        t.elapsed()
    );
    let mut by: std::collections::BTreeMap<String, usize> = Default::default();
    for s in &r.skips {
        let key = format!(
            "{} | {}",
            s.file.split('/').nth(5).unwrap_or(""),
            s.why.split('`').next().unwrap_or("")
        );
        *by.entry(key).or_default() += 1;
    }
    for (k, n) in by {
        eprintln!("{n:6} {k}");
    }
    for s in r.skips.iter().filter(|s| s.file.contains("nodejs")).take(8) {
        eprintln!("{s:?}");
    }
    for s in r
        .skips
        .iter()
        .filter(|s| s.file.contains("rustsec"))
        .take(5)
    {
        eprintln!("{s:?}");
    }
    for s in r.skips.iter().filter(|s| s.file.contains("golang")).take(5) {
        eprintln!("{s:?}");
    }
    for s in r.skips.iter().filter(|s| s.file.contains("pypa")).take(10) {
        eprintln!("{s:?}");
    }
}
