// SPDX-License-Identifier: Apache-2.0
// One state-machine step, the one every running job takes each poll round: a
// restore poll answer with new progress, in Polling (the machine persists
// the change, logs progress and arms the next poll).

#include <benchmark/benchmark.h>

#include "config/JobFileParser.h"
#include "config/MainConfig.h"
#include "statemachine/ClientToken.h"
#include "statemachine/JobMachine.h"
#include "statemachine/SeededRandom.h"

namespace {

using namespace statemachine;

constexpr const char *job = R"(steps:
  - restore:
      restore_task_id: rtdg0-00001
poll_interval: 30s
)";

void pollStep(benchmark::State &state)
{
	auto parsed = config::parseJobText(job, "/jobs.d/bench-00001.yaml", config::JobDefaults{});
	SeededRandom random(42);
	JobMachine machine(random);
	std::int64_t now = 1795361742038;
	machine.handle(JobStarted{std::make_shared<const config::JobSpec>(*parsed.spec), now, newRunId(random)});
	ApiSucceeded started{ApiAction::StartRestoreTask, now, {}, "rtdg0-00001", "req-1"};
	machine.handle(started);
	if (machine.state() != MachineState::Polling) {
		state.SkipWithError("the machine is not polling");
		return;
	}
	int progress = 0;
	for (auto _ : state) {
		now += 30000;
		RestorePolled e;
		e.nowMs = now;
		e.restoreTaskId = "rtdg0-00001";
		e.status = "running";
		e.progress = {100, progress, 0, 0};
		progress = (progress + 1) % 100;
		benchmark::DoNotOptimize(machine.handle(e));
	}
	if (machine.state() != MachineState::Polling)
		state.SkipWithError("the machine left Polling");
}
BENCHMARK(pollStep);

} // namespace

BENCHMARK_MAIN();
