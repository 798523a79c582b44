// SPDX-License-Identifier: Apache-2.0
#include "fuzz/FuzzInput.h"

#include <chrono>
#include <cstdlib>

#include "config/CronSchedule.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto parsed = config::CronSchedule::parse(fuzz::asText(data, size));
	if (auto *schedule = std::get_if<config::CronSchedule>(&parsed)) {
		// parse() promises that an accepted expression has a next minute.
		auto after = std::chrono::sys_days(std::chrono::year{2026} / 11 / 30);
		if (!schedule->next(after))
			std::abort();
	}
	return 0;
}
