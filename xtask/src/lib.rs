//! The workspace's tasks as a library: the `xtask` binary parses arguments and calls these; tests call them
//! directly (the drift test of `api-spec/` goes through the same write path as the command).

pub mod diff;
pub mod gen_report;
pub mod import_doc;
pub mod import_meta;
pub mod sync;
