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

}  // namespace sb
