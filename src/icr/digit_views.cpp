#include "icr/digit_views.hpp"

#include <opencv2/imgproc.hpp>

namespace quizscan::icr {

namespace {

cv::Mat warped(const cv::Mat& img, const cv::Mat& m) {
    cv::Mat out;
    cv::warpAffine(img, out, m, img.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    return out;
}

}  // namespace

std::vector<cv::Mat> moved_views(const cv::Mat& norm28) {
    const cv::Point2f centre((norm28.cols - 1) / 2.0f, (norm28.rows - 1) / 2.0f);
    std::vector<cv::Mat> views;
    for (const cv::Point2d d : {cv::Point2d(-1, 0), cv::Point2d(1, 0), cv::Point2d(0, -1), cv::Point2d(0, 1)})
        views.push_back(warped(norm28, (cv::Mat_<double>(2, 3) << 1, 0, d.x, 0, 1, d.y)));
    for (const double degrees : {-8.0, 8.0}) views.push_back(warped(norm28, cv::getRotationMatrix2D(centre, degrees, 1.0)));
    for (const double scale : {0.9, 1.1}) views.push_back(warped(norm28, cv::getRotationMatrix2D(centre, 0.0, scale)));
    return views;
}

}  // namespace quizscan::icr
