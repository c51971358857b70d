//! Maintaining the services and windows (supervisors and administrators).

use super::{Actor, audit};
use crate::clock::Clock;
use crate::domain::{service, user::Role};
use crate::error::{Error, Result};
use crate::store::{Store, catalog};
use rusqlite::Connection;

pub use crate::store::catalog::{Service, Window};

/// All services.
pub fn services(store: &Store) -> Result<Vec<Service>> {
    catalog::services(store.conn())
}

/// All windows.
pub fn windows(store: &Store) -> Result<Vec<Window>> {
    catalog::windows(store.conn())
}

/// Refuses a window number the branch does not have.
pub fn window_exists(store: &Store, number: u32) -> Result<()> {
    if windows(store)?
        .iter()
        .any(|w| w.number == number && w.active)
    {
        Ok(())
    } else {
        Err(crate::error::Error::refused(format!(
            "la ventanilla {number} no existe o está inactiva"
        )))
    }
}

/// Adds a service.
pub fn add_service(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    code: &str,
    name: &str,
) -> Result<()> {
    actor.require(Role::Supervisor, "crear servicios")?;
    let code = code.trim().to_uppercase();
    if !service::valid_code(&code) {
        return Err(Error::refused(format!(
            "código de servicio «{code}» inválido: use una letra (A-Z)"
        )));
    }
    if name.trim().is_empty() {
        return Err(Error::refused(
            "el nombre del servicio no puede estar vacío",
        ));
    }
    let tx = store.write()?;
    if catalog::service(&tx, &code)?.is_some() {
        return Err(Error::refused(format!("ya existe el servicio «{code}»")));
    }
    catalog::insert_service(&tx, &code, name.trim())?;
    audit::record(
        &tx,
        clock.now(),
        actor,
        "service.add",
        &format!("service:{code}"),
        name.trim(),
    )?;
    tx.commit()?;
    Ok(())
}

/// Disables a service: it no longer issues turns and windows stop calling it.
pub fn disable_service(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    code: &str,
) -> Result<()> {
    actor.require(Role::Supervisor, "desactivar servicios")?;
    let code = code.trim().to_uppercase();
    let tx = store.write()?;
    let svc = catalog::service(&tx, &code)?
        .ok_or_else(|| Error::refused(format!("no existe el servicio «{code}»")))?;
    if !svc.active {
        return Err(Error::NothingToDo(format!(
            "el servicio «{code}» ya estaba desactivado"
        )));
    }
    catalog::set_service_active(&tx, &code, false)?;
    audit::record(
        &tx,
        clock.now(),
        actor,
        "service.disable",
        &format!("service:{code}"),
        "",
    )?;
    tx.commit()?;
    Ok(())
}

/// Adds a window calling `services` in that order.
pub fn add_window(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    number: u32,
    services: &[String],
) -> Result<()> {
    actor.require(Role::Supervisor, "crear ventanillas")?;
    if number == 0 {
        return Err(Error::refused(
            "el número de ventanilla debe ser mayor que 0",
        ));
    }
    let tx = store.write()?;
    if catalog::window(&tx, number)?.is_some() {
        return Err(Error::refused(format!("ya existe la ventanilla {number}")));
    }
    check_services(&tx, services)?;
    catalog::insert_window(&tx, number)?;
    catalog::set_window_services(&tx, number, services)?;
    let detail = services.join(",");
    audit::record(
        &tx,
        clock.now(),
        actor,
        "window.add",
        &format!("window:{number}"),
        &detail,
    )?;
    tx.commit()?;
    Ok(())
}

/// Changes which services a window calls, and in which order.
pub fn set_window(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    number: u32,
    services: &[String],
) -> Result<()> {
    actor.require(Role::Supervisor, "cambiar los servicios de una ventanilla")?;
    let tx = store.write()?;
    if catalog::window(&tx, number)?.is_none() {
        return Err(Error::refused(format!("no existe la ventanilla {number}")));
    }
    check_services(&tx, services)?;
    catalog::set_window_services(&tx, number, services)?;
    let detail = services.join(",");
    audit::record(
        &tx,
        clock.now(),
        actor,
        "window.set",
        &format!("window:{number}"),
        &detail,
    )?;
    tx.commit()?;
    Ok(())
}

fn check_services(conn: &Connection, codes: &[String]) -> Result<()> {
    if codes.is_empty() {
        return Err(Error::refused(
            "indique al menos un servicio, p. ej. --services E,R",
        ));
    }
    for (i, code) in codes.iter().enumerate() {
        if codes[..i].contains(code) {
            return Err(Error::refused(format!(
                "el servicio «{code}» está repetido"
            )));
        }
        match catalog::service(conn, code)? {
            None => return Err(Error::refused(format!("no existe el servicio «{code}»"))),
            Some(s) if !s.active => {
                return Err(Error::refused(format!(
                    "el servicio «{code}» está desactivado"
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}
