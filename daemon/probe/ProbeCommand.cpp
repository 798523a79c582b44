// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeCommand.h"

#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>

#include "daemon/ClientOptions.h"
#include "daemon/probe/ProbeCaller.h"
#include "daemon/probe/ProbeSession.h"
#include "daemon/probe/ProbeTls.h"

namespace restored::probe {

namespace {

// The report is built from what the server said and from ids, never from
// the credentials; this is the last line of defence should a server echo
// a secret back, because the report is meant to be pasted into bug reports.
void maskSecrets(std::string &text, const dbs::Credentials &c)
{
	std::vector<std::string_view> secrets{c.accessKeySecret.reveal()};
	if (c.securityToken)
		secrets.push_back(c.securityToken->reveal());
	for (auto s : secrets)
		for (auto at = s.empty() ? std::string::npos : text.find(s); at != std::string::npos;
		     at = text.find(s, at + 3))
			text.replace(at, s.size(), "***");
}

} // namespace

int runProbe(const config::MainConfig &cfg, const dbs::Credentials &credentials, const CommandLine &cmd,
	     std::ostream &out)
{
	const dbs::DbsClientOptions options = clientOptions(cfg, credentials);
	const dbs::Endpoint where = endpointOf(options);
	const std::string source = cfg.api.endpoint.empty() ? "region map (" + cfg.api.region + ")" : "api.endpoint";
	const std::string tls = where.tls ? probe::tlsVersion(where, options.transport) : "plain http";

	boost::asio::io_context io(1);
	probe::ProbeCaller caller(io, options, cfg.api.rateLimit, probeCallBudget);
	probe::ProbeSession session(caller, cmd.probePlan, source, tls);
	probe::ProbeReport report = session.run();
	if (cmd.redact)
		session.redactor().apply(report);
	std::string text = cmd.probeJson ? boost::json::serialize(probe::toJson(report)) + "\n" : probe::toText(report);
	maskSecrets(text, credentials);
	out << text << std::flush;
	return 0;
}

} // namespace restored::probe
