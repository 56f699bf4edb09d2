// The administrators' report about dead items on its own: who gets it, what it holds (keys,
// channels, errors with addresses masked, counts) and what it never holds.
#include "outbox/dead_report.h"
#include "outbox/dispatcher.h"
#include "support/mime_text.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace lobsync::outbox::dead_report_test {
namespace {

const Instant kRun = instant_from_unix_ms(1'792'889'940'000);  // 2026-10-25 00:59 UTC

AdminNotice admins() { return {{{"ict@school.example", "it@board.example"}, "lobsync@school.example", "mail"}, "Lyceum", "Europe/Amsterdam"}; }

TEST(DeadReport, AddressesInErrorsAreMasked) {
  EXPECT_EQ(without_addresses("550 5.1.1 <jan.de-vries+lob@home.example>: no such user"),
            "550 5.1.1 <<address>>: no such user");
  EXPECT_EQ(without_addresses("to a@b.nl, c@d.nl refused"), "to <address>, <address> refused");
  EXPECT_EQ(without_addresses("nothing here"), "nothing here");
  EXPECT_EQ(without_addresses("a lone @ sign"), "a lone @ sign");
  EXPECT_EQ(without_addresses(""), "");
}

TEST(DeadReport, OneEntryForTheRunToTheAdministratorsThroughTheirMailer) {
  const std::vector<DispatchFailure> failures{{"invite:m1:1:ab", "smtp", "permanent failure: <x@home.example> refused", true},
                                              {"later", "smtp", "unavailable", false},
                                              {"calendar:dav:m2:1", "dav", "permanent failure: 403", true}};
  const auto entry = dead_report(failures, admins(), kRun);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->channel, "mail");
  EXPECT_EQ(entry->operation, "mail.send");
  EXPECT_TRUE(is_dead_report(entry->key)) << entry->key;
  EXPECT_EQ(entry->request["idempotency_key"], entry->key);
  EXPECT_EQ(entry->request["recipients"], nlohmann::json::array({"ict@school.example", "it@board.example"}));
  const auto message = test::readable_text_message(entry->request["message"].get<std::string>());
  EXPECT_NE(message.find("Subject: lobsync: 2 outbox item(s) given up (Lyceum)"), std::string::npos) << message;
  EXPECT_NE(message.find("dispatch run of 2026-10-25 02:59 CEST"), std::string::npos) << "school time: " << message;
  EXPECT_NE(message.find("  dav: 1\n  smtp: 1\n"), std::string::npos) << message;
  EXPECT_NE(message.find("invite:m1:1:ab, smtp: permanent failure: <<address>> refused"), std::string::npos) << message;
  EXPECT_NE(message.find("calendar:dav:m2:1, dav: permanent failure: 403"), std::string::npos) << message;
  EXPECT_EQ(message.find("later"), std::string::npos) << "items still retried are not in it";
  EXPECT_EQ(message.find("home.example"), std::string::npos) << "no recipient's address";
  // The same run gives the same key and Message-ID: a repeat is recognisable.
  const auto again = dead_report(failures, admins(), kRun);
  EXPECT_EQ(again->key, entry->key);
  EXPECT_EQ(again->request["message"], entry->request["message"]);
  EXPECT_NE(dead_report(failures, admins(), kRun + std::chrono::seconds(1))->key, entry->key);
}

TEST(DeadReport, NothingWithoutAdministratorsOrWithoutDeadItems) {
  const std::vector<DispatchFailure> dead{{"k", "smtp", "permanent failure", true}};
  EXPECT_FALSE(dead_report(dead, AdminNotice{}, kRun));
  EXPECT_FALSE(dead_report({{"k", "smtp", "unavailable", false}}, admins(), kRun));
  // A report that went dead itself is not reported again (no loop).
  const std::vector<DispatchFailure> report_dead{{fmt::format("{}1-ab", kDeadReportKeyPrefix), "mail", "permanent failure", true}};
  EXPECT_FALSE(dead_report(report_dead, admins(), kRun));
}

}  // namespace
}  // namespace lobsync::outbox::dead_report_test
