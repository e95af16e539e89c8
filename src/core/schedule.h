#pragma once
/// 序时进度: the share of planned start → planned finish that has elapsed on a date.
#include <optional>

#include "core/model.h"

namespace sb {

/// Elapsed share of [plannedStart, plannedFinish] at `asOf`, in tenths of a percent,
/// rounded half up; 0 before the start, 100% after the finish; nullopt when either
/// planned date is missing or the finish is not after the start.
std::optional<Percent> SchedulePercent(const Project& project, Date asOf);

}  // namespace sb
