// SPDX-License-Identifier: Apache-2.0
// Parsing one job file from text: the daemon does this for every file at
// start-up and for each changed file on reload. Two shapes: the benchmark's
// restore-existing job and the documented nightly drill (backup, create).

#include <fstream>

#include <unistd.h>

#include <benchmark/benchmark.h>

#include "config/JobFileParser.h"
#include "config/MainConfig.h"

namespace {

constexpr const char *restoreExisting = R"(steps:
  - restore:
      restore_task_id: rtdg0-00001
poll_interval: 30s
)";

constexpr const char *nightlyDrill = R"(steps:
  - backup:
      backup_plan_id: dbsplandemo01
      wait_for_backup_set: true
  - restore:
      create:
        backup_plan_id: dbsplandemo01
        name: nightly-drill
        backup_set: previous
        destination:
          instance_type: RDS
          region: cn-hangzhou
          instance_id: rm-drilltarget01
          user_name: drill
          password_file: ../credentials/demo-db-password
        objects:
          - db: shop
            new_db: shop_drill
        duplicate_conflict: renamenew
poll_interval: 30s
stall_timeout: 3h
deadline: 6h
schedule: "0 3 * * *"
)";

void parse(benchmark::State &state, const char *text)
{
	const config::JobDefaults defaults;
	const std::filesystem::path path = "/etc/dbs-restored/jobs.d/bench-00001.yaml";
	if (!config::parseJobText(text, path, defaults).ok()) {
		state.SkipWithError("the job file does not parse");
		return;
	}
	for (auto _ : state)
		benchmark::DoNotOptimize(config::parseJobText(text, path, defaults));
}
BENCHMARK_CAPTURE(parse, restoreExisting, restoreExisting);
BENCHMARK_CAPTURE(parse, nightlyDrill, nightlyDrill);

// What a user found: an 8.6 MB file of 200,000 steps took 19.5 s and
// 743 MB to parse, and the daemon would pay the same at run time. Now
// refused from its fstat() size, before a byte is read.
void refuseHugeFile(benchmark::State &state)
{
	std::filesystem::path path =
		std::filesystem::temp_directory_path() / ("bench-huge-" + std::to_string(::getpid()) + ".yaml");
	{
		std::ofstream out(path);
		out << "steps:\n";
		for (int i = 0; i < 200000; ++i)
			out << "  - restore: {restore_task_id: rtask" << i << "}\n";
	}
	state.counters["file_bytes"] = double(std::filesystem::file_size(path));
	const config::JobDefaults defaults;
	for (auto _ : state) {
		auto r = config::parseJobFile(path, defaults);
		if (r.ok())
			state.SkipWithError("the huge file was accepted");
		benchmark::DoNotOptimize(r);
	}
	std::filesystem::remove(path);
}
BENCHMARK(refuseHugeFile)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
