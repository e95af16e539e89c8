#include "core/enums.h"

#include "core/text.h"

namespace sb {

std::string EnumChoices(const char* const* names, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i) out += "、";
    out += names[i];
  }
  return out;
}

std::string CategorySet::Format() const {
  std::string out;
  for (size_t i = 0; i < EnumCount<CostCategory>(); ++i) {
    auto c = EnumAt<CostCategory>(i);
    if (!Contains(c)) continue;
    if (!out.empty()) out += "、";
    out += Name(c);
  }
  return out;
}

CategorySet CategorySet::Parse(std::string_view text, CategorySet ifEmpty) {
  auto parts = SplitAny(text, {"、", ";", ",", "；", "，", "/"});
  if (parts.empty()) return ifEmpty;
  CategorySet set;
  for (const auto& p : parts) set.Add(ParseEnum<CostCategory>(p));
  return set;
}

}  // namespace sb
