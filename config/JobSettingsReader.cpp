// SPDX-License-Identifier: Apache-2.0
#include "config/JobSettingsReader.h"

#include "config/Duration.h"

namespace config {

using namespace std::chrono_literals;

void readJobSettings(YamlMap& map, JobDefaults& settings)
{
	Diagnostics& diag = map.diag();
	if (map.has("retry")) {
		YamlMap retry(map, "retry", "the retry section",
			{"max_attempts", "initial_backoff", "max_backoff", "jitter", "throttle_factor"});
		RetryPolicy& r = settings.retry;
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
				"max_backoff (" + formatDuration(r.maxBackoff) + ") is shorter than initial_backoff (" +
					formatDuration(r.initialBackoff) + ")",
				"max_backoff >= initial_backoff");
		}
	}
	if (auto v = map.duration("poll_interval", 1s, 1h))
		settings.pollInterval = *v;
	if (auto v = map.duration("stall_timeout", 1min, 24h * 30))
		settings.stallTimeout = *v;
	if (auto v = map.duration("deadline", 1min, 24h * 365))
		settings.deadline = *v;
}

} // namespace config
