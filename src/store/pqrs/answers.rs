//! The written answer of a PQRS: every saved draft is a new version.

use super::*;

/// One saved version of a PQRS's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub version: i64,
    pub body: String,
    pub saved_at: String,
    pub saved_by: String,
}

fn answer_from_row(r: &Row<'_>) -> rusqlite::Result<Answer> {
    Ok(Answer {
        version: r.get(0)?,
        body: r.get(1)?,
        saved_at: r.get(2)?,
        saved_by: r.get(3)?,
    })
}

/// Appends the next version of the answer of `pqrs`; returns its number.
pub fn add_answer(conn: &Connection, pqrs: i64, body: &str, at: &str, by: &str) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO pqrs_answers (pqrs, version, body, saved_at, saved_by)
         VALUES (?1, (SELECT COALESCE(MAX(version), 0) + 1 FROM pqrs_answers WHERE pqrs = ?1),
             ?2, ?3, ?4)
         RETURNING version",
        params![pqrs, body, at, by],
        |r| r.get(0),
    )?)
}

/// The latest version of the answer of `pqrs`, if any was saved.
pub fn latest_answer(conn: &Connection, pqrs: i64) -> Result<Option<Answer>> {
    Ok(conn
        .query_row(
            "SELECT version, body, saved_at, saved_by FROM pqrs_answers WHERE pqrs = ?1
             ORDER BY version DESC LIMIT 1",
            [pqrs],
            answer_from_row,
        )
        .optional()?)
}

/// Every version of the answer of `pqrs`, oldest first.
pub fn answers(conn: &Connection, pqrs: i64) -> Result<Vec<Answer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, body, saved_at, saved_by FROM pqrs_answers WHERE pqrs = ?1
         ORDER BY version",
    )?;
    let rows = stmt.query_map([pqrs], answer_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
