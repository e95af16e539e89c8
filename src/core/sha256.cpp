#include "core/sha256.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace sb {

namespace {

constexpr uint32_t kK[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

}  // namespace

Sha256::Sha256()
    : h_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19},
      portable_(!Sha256Accelerated()) {}

namespace {

void PortableBlock(std::array<uint32_t, 8>& state, const uint8_t* p) {
  uint32_t w[64];
  for (int i = 0; i < 16; ++i)
    w[i] = (uint32_t{p[4 * i]} << 24) | (uint32_t{p[4 * i + 1]} << 16) | (uint32_t{p[4 * i + 2]} << 8) |
           uint32_t{p[4 * i + 3]};
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = Rotr(w[i - 15], 7) ^ Rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = Rotr(w[i - 2], 17) ^ Rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6],
           h = state[7];
  for (int i = 0; i < 64; ++i) {
    uint32_t t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + kK[i] + w[i];
    uint32_t t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a; state[1] += b; state[2] += c; state[3] += d;
  state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

#if defined(__x86_64__)
// The processor's SHA extensions (Intel SHA-NI, AMD since Zen): the same 64 rounds, two
// at a time. The history's chain hashes every entry of an import, a million for a province.
// State in the instructions' order: ABEF and CDGH, highest word first.
__attribute__((target("sha,sse4.1,ssse3"))) void ShaNiBlock(std::array<uint32_t, 8>& state, const uint8_t* p) {
  const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);  // big-endian words
  __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[0])), 0xB1);
  __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[4])), 0x1B);
  __m128i abef = _mm_alignr_epi8(abcd, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, abcd, 0xF0);
  const __m128i abefStart = abef, cdghStart = cdgh;
  __m128i w[4];  // the last four groups of four schedule words
  for (int k = 0; k < 16; ++k) {
    __m128i group;
    if (k < 4) {
      group = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k)), swap);
    } else {
      // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], four at a time.
      const __m128i& g4 = w[k % 4];  // group k-4
      const __m128i& g3 = w[(k + 1) % 4];
      const __m128i& g2 = w[(k + 2) % 4];
      const __m128i& g1 = w[(k + 3) % 4];
      group = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(g4, g3), _mm_alignr_epi8(g1, g2, 4)), g1);
    }
    w[k % 4] = group;
    __m128i wk = _mm_add_epi32(group, _mm_loadu_si128(reinterpret_cast<const __m128i*>(&kK[4 * k])));
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
    abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
    // cdgh now holds the state two rounds back: the CDGH half of the state now.
  }
  abef = _mm_add_epi32(abef, abefStart);
  cdgh = _mm_add_epi32(cdgh, cdghStart);
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[0]), _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[4]), _mm_alignr_epi8(dchg, feba, 8));
}

bool HasShaNi() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  const bool sse41 = c & (1u << 19), ssse3 = c & (1u << 9);
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  return sse41 && ssse3 && (b & (1u << 29));
}
#endif

}  // namespace

bool Sha256Accelerated() {
#if defined(__x86_64__)
  static const bool has = HasShaNi();
  return has;
#else
  return false;
#endif
}

Sha256::Sha256(bool portable) : Sha256() { portable_ = portable || !Sha256Accelerated(); }

void Sha256::Block(const uint8_t* p) {
#if defined(__x86_64__)
  if (!portable_) return ShaNiBlock(h_, p);
#endif
  PortableBlock(h_, p);
}

Sha256& Sha256::Update(std::string_view data) {
  if (data.empty()) return *this;  // (memcpy of a null pointer, even of 0 bytes, is undefined)
  length_ += data.size();
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  size_t n = data.size();
  if (used_ > 0) {
    const size_t take = std::min(n, 64 - used_);
    std::memcpy(buffer_.data() + used_, p, take);
    used_ += take;
    p += take;
    n -= take;
    if (used_ < 64) return *this;
    Block(buffer_.data());
    used_ = 0;
  }
  for (; n >= 64; p += 64, n -= 64) Block(p);
  std::memcpy(buffer_.data(), p, n);
  used_ = n;
  return *this;
}

std::array<uint8_t, 32> Sha256::Digest() {
  uint64_t bits = length_ * 8;
  buffer_[used_++] = 0x80;
  if (used_ > 56) {
    while (used_ < 64) buffer_[used_++] = 0;
    Block(buffer_.data());
    used_ = 0;
  }
  while (used_ < 56) buffer_[used_++] = 0;
  for (int i = 7; i >= 0; --i) buffer_[used_++] = static_cast<uint8_t>(bits >> (8 * i));
  Block(buffer_.data());
  std::array<uint8_t, 32> out{};
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 4; ++j) out[4 * i + j] = static_cast<uint8_t>(h_[i] >> (24 - 8 * j));
  return out;
}

std::string Sha256::HexDigest() {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (uint8_t b : Digest()) {
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

std::string Sha256Hex(std::string_view data) { return Sha256().Update(data).HexDigest(); }

std::string Sha256HexPortable(std::string_view data) { return Sha256(true).Update(data).HexDigest(); }

}  // namespace sb
