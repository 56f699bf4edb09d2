#include "core/metrics.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace lobsync::metrics::metrics_test {
namespace {

TEST(MetricsRegistry, RendersHelpTypeAndSamplesSortedByFamily) {
  Registry r;
  r.describe("zeta_total", "Last family.", Type::counter);
  r.describe("alpha_items", "First family.", Type::gauge);
  r.inc("zeta_total", {{"kind", "b"}});
  r.inc("zeta_total", {{"kind", "a"}}, 2);
  r.set("alpha_items", {}, 0.5);
  EXPECT_EQ(r.render(),
            "# HELP alpha_items First family.\n"
            "# TYPE alpha_items gauge\n"
            "alpha_items 0.5\n"
            "# HELP zeta_total Last family.\n"
            "# TYPE zeta_total counter\n"
            "zeta_total{kind=\"a\"} 2\n"
            "zeta_total{kind=\"b\"} 1\n");
}

TEST(MetricsRegistry, EscapesLabelValuesAndHelp) {
  Registry r;
  r.describe("odd_total", "Back\\slash and\nnewline.", Type::counter);
  r.inc("odd_total", {{"v", "a\\b\"c\nd"}});
  EXPECT_EQ(r.render(),
            "# HELP odd_total Back\\\\slash and\\nnewline.\n"
            "# TYPE odd_total counter\n"
            "odd_total{v=\"a\\\\b\\\"c\\nd\"} 1\n");
}

TEST(MetricsRegistry, LabelOrderDoesNotMatter) {
  Registry r;
  r.inc("x_total", {{"b", "2"}, {"a", "1"}});
  r.inc("x_total", {{"a", "1"}, {"b", "2"}});
  EXPECT_EQ(r.value("x_total", {{"a", "1"}, {"b", "2"}}), 2);
  EXPECT_NE(r.render().find("x_total{a=\"1\",b=\"2\"} 2\n"), std::string::npos);
}

TEST(MetricsRegistry, DescribeIsIdempotentButRejectsAnotherType) {
  Registry r;
  r.describe("jobs_running", "Jobs.", Type::gauge);
  EXPECT_NO_THROW(r.describe("jobs_running", "Jobs.", Type::gauge));
  EXPECT_THROW(r.describe("jobs_running", "Jobs.", Type::counter), std::logic_error);
  EXPECT_THROW(r.inc("jobs_running"), std::logic_error);
}

TEST(MetricsRegistry, RejectsInvalidNamesAndNegativeIncrements) {
  Registry r;
  EXPECT_THROW(r.describe("1bad", "", Type::counter), std::invalid_argument);
  EXPECT_THROW(r.inc("bad-name"), std::invalid_argument);
  EXPECT_THROW(r.inc("ok_total", {{"bad-label", "x"}}), std::invalid_argument);
  EXPECT_THROW(r.inc("ok_total", {}, -1), std::invalid_argument);
}

TEST(MetricsRegistry, GaugeSetsAndUnknownSeriesIsZero) {
  Registry r;
  r.set("queue_depth", {{"queue", "mail"}}, 7);
  r.set("queue_depth", {{"queue", "mail"}}, 3);
  EXPECT_EQ(r.value("queue_depth", {{"queue", "mail"}}), 3);
  EXPECT_EQ(r.value("queue_depth", {{"queue", "other"}}), 0);
  EXPECT_EQ(r.value("never_seen"), 0);
}

TEST(MetricsRegistry, SummaryRendersSumAndCount) {
  Registry r;
  r.describe("op_seconds", "Op time.", Type::summary);
  r.observe("op_seconds", {}, 0.25);
  r.observe("op_seconds", {}, 0.5);
  EXPECT_EQ(r.value("op_seconds_sum"), 0.75);
  EXPECT_EQ(r.value("op_seconds_count"), 2);
  EXPECT_EQ(r.render(),
            "# HELP op_seconds Op time.\n"
            "# TYPE op_seconds summary\n"
            "op_seconds_sum 0.75\n"
            "op_seconds_count 2\n");
}

TEST(MetricsRegistry, GlobalIsOneInstance) { EXPECT_EQ(&global(), &global()); }

}  // namespace
}  // namespace lobsync::metrics::metrics_test
