//! A throwaway PostgreSQL cluster for the central tests: `initdb` and `pg_ctl` from the
//! distribution's packages, in a temporary directory, on a free loopback port. As root (CI),
//! the cluster runs as the `postgres` account the package creates. Where PostgreSQL is not
//! installed, [`Pg::start`] says so and returns `None`, and the test skips.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running cluster; stopped and removed when dropped.
pub struct Pg {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    as_postgres: bool,
}

fn bindir() -> Option<PathBuf> {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let p = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if p.join("initdb").exists() {
            return Some(p);
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    found.sort();
    found.pop()
}

/// A free TCP port on the loopback interface.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn is_root() -> bool {
    nix::unistd::Uid::effective().is_root()
}

impl Pg {
    /// Starts a cluster with a `ventanilla` superuser (trust on loopback) and a `central`
    /// database; `None` when PostgreSQL is not installed.
    pub fn start() -> Option<Pg> {
        let Some(bin) = bindir() else {
            eprintln!(
                "PostgreSQL no está instalado (no se encontró initdb): se omite esta prueba. \
                 Instálelo con `apt-get install postgresql`."
            );
            return None;
        };
        let dir = tempfile::TempDir::new().unwrap();
        let as_postgres = is_root();
        if as_postgres {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(status.success(), "chown to postgres failed");
        }
        let pg = Pg {
            dir,
            bin,
            port: free_port(),
            as_postgres,
        };
        let data = pg.data();
        pg.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "ventanilla",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        pg.start_server();
        pg.sql("postgres", "CREATE DATABASE central");
        Some(pg)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let exe = self.bin.join(tool);
        let out = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&exe)
                .args(args)
                .output()
                .unwrap()
        } else {
            Command::new(&exe).args(args).output().unwrap()
        };
        assert!(
            out.status.success(),
            "{tool} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts (or restarts after [`Pg::stop`]) the server, waiting until it accepts.
    pub fn start_server(&self) {
        let data = self.data();
        let log = self.dir.path().join("log");
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off \
             -c max_connections=200",
            self.port,
            self.dir.path().display()
        );
        self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-o",
                &opts,
                "-w",
                "start",
            ],
        );
    }

    /// Stops the server at once (as a crash or a power cut would).
    pub fn stop(&self) {
        let data = self.data();
        self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }

    /// The URL of database `db`.
    pub fn url(&self, db: &str) -> String {
        format!("postgresql://ventanilla@127.0.0.1:{}/{db}", self.port)
    }

    /// A client on database `db`.
    pub fn client(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.url(db), postgres::NoTls).unwrap()
    }

    /// Runs `sql` on `db`.
    pub fn sql(&self, db: &str, sql: &str) {
        self.client(db).batch_execute(sql).unwrap();
    }

    /// Turns TLS on with this certificate and key (PEM), as PostgreSQL wants the files: in the
    /// data directory, the key readable by the server's account only.
    pub fn enable_tls(&self, cert: &str, key: &str) {
        use std::os::unix::fs::PermissionsExt;
        let data = self.data();
        for (name, text) in [("server.crt", cert), ("server.key", key)] {
            let path = data.join(name);
            std::fs::write(&path, text).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            if self.as_postgres {
                let ok = Command::new("chown")
                    .arg("postgres:postgres")
                    .arg(&path)
                    .status()
                    .unwrap();
                assert!(ok.success());
            }
        }
        self.sql("postgres", "ALTER SYSTEM SET ssl = on");
        self.sql("postgres", "SELECT pg_reload_conf()");
    }

    /// Makes `user` (created with `password`) authenticate by password (scram) on loopback.
    pub fn require_password(&self, user: &str, password: &str) {
        self.sql(
            "postgres",
            &format!("CREATE ROLE {user} LOGIN PASSWORD '{password}'"),
        );
        let hba = self.data().join("pg_hba.conf");
        let old = std::fs::read_to_string(&hba).unwrap();
        std::fs::write(
            &hba,
            format!("host all {user} 127.0.0.1/32 scram-sha-256\n{old}"),
        )
        .unwrap();
        self.sql("postgres", "SELECT pg_reload_conf()");
    }

    /// The cluster's directory.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let data = self.data();
        let exe = self.bin.join("pg_ctl");
        let args = ["-D", data.to_str().unwrap_or(""), "-m", "immediate", "stop"];
        let _ = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&exe)
                .args(args)
                .output()
        } else {
            Command::new(&exe).args(args).output()
        };
    }
}

/// Every record of every kind that goes up from the branch `code` (its `store`) is at central
/// with the same content, and central holds nothing else of that branch; `all_branches`: the
/// check covers central's whole tables (one branch only).
pub fn assert_mirrored(pg: &Pg, code: &str, store: &ventanilla::store::Store, all_branches: bool) {
    use ventanilla::central::kinds;
    let mut c = pg.client("central");
    for kind in kinds::KINDS {
        let local = ventanilla::store::sync::all_rows(
            store.conn(),
            kind.name,
            kind.only,
            &kinds::omitted(kind, false),
        )
        .unwrap();
        let sql = if all_branches {
            format!(
                "SELECT row FROM {} WHERE $1::text IS NOT NULL ORDER BY branch, id",
                kind.name
            )
        } else {
            format!(
                "SELECT row FROM {} WHERE branch = $1 ORDER BY id",
                kind.name
            )
        };
        let central: Vec<serde_json::Value> = c
            .query(&sql, &[&code])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(central.len(), local.len(), "{} of {code}: count", kind.name);
        assert!(central == local, "{} of {code}: content differs", kind.name);
    }
}
