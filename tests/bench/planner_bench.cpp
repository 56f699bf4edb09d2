// Planning time for a generated school: `lobsync_planner_bench` (build with
// -DLOBSYNC_BUILD_BENCHMARKS=ON). Everything in memory: the planner is a pure function, so this
// measures placement, not the store. Figures and how to read them: README.md in this folder.
#include "domain/policy.h"
#include "domain/school.h"
#include "planning/planner.h"
#include "planning/school_calendar.h"

#include <benchmark/benchmark.h>

#include <random>

namespace {

using namespace lobsync;

struct Generated {
  domain::School school;
  std::vector<planning::BusyInterval> busy;
};

// `students` in classes of 25 with one mentor per class (so students / 25 mentors), every
// student with one or two parents (one household in five separated), siblings across classes,
// and a timetable that keeps each mentor in lessons most mornings and two afternoons a week.
Generated generate(int students, date::sys_days first_day, int weeks) {
  Generated g;
  std::mt19937 random(42);
  const int classes = std::max(1, students / 25);
  const auto* zone = date::locate_zone("Europe/Amsterdam");
  for (int c = 0; c < classes; ++c) {
    const auto mentor = "t" + std::to_string(c);
    g.school.staff[mentor] = {mentor, "Mentor", "", "", std::to_string(c), mentor, mentor + "@school.example", ""};
    const auto group = "g" + std::to_string(c);
    g.school.groups[group] = {group, group, "havo", 1 + c % 5};
    g.school.group_mentor[group] = mentor;
    for (int day = 0; day < weeks * 7; ++day) {
      const auto d = first_day + date::days{day};
      const date::weekday wd{d};
      if (wd == date::Saturday || wd == date::Sunday) continue;
      g.busy.push_back({mentor, planning::at_local(zone, d, 8 * 60 + 30), planning::at_local(zone, d, 12 * 60 + 30)});
      if (static_cast<int>(wd.c_encoding()) == 1 + c % 5)
        g.busy.push_back({mentor, planning::at_local(zone, d, 13 * 60), planning::at_local(zone, d, 16 * 60)});
    }
  }
  for (int s = 0; s < students; ++s) {
    domain::Student st;
    st.key = "s" + std::to_string(s);
    st.given_name = "Student";
    st.family_name = st.key;
    st.group = "g" + std::to_string(s % classes);
    st.year = g.school.groups[st.group].year;
    st.level = "havo";
    g.school.students[st.key] = st;
    // Every tenth student shares parents with the previous one: siblings in other classes.
    const bool sibling = s % 10 == 1;
    const auto family = sibling ? s - 1 : s;
    const auto parent = "p" + std::to_string(family);
    auto& p = g.school.guardians[parent];
    p.key = parent;
    p.family_name = parent;
    p.email = parent + "@home.example";
    p.household = "h" + std::to_string(family);
    p.students.push_back({st.key, "ouder", true, true, 1});
    if (!sibling && random() % 5 == 0) {
      auto& other = g.school.guardians[parent + "b"];
      other.key = parent + "b";
      other.family_name = other.key;
      other.email = other.key + "@home.example";
      other.household = "h" + std::to_string(family) + "b";
      other.students.push_back({st.key, "ouder", true, true, 2});
    }
  }
  g.school.index_guardians();
  return g;
}

domain::Policy eight_week_policy() {
  auto p = domain::default_policy();
  p.has_school_year = true;
  p.year_start = date::year{2026} / date::August / 1;
  p.year_end = date::year{2027} / date::July / 31;
  p.notice_days = 1;
  domain::ConversationType individual, parents;
  individual.id = "individual";
  individual.week_from = 2;
  individual.week_to = 9;
  parents = individual;
  parents.id = "parents";
  parents.with_parents = true;
  p.types = {individual, parents};
  return p;
}

void BM_Plan(benchmark::State& state) {
  const int students = static_cast<int>(state.range(0));
  const auto first_day = date::sys_days{date::year{2027} / date::January / 11};
  const auto generated = generate(students, first_day, 8);
  auto policy = eight_week_policy();
  // Side by side in one run: the day chosen first-fit (the planner before spreading) and spread.
  policy.placement = state.range(1) == 0 ? domain::Placement::earliest : domain::Placement::spread;
  planning::PlanInput input;
  input.school = &generated.school;
  input.policy = &policy;
  input.zone = date::locate_zone("Europe/Amsterdam");
  input.now = planning::at_local(input.zone, date::sys_days{date::year{2027} / date::January / 4}, 9 * 60);
  input.busy = generated.busy;
  std::size_t placed = 0, unplaced = 0;
  for (auto _ : state) {
    const auto result = planning::plan(input);
    placed = result.meetings.size();
    unplaced = result.unplaced.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["meetings"] = static_cast<double>(placed);
  state.counters["unplaced"] = static_cast<double>(unplaced);
  state.counters["mentors"] = static_cast<double>(generated.school.staff.size());
}

}  // namespace

BENCHMARK(BM_Plan)->ArgsProduct({{2'000, 50'000}, {0, 1}})->ArgNames({"students", "spread"})->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
