// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

#include "emulator/ApiHandler.h"
#include "emulator/Fixture.h"

namespace emutest {

// A small account used by the in-process handler tests.
inline const char *testFixtureYaml = R"(
access_keys:
  - id: LTAI5tDemoAccessKey01
    secret: demo-secret-not-for-production
  - id: STSkey
    secret: sts-secret
    security_token: sts-token-value
backup_plans:
  - id: dbsplandemo01
    full_backup_duration: 20m
    restore_duration: 2h
    restore_outcome: finish
    backup_sets: [dbsbsdemo01]
  - id: planpause
    restore_duration: 1h
    restore_outcome: pause
    pause_at: 0.25
restore_tasks:
  - id: rtdemoexisting01
    backup_plan_id: dbsplandemo01
    duration: 90m
    outcome: finish
  - id: rtdemofail01
    backup_plan_id: dbsplandemo01
    duration: 30m
    outcome: stop
    error_message: "Restore failed: destination disk full"
  - id: rtcustom
    backup_plan_id: dbsplandemo01
    duration: 10m
    terminal_status: success
generate_restore_tasks:
  - id_prefix: rt-
    count: 45
    backup_plan_id: planpause
    duration: 2h
)";

// Wall clock of the tests: a fixed instant, advanced by hand.
inline constexpr std::int64_t t0 = 1'795'000'000'000;

inline emulator::ApiHandler makeHandler(const emulator::Fixture &fixture, emulator::EmulatorOptions o = {})
{
	if (o.wallStartMs == 0)
		o.wallStartMs = t0;
	return emulator::ApiHandler(fixture, std::move(o));
}

inline emulator::ApiHandler makeHandler(emulator::EmulatorOptions o = {})
{
	return makeHandler(emulator::parseFixture(testFixtureYaml, "test.yaml"), std::move(o));
}

} // namespace emutest
