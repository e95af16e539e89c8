#include "report/draw.h"

#include <cairo-pdf.h>

#include "core/error.h"
#include "report/text_engine.h"

namespace sb::report {

void DrawPage(cairo_t* cr, const DocumentLayout& doc, size_t index) {
  if (index >= doc.pages.size()) return;
  const PageLayout& page = doc.pages[index];
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
  // Rules of the same width in one stroke each: fewer operators in the PDF.
  double width = -1;
  for (const auto& l : page.lines) {
    if (l.width != width) {
      if (width > 0) cairo_stroke(cr);
      width = l.width;
      cairo_set_line_width(cr, width);
    }
    cairo_move_to(cr, l.x1, l.y1);
    cairo_line_to(cr, l.x2, l.y2);
  }
  if (width > 0) cairo_stroke(cr);

  TextEngine& tx = TextEngine::Get();
  for (const auto& t : page.texts) {
    PangoLayout* layout = tx.NewLayout(t.text, t.size);
    cairo_move_to(cr, t.x, t.y);
    pango_cairo_show_layout(cr, layout);
    if (t.bold) {
      // The font has no bold face: thicken the glyphs by stroking their outlines. The
      // text itself stays real text (selectable, searchable) underneath.
      cairo_move_to(cr, t.x, t.y);
      pango_cairo_layout_path(cr, layout);
      cairo_set_line_width(cr, t.size * 0.045);
      cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke(cr);
    }
    g_object_unref(layout);
  }
  cairo_restore(cr);
}

void WritePdf(const DocumentLayout& doc, const std::string& path) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), doc.width, doc.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    std::string why = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    Fail(ErrorCode::Io, "无法写入 PDF 文件 " + path + "：" + why);
  }
  std::string date = FormatDate(doc.creationDate) + "T00:00:00";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "校建通 SchoolBuild");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  cairo_t* cr = cairo_create(surface);
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    DrawPage(cr, doc, i);
    cairo_show_page(cr);
  }
  cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS)
    Fail(ErrorCode::Io, "写入 PDF 文件 " + path + " 失败：" + cairo_status_to_string(st));
}

}  // namespace sb::report
