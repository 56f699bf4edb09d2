// AdultChoiceStore over the SqliteStore's connection; shares its mutex.
#pragma once

#include "store/adult_choice_store.h"
#include "store/sqlite/database.h"

#include <mutex>

namespace lobsync::store::sqlite {

class SqliteAdultChoiceStore final : public AdultChoiceStore {
 public:
  SqliteAdultChoiceStore(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  std::map<std::pair<std::string, std::string>, AdultChoice> adult_choices(std::string_view school_year) override;
  std::optional<AdultChoice> adult_choice(std::string_view student, std::string_view type,
                                          std::string_view school_year) override;
  bool mark_asked(std::string_view student, std::string_view type, std::string_view school_year, Instant now) override;
  void answer(std::string_view student, std::string_view type, std::string_view school_year, AdultAnswer answer,
              Instant now) override;

 private:
  Database& db_;
  std::mutex& mutex_;
};

}  // namespace lobsync::store::sqlite
