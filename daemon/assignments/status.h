// A meeting's home assignment as the mentor and the other parts of the daemon see it: its
// template, whether it is done, and the answer. Read at the moment of asking, never cached.
#pragma once

#include "config/config.h"
#include "domain/meeting.h"
#include "store/store.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::messaging {
class Translations;
}

namespace lobsync::assignments {

// The template the meeting's assignment uses: the one it was done with, else the configured
// one for its type; nullopt when the meeting has no assignment.
std::optional<std::string> meeting_template(store::Store& store, const config::Config& config,
                                            const domain::Meeting& meeting);

// {"template","status":"open"|"done","done_at","done_by" (role),"answer"}, or null when the
// meeting has no assignment. done_at/done_by are null while open.
nlohmann::json assignment_json(store::Store& store, const config::Config& config, const domain::Meeting& meeting);

// Whether this participant marked the meeting's assignment done or answered it: a response,
// for the parents' call list.
bool assignment_done_by(store::Store& store, std::string_view meeting_id, std::string_view participant_key);

// Lines for the mentor's calendar copy: the assignment's status and answer (none when the
// meeting has no assignment), in the mentor's language.
std::vector<std::string> mentor_lines(store::Store& store, const config::Config& config,
                                      const messaging::Translations& translations, const domain::Meeting& meeting,
                                      std::string_view language);

}  // namespace lobsync::assignments
