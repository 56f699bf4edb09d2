// The school as the planner sees it: students, their parents and guardians, staff, classes and
// who mentors whom. Built from the synced roster (store/school_model.h); plain data.
// Keys are "<source>:<source_id>" so two roster sources never collide.
#pragma once

#include "domain/meeting.h"

#include <date/date.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lobsync::domain {

struct Student {
  std::string key;
  std::string student_number;  // as staff know the student
  std::string given_name, family_name_prefix, family_name;
  std::string email;
  std::string phone;     // the student's own, where the roster has one
  std::string language;  // BCP 47; empty → the school's default
  std::string group;     // key of the class
  std::string level;
  int year = 0;          // 0 = unknown
  std::optional<date::year_month_day> birth_date, active_from, active_until;

  std::string display_name() const;
  bool adult_on(date::year_month_day day) const;   // 18 or older that day
  bool active_on(date::year_month_day day) const;
};

struct GuardianLink {
  std::string student;  // student key
  std::string relation;
  bool parental_authority = true;
  bool may_receive_mail = true;
  int contact_order = 99;
};

struct Guardian {
  std::string key;
  std::string given_name, initials, family_name_prefix, family_name;
  bool is_organisation = false;
  std::string email, phone, language, household;
  std::vector<GuardianLink> students;

  std::string display_name() const;
};

struct Staff {
  std::string key;
  std::string given_name, initials, family_name_prefix, family_name, abbreviation, email;
  std::string language;  // only as the mentor chose it on a page; empty → the school's default
  std::string display_name() const;
};

struct Group {
  std::string key, name, level;
  int year = 0;
};

// A value of the synced roster that cannot be used (an address no message can carry, stored
// before the sync checked it as strictly). Names the record and the field, never the person or
// the value: it goes into reports and logs.
struct RosterProblem {
  std::string record;  // "<source>:<source_id>"
  std::string kind;    // student, guardian, staff
  std::string field;
  std::string problem;
};

struct School {
  std::map<std::string, Student> students;
  std::map<std::string, Guardian> guardians;
  std::map<std::string, Staff> staff;
  std::map<std::string, Group> groups;
  std::map<std::string, std::string> group_mentor;    // group key → first mentor's staff key
  std::map<std::string, std::string> student_mentor;  // personal first mentor, overrides the class's
  std::map<std::string, std::string> group_second_mentor;    // group key → second mentor's staff key
  std::map<std::string, std::string> student_second_mentor;  // personal second mentor
  std::map<std::string, std::vector<std::string>> guardians_by_student;  // filled by index_guardians()
  // Lower-case e-mail address and abbreviation → staff keys; filled by index_staff().
  std::map<std::string, std::vector<std::string>> staff_by_reference;
  // Values left out while loading; the people concerned count as having no address.
  std::vector<RosterProblem> problems;

  // Builds guardians_by_student; call after the guardians are in.
  void index_guardians();
  // Builds staff_by_reference; call after the staff are in (find_staff reads it).
  void index_staff();

  // The student's first mentor (personal before class), or empty.
  std::string mentor_of(const Student& student) const;
  // The student's second mentor (personal before class), or empty.
  std::string second_mentor_of(const Student& student) const;
  // The staff member a reference names: roster key, e-mail or abbreviation (docent code), the
  // latter two without regard to case (through index_staff()); nullptr when none or several match.
  const Staff* find_staff(const std::string& reference) const;
  // Guardians linked to the student, first contact first.
  std::vector<const Guardian*> guardians_of(const std::string& student_key) const;
  const GuardianLink* link(const Guardian& guardian, const std::string& student_key) const;
  // By key, or by student number when exactly one student has it.
  const Student* find_student(const std::string& key_or_number) const;
};

// The first name a student is greeted by: the roster's given name, else the first word of the name
// the meeting holds (the student may have left the roster since). Others: their name as it is.
std::string first_name(const School& school, const Participant& person);
// The first name the family knows the meeting's student by (empty when it has no student).
std::string student_first_name(const School& school, const Meeting& meeting);

// "Jan de Vries" from the parts a roster record has.
std::string join_name(const std::string& given, const std::string& prefix, const std::string& family);

}  // namespace lobsync::domain
