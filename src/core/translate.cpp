#include "core/translate.h"

#include <atomic>

namespace sb {

namespace {
std::atomic<TranslateFn> translator{nullptr};
thread_local bool untranslated = false;
}  // namespace

Untranslated::Untranslated() : previous_(untranslated) { untranslated = true; }
Untranslated::~Untranslated() { untranslated = previous_; }

void SetTranslator(TranslateFn fn) { translator = fn; }

std::string Tr(const char* utf8) {
  TranslateFn fn = translator;
  return fn && !untranslated ? fn(utf8) : std::string(utf8);
}

std::string TrC(const char* context, const char* utf8) {
  TranslateFn fn = translator;
  if (!fn || untranslated) return utf8;
  const std::string key = std::string(context) + '\x04' + utf8;
  std::string t = fn(key.c_str());
  return t == key ? std::string(utf8) : t;
}

}  // namespace sb
