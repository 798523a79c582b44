// SPDX-License-Identifier: Apache-2.0
#include "daemon/CommandLine.h"

#include "config/JobFileParser.h"
#include "config/MainConfig.h"
#include "config/SafeText.h"

namespace restored {

std::variant<CommandLine, CommandLineError> parseCommandLine(const std::vector<std::string> &args)
{
	CommandLine c;
	c.configPath = config::defaultConfigPath;
	bool probeOnly = false; // --format seen (its default value is not remembered otherwise)
	for (std::size_t i = 0; i < args.size(); ++i) {
		const std::string &a = args[i];
		if (a == "--config" || a == "-c") {
			if (i + 1 >= args.size())
				return CommandLineError{a + " needs a file name"};
			c.configPath = args[++i];
		} else if (a.rfind("--config=", 0) == 0) {
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
			if (i + 1 >= args.size() || (args[i + 1] != "text" && args[i + 1] != "json"))
				return CommandLineError{"--format needs text or json"};
			c.probeJson = args[++i] == "json";
			probeOnly = true;
		} else if (a == "--redact") {
			c.redact = true;
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
	if (c.checkConfig + c.once + c.status + c.probe > 1)
		return CommandLineError{"--check-config, --once, --status and --probe exclude each other"};
	int controls = !c.runNow.empty() + !c.cancel.empty();
	if (controls && controls + c.checkConfig + c.once + c.status + c.probe > 1)
		return CommandLineError{"--run-now and --cancel exclude each other and the other modes"};
	if (!c.probe && (probeOnly || c.redact || !c.probePlan.empty()))
		return CommandLineError{"--plan, --format and --redact go with --probe"};
	return c;
}

std::string usage()
{
	// man/dbs-restored.8.scd lists the same options (test man_options_match_help).
	return "usage: dbs-restored [--config FILE] [--once | --check-config | --status]\n"
	       "       dbs-restored [--config FILE] --run-now JOB | --cancel JOB\n"
	       "       dbs-restored [--config FILE] --probe [--plan BACKUP_PLAN_ID] [--format text|json] [--redact]\n"
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
	       "      --format F       the probe's report as text (default) or json\n"
	       "      --redact         replace account-specific ids by placeholders in the report\n"
	       "  -h, --help           print this help\n"
	       "      --version        print the version\n";
}

} // namespace restored
