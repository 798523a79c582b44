// SPDX-License-Identifier: Apache-2.0
#include "base/UtcTime.h"

#include <chrono>
#include <cstdio>

namespace base {

std::string formatUtc(std::int64_t epochMs)
{
	using namespace std::chrono;
	auto t = floor<seconds>(sys_time<milliseconds>(milliseconds(epochMs)));
	auto day = floor<days>(t);
	year_month_day ymd(day);
	hh_mm_ss hms(t - day);
	char buf[32];
	std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
		      unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
		      int(hms.seconds().count()));
	return buf;
}

} // namespace base
