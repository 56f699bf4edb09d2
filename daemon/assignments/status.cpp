#include "assignments/status.h"

#include "messaging/assignment_templates.h"
#include "core/iso_time.h"
#include "messaging/translations.h"

namespace lobsync::assignments {

using nlohmann::json;

std::optional<std::string> meeting_template(store::Store& store, const config::Config& config,
                                            const domain::Meeting& meeting) {
  if (const auto state = store.assignments().assignment(meeting.id)) return state->template_id;
  return config.assignments.template_for(meeting.type);
}

json assignment_json(store::Store& store, const config::Config& config, const domain::Meeting& meeting) {
  const auto state = store.assignments().assignment(meeting.id);
  const auto id = state ? std::optional(state->template_id) : config.assignments.template_for(meeting.type);
  if (!id) return nullptr;
  if (!state) return {{"template", *id}, {"status", "open"}, {"done_at", nullptr}, {"done_by", nullptr}, {"answer", ""}};
  return {{"template", *id},
          {"status", "done"},
          {"done_at", iso_utc(state->done_at)},
          {"done_by", state->done_by_role},
          {"answer", state->answer}};
}

bool assignment_done_by(store::Store& store, std::string_view meeting_id, std::string_view participant_key) {
  return store.assignments().responded(meeting_id, participant_key);
}

std::vector<std::string> mentor_lines(store::Store& store, const config::Config& config,
                                      const messaging::Translations& tr, const domain::Meeting& meeting,
                                      std::string_view language) {
  const auto state = store.assignments().assignment(meeting.id);
  const auto id = state ? std::optional(state->template_id) : config.assignments.template_for(meeting.type);
  if (!id) return {};
  const auto title = messaging::assignment_text(tr, language, *id).title;
  const auto status = tr.text(language, state ? "assignment.status.done" : "assignment.status.open");
  std::vector<std::string> lines{tr.text(language, "assignment.feed.status", {{"title", title}, {"status", status}})};
  if (state && !state->answer.empty()) {
    lines.push_back(tr.text(language, "assignment.feed.answer",
                            {{"role", tr.text(language, "assignment.role." + state->answer_by_role)}, {"answer", state->answer}}));
  }
  return lines;
}

}  // namespace lobsync::assignments
