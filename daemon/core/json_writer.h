// Writes JSON text straight into a string, member by member, for documents written by the
// hundred thousand: a plan of 50,000 students queues some 340,000 invitation recipes, and building
// a nlohmann tree for each, writing it out and freeing it again cost a third of the plan's time.
// The text is compact and keeps the order the caller writes; strings are UTF-8, a byte that is
// not becomes U+FFFD (as nlohmann's dump with error_handler_t::replace does), so the text is
// always valid JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync {

class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  // Inside an object: the member's name, before its value.
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(bool flag);

  // A member, written only when it says something: documents leave out empty text and false.
  JsonWriter& member(std::string_view name, std::string_view text) { return key(name).value(text); }
  JsonWriter& member_nonempty(std::string_view name, std::string_view text);
  JsonWriter& member_if(std::string_view name, bool flag);

  // The finished text; the writer is empty afterwards.
  std::string take();

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  void before_value();
  void write_string(std::string_view text);

  std::string out_;
  // Per open object or array: whether a member was written in it yet (for the commas).
  std::vector<bool> has_members_;
  bool after_key_ = false;
};

}  // namespace lobsync
