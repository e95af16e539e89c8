#pragma once
/// Messages of core, storage and app are written in Chinese. A program that shows
/// another language installs how a message is translated (the window: gettext through
/// wx, po/en.po); the command line and the files keep the Chinese originals. No wx here.
#include <cstdio>
#include <string>
#include <type_traits>

namespace sb {

/// Marks a message for extraction where it cannot be translated yet (a table of titles):
/// Tr() it where it is shown. xgettext extracts the argument of TrNoop.
constexpr const char* TrNoop(const char* utf8) { return utf8; }

/// A word that means something else elsewhere (拨付日期 is a column "Date" in a list, the
/// field "Payment date" in a message) is looked up in a context: xgettext extracts
/// TrNoopC(context, text) and TrC(context, text) with their msgctxt. The contexts of
/// core's messages: "field" (a field named in a message) and "row" (a kind of record
/// named in a message, singular).
constexpr const char* TrNoopC(const char* /*context*/, const char* utf8) { return utf8; }

/// How a message is translated. A msgid in a context comes as context + '\x04' + msgid
/// (as in a .mo file); untranslated, the function may return either that or the msgid.
using TranslateFn = std::string (*)(const char* utf8);
/// Installs the translation of messages (nullptr: as written).
void SetTranslator(TranslateFn fn);
/// `utf8` in the user's language. xgettext extracts the first argument of Tr.
std::string Tr(const char* utf8);
/// `utf8` in the user's language as meant in `context` (see TrNoopC).
std::string TrC(const char* context, const char* utf8);
/// While one lives, Tr() on this thread returns the Chinese originals: what goes into a
/// file — the monthly report, its snapshot — stays canonical whatever the window's language.
class Untranslated {
 public:
  Untranslated();
  ~Untranslated();
  Untranslated(const Untranslated&) = delete;
  Untranslated& operator=(const Untranslated&) = delete;

 private:
  bool previous_;
};
/// printf-style: the format is translated first, then filled (`%d`, `%s` with c_str(),
/// `%lld` with a cast to long long, `%zu` for size_t). Only numbers and C strings pass:
/// a std::string given for a %s does not compile.
template <class... A>
std::string Tr(const char* format, A... args) {
  static_assert(((std::is_arithmetic_v<A> || std::is_pointer_v<A>) && ...),
                "sb::Tr: pass numbers and C strings (std::string: .c_str())");
  std::string f = Tr(format);
  // One pass for the usual sentence, a second only for a longer one (a province's tens of
  // thousands of findings are formatted at every analysis).
  char small[512];
  int n = std::snprintf(small, sizeof small, f.c_str(), args...);
  if (n < 0) return f;
  if (static_cast<size_t>(n) < sizeof small) return std::string(small, static_cast<size_t>(n));
  std::string out(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(out.data(), out.size(), f.c_str(), args...);
  out.resize(static_cast<size_t>(n));
  return out;
}

}  // namespace sb
