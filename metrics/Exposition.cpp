// SPDX-License-Identifier: Apache-2.0
#include "metrics/Exposition.h"

#include <array>
#include <utility>

#include "metrics/ApiCounters.h"
#include "metrics/DaemonFamilies.h"
#include "metrics/JobExposition.h"
#include "metrics/ProcessStats.h"
#include "metrics/TextWriter.h"

namespace metrics {

namespace {

void writeProcess(TextWriter &w, const ProcessStats &p)
{
	using namespace families;
	const std::pair<const Family *, double> values[] = {
		{&processCpu, p.cpuSeconds},       {&processResident, p.residentBytes},
		{&processVirtual, p.virtualBytes}, {&processStart, p.startTimeSeconds},
		{&processOpenFds, p.openFds},      {&processMaxFds, p.maxFds},
	};
	for (const auto &[family, value] : values) {
		w.family(*family);
		w.sample(value);
	}
}

void writeApi(TextWriter &w, const ApiCounters &api)
{
	using namespace families;
	w.family(apiRequests);
	api.forEach([&w](std::string_view action, const ApiCounters::Action &a) {
		for (auto r : apiResults)
			w.sample({action, toString(r)}, static_cast<double>(a.requests[ApiCounters::indexOf(r)]));
	});
	w.family(apiRequestDuration);
	api.forEach([&w](std::string_view action, const ApiCounters::Action &a) { w.histogram({action}, a.duration); });
}

} // namespace

std::string exposition(const MetricsInput &in)
{
	using namespace families;
	std::string out;
	// About 2.6 kB per job (23 samples); one allocation instead of a
	// dozen doublings of a string of tens of megabytes.
	out.reserve(8192 + in.jobs.size() * 2700);
	TextWriter w(out);
	if (in.process)
		writeProcess(w, *in.process);
	w.family(buildInfo);
	w.sample({in.version}, 1);

	std::array<int, jobPhases.size()> phases{};
	for (const auto &j : in.jobs)
		++phases[static_cast<std::size_t>(j.phase)];
	w.family(jobs);
	for (auto p : jobPhases)
		w.sample({toString(p)}, phases[static_cast<std::size_t>(p)]);
	w.family(invalidJobFiles);
	w.sample(in.invalidJobFiles);

	writeJobFamilies(w, in.jobs);

	if (in.api)
		writeApi(w, *in.api);
	w.family(apiQueued);
	w.sample(static_cast<double>(in.apiQueued));
	w.family(stateWriteErrors);
	w.sample(static_cast<double>(in.stateWriteErrors));
	return out;
}

} // namespace metrics
