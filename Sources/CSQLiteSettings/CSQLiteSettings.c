#include <sqlite3.h>
#include "CSQLiteSettings.h"

int jointly_sqlite_configure(void) {
    // GRDB serialises every use of a connection itself, so SQLite's own per-call
    // connection mutex is pure cost (the multi-thread mode GRDB supports); and SQLite's
    // memory statistics take a global mutex on every allocation.
    int result = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    if (result != SQLITE_OK) return result;
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
