// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>

namespace emulator {

// A startup error in a fixture or faults file, thrown by the loaders on the
// main thread before the server starts and caught in main. what() is always
// "<file>:<line>:<column>: <what was expected>", 1-based, so an operator can
// jump straight to the offending spot.
class ConfigError : public std::runtime_error
{
public:
	using std::runtime_error::runtime_error;
};

} // namespace emulator
