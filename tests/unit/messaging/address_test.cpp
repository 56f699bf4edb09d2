// The one address rule: what the roster sync accepts, the message builders can always write.
#include "messaging/address.h"

#include "messaging/icalendar.h"
#include "messaging/mime.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lobsync::messaging::address_test {
namespace {

// Addresses a real roster held that the old sync check let through and the mail builder refused.
const std::vector<std::string> kRefused = {
    "nodot@localhost", "a(b)@x.nl", "a:b@x.nl", "a\\b@x.nl", "[127.0.0.1]@x.nl", "x@[127.0.0.1]",
    "x@127.0.0.1", "no-at-sign", "two@@x.nl", "a@b@x.nl", "@x.nl", "a@", ".a@x.nl", "a.@x.nl", "a..b@x.nl",
    "a b@x.nl", "a@x..nl", "a@-x.nl", "a@x-.nl", "a@.x.nl", "a@x.nl.", "\"quoted\"@x.nl", "a,b@x.nl", "a;b@x.nl",
    "a<b@x.nl", "a@x.nl>", "a\r\nBcc: x@y.nl", std::string("a\0b@x.nl", 8), "a\x7f@x.nl",
    std::string(65, 'a') + "@x.nl",                     // local part over 64
    "a@" + std::string(64, 'b') + ".nl",               // label over 63
    "a@" + std::string(250, 'b') + ".nl",              // whole over 254
    "\xC3@x.nl",                                        // broken UTF-8
    "a\xE2\x80\xAE" "b@x.nl",                           // U+202E right-to-left override
    "a\xC2\x85@x.nl",                                   // U+0085, a C1 control
    "a@x\xE2\x80\x8F.nl",                               // U+200F right-to-left mark
};

const std::vector<std::string> kAsciiAccepted = {
    "m.ozdemir@example.org", "o'brien@school.nl", "first+lob@school.nl", "a_b-c@sub.school.example",
    "x@x.co", "1234@students.school.nl", "a!#$%&*/=?^`{|}~@x.nl", "A.B@X.NL",
};

const std::vector<std::string> kInternational = {
    "\xC3\xBCni@x.nl",                          // üni@x.nl
    "m\xC3\xBCj20@school.example",              // a docent code with a diacritic
    "jos\xC3\xA9@caf\xC3\xA9.nl",               // josé@café.nl
    "\xD8\xB9\xD9\x84\xD9\x8A@example.org",     // Arabic local part
};

TEST(Address, RefusesWhatNoMessageCanCarryAndSaysWhyWithoutTheAddress) {
  for (const auto& a : kRefused) {
    const auto check = check_address(a);
    EXPECT_FALSE(check.valid) << a;
    EXPECT_FALSE(check.problem.empty()) << a;
    if (a.size() > 3) {
      EXPECT_EQ(check.problem.find(a), std::string::npos) << "the problem repeats the address: " << a;
    }
  }
}

TEST(Address, AcceptsPlainAndInternationalAddresses) {
  for (const auto& a : kAsciiAccepted) {
    const auto check = check_address(a);
    EXPECT_TRUE(check.valid) << a << ": " << check.problem;
    EXPECT_FALSE(check.international) << a;
  }
  for (const auto& a : kInternational) {
    const auto check = check_address(a);
    EXPECT_TRUE(check.valid) << a << ": " << check.problem;
    EXPECT_TRUE(check.international) << a;
  }
}

TEST(Address, ProblemsNameTheRule) {
  EXPECT_NE(check_address("nodot@localhost").problem.find("no dot"), std::string::npos);
  EXPECT_NE(check_address("a(b)@x.nl").problem.find("'('"), std::string::npos);
  EXPECT_NE(check_address("[127.0.0.1]@x.nl").problem.find("'['"), std::string::npos);
  EXPECT_NE(check_address("x@[127.0.0.1]").problem.find("IP address"), std::string::npos);
}

// The point of one rule: whatever it accepts, both builders write; whatever it refuses, neither does.
TEST(Address, EveryAcceptedAddressCanBeMailedAndInvitedAndNoRefusedOne) {
  auto mail_for = [](const std::string& address) {
    TextMessage m;
    m.from = {"lob@school.example", "LOB"};
    m.to = {{address, "Zoë"}};
    m.subject = "Uitnodiging";
    m.body = "Tekst\n";
    m.message_id_left = "t.1";
    m.date = instant_from_unix_ms(1'790'000'000'000);
    return build_text_message(m);
  };
  auto calendar_for = [](const std::string& address) {
    CalendarEvent e;
    e.uid = "u1@school.example";
    e.stamp = e.start = instant_from_unix_ms(1'790'000'000'000);
    e.end = e.start + std::chrono::minutes(30);
    e.summary = "Gesprek";
    e.organizer = {"lob@school.example", "LOB"};
    CalendarAttendee a;
    a.email = address;
    a.name = "Zoë";
    e.attendees.push_back(a);
    CalendarDocument d;
    d.method = ItipMethod::request;
    d.events.push_back(e);
    return build_icalendar(d);
  };
  std::vector<std::string> accepted = kAsciiAccepted;
  accepted.insert(accepted.end(), kInternational.begin(), kInternational.end());
  for (const auto& a : accepted) {
    EXPECT_NO_THROW(mail_for(a)) << a;
    EXPECT_NO_THROW(calendar_for(a)) << a;
  }
  for (const auto& a : kRefused) {
    EXPECT_THROW(mail_for(a), MessageError) << a;
    EXPECT_THROW(calendar_for(a), MessageError) << a;
  }
}

TEST(Address, MailtoUrisEncodeWhatAUriCannotHold) {
  EXPECT_EQ(mailto_uri("m.ozdemir@example.org"), "mailto:m.ozdemir@example.org");
  EXPECT_EQ(mailto_uri("\xC3\xBCni@x.nl"), "mailto:%C3%BCni@x.nl");
  EXPECT_EQ(mailto_uri("a%b?c#d@x.nl"), "mailto:a%25b%3Fc%23d@x.nl");
}

}  // namespace
}  // namespace lobsync::messaging::address_test
