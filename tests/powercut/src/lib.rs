//! A SQLite VFS that simulates a power cut, for the durability test
//! (`tests/tests/power_loss.rs`).
//!
//! [`install`] registers `powercut` as the process's default VFS: a thin
//! wrapper of the platform's own (`unix`), through which every connection of
//! the process then opens its files, the app's `Db::open` included. For each
//! database and WAL file it keeps the file's bytes as of its last `xSync`
//! (what a disk holds for certain once the power goes) and the writes and
//! truncations since. [`power_off`] (or [`power_off_after`] a number of
//! writes and syncs, to cut in the middle of a commit or a checkpoint) stops
//! the machine: from then on every write, sync, truncation and deletion
//! fails and changes nothing. Once the connections are closed,
//! [`restore_after_cut`] puts each file back as the disk would hold it after
//! the cut: its bytes at the last sync, plus those unsynced writes `keep`
//! picks (none: every unsynced write is lost; some: the disk wrote part of
//! its cache, in any order); the shared-memory index (`-shm`, memory on a
//! real machine) is removed. A file never synced since it was created is
//! removed unless a kept write recreates it.
//!
//! It models file contents only: a directory entry (a file created or
//! deleted) is taken as durable at once.
#![allow(unsafe_code)]

use std::alloc::{Layout, alloc_zeroed, dealloc};
use std::collections::HashMap;
use std::ffi::{CStr, c_char, c_int, c_void};
use std::ptr;
use std::sync::{Mutex, MutexGuard, OnceLock};

use rusqlite::ffi;

/// A change made to a file since its last sync.
enum Op {
    Write { offset: u64, bytes: Vec<u8> },
    Truncate(u64),
}

#[derive(Default)]
struct Tracked {
    /// The bytes at the last sync (None: the file did not exist).
    synced: Option<Vec<u8>>,
    /// Every write and truncation since, in order.
    pending: Vec<Op>,
}

#[derive(Default)]
struct State {
    files: HashMap<String, Tracked>,
    off: bool,
    /// Writes and syncs left before the power goes off by itself.
    countdown: Option<u64>,
}

fn state() -> MutexGuard<'static, State> {
    static STATE: OnceLock<Mutex<State>> = OnceLock::new();
    STATE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

impl State {
    /// One write or sync: counts down to a cut set by [`power_off_after`].
    fn tick(&mut self) {
        if let Some(n) = self.countdown.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.off = true;
                self.countdown = None;
            }
        }
    }
}

/// The platform's VFS this one wraps.
static BASE: OnceLock<usize> = OnceLock::new();

fn base_vfs() -> *mut ffi::sqlite3_vfs {
    BASE.get().copied().unwrap_or(0) as *mut ffi::sqlite3_vfs
}

/// Register the `powercut` VFS as the default of this process (once).
pub fn install() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        // SAFETY: sqlite3_vfs_find(NULL) returns the default VFS, which lives
        // as long as the process; the copy is leaked, so it does too.
        unsafe {
            let base = ffi::sqlite3_vfs_find(ptr::null());
            assert!(!base.is_null(), "no default VFS");
            let _ = BASE.set(base as usize);
            let mut vfs: ffi::sqlite3_vfs = *base;
            vfs.pNext = ptr::null_mut();
            vfs.zName = c"powercut".as_ptr();
            vfs.szOsFile = std::mem::size_of::<File>() as c_int;
            vfs.xOpen = Some(x_open);
            vfs.xDelete = Some(x_delete);
            let vfs = Box::leak(Box::new(vfs));
            let rc = ffi::sqlite3_vfs_register(vfs, 1);
            assert_eq!(rc, ffi::SQLITE_OK, "registering the powercut VFS");
        }
    });
}

/// Forget every file seen so far (the start of a test), power on.
pub fn reset() {
    let mut s = state();
    s.files.clear();
    s.off = false;
    s.countdown = None;
}

/// The power goes off now.
pub fn power_off() {
    state().off = true;
}

/// The power goes off by itself after `n` more writes and syncs (n ≥ 1).
pub fn power_off_after(n: u64) {
    state().countdown = Some(n.max(1));
}

/// Whether the power is off.
pub fn is_off() -> bool {
    state().off
}

/// After a cut, with every connection closed: write each file as the disk
/// holds it (its bytes at its last sync, plus each unsynced write or
/// truncation `keep` says the disk got to), remove the shared-memory
/// indexes, forget the files, and power on.
pub fn restore_after_cut(keep: &mut dyn FnMut() -> bool) -> std::io::Result<()> {
    let mut s = state();
    for (path, t) in s.files.drain() {
        let mut image = t.synced;
        for op in t.pending {
            if !keep() {
                continue;
            }
            let bytes = image.get_or_insert_with(Vec::new);
            match op {
                Op::Write { offset, bytes: w } => {
                    let start = offset as usize;
                    if bytes.len() < start + w.len() {
                        bytes.resize(start + w.len(), 0);
                    }
                    bytes[start..start + w.len()].copy_from_slice(&w);
                }
                Op::Truncate(size) => bytes.truncate(size as usize),
            }
        }
        match image {
            Some(bytes) => std::fs::write(&path, bytes)?,
            None => match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            },
        }
        let _ = std::fs::remove_file(format!("{path}-shm"));
    }
    s.off = false;
    s.countdown = None;
    Ok(())
}

/// Our file: the platform's file it wraps, and the path it is tracked by.
#[repr(C)]
struct File {
    base: ffi::sqlite3_file,
    real: *mut ffi::sqlite3_file,
    real_layout: Layout,
    path: Option<Box<str>>,
}

static METHODS: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
    // Version 2: shared memory (WAL) but no memory-mapped reads, so every
    // page SQLite writes goes through xWrite.
    iVersion: 2,
    xClose: Some(x_close),
    xRead: Some(x_read),
    xWrite: Some(x_write),
    xTruncate: Some(x_truncate),
    xSync: Some(x_sync),
    xFileSize: Some(x_file_size),
    xLock: Some(x_lock),
    xUnlock: Some(x_unlock),
    xCheckReservedLock: Some(x_check_reserved_lock),
    xFileControl: Some(x_file_control),
    xSectorSize: Some(x_sector_size),
    xDeviceCharacteristics: Some(x_device_characteristics),
    xShmMap: Some(x_shm_map),
    xShmLock: Some(x_shm_lock),
    xShmBarrier: Some(x_shm_barrier),
    xShmUnmap: Some(x_shm_unmap),
    xFetch: None,
    xUnfetch: None,
};

/// The wrapped file and its methods.
unsafe fn real(
    f: *mut ffi::sqlite3_file,
) -> (*mut ffi::sqlite3_file, &'static ffi::sqlite3_io_methods) {
    // SAFETY: every file SQLite hands us was opened by x_open, which set
    // `real` to an open platform file with its methods.
    unsafe {
        let r = (*(f as *mut File)).real;
        (r, &*(*r).pMethods)
    }
}

unsafe fn path_of(f: *mut ffi::sqlite3_file) -> Option<String> {
    // SAFETY: as in `real`.
    unsafe { (*(f as *mut File)).path.as_deref().map(str::to_owned) }
}

unsafe extern "C" fn x_open(
    _vfs: *mut ffi::sqlite3_vfs,
    name: ffi::sqlite3_filename,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    // SAFETY: SQLite gives `file` szOsFile bytes (our File) to fill in; the
    // platform file gets its own allocation of the size its VFS asks for.
    unsafe {
        (*file).pMethods = ptr::null();
        let base = base_vfs();
        let Ok(layout) = Layout::from_size_align(((*base).szOsFile as usize).max(8), 16) else {
            return ffi::SQLITE_NOMEM;
        };
        let r = alloc_zeroed(layout) as *mut ffi::sqlite3_file;
        if r.is_null() {
            return ffi::SQLITE_NOMEM;
        }
        let Some(open) = (*base).xOpen else {
            dealloc(r as *mut u8, layout);
            return ffi::SQLITE_ERROR;
        };
        let rc = open(base, name, r, flags, out_flags);
        if rc != ffi::SQLITE_OK {
            if !(*r).pMethods.is_null()
                && let Some(close) = (*(*r).pMethods).xClose
            {
                close(r);
            }
            dealloc(r as *mut u8, layout);
            return rc;
        }
        let durable =
            ffi::SQLITE_OPEN_MAIN_DB | ffi::SQLITE_OPEN_WAL | ffi::SQLITE_OPEN_MAIN_JOURNAL;
        let path = if !name.is_null() && flags & durable != 0 {
            let p = CStr::from_ptr(name).to_string_lossy().into_owned();
            state().files.entry(p.clone()).or_insert_with(|| Tracked {
                synced: std::fs::read(&p).ok(),
                pending: Vec::new(),
            });
            Some(p.into_boxed_str())
        } else {
            None
        };
        ptr::write(
            file as *mut File,
            File {
                base: ffi::sqlite3_file { pMethods: &METHODS },
                real: r,
                real_layout: layout,
                path,
            },
        );
        ffi::SQLITE_OK
    }
}

unsafe extern "C" fn x_delete(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    sync_dir: c_int,
) -> c_int {
    if state().off {
        return ffi::SQLITE_IOERR_DELETE;
    }
    // SAFETY: the platform VFS, with the name SQLite gave us.
    unsafe {
        let base = base_vfs();
        let Some(delete) = (*base).xDelete else {
            return ffi::SQLITE_ERROR;
        };
        let rc = delete(base, name, sync_dir);
        if rc == ffi::SQLITE_OK && !name.is_null() {
            let p = CStr::from_ptr(name).to_string_lossy().into_owned();
            state().files.remove(&p);
        }
        rc
    }
}

unsafe extern "C" fn x_close(f: *mut ffi::sqlite3_file) -> c_int {
    // SAFETY: closes the platform file, frees it, and drops our File, which
    // SQLite never uses again.
    unsafe {
        let (r, m) = real(f);
        let rc = m.xClose.map_or(ffi::SQLITE_OK, |close| close(r));
        let me = f as *mut File;
        dealloc(r as *mut u8, (*me).real_layout);
        ptr::drop_in_place(me);
        rc
    }
}

unsafe extern "C" fn x_read(
    f: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    amt: c_int,
    off: ffi::sqlite3_int64,
) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xRead
            .map_or(ffi::SQLITE_IOERR_READ, |g| g(r, buf, amt, off))
    }
}

unsafe extern "C" fn x_write(
    f: *mut ffi::sqlite3_file,
    buf: *const c_void,
    amt: c_int,
    off: ffi::sqlite3_int64,
) -> c_int {
    let mut s = state();
    if s.off {
        return ffi::SQLITE_IOERR_WRITE;
    }
    // SAFETY: passed through to the platform file; `buf` holds `amt` bytes.
    unsafe {
        let (r, m) = real(f);
        let rc = m
            .xWrite
            .map_or(ffi::SQLITE_IOERR_WRITE, |g| g(r, buf, amt, off));
        if rc == ffi::SQLITE_OK
            && let Some(p) = path_of(f)
            && let Some(t) = s.files.get_mut(&p)
        {
            let bytes = std::slice::from_raw_parts(buf as *const u8, amt.max(0) as usize).to_vec();
            t.pending.push(Op::Write {
                offset: off.max(0) as u64,
                bytes,
            });
        }
        s.tick();
        rc
    }
}

unsafe extern "C" fn x_truncate(f: *mut ffi::sqlite3_file, size: ffi::sqlite3_int64) -> c_int {
    let mut s = state();
    if s.off {
        return ffi::SQLITE_IOERR_TRUNCATE;
    }
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        let rc = m
            .xTruncate
            .map_or(ffi::SQLITE_IOERR_TRUNCATE, |g| g(r, size));
        if rc == ffi::SQLITE_OK
            && let Some(p) = path_of(f)
            && let Some(t) = s.files.get_mut(&p)
        {
            t.pending.push(Op::Truncate(size.max(0) as u64));
        }
        rc
    }
}

unsafe extern "C" fn x_sync(f: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    let mut s = state();
    if s.off {
        return ffi::SQLITE_IOERR_FSYNC;
    }
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        let rc = m.xSync.map_or(ffi::SQLITE_IOERR_FSYNC, |g| g(r, flags));
        if rc == ffi::SQLITE_OK
            && let Some(p) = path_of(f)
            && let Some(t) = s.files.get_mut(&p)
        {
            // Everything written so far is on the disk now.
            t.synced = std::fs::read(&p).ok();
            t.pending.clear();
        }
        s.tick();
        rc
    }
}

unsafe extern "C" fn x_file_size(
    f: *mut ffi::sqlite3_file,
    size: *mut ffi::sqlite3_int64,
) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xFileSize.map_or(ffi::SQLITE_IOERR_FSTAT, |g| g(r, size))
    }
}

unsafe extern "C" fn x_lock(f: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xLock.map_or(ffi::SQLITE_IOERR_LOCK, |g| g(r, level))
    }
}

unsafe extern "C" fn x_unlock(f: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xUnlock.map_or(ffi::SQLITE_IOERR_UNLOCK, |g| g(r, level))
    }
}

unsafe extern "C" fn x_check_reserved_lock(f: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xCheckReservedLock
            .map_or(ffi::SQLITE_IOERR_CHECKRESERVEDLOCK, |g| g(r, out))
    }
}

unsafe extern "C" fn x_file_control(
    f: *mut ffi::sqlite3_file,
    op: c_int,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xFileControl
            .map_or(ffi::SQLITE_NOTFOUND, |g| g(r, op, arg))
    }
}

unsafe extern "C" fn x_sector_size(f: *mut ffi::sqlite3_file) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xSectorSize.map_or(4096, |g| g(r))
    }
}

unsafe extern "C" fn x_device_characteristics(f: *mut ffi::sqlite3_file) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xDeviceCharacteristics.map_or(0, |g| g(r))
    }
}

unsafe extern "C" fn x_shm_map(
    f: *mut ffi::sqlite3_file,
    region: c_int,
    size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xShmMap.map_or(ffi::SQLITE_IOERR_SHMMAP, |g| {
            g(r, region, size, extend, out)
        })
    }
}

unsafe extern "C" fn x_shm_lock(
    f: *mut ffi::sqlite3_file,
    offset: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xShmLock
            .map_or(ffi::SQLITE_IOERR_SHMLOCK, |g| g(r, offset, n, flags))
    }
}

unsafe extern "C" fn x_shm_barrier(f: *mut ffi::sqlite3_file) {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        if let Some(g) = m.xShmBarrier {
            g(r);
        }
    }
}

unsafe extern "C" fn x_shm_unmap(f: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    // SAFETY: passed through to the platform file.
    unsafe {
        let (r, m) = real(f);
        m.xShmUnmap.map_or(ffi::SQLITE_OK, |g| g(r, delete))
    }
}
