// SPDX-License-Identifier: Apache-2.0
#include "metrics/ProcessStats.h"

#include <charconv>
#include <ctime>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

#include "base/ReadFile.h"

namespace metrics {

namespace {

// /proc files: empty when unreadable, which the parsers read as "unknown".
std::string readSmallFile(const char *path)
{
	auto text = base::readFile(path);
	auto *ok = std::get_if<std::string>(&text);
	return ok ? std::move(*ok) : std::string();
}

std::optional<std::uint64_t> number(std::string_view s)
{
	std::uint64_t v = 0;
	auto r = std::from_chars(s.data(), s.data() + s.size(), v);
	if (r.ec != std::errc() || r.ptr != s.data() + s.size())
		return std::nullopt;
	return v;
}

} // namespace

std::optional<ProcStat> parseProcStat(std::string_view text)
{
	// "pid (comm) state ppid ...": the fields count from the last ')'.
	auto close = text.rfind(')');
	if (close == std::string_view::npos)
		return std::nullopt;
	std::vector<std::string_view> fields; // fields[0] is field 3 (state)
	std::string_view rest = text.substr(close + 1);
	while (!rest.empty()) {
		auto start = rest.find_first_not_of(" \n");
		if (start == std::string_view::npos)
			break;
		rest.remove_prefix(start);
		auto end = rest.find_first_of(" \n");
		fields.push_back(rest.substr(0, end));
		rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
	}
	// proc(5) numbers from 1: utime 14, stime 15, starttime 22, vsize 23, rss 24.
	auto field = [&fields](std::size_t n) { return number(fields[n - 3]); };
	if (fields.size() < 22)
		return std::nullopt;
	auto utime = field(14), stime = field(15), start = field(22), vsize = field(23), rss = field(24);
	if (!utime || !stime || !start || !vsize || !rss)
		return std::nullopt;
	return ProcStat{*utime, *stime, *start, *vsize, *rss};
}

std::optional<std::uint64_t> parseMaxOpenFiles(std::string_view limitsText)
{
	constexpr std::string_view key = "Max open files";
	auto at = limitsText.find(key);
	if (at == std::string_view::npos)
		return std::nullopt;
	std::string_view line = limitsText.substr(at + key.size());
	line = line.substr(0, line.find('\n'));
	auto start = line.find_first_not_of(' ');
	if (start == std::string_view::npos)
		return std::nullopt;
	line.remove_prefix(start);
	return number(line.substr(0, line.find(' '))); // the soft limit; "unlimited" is nullopt
}

ProcessStats processStats(const ProcStat &stat, double ticksPerSecond, double pageBytes, double bootTimeSeconds,
			  std::uint64_t openFds, std::optional<std::uint64_t> maxFds)
{
	ProcessStats p;
	p.cpuSeconds = static_cast<double>(stat.utimeTicks + stat.stimeTicks) / ticksPerSecond;
	p.residentBytes = static_cast<double>(stat.residentPages) * pageBytes;
	p.virtualBytes = static_cast<double>(stat.virtualBytes);
	p.startTimeSeconds = bootTimeSeconds + static_cast<double>(stat.startTicks) / ticksPerSecond;
	p.openFds = static_cast<double>(openFds);
	p.maxFds = maxFds ? static_cast<double>(*maxFds) : 0;
	return p;
}

ProcessStats readProcessStats()
{
	auto stat = parseProcStat(readSmallFile("/proc/self/stat"));
	std::uint64_t fds = 0;
	std::error_code ec;
	for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec))
		++fds;
	// Boot time = now on the wall clock minus the time since boot.
	timespec wall{}, boot{};
	clock_gettime(CLOCK_REALTIME, &wall);
	clock_gettime(CLOCK_BOOTTIME, &boot);
	double bootTime =
		static_cast<double>(wall.tv_sec - boot.tv_sec) + static_cast<double>(wall.tv_nsec - boot.tv_nsec) / 1e9;
	auto p = processStats(stat.value_or(ProcStat{}), static_cast<double>(sysconf(_SC_CLK_TCK)),
			      static_cast<double>(sysconf(_SC_PAGESIZE)), bootTime, fds,
			      parseMaxOpenFiles(readSmallFile("/proc/self/limits")));
	if (!stat)
		p.startTimeSeconds = 0; // not the boot time
	return p;
}

} // namespace metrics
