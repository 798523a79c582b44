// SPDX-License-Identifier: Apache-2.0
#include "config/CheckConfig.h"

#include "config/JobDirectory.h"
#include "config/MainConfig.h"

namespace config {

int checkConfig(const std::string &configPath, std::ostream &out)
{
	auto main = loadMainConfig(configPath);
	for (const auto &e : main.errors)
		out << e.format() << '\n';
	if (!main.ok()) {
		out << "check-config: " << main.errors.size()
		    << " error(s) in the main configuration; job files not checked\n";
		return 1;
	}
	auto jobs = loadJobsDir(main.config->jobsDir, main.config->defaults);
	if (jobs.dirError)
		out << jobs.dirError->format() << '\n';
	std::size_t valid = 0;
	for (const auto &f : jobs.files) {
		for (const auto &e : f.errors)
			out << e.format() << '\n';
		valid += f.spec ? 1 : 0;
	}
	std::size_t errors = jobs.errorCount();
	out << "check-config: " << main.config->sourceFile << ": " << jobs.files.size() << " job file(s), " << valid
	    << " valid, " << errors << " error(s)" << (errors == 0 ? "; configuration OK" : "") << '\n';
	return errors == 0 ? 0 : 1;
}

} // namespace config
