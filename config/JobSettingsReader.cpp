// SPDX-License-Identifier: Apache-2.0
#include "config/JobSettingsReader.h"

#include "config/Duration.h"

namespace config {

using namespace std::chrono_literals;

void readJobSettings(YamlMap &map, JobDefaults &settings)
{
	Diagnostics &diag = map.diag();
	if (map.has("retry")) {
		YamlMap retry(map, "retry", "the retry section",
			      {"max_attempts", "initial_backoff", "max_backoff", "jitter", "throttle_factor"});
		RetryPolicy &r = settings.retry;
		if (auto v = retry.integer("max_attempts", 1, 1000))
			r.maxAttempts = int(*v);
		auto initial = retry.duration("initial_backoff", 1ms, 24h);
		auto max = retry.duration("max_backoff", 1ms, 24h);
		if (initial)
			r.initialBackoff = *initial;
		if (max)
			r.maxBackoff = *max;
		if (auto v = retry.oneOf("jitter", {"full", "none"}))
			r.jitter = *v == "full" ? RetryPolicy::Jitter::Full : RetryPolicy::Jitter::None;
		if (auto v = retry.number("throttle_factor", 1.0, 100.0))
			r.throttleFactor = *v;
		// Checked on the merged values: a job may set only one of the two.
		if (retry.valid() && r.maxBackoff < r.initialBackoff && (initial || max)) {
			diag.add(retry.has("max_backoff") ? retry.get("max_backoff")->Mark() : retry.mark(),
				 "max_backoff (" + formatDuration(r.maxBackoff) +
					 ") is shorter than initial_backoff (" + formatDuration(r.initialBackoff) + ")",
				 "max_backoff >= initial_backoff");
		}
	}
	auto poll = map.duration("poll_interval", 100ms, 1h);
	auto stall = map.duration("stall_timeout", 1s, 24h * 30);
	if (poll)
		settings.pollInterval = *poll;
	if (stall)
		settings.stallTimeout = *stall;
	if (auto v = map.duration("deadline", 1s, 24h * 365))
		settings.deadline = *v;
	if (auto v = map.duration("precheck_timeout", 1s, 24h * 30))
		settings.precheckTimeout = *v;
	// A stall is "no progress between polls for stall_timeout"; with fewer than
	// two polls in that window every slow poll would look like a stall.
	if ((poll || stall) && settings.stallTimeout < 2 * settings.pollInterval) {
		diag.add(map.keyMark(stall ? "stall_timeout" : "poll_interval"),
			 "stall_timeout (" + formatDuration(settings.stallTimeout) +
				 ") is shorter than two poll intervals (" + formatDuration(settings.pollInterval) +
				 " each)",
			 "stall_timeout >= 2 x poll_interval");
	}
}

} // namespace config
