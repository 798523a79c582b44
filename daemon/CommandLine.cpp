// SPDX-License-Identifier: Apache-2.0
#include "daemon/CommandLine.h"

#include "config/Duration.h"
#include "config/JobFileParser.h"
#include "config/MainConfig.h"
#include "config/SafeText.h"

namespace restored {

namespace {

// A duration above zero, or why the text is not one.
std::variant<std::chrono::milliseconds, std::string> positiveDuration(const std::string &text)
{
	auto parsed = config::parseDuration(text);
	if (auto *ms = std::get_if<std::chrono::milliseconds>(&parsed); ms && ms->count() <= 0)
		return std::string("zero");
	return parsed;
}

} // namespace

std::variant<CommandLine, CommandLineError> parseCommandLine(const std::vector<std::string> &args)
{
	CommandLine c;
	c.configPath = config::defaultConfigPath;
	std::string format;     // --format, checked against the command it goes with
	bool sinceSeen = false; // --since (its default value is not told apart otherwise)
	for (std::size_t i = 0; i < args.size(); ++i) {
		const std::string &a = args[i];
		if (a == "--config" || a == "-c") {
			if (i + 1 >= args.size())
				return CommandLineError{a + " needs a file name"};
			c.configPath = args[++i];
		} else if (a.starts_with("--config=")) {
			c.configPath = a.substr(9);
		} else if (a == "--check-config" || a == "-t") {
			c.checkConfig = true;
		} else if (a == "--once") {
			c.once = true;
		} else if (a == "--status") {
			c.status = true;
		} else if (a == "--probe") {
			c.probe = true;
		} else if (a == "--plan") {
			if (i + 1 >= args.size() || args[i + 1].empty())
				return CommandLineError{"--plan needs a backup plan id"};
			c.probePlan = args[++i];
		} else if (a == "--format") {
			if (i + 1 >= args.size() || args[i + 1].empty())
				return CommandLineError{
					"--format needs text or json (--probe), csv, json or html (--report)"};
			format = args[++i];
		} else if (a == "--redact") {
			c.redact = true;
		} else if (a == "--history") {
			c.history = true;
			// An optional JOB: the next word, unless it is an option.
			if (i + 1 < args.size() && !args[i + 1].empty() && args[i + 1][0] != '-') {
				c.historyJob = args[++i];
				if (!config::isValidJobId(c.historyJob))
					return CommandLineError{"--history: '" +
								config::escapeForDisplay(c.historyJob) +
								"' is not a job id"};
			}
		} else if (a == "--report") {
			c.report = true;
		} else if (a == "--since") {
			if (i + 1 >= args.size())
				return CommandLineError{"--since needs a duration such as 30d, 12h or 90m"};
			auto since = positiveDuration(args[++i]);
			if (auto *why = std::get_if<std::string>(&since))
				return CommandLineError{"--since '" + config::escapeForDisplay(args[i]) + "': " + *why +
							"; expected a duration such as 30d, 12h or 90m, at most 3650d"};
			c.since = std::get<std::chrono::milliseconds>(since);
			sinceSeen = true;
		} else if (a == "--run-now" || a == "--cancel") {
			if (i + 1 >= args.size())
				return CommandLineError{a + " needs a job id"};
			if (!config::isValidJobId(args[i + 1]))
				return CommandLineError{a + ": '" + config::escapeForDisplay(args[i + 1]) +
							"' is not a valid job id"};
			(a == "--run-now" ? c.runNow : c.cancel) = args[++i];
		} else if (a == "--help" || a == "-h") {
			c.help = true;
		} else if (a == "--version") {
			c.version = true;
		} else {
			return CommandLineError{"unknown argument '" + a + "'"};
		}
	}
	if (c.configPath.empty())
		return CommandLineError{"--config needs a file name"};
	if (c.checkConfig + c.once + c.status + c.probe + c.history + c.report > 1)
		return CommandLineError{
			"--check-config, --once, --status, --probe, --history and --report exclude each other"};
	if (!c.probe && (c.redact || !c.probePlan.empty()))
		return CommandLineError{"--plan and --redact go with --probe"};
	if (!c.report && sinceSeen)
		return CommandLineError{"--since goes with --report"};
	if (!format.empty()) {
		if (c.probe && (format == "text" || format == "json"))
			c.probeJson = format == "json";
		else if (c.report && format == "csv")
			c.reportFormat = history::ReportFormat::Csv;
		else if (c.report && format == "json")
			c.reportFormat = history::ReportFormat::Json;
		else if (c.report && format == "html")
			c.reportFormat = history::ReportFormat::Html;
		else
			return CommandLineError{
				"--format is text or json with --probe, csv, json or html with --report"};
	}
	int controls = !c.runNow.empty() + !c.cancel.empty();
	if (controls && controls + c.checkConfig + c.once + c.status + c.probe + c.history + c.report > 1)
		return CommandLineError{"--run-now and --cancel exclude each other and the other modes"};
	return c;
}

std::string usage()
{
	// man/dbs-restored.8.scd lists the same options (test man_options_match_help).
	return "usage: dbs-restored [--config FILE] [--once | --check-config | --status]\n"
	       "       dbs-restored [--config FILE] --run-now JOB | --cancel JOB\n"
	       "       dbs-restored [--config FILE] --probe [--plan BACKUP_PLAN_ID] [--format text|json] [--redact]\n"
	       "       dbs-restored [--config FILE] --history [JOB]\n"
	       "       dbs-restored [--config FILE] --report [--since DURATION] [--format csv|json|html]\n"
	       "\n"
	       "  -c, --config FILE    main configuration (default /etc/dbs-restored/dbs-restored.yaml)\n"
	       "  -t, --check-config   validate the configuration and every job file, then exit 0 or 1\n"
	       "      --once           run every job to its end, print a summary, exit 0 if all succeeded\n"
	       "      --status         print where every job stands: the daemon's answer on its control\n"
	       "                       socket, or its status.json when it is not running\n"
	       "      --run-now JOB    the running daemon starts a run of JOB now, whatever its schedule\n"
	       "      --cancel JOB     the running daemon cancels JOB's active run (the job file stays)\n"
	       "      --probe          read-only: learn which readings the live DBS service makes\n"
	       "                       (Describe calls only, at most 30); see docs/operations.md\n"
	       "      --plan ID        the backup plan to probe (default: the one with most tasks)\n"
	       "      --format F       the probe's report as text (default) or json;\n"
	       "                       the audit report as csv (default), json or an html page\n"
	       "      --redact         replace account-specific ids by placeholders in the report\n"
	       "      --history [JOB]  the drill history: per job the last outcome, last verified run,\n"
	       "                       p50/max restore time and RTO met ratio; with JOB its recent runs\n"
	       "      --report         the audit report: one row per drill run (docs/operations.md)\n"
	       "      --since D        the report's period, back from now (default 30d)\n"
	       "  -h, --help           print this help\n"
	       "      --version        print the version\n";
}

} // namespace restored
