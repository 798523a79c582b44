// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include <boost/json/object.hpp>

#include "emulator/DbsModel.h"
#include "emulator/SimClock.h"
#include "emulator/Stats.h"

namespace emulator {

// The body of GET /_emulator/state (schema in docs/emulator.md): clocks,
// every plan, backup set and restore task with its derived status, and all
// counters. Pure. Never contains secrets: the model holds none.
boost::json::object stateReport(const DbsModel &model, const SimClock &clock, const Stats &stats,
				std::int64_t wallNowMs);

} // namespace emulator
