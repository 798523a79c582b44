// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace metrics {

// The process_* values of the exposition, read from /proc/self when a
// scrape asks. Under the unit's ProcSubset=pid only /proc/self is visible,
// so the boot time comes from CLOCK_BOOTTIME rather than /proc/stat.
struct ProcessStats {
	double cpuSeconds = 0;
	double residentBytes = 0;
	double virtualBytes = 0;
	double startTimeSeconds = 0; // Unix time
	double openFds = 0;
	double maxFds = 0;
};

// The fields of /proc/self/stat that the exposition needs.
struct ProcStat {
	std::uint64_t utimeTicks = 0;
	std::uint64_t stimeTicks = 0;
	std::uint64_t startTicks = 0; // after boot
	std::uint64_t virtualBytes = 0;
	std::uint64_t residentPages = 0;
};

// Parses /proc/[pid]/stat (proc(5)); the command name in parentheses may
// hold spaces and parentheses itself. nullopt if the text is not one. Pure.
std::optional<ProcStat> parseProcStat(std::string_view text);
// The soft "Max open files" limit from /proc/[pid]/limits; nullopt if the
// line is missing or "unlimited". Pure.
std::optional<std::uint64_t> parseMaxOpenFiles(std::string_view limitsText);

// Combines the parsed values with the clock-tick rate, the page size and
// the wall-clock time of boot. Pure.
ProcessStats processStats(const ProcStat &stat, double ticksPerSecond, double pageBytes, double bootTimeSeconds,
			  std::uint64_t openFds, std::optional<std::uint64_t> maxFds);

// Reads this process's values now. A file that cannot be read leaves its
// values at 0: a scrape never fails for them.
ProcessStats readProcessStats();

} // namespace metrics
