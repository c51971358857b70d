#!/usr/bin/env python3
"""A branch of 20 stations over loopback SSH, for a few minutes: 16 consoles calling,
attending and finishing turns by scripted keys, a kiosk issuing turns, a display and 2 rating
devices. Checks that every turn was called once and none was lost, and prints the CPU and
memory of the server-side processes per station.

usage: scripts/stations_load.py BINARY [SECONDS]     (needs /usr/sbin/sshd and ssh)
  e.g. scripts/stations_load.py target/release/ventanilla 180
"""
import os, pty, select, signal, socket, sqlite3, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1])
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 120
work = tempfile.mkdtemp(prefix="ventanilla-carga-")
db = os.path.join(work, "sede.sqlite3")
config = os.path.join(work, "ventanilla.toml")
# the load calls again at once: the attention record is not asked between turns
with open(config, "w") as f:
    f.write("[attention]\nrecord_required = false\n")
env = dict(os.environ, VENTANILLA_PIN_COSTE="pruebas")


def cli(*args, stdin=None):
    return subprocess.run([binary, "--db", db, "--config", config, *args], input=stdin,
                          capture_output=True, text=True, env=env, check=True).stdout


def keygen(name):
    path = os.path.join(work, name)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path], check=True)
    return path, open(path + ".pub").read().strip()


cli("init", "--branch", "Sede de carga", "--admin", "admin", stdin="1234\n1234\n")
for w in range(1, 17):
    cli("user", "add", f"asesor{w}", "--name", f"Asesor {w}", "--role", "asesor", stdin="1234\n")
    if w > 4:
        cli("window", "add", str(w), "--services", "R,A,E")
    else:
        cli("window", "set", str(w), "--services", "R,A,E")
stations = [(f"V{w}", ["--mode", "consola", "--window", str(w)]) for w in range(1, 17)]
stations += [("atril", ["--mode", "quiosco"]), ("tv", ["--mode", "pantalla"]),
             ("cal1", ["--mode", "calificacion", "--window", "1"]),
             ("cal2", ["--mode", "calificacion", "--window", "2"])]
keys = {}
for name, args in stations:
    path, public = keygen(name)
    keys[name] = path
    cli("station", "add", name, *args, "--key", public)
authorized = os.path.join(work, "authorized_keys")
cli("station", "write-keys", "--file", authorized)

host, _ = keygen("host_key")
s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
sshd_config = os.path.join(work, "sshd_config")
with open(sshd_config, "w") as f:
    f.write(f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host}\nPidFile {work}/sshd.pid\n"
            f"AuthorizedKeysFile {authorized}\nStrictModes no\nPasswordAuthentication no\n"
            "UsePAM no\nPermitRootLogin prohibit-password\nMaxStartups 64\nMaxSessions 64\n"
            "SetEnv VENTANILLA_PIN_COSTE=pruebas\nLogLevel ERROR\n")
os.makedirs("/run/sshd", exist_ok=True) if os.geteuid() == 0 else None
sshd = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", sshd_config])
time.sleep(0.5)
user = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()


def connect(name):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp("ssh", ["ssh", "-tt", "-i", keys[name], "-p", str(port), "-o",
                          "StrictHostKeyChecking=no", "-o", f"UserKnownHostsFile={work}/kh",
                          "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o",
                          "LogLevel=ERROR", f"{user}@127.0.0.1"])
    return pid, fd


sessions = {name: connect(name) for name, _ in stations}


received = {}  # bytes each station's session carried to its device


def drain(timeout=0.05):
    fds = [fd for _, fd in sessions.values()]
    ready, _, _ = select.select(fds, [], [], timeout)
    for fd in ready:
        try:
            received[fd] = received.get(fd, 0) + len(os.read(fd, 65536))
        except OSError:
            pass


def send(name, keys_):
    os.write(sessions[name][1], keys_)


end = time.time() + 5
while time.time() < end:
    drain()
for w in range(1, 17):
    send(f"V{w}", f"asesor{w}\r".encode())
    drain(0.1)
    send(f"V{w}", b"1234\r")
end = time.time() + 5
while time.time() < end:
    drain()

received.clear()
start = time.time()
step = 0
cycle = [b"\x1bOPn", b"a", b"f", b"\x1b", b"\x1bOS5"]  # F1 n, a, f, Esc (no record), F4 5
while time.time() < start + seconds:
    # a key to leave the last ticket, the service letter, no document, no preference
    for key in (b"x", b"r", b"\r", b"\r"):
        send("atril", key)
        drain(0.05)
    for w in range(1, 17):
        send(f"V{w}", cycle[step % len(cycle)])
    step += 1
    t = time.time() + 0.25
    while time.time() < t:
        drain()


def usage():
    """(processes, CPU seconds, resident KB) of the server side: `ventanilla ... station run`."""
    tick = os.sysconf("SC_CLK_TCK")
    n, cpu, rss = 0, 0.0, 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()
            if "station run" not in cmd or binary not in cmd:
                continue
            stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            cpu += (int(stat[11]) + int(stat[12])) / tick
            rss += int(stat[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
            n += 1
        except OSError:
            continue
    return n, cpu, rss


n, cpu, rss = usage()
elapsed = time.time() - start
per_minute = {name: received.get(fd, 0) * 60 / elapsed for name, (_, fd) in sessions.items()}
for pid, fd in sessions.values():
    os.kill(pid, signal.SIGTERM)
sshd.terminate()
time.sleep(1)

c = sqlite3.connect(db)
issued = c.execute("SELECT count(*) FROM turns WHERE seq IS NOT NULL").fetchone()[0]
calls = c.execute("SELECT turn, count(*) FROM turn_events WHERE kind = 'call' GROUP BY turn").fetchall()
twice = [t for t, k in calls if k > 1]
states = dict(c.execute("SELECT status, count(*) FROM turns GROUP BY status").fetchall())
accounted = sum(states.values())
print(f"{elapsed:.0f} s, {n} station processes: CPU {cpu:.1f} s in all ({cpu / max(n, 1) / elapsed * 100:.1f}% of a core per station), "
      f"memory {rss / max(n, 1) / 1024:.1f} MB per station")
consoles = sum(per_minute[f"V{w}"] for w in range(1, 17)) / 16
print(f"bytes per minute to the device while busy: display {per_minute['tv']:.0f}, "
      f"a console {consoles:.0f} on average, kiosk {per_minute['atril']:.0f}")
print(f"turns issued {issued}, by status {states}; called more than once: {len(twice)}; "
      f"lost: {issued - accounted}")
sys.exit(1 if twice or issued != accounted else 0)
