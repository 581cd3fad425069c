// resize_area: OpenCV 4's general INTER_AREA path for one 8-bit channel (ResizeArea_Invoker and
// computeResizeAreaTab in imgproc/src/resize.cpp), with the same float arithmetic in the same
// order, so the same pixels. OpenCV sums each source row's taps through a table of (source,
// destination, weight), one tap at a time, and sums a row again for every output row it is part
// of; here every output pixel has a fixed number of taps (a tap of weight 0 adds +0, which
// changes no sum of non-negative terms), four output pixels are summed at a time, and a row
// summed across is kept for the next output row that needs it.
#include "scan/area_resize.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#include <xmmintrin.h>
#endif

namespace quizscan {
namespace {

struct Tap {
    int si;       // source pixel
    int di;       // output pixel
    float alpha;  // its weight
};

// OpenCV's computeResizeAreaTab for one channel: the taps of every output pixel, in order.
std::vector<Tap> area_taps(int ssize, int dsize, double scale) {
    std::vector<Tap> tab;
    tab.reserve(static_cast<std::size_t>(ssize) * 2);
    for (int dx = 0; dx < dsize; dx++) {
        const double fsx1 = dx * scale;
        const double fsx2 = fsx1 + scale;
        const double cell = std::min(scale, ssize - fsx1);
        int sx1 = cvCeil(fsx1), sx2 = cvFloor(fsx2);
        sx2 = std::min(sx2, ssize - 1);
        sx1 = std::min(sx1, sx2);
        if (sx1 - fsx1 > 1e-3) tab.push_back({sx1 - 1, dx, static_cast<float>((sx1 - fsx1) / cell)});
        for (int sx = sx1; sx < sx2; sx++) tab.push_back({sx, dx, static_cast<float>(1.0 / cell)});
        if (fsx2 - sx2 > 1e-3) tab.push_back({sx2, dx, static_cast<float>(std::min(std::min(fsx2 - sx2, 1.), cell) / cell)});
    }
    return tab;
}

// The taps across a row as `taps` weights per output pixel from `start[dx]` on, zeros padding
// the pixels with fewer (before their first tap or after their last one); at least 4 taps when
// the row is that wide. The weights by tap: alpha[k * dsize + dx].
struct RowTaps {
    int taps = 0;
    std::vector<int> start;
    std::vector<float> alpha;
};

// Empty when an output pixel's taps are not neighbours in order (never, from area_taps).
RowTaps row_taps(const std::vector<Tap>& tab, int ssize, int dsize) {
    std::vector<int> first(dsize, -1), count(dsize, 0);
    for (const Tap& t : tab) {
        if (first[t.di] < 0) first[t.di] = t.si;
        else if (t.si != first[t.di] + count[t.di]) return {};
        ++count[t.di];
    }
    RowTaps r;
    r.taps = std::min(ssize, std::max(4, *std::max_element(count.begin(), count.end())));
    if (*std::min_element(count.begin(), count.end()) < 1 || *std::max_element(count.begin(), count.end()) > r.taps) return {};
    r.start.resize(dsize);
    r.alpha.assign(static_cast<std::size_t>(dsize) * r.taps, 0.0f);
    for (int dx = 0; dx < dsize; ++dx) r.start[dx] = std::min(first[dx], ssize - r.taps);
    for (const Tap& t : tab) r.alpha[static_cast<std::size_t>(t.si - r.start[t.di]) * dsize + t.di] = t.alpha;
    return r;
}

// Output pixels [dx, dsize) of one source row summed across: out[dx] = ((s0*a0 + s1*a1) + ...),
// OpenCV's order, each pixel as a float (exact).
void sum_across_from(int dx, const uchar* src, const RowTaps& r, int dsize, float* out) {
    for (; dx < dsize; ++dx) {
        const uchar* s = src + r.start[dx];
        const float* a = r.alpha.data() + dx;
        float v = static_cast<float>(s[0]) * a[0];
        for (int k = 1; k < r.taps; ++k) v += static_cast<float>(s[k]) * a[static_cast<std::ptrdiff_t>(k) * dsize];
        out[dx] = v;
    }
}

#if defined(__SSE2__)
// The four bytes from `s` on as four floats.
inline __m128 four_pixels(const uchar* s) {
    int v;
    std::memcpy(&v, s, sizeof v);
    const __m128i zero = _mm_setzero_si128();
    return _mm_cvtepi32_ps(_mm_unpacklo_epi16(_mm_unpacklo_epi8(_mm_cvtsi32_si128(v), zero), zero));
}
#endif

void sum_across(const uchar* src, const RowTaps& r, int dsize, float* out) {
    int dx = 0;
#if defined(__SSE2__)
    if (r.taps == 4) {  // four output pixels at a time: their four taps loaded, turned to columns
        const float* a = r.alpha.data();
        for (; dx + 4 <= dsize; dx += 4) {
            __m128 t0 = four_pixels(src + r.start[dx]), t1 = four_pixels(src + r.start[dx + 1]);
            __m128 t2 = four_pixels(src + r.start[dx + 2]), t3 = four_pixels(src + r.start[dx + 3]);
            _MM_TRANSPOSE4_PS(t0, t1, t2, t3);
            __m128 v = _mm_mul_ps(t0, _mm_loadu_ps(a + dx));
            v = _mm_add_ps(v, _mm_mul_ps(t1, _mm_loadu_ps(a + dsize + dx)));
            v = _mm_add_ps(v, _mm_mul_ps(t2, _mm_loadu_ps(a + 2 * dsize + dx)));
            v = _mm_add_ps(v, _mm_mul_ps(t3, _mm_loadu_ps(a + 3 * dsize + dx)));
            _mm_storeu_ps(out + dx, v);
        }
    }
#endif
    sum_across_from(dx, src, r, dsize, out);
}

// A row of sums rounded to 8 bits: cv::saturate_cast<uchar>(float), 16 at a time where SSE2 is
// (the same rounding: to nearest, ties to even; the same clamping).
void round_row(const float* sum, int n, uchar* d) {
    int x = 0;
#if defined(__SSE2__)
    for (; x + 16 <= n; x += 16) {
        const __m128i a = _mm_cvtps_epi32(_mm_loadu_ps(sum + x)), b = _mm_cvtps_epi32(_mm_loadu_ps(sum + x + 4));
        const __m128i c = _mm_cvtps_epi32(_mm_loadu_ps(sum + x + 8)), e = _mm_cvtps_epi32(_mm_loadu_ps(sum + x + 12));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(d + x), _mm_packus_epi16(_mm_packs_epi32(a, b), _mm_packs_epi32(c, e)));
    }
#endif
    for (; x < n; ++x) d[x] = cv::saturate_cast<uchar>(sum[x]);
}

// Output rows [range.start, range.end): each the weighted sum of its source rows' sums across.
class AreaRows : public cv::ParallelLoopBody {
public:
    AreaRows(const cv::Mat& src, cv::Mat& dst, const RowTaps& across, const std::vector<Tap>& ytab, const std::vector<int>& row_first)
        : src_(src), dst_(dst), across_(across), ytab_(ytab), row_first_(row_first) {}

    void operator()(const cv::Range& range) const override {
        const int dw = dst_.cols;
        std::vector<float> across(dw), sum(dw);
        int summed = -1;  // the source row in `across`
        for (int dy = range.start; dy < range.end; ++dy) {
            for (int j = row_first_[dy]; j < row_first_[dy + 1]; ++j) {
                const int sy = ytab_[j].si;
                if (sy != summed) {
                    sum_across(src_.ptr<uchar>(sy), across_, dw, across.data());
                    summed = sy;
                }
                const float beta = ytab_[j].alpha;
                if (j == row_first_[dy])
                    for (int dx = 0; dx < dw; ++dx) sum[dx] = beta * across[dx];
                else
                    for (int dx = 0; dx < dw; ++dx) sum[dx] += beta * across[dx];
            }
            round_row(sum.data(), dw, dst_.ptr<uchar>(dy));
        }
    }

private:
    const cv::Mat& src_;
    cv::Mat& dst_;
    const RowTaps& across_;
    const std::vector<Tap>& ytab_;
    const std::vector<int>& row_first_;
};

// The general area path, or false where it is not OpenCV's (the output is then untouched).
bool general_area(const cv::Mat& src, cv::Mat& dst, cv::Size dsize, double inv_scale_x, double inv_scale_y) {
    if (src.type() != CV_8UC1 || dsize == src.size()) return false;
    if (cv::Size(cv::saturate_cast<int>(src.cols * inv_scale_x), cv::saturate_cast<int>(src.rows * inv_scale_y)) != dsize) return false;
    const double scale_x = 1. / inv_scale_x, scale_y = 1. / inv_scale_y;
    const int iscale_x = cv::saturate_cast<int>(scale_x), iscale_y = cv::saturate_cast<int>(scale_y);
    const bool fast = std::abs(scale_x - iscale_x) < DBL_EPSILON && std::abs(scale_y - iscale_y) < DBL_EPSILON;
    if (fast || scale_x < 1 || scale_y < 1) return false;
    const RowTaps across = row_taps(area_taps(src.cols, dsize.width, scale_x), src.cols, dsize.width);
    const std::vector<Tap> ytab = area_taps(src.rows, dsize.height, scale_y);
    if (across.taps == 0) return false;
    std::vector<int> row_first;
    for (std::size_t k = 0; k < ytab.size(); ++k)
        if (k == 0 || ytab[k].di != ytab[k - 1].di) {
            if (ytab[k].di != static_cast<int>(row_first.size())) return false;
            row_first.push_back(static_cast<int>(k));
        }
    if (static_cast<int>(row_first.size()) != dsize.height) return false;
    row_first.push_back(static_cast<int>(ytab.size()));
    cv::Mat out(dsize, CV_8UC1);
    cv::parallel_for_(cv::Range(0, dsize.height), AreaRows(src, out, across, ytab, row_first),
                      static_cast<double>(out.total()) / (1 << 16));
    dst = out;
    return true;
}

}  // namespace

void resize_area(const cv::Mat& src, cv::Mat& dst, cv::Size dsize, double fx, double fy) {
    // The size and factors as cv::resize works them out: a factor given sets the size, a size
    // given sets the factors.
    cv::Size size = dsize;
    double inv_x = fx, inv_y = fy;
    if (size.empty() && fx > 0 && fy > 0 && !src.empty()) {
        size = cv::Size(cv::saturate_cast<int>(src.cols * fx), cv::saturate_cast<int>(src.rows * fy));
    } else if (!size.empty() && !src.empty()) {
        inv_x = static_cast<double>(size.width) / src.cols;
        inv_y = static_cast<double>(size.height) / src.rows;
    }
    if (!size.empty() && !src.empty() && general_area(src, dst, size, inv_x, inv_y)) return;
    cv::resize(src, dst, dsize, fx, fy, cv::INTER_AREA);
}

}  // namespace quizscan
