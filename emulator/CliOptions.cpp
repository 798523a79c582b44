// SPDX-License-Identifier: Apache-2.0
#include "emulator/CliOptions.h"

#include <charconv>
#include <stdexcept>

namespace emulator {

namespace {

template<typename T>
T number(const std::string &option, const std::string &value)
{
	T out{};
	auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
	if (ec != std::errc() || end != value.data() + value.size())
		throw std::invalid_argument(option + ": expected a number, got \"" + value + "\"");
	return out;
}

} // namespace

CliOptions parseCliOptions(const std::vector<std::string> &args)
{
	CliOptions o;
	bool haveListen = false;
	for (std::size_t i = 0; i < args.size(); ++i) {
		const std::string &a = args[i];
		auto value = [&]() -> const std::string & {
			if (i + 1 >= args.size())
				throw std::invalid_argument(a + ": expected a value");
			return args[++i];
		};
		if (a == "--listen") {
			const std::string &v = value();
			std::size_t colon = v.rfind(':');
			if (colon == std::string::npos || colon == 0)
				throw std::invalid_argument("--listen: expected HOST:PORT, got \"" + v + "\"");
			o.host = v.substr(0, colon);
			if (o.host.size() > 2 && o.host.front() == '[' && o.host.back() == ']')
				o.host = o.host.substr(1, o.host.size() - 2);
			o.port = number<std::uint16_t>("--listen", v.substr(colon + 1));
			haveListen = true;
		} else if (a == "--fixture") {
			o.fixtureFile = value();
		} else if (a == "--faults") {
			o.faultsFile = value();
		} else if (a == "--time-scale") {
			o.timeScale = number<double>("--time-scale", value());
			if (!(o.timeScale > 0))
				throw std::invalid_argument("--time-scale: expected a number > 0");
		} else if (a == "--seed") {
			o.seed = number<std::uint64_t>("--seed", value());
		} else if (a == "--tls-cert") {
			o.tlsCert = value();
		} else if (a == "--tls-key") {
			o.tlsKey = value();
		} else if (a == "--terminal-status") {
			o.terminalStatus = value();
			o.terminalStatusGiven = true;
			if (o.terminalStatus.empty())
				throw std::invalid_argument("--terminal-status: expected a non-empty status");
		} else {
			throw std::invalid_argument("unknown option \"" + a + "\"");
		}
	}
	if (!haveListen)
		throw std::invalid_argument("--listen HOST:PORT is required");
	if (o.fixtureFile.empty())
		throw std::invalid_argument("--fixture FILE.yaml is required");
	if (o.tlsCert.has_value() != o.tlsKey.has_value())
		throw std::invalid_argument("--tls-cert and --tls-key go together");
	return o;
}

} // namespace emulator
