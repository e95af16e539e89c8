#pragma once
/// The stored form of a closed month: the whole ReportModel as JSON text. Money is written
/// as integer fen, dates as ISO text, enums by their canonical Chinese names, so the
/// text reads on its own and reading it back gives exactly the model that was printed.
#include <string>
#include <string_view>

#include "report/model.h"

namespace sb::report {

/// Deterministic: the same model always gives the same text.
std::string SnapshotToJson(const ReportModel& model);
/// Throws Error(Database) when the text is damaged or from a newer format.
ReportModel SnapshotFromJson(std::string_view text);

}  // namespace sb::report
