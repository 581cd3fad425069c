// warp_linear: OpenCV 4's warpPerspective for one 8-bit channel, bilinear, constant border
// (imgproc/src/imgwarp.cpp: WarpPerspectiveInvoker, WarpPerspectiveLine_SSE4's process, remap's
// remapBilinear with the fixed-point table of initInterTab2D), without its round trip through
// 16-bit maps, per-block remap calls and a weight table: the same positions, the same weights.
//
// OpenCV places each output pixel at a source position in 1/32 px, computed for blocks of bw0
// pixels across (64 on an image 16 rows high or more) from the block's first pixel on: X0 =
// M0*x + M1*y + M2 at the block's start x, then (X0 + M0*x1) * 32 / (W0 + M6*x1), rounded to
// the nearest (ties to even). The weights of a position's fraction (fx, fy) in 1/32 are
// (32-fx)(32-fy)*32 ... fx*fy*32 out of 32768, exact in OpenCV's float table, so the pixel is
// ((p00(32-fx) + p01 fx)(32-fy) + (p10(32-fx) + p11 fx) fy + 512) >> 10. A position whose 2x2
// neighbours are not all inside takes `border` for those outside; one wholly outside is `border`.
#include "scan/warp_linear.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace quizscan {
namespace {

constexpr int kTab = 32;  // OpenCV's INTER_TAB_SIZE: positions in 1/32 px

// The source positions of `bw` output pixels from a block's start (X0, Y0, W0) on, as OpenCV's
// WarpPerspectiveLine_SSE4::process gives them: 16 at a time in SSE2 arithmetic, the rest one by
// one (the two differ only for a position that is not a number, which a finite map does not give).
void block_positions(const double* M, double X0, double Y0, double W0, int bw, int* X, int* Y) {
    int x1 = 0;
#if defined(__SSE2__)
    const __m128d m0 = _mm_set1_pd(M[0]), m3 = _mm_set1_pd(M[3]), m6 = _mm_set1_pd(M[6]);
    const __m128d hi = _mm_set1_pd(static_cast<double>(INT_MAX)), lo = _mm_set1_pd(static_cast<double>(INT_MIN));
    const __m128d zero = _mm_setzero_pd(), tab = _mm_set1_pd(kTab), two = _mm_set1_pd(2);
    const __m128d x0 = _mm_set1_pd(X0), y0 = _mm_set1_pd(Y0), w0 = _mm_set1_pd(W0);
    __m128d xs = _mm_set_pd(1, 0);
    for (; x1 <= bw - 16; x1 += 16)
        for (int k = 0; k < 16; k += 2) {
            __m128d w = _mm_add_pd(_mm_mul_pd(m6, xs), w0);
            w = _mm_andnot_pd(_mm_cmpeq_pd(w, zero), _mm_div_pd(tab, w));
            const __m128d fx = _mm_max_pd(lo, _mm_min_pd(hi, _mm_mul_pd(_mm_add_pd(x0, _mm_mul_pd(m0, xs)), w)));
            const __m128d fy = _mm_max_pd(lo, _mm_min_pd(hi, _mm_mul_pd(_mm_add_pd(y0, _mm_mul_pd(m3, xs)), w)));
            xs = _mm_add_pd(xs, two);
            _mm_storel_epi64(reinterpret_cast<__m128i*>(X + x1 + k), _mm_cvtpd_epi32(fx));
            _mm_storel_epi64(reinterpret_cast<__m128i*>(Y + x1 + k), _mm_cvtpd_epi32(fy));
        }
#endif
    for (; x1 < bw; ++x1) {
        double W = W0 + M[6] * x1;
        W = W ? kTab / W : 0;
        X[x1] = cvRound(std::max(static_cast<double>(INT_MIN), std::min(static_cast<double>(INT_MAX), (X0 + M[0] * x1) * W)));
        Y[x1] = cvRound(std::max(static_cast<double>(INT_MIN), std::min(static_cast<double>(INT_MAX), (Y0 + M[3] * x1) * W)));
    }
}

int short_of(int v) { return std::clamp(v, SHRT_MIN, SHRT_MAX); }

// One output pixel from its source position (x, y in 1/32 px).
unsigned char one_pixel(const cv::Mat& src, int X, int Y, unsigned char border) {
    const int w = src.cols, h = src.rows;
    const int sx = short_of(X >> 5), sy = short_of(Y >> 5), fx = X & (kTab - 1), fy = Y & (kTab - 1);
    int p00, p01, p10, p11;
    if (static_cast<unsigned>(sx) < static_cast<unsigned>(std::max(w - 1, 0)) && static_cast<unsigned>(sy) < static_cast<unsigned>(std::max(h - 1, 0))) {
        const unsigned char* p = src.ptr<unsigned char>(sy) + sx;
        const auto step = static_cast<std::ptrdiff_t>(src.step);
        p00 = p[0], p01 = p[1], p10 = p[step], p11 = p[step + 1];
    } else if (sx >= w || sx + 1 < 0 || sy >= h || sy + 1 < 0) {
        return border;
    } else {
        const auto at = [&](int px, int py) -> int { return px >= 0 && px < w && py >= 0 && py < h ? src.at<unsigned char>(py, px) : border; };
        p00 = at(sx, sy), p01 = at(sx + 1, sy), p10 = at(sx, sy + 1), p11 = at(sx + 1, sy + 1);
    }
    const int top = p00 * (kTab - fx) + p01 * fx, bottom = p10 * (kTab - fx) + p11 * fx;
    return static_cast<unsigned char>((top * (kTab - fy) + bottom * fy + 512) >> 10);
}

#if defined(__SSE2__)
// The source image as the four-pixel path reads it: each pixel's offset is x + y * step, made in
// 16-bit lanes (an image under 32767 px each way and a step under 32768: the offsets fit).
struct Lanes {
    const unsigned char* data;
    std::ptrdiff_t step;
    __m128i last_x, last_y;  // the last column and row a 2x2 neighbourhood can start at, + 1
    __m128i one_step;        // (1, step) in 16-bit pairs
    static bool fits(const cv::Mat& src) {
        return src.cols < SHRT_MAX && src.rows < SHRT_MAX && src.step < static_cast<std::size_t>(SHRT_MAX) &&
               static_cast<double>(src.rows) * static_cast<double>(src.step) < INT_MAX;
    }
    explicit Lanes(const cv::Mat& src)
        : data(src.data), step(static_cast<std::ptrdiff_t>(src.step)), last_x(_mm_set1_epi32(src.cols - 1)),
          last_y(_mm_set1_epi32(src.rows - 1)), one_step(_mm_set1_epi32(static_cast<int>(src.step) << 16 | 1)) {}
};

// Four output pixels whose 2x2 neighbours are all inside, in 16-bit lanes (the same sums: they fit);
// false, and nothing written, when one is not inside. The image is under 32767 px each way, so
// a position is inside whether or not its whole pixel is first clamped to 16 bits (as OpenCV does).
bool four_inside(const Lanes& src, const int* X, const int* Y, unsigned char* d) {
    const __m128i xs = _mm_loadu_si128(reinterpret_cast<const __m128i*>(X)), ys = _mm_loadu_si128(reinterpret_cast<const __m128i*>(Y));
    const __m128i sx = _mm_srai_epi32(xs, 5), sy = _mm_srai_epi32(ys, 5), none = _mm_set1_epi32(-1);
    const __m128i in_x = _mm_and_si128(_mm_cmpgt_epi32(sx, none), _mm_cmplt_epi32(sx, src.last_x));
    const __m128i in_y = _mm_and_si128(_mm_cmpgt_epi32(sy, none), _mm_cmplt_epi32(sy, src.last_y));
    if (_mm_movemask_epi8(_mm_and_si128(in_x, in_y)) != 0xffff) return false;
    __m128i offset = _mm_madd_epi16(_mm_unpacklo_epi16(_mm_packs_epi32(sx, sx), _mm_packs_epi32(sy, sy)), src.one_step);
    std::uint16_t top[4], bottom[4];  // each: the pixel and its right neighbour
    for (int i = 0; i < 4; ++i, offset = _mm_srli_si128(offset, 4)) {
        const unsigned char* p = src.data + _mm_cvtsi128_si32(offset);
        std::memcpy(&top[i], p, 2);
        std::memcpy(&bottom[i], p + src.step, 2);
    }
    const __m128i pairs = _mm_set_epi16(static_cast<short>(bottom[3]), static_cast<short>(bottom[2]), static_cast<short>(bottom[1]),
                                        static_cast<short>(bottom[0]), static_cast<short>(top[3]), static_cast<short>(top[2]),
                                        static_cast<short>(top[1]), static_cast<short>(top[0]));
    const __m128i zero = _mm_setzero_si128(), fraction = _mm_set1_epi32(kTab - 1), whole = _mm_set1_epi16(kTab);
    const __m128i fx = _mm_and_si128(xs, fraction), fy = _mm_and_si128(ys, fraction);
    const __m128i fx16 = _mm_packs_epi32(fx, fx), fy16 = _mm_packs_epi32(fy, fy);
    const __m128i wx = _mm_unpacklo_epi16(_mm_sub_epi16(whole, fx16), fx16), wy = _mm_unpacklo_epi16(_mm_sub_epi16(whole, fy16), fy16);
    const __m128i across_top = _mm_madd_epi16(_mm_unpacklo_epi8(pairs, zero), wx);
    const __m128i across_bottom = _mm_madd_epi16(_mm_unpackhi_epi8(pairs, zero), wx);
    const __m128i rows = _mm_unpacklo_epi16(_mm_packs_epi32(across_top, across_top), _mm_packs_epi32(across_bottom, across_bottom));
    __m128i v = _mm_srai_epi32(_mm_add_epi32(_mm_madd_epi16(rows, wy), _mm_set1_epi32(512)), 10);
    v = _mm_packs_epi32(v, v);
    const int four = _mm_cvtsi128_si32(_mm_packus_epi16(v, v));
    std::memcpy(d, &four, sizeof four);
    return true;
}
#endif

// One output row from its source positions.
void interpolate_row(const cv::Mat& src, const int* X, const int* Y, int n, unsigned char border, unsigned char* d) {
    int x = 0;
#if defined(__SSE2__)
    if (Lanes::fits(src)) {
        const Lanes lanes(src);
        for (; x + 4 <= n; x += 4)
            if (!four_inside(lanes, X + x, Y + x, d + x))
                for (int i = x; i < x + 4; ++i) d[i] = one_pixel(src, X[i], Y[i], border);
    }
#endif
    for (; x < n; ++x) d[x] = one_pixel(src, X[x], Y[x], border);
}

}  // namespace

cv::Mat warp_linear(const cv::Mat& src, const cv::Matx33d& out_to_src, cv::Size size, unsigned char border) {
    cv::Mat out;
    if (src.type() != CV_8UC1 || src.empty() || size.empty()) {
        cv::warpPerspective(src, out, cv::Mat(out_to_src), size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT,
                            cv::Scalar(border));
        return out;
    }
    out.create(size, CV_8UC1);
    const double* M = out_to_src.val;
    // OpenCV's blocks: 16 rows high (or the image's height), 1024 pixels in all.
    const int bh0 = std::min(16, size.height);
    const int bw0 = std::min(1024 / bh0, size.width);
    cv::parallel_for_(
        cv::Range(0, size.height),
        [&](const cv::Range& rows) {
            std::vector<int> X(static_cast<std::size_t>(size.width)), Y(static_cast<std::size_t>(size.width));
            for (int y = rows.start; y < rows.end; ++y) {
                for (int x = 0; x < size.width; x += bw0) {
                    const double X0 = M[0] * x + M[1] * y + M[2];
                    const double Y0 = M[3] * x + M[4] * y + M[5];
                    const double W0 = M[6] * x + M[7] * y + M[8];
                    block_positions(M, X0, Y0, W0, std::min(bw0, size.width - x), X.data() + x, Y.data() + x);
                }
                interpolate_row(src, X.data(), Y.data(), size.width, border, out.ptr<unsigned char>(y));
            }
        },
        static_cast<double>(out.total()) / (1 << 16));
    return out;
}

}  // namespace quizscan
