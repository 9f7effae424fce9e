//! Questions about other processes on this machine: whether the one that wrote a lock or a
//! temporary file is still running. `lock` and `safe_write` both ask, so it lives here, below
//! both of them.

use std::path::Path;

/// True unless process `pid` is known to be gone. Only Linux can tell (through `/proc`); elsewhere
/// every process counts as alive, and callers fall back on other rules (a lock's age).
pub(crate) fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        // Without a portable way to ask, assume it is alive; the age rule still applies.
        true
    }
}
