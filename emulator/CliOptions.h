// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace emulator {

// The dbs-emulator command line (see docs/emulator.md). A plain value.
struct CliOptions {
	std::string host = "127.0.0.1";
	std::uint16_t port = 0;
	std::string fixtureFile;
	std::optional<std::string> faultsFile;
	double timeScale = 1.0;
	std::uint64_t seed = 1;
	std::optional<std::string> tlsCert;
	std::optional<std::string> tlsKey;
	std::string terminalStatus = "finish";
	bool terminalStatusGiven = false; // else the fixture's dialect decides
};

// Parses argv (without argv[0]). Throws std::invalid_argument naming the
// offending option and what was expected.
CliOptions parseCliOptions(const std::vector<std::string> &args);

} // namespace emulator
