#include "core/schedule.h"

namespace sb {

std::optional<Percent> SchedulePercent(const Project& p, Date asOf) {
  if (!p.plannedStart || !p.plannedFinish) return std::nullopt;
  int64_t total = (*p.plannedFinish - *p.plannedStart).days();
  if (total <= 0) return std::nullopt;
  if (asOf <= *p.plannedStart) return Percent::FromTenths(0);
  if (asOf >= *p.plannedFinish) return Percent::FromTenths(1000);
  int64_t elapsed = (asOf - *p.plannedStart).days();
  return Percent::FromTenths((elapsed * 1000 * 2 + total) / (2 * total));
}

}  // namespace sb
