// SPDX-License-Identifier: Apache-2.0
#include "config/YamlDocumentCount.h"

#include <optional>
#include <sstream>
#include <string>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

namespace config {

namespace {

// Remembers where a document's first node is; builds nothing.
class FirstNodeMark : public YAML::EventHandler
{
public:
	std::optional<YAML::Mark> mark;

	void OnDocumentStart(const YAML::Mark &) override {}
	void OnDocumentEnd() override {}
	void OnNull(const YAML::Mark &m, YAML::anchor_t) override { note(m); }
	void OnAlias(const YAML::Mark &m, YAML::anchor_t) override { note(m); }
	void OnScalar(const YAML::Mark &m, const std::string &, YAML::anchor_t, const std::string &) override
	{
		note(m);
	}
	void OnSequenceStart(const YAML::Mark &m, const std::string &, YAML::anchor_t,
			     YAML::EmitterStyle::value) override
	{
		note(m);
	}
	void OnSequenceEnd() override {}
	void OnMapStart(const YAML::Mark &m, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override
	{
		note(m);
	}
	void OnMapEnd() override {}

private:
	void note(const YAML::Mark &m)
	{
		if (!mark)
			mark = m;
	}
};

} // namespace

YamlDocumentCount countYamlDocuments(std::string_view text)
{
	std::istringstream in{std::string(text)};
	YAML::Parser parser(in);
	YamlDocumentCount count;
	for (int i = 0; i < 2; ++i) {
		FirstNodeMark handler;
		if (!parser.HandleNextDocument(handler))
			break;
		++count.documents;
		if (i == 1)
			count.secondRoot = handler.mark.value_or(YAML::Mark::null_mark());
	}
	return count;
}

} // namespace config
