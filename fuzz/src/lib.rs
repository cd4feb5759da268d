//! Shared bodies of the fuzz targets (see `harness.rs`) and the structure-aware spec generator.

pub mod harness;
pub mod spec_shape;
