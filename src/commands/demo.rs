//! `ventanilla demo`.

use super::Ctx;
use crate::cli::DemoArgs;
use crate::error::{Error, Result};
use crate::store::Store;
use std::path::{Path, PathBuf};

/// Prepares the demo database (recreating it with `--reset`) and opens the console on it.
pub fn run(ctx: &Ctx, args: &DemoArgs) -> Result<()> {
    let path = demo_path(ctx)?;
    if args.reset {
        remove_database(&path)?;
    }
    if !path.exists() {
        let (mut store, _) = Store::open_or_create(&path)?;
        // made outside office hours, the demo lives at a time the office is open
        let config = &ctx.loaded.config;
        let shift = crate::demo::office_shift(ctx.clock.now(), config);
        let clock = crate::clock::ShiftedClock { by: shift };
        let result = crate::demo::seed(&mut store, &clock, config, args.customers, args.seed)
            .and_then(|()| {
                let tx = store.write()?;
                let seconds = shift.num_seconds().to_string();
                crate::store::settings::set(&tx, "demo_clock_shift", &seconds)?;
                tx.commit()?;
                Ok(())
            });
        if let Err(err) = result {
            drop(store);
            let _ = remove_database(&path);
            return Err(err);
        }
    }
    if args.no_tui {
        crate::say!("{}", path.display());
        return Ok(());
    }
    super::console::open(ctx, &path, args.window)
}

fn demo_path(ctx: &Ctx) -> Result<PathBuf> {
    ctx.db
        .clone()
        .or_else(crate::paths::demo_db)
        .ok_or_else(|| {
            Error::Usage("no se encontró la carpeta de datos del usuario; indique --db RUTA".into())
        })
}

/// Removes a database file and its WAL companions.
fn remove_database(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
