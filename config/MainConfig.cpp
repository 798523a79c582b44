// SPDX-License-Identifier: Apache-2.0
#include "config/MainConfig.h"

#include "config/InputLimits.h"
#include "config/JobSettingsReader.h"
#include "config/YamlDocument.h"
#include "config/YamlMap.h"

namespace config {

using namespace std::chrono_literals;

namespace {

// Keys that would put the access key into the main config. Rejected by name
// so the message can say where the key belongs instead.
constexpr std::string_view accessKeyInstead =
	"'credential: <name>' (systemd LoadCredential=) or 'file: <path>' pointing to a key file";

void readApi(YamlMap &top, ApiConfig &api)
{
	if (!top.has("api"))
		return;
	Diagnostics &diag = top.diag();
	YamlMap m(top, "api", "the api section",
		  {"region", "endpoint", "ca_file", "signature", "timeouts", "rate_limit"},
		  {{"access_key_id", accessKeyInstead},
		   {"access_key_secret", accessKeyInstead},
		   {"security_token", accessKeyInstead}});
	if (auto v = m.string("region", "a region id such as cn-hangzhou")) {
		bool lower = v->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
		if (lower && matchesIdPattern(*v, "-", 1, 63))
			api.region = *v;
		else
			diag.add(m.get("region")->Mark(), "'region' is not a valid region id: '" + *v + "'",
				 "lower-case letters, digits and '-', such as cn-hangzhou");
	}
	if (auto v = m.string("endpoint", "a URL such as https://dbs-api.cn-hangzhou.aliyuncs.com")) {
		if (v->starts_with("https://") || v->starts_with("http://"))
			api.endpoint = *v;
		else
			diag.add(m.get("endpoint")->Mark(), "'endpoint' is not an http(s) URL: '" + *v + "'",
				 "a URL such as https://dbs-api.cn-hangzhou.aliyuncs.com");
	}
	if (auto v = m.string("ca_file", "a path to a PEM file"))
		api.caFile = *v; // resolved by the caller, which knows the config's directory
	if (auto v = m.oneOf("signature", {"v3", "v1-get", "v1-post"}))
		api.signature = *v == "v3"       ? ApiConfig::Signature::V3
				: *v == "v1-get" ? ApiConfig::Signature::V1Get
						 : ApiConfig::Signature::V1Post;
	if (m.has("timeouts")) {
		YamlMap tm(m, "timeouts", "the api.timeouts section", {"connect", "read", "total"});
		if (auto v = tm.duration("connect", 100ms, 10min))
			api.timeouts.connect = *v;
		if (auto v = tm.duration("read", 100ms, 1h))
			api.timeouts.read = *v;
		if (auto v = tm.duration("total", 100ms, 1h))
			api.timeouts.total = *v;
		if (tm.valid() && api.timeouts.total < api.timeouts.connect)
			diag.add(tm.mark(), "api.timeouts.total is shorter than api.timeouts.connect",
				 "total >= connect");
	}
	if (m.has("rate_limit")) {
		YamlMap rm(m, "rate_limit", "the api.rate_limit section", {"requests_per_second", "burst"});
		if (auto v = rm.number("requests_per_second", 0.01, 1000))
			api.rateLimit.requestsPerSecond = *v;
		if (auto v = rm.integer("burst", 1, 10000))
			api.rateLimit.burst = int(*v);
	}
}

void readCredentials(YamlMap &top, CredentialsSource &creds, const std::filesystem::path &baseDir)
{
	if (!top.has("credentials"))
		return;
	YamlMap m(top, "credentials", "the credentials section", {"credential", "file"},
		  {{"access_key_id", accessKeyInstead},
		   {"access_key_secret", accessKeyInstead},
		   {"security_token", accessKeyInstead}});
	if (!m.valid())
		return;
	if (!m.exclusive("credential", "file"))
		return;
	if (!m.has("credential") && !m.has("file")) {
		top.diag().add(m.mark(), "the credentials section names no source",
			       "exactly one of 'credential' or 'file'");
		return;
	}
	if (auto v = m.string("credential", "a credential name as given to LoadCredential=")) {
		// A credential name is a file name inside $CREDENTIALS_DIRECTORY, never a path.
		if (v->find('/') != std::string::npos || *v == "." || *v == "..")
			top.diag().add(m.get("credential")->Mark(), "'credential' must be a plain name, not a path",
				       "a name such as dbs-access-key (use 'file:' for a path)");
		else
			creds = {CredentialsSource::Kind::Credential, *v};
	}
	if (auto v = m.string("file", "a path to a key file"))
		creds = {CredentialsSource::Kind::File, resolveAgainst(baseDir, *v).string()};
}

void readMetrics(YamlMap &top, MetricsConfig &metrics, const std::filesystem::path &baseDir)
{
	if (!top.has("metrics"))
		return;
	Diagnostics &diag = top.diag();
	YamlMap m(top, "metrics", "the metrics section", {"listen", "allow_remote", "textfile"});
	if (auto v = m.boolean("allow_remote"))
		metrics.allowRemote = *v;
	if (auto v = m.string("listen", "an address such as 127.0.0.1:9612")) {
		auto parsed = parseListenAddress(*v);
		if (auto *problem = std::get_if<std::string>(&parsed))
			diag.add(m.get("listen")->Mark(), "'listen' " + *problem, "an address such as 127.0.0.1:9612");
		else if (!std::get<ListenAddress>(parsed).loopback() && !metrics.allowRemote)
			diag.add(m.get("listen")->Mark(),
				 "'listen' is not a loopback address: the endpoint has no authentication or TLS",
				 "127.0.0.1 or [::1], or 'allow_remote: true' to expose it on purpose");
		else
			metrics.listen = std::get<ListenAddress>(parsed);
	}
	if (auto v = m.string("textfile", "a path ending in .prom")) {
		// node_exporter's textfile collector reads only *.prom files.
		if (v->size() > 5 && v->ends_with(".prom"))
			metrics.textfile = resolveAgainst(baseDir, *v);
		else
			diag.add(m.get("textfile")->Mark(),
				 "'textfile' does not end in .prom: node_exporter would not read it",
				 "a path such as /var/lib/prometheus/node-exporter/dbs-restored.prom");
	}
}

} // namespace

std::string_view toString(ApiConfig::Signature s)
{
	switch (s) {
	case ApiConfig::Signature::V3: return "v3";
	case ApiConfig::Signature::V1Get: return "v1-get";
	case ApiConfig::Signature::V1Post: return "v1-post";
	}
	return "?";
}

std::string_view toString(LogConfig::Target t)
{
	switch (t) {
	case LogConfig::Target::Auto: return "auto";
	case LogConfig::Target::Journald: return "journald";
	case LogConfig::Target::Stderr: return "stderr";
	}
	return "?";
}

MainConfigResult parseMainConfig(std::string_view yamlText, const std::filesystem::path &sourcePath)
{
	std::filesystem::path source = std::filesystem::absolute(sourcePath).lexically_normal();
	std::filesystem::path baseDir = source.parent_path();
	Diagnostics diag(source.string());
	MainConfig cfg;
	cfg.sourceFile = source.string();

	auto doc = loadYamlDocument(yamlText, diag);
	if (!doc)
		return {std::nullopt, diag.takeErrors()};
	if (doc->IsNull()) // an empty file means "all defaults"
		return {cfg, {}};

	YamlMap top(*doc, "the main configuration", diag,
		    {"jobs_dir", "state_dir", "control_socket", "api", "credentials", "defaults", "max_running_jobs",
		     "rescan_interval", "log", "metrics"},
		    {{"access_key_id", accessKeyInstead},
		     {"access_key_secret", accessKeyInstead},
		     {"security_token", accessKeyInstead}});
	if (top.valid()) {
		if (auto v = top.string("jobs_dir", "a directory path"))
			cfg.jobsDir = resolveAgainst(baseDir, *v);
		if (auto v = top.string("state_dir", "a directory path"))
			cfg.stateDir = resolveAgainst(baseDir, *v);
		if (auto v = top.string("control_socket", "a socket path")) {
			auto path = resolveAgainst(baseDir, *v);
			if (path.native().size() <= maxControlSocketPath)
				cfg.controlSocket = path;
			else
				top.diag().add(top.get("control_socket")->Mark(),
					       "'control_socket' is longer than a socket path may be (" +
						       std::to_string(path.native().size()) + " bytes)",
					       "a path of at most " + std::to_string(maxControlSocketPath) + " bytes");
		}
		readApi(top, cfg.api);
		if (!cfg.api.caFile.empty())
			cfg.api.caFile = resolveAgainst(baseDir, cfg.api.caFile).string();
		readCredentials(top, cfg.credentials, baseDir);
		if (top.has("defaults")) {
			YamlMap dm(top, "defaults", "the defaults section",
				   {"retry", "poll_interval", "stall_timeout", "deadline", "precheck_timeout"});
			if (dm.valid())
				readJobSettings(dm, cfg.defaults);
		}
		if (auto v = top.integer("max_running_jobs", 1, 100000))
			cfg.maxRunningJobs = int(*v);
		if (auto v = top.duration("rescan_interval", 1s, 24h))
			cfg.rescanInterval = *v;
		if (top.has("log")) {
			YamlMap lm(top, "log", "the log section", {"target", "level"});
			if (auto v = lm.oneOf("target", {"auto", "journald", "stderr"}))
				cfg.log.target = *v == "auto"       ? LogConfig::Target::Auto
						 : *v == "journald" ? LogConfig::Target::Journald
								    : LogConfig::Target::Stderr;
			if (auto v = lm.oneOf("level", {"trace", "debug", "info", "warn", "error", "critical", "off"}))
				cfg.log.level = *v;
		}
		readMetrics(top, cfg.metrics, baseDir);
	}
	if (!diag.empty())
		return {std::nullopt, diag.takeErrors()};
	return {cfg, {}};
}

MainConfigResult loadMainConfig(const std::filesystem::path &path)
{
	Diagnostics diag(std::filesystem::absolute(path).lexically_normal().string());
	auto text = readTextFile(path, diag, InputLimits::maxMainConfigBytes);
	if (!text)
		return {std::nullopt, diag.takeErrors()};
	return parseMainConfig(*text, path);
}

MainConfig loadMainConfigOrThrow(const std::filesystem::path &path)
{
	auto result = loadMainConfig(path);
	if (!result.ok())
		throw ConfigException(std::move(result.errors));
	return *result.config;
}

} // namespace config
