// Signed JSON Web Tokens (RFC 7519) for OAuth grants that prove possession of a private key
// instead of sending a secret: RS256 (RFC 7518 3.3, RSASSA-PKCS1-v1_5 with SHA-256) over
// OpenSSL's EVP API, and the X.509 thumbprints (x5t, x5t#S256) a token endpoint uses to find the
// certificate. A plugin that includes this links OpenSSL::Crypto.
#pragma once

#include <lobsync/base64.hpp>
#include <lobsync/problems.hpp>

#include <nlohmann/json.hpp>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

namespace lobsync::sdk::jwt {

// RFC 4648 5 without padding, as JWS uses it (RFC 7515 2).
inline std::string base64url_encode(std::string_view bytes) {
  std::string out = base64_encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

namespace detail {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

inline std::unique_ptr<BIO, BioFree> memory_bio(std::string_view pem) {
  return std::unique_ptr<BIO, BioFree>(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

inline std::string digest(const EVP_MD* md, const unsigned char* data, std::size_t size) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data, size, out, &length, md, nullptr) != 1) throw Error(LOBSYNC_E_INTERNAL, "digest failed");
  return std::string(reinterpret_cast<const char*>(out), length);
}

}  // namespace detail

// An RSA private key read from PEM (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY", not
// encrypted). `what` names the setting in errors; the key's text is never quoted.
class RsaKey {
 public:
  RsaKey(std::string_view pem, std::string_view what) {
    auto bio = detail::memory_bio(pem);
    key_.reset(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key_) throw Error(LOBSYNC_E_CONFIG, std::string(what) + ": not an unencrypted PEM private key");
    if (EVP_PKEY_get_base_id(key_.get()) != EVP_PKEY_RSA) {
      throw Error(LOBSYNC_E_CONFIG, std::string(what) + ": the key is not an RSA key (RS256 needs one)");
    }
    if (EVP_PKEY_get_bits(key_.get()) < 2048) {
      throw Error(LOBSYNC_E_CONFIG, std::string(what) + ": the RSA key is shorter than 2048 bits");
    }
  }

  // The RS256 signature of `data`.
  std::string sign(std::string_view data) const {
    std::unique_ptr<EVP_MD_CTX, detail::MdCtxFree> ctx(EVP_MD_CTX_new());
    std::size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
      throw Error(LOBSYNC_E_INTERNAL, "RS256 signing failed");
    }
    std::string signature(length, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
      throw Error(LOBSYNC_E_INTERNAL, "RS256 signing failed");
    }
    signature.resize(length);
    return signature;
  }

  EVP_PKEY* get() const noexcept { return key_.get(); }

 private:
  std::unique_ptr<EVP_PKEY, detail::KeyFree> key_;
};

// The base64url SHA-1 (x5t) and SHA-256 (x5t#S256) thumbprints of a PEM certificate's DER
// encoding (RFC 7515 4.1.7, 4.1.8).
struct Thumbprints {
  std::string sha1;
  std::string sha256;
};

inline Thumbprints certificate_thumbprints(std::string_view pem, std::string_view what) {
  auto bio = detail::memory_bio(pem);
  std::unique_ptr<X509, detail::X509Free> cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) throw Error(LOBSYNC_E_CONFIG, std::string(what) + ": not a PEM certificate");
  unsigned char* der = nullptr;
  const int size = i2d_X509(cert.get(), &der);
  if (size <= 0) throw Error(LOBSYNC_E_CONFIG, std::string(what) + ": the certificate cannot be encoded");
  Thumbprints out{base64url_encode(detail::digest(EVP_sha1(), der, static_cast<std::size_t>(size))),
                  base64url_encode(detail::digest(EVP_sha256(), der, static_cast<std::size_t>(size)))};
  OPENSSL_free(der);
  return out;
}

// Whether the certificate holds the public half of `key` (a mismatch would only show as a
// refusal at the token endpoint).
inline bool certificate_matches_key(std::string_view pem, const RsaKey& key) {
  auto bio = detail::memory_bio(pem);
  std::unique_ptr<X509, detail::X509Free> cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  return cert && X509_check_private_key(cert.get(), key.get()) == 1;
}

// A unique JWT ID: 128 random bits as a UUID (version 4), as Microsoft's examples show.
inline std::string random_jti() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) throw Error(LOBSYNC_E_INTERNAL, "no random bytes for a JWT ID");
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 15];
  }
  return out;
}

// header.claims.signature, each base64url; `header` gets "alg":"RS256" and "typ":"JWT".
inline std::string sign_rs256(nlohmann::json header, const nlohmann::json& claims, const RsaKey& key) {
  header["alg"] = "RS256";
  header["typ"] = "JWT";
  const std::string input = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
  return input + "." + base64url_encode(key.sign(input));
}

}  // namespace lobsync::sdk::jwt
