// Conversation records as mentors submit them (daemon/records/record_check.cpp: check_record,
// the body of POST /api/v1/meetings/{id}/record and of the record form). The input is the body.
//
// Invariants: it never throws; the status is 0 exactly when there is no error, 400 only for a
// body that is not a JSON object of acceptable size or holds a value that cannot be read, else 422; every error names its field as
// a JSON pointer into the body: the value itself, or (for a required one that is missing) a
// place in an object the body has.
#include "fuzz_support.hpp"

#include "records/record_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto checked = lobsync::records::check_record(fuzz::as_text(data, size));
  fuzz::check((checked.status == 0) == checked.errors.empty(), "status 0 exactly when there is no error");
  fuzz::check(checked.status == 0 || checked.status == 400 || checked.status == 422, "status 0, 400 or 422");
  if (checked.status == 400) {
    // The body as a whole, or the value that could not be read (a number beyond a double).
    fuzz::check(checked.errors.size() == 1 && (checked.errors[0].field.empty() || checked.errors[0].field.starts_with('/')),
                "a 400 names the body or the value that could not be read");
    return 0;
  }
  fuzz::check(checked.body.is_object(), "a checked body is an object");
  for (const auto& error : checked.errors) {
    fuzz::check(!error.message.empty(), "an error says what is wrong", error.field);
    fuzz::check(error.field.starts_with('/'), "an error names a field", error.field);
    nlohmann::json::json_pointer pointer;
    try {
      pointer = nlohmann::json::json_pointer(error.field);
    } catch (const nlohmann::json::exception&) {
      fuzz::fail("an error's field is a valid JSON pointer", error.field);
    }
    const bool names_value = checked.body.contains(pointer);
    const bool names_place = checked.body.contains(pointer.parent_pointer()) && checked.body.at(pointer.parent_pointer()).is_object();
    fuzz::check(names_value || names_place, "an error's pointer leads into the body", error.field);
  }
  return 0;
}
