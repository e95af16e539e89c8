#pragma once
/// Private to src/report: the one Pango context used both to measure text while laying
/// out pages and to draw it, so a line breaks at the same character on screen, on paper
/// and in the PDF. It is device-independent: 72 units per inch (1 unit = 1 pt), no
/// hinting, no rounding of glyph positions; drawing on a scaled cairo_t (a printer, the
/// preview) only scales the result.
#include <pango/pangocairo.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sb::report {

/// The font of every printed page (Debian fonts-wqy-microhei); it has no bold face, so
/// bold is drawn by stroking the glyph outlines (see draw.cpp).
inline constexpr const char* kFontFamily = "WenQuanYi Micro Hei";

class TextEngine {
 public:
  /// The process-wide engine (created on first use; single-threaded like the rest).
  static TextEngine& Get();

  /// Advance width of one line of text at `size` pt.
  double Width(std::string_view text, double size);
  /// Height of one line at `size` pt (the font's ascent + descent).
  double LineHeight(double size);
  /// Breaks text into lines no wider than `width` (at word or character boundaries;
  /// explicit newlines kept). An empty text gives one empty line.
  std::vector<std::string> Wrap(std::string_view text, double size, double width);
  /// A one-line layout for drawing; the caller unrefs it.
  PangoLayout* NewLayout(std::string_view text, double size);

  TextEngine(const TextEngine&) = delete;
  TextEngine& operator=(const TextEngine&) = delete;

 private:
  TextEngine();
  ~TextEngine();
  PangoLayout* Scratch(std::string_view text, double size);

  PangoFontMap* fontMap_ = nullptr;
  PangoContext* context_ = nullptr;
  PangoLayout* scratch_ = nullptr;
  std::unordered_map<std::string, double> widthCache_;  ///< at the reference size
  double refLineHeight_ = 0;
};

}  // namespace sb::report
