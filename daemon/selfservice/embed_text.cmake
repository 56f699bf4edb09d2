# Writes OUT, a C++ file defining `std::string_view lobsync::selfservice::FUNCTION()` that returns
# the text of IN byte for byte, as a raw string literal. Run at build time (cmake -P) by the
# custom command in CMakeLists.txt, which depends on IN, so editing IN rebuilds the binary.
# Usage: cmake -DIN=file -DOUT=file.cpp -DHEADER=dir/x.h -DFUNCTION=name -P embed_text.cmake
set(delimiter "lobsync_embed")
file(READ "${IN}" text)
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} holds the raw string delimiter )${delimiter}\" and cannot be embedded")
endif()
file(WRITE "${OUT}"
  "// Generated from ${IN} by embed_text.cmake; edit that file, not this one.\n"
  "#include \"${HEADER}\"\n\n"
  "namespace lobsync::selfservice {\n\n"
  "std::string_view ${FUNCTION}() {\n"
  "  static constexpr std::string_view kText = R\"${delimiter}(${text})${delimiter}\";\n"
  "  return kText;\n"
  "}\n\n"
  "}  // namespace lobsync::selfservice\n")
