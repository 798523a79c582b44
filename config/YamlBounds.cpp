// SPDX-License-Identifier: Apache-2.0
#include "config/YamlBounds.h"

#include <vector>

#include "config/InputLimits.h"

namespace config {

bool checkYamlBounds(const YAML::Node &doc, Diagnostics &diag)
{
	struct Pending {
		YAML::Node node;
		int depth;
	};
	std::vector<Pending> stack{{doc, 0}};
	std::size_t visited = 0;
	while (!stack.empty()) {
		Pending p = stack.back();
		stack.pop_back();
		if (++visited > InputLimits::maxYamlNodes) {
			diag.add(p.node.Mark(),
				 "the document expands to more than " + std::to_string(InputLimits::maxYamlNodes) +
					 " nodes (through aliases or sheer size)",
				 "a job or config of ordinary size; avoid aliases that repeat large parts");
			return false;
		}
		if (!p.node.IsMap() && !p.node.IsSequence())
			continue;
		if (p.depth >= InputLimits::maxYamlDepth) {
			diag.add(p.node.Mark(),
				 "nesting deeper than " + std::to_string(InputLimits::maxYamlDepth) + " levels",
				 "at most " + std::to_string(InputLimits::maxYamlDepth) + " nested mappings or lists");
			return false;
		}
		for (auto it = p.node.begin(); it != p.node.end(); ++it) {
			if (p.node.IsMap()) {
				stack.push_back({it->first, p.depth + 1});
				stack.push_back({it->second, p.depth + 1});
			} else {
				stack.push_back({*it, p.depth + 1});
			}
		}
	}
	return true;
}

} // namespace config
