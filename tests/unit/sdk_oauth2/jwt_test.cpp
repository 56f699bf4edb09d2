// lobsync/oauth2_jwt.hpp and oauth2_assertions.hpp: the signed assertions a token endpoint
// checks. Each JWT is taken apart here and its RS256 signature verified with OpenSSL against the
// certificate's public key; the header's thumbprints are computed independently (X509_digest).
#include "stub_host.h"
#include "support/smtp_server.h"
#include "support/test_env.h"

#include <lobsync/oauth2_assertions.hpp>

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace lobsync::sdk::jwt_test {
namespace {

using nlohmann::json;

std::string base64url_decode(std::string_view text) {
  std::string b64(text);
  for (char& c : b64) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (b64.size() % 4 != 0) b64 += '=';
  std::string out(b64.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
  if (n < 0) throw std::runtime_error("not base64url");
  out.resize(static_cast<std::size_t>(n) - std::count(b64.begin(), b64.end(), '='));
  return out;
}

struct Parts {
  json header, claims;
  std::string signed_input, signature;
};

Parts split(const std::string& token) {
  const auto a = token.find('.');
  const auto b = token.find('.', a + 1);
  if (a == std::string::npos || b == std::string::npos || token.find('.', b + 1) != std::string::npos) {
    throw std::runtime_error("not three parts");
  }
  return {json::parse(base64url_decode(token.substr(0, a))), json::parse(base64url_decode(token.substr(a + 1, b - a - 1))),
          token.substr(0, b), base64url_decode(token.substr(b + 1))};
}

X509* read_cert(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return cert;
}

bool verifies(const Parts& parts, const std::string& cert_pem) {
  X509* cert = read_cert(cert_pem);
  EVP_PKEY* key = X509_get_pubkey(cert);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
                  EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(parts.signature.data()), parts.signature.size(),
                                   reinterpret_cast<const unsigned char*>(parts.signed_input.data()),
                                   parts.signed_input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  X509_free(cert);
  return ok;
}

std::string thumbprint(const std::string& cert_pem, const EVP_MD* md) {
  X509* cert = read_cert(cert_pem);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  X509_digest(cert, md, out, &n);
  X509_free(cert);
  return jwt::base64url_encode(std::string(reinterpret_cast<char*>(out), n));
}

std::map<std::string, std::string> form_fields(const std::string& form) {
  std::map<std::string, std::string> out;
  std::size_t at = 0;
  while (at <= form.size()) {
    const auto end = std::min(form.find('&', at), form.size());
    const auto pair = form.substr(at, end - at);
    const auto eq = pair.find('=');
    std::string value = pair.substr(eq + 1), decoded;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '%' && i + 2 < value.size()) {
        decoded += static_cast<char>(std::stoi(value.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        decoded += value[i];
      }
    }
    out[pair.substr(0, eq)] = decoded;
    at = end + 1;
  }
  return out;
}

class JwtTest : public ::testing::Test {
 protected:
  JwtTest() : files_(test::make_rsa_signing_cert(dir_.path(), "lobsync-app")) {
    stub_.secrets[json{{"file", files_.key.string()}}.dump()] = test::read_file(files_.key);
  }
  test::ScratchDir dir_;
  test::TlsFiles files_;
  test::StubHost stub_;
};

TEST_F(JwtTest, Base64urlHasNoPaddingAndTheUrlAlphabet) {
  EXPECT_EQ(jwt::base64url_encode(std::string("\xfb\xff\xfe", 3)), "-__-");
  EXPECT_EQ(jwt::base64url_encode("a"), "YQ");
  EXPECT_EQ(jwt::base64url_encode(""), "");
}

TEST_F(JwtTest, TheMicrosoftClientAssertionIsSignedAndCarriesTheDocumentedClaims) {
  const std::string token_url = "https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token";
  const auto host = stub_.host();
  auto grant = oauth2::certificate_grant(host, "11111111-2222-3333-4444-555555555555",
                                         json{{"file", files_.key.string()}}, files_.cert.string(),
                                         "https://graph.microsoft.com/.default", token_url);
  const auto built = grant(stub_.now_ms);
  const auto form = form_fields(built.form);
  EXPECT_EQ(form.at("grant_type"), "client_credentials");
  EXPECT_EQ(form.at("client_id"), "11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(form.at("scope"), "https://graph.microsoft.com/.default");
  EXPECT_EQ(form.at("client_assertion_type"), "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  EXPECT_EQ(form.count("client_secret"), 0u);

  const Parts parts = split(form.at("client_assertion"));
  const std::string cert = test::read_file(files_.cert);
  EXPECT_TRUE(verifies(parts, cert));
  EXPECT_EQ(parts.header["alg"], "RS256");
  EXPECT_EQ(parts.header["typ"], "JWT");
  EXPECT_EQ(parts.header["x5t"], thumbprint(cert, EVP_sha1()));
  EXPECT_EQ(parts.header["x5t#S256"], thumbprint(cert, EVP_sha256()));
  const std::int64_t now = stub_.now_ms / 1000;
  EXPECT_EQ(parts.claims["aud"], token_url);
  EXPECT_EQ(parts.claims["iss"], "11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(parts.claims["sub"], parts.claims["iss"]);
  EXPECT_EQ(parts.claims["nbf"], now);
  EXPECT_EQ(parts.claims["iat"], now);
  EXPECT_GT(parts.claims["exp"].get<std::int64_t>(), now);
  EXPECT_LE(parts.claims["exp"].get<std::int64_t>(), now + 600);  // short, as Microsoft asks
  EXPECT_EQ(parts.claims["jti"].get<std::string>().size(), 36u);

  // A second assertion has its own jti: a token endpoint may refuse a replayed one.
  const Parts again = split(form_fields(grant(stub_.now_ms).form).at("client_assertion"));
  EXPECT_NE(again.claims["jti"], parts.claims["jti"]);
  // The assertion and the key are values to redact from messages.
  EXPECT_NE(std::find(built.secrets.begin(), built.secrets.end(), form.at("client_assertion")), built.secrets.end());
}

TEST_F(JwtTest, ATamperedAssertionDoesNotVerify) {
  const auto host = stub_.host();
  auto grant = oauth2::certificate_grant(host, "app", json{{"file", files_.key.string()}}, files_.cert.string(), "s",
                                         "https://login.example/token");
  Parts parts = split(form_fields(grant(stub_.now_ms).form).at("client_assertion"));
  parts.signed_input[parts.signed_input.size() - 2] ^= 1;
  EXPECT_FALSE(verifies(parts, test::read_file(files_.cert)));
}

TEST_F(JwtTest, ACertificateOfAnotherKeyIsAConfigError) {
  const auto other = test::make_rsa_signing_cert(dir_.path(), "other-app");
  const auto host = stub_.host();
  auto grant = oauth2::certificate_grant(host, "app", json{{"file", files_.key.string()}}, other.cert.string(), "s",
                                         "https://login.example/token");
  try {
    grant(stub_.now_ms);
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), LOBSYNC_E_CONFIG);
    EXPECT_STREQ(e.what(), "certificate: does not belong to private_key");
  }
}

TEST_F(JwtTest, KeysThatCannotSignRS256AreRefusedWithoutQuotingThem) {
  const auto ec = test::make_self_signed_cert(dir_.path(), "ec.example");
  for (const std::string& pem : std::vector<std::string>{test::read_file(ec.key), "-----BEGIN PRIVATE KEY-----\nnot a key\n"}) {
    try {
      jwt::RsaKey key(pem, "private_key");
      FAIL() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), LOBSYNC_E_CONFIG);
      EXPECT_TRUE(std::string(e.what()).starts_with("private_key: ")) << e.what();
      EXPECT_EQ(std::string(e.what()).find("BEGIN"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(jwt::certificate_thumbprints("garbage", "certificate"), Error);
}

TEST_F(JwtTest, TheGoogleServiceAccountAssertionActsAsTheMailbox) {
  const json key_file{{"type", "service_account"},
                      {"client_email", "lobsync@school-project.iam.gserviceaccount.com"},
                      {"private_key_id", "abc123"},
                      {"private_key", test::read_file(files_.key)}};
  stub_.secrets[json{{"env", "GOOGLE_KEY"}}.dump()] = key_file.dump();
  const auto host = stub_.host();
  auto grant = oauth2::service_account_grant(host, json{{"env", "GOOGLE_KEY"}}, "https://mail.google.com/",
                                             "planner@school.example", "https://oauth2.googleapis.com/token");
  const auto form = form_fields(grant(stub_.now_ms).form);
  EXPECT_EQ(form.at("grant_type"), "urn:ietf:params:oauth:grant-type:jwt-bearer");
  const Parts parts = split(form.at("assertion"));
  EXPECT_TRUE(verifies(parts, test::read_file(files_.cert)));
  EXPECT_EQ(parts.header["alg"], "RS256");
  EXPECT_EQ(parts.header["kid"], "abc123");
  const std::int64_t now = stub_.now_ms / 1000;
  EXPECT_EQ(parts.claims["iss"], "lobsync@school-project.iam.gserviceaccount.com");
  EXPECT_EQ(parts.claims["sub"], "planner@school.example");
  EXPECT_EQ(parts.claims["scope"], "https://mail.google.com/");
  EXPECT_EQ(parts.claims["aud"], "https://oauth2.googleapis.com/token");
  EXPECT_EQ(parts.claims["iat"], now);
  EXPECT_GT(parts.claims["exp"].get<std::int64_t>(), now);
  EXPECT_LE(parts.claims["exp"].get<std::int64_t>(), now + 3600);  // Google's maximum
}

TEST_F(JwtTest, ABrokenServiceAccountKeyFileNamesTheFieldNotTheValue) {
  const auto expect_refusal = [](const std::string& text, const std::string& message) {
    try {
      oauth2::parse_service_account_key(text, "service_account_key");
      FAIL() << "accepted " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), LOBSYNC_E_CONFIG);
      EXPECT_EQ(std::string(e.what()), message);
    }
  };
  expect_refusal("{", "service_account_key: not a JSON service account key file");
  expect_refusal(R"({"type":"authorized_user","client_email":"a","private_key":"k"})",
                 "service_account_key: \"type\" is not \"service_account\"");
  expect_refusal(R"({"private_key":"SECRET-KEY"})", "service_account_key: the key file has no \"client_email\"");
  expect_refusal(R"({"client_email":"a@b","private_key":""})", "service_account_key: the key file has no \"private_key\"");
}

}  // namespace
}  // namespace lobsync::sdk::jwt_test
