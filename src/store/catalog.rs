//! Services and windows: the catalogue an administrator or supervisor maintains.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// A service customers take turns for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    pub code: String,
    pub name: String,
    pub active: bool,
}

/// A window and the services it calls, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Window {
    pub number: u32,
    pub active: bool,
    pub services: Vec<String>,
}

/// All services in display order.
pub fn services(conn: &Connection) -> Result<Vec<Service>> {
    let mut stmt =
        conn.prepare("SELECT code, name, active FROM services ORDER BY position, code")?;
    let rows = stmt.query_map([], |r| {
        Ok(Service {
            code: r.get(0)?,
            name: r.get(1)?,
            active: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One service by code.
pub fn service(conn: &Connection, code: &str) -> Result<Option<Service>> {
    Ok(conn
        .query_row(
            "SELECT code, name, active FROM services WHERE code = ?1",
            [code],
            |r| {
                Ok(Service {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    active: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Adds a service at the end of the display order.
pub fn insert_service(conn: &Connection, code: &str, name: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO services (code, name, position)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM services))",
        params![code, name],
    )?;
    Ok(())
}

/// Enables or disables a service.
pub fn set_service_active(conn: &Connection, code: &str, active: bool) -> Result<()> {
    conn.execute(
        "UPDATE services SET active = ?2 WHERE code = ?1",
        params![code, active],
    )?;
    Ok(())
}

/// All windows with their services.
pub fn windows(conn: &Connection) -> Result<Vec<Window>> {
    let mut stmt = conn.prepare("SELECT number, active FROM windows ORDER BY number")?;
    let heads = stmt
        .query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, bool>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    heads
        .into_iter()
        .map(|(number, active)| {
            Ok(Window {
                number,
                active,
                services: window_services(conn, number)?,
            })
        })
        .collect()
}

/// One window by number.
pub fn window(conn: &Connection, number: u32) -> Result<Option<Window>> {
    let active: Option<bool> = conn
        .query_row(
            "SELECT active FROM windows WHERE number = ?1",
            [number],
            |r| r.get(0),
        )
        .optional()?;
    match active {
        Some(active) => Ok(Some(Window {
            number,
            active,
            services: window_services(conn, number)?,
        })),
        None => Ok(None),
    }
}

fn window_services(conn: &Connection, number: u32) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT service FROM window_services WHERE window = ?1 ORDER BY position")?;
    let rows = stmt.query_map([number], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a window.
pub fn insert_window(conn: &Connection, number: u32) -> Result<()> {
    conn.execute("INSERT INTO windows (number) VALUES (?1)", [number])?;
    Ok(())
}

/// Replaces the services a window calls.
pub fn set_window_services(conn: &Connection, number: u32, services: &[String]) -> Result<()> {
    conn.execute("DELETE FROM window_services WHERE window = ?1", [number])?;
    let mut stmt = conn
        .prepare("INSERT INTO window_services (window, service, position) VALUES (?1, ?2, ?3)")?;
    for (i, code) in services.iter().enumerate() {
        stmt.execute(params![number, code, i as i64])?;
    }
    Ok(())
}
