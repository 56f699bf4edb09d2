#pragma once

namespace lobsync::cli {

// Parses the command line and runs the chosen subcommand; returns the exit code.
int run(int argc, char** argv);

}  // namespace lobsync::cli
