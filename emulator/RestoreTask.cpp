// SPDX-License-Identifier: Apache-2.0
#include "emulator/RestoreTask.h"

#include <algorithm>
#include <array>

namespace emulator {

namespace {

// Share of the duration spent in each progress phase, in the order the
// service reports them. Data dominates, as in a real restore.
constexpr std::array<int, 4> phasePercent{10, 70, 10, 10};
// With check_pass_phase, the precheck takes this share of the duration
// before any progress shows.
constexpr double checkPassShare = 0.05;

// Fills the four progress fields for a fraction 0..1 of the whole restore.
void setProgress(RestoreView &v, double fraction)
{
	std::array<int *, 4> fields{&v.fullStruforeProgress, &v.fullDataProgress, &v.fullStruAfterProgress,
				    &v.continuousProgress};
	double start = 0;
	for (std::size_t i = 0; i < fields.size(); ++i) {
		double width = phasePercent[i] / 100.0;
		double local = (fraction - start) / width;
		*fields[i] = static_cast<int>(std::clamp(local, 0.0, 1.0) * 100.0);
		start += width;
	}
}

} // namespace

std::optional<std::int64_t> RestoreTask::endSimMs() const
{
	if (!startedSimMs || behaviour.precheckFails)
		return std::nullopt;
	if (behaviour.outcome == TaskOutcome::Pause)
		return *startedSimMs + static_cast<std::int64_t>(behaviour.durationMs * behaviour.pauseAt);
	return *startedSimMs + behaviour.durationMs;
}

RestoreView RestoreTask::view(std::int64_t simNowMs, const Dialect &dialect) const
{
	RestoreView v;
	if (!startedSimMs || behaviour.precheckFails) {
		// Seed 002: "init" is both "not started" and "precheck failed".
		v.status = "init";
		if (dialect.finishTimeWhileRunning)
			v.finishTimeMs = createTimeMs;
		return v;
	}
	const std::int64_t end = *endSimMs();
	const std::int64_t duration = std::max<std::int64_t>(behaviour.durationMs, 1);
	if (simNowMs < end) {
		double fraction = static_cast<double>(simNowMs - *startedSimMs) / static_cast<double>(duration);
		if (dialect.checkPassPhase) {
			// The precheck eats the start of the run; the phases then share the rest.
			if (fraction < checkPassShare) {
				v.status = "check_pass";
				fraction = 0;
			} else {
				v.status = "running";
				fraction = (fraction - checkPassShare) / (1.0 - checkPassShare);
			}
		} else {
			v.status = "running";
		}
		setProgress(v, fraction);
		if (dialect.finishTimeWhileRunning)
			v.finishTimeMs = createTimeMs;
		return v;
	}
	switch (behaviour.outcome) {
	case TaskOutcome::Finish:
		v.status = behaviour.terminalStatus.value_or(dialect.successStatus);
		setProgress(v, 1.0);
		v.finishTimeMs = end;
		break;
	case TaskOutcome::Stop:
		// A failed restore stops where it broke: at the very end of the
		// data phase, which is the most common place for disk-full errors.
		v.status = "stop";
		setProgress(v, 0.8);
		v.fullDataProgress = 99;
		v.finishTimeMs = end;
		v.errMessage = behaviour.errorMessage;
		break;
	case TaskOutcome::Pause:
		v.status = "pause";
		setProgress(v, behaviour.pauseAt);
		break;
	}
	return v;
}

std::string RestoreTask::truth(std::int64_t simNowMs) const
{
	if (vanished())
		return "vanished";
	if (!startedSimMs)
		return "init";
	if (behaviour.precheckFails)
		return "failed";
	if (simNowMs < *endSimMs())
		return "running";
	switch (behaviour.outcome) {
	case TaskOutcome::Finish: return "succeeded";
	case TaskOutcome::Stop: return "failed";
	case TaskOutcome::Pause: return "paused";
	}
	return "running";
}

} // namespace emulator
