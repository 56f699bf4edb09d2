// HTTPS against the fake server with a self-signed certificate made for the test.
#include "net/http_client.h"

#include "support/fake_http_server.h"

#include <gtest/gtest.h>

namespace lobsync::net::http_client_tls_test {
namespace {

class HttpClientTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new test::ScratchDir();
    auto made = test::run({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                           "-keyout", (*dir / "key.pem").string(), "-out", (*dir / "cert.pem").string()});
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  static void TearDownTestSuite() {
    delete dir;
    dir = nullptr;
  }

  HttpRequest echo() {
    HttpRequest r;
    r.url = server.url("/echo", "https");
    return r;
  }

  static inline test::ScratchDir* dir = nullptr;
  test::FakeHttpServer server{(*dir / "cert.pem").string(), (*dir / "key.pem").string()};
  std::vector<std::chrono::milliseconds> waits;
  Sleeper record = [this](std::chrono::milliseconds d) { waits.push_back(d); };
};

TEST_F(HttpClientTlsTest, DefaultClientRefusesUnknownCertificate) {
  HttpResponse resp = HttpClient({}, record).perform(echo());
  EXPECT_EQ(resp.status, 0);
  EXPECT_NE(resp.error.find("certificate"), std::string::npos) << resp.error;
  EXPECT_EQ(resp.attempts, 1) << "a certificate problem does not go away by retrying";
  EXPECT_TRUE(waits.empty());
}

TEST_F(HttpClientTlsTest, TrustingTheCertificateSucceeds) {
  HttpClientSettings s;
  s.ca_file = (*dir / "cert.pem").string();
  HttpResponse resp = HttpClient(s, record).perform(echo());
  EXPECT_EQ(resp.status, 200) << resp.error;
}

TEST_F(HttpClientTlsTest, HostNameIsVerified) {
  HttpClientSettings s;
  s.ca_file = (*dir / "cert.pem").string();
  HttpRequest r = echo();
  r.url = "https://localhost:" + std::to_string(server.port()) + "/echo";  // cert is for 127.0.0.1 only
  HttpResponse resp = HttpClient(s, record).perform(r);
  EXPECT_EQ(resp.status, 0);
  EXPECT_FALSE(resp.error.empty());
}

TEST_F(HttpClientTlsTest, VerificationCanBeSwitchedOff) {
  HttpClientSettings s;
  s.verify_tls = false;
  EXPECT_EQ(HttpClient(s, record).perform(echo()).status, 200);
}

}  // namespace
}  // namespace lobsync::net::http_client_tls_test
