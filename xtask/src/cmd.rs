//! Running child processes with readable failures.

use std::process::{Command, Stdio};

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
