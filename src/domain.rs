//! Pure rules of the front desk: no I/O, no clock, no database.

pub mod advisor;
pub mod attachment;
pub mod attention;
pub mod branch;
pub mod calendar;
pub mod calendar_range;
pub mod consent;
pub mod customer;
pub mod deadline;
pub mod holidays;
pub mod ids;
pub mod pqrs;
pub mod queue;
pub mod regime;
pub mod request;
pub mod service;
pub mod station;
pub mod stats;
pub mod turn;
pub mod user;
pub mod vocab;
