// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <string>

namespace config {

// Offline validation, like `nginx -t`, behind `dbs-restored --check-config`:
// reads the main config at configPath and, if it is valid, every job file
// in its jobs_dir. Prints each error as "file:line:column: what; expected
// what", then one summary line. Returns 0 when everything is valid, else 1.
// Contacts no service and never prints a secret.
int checkConfig(const std::string &configPath, std::ostream &out);

} // namespace config
