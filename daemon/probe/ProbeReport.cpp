// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeReport.h"

#include <boost/json/serialize.hpp>

namespace restored::probe {

const Finding *ProbeReport::find(const std::string &key) const
{
	for (const auto &f : findings)
		if (f.key == key)
			return &f;
	return nullptr;
}

std::string_view toString(Fit f)
{
	switch (f) {
	case Fit::Yes: return "yes";
	case Fit::No: return "no";
	case Fit::Unknown: break;
	}
	return "unknown";
}

boost::json::object toJson(const ProbeReport &r)
{
	boost::json::object calls;
	for (const auto &[action, n] : r.callsByAction)
		calls[action] = n;
	boost::json::array findings;
	for (const auto &f : r.findings) {
		boost::json::object o;
		o["key"] = f.key;
		o["title"] = f.title;
		o["determined"] = f.determined;
		o["reading"] = f.reading;
		o["details"] = f.details;
		o["dependsOn"] = f.dependsOn;
		o["defaultsFit"] = toString(f.fit);
		o["fitNote"] = f.fitNote;
		findings.push_back(std::move(o));
	}
	return boost::json::object{
		{"schema", probeSchema},
		{"endpoint", r.endpoint},
		{"accessKeyId", r.accessKeyId},
		{"backupPlanId", r.plan},
		{"redacted", r.redacted},
		{"calls",
		 boost::json::object{{"budget", r.callBudget}, {"made", r.callsMade}, {"byAction", std::move(calls)}}},
		{"findings", std::move(findings)},
	};
}

std::string toText(const ProbeReport &r)
{
	std::string s = "dbs-restored probe of " + r.endpoint + " (key " + r.accessKeyId + ", plan " +
			(r.plan.empty() ? std::string("none") : r.plan) + ")\n";
	s += "calls: " + std::to_string(r.callsMade) + " of at most " + std::to_string(r.callBudget);
	for (const auto &[action, n] : r.callsByAction)
		s += ", " + action + " " + std::to_string(n);
	s += r.redacted ? "\nids are redacted\n\n" : "\n\n";
	for (const auto &f : r.findings) {
		s += f.title + ": " + f.reading + "\n";
		if (!f.details.empty())
			s += "  details: " + boost::json::serialize(f.details) + "\n";
		s += "  daemon: " + f.dependsOn + "\n";
		s += "  defaults fit: " + std::string(toString(f.fit)) +
		     (f.fitNote.empty() ? "" : " (" + f.fitNote + ")") + "\n\n";
	}
	return s;
}

} // namespace restored::probe
