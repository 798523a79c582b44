// SPDX-License-Identifier: Apache-2.0
#include "metrics/DaemonFamilies.h"

namespace metrics {

const Registry &daemonRegistry()
{
	static const Registry registry = [] {
		using namespace families;
		Registry r;
		for (const Family *f :
		     {&processCpu,         &processResident,     &processVirtual,     &processStart,
		      &processOpenFds,     &processMaxFds,       &buildInfo,          &jobs,
		      &invalidJobFiles,    &jobLastRun,          &jobLastSuccess,     &jobLastVerified,
		      &jobNextRun,         &jobScheduleInterval, &jobLastOutcome,     &runs,
		      &jobRestoreDuration, &jobRtoObjective,     &jobRestoreProgress, &apiRequests,
		      &apiRequestDuration, &apiQueued,           &stateWriteErrors})
			r.add(*f);
		return r;
	}();
	return registry;
}

} // namespace metrics
