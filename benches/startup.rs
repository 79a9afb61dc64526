//! End to end, as a user meets it: the real binary in a pseudo-terminal at 160×48 on the demo
//! databases (small, large: 3 years, huge: 10 years), and calcurse on the large demo's data in
//! the same run. Measures process start to the first complete frame, key press to the first
//! bytes of the redraw over every tab and a week forward and back, a keystroke in the search box
//! to its results, a save (ticking a talking point), and resident memory after all that.
//! `BEARING_BENCH_IDLE_SECS=N` also leaves each cockpit idle for N seconds and reads the CPU time
//! it used meanwhile. Run with `cargo bench --bench startup` (not part of `cargo test`);
//! `BEARING_BENCH_SIZES=large,huge` limits the sizes; `BEARING_BENCH_CONFIG=FILE` runs Bearing
//! with that config instead of the defaults; `BEARING_BENCH_BY_KEY=1` also prints each key's
//! times. It first measures the harness itself (its floor): the same start and key press timed
//! on programs that answer at once, so a figure's own share is the figure less the floor.
// It prints its own measurements; the rule that output goes through cli::output is for Bearing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_macros)]

#[path = "pty/calcurse.rs"]
mod calcurse;
#[path = "pty/session.rs"]
mod session;

use session::{COLS, ROWS, Session};
use std::ffi::OsStr;
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 15;
const BEARING: &str = env!("CARGO_BIN_EXE_bearing");

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn summary(samples: &mut [Duration]) -> String {
    samples.sort();
    format!(
        "median {}, p95 {}, max {} ({} runs)",
        ms(percentile(samples, 0.5)),
        ms(percentile(samples, 0.95)),
        ms(*samples.last().unwrap()),
        samples.len()
    )
}

fn bearing(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(BEARING)
        .args(config_args())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// `--ignore-config` (the defaults: daily backups on), or `--config $BEARING_BENCH_CONFIG`.
fn config_args() -> Vec<std::ffi::OsString> {
    match std::env::var_os("BEARING_BENCH_CONFIG") {
        Some(path) => vec!["--config".into(), path],
        None => vec!["--ignore-config".into()],
    }
}

fn start_bearing(db: &Path) -> Session {
    let mut args = config_args();
    args.extend(["--db".into(), db.as_os_str().to_owned()]);
    let args: Vec<&OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let session = Session::start(BEARING.as_ref(), &args);
    // The first frame is complete when the agenda's radar strip and the status bar are drawn.
    session.wait_until(|s| s.shows("Radar") && s.shows("? keys"));
    session
}

/// What calcurse is compared with: the large demo's export, first-frame median, key p95.
struct Large {
    export: String,
    first_frame: Duration,
    key_p95: Duration,
}

/// `BEARING_BENCH_PARTS=start` (comma-separated: floor, start, keys, search, saves, calcurse)
/// limits the measures.
fn wanted(part: &str) -> bool {
    std::env::var("BEARING_BENCH_PARTS").map_or(true, |parts| parts.split(',').any(|p| p == part))
}

fn measure_bearing(size: &str, dir: &Path) -> Option<Large> {
    let db = dir.join(format!("{size}.db"));
    let mut args = vec!["demo", "--seed", "1", "--no-tui"];
    if size != "small" {
        args.extend(["--size", size]);
    }
    // `BEARING_BENCH_COPY=DIR` copies DIR/SIZE.db (made by `demo --size SIZE`) instead of
    // generating it: two files measured in turn compare two layouts of the same data.
    if let Some(from) = std::env::var_os("BEARING_BENCH_COPY") {
        std::fs::copy(Path::new(&from).join(format!("{size}.db")), &db).unwrap();
        println!("{size}: copied from {}", from.to_string_lossy());
    } else {
        let started = Instant::now();
        let made = bearing(&db, &args);
        let built = started.elapsed();
        assert!(made.status.success(), "{made:?}");
        println!(
            "{size}: {} ({:.1} s, {:.0} MB)",
            String::from_utf8_lossy(&made.stdout).trim(),
            built.as_secs_f64(),
            std::fs::metadata(&db).unwrap().len() as f64 / 1e6
        );
    }
    // The file just written (173 MB for huge) goes to disk now, not during the starts measured.
    std::fs::File::open(&db).unwrap().sync_all().unwrap();

    let mut first_frames = Vec::new();
    for _ in 0..if wanted("start") { RUNS } else { 1 } {
        let started = Instant::now();
        let session = start_bearing(&db);
        first_frames.push(started.elapsed());
        session.quit("q");
    }
    println!(
        "{size}: start to first frame ({COLS}x{ROWS}): {}",
        summary(&mut first_frames)
    );
    let first_frame = percentile(&first_frames, 0.5);

    let mut session = start_bearing(&db);
    // Keys that always change the screen: every tab, moving in its list, a week on the agenda.
    let round = [
        "2", "j", "k", "3", "j", "k", "4", "j", "k", "5", "j", "k", "1", "]", "[",
    ];
    let mut keys = Vec::new();
    let mut by_key: Vec<(String, Vec<Duration>)> = Vec::new();
    let mut tab = "1";
    for _ in 0..if wanted("keys") { 10 } else { 1 } {
        for key in round {
            let took = session.press(key);
            keys.push(took);
            if key.chars().all(|c| c.is_ascii_digit()) {
                tab = key;
            }
            let key = format!("tab {tab}: {key}");
            match by_key.iter_mut().find(|(k, _)| *k == key) {
                Some((_, times)) => times.push(took),
                None => by_key.push((key, vec![took])),
            }
        }
    }
    println!("{size}: key press to redraw: {}", summary(&mut keys));
    if std::env::var_os("BEARING_BENCH_BY_KEY").is_some() {
        for (key, mut times) in by_key {
            println!("{size}:   {key}: {}", summary(&mut times));
        }
    }
    let key_p95 = percentile(&keys, 0.95);

    // Search as you type: every keystroke from the second letter on runs a search.
    let mut typed = Vec::new();
    for _ in 0..if wanted("search") { 3 } else { 0 } {
        for query in ["on-call review", "budget", "coaching burnout retro", "prya"] {
            session.send("/");
            let chars: Vec<char> = query.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                let took = session.press(&c.to_string());
                if i >= 1 {
                    typed.push(took);
                }
            }
            session.send("\x1b");
        }
    }
    if !typed.is_empty() {
        println!(
            "{size}: search, keystroke to results: {}",
            summary(&mut typed)
        );
    }

    // Saves: tick the first talking point on the first person's page, and undo that.
    session.send("4");
    session.send("\r");
    let mut saves = Vec::new();
    for _ in 0..if wanted("saves") { 10 } else { 1 } {
        saves.push(session.press("x"));
        saves.push(session.press("u"));
    }
    session.send("\x1b");
    println!(
        "{size}: save (tick a talking point, undo it) to redraw: {}",
        summary(&mut saves)
    );

    // What the start left running in the background ends first: the day's backup (on a file
    // already backed up today, its check reads the whole backup: about 0.3 s of CPU on huge)
    // and the log's copy into the file. Memory and idle are then what a cockpit left open has.
    let waited = session.wait_for_threads_to_end(
        &["daily backup", "log copy", "first read"],
        Duration::from_secs(120),
    );
    println!(
        "{size}: background threads ended {:.1} s after the saves",
        waited.as_secs_f64()
    );
    // The loop is woken when the backup ends, and gives back what it freed once idle.
    session.settle(Duration::from_millis(300));
    let (rss, peak) = session.rss_kib();
    println!(
        "{size}: resident memory after all that: {:.1} MB (peak {:.1} MB)",
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    if let Some(secs) = std::env::var("BEARING_BENCH_IDLE_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        session.settle(Duration::from_millis(500));
        let (before, ticks) = (session.cpu_ns_by_thread(), session.cpu_ticks());
        std::thread::sleep(Duration::from_secs(secs));
        let (after, ticks) = (session.cpu_ns_by_thread(), session.cpu_ticks() - ticks);
        // Each thread's share: a thread that started meanwhile counts from zero. One that ended
        // meanwhile (the log's copy into the file after the saves, started once the loop went
        // idle) took its CPU time with it: named, not counted.
        let threads: Vec<(&str, f64)> = (after.iter())
            .map(|(id, name, ns)| {
                let then = before.iter().find(|(i, ..)| i == id).map_or(0, |t| t.2);
                (name.as_str(), ns.saturating_sub(then) as f64 / 1e6)
            })
            .collect();
        let ended: Vec<&str> = (before.iter())
            .filter(|(id, ..)| !after.iter().any(|(i, ..)| i == id))
            .map(|(_, name, _)| name.as_str())
            .collect();
        let used: f64 = threads.iter().map(|(_, ms)| ms).sum();
        let each: Vec<String> = (threads.iter())
            .map(|(name, ms)| format!("{name} {ms:.1}"))
            .collect();
        println!(
            "{size}: idle for {secs} s: {used:.1} ms of CPU ({:.4} CPU-s/min; by thread, ms: {}; \
             ended meanwhile: {}; the process, ended threads included: {ticks} ticks of 10 ms)",
            used / 1e3 / (secs as f64 / 60.0),
            each.join(", "),
            if ended.is_empty() {
                "none".to_string()
            } else {
                ended.join(", ")
            }
        );
    }
    session.quit("q");
    (size == "large").then(|| {
        let export = bearing(&db, &["export", "--format", "json"]);
        assert!(export.status.success());
        Large {
            export: String::from_utf8(export.stdout).unwrap(),
            first_frame,
            key_p95,
        }
    })
}

/// calcurse on the large demo's data, with the same measures where it has them; the ratios are
/// Bearing's figure over calcurse's.
fn measure_calcurse(large: &Large, dir: &Path) {
    let data = dir.join("calcurse");
    std::fs::create_dir_all(&data).unwrap();
    let report = calcurse::import(&large.export, &data);
    println!("calcurse: imported the large demo: {report}");
    let args: [&OsStr; 2] = ["-D".as_ref(), data.as_os_str()];
    let ready = |s: &Session| s.shows("Appointments") && s.shows("TODO") && s.shows("? Help");
    let mut first_frames = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let session = Session::start("calcurse".as_ref(), &args);
        session.wait_until(ready);
        first_frames.push(started.elapsed());
        // calcurse asks before quitting; a kill ends it as surely.
        session.quit("");
    }
    println!(
        "calcurse: start to first frame ({COLS}x{ROWS}): {}",
        summary(&mut first_frames)
    );
    let calcurse_first = percentile(&first_frames, 0.5);
    let mut session = Session::start("calcurse".as_ref(), &args);
    session.wait_until(ready);
    session.settle(Duration::from_millis(200));
    // Its panels in turn (Tab), moving in each, and a week forward and back in the calendar.
    let round = [
        "\t", "j", "k", "\t", "j", "k", "\t", "l", "h", "j", "k", "\t", "j", "k", "l",
    ];
    let mut keys = Vec::new();
    for _ in 0..10 {
        for key in round {
            keys.push(session.press(key));
        }
    }
    println!("calcurse: key press to redraw: {}", summary(&mut keys));
    let ratio =
        |bearing: Duration, calcurse: Duration| bearing.as_secs_f64() / calcurse.as_secs_f64();
    println!(
        "large, Bearing / calcurse: first frame (median) {:.2}, key to redraw (p95) {:.2}",
        ratio(large.first_frame, calcurse_first),
        ratio(large.key_p95, percentile(&keys, 0.95))
    );
    let (rss, peak) = session.rss_kib();
    println!(
        "calcurse: resident memory after the presses: {:.1} MB (peak {:.1} MB)",
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    session.quit("");
}

/// What the harness itself takes: from spawning a program in the pty to its first output being
/// read and parsed (`printf`, which prints and exits), and from a key's write to the first bytes
/// of its answer (`dd` with the terminal raw, which copies the key back at once). Bearing's figures
/// include these.
fn measure_floor() {
    let mut starts = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let session = Session::start("printf".as_ref(), &["Radar ? keys".as_ref()]);
        session.wait_until(|s| s.shows("Radar") && s.shows("? keys"));
        starts.push(started.elapsed());
        session.quit("");
    }
    println!(
        "harness floor: start to first output (printf): {}",
        summary(&mut starts)
    );
    let script: [&OsStr; 2] = [
        "-c".as_ref(),
        "stty raw -echo && echo ready && exec dd bs=1 count=151 status=none".as_ref(),
    ];
    let mut session = Session::start("sh".as_ref(), &script);
    session.wait_until(|s| s.shows("ready"));
    session.settle(Duration::from_millis(50));
    // `dd` copies each byte as it comes, and ends after the last key and the one that quits.
    let mut keys: Vec<Duration> = (0..150).map(|_| session.press("j")).collect();
    println!(
        "harness floor: key press to its echo (dd, raw): {}",
        summary(&mut keys)
    );
    session.quit("j");
}

fn main() {
    // `cargo bench` passes --bench; nothing to parse.
    let dir = tempfile::tempdir().unwrap();
    if wanted("floor") {
        measure_floor();
    }
    let sizes = std::env::var("BEARING_BENCH_SIZES").unwrap_or_else(|_| "small,large,huge".into());
    let mut large = None;
    for size in sizes.split(',').map(str::trim) {
        if let Some(measured) = measure_bearing(size, dir.path()) {
            large = Some(measured);
        }
    }
    match large {
        Some(large) if wanted("calcurse") && calcurse::available() => {
            measure_calcurse(&large, dir.path())
        }
        Some(_) if wanted("calcurse") => println!("calcurse: not installed here, not measured"),
        _ => {}
    }
}
