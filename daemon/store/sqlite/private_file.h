// The database holds minors' personal data, so whatever the store creates is private to the
// daemon's user: folders 0700, the file 0600. Existing folders and files are left as they are
// (the administrator chose their modes).
#pragma once

#include <filesystem>

namespace lobsync::store::sqlite {

// Creates the missing folders of file's parent (0700) and file itself, empty (0600), if it does
// not exist. SQLite gives its -wal and -shm files the mode of the database file. Throws
// StoreError naming the file and the reason.
void create_private_file(const std::filesystem::path& file);

}  // namespace lobsync::store::sqlite
