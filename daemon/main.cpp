// Wiring only: everything lives in lobsync_core.
#include "cli/cli.h"

int main(int argc, char** argv) { return lobsync::cli::run(argc, argv); }
