// Reads who leads the conversations: a type's "leads" and "leads_by_level" (roles from
// domain/leads.h) and planning.decanen (staff per level).
#pragma once

#include "config/reader.h"

namespace lobsync::config {

void read_leads(Reader& r, const nlohmann::json& type, const std::string& path, domain::ConversationType& out);
void read_decanen(Reader& r, const nlohmann::json& planning, domain::Policy& policy);

}  // namespace lobsync::config
