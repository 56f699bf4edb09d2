#include "selfservice/booking_handler.h"

#include "app/rebooking.h"
#include "domain/career_phase.h"
#include "domain/interpreter_languages.h"
#include "domain/leads.h"
#include "core/log.h"
#include "http/form.h"
#include "links/key_ring.h"
#include "messaging/invitation_text.h"
#include "planning/alternatives.h"
#include "planning/conversation_title.h"
#include "selfservice/booking_view.h"
#include "selfservice/language_switch.h"
#include "selfservice/page.h"

#include <charconv>

namespace lobsync::selfservice {
namespace {

using namespace std::chrono;
using domain::Meeting;
using domain::Participant;

struct Booking {
  Meeting meeting;
  Participant participant;
};

std::optional<Booking> find_booking(app::Services& s, const std::string& meeting_id, const std::string& participant) {
  auto meeting = s.store().meetings().meeting(meeting_id);
  if (!meeting) return std::nullopt;
  for (const auto& p : meeting->participants)
    if (p.key == participant) return Booking{*meeting, p};
  return std::nullopt;  // no longer invited to this meeting (moved household, left)
}

// The booking a token grants, or nullopt; the reason is logged (never the token).
std::optional<Booking> resolve_booking(app::Services& s, const std::string& token) {
  const auto verified =
      links::verify(token, links::kBooking, links::secret_lookup(s.store().link_keys()), s.clock().now());
  if (!verified.ok()) {
    log::info("booking link refused: {}", links::failure_name(verified.failure));
    return std::nullopt;
  }
  const auto subject = links::parse_booking_subject(verified.claims.subject);
  auto booking = subject ? find_booking(s, subject->first, subject->second) : std::nullopt;
  if (!booking) log::info("booking link refused: its meeting or participant is gone");
  return booking;
}

// The interpreter part of the page: the language asked for, or the languages to ask for (each in
// its own name, and in the reader's where that differs).
void add_interpreter(BookingView& view, const messaging::Translations& tr, const domain::Policy& policy,
                     const Meeting& m, const std::string& pending) {
  if (!m.interpreter.empty()) {
    view.interpreter = messaging::interpreter_language_name(tr, view.language, m.interpreter);
    return;
  }
  view.interpreter_pending = pending;
  view.interpreter_minutes = policy.interpreter_extra_minutes;
  for (const auto& l : domain::kInterpreterLanguages) {
    const auto name = messaging::interpreter_language_name(tr, view.language, std::string(l.code));
    auto label = std::string(l.endonym);
    if (name != label) label += " (" + name + ")";
    view.interpreter_choices.push_back({std::string(l.code), label});
  }
}

// What the page says above the booking, and whether the move form asks for a time.
struct BookingPageState {
  std::string notice_key, notice_kind;
  bool slot_missing = false;
  std::string interpreter_pending;  // asked for, did not fit: the alternatives are long enough for it
};
BookingPageState warning(std::string key) { return {std::move(key), "warning", false, ""}; }
BookingPageState success(std::string key) { return {std::move(key), "success", false, ""}; }

// The page for the booking as the store holds it now (a link for an old version shows the
// current one), with fresh alternatives.
http::Response booking_page(app::Services& s, const Booking& stale, int status, const BookingPageState& state = {}) {
  const auto booking = find_booking(s, stale.meeting.id, stale.participant.key);
  if (!booking) return invalid_link_page(page_frame(s.config()));
  const auto& tr = messaging::shipped_translations();
  const auto& m = booking->meeting;
  const auto& config = s.config();
  BookingView view;
  view.language = tr.resolve(booking->participant.language);
  view.school = page_frame(config);
  view.conversation = planning::conversation_title(tr, view.language, config.planning, m);
  view.student_first_name = domain::student_first_name(*s.school(), m);
  for (const auto& p : m.participants)
    if (p.role == "mentor") view.mentor_name = p.name;
  view.lead_is_decaan = domain::led_by_decaan(*s.school(), config.planning, m);
  if (const auto phase = domain::career_phase_of(*s.school(), config.planning, m); !phase.empty())
    view.career_phase = tr.text(view.language, "career_phase." + phase);
  view.when = messaging::format_date_time(tr, view.language, m.start, m.end, config.timezone);
  view.where = m.location;
  view.status = m.status;
  view.sequence = m.sequence;
  view.changeable = app::changeable(m, s.clock().now());
  view.notice_key = state.notice_key;
  view.notice_kind = state.notice_kind;
  view.slot_missing = state.slot_missing;
  add_interpreter(view, tr, config.planning, m, state.interpreter_pending);
  if (view.changeable) {
    const auto sized = state.interpreter_pending.empty()
                           ? m
                           : app::with_interpreter(m, state.interpreter_pending, config.planning);
    for (const auto& slot : planning::alternatives(app::alternatives_input(s, sized), kAlternativesShown)) {
      view.alternatives.push_back({duration_cast<seconds>(slot.start.time_since_epoch()).count(),
                                   messaging::format_date_time(tr, view.language, slot.start, slot.end, config.timezone)});
    }
  }
  return page_response(status, render_booking(tr, view));
}

// Back to the booking by GET (see_other); `done` ("confirmed", "moved") lets that GET say what
// just happened.
http::Response back_to_booking(app::Services& s, const std::string& token, std::string_view done) {
  return see_other(s.config().http.public_url + "/p/" + token + "?done=" + std::string(done));
}

std::optional<std::int64_t> integer(const std::map<std::string, std::string>& form, const char* name) {
  const auto it = form.find(name);
  if (it == form.end() || it->second.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto* end = it->second.data() + it->second.size();
  const auto [ptr, ec] = std::from_chars(it->second.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

http::Response confirm(app::Services& s, const Booking& b, const std::string& token) {
  switch (app::confirm_meeting(s, b.meeting)) {
    case app::ConfirmOutcome::confirmed: return back_to_booking(s, token, "confirmed");
    case app::ConfirmOutcome::changed: break;
  }
  return booking_page(s, b, 409, warning("booking.notice.changed"));
}

http::Response move(app::Services& s, const Booking& b, std::int64_t slot, const std::string& token,
                    const std::string& interpreter) {
  const Instant start{duration_cast<milliseconds>(seconds{slot})};
  switch (app::move_meeting(s, b.meeting, start, interpreter)) {
    case app::MoveOutcome::moved: return back_to_booking(s, token, "moved");
    case app::MoveOutcome::taken: return booking_page(s, b, 409, warning("booking.notice.taken"));
    case app::MoveOutcome::changed: return booking_page(s, b, 409, warning("booking.notice.changed"));
    case app::MoveOutcome::not_offered: break;
  }
  return page_response(400, render_bad_request(messaging::shipped_translations(), b.participant.language,
                                               page_frame(s.config())));
}

http::Response ask_interpreter(app::Services& s, const Booking& b, const std::string& language, const std::string& token) {
  switch (app::request_interpreter(s, b.meeting, language)) {
    case app::InterpreterOutcome::requested: return back_to_booking(s, token, "interpreter");
    case app::InterpreterOutcome::changed: return booking_page(s, b, 409, warning("booking.notice.changed"));
    case app::InterpreterOutcome::does_not_fit: break;
  }
  // Another time, long enough: the alternatives below are, and moving takes the interpreter along.
  auto state = warning("booking.notice.interpreter_no_fit");
  state.interpreter_pending = language;
  return booking_page(s, b, 409, state);
}

// A language the page offers, or "" for anything else (a forged or stale form).
std::string offered_language(const std::map<std::string, std::string>& form, const char* name) {
  const auto it = form.find(name);
  return it != form.end() && domain::interpreter_language(it->second) ? it->second : "";
}

}  // namespace

http::Response show_booking(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto booking = resolve_booking(*s, request.params.at("token"));
  if (!booking) return invalid_link_page(page_frame(s->config()));
  // After a confirm or a move (see_other) the page says so, while the booking still is that way.
  BookingPageState state;
  const auto done = request.query.find("done");
  const auto& m = booking->meeting;
  if (done != request.query.end() && m.status == domain::kConfirmed && app::changeable(m, s->clock().now())) {
    if (done->second == "confirmed") state = success("booking.notice.confirmed");
    if (done->second == "moved") state = success("booking.notice.moved");
    if (done->second == "interpreter" && !m.interpreter.empty()) state = success("booking.notice.interpreter");
  }
  return booking_page(*s, *booking, 200, state);
}

http::Response change_booking(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto& token = request.params.at("token");
  const auto booking = resolve_booking(*s, token);
  if (!booking) return invalid_link_page(page_frame(s->config()));
  auto bad_request = [&] {
    return page_response(400, render_bad_request(messaging::shipped_translations(), booking->participant.language,
                                                 page_frame(s->config())));
  };
  if (request.body.size() > kFormLimitBytes || !http::is_form(request)) return bad_request();
  const auto form = http::parse_form(request.body);
  if (!form) return bad_request();
  if (is_language_switch(*form)) return switch_language(*s, request, booking->meeting, booking->participant, *form, bad_request());
  const auto action = form->find("action");
  const auto seq = integer(*form, "seq");
  const bool known = action != form->end() &&
                     (action->second == "confirm" || action->second == "move" || action->second == "interpreter");
  if (!known || !seq) return bad_request();
  const auto& m = booking->meeting;
  if (!app::changeable(m, s->clock().now())) return booking_page(*s, *booking, 409, warning("booking.notice.closed"));
  if (*seq != m.sequence) return booking_page(*s, *booking, 409, warning("booking.notice.changed"));
  if (action->second == "confirm") return confirm(*s, *booking, token);
  if (action->second == "interpreter") {
    const auto language = offered_language(*form, "language");
    if (language.empty() || !m.interpreter.empty()) return bad_request();
    return ask_interpreter(*s, *booking, language, token);
  }
  const auto interpreter = offered_language(*form, "interpreter");
  if (form->contains("interpreter") && interpreter.empty()) return bad_request();
  // A person who pressed "choose another time" without choosing one is asked to choose.
  if (!form->contains("slot")) return booking_page(*s, *booking, 422, {"", "", true, interpreter});
  const auto slot = integer(*form, "slot");
  constexpr std::int64_t kLatest = 4102444800;  // 2100-01-01: anything later is not a slot we offered
  if (!slot || *slot <= 0 || *slot > kLatest) return bad_request();
  return move(*s, *booking, *slot, token, interpreter);
}

}  // namespace lobsync::selfservice
