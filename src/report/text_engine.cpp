#include "report/text_engine.h"

#include <cmath>

namespace sb::report {

namespace {
void SetFont(PangoLayout* layout, double size) {
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, kFontFamily);
  pango_font_description_set_weight(desc, PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
  pango_layout_set_font_description(layout, desc);
  pango_font_description_free(desc);
}
}  // namespace

TextEngine& TextEngine::Get() {
  static TextEngine engine;
  return engine;
}

TextEngine::TextEngine() {
  fontMap_ = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  if (!fontMap_) fontMap_ = pango_cairo_font_map_new();
  context_ = pango_font_map_create_context(fontMap_);
  pango_cairo_context_set_resolution(context_, 72.0);
  cairo_font_options_t* opts = cairo_font_options_create();
  cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(context_, opts);
  cairo_font_options_destroy(opts);
  pango_context_set_round_glyph_positions(context_, FALSE);
  pango_context_set_base_gravity(context_, PANGO_GRAVITY_SOUTH);
  PangoLanguage* zh = pango_language_from_string("zh-cn");
  pango_context_set_language(context_, zh);
  scratch_ = pango_layout_new(context_);
}

TextEngine::~TextEngine() {
  if (scratch_) g_object_unref(scratch_);
  if (context_) g_object_unref(context_);
  if (fontMap_) g_object_unref(fontMap_);
}

PangoLayout* TextEngine::Scratch(std::string_view text, double size) {
  SetFont(scratch_, size);
  pango_layout_set_width(scratch_, -1);
  pango_layout_set_text(scratch_, text.data(), static_cast<int>(text.size()));
  return scratch_;
}

// Without hinting and glyph-position rounding, advances scale linearly with the size:
// measure once at a reference size and scale, so trying several body sizes is cheap.
constexpr double kRefSize = 100.0;

double TextEngine::Width(std::string_view text, double size) {
  if (text.empty()) return 0;
  std::string key(text);
  auto it = widthCache_.find(key);
  if (it == widthCache_.end()) {
    PangoRectangle logical;
    pango_layout_get_extents(Scratch(text, kRefSize), nullptr, &logical);
    it = widthCache_.emplace(std::move(key), static_cast<double>(logical.width) / PANGO_SCALE).first;
  }
  return it->second * size / kRefSize;
}

double TextEngine::LineHeight(double size) {
  if (refLineHeight_ <= 0) {
    PangoRectangle logical;
    pango_layout_get_extents(Scratch("国0", kRefSize), nullptr, &logical);
    refLineHeight_ = static_cast<double>(logical.height) / PANGO_SCALE;
  }
  return refLineHeight_ * size / kRefSize;
}

std::vector<std::string> TextEngine::Wrap(std::string_view text, double size, double width) {
  std::vector<std::string> lines;
  if (text.empty()) {
    lines.emplace_back();
    return lines;
  }
  PangoLayout* l = Scratch(text, size);
  pango_layout_set_width(l, static_cast<int>(std::floor(std::max(width, 1.0) * PANGO_SCALE)));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  const char* base = pango_layout_get_text(l);
  int n = pango_layout_get_line_count(l);
  for (int i = 0; i < n; ++i) {
    PangoLayoutLine* line = pango_layout_get_line_readonly(l, i);
    std::string s(base + line->start_index, static_cast<size_t>(line->length));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r')) s.pop_back();
    lines.push_back(std::move(s));
  }
  pango_layout_set_width(l, -1);
  if (lines.empty()) lines.emplace_back();
  return lines;
}

PangoLayout* TextEngine::NewLayout(std::string_view text, double size) {
  PangoLayout* l = pango_layout_new(context_);
  SetFont(l, size);
  pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
  return l;
}

}  // namespace sb::report
