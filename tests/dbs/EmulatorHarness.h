// SPDX-License-Identifier: Apache-2.0
#pragma once

// The real dbs-emulator on 127.0.0.1:0 and a DbsClient pointed at it, for the
// tests that drive the client against it (ClientEmulatorTest,
// HostileAnswersTest). Owned by one test; single-threaded.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <stdlib.h>

#include "dbs/DbsClient.h"
#include "tests/dbs/AwaitOutcome.h"
#include "tests/support/Subprocess.h"

namespace dbstest {

using dbs::Outcome;
using dbs::SignatureStyle;
using namespace std::chrono_literals;

inline const std::string examples = DBS_SOURCE_ROOT "/examples";

class TempDir
{
public:
	TempDir()
	{
		std::string tmpl = (std::filesystem::temp_directory_path() / "dbs-client-XXXXXX").string();
		path_ = mkdtemp(tmpl.data());
	}
	~TempDir() { std::filesystem::remove_all(path_); }
	std::string write(const std::string &name, const std::string &text) const
	{
		std::ofstream(path_ + "/" + name) << text;
		return path_ + "/" + name;
	}
	std::string file(const std::string &name) const { return path_ + "/" + name; }

private:
	std::string path_;
};

// The real emulator on 127.0.0.1:0; the port comes from its first line.
class Emulator
{
public:
	// fixture: a fixture file holding the demo access key (default: the example).
	explicit Emulator(std::vector<std::string> extra = {},
			  const std::string &fixture = examples + "/emulator/fixture.yaml")
	{
		std::vector<std::string> argv{DBS_EMULATOR_PATH, "--listen", "127.0.0.1:0", "--fixture", fixture};
		argv.insert(argv.end(), extra.begin(), extra.end());
		process_.emplace(argv);
		if (auto line = process_->readLine(20s))
			port_ = testsupport::portFromListeningLine(*line);
	}
	int port() const { return port_; }

private:
	std::optional<testsupport::Subprocess> process_;
	int port_ = 0;
};

inline dbs::DbsClientOptions options(const std::string &endpoint, SignatureStyle style = SignatureStyle::V3)
{
	dbs::DbsClientOptions o;
	o.endpoint = endpoint;
	o.credentials = dbs::Credentials::load("", examples + "/credentials/dbs-access-key");
	o.signatureStyle = style;
	o.transport.connectTimeout = 5s;
	o.transport.readTimeout = 10s;
	o.transport.totalTimeout = 15s;
	return o;
}

inline std::string local(int port) { return "http://127.0.0.1:" + std::to_string(port); }

inline std::string describe(const base::ApiError &e) { return e.code + ": " + e.message; }

} // namespace dbstest
