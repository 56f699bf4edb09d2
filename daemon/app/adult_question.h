// Asks every student of 18 or over whose conversation with parents waits for their answer
// (planning/adult_choice.h) whether the parents are invited: once per student, type and school
// year. The mail goes into the outbox first (idempotent by key), then the question is noted as
// asked, so a crash in between asks again under the same key and nothing is sent twice.
#pragma once

#include "planning/invitations.h"
#include "planning/planner.h"
#include "planning/school_calendar.h"

#include <cstddef>

namespace lobsync::app {

class Services;

// How many questions were queued now. A student whose mail cannot be built (no address, no
// public_url) is reported in `problems` and asked on a later run.
std::size_t ask_adult_students(Services& services, const planning::PlanResult& result, const planning::SchoolYear& year,
                               const planning::InvitationContext& context);

}  // namespace lobsync::app
