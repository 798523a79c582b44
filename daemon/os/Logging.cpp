// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/Logging.h"

#include <cstdlib>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <spdlog/spdlog.h>

namespace restored::os {

std::optional<LogTarget> parseLogTarget(std::string_view text)
{
	if (text == "auto")
		return LogTarget::Auto;
	if (text == "journald")
		return LogTarget::Journald;
	if (text == "stderr")
		return LogTarget::Stderr;
	return std::nullopt;
}

bool stderrIsJournal()
{
	const char *env = std::getenv("JOURNAL_STREAM");
	if (!env || !*env)
		return false;
	struct stat st;
	if (::fstat(STDERR_FILENO, &st) != 0)
		return false;
	// A child whose stderr was redirected inherits the variable but not the
	// stream, so compare rather than trust the variable's presence.
	std::string expected = std::to_string(static_cast<unsigned long long>(st.st_dev)) + ":" +
			       std::to_string(static_cast<unsigned long long>(st.st_ino));
	return expected == env;
}

LogTarget resolveLogTarget(LogTarget configured)
{
	if (configured != LogTarget::Auto)
		return configured;
	return stderrIsJournal() ? LogTarget::Journald : LogTarget::Stderr;
}

LogTarget setupLogging(LogTarget configured, spdlog::level::level_enum level)
{
	LogTarget target = resolveLogTarget(configured);
	std::shared_ptr<spdlog::logger> logger;
	if (target == LogTarget::Journald) {
		auto sink = std::make_shared<spdlog::sinks::systemd_sink_mt>("dbs-restored");
		logger = std::make_shared<spdlog::logger>("dbs-restored", sink);
		// journald stamps and prefixes the line itself.
		logger->set_pattern("%v");
	} else {
		auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
		logger = std::make_shared<spdlog::logger>("dbs-restored", sink);
		logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
	}
	logger->set_level(level);
	logger->flush_on(spdlog::level::warn);
	spdlog::set_default_logger(logger);
	return target;
}

} // namespace restored::os
