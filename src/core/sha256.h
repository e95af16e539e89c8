#pragma once
/// SHA-256 (FIPS 180-4), for the history's hash chain and the report's check code. Kept in
/// core so the same digest is computed by the program on every engine.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sb {

class Sha256 {
 public:
  Sha256();
  /// `portable`: without the processor's SHA instructions even where it has them (tests).
  explicit Sha256(bool portable);
  Sha256& Update(std::string_view data);
  /// The digest; the object is spent afterwards.
  std::array<uint8_t, 32> Digest();
  /// Lower-case hex of the digest.
  std::string HexDigest();

 private:
  void Block(const uint8_t* p);
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buffer_{};
  size_t used_ = 0;
  uint64_t length_ = 0;
  bool portable_ = false;
};

/// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
/// The same by the portable code alone (tests compare the two).
std::string Sha256HexPortable(std::string_view data);
/// Whether this processor's SHA instructions compute the digest (x86-64 SHA-NI).
bool Sha256Accelerated();

}  // namespace sb
