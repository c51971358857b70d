//! Files the program writes that can hold personal data (exports, reports, import error
//! lists, printer captures, backups, audit anchors): always readable and writable by their
//! owner only (mode 600), whatever the umask, and narrowed to 600 when they already existed.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// The permissions of every private file.
pub const PRIVATE_MODE: u32 = 0o600;

/// Creates `path` (or truncates it), owner-only.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    open_private(&options, path)
}

/// Creates `path`, owner-only, refusing to touch a file that already exists.
pub fn create_new_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    open_private(&options, path)
}

/// Opens `path` for appending, owner-only; creates it only when `create` is set.
pub fn append_private(path: &Path, create: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create(create);
    open_private(&options, path)
}

/// Writes `bytes` to `path` (created or truncated), owner-only.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = create_private(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Writes `bytes` to a new file at `path`, owner-only, refusing to touch one that exists.
pub fn write_new_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = create_new_private(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Narrows an existing file written by someone else (a crate that takes a path) to owner-only.
pub fn make_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(PRIVATE_MODE))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn open_private(options: &OpenOptions, path: &Path) -> io::Result<File> {
    let mut options = options.clone();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(PRIVATE_MODE);
    }
    let file = options.open(path)?;
    // the mode above applies only to new files (and is masked by the umask): set it outright
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(PRIVATE_MODE))?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn existing_open_files_are_narrowed_to_the_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, "a").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
        write_private(&path, b"b").unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(std::fs::read(&path).unwrap(), b"b");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        append_private(&path, false).unwrap();
        assert_eq!(mode(&path), 0o600);
        assert!(create_new_private(&path).is_err(), "never overwrites");
        assert!(append_private(&dir.path().join("no"), false).is_err());
    }
}
