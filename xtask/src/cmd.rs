//! Running child processes with readable failures, and the timed steps every command prints.

use std::{
    fs,
    path::Path,
    process::{Command, Stdio},
    sync::{Mutex, OnceLock},
    time::{Duration, Instant},
};

pub fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Runs to completion with inherited output; fails with the command line on non-zero exit.
pub fn run(c: &mut Command) -> Result<(), String> {
    let status = c
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("{}: {e}", describe(c)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(c)))
    }
}

/// Runs with stdout and stderr written to `log` (steps that run side by side would otherwise
/// interleave); a failure carries the log's last lines.
pub fn run_logged(c: &mut Command, log: &Path) -> Result<(), String> {
    if let Some(dir) = log.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let file = fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = file.try_clone().map_err(|e| e.to_string())?;
    let status = c
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(err)
        .status()
        .map_err(|e| format!("{}: {e}", describe(c)))?;
    if status.success() {
        return Ok(());
    }
    let text = fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines[lines.len().saturating_sub(60)..].join("\n");
    Err(format!(
        "`{}` failed ({status}); last lines of {}:\n{tail}",
        describe(c),
        log.display()
    ))
}

/// Runs and returns stdout; stderr is inherited.
pub fn output(c: &mut Command) -> Result<String, String> {
    let out = c
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{}: {e}", describe(c)))?;
    if !out.status.success() {
        return Err(format!("`{}` failed ({})", describe(c), out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn step(title: &str) {
    println!("\n==> {title}");
}

struct Clock {
    start: Instant,
    steps: Mutex<Vec<(String, Duration)>>,
}

fn clock() -> &'static Clock {
    static CLOCK: OnceLock<Clock> = OnceLock::new();
    CLOCK.get_or_init(|| Clock {
        start: Instant::now(),
        steps: Mutex::new(Vec::new()),
    })
}

/// Starts the command's clock (the total that `report` prints is measured from here).
pub fn start_clock() {
    let _ = clock();
}

/// Runs one named step, prints when it starts and how long it took, and remembers the figure
/// for `report`. Safe to call from several threads at once.
pub fn timed<T>(title: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    step(title);
    let t = Instant::now();
    let result = f();
    let took = t.elapsed();
    let outcome = if result.is_ok() { "done" } else { "FAILED" };
    println!("==> {outcome}: {title} ({})", seconds(took));
    if let Ok(mut steps) = clock().steps.lock() {
        steps.push((title.to_string(), took));
    }
    result
}

/// Every timed step so far with its duration, then the total since the clock started.
pub fn report(what: &str) {
    let c = clock();
    let steps = c.steps.lock().map(|s| s.clone()).unwrap_or_default();
    println!("\n{what}:");
    for (title, took) in &steps {
        println!("  {:>8}  {title}", seconds(*took));
    }
    println!("  {:>8}  total", seconds(c.start.elapsed()));
}

pub fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}
