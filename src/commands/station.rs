//! `ventanilla station ...`: the devices of a branch reaching its server over OpenSSH. OpenSSH
//! does the transport and the authentication; each station's key is forced to `station run
//! NAME`, which starts that station's mode on its window and nothing else.

use super::{Ctx, parse_vocab, print_json};
use crate::cli::StationCommand;
use crate::desk::{self, stations::NewStation};
use crate::domain::station::Mode;
use crate::error::{Error, Result};
use std::path::Path;

/// Runs a station subcommand.
pub fn run(ctx: &Ctx, cmd: StationCommand) -> Result<()> {
    match cmd {
        StationCommand::Run { name } => return run_station(ctx, &name),
        StationCommand::Setup { account, write } => {
            let command = forced_command(ctx)?;
            if write {
                let path = Path::new(DROP_IN);
                let dir = path.parent().unwrap_or(Path::new("/"));
                if !dir.is_dir() {
                    return Err(Error::refused(format!(
                        "no existe {}: ¿está instalado el servidor OpenSSH (openssh-server)?",
                        dir.display()
                    )));
                }
                write_atomically(path, drop_in(&command, &account).as_bytes()).map_err(|e| {
                    Error::refused(format!(
                        "no se pudo escribir {DROP_IN} ({e}); hágalo como root (sudo)"
                    ))
                })?;
                crate::say!("Escrito {DROP_IN}; recargue sshd: systemctl reload ssh");
                return Ok(());
            }
            print!("{}", setup_text(&command, &account));
            return Ok(());
        }
        _ => {}
    }
    let mut store = ctx.store()?;
    let clock = ctx.clock.as_ref();
    let actor = ctx.actor(&store, None)?;
    match cmd {
        StationCommand::Add {
            name,
            mode,
            window,
            key,
        } => {
            let mode: Mode = parse_vocab(&mode)?;
            let new = NewStation {
                name: &name,
                mode,
                window,
                key: &key,
            };
            let s = desk::stations::add(&mut store, clock, &actor, &new)?;
            let window = s
                .window
                .map(|w| format!(", ventanilla {w}"))
                .unwrap_or_default();
            crate::say!("Equipo {} registrado: {}{window}", s.name, s.mode.label());
            crate::say!("Actualice las llaves de sshd: ventanilla station write-keys --file …");
        }
        StationCommand::List { json } => {
            let list = desk::stations::list(&store)?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                crate::say!("No hay equipos registrados.");
            }
            for s in list {
                let window = s
                    .window
                    .map(|w| format!("ventanilla {w}"))
                    .unwrap_or_default();
                let comment = s.public_key.split_whitespace().nth(2).unwrap_or("");
                crate::say!("{}\t{}\t{window}\t{comment}", s.name, s.mode.label());
            }
        }
        StationCommand::Remove { name } => {
            desk::stations::remove(&mut store, clock, &actor, &name)?;
            crate::say!("Equipo {name} quitado; su llave ya no abre ninguna sesión.");
        }
        StationCommand::Key { name, key } => {
            desk::stations::set_key(&mut store, clock, &actor, &name, &key)?;
            crate::say!("Llave del equipo {name} cambiada.");
        }
        StationCommand::AuthorizedKeys { user, account } => {
            // sshd asks for every account; only the branch's receives keys
            if user.as_deref().is_none_or(|u| u == account) {
                print!(
                    "{}",
                    desk::stations::authorized_keys(&store, &forced_command(ctx)?)?
                );
            }
        }
        StationCommand::WriteKeys { file } => {
            let keys = desk::stations::authorized_keys(&store, &forced_command(ctx)?)?;
            write_atomically(&file, keys.as_bytes())?;
            let n = keys.lines().count();
            crate::say!("{n} llaves escritas en {}", file.display());
        }
        StationCommand::Run { .. } | StationCommand::Setup { .. } => {}
    }
    Ok(())
}

/// What sshd runs for a station's key: this program with the same database (and configuration
/// file, when one was given), by absolute paths.
fn forced_command(ctx: &Ctx) -> Result<String> {
    let exe = std::env::current_exe()?;
    let db = std::path::absolute(ctx.db_path()?)?;
    let mut command = format!("{} --db {}", quoted(&exe), quoted(&db));
    if let Some(config) = &ctx.loaded.sources.applied {
        command.push_str(&format!(
            " --config {}",
            quoted(&std::path::absolute(config)?)
        ));
    }
    Ok(command)
}

/// A path for the forced command: refused when it would need quoting inside authorized_keys.
fn quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if text.contains([' ', '"', '\\', '\'']) {
        format!("'{}'", text.replace('\'', ""))
    } else {
        text
    }
}

/// Writes `bytes` to `path` through a file beside it renamed over it: sshd never reads half.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".parcial");
    let partial = std::path::PathBuf::from(partial);
    crate::files::write_private(&partial, bytes)?;
    std::fs::rename(&partial, path)?;
    Ok(())
}

/// A station connecting: its mode on its window, whatever command the client asked for.
fn run_station(ctx: &Ctx, name: &str) -> Result<()> {
    let store = ctx.store()?;
    let station = match desk::stations::for_run(&store, name) {
        Ok(s) => s,
        Err(e) => {
            // the device's screen says why, and the refusal is in the audit log
            let mut store = store;
            let actor = desk::Actor {
                principal: format!("equipo:{name}"),
                on_behalf: None,
                role: crate::domain::user::Role::Asesor,
            };
            let _ = desk::audit::record_alone(
                &mut store,
                ctx.clock.as_ref(),
                &actor,
                "station.refused",
                &format!("station:{name}"),
                &e.to_string(),
            );
            return Err(e);
        }
    };
    let from = std::env::var("SSH_CONNECTION")
        .ok()
        .and_then(|c| c.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "local".into());
    desk::audit::set_origin(format!("equipo {} desde {from}", station.name));
    let actor = desk::Actor {
        principal: format!("equipo:{}", station.name),
        on_behalf: None,
        role: crate::domain::user::Role::Asesor,
    };
    let mut store = store;
    let object = format!("station:{}", station.name);
    desk::audit::record_alone(
        &mut store,
        ctx.clock.as_ref(),
        &actor,
        "station.connect",
        &object,
        "",
    )?;
    replace_older_session(&mut store, &station.name)?;
    drop(store);
    match (station.mode, station.window) {
        (Mode::Console, Some(w)) => super::console::open(ctx, &ctx.db_path()?, w),
        (Mode::Rate, Some(w)) => super::modes::rate(ctx, w),
        (Mode::Kiosk, _) => super::modes::kiosk(ctx),
        (Mode::Display, _) => super::modes::display(ctx),
        (Mode::Supervisor, _) => super::modes::supervisor(ctx),
        (Mode::Pqrs, _) => super::modes::pqrs(ctx),
        (Mode::Console | Mode::Rate, None) => Err(Error::refused(format!(
            "el equipo {} no tiene ventanilla; pida al administrador que la registre",
            station.name
        ))),
    }
}

/// A station connecting again ends its older session (a dropped link whose process lingers,
/// or the same device twice): the process recorded for the station is stopped, this one is
/// recorded instead.
fn replace_older_session(store: &mut crate::store::Store, name: &str) -> Result<()> {
    let key = format!("station_pid:{name}");
    let older = crate::store::settings::get(store.conn(), &key)?
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|pid| *pid != std::process::id());
    if let Some(pid) = older {
        // only a process that is that station's session (the pid may have been reused)
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if cmdline.contains(&format!("station run {name}")) {
            let _ = std::process::Command::new("kill")
                .arg("-TERM")
                .arg(pid.to_string())
                .status();
        }
    }
    let tx = store.write()?;
    crate::store::settings::set(&tx, &key, &std::process::id().to_string())?;
    tx.commit()?;
    Ok(())
}

/// Where `station setup --write` installs the sshd block.
const DROP_IN: &str = "/etc/ssh/sshd_config.d/ventanilla.conf";

/// The sshd block for the stations' account: keys from the program, nothing but a terminal.
fn drop_in(command: &str, account: &str) -> String {
    format!(
        "# ventanilla: los equipos de la sede (station setup)
Match User {account}
    AuthorizedKeysFile none
    AuthorizedKeysCommand {command} station authorized-keys %u --account {account}
    AuthorizedKeysCommandUser {account}
    PasswordAuthentication no
    KbdInteractiveAuthentication no
    AllowTcpForwarding no
    AllowAgentForwarding no
    X11Forwarding no
    PermitTunnel no
    PermitUserRC no
    PermitTTY yes
"
    )
}

/// The set-up a branch's IT person follows: the sshd drop-in and how each device connects.
fn setup_text(command: &str, account: &str) -> String {
    format!(
        "# 1. Una cuenta del sistema para los equipos, sin contraseña:
#      useradd --system --create-home --shell /bin/sh {account}
#    La base de datos y la configuración deben poder leerse y escribirse con esa cuenta.
#
# 2. {DROP_IN} (ventanilla station setup --write, como root; luego: systemctl reload ssh):
{}#    (Sin AuthorizedKeysCommand: ventanilla station write-keys --file ~{account}/.ssh/authorized_keys
#     después de cada cambio de equipos.)
#
# 3. Cada equipo: crear su llave y registrarla (administrador):
#      ssh-keygen -t ed25519 -f ~/.ssh/ventanilla -N ''          (en el equipo)
#      ventanilla station add V1 --mode consola --window 1 --key \"$(cat ventanilla.pub)\"
#
# 4. Conectar:
#    Linux o Raspberry Pi (pantalla, atril), al arrancar, en una terminal a pantalla completa:
#      while true; do ssh -t -i ~/.ssh/ventanilla {account}@SERVIDOR; sleep 2; done
#    Windows 10/11 (Windows Terminal), un acceso directo .cmd:
#      :otra
#      ssh -t -i %USERPROFILE%\\.ssh\\ventanilla {account}@SERVIDOR
#      timeout /t 2 >nul
#      goto otra
#    Cada llave abre solo su equipo: su modo y su ventanilla; nunca una consola del sistema.
",
        drop_in(command, account)
    )
}
