// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace fuzz {

// The emulated account the emulator targets run against.
inline constexpr const char *accessKeyId = "LTAI5tDemoAccessKey01";
inline constexpr const char *accessKeySecret = "demo-secret-not-for-production";

inline constexpr const char *fixtureYaml = R"(
access_keys:
  - id: LTAI5tDemoAccessKey01
    secret: demo-secret-not-for-production
backup_plans:
  - id: dbsplandemo01
    full_backup_duration: 20m
    restore_duration: 2h
    restore_outcome: finish
    backup_sets: [dbsbsdemo01]
restore_tasks:
  - id: rtdemoexisting01
    backup_plan_id: dbsplandemo01
    duration: 90m
    outcome: finish
)";

} // namespace fuzz
