// MIME messages built by the host, checked by hand and by an independent parser (Python's
// standard email package, run with Debian's python3).
#include "messaging/mime.h"

#include "support/process.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::messaging::mime_test {
namespace {

TextMessage sample() {
  TextMessage m;
  m.from = {"lobsync@school.example", "lobsync"};
  m.to = {{"it@school.example", ""}, {"decaan@school.example", "Zoë Özdemir"}};
  m.subject = "Roster sync held for Noord: Wiśniewska, Zoë and a rather long subject that needs several encoded words";
  m.body = "Regel één\nRegel twee — met tekens\n";
  m.message_id_left = "sync-report.7.1";
  m.date = instant_from_unix_ms(1'790'000'000'000);
  return m;
}

TEST(Mime, Base64KnownVectors) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
}

TEST(Mime, HeaderTextIsEncodedOnlyWhenNeeded) {
  EXPECT_EQ(encode_header_text("plain ascii"), "plain ascii");
  const auto encoded = encode_header_text("Zoë");
  EXPECT_EQ(encoded, "=?UTF-8?B?Wm/Dqw==?=");
}

TEST(Mime, RefusesHeaderInjectionAndBadAddresses) {
  auto m = sample();
  m.subject = "Hello\r\nBcc: victim@example.org";
  EXPECT_THROW(build_text_message(m), MessageError);
  m = sample();
  m.to[1].display_name = "Evil\nBcc: x@y.z";
  EXPECT_THROW(build_text_message(m), MessageError);
  m = sample();
  m.to[0].address = "it@school.example>\r\nBcc: x@y.z";
  EXPECT_THROW(build_text_message(m), MessageError);
  m = sample();
  m.to.clear();
  EXPECT_THROW(build_text_message(m), MessageError);
}

TEST(Mime, AnIndependentParserReadsItBack) {
  test::ScratchDir dir;
  test::write_file(dir / "m.eml", build_text_message(sample()));
  const std::string script = R"(
import sys, email, email.policy
msg = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
assert not msg.defects, msg.defects
print(msg['Subject'])
print(msg['To'])
print(msg['Message-ID'])
print(msg.get_content_type(), msg.get_content_charset())
print(msg.get_content().replace('\r\n', '\n'), end='')  # canonical CRLF line ends
)";
  auto r = test::run({test::python(), "-c", script, (dir / "m.eml").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(sample().subject), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Zoë Özdemir <decaan@school.example>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("<sync-report.7.1@school.example>"), std::string::npos);
  EXPECT_NE(r.out.find("text/plain utf-8"), std::string::npos);
  EXPECT_NE(r.out.find("Regel één\nRegel twee — met tekens\n"), std::string::npos) << r.out;
}

// A display name cannot turn the text around it: direction overrides, isolates and marks are
// gone from the header an independent parser reads (messaging/name_text.h).
TEST(Mime, DisplayNamesLoseDirectionCharacters) {
  test::ScratchDir dir;
  auto m = sample();
  m.to = {{"ouder@example.org", "Y\xC4\xB1lmaz\xE2\x80\xAEgnp.exe"},                       // U+202E
          {"decaan@school.example", "\xE2\x81\xA6Zo\xC3\xAB\xE2\x81\xA9 \xE2\x80\x8F" "Bakker"}};  // isolates, RLM
  test::write_file(dir / "m.eml", build_text_message(m));
  const std::string script = R"(
import sys, email, email.policy
msg = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
for a in msg['To'].addresses:
    print(ascii(a.display_name), a.addr_spec)
)";
  auto r = test::run({test::python(), "-c", script, (dir / "m.eml").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "'Y\\u0131lmazgnp.exe' ouder@example.org\n'Zo\\xeb Bakker' decaan@school.example\n");
}

TEST(Mime, LinesStayShort) {
  const auto text = build_text_message(sample());
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "every line ends with CRLF";
    EXPECT_LE(end - start, 78u) << text.substr(start, end - start);
    start = end + 2;
  }
}

}  // namespace
}  // namespace lobsync::messaging::mime_test
