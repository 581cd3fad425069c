// PNG encoding with libpng directly: one row filter (Paeth) instead of the per-row choice among
// all five that OpenCV's encoder leaves to libpng, and run-length deflate at level 1. On the
// store's crops and previews that takes a quarter less time than cv::imencode with the same
// deflate settings, for files about 1% larger (docs/benchmarks.md, issue 27).
#include "store/png.hpp"

#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <new>
#include <stdexcept>
#include <string>

namespace quizscan::store {
namespace {

void append(png_structp png, png_bytep data, png_size_t n) {
    auto* out = static_cast<std::vector<unsigned char>*>(png_get_io_ptr(png));
    bool grown = true;
    try {
        out->insert(out->end(), data, data + n);
    } catch (const std::bad_alloc&) {
        grown = false;
    }
    // Outside the handler: png_error leaves by longjmp (to png_bytes), which must not skip a catch's end.
    if (!grown) png_error(png, "out of memory");
}

void no_flush(png_structp) {}

}  // namespace

std::vector<unsigned char> png_bytes(const cv::Mat& gray) {
    CV_Assert(gray.type() == CV_8UC1 && !gray.empty());
    std::vector<unsigned char> out;
    out.reserve(gray.total() / 4);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        throw std::bad_alloc();
    }
    // libpng reports errors by longjmp to here; nothing below owns a resource but png and info.
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        throw std::runtime_error("png: cannot encode a " + std::to_string(gray.cols) + "x" + std::to_string(gray.rows) + " image");
    }
    png_set_write_fn(png, &out, append, no_flush);
    png_set_IHDR(png, info, static_cast<png_uint_32>(gray.cols), static_cast<png_uint_32>(gray.rows), 8, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_PAETH);
    png_set_compression_level(png, 1);
    png_set_compression_strategy(png, Z_RLE);
    png_write_info(png, info);
    for (int y = 0; y < gray.rows; ++y) png_write_row(png, gray.ptr<png_byte>(y));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return out;
}

}  // namespace quizscan::store
