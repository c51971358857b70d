//! Stations over a real OpenSSH server on 127.0.0.1: a throwaway `sshd -D` with its own host
//! key and config, the keys written by `station write-keys`, the real `ssh` client in a
//! pseudo-terminal. Skipped, saying so, where sshd is not installed (CI installs it).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use common::FileBranch;
use common::central_pg::free_port;
use portable_pty::CommandBuilder;
use pty::PtyApp;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);
const SSHD: &str = "/usr/sbin/sshd";

/// A throwaway sshd serving the branch's station keys; killed when dropped.
struct Sshd {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) -> String {
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "prueba", "-f"])
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "ssh-keygen");
    std::fs::read_to_string(path.with_extension("pub"))
        .unwrap()
        .trim()
        .to_string()
}

fn start_sshd(dir: &Path) -> Sshd {
    keygen(&dir.join("host_key"));
    let port = free_port();
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\n\
             AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nPasswordAuthentication no\n\
             KbdInteractiveAuthentication no\nUsePAM no\nPermitRootLogin prohibit-password\n\
             SetEnv VENTANILLA_PIN_COSTE=pruebas\nLogLevel ERROR\n",
            d = dir.display()
        ),
    )
    .unwrap();
    // sshd run as root needs its privilege-separation directory
    let _ = std::fs::create_dir_all("/run/sshd");
    let child = Command::new(SSHD)
        .args(["-D", "-e", "-f"])
        .arg(&config)
        .stderr(std::fs::File::create(dir.join("sshd.log")).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + WAIT;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "sshd did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Sshd {
        child,
        port,
        dir: dir.to_path_buf(),
    }
}

fn me() -> String {
    let out = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn ssh_args(sshd: &Sshd, key: &Path) -> Vec<String> {
    vec![
        "-tt".into(),
        "-i".into(),
        key.display().to_string(),
        "-p".into(),
        sshd.port.to_string(),
        "-o".into(),
        "StrictHostKeyChecking=no".into(),
        "-o".into(),
        format!("UserKnownHostsFile={}/known_hosts", sshd.dir.display()),
        "-o".into(),
        "IdentitiesOnly=yes".into(),
        "-o".into(),
        "BatchMode=yes".into(),
        "-o".into(),
        "LogLevel=ERROR".into(),
        format!("{}@127.0.0.1", me()),
    ]
}

fn connect(sshd: &Sshd, key: &Path, extra: &[&str]) -> PtyApp {
    let mut cmd = CommandBuilder::new("ssh");
    cmd.args(ssh_args(sshd, key));
    cmd.args(extra);
    PtyApp::spawn(cmd, 100, 30)
}

#[test]
fn stations_reach_their_mode_over_ssh_and_nothing_else() {
    if !Path::new(SSHD).exists() {
        eprintln!("OMITIDA: no hay servidor OpenSSH ({SSHD}); .ci/run lo instala con apt-get");
        return;
    }
    let b = FileBranch::new(2);
    let window_key = b.path("v1");
    let tv_key = b.path("tv");
    let stranger_key = b.path("ajena");
    let kiosk_key = b.path("atril");
    let window_pub = keygen(&window_key);
    let tv_pub = keygen(&tv_key);
    let kiosk_pub = keygen(&kiosk_key);
    keygen(&stranger_key);
    b.cli()
        .args(["station", "add", "V1", "--mode", "consola", "--window", "1"])
        .args(["--key", &window_pub])
        .assert()
        .success();
    b.cli()
        .args([
            "station", "add", "tv-sala", "--mode", "pantalla", "--key", &tv_pub,
        ])
        .assert()
        .success();
    b.cli()
        .args([
            "station", "add", "atril", "--mode", "quiosco", "--key", &kiosk_pub,
        ])
        .assert()
        .success();
    // the same key twice, a console without a window, options smuggled before a key
    b.cli()
        .args(["station", "add", "V2", "--mode", "consola", "--window", "2"])
        .args(["--key", &window_pub])
        .assert()
        .failure()
        .stderr(predicates::str::contains("ya es la del equipo V1"));
    b.cli()
        .args([
            "station", "add", "V3", "--mode", "consola", "--key", &tv_pub,
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("necesita la ventanilla"));
    let smuggled = format!("command=\"/bin/sh\" {tv_pub}");
    b.cli()
        .args([
            "station", "add", "X", "--mode", "pantalla", "--key", &smuggled,
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("sin opciones delante"));
    let sshd_dir = b.path("sshd");
    std::fs::create_dir_all(&sshd_dir).unwrap();
    let keys = sshd_dir.join("authorized_keys");
    b.cli()
        .args(["station", "write-keys", "--file"])
        .arg(&keys)
        .assert()
        .success();
    let written = std::fs::read_to_string(&keys).unwrap();
    assert_eq!(written.lines().count(), 3, "{written}");
    assert!(
        written
            .lines()
            .all(|l| l.starts_with("restrict,pty,command=\"") && l.contains(" station run ")),
        "{written}"
    );
    let sshd = start_sshd(&sshd_dir);

    // the window's PC: the console of window 1, even when it asks for a shell
    let mut console = connect(&sshd, &window_key, &["/bin/sh", "-c", "echo shell"]);
    assert!(
        console.wait_text("PIN", WAIT),
        "{}\n{}",
        console.contents(),
        std::fs::read_to_string(sshd_dir.join("sshd.log")).unwrap_or_default()
    );
    assert!(!console.contents().contains("shell"));
    console.send(b"asesor1\r1234\r");
    assert!(
        console.wait_text("F1 Turnos", WAIT),
        "{}",
        console.contents()
    );
    assert!(console.contents().contains("Ventanilla 1"));
    b.cli()
        .args(["turn", "issue", "--service", "R"])
        .assert()
        .success();
    // the TV shows the call the window makes
    let mut tv = connect(&sshd, &tv_key, &[]);
    assert!(
        tv.wait_until(WAIT, |s| s.contents().contains("llamado")),
        "{}",
        tv.contents()
    );
    console.send(b"n");
    assert!(
        console.wait_text("Turno R-001 llamado a la ventanilla 1", WAIT),
        "{}",
        console.contents()
    );
    assert!(
        tv.wait_until(WAIT, |s| s.contents().contains("NUEVO LLAMADO")),
        "{}",
        tv.contents()
    );

    // the kiosk station issues a turn
    let mut kiosk = connect(&sshd, &kiosk_key, &[]);
    assert!(
        kiosk.wait_text("¿Qué servicio necesita?", WAIT),
        "{}",
        kiosk.contents()
    );
    kiosk.send(b"r");
    assert!(
        kiosk.wait_text("Si desea, digite", WAIT),
        "{}",
        kiosk.contents()
    );
    kiosk.send(b"\r");
    kiosk.send(b"\r");
    assert!(
        kiosk.wait_until(WAIT, |s| s.contents().contains("antes que usted")
            || s.contents().contains("siguiente")),
        "{}",
        kiosk.contents()
    );
    let turns = b.cli().args(["turn", "list"]).output().unwrap();
    assert!(String::from_utf8_lossy(&turns.stdout).contains("R-002"));
    drop(kiosk);

    // the same station connects again (a dropped link, a restarted PC): the older session
    // ends, and after the PIN the console is back on the attention it had
    let mut again = connect(&sshd, &window_key, &[]);
    assert!(
        console.wait_exit(WAIT).is_some(),
        "the older session ended: {}",
        console.contents()
    );
    assert!(again.wait_text("PIN", WAIT), "{}", again.contents());
    again.send(b"asesor1\r1234\r");
    assert!(
        again.wait_until(WAIT, |s| s.contents().contains("R-001  llamado")),
        "{}",
        again.contents()
    );
    let mut console = again;

    // a key nobody registered: refused by sshd, no program, no shell
    let stranger = Command::new("ssh")
        .args(ssh_args(&sshd, &stranger_key))
        .arg("true")
        .output()
        .unwrap();
    assert!(!stranger.status.success());
    assert!(
        String::from_utf8_lossy(&stranger.stderr).contains("Permission denied"),
        "{}",
        String::from_utf8_lossy(&stranger.stderr)
    );

    // a removed station: a Spanish message on its screen, and the refusal audited
    b.cli()
        .args(["station", "remove", "tv-sala"])
        .assert()
        .success();
    drop(tv);
    let mut gone = connect(&sshd, &tv_key, &[]);
    assert!(
        gone.wait_text("ya no está registrado", WAIT),
        "{}",
        gone.contents()
    );
    let audit = b.cli().args(["audit", "list"]).output().unwrap();
    let audit = String::from_utf8_lossy(&audit.stdout).to_string();
    assert!(audit.contains("equipo: conexión"), "{audit}");
    assert!(audit.contains("equipo: conexión rechazada"), "{audit}");
    assert!(audit.contains("equipo V1 desde 127.0.0.1"), "{audit}");
    console.send(b"q");
    console.send(b"s");
}

/// The sshd block `station setup` prints (and `--write` installs) is one sshd accepts.
#[test]
fn the_printed_sshd_block_passes_sshd_own_check() {
    if !Path::new(SSHD).exists() {
        eprintln!("OMITIDA: no hay servidor OpenSSH ({SSHD}); .ci/run lo instala con apt-get");
        return;
    }
    let b = FileBranch::new(1);
    let out = b
        .cli()
        .args(["station", "setup", "--account", &me()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let block: String = text
        .lines()
        .skip_while(|l| !l.starts_with("Match User"))
        .take_while(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        block.contains("AuthorizedKeysCommand ") && block.contains("station authorized-keys %u")
    );
    let dir = b.path("sshd-check");
    std::fs::create_dir_all(&dir).unwrap();
    keygen(&dir.join("host_key"));
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {}\nHostKey {}/host_key\nUsePAM no\n{block}",
            free_port(),
            dir.display()
        ),
    )
    .unwrap();
    let _ = std::fs::create_dir_all("/run/sshd");
    let check = Command::new(SSHD)
        .arg("-t")
        .arg("-f")
        .arg(&config)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{block}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
