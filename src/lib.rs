//! # ventanilla
//!
//! A terminal front-desk console for Colombian service centres. The crate is layered, and
//! dependencies point down only:
//!
//! - [`cli`] and [`commands`]: the command line (clap), one module per subcommand;
//! - [`tui`]: the terminal screens (console and the other modes);
//! - [`desk`]: use cases, one function per thing a person does (role check, one transaction,
//!   audit record);
//! - [`domain`]: pure rules (roles, documents, calendar, deadlines);
//! - [`store`]: all SQL over one SQLite file.
//!
//! [`config`], [`paths`], [`clock`] and [`error`] are shared by every layer.

pub mod central;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod config_limits;
pub mod demo;
pub mod desk;
pub mod domain;
pub mod error;
pub mod files;
pub mod localtime;
pub mod paths;
pub mod pdf;
pub mod printer;
pub mod store;
pub mod tables;
pub mod tui;
