// A decoded page: 8-bit grey pixels plus where it came from and its resolution.
#pragma once

#include <opencv2/core.hpp>
#include <string>

namespace quizscan {

struct PageImage {
    cv::Mat gray;          // CV_8UC1, paper white
    double dpi = 0;        // from the file when known, else estimated from the paper size
    std::string source;    // file name
    int page_index = 1;    // 1-based within the file
    bool bilevel = false;  // stored in 1 bit a pixel (a scanner's black-and-white mode), as far as the file says
};

}  // namespace quizscan
