// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>

namespace config {

// Caps on what anyone with write access to jobs.d (or the config) can make
// the daemon spend. Documented in docs/configuration.md "Limits"; a file over
// a cap is refused with an error naming it, and nothing else is affected.
struct InputLimits {
	// Refused from fstat() before a byte is read.
	static constexpr std::size_t maxJobFileBytes = 256 * 1024;
	static constexpr std::size_t maxMainConfigBytes = 1024 * 1024;
	static constexpr std::size_t maxStepsPerJob = 1000;
	// Nesting of mappings and sequences; the real formats need fewer than 8.
	static constexpr int maxYamlDepth = 32;
	// Nodes visited when the document is walked with every alias expanded:
	// a "billion laughs" document is small but explodes here.
	static constexpr std::size_t maxYamlNodes = 200000;
	static constexpr std::size_t maxJobFiles = 10000;
	// Arguments of a hook's command (program included); far more than any
	// real hook needs, far less than the kernel's ARG_MAX.
	static constexpr std::size_t maxHookArguments = 256;
};

} // namespace config
