// The small school the planning tests share: a roster for the test-roster-lines plugin and a
// planning section whose windows span the whole school year, so no test depends on the date.
#pragma once

#include <nlohmann/json.hpp>

namespace lobsync::test {

// Two classes, two mentors; a brother and sister share their parents; one student has no parent
// who may be mailed.
inline const char* kRoster = R"({"kind":"location","source_id":"loc","name":"Stedelijk College"}
{"kind":"group","source_id":"1a","name":"1A","year":1,"level":"havo"}
{"kind":"group","source_id":"3h","name":"3H","year":3,"level":"havo"}
{"kind":"staff","source_id":"t1","given_name":"Anna","family_name":"Jansen","email":"a.jansen@school.example"}
{"kind":"staff","source_id":"t2","given_name":"Bram","family_name_prefix":"de","family_name":"Vries","email":"b.devries@school.example"}
{"kind":"mentor","staff":"t1","group":"1a"}
{"kind":"mentor","staff":"t2","group":"3h"}
{"kind":"student","source_id":"s1","given_name":"Zoë","family_name":"Özdemir","group":"1a","email":"zoe@students.example"}
{"kind":"student","source_id":"s2","given_name":"Emre","family_name":"Özdemir","group":"3h"}
{"kind":"student","source_id":"s3","given_name":"Lotte","family_name":"Bakker","group":"1a"}
{"kind":"student","source_id":"s4","given_name":"Yonas","family_name":"Tesfay","group":"3h","language":"en"}
{"kind":"guardian","source_id":"p1","family_name":"Özdemir","email":"ozdemir@home.example","language":"tr","household":"h1","students":[{"student":"s1"},{"student":"s2"}]}
{"kind":"guardian","source_id":"p3","family_name":"Bakker","email":"bakker@home.example","household":"h3","students":[{"student":"s3","may_receive_mail":false}]}
{"kind":"guardian","source_id":"p4","family_name":"Stichting Nidos","is_organisation":true,"email":"voogd@nidos.example","students":[{"student":"s4"}]}
)";

// Only the two conversations every student is owed, each allowed all year.
inline nlohmann::json whole_year_planning() {
  return {{"organizer", {{"email", "lob@school.example"}, {"name", "LOB"}}},
          {"notice_days", 1},
          {"types",
           {{"introduction", {{"enabled", false}}},
            {"profile_choice", {{"enabled", false}}},
            {"internship", {{"enabled", false}}},
            {"follow_up_education", {{"enabled", false}}},
            {"closing", {{"enabled", false}}},
            {"individual", {{"weeks", "31-30"}}},
            {"parents", {{"weeks", "31-30"}, {"years", {1, 2, 3, 4, 5, 6}}}}}}};
}

}  // namespace lobsync::test
