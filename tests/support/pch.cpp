// Anchors the shared precompiled header of the test binaries; never run.
int main() { return 0; }
