//! `api-surface.lock`: the API surface the crate was generated with ([`crate::diff::surface`]), so that the
//! next `cargo xtask gen` can report what changed for users of the crate.

use crate::diff::surface::{LOCK_FILE, Surface};
use crate::emit::GeneratedFile;
use crate::ir;

/// The lock file of the crate.
pub fn file(service: &ir::Service) -> GeneratedFile {
    GeneratedFile {
        path: format!("{}/{LOCK_FILE}", service.crate_name),
        contents: Surface::of(service).to_text(),
    }
}
