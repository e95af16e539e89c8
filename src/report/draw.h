#pragma once
/// The one drawing routine of the printed report. It paints a page of a DocumentLayout
/// on any cairo context: the PDF surface (pdf.h) and, in the program, the print preview
/// and the printer (the cairo context under wx's graphics context). Coordinates are
/// points; the caller scales the context to its device first.
#include <cairo.h>

#include <string>

#include "report/layout.h"

namespace sb::report {

/// Draws page `index` (0-based) at the origin of `cr`, in points.
void DrawPage(cairo_t* cr, const DocumentLayout& doc, size_t index);

/// Writes every page to a PDF file (A4 landscape; fonts embedded, text selectable). The
/// creation date in the file is the report date, so the same layout always gives the
/// same bytes. Throws Error(Io) when the file cannot be written.
void WritePdf(const DocumentLayout& doc, const std::string& path);

}  // namespace sb::report
