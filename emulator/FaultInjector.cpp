// SPDX-License-Identifier: Apache-2.0
#include "emulator/FaultInjector.h"

namespace emulator {

FaultInjector::FaultInjector(FaultPlan plan, std::uint64_t seed) : plan_(std::move(plan)), rng_(seed) {}

FaultDecision FaultInjector::next(const std::string &action)
{
	auto it = plan_.rules.find(action);
	if (it == plan_.rules.end())
		it = plan_.rules.find("*");
	if (it == plan_.rules.end())
		return {};
	const FaultRule &rule = it->second;
	// "*" counts every action together: its sequence is over all calls.
	std::uint64_t n = calls_[it->first]++;

	FaultDecision d;
	d.throttleHttpStatus = rule.throttleHttpStatus;
	d.retryAfterMs = rule.retryAfterMs;
	d.delayMs = rule.delayMs;
	const std::uint64_t len = rule.sequence.size();
	if (len > 0 && (n < len || rule.after == AfterSequence::Repeat)) {
		d.kind = rule.sequence[n % len];
		return d;
	}
	if (rule.probability > 0 && !rule.kinds.empty()) {
		std::uniform_real_distribution<double> coin(0.0, 1.0);
		if (coin(rng_) < rule.probability) {
			std::uniform_int_distribution<std::size_t> pick(0, rule.kinds.size() - 1);
			d.kind = rule.kinds[pick(rng_)];
		}
	}
	return d;
}

} // namespace emulator
