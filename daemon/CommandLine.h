// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>
#include <variant>
#include <vector>

#include "history/HistoryCommand.h"

namespace restored {

// What the command line asks for. Pure parsing, so the rules are tested
// without starting anything.
struct CommandLine {
	std::string configPath;   // --config FILE (default: config::defaultConfigPath)
	bool checkConfig = false; // --check-config: validate offline and exit 0/1
	bool once = false;        // --once: run every job to its end, then exit
	bool status = false;      // --status: print the running daemon's status.json
	bool probe = false;       // --probe: read-only calls to learn the live service's readings
	std::string probePlan;    // --plan ID (only with --probe)
	bool probeJson = false;   // --format json (default text)
	bool redact = false;      // --redact: ids replaced by placeholders
	bool history = false;     // --history [JOB]: the drill history, per job
	std::string historyJob;   // its optional JOB
	bool report = false;      // --report: one row per drill run, for audits
	std::chrono::milliseconds since{std::chrono::days(30)};          // --since D (only with --report)
	history::ReportFormat reportFormat = history::ReportFormat::Csv; // --format csv|json|html with --report
	std::string runNow; // --run-now JOB: the daemon starts a run of JOB now
	std::string cancel; // --cancel JOB: the daemon cancels JOB's active run
	bool help = false;
	bool version = false;
};

struct CommandLineError {
	std::string message;
};

std::variant<CommandLine, CommandLineError> parseCommandLine(const std::vector<std::string> &args);

std::string usage();

} // namespace restored
