//! Stations: registering the devices of a branch (administrator; audited), the
//! `authorized_keys` lines that force each key to its station, and what a connecting station
//! may run.

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::domain::station::{Mode, valid_public_key};
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::stations::{self, Station};
use crate::store::{Store, catalog};

/// A station as registered.
#[derive(Debug, Clone)]
pub struct NewStation<'a> {
    pub name: &'a str,
    pub mode: Mode,
    pub window: Option<u32>,
    pub key: &'a str,
}

/// A station name: letters, digits, `-` and `_`, 1 to 32 of them (it goes into a command line).
fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    let ok = !name.is_empty()
        && name.len() <= 32
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(name.to_string())
    } else {
        Err(Error::refused(format!(
            "nombre del equipo: «{name}» no sirve; use de 1 a 32 letras sin tildes, dígitos, - o _"
        )))
    }
}

fn check_key(key: &str) -> Result<String> {
    let key = key.trim();
    if valid_public_key(key) {
        Ok(key.to_string())
    } else {
        Err(Error::refused(
            "llave: pegue la llave pública OpenSSH completa, una línea \
             («ssh-ed25519 AAAA… comentario»), sin opciones delante",
        ))
    }
}

/// Registers a station.
pub fn add(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    new: &NewStation<'_>,
) -> Result<Station> {
    actor.require(Role::Administrador, "registrar equipos")?;
    let name = check_name(new.name)?;
    let key = check_key(new.key)?;
    let now = clock.now();
    let tx = store.write()?;
    let window = match (new.mode.needs_window(), new.window) {
        (true, None) => {
            return Err(Error::refused(format!(
                "ventanilla: el modo {} necesita la ventanilla del equipo (--window N)",
                new.mode.label()
            )));
        }
        (true, Some(w)) if catalog::window(&tx, w)?.is_none() => {
            return Err(Error::refused(format!(
                "ventanilla: no existe la ventanilla {w}"
            )));
        }
        (true, w) => w,
        (false, _) => None,
    };
    if stations::get(&tx, &name)?.is_some() {
        return Err(Error::refused(format!("ya hay un equipo llamado {name}")));
    }
    if let Some(other) = stations::by_key(&tx, &key)? {
        return Err(Error::refused(format!(
            "llave: ya es la del equipo {}; cada equipo tiene su propia llave",
            other.name
        )));
    }
    let station = Station {
        name: name.clone(),
        mode: new.mode,
        window,
        public_key: key,
        added_at: stamp(now),
        added_by: actor.principal.clone(),
    };
    stations::insert(&tx, &station)?;
    let detail = match window {
        Some(w) => format!("{} · ventanilla {w}", new.mode.code()),
        None => new.mode.code().to_string(),
    };
    audit::record(
        &tx,
        now,
        actor,
        "station.add",
        &format!("station:{name}"),
        &detail,
    )?;
    tx.commit()?;
    Ok(station)
}

/// Replaces a station's key (a new device, or a key that leaked).
pub fn set_key(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    name: &str,
    key: &str,
) -> Result<()> {
    actor.require(Role::Administrador, "cambiar la llave de un equipo")?;
    let key = check_key(key)?;
    let now = clock.now();
    let tx = store.write()?;
    if let Some(other) = stations::by_key(&tx, &key)?.filter(|o| o.name != name) {
        return Err(Error::refused(format!(
            "llave: ya es la del equipo {}",
            other.name
        )));
    }
    if stations::set_key(&tx, name, &key)? == 0 {
        return Err(Error::refused(format!("no hay un equipo llamado {name}")));
    }
    audit::record(
        &tx,
        now,
        actor,
        "station.key",
        &format!("station:{name}"),
        "",
    )?;
    tx.commit()?;
    Ok(())
}

/// Removes a station: its key stops working at the next connection.
pub fn remove(store: &mut Store, clock: &dyn Clock, actor: &Actor, name: &str) -> Result<()> {
    actor.require(Role::Administrador, "quitar equipos")?;
    let now = clock.now();
    let tx = store.write()?;
    if stations::remove(&tx, name)? == 0 {
        return Err(Error::refused(format!("no hay un equipo llamado {name}")));
    }
    audit::record(
        &tx,
        now,
        actor,
        "station.remove",
        &format!("station:{name}"),
        "",
    )?;
    tx.commit()?;
    Ok(())
}

/// Every station.
pub fn list(store: &Store) -> Result<Vec<Station>> {
    stations::all(store.conn())
}

/// The `authorized_keys` lines of every station: the key restricted (no forwarding, no agent,
/// no X11, no user rc) but for a terminal, and forced to `station run NAME` — `command` is the
/// program and its fixed arguments (`/usr/bin/ventanilla --db /srv/sede.sqlite3`).
pub fn authorized_keys(store: &Store, command: &str) -> Result<String> {
    let mut out = String::new();
    for s in stations::all(store.conn())? {
        out.push_str(&format!(
            "restrict,pty,command=\"{command} station run {}\" {}\n",
            s.name, s.public_key
        ));
    }
    Ok(out)
}

/// The station `name`, to run: a Spanish refusal when it was removed or its window deleted.
pub fn for_run(store: &Store, name: &str) -> Result<Station> {
    let station = stations::get(store.conn(), name)?.ok_or_else(|| {
        Error::refused(format!(
            "este equipo ({name}) ya no está registrado en la sede; pida al administrador que lo registre"
        ))
    })?;
    if let Some(w) = station.window
        && catalog::window(store.conn(), w)?.is_none()
    {
        return Err(Error::refused(format!(
            "la ventanilla {w} de este equipo ({name}) ya no existe; pida al administrador que lo corrija"
        )));
    }
    Ok(station)
}
