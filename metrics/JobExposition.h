// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>

#include "metrics/JobSnapshot.h"

namespace metrics {

class TextWriter;

// The per-job families (dbs_restored_job_*, dbs_restored_runs_total), one
// family after the other, each with every job in `jobs`: all outcomes and
// all four progress phases of every job, 0 until they mean something.
// Next run and schedule interval only for scheduled jobs. Pure.
void writeJobFamilies(TextWriter &w, std::span<const JobSnapshot> jobs);

} // namespace metrics
