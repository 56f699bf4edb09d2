// The process's limit of open files. Every connection the HTTP server holds is one, and the
// default soft limit (1,024 under systemd) is far below the hard one, so `serve` raises it at
// start; the server then keeps its connections within what is left.
#pragma once

#include <cstddef>
#include <string>

namespace lobsync {

// The soft RLIMIT_NOFILE in force; SIZE_MAX when unlimited.
std::size_t open_files_limit();

// Raises the soft limit to the hard one. Returns a line for the log saying what changed ("" when
// nothing did, an explanation when raising failed); never throws.
std::string raise_open_files_limit();

}  // namespace lobsync
