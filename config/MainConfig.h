// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/ConfigError.h"
#include "config/ListenAddress.h"
#include "config/RetryPolicy.h"

namespace config {

// The daemon's main configuration file, default /etc/dbs-restored/dbs-restored.yaml.
// Every key is documented in docs/configuration.md. Plain values; the
// daemon reads it once at startup (and on reload) and copies what it needs.

inline constexpr const char *defaultConfigPath = "/etc/dbs-restored/dbs-restored.yaml";

// The longest path a Unix socket can have (sockaddr_un's sun_path, less its NUL).
inline constexpr std::size_t maxControlSocketPath = 107;

struct ApiTimeouts {
	std::chrono::milliseconds connect{std::chrono::seconds(10)};
	std::chrono::milliseconds read{std::chrono::seconds(30)};
	std::chrono::milliseconds total{std::chrono::seconds(60)}; // one request, all attempts excluded
};

struct RateLimit {
	double requestsPerSecond = 5.0;
	int burst = 10;
};

struct ApiConfig {
	enum class Signature { V3, V1Get, V1Post };
	std::string region = "cn-hangzhou";
	// Empty: the client derives it from region (dbs::Endpoint::forRegion).
	std::string endpoint;
	// Empty: the system trust store. Otherwise an absolute path.
	std::string caFile;
	Signature signature = Signature::V3;
	ApiTimeouts timeouts;
	RateLimit rateLimit;
};

// Where the access key comes from. Never the key itself.
struct CredentialsSource {
	enum class Kind { Credential, File };
	Kind kind = Kind::Credential;
	// Kind::Credential: a name looked up in $CREDENTIALS_DIRECTORY (systemd LoadCredential=).
	// Kind::File: an absolute path (relative paths were resolved against the config's directory).
	std::string value = "dbs-access-key";
};

// Per-job settings a job file may override, key by key.
struct JobDefaults {
	RetryPolicy retry;
	std::chrono::milliseconds pollInterval{std::chrono::seconds(30)};
	std::chrono::milliseconds stallTimeout{std::chrono::hours(2)};
	std::chrono::milliseconds deadline{std::chrono::hours(24)};
	// A started restore still in `init` this long has not passed its
	// precheck (seed 002: init is "not started or precheck failed").
	std::chrono::milliseconds precheckTimeout{std::chrono::minutes(30)};
};

struct LogConfig {
	enum class Target { Auto, Journald, Stderr };
	Target target = Target::Auto;
	std::string level = "info"; // trace|debug|info|warn|error|critical|off (spdlog names)
};

// Prometheus metrics (docs/operations.md, "Metrics"). Both outputs are off
// unless configured.
struct MetricsConfig {
	// The HTTP endpoint (GET /metrics). A non-loopback address needs
	// allowRemote: the endpoint has no authentication or TLS.
	std::optional<ListenAddress> listen;
	bool allowRemote = false;
	// A node_exporter textfile (*.prom); empty: none. Absolute after parsing.
	std::filesystem::path textfile;
};

struct MainConfig {
	std::string sourceFile; // absolute path of the file read; empty for built-in defaults
	std::filesystem::path jobsDir = "/etc/dbs-restored/jobs.d/";
	std::filesystem::path stateDir = "/var/lib/dbs-restored";
	// Where the daemon answers --run-now, --cancel and --status
	// (docs/operations.md); systemd's RuntimeDirectory= makes its directory.
	std::filesystem::path controlSocket = "/run/dbs-restored/control.sock";
	ApiConfig api;
	CredentialsSource credentials;
	JobDefaults defaults;
	int maxRunningJobs = 4;
	std::chrono::milliseconds rescanInterval{std::chrono::minutes(5)};
	LogConfig log;
	MetricsConfig metrics;
};

// Either a config or the list of everything wrong with the file.
struct MainConfigResult {
	std::optional<MainConfig> config;
	std::vector<ConfigError> errors;
	bool ok() const { return config.has_value(); }
};

// Parses YAML text as if read from sourcePath (used for messages and to
// resolve relative paths). Never throws for bad input. Pure.
MainConfigResult parseMainConfig(std::string_view yamlText, const std::filesystem::path &sourcePath);

// Reads and parses a file. A missing or unreadable file is an error in the
// result (at 1:1), not an exception.
MainConfigResult loadMainConfig(const std::filesystem::path &path);

// For the daemon's startup: the config, or ConfigException listing every error.
MainConfig loadMainConfigOrThrow(const std::filesystem::path &path);

std::string_view toString(ApiConfig::Signature s);
std::string_view toString(LogConfig::Target t);

} // namespace config
