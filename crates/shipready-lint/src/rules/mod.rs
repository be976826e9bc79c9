//! The rule catalogue. One file per rule; `ALL` lists them in ID order.

pub mod dockerfile;
pub mod meta;

pub use dockerfile::ALL;
