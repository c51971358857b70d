//! The letters of a decided PQRS (response letter, citation for personal notification, aviso)
//! from the configured templates, and the record of their delivery, which decides the legal
//! notification (`domain::pqrs::notification`).

use super::*;
use crate::domain::pqrs::notification::{self, Delivered};
use crate::domain::request::{DeliveryWay, Letter};
use crate::localtime::human_date;
use crate::pdf::Block;
use crate::store::pqrs::Delivery;

/// A delivery as the clerk records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryInput {
    pub letter: Letter,
    pub to_whom: String,
    /// The day it was delivered or came back (none: today).
    pub on: Option<NaiveDate>,
    pub how: DeliveryWay,
    pub returned: bool,
    pub note: String,
}

/// A decision's letters exist once its answer is approved (a desistimiento is its own act).
fn decided(p: &Pqrs) -> Result<()> {
    let ready = matches!(
        p.status,
        Status::Aprobada | Status::Notificada | Status::Desistida
    );
    if ready && (p.answer_approved.is_some() || p.status == Status::Desistida) {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "la PQRS {} no tiene una decisión aprobada que comunicar; {}",
        p.radicado,
        rules::what_next(p.kind, p.status)
    )))
}

/// The deliveries of `p` as the notification rule reads them.
pub(super) fn delivered(conn: &Connection, p: &Pqrs) -> Result<Vec<Delivered>> {
    Ok(pqrs::deliveries(conn, p.id)?
        .into_iter()
        .filter_map(|d| {
            Some(Delivered {
                letter: d.letter,
                on: d.delivered_on.parse().ok()?,
                returned: d.returned,
            })
        })
        .collect())
}

/// Checks notifying `via` today given the letters delivered.
pub(super) fn check_notify_way(
    conn: &Connection,
    cal: &crate::domain::calendar::Calendar,
    p: &Pqrs,
    via: NotifyWay,
    today: NaiveDate,
) -> Result<()> {
    notification::check(cal, via, &delivered(conn, p)?, today).map_err(Error::Refused)
}

/// Records the delivery (or return) of a letter of `radicado`.
pub fn record_delivery(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    radicado: &str,
    d: &DeliveryInput,
) -> Result<Delivery> {
    actor.require(Role::Asesor, "registrar la entrega de una comunicación")?;
    let now = clock.now();
    let today = local_now(clock, config).date();
    let to_whom = required(&d.to_whom, "a quién se entregó")?;
    let tx = store.write()?;
    let p = get(&tx, radicado)?;
    decided(&p)?;
    // not before it was received (its deemed filing day may be the next business day)
    let received = date(p.received_at.get(..10)).unwrap_or(today);
    let on = rules::check_real_date(d.on.unwrap_or(today), today, received, "fecha de entrega")
        .map_err(Error::Refused)?;
    let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
    let mut row = Delivery {
        id: 0,
        letter: d.letter,
        to_whom,
        delivered_on: on.to_string(),
        how: d.how,
        returned: d.returned,
        note: d.note.trim().to_string(),
        at: stamp(now),
        by: by.clone(),
    };
    row.id = pqrs::add_delivery(&tx, p.id, &row)?;
    let mut note = format!(
        "{} a {} · {} · {on}",
        d.letter.label(),
        row.to_whom,
        d.how.label()
    );
    if d.returned {
        note.push_str(" · DEVUELTA");
    }
    if !row.note.is_empty() {
        note.push_str(&format!(" · {}", row.note));
    }
    pqrs::add_event(&tx, p.id, &row.at, &by, "entrega", &note)?;
    audit::record(&tx, now, actor, "pqrs.entrega", &p.radicado, &note)?;
    tx.commit()?;
    Ok(row)
}

/// The person a letter is addressed to, and where.
fn addressee(conn: &Connection, p: &Pqrs) -> Result<(String, String)> {
    let who = match p.customer {
        Some(id) => customers::by_id(conn, id)?
            .map(|c| format!("{} {}", c.names, c.surnames))
            .unwrap_or_default(),
        None => p.requester_name.clone().unwrap_or_default(),
    };
    let who = if who.trim().is_empty() {
        "Peticionario anónimo".to_string()
    } else {
        who
    };
    let address = [Some(p.notify_address.as_str()), p.sender.as_deref()]
        .into_iter()
        .flatten()
        .find(|a| !a.trim().is_empty())
        .unwrap_or("")
        .to_string();
    Ok((who, address))
}

/// Who signed the decision: the staff member who approved it, with the configured title.
fn signer(conn: &Connection, p: &Pqrs) -> Result<String> {
    let by = pqrs::events(conn, p.id)?
        .into_iter()
        .rev()
        .find(|e| e.step == Step::Approve.name())
        .map(|e| e.by)
        .unwrap_or_default();
    let name = users::find(conn, &by)?.map(|u| u.name).unwrap_or(by);
    Ok(name)
}

/// The letter `which` of `radicado` as a title and blocks to lay out.
pub fn letter(
    store: &Store,
    config: &Config,
    today: NaiveDate,
    radicado: &str,
    which: Letter,
) -> Result<(String, Vec<Block>)> {
    let conn = store.conn();
    let p = get(conn, radicado)?;
    decided(&p)?;
    let answer = match p.answer_approved {
        Some(v) => pqrs::answers(conn, p.id)?
            .into_iter()
            .find(|a| a.version == v)
            .map(|a| a.body)
            .unwrap_or_default(),
        None => String::new(),
    };
    let branch = crate::desk::setup::branch_info(store)?
        .map(|b| b.name)
        .unwrap_or_else(|| config.branch.name.clone());
    let (who, address) = addressee(conn, &p)?;
    let regime = crate::domain::regime::Regime::from_config(config);
    let days = regime.recursos.filing_days.to_string();
    let kind = p.kind.label().to_lowercase();
    let l = &config.letters;
    let fill = |t: &str| {
        crate::config::Letters::fill(
            t,
            &[
                ("peticionario", &who),
                ("radicado", &p.radicado),
                ("tipo", &kind),
                ("sede", &branch),
                ("dias_recurso", &days),
            ],
        )
    };
    let para = |t: String| Block::Para(t);
    let mut blocks = vec![
        Block::Title(branch.clone()),
        para(format!("{}, {}", l.city, human_date(today))),
        Block::Gap,
        para(format!("Señor(a)\n{who}\n{address}")),
        Block::Gap,
        para(format!(
            "Radicado: {} · radicada el {}",
            p.radicado,
            human_date(date(Some(&p.filed_on)).unwrap_or(today))
        )),
    ];
    let title = match which {
        Letter::Respuesta => {
            blocks.push(para(format!(
                "Asunto: respuesta a su {kind} — {}",
                p.subject
            )));
            blocks.extend([Block::Gap, para(fill(&l.greeting)), Block::Gap]);
            blocks.extend([para(fill(&l.intro)), Block::Gap, para(answer)]);
            if p.kind != Kind::Felicitacion {
                blocks.extend([Block::Gap, para(fill(&l.closing))]);
            }
            "COMUNICADO DE RESPUESTA"
        }
        Letter::Citacion => {
            let by = notification::appear_by(&crate::desk::calendar::load(store, config)?, today);
            blocks.push(para(format!(
                "Asunto: citación para notificación personal — {}",
                p.subject
            )));
            blocks.extend([Block::Gap, para(fill(&l.greeting)), Block::Gap]);
            blocks.push(para(format!(
                "Le solicitamos comparecer en {branch}, dentro de los cinco (5) días hábiles \
                 siguientes al recibo de esta citación (si la recibe hoy, a más tardar el {}), \
                 de {} a {}, para notificarle personalmente la decisión sobre su {kind} \
                 (radicado {}) (Ley 1437 de 2011, art. 68). Si no comparece en ese \
                 plazo, la decisión se le notificará por aviso (art. 69).",
                human_date(by),
                config.office_hours.open,
                config.office_hours.close,
                p.radicado
            )));
            "CITACIÓN PARA NOTIFICACIÓN PERSONAL"
        }
        Letter::Aviso => {
            blocks.push(para(format!(
                "Asunto: notificación por aviso — {}",
                p.subject
            )));
            blocks.extend([Block::Gap, para(fill(&l.greeting)), Block::Gap]);
            blocks.push(para(format!(
                "Por no haber comparecido a la citación para notificación personal, le \
                 notificamos por este aviso la decisión sobre su {kind} (radicado {}). La \
                 notificación se considera surtida al finalizar el día siguiente al de \
                 la entrega de este aviso en el lugar de destino (Ley 1437 de 2011, art. 69). \
                 Se acompaña copia íntegra de la decisión:",
                p.radicado
            )));
            blocks.extend([Block::Gap, para(answer), Block::Gap, para(fill(&l.closing))]);
            "NOTIFICACIÓN POR AVISO"
        }
    };
    blocks.insert(1, Block::Title(title.to_string()));
    blocks.extend([
        Block::Gap,
        para("Atentamente,".into()),
        Block::Gap,
        Block::Gap,
        para(format!(
            "{}\n{}\n{branch}",
            signer(conn, &p)?,
            l.signer_title
        )),
    ]);
    Ok((format!("{title} {}", p.radicado), blocks))
}
