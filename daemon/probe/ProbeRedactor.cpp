// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeRedactor.h"

#include <algorithm>

namespace restored::probe {

void Redactor::note(const std::string &id, const std::string &kind)
{
	if (id.empty() || placeholders_.count(id))
		return;
	placeholders_[id] = kind + "-" + std::to_string(++counts_[kind]);
}

std::string Redactor::apply(const std::string &text) const
{
	std::vector<const std::pair<const std::string, std::string> *> order;
	for (const auto &p : placeholders_)
		order.push_back(&p);
	std::stable_sort(order.begin(), order.end(),
			 [](auto *a, auto *b) { return a->first.size() > b->first.size(); });
	std::string out = text;
	for (const auto *p : order)
		for (auto at = out.find(p->first); at != std::string::npos;
		     at = out.find(p->first, at + p->second.size()))
			out.replace(at, p->first.size(), p->second);
	return out;
}

void Redactor::apply(boost::json::value &v) const
{
	if (v.is_string()) {
		v = apply(std::string(v.as_string()));
	} else if (v.is_array()) {
		for (auto &e : v.as_array())
			apply(e);
	} else if (v.is_object()) {
		boost::json::object redacted;
		for (auto &kv : v.as_object()) {
			boost::json::value value = kv.value();
			apply(value);
			redacted[apply(std::string(kv.key()))] = std::move(value);
		}
		v = std::move(redacted);
	}
}

void Redactor::apply(ProbeReport &r) const
{
	r.endpoint = apply(r.endpoint);
	r.accessKeyId = apply(r.accessKeyId);
	r.plan = apply(r.plan);
	for (auto &f : r.findings) {
		f.reading = apply(f.reading);
		f.fitNote = apply(f.fitNote);
		boost::json::value details = f.details;
		apply(details);
		f.details = std::move(details.as_object());
	}
	r.redacted = true;
}

} // namespace restored::probe
