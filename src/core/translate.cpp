#include "core/translate.h"

#include <atomic>

namespace sb {

namespace {
std::atomic<TranslateFn> translator{nullptr};
}

void SetTranslator(TranslateFn fn) { translator = fn; }

std::string Tr(const char* utf8) {
  TranslateFn fn = translator;
  return fn ? fn(utf8) : std::string(utf8);
}

}  // namespace sb
