#ifndef JOINTLY_CSQLITESETTINGS_H
#define JOINTLY_CSQLITESETTINGS_H

/// Process-wide SQLite settings that Swift cannot make itself (`sqlite3_config` is
/// variadic). Takes effect only before SQLite's first use; returns SQLite's result code.
int jointly_sqlite_configure(void);

#endif
