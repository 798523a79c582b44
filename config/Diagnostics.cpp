// SPDX-License-Identifier: Apache-2.0
#include "config/Diagnostics.h"

namespace config {

void Diagnostics::add(const YAML::Mark &mark, std::string what, std::string expected)
{
	addWithin(mark, 0, std::move(what), std::move(expected));
}

void Diagnostics::addWithin(const YAML::Mark &mark, int offset, std::string what, std::string expected)
{
	if (mark.is_null() || mark.line < 0)
		addAt(1, 1 + offset, std::move(what), std::move(expected));
	else
		addAt(mark.line + 1, mark.column + 1 + offset, std::move(what), std::move(expected));
}

void Diagnostics::addAt(int line, int column, std::string what, std::string expected)
{
	errors_.push_back(ConfigError{file_, line, column, std::move(what), std::move(expected)});
}

} // namespace config
