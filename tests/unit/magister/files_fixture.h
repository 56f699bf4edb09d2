// A scratch copy of tests/data/magister/school for the files-mode tests, with one file swapped
// for the variant a test wants to feed in.
#pragma once

#include "magister_fixture.h"

namespace lobsync::magister_test {

class MagisterFilesTest : public MagisterTest {
 protected:
  MagisterFilesTest() {
    for (const char* name : {"leerlingen.csv", "personeel.csv", "ouders.csv", "mentoren.csv"}) {
      std::filesystem::copy_file(test::source_dir() / "tests/data/magister/school" / name, dir_ / name);
    }
  }

  json settings() const { return {{"mode", "files"}, {"folder", dir_.path().string()}}; }
  void write(const std::string& name, const std::string& bytes) const { test::write_file(dir_ / name, bytes); }

  // A students file with the default header and the given rows, CRLF line ends.
  static std::string students(const std::vector<std::string>& rows, bool final_newline = true) {
    std::string text = std::string(kStudentHeader);
    for (const auto& r : rows) text += "\r\n" + r;
    return final_newline ? text + "\r\n" : text;
  }

  static constexpr const char* kStudentHeader =
      "stamnr_str;Roepnaam;Tussenv;Achternaam;geb_datum_str;Email;Klas;Studie;Leerfase.Leerjaar";
  // The committed ouders.csv and mentoren.csv refer to these four students and their classes.
  static std::vector<std::string> good_rows() {
    return {"2001;Zoe;van;Dijk;2012-03-04;2001@leerling.example;2H1;havo 2;2",
            "2002;Emre;;Ozdemir;01-09-2011;2002@leerling.example;2V1;vwo 2;2",
            "2003;Elif;;Ozdemir;15-01-2013;2003@leerling.example;1K1;kader 1;1",
            "2004;Sam;;Bakker;02-02-2000;2004@leerling.example;2H1;havo 2;2"};
  }

  test::ScratchDir dir_;
};

}  // namespace lobsync::magister_test
