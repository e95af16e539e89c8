#pragma once
/// Every command group adds its commands here; Run() looks them up by name.
#include <vector>

#include "cli/cli.h"

namespace sb::cli {

void AddBasicCommands(std::vector<Command>& commands);     ///< init, demo, projects
void AddExchangeCommands(std::vector<Command>& commands);  ///< import, export
void AddRuleCommands(std::vector<Command>& commands);      ///< gaps, warnings
void AddReportCommands(std::vector<Command>& commands);    ///< report, close-month, reopen-month, closings
void AddAuditCommands(std::vector<Command>& commands);     ///< history, verify, backup, restore
void AddServerCommands(std::vector<Command>& commands);    ///< migrate, user
const std::vector<Command>& AllCommands();

}  // namespace sb::cli
