//! A real PostgreSQL server for the tests, from the machine's Debian packages: `initdb` in a
//! temporary folder, the server on a free loopback port, one fresh database per test.
//!
//! The server runs under a small shell that waits on a pipe from this process: when the test
//! process ends, however it ends, the pipe closes and the shell stops the server and deletes
//! its folder. As root (CI) the server runs as the `postgres` user, since PostgreSQL refuses
//! to run as root.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

pub const USER: &str = "lianghui";
pub const PASSWORD: &str = "test-secret";
/// A role the server admits over TLS only.
pub const TLS_ONLY_USER: &str = "tls_only";

pub struct PgServer {
    pub port: u16,
    /// The certificate (PEM) of the authority that signed the server's certificate.
    pub ca_file: PathBuf,
    /// A certificate of another authority, which did not.
    pub other_ca_file: PathBuf,
    // Held open for the life of the process; its closing stops the server.
    _guard: Mutex<Child>,
}

static SERVER: OnceLock<PgServer> = OnceLock::new();
static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

/// The test server, started on first use.
pub fn server() -> &'static PgServer {
    SERVER.get_or_init(start)
}

impl PgServer {
    /// The address of a database of this server with the given user and password.
    pub fn url_as(&self, user: &str, password: &str, db: &str) -> String {
        format!("postgres://{user}:{password}@127.0.0.1:{}/{db}", self.port)
    }

    /// A new empty database, for one test.
    pub fn fresh_database(&self) -> String {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin =
            postgres::Client::connect(&self.url_as(USER, PASSWORD, "postgres"), postgres::NoTls)
                .expect("the test server accepts its superuser");
        admin
            .batch_execute(&format!(
                "CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"
            ))
            .unwrap();
        self.url_as(USER, PASSWORD, &name)
    }
}

/// Where the server programs are: `$LIANGHUI_PG_BIN`, else the newest version Debian
/// installed under /usr/lib/postgresql, else the PATH.
fn bin(name: &str) -> PathBuf {
    if let Ok(dir) = std::env::var("LIANGHUI_PG_BIN") {
        return Path::new(&dir).join(name);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse().ok()?;
            let p = e.path().join("bin").join(name);
            p.exists().then_some((v, p))
        })
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, p)| p)
        .unwrap_or_else(|| PathBuf::from(name))
}

/// A certificate authority, and a server certificate it signs for `127.0.0.1` and
/// `localhost`: (CA PEM, server certificate PEM, server key PEM).
fn certificates() -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "lianghui test authority");
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
        .unwrap()
        .signed_by(&key, &ca)
        .unwrap();
    (ca.pem(), server.pem(), key.serialize_pem())
}

/// The user the server runs as when this process is root: (uid, gid).
fn server_user() -> Option<(u32, u32)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid: u32 = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    if uid != 0 {
        return None;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    let entry = |name: &str| {
        passwd.lines().find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 3 && f[0] == name).then(|| (f[2].parse().ok(), f[3].parse().ok()))
        })
    };
    match entry("postgres").or_else(|| entry("nobody")) {
        Some((Some(u), Some(g))) => Some((u, g)),
        _ => panic!("running as root, and there is no postgres or nobody user to run PostgreSQL"),
    }
}

fn as_server_user(cmd: &mut Command, user: Option<(u32, u32)>) -> &mut Command {
    if let Some((uid, gid)) = user {
        cmd.uid(uid).gid(gid);
    }
    cmd
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start() -> PgServer {
    let user = server_user();
    let root = tempfile::Builder::new()
        .prefix("lianghui-pg-")
        .tempdir()
        .unwrap()
        .keep();
    let data = root.join("data");
    std::fs::create_dir(&data).unwrap();
    let pwfile = root.join("pw");
    std::fs::write(&pwfile, PASSWORD).unwrap();
    if let Some((uid, gid)) = user {
        for p in [&root, &data, &pwfile] {
            std::os::unix::fs::chown(p, Some(uid), Some(gid)).unwrap();
        }
    }
    let initdb = bin("initdb");
    let out = as_server_user(&mut Command::new(&initdb), user)
        .current_dir(&root)
        .args(["-D", data.to_str().unwrap(), "-U", USER, "--pwfile"])
        .arg(&pwfile)
        .args([
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ])
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} ({e}): the PostgreSQL tests need Debian's postgresql package \
                 (`apt-get install postgresql`; .ci/run installs it)",
                initdb.display()
            )
        });
    assert!(
        out.status.success(),
        "initdb failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // TLS: the server's certificate and key beside its data (the key readable by the server's
    // user alone, as PostgreSQL demands); the authority's certificate for the clients.
    let (ca, cert, key) = certificates();
    let ca_file = root.join("ca.pem");
    std::fs::write(&ca_file, ca).unwrap();
    let other_ca_file = root.join("other-ca.pem");
    std::fs::write(&other_ca_file, certificates().0).unwrap();
    std::fs::write(data.join("server.crt"), cert).unwrap();
    std::fs::write(data.join("server.key"), key).unwrap();
    std::fs::set_permissions(
        data.join("server.key"),
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    // One role may only come in over TLS; the rules before initdb's own ones decide for it.
    let hba = data.join("pg_hba.conf");
    let rules = std::fs::read_to_string(&hba).unwrap();
    std::fs::write(
        &hba,
        format!(
            "hostnossl all {TLS_ONLY_USER} 127.0.0.1/32 reject\n\
             hostssl all {TLS_ONLY_USER} 127.0.0.1/32 scram-sha-256\n{rules}"
        ),
    )
    .unwrap();
    if let Some((uid, gid)) = user {
        for f in ["server.crt", "server.key", "pg_hba.conf"] {
            std::os::unix::fs::chown(data.join(f), Some(uid), Some(gid)).unwrap();
        }
    }
    let port = free_port();
    let script = r#"
"$1" -D "$2" -p "$3" -k "$2" -c listen_addresses=127.0.0.1 -c fsync=off \
    -c max_connections=200 -c ssl=on -c ssl_cert_file=server.crt \
    -c ssl_key_file=server.key >"$4/log" 2>&1 &
pid=$!
read -r _ || true
kill -INT "$pid" 2>/dev/null
wait "$pid"
rm -rf "$4"
"#;
    let child = as_server_user(&mut Command::new("sh"), user)
        .current_dir(&root)
        .arg("-c")
        .arg(script)
        .arg("pg-guard")
        .arg(bin("postgres"))
        .arg(&data)
        .arg(port.to_string())
        .arg(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sh runs");
    let server = PgServer {
        port,
        ca_file,
        other_ca_file,
        _guard: Mutex::new(child),
    };
    let started = std::time::Instant::now();
    loop {
        match postgres::Client::connect(&server.url_as(USER, PASSWORD, "postgres"), postgres::NoTls)
        {
            Ok(_) => return server,
            Err(e) if started.elapsed().as_secs() < 60 => {
                let _ = e;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(e) => {
                let mut log = String::new();
                let _ =
                    std::fs::File::open(root.join("log")).map(|mut f| f.read_to_string(&mut log));
                panic!("the test PostgreSQL did not start: {e}\n{log}");
            }
        }
    }
}
