// Where quizscan finds its shipped data (forms/, calibration/): beside an installed binary
// (<prefix>/share/quizscan), else in the source tree it was built from.
#pragma once

#include <string>

namespace quizscan::cli {

// The folder holding forms/ and calibration/: <exe dir>/../share/quizscan when that exists
// (an installed quizscan), otherwise the source tree compiled in (a build tree).
std::string data_dir();

// `relative` (e.g. "forms/mlsysim-quiz.yaml") in the current directory if it is there,
// otherwise under data_dir().
std::string data_file(const std::string& relative);

}  // namespace quizscan::cli
