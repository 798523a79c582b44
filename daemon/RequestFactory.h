// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <variant>

#include "base/ApiError.h"
#include "config/JobSpec.h"
#include "dbs/Requests.h"
#include "dbs/Secret.h"
#include "statemachine/JobCommand.h"
#include "statemachine/JobRun.h"

namespace restored {

// Reads the destination database password a job names (a credential or a
// file). Throws std::runtime_error with a message that names the source but
// never the value.
using SecretReader = std::function<dbs::Secret(const config::SecretRef &)>;

// FindRestoreTask: every task of the plan is listed (DescribeRestoreTaskList
// by BackupPlanId, all pages) and the one with this name is taken.
struct FindRestoreTaskRequest {
	std::string backupPlanId;
	std::string restoreTaskName;
};

// ListBackupSets / FindBackupSet: every full backup set of the plan
// (DescribeFullBackupList by BackupPlanId, all pages).
struct ListBackupSetsRequest {
	std::string backupPlanId;
};

// The typed request for one CallApi command. Parameters are rebuilt from the
// run's definition and record every time, so a re-send after a restart
// carries exactly the parameters (and the token) of the first send, which
// DBS needs to treat it as the same request.
using ApiRequest =
	std::variant<dbs::StartBackupPlanRequest, dbs::CreateRestoreTaskRequest, dbs::StartRestoreTaskRequest,
		     dbs::DescribeJobErrorCodeRequest, FindRestoreTaskRequest, ListBackupSetsRequest>;

// Either the request, or why it cannot be built (a permanent, local error:
// an unreadable password file, a missing backup set id).
using BuiltRequest = std::variant<ApiRequest, base::ApiError>;

// Pure apart from the SecretReader. Called on the daemon's io_context thread.
BuiltRequest buildRequest(const config::JobSpec &spec, const statemachine::JobRun &run,
			  const statemachine::CallApi &call, const SecretReader &readSecret);

// The default SecretReader: reads secretPath(ref); one trailing newline is
// dropped.
dbs::Secret readSecretRef(const config::SecretRef &ref);
// Where a secret lives: $CREDENTIALS_DIRECTORY/<name> for a credential (""
// when that variable is not set), the path for a file, "" for none. A
// hook is given this path, never the secret.
std::string secretPath(const config::SecretRef &ref);

} // namespace restored
