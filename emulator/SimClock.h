// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace emulator {

// Simulated service time: sim = simStart + (wall - wallStart) * scale, all in
// epoch milliseconds. Lets a two-hour restore play out in seconds while the
// signature checks still use the real wall clock. A pure value: the caller
// passes the wall time in, so tests drive it without sleeping.
class SimClock
{
public:
	SimClock(std::int64_t wallStartMs, double scale)
		: wallStartMs_(wallStartMs), simStartMs_(wallStartMs), scale_(scale)
	{}

	std::int64_t toSim(std::int64_t wallMs) const
	{
		return simStartMs_ + static_cast<std::int64_t>(static_cast<double>(wallMs - wallStartMs_) * scale_);
	}
	// The wall time at which the simulation reaches simMs (rounded up).
	std::int64_t toWall(std::int64_t simMs) const
	{
		double wall = static_cast<double>(simMs - simStartMs_) / scale_;
		auto w = static_cast<std::int64_t>(wall);
		return wallStartMs_ + (static_cast<double>(w) < wall ? w + 1 : w);
	}
	std::int64_t simStartMs() const { return simStartMs_; }
	double scale() const { return scale_; }

private:
	std::int64_t wallStartMs_;
	std::int64_t simStartMs_;
	double scale_;
};

} // namespace emulator
