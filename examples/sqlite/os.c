/* os.c: the operating-system layer of the SQLite example, built with
 * -DSQLITE_OS_OTHER=1 instead of SQLite's unix VFS.
 *
 * A standalone .wasm has no file system: SQLite's unix VFS would import some
 * twenty Emscripten syscalls (open, stat, fchmod, ...) that no host provides.
 * This VFS ("memory") opens no files at all: databases are ':memory:' (and
 * temporary tables live in memory, SQLITE_TEMP_STORE=3), every other open
 * fails cleanly with SQLITE_CANTOPEN. What it does provide is the clock
 * (WASI clock_time_get), sleep (a no-op) and the seed of SQLite's PRNG, drawn
 * from the clocks as SQLite's unix VFS does without /dev/urandom (Emscripten
 * 3.1.6's getentropy is an env import of its own JS, which a standalone build
 * does not have).
 * SQLite calls sqlite3_os_init from sqlite3_initialize. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdint.h>
#include <time.h>
#include "sqlite3.h"

static int memOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags,
                   int *outFlags) {
  (void)vfs, (void)name, (void)flags, (void)outFlags;
  file->pMethods = 0; /* nothing to close */
  return SQLITE_CANTOPEN;
}

static int memDelete(sqlite3_vfs *vfs, const char *name, int syncDir) {
  (void)vfs, (void)name, (void)syncDir;
  return SQLITE_IOERR_DELETE;
}

static int memAccess(sqlite3_vfs *vfs, const char *name, int flags, int *out) {
  (void)vfs, (void)name, (void)flags;
  *out = 0;
  return SQLITE_OK;
}

static int memFullPathname(sqlite3_vfs *vfs, const char *name, int n, char *out) {
  (void)vfs;
  sqlite3_snprintf(n, out, "%s", name);
  return SQLITE_OK;
}

static int memRandomness(sqlite3_vfs *vfs, int n, char *out) {
  (void)vfs;
  struct timespec real, mono;
  clock_gettime(CLOCK_REALTIME, &real);
  clock_gettime(CLOCK_MONOTONIC, &mono);
  uint64_t x = (uint64_t)real.tv_sec * 1000000000u + (uint64_t)real.tv_nsec;
  x ^= ((uint64_t)mono.tv_sec * 1000000000u + (uint64_t)mono.tv_nsec) << 17;
  for (int i = 0; i < n; i++) { /* splitmix64 */
    uint64_t z = (x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    out[i] = (char)(z ^ (z >> 31));
  }
  return n;
}

static int memSleep(sqlite3_vfs *vfs, int microseconds) {
  (void)vfs;
  return microseconds;
}

/* Milliseconds since the Julian epoch (-4713-11-24 12:00 UTC). */
static int memCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *out) {
  (void)vfs;
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  *out = (sqlite3_int64)210866760000000LL + (sqlite3_int64)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
  return SQLITE_OK;
}

static int memCurrentTime(sqlite3_vfs *vfs, double *out) {
  sqlite3_int64 ms;
  memCurrentTimeInt64(vfs, &ms);
  *out = (double)ms / 86400000.0;
  return SQLITE_OK;
}

static int memGetLastError(sqlite3_vfs *vfs, int n, char *out) {
  (void)vfs;
  if (n > 0) out[0] = 0;
  return 0;
}

static sqlite3_vfs memVfs = {
  .iVersion = 2,
  .szOsFile = (int)sizeof(sqlite3_file),
  .mxPathname = 512,
  .zName = "memory",
  .xOpen = memOpen,
  .xDelete = memDelete,
  .xAccess = memAccess,
  .xFullPathname = memFullPathname,
  .xRandomness = memRandomness,
  .xSleep = memSleep,
  .xCurrentTime = memCurrentTime,
  .xGetLastError = memGetLastError,
  .xCurrentTimeInt64 = memCurrentTimeInt64,
};

int sqlite3_os_init(void) {
  return sqlite3_vfs_register(&memVfs, 1);
}

int sqlite3_os_end(void) {
  return SQLITE_OK;
}
