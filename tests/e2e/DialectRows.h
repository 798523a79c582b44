// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace e2e {

// One reading of every undocumented point the emulator can play
// (docs/emulator.md, "dialect"). Shared by the dialect matrix, which checks
// the daemon survives each row, and the probe test, which checks the probe
// reports each row's readings.
struct Dialect {
	const char *name;
	const char *successStatus;
	const char *alreadyStarted;
	const char *businessStatus;
	const char *throttleStatus;
	const char *finishTimeWhileRunning;
	const char *checkPass;
	const char *tokenTtl;
	const char *pageBase;
	const char *unknownIds;
	const char *maxIds;
	const char *throttleBody;
	const char *throttleHint;
};

// A pairwise cover: every pair of values of any two switches is in a row.
// clang-format off
inline const Dialect dialectRows[] = {
	{"r01", "finish", "invalid_job_id", "403", "503", "true", "false", "never", "1", "refuse", "100", "json", "false"},
	{"r02", "completed", "invalid_status", "400", "429", "false", "true", "0s", "0", "drop", "100", "text", "true"},
	{"r03", "success", "quiet_success", "200", "400", "true", "true", "never", "1", "refuse", "2", "text", "true"},
	{"r04", "finish", "invalid_parameter_valid", "400", "400", "true", "false", "0s", "0", "drop", "2", "json", "false"},
	{"r05", "completed", "invalid_status", "200", "503", "false", "false", "0s", "1", "refuse", "2", "json", "false"},
	{"r06", "success", "invalid_parameter_valid", "403", "429", "false", "false", "never", "1", "drop", "100", "text", "false"},
	{"r07", "finish", "quiet_success", "403", "429", "true", "true", "never", "0", "refuse", "2", "json", "true"},
	{"r08", "finish", "invalid_job_id", "200", "503", "false", "true", "0s", "0", "drop", "2", "text", "true"},
	{"r09", "success", "quiet_success", "400", "503", "false", "false", "never", "0", "refuse", "100", "json", "false"},
	{"r10", "completed", "invalid_status", "403", "400", "false", "true", "never", "1", "refuse", "100", "text", "false"},
	{"r11", "completed", "invalid_parameter_valid", "403", "503", "true", "false", "0s", "1", "refuse", "2", "text", "true"},
	{"r12", "success", "invalid_job_id", "400", "400", "true", "true", "0s", "1", "refuse", "100", "text", "true"},
	{"r13", "completed", "invalid_parameter_valid", "200", "429", "false", "true", "never", "0", "refuse", "100", "text", "true"},
	{"r14", "completed", "quiet_success", "400", "503", "false", "true", "0s", "1", "drop", "2", "json", "false"},
	{"r15", "finish", "invalid_status", "200", "503", "true", "false", "0s", "1", "refuse", "100", "json", "true"},
	{"r16", "completed", "invalid_job_id", "200", "429", "false", "false", "0s", "1", "drop", "100", "text", "true"},
	{"r17", "success", "invalid_status", "403", "429", "false", "true", "never", "0", "drop", "2", "text", "true"},
};

inline std::string dialectYaml(const Dialect &d)
{
	return std::string("dialect:\n") +
	       "  success_status: " + d.successStatus + "\n"
	       "  finish_time_while_running: " + d.finishTimeWhileRunning + "\n"
	       "  check_pass_phase: " + d.checkPass + "\n"
	       "  already_started: " + d.alreadyStarted + "\n"
	       "  token_ttl: " + d.tokenTtl + "\n"
	       "  business_error_status: " + d.businessStatus + "\n"
	       "  page_base: " + d.pageBase + "\n"
	       "  unknown_ids_in_list: " + d.unknownIds + "\n"
	       "  max_ids_per_list: " + d.maxIds + "\n"
	       "  throttle:\n"
	       "    http_status: " + d.throttleStatus + "\n"
	       "    body: " + d.throttleBody + "\n"
	       "    retry_hint: " + d.throttleHint + "\n";
}
// clang-format on

} // namespace e2e
