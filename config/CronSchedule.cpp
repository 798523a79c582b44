// SPDX-License-Identifier: Apache-2.0
#include "config/CronSchedule.h"

#include <array>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace config {

namespace {

struct FieldSpec {
	const char *name;
	int min;
	int max;
	const std::array<const char *, 12> *names; // names[i] means min + i, or nullptr
};

constexpr std::array<const char *, 12> monthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
						     "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<const char *, 12> dayNames = {"SUN", "MON",   "TUE",   "WED",   "THU",   "FRI",
						   "SAT", nullptr, nullptr, nullptr, nullptr, nullptr};

// Day-of-week allows 7 so that both 0 and 7 mean Sunday, as in Vixie cron.
constexpr FieldSpec fieldSpecs[5] = {
	{"minute", 0, 59, nullptr},    {"hour", 0, 23, nullptr},         {"day-of-month", 1, 31, nullptr},
	{"month", 1, 12, &monthNames}, {"day-of-week", 0, 7, &dayNames},
};

using Error = CronSchedule::ParseError;

// Parses one number or name at text[pos...]; advances pos.
std::optional<int> parseValue(std::string_view text, std::size_t &pos, const FieldSpec &spec, int column, Error &err)
{
	std::size_t start = pos;
	if (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
		int n = 0;
		while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) && n < 1000)
			n = n * 10 + (text[pos++] - '0');
		if (n < spec.min || n > spec.max) {
			err = {column + int(start), std::string(spec.name) + " value " + std::to_string(n) +
							    " is out of range " + std::to_string(spec.min) + "-" +
							    std::to_string(spec.max)};
			return std::nullopt;
		}
		return n;
	}
	while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos])))
		++pos;
	std::string word(text.substr(start, pos - start));
	for (auto &c : word)
		c = char(std::toupper(static_cast<unsigned char>(c)));
	if (spec.names && !word.empty())
		for (std::size_t i = 0; i < spec.names->size(); ++i)
			if ((*spec.names)[i] && word == (*spec.names)[i])
				return spec.min + int(i);
	err = {column + int(start),
	       word.empty() ? "expected a number in the " + std::string(spec.name) + " field"
			    : "unknown name '" + word + "' in the " + std::string(spec.name) + " field"};
	return std::nullopt;
}

// Parses one comma-separated field into bits [min, max]. column is 1-based.
bool parseField(std::string_view text, const FieldSpec &spec, int column, std::vector<bool> &bits, Error &err)
{
	bits.assign(std::size_t(spec.max) + 1, false);
	std::size_t pos = 0;
	while (true) {
		std::size_t itemStart = pos;
		int lo = spec.min, hi = spec.max;
		bool single = false;
		if (pos < text.size() && text[pos] == '*') {
			++pos;
		} else {
			auto a = parseValue(text, pos, spec, column, err);
			if (!a)
				return false;
			lo = hi = *a;
			single = true;
			if (pos < text.size() && text[pos] == '-') {
				++pos;
				auto b = parseValue(text, pos, spec, column, err);
				if (!b)
					return false;
				if (*b < *a) {
					err = {column + int(itemStart), "range " + std::to_string(*a) + "-" +
										std::to_string(*b) + " in the " +
										spec.name + " field runs backwards"};
					return false;
				}
				hi = *b;
				single = false;
			}
		}
		int step = 1;
		if (pos < text.size() && text[pos] == '/') {
			++pos;
			std::size_t stepStart = pos;
			step = 0;
			while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) && step < 1000)
				step = step * 10 + (text[pos++] - '0');
			if (pos == stepStart || step == 0) {
				err = {column + int(stepStart), "expected a positive step after '/' in the " +
									std::string(spec.name) + " field"};
				return false;
			}
			if (single) // "5/10" means "5-max/10"
				hi = spec.max;
		}
		for (int v = lo; v <= hi; v += step)
			bits[std::size_t(v)] = true;
		if (pos == text.size())
			return true;
		if (text[pos] != ',') {
			err = {column + int(pos),
			       std::string("unexpected character '") + text[pos] + "' in the " + spec.name + " field"};
			return false;
		}
		++pos;
	}
}

std::string_view expandMacro(std::string_view e)
{
	if (e == "@hourly")
		return "0 * * * *";
	if (e == "@daily" || e == "@midnight")
		return "0 0 * * *";
	if (e == "@weekly")
		return "0 0 * * 0";
	if (e == "@monthly")
		return "0 0 1 * *";
	if (e == "@yearly" || e == "@annually")
		return "0 0 1 1 *";
	return {};
}

} // namespace

std::variant<CronSchedule, CronSchedule::ParseError> CronSchedule::parse(std::string_view expression)
{
	std::string_view text = expression;
	bool macro = !text.empty() && text.front() == '@';
	if (macro) {
		text = expandMacro(expression);
		if (text.empty())
			return ParseError{
				1,
				"unknown macro '" + std::string(expression) +
					"' (supported: @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually)"};
	}
	// Split on blanks, remembering where each field starts for error columns.
	std::vector<std::pair<std::string_view, int>> fields;
	for (std::size_t i = 0; i < text.size();) {
		if (text[i] == ' ' || text[i] == '\t') {
			++i;
			continue;
		}
		std::size_t start = i;
		while (i < text.size() && text[i] != ' ' && text[i] != '\t')
			++i;
		fields.emplace_back(text.substr(start, i - start), macro ? 1 : int(start) + 1);
	}
	if (fields.size() != 5)
		return ParseError{1, "expected 5 fields (minute hour day-of-month month day-of-week), got " +
					     std::to_string(fields.size())};

	CronSchedule s;
	s.expression_ = std::string(expression);
	std::vector<bool> bits[5];
	for (int f = 0; f < 5; ++f) {
		ParseError err;
		if (!parseField(fields[f].first, fieldSpecs[f], fields[f].second, bits[f], err))
			return err;
	}
	for (int m = 0; m < 60; ++m)
		s.minutes_[m] = bits[0][m];
	for (int h = 0; h < 24; ++h)
		s.hours_[h] = bits[1][h];
	for (int d = 1; d <= 31; ++d)
		s.daysOfMonth_[d] = bits[2][d];
	for (int m = 1; m <= 12; ++m)
		s.months_[m] = bits[3][m];
	for (int d = 0; d <= 7; ++d)
		if (bits[4][d])
			s.daysOfWeek_[d % 7] = true;
	s.domStar_ = fields[2].first.front() == '*';
	s.dowStar_ = fields[4].first.front() == '*';

	// "0 0 30 2 *" would never run; say so now instead of silently never firing.
	// When either day field starts with '*' both must match (Vixie cron), so
	// "0 0 31 2 */7" never runs either; a day of the month that exists does
	// fall on every weekday within 400 years, which next() searches.
	if (s.domStar_ || s.dowStar_) {
		static constexpr int maxDays[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		bool possible = false;
		for (int m = 1; m <= 12; ++m)
			for (int d = 1; d <= maxDays[m]; ++d)
				possible = possible || (s.months_[m] && s.daysOfMonth_[d]);
		if (!possible)
			return ParseError{fields[2].second, "the day-of-month never occurs in the selected months"};
	}
	return s;
}

CronSchedule CronSchedule::fromValidated(std::string_view expression)
{
	auto parsed = parse(expression);
	if (auto *err = std::get_if<ParseError>(&parsed))
		throw std::invalid_argument("bad cron expression '" + std::string(expression) + "' at column " +
					    std::to_string(err->column) + ": " + err->message);
	return std::get<CronSchedule>(std::move(parsed));
}

bool CronSchedule::dayMatches(std::chrono::year_month_day ymd) const
{
	bool dom = daysOfMonth_[unsigned(ymd.day())];
	bool dow = daysOfWeek_[std::chrono::weekday(std::chrono::sys_days(ymd)).c_encoding()];
	if (domStar_ || dowStar_)
		return dom && dow;
	return dom || dow;
}

std::optional<std::chrono::system_clock::time_point>
CronSchedule::next(std::chrono::system_clock::time_point after) const
{
	using namespace std::chrono;
	auto start = floor<minutes>(after) + minutes(1);
	auto day = floor<days>(start);
	// Not nine years, as it was: "0 1 4 10 */7" (4 October, when a Sunday)
	// skips from 2026 to 2037, and a Sunday 29 February comes every 28
	// years (found by fuzz/CronFuzz.cpp). The loop ends early for any
	// ordinary expression.
	for (int i = 0; i < 146097; ++i, day += days(1)) {
		year_month_day ymd(day);
		if (!months_[unsigned(ymd.month())] || !dayMatches(ymd))
			continue;
		for (int h = 0; h < 24; ++h) {
			if (!hours_[h])
				continue;
			for (int m = 0; m < 60; ++m) {
				auto t = day + hours(h) + minutes(m);
				if (minutes_[m] && t >= start)
					return time_point_cast<system_clock::duration>(t);
			}
		}
	}
	return std::nullopt;
}

} // namespace config
