// File kinds by their magic bytes; image sizes and completeness from headers and tails
// (PNG IHDR/IEND, JPEG SOF/EOI, BMP info header, WebP VP8/VP8L/VP8X, JPEG 2000 ihdr/SIZ/EOC).
#include "scan/image_header.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>

namespace quizscan {
namespace {

using Bytes = std::vector<unsigned char>;

std::uint32_t be32(const Bytes& b, std::size_t i) {
    return (std::uint32_t{b[i]} << 24) | (std::uint32_t{b[i + 1]} << 16) | (std::uint32_t{b[i + 2]} << 8) | b[i + 3];
}
std::uint32_t le16(const Bytes& b, std::size_t i) { return b[i] | (std::uint32_t{b[i + 1]} << 8); }
std::uint32_t le24(const Bytes& b, std::size_t i) { return le16(b, i) | (std::uint32_t{b[i + 2]} << 16); }
std::uint32_t le32(const Bytes& b, std::size_t i) { return le24(b, i) | (std::uint32_t{b[i + 3]} << 24); }
bool has(const Bytes& b, std::size_t at, const char* s) {
    const std::size_t n = std::strlen(s);
    return b.size() >= at + n && std::equal(s, s + n, b.begin() + static_cast<std::ptrdiff_t>(at));
}

const unsigned char kJp2Signature[12] = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A};

bool bmp_info_size_ok(std::uint32_t s) { return s == 12 || s == 40 || s == 52 || s == 56 || s == 64 || s == 108 || s == 124; }

bool bmp_size(const Bytes& b, long long& w, long long& h) {
    if (b.size() < 26) return false;
    if (le32(b, 14) == 12) {
        w = le16(b, 18), h = le16(b, 20);
        return true;
    }
    if (b.size() < 30) return false;
    w = static_cast<std::int32_t>(le32(b, 18));
    h = static_cast<std::int32_t>(le32(b, 22));
    if (h < 0) h = -h;  // rows stored top-down
    return w > 0;
}

bool webp_size(const Bytes& b, long long& w, long long& h) {
    if (has(b, 12, "VP8 ") && b.size() >= 30 && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A) {
        w = le16(b, 26) & 0x3FFF, h = le16(b, 28) & 0x3FFF;
        return true;
    }
    if (has(b, 12, "VP8L") && b.size() >= 25 && b[20] == 0x2F) {
        const std::uint32_t bits = le32(b, 21);
        w = (bits & 0x3FFF) + 1, h = ((bits >> 14) & 0x3FFF) + 1;
        return true;
    }
    if (has(b, 12, "VP8X") && b.size() >= 30) {
        w = le24(b, 24) + 1LL, h = le24(b, 27) + 1LL;
        return true;
    }
    return false;
}

bool jp2_size(const Bytes& b, long long& w, long long& h) {
    if (b.size() >= 24 && b[0] == 0xFF && b[1] == 0x4F && b[2] == 0xFF && b[3] == 0x51) {  // raw codestream: SIZ
        w = static_cast<long long>(be32(b, 8)) - be32(b, 16);
        h = static_cast<long long>(be32(b, 12)) - be32(b, 20);
        return w > 0 && h > 0;
    }
    static const unsigned char ihdr[] = {'i', 'h', 'd', 'r'};
    const auto end = b.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(b.size(), 4096));
    const auto at = std::search(b.begin(), end, ihdr, ihdr + 4);
    const std::size_t i = static_cast<std::size_t>(at - b.begin()) + 4;
    if (at == end || i + 8 > b.size()) return false;
    h = be32(b, i), w = be32(b, i + 4);
    return true;
}

// The JP2 boxes tile the file exactly, and the codestream ends with its EOC marker.
bool jp2_complete(const Bytes& b) {
    const std::size_t n = b.size();
    const bool ends_eoc = n >= 2 && b[n - 2] == 0xFF && b[n - 1] == 0xD9;
    if (n >= 4 && b[0] == 0xFF && b[1] == 0x4F) return ends_eoc;
    std::size_t i = 0;
    while (i + 8 <= n) {
        std::uint64_t len = be32(b, i);
        const bool codestream = has(b, i + 4, "jp2c");
        if (len == 1) {
            if (i + 16 > n) return false;
            len = (std::uint64_t{be32(b, i + 8)} << 32) | be32(b, i + 12);
        } else if (len == 0) {
            len = n - i;  // the last box runs to the end of the file
        }
        if (len < 8 || len > n - i) return false;
        if (codestream && (b[i + len - 2] != 0xFF || b[i + len - 1] != 0xD9)) return false;
        i += len;
    }
    return i == n;
}

}  // namespace

std::optional<JpegFrame> jpeg_frame(const std::vector<unsigned char>& b) {
    for (std::size_t i = 2; i + 9 < b.size();) {
        if (b[i] != 0xFF) return std::nullopt;
        const unsigned char m = b[i + 1];
        if (m == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        const std::size_t len = (std::size_t{b[i + 2]} << 8) | b[i + 3];
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC)  // a start of frame (not DHT, JPG, DAC)
            return JpegFrame{b[i + 4], (b[i + 7] << 8) | b[i + 8], (b[i + 5] << 8) | b[i + 6], b[i + 9]};
        if (len < 2) return std::nullopt;
        i += 2 + len;
    }
    return std::nullopt;
}

const char* to_string(InputKind k) {
    switch (k) {
        case InputKind::Pdf: return "pdf";
        case InputKind::Tiff: return "tiff";
        case InputKind::Png: return "png";
        case InputKind::Jpeg: return "jpeg";
        case InputKind::Bmp: return "bmp";
        case InputKind::Webp: return "webp";
        case InputKind::Jp2: return "jpeg2000";
        case InputKind::Unknown: return "unknown";
    }
    return "unknown";
}

bool single_image(InputKind k) {
    return k == InputKind::Png || k == InputKind::Jpeg || k == InputKind::Bmp || k == InputKind::Webp || k == InputKind::Jp2;
}

InputKind kind_of_bytes(const unsigned char* p, std::size_t n) {
    const Bytes b(p, p + std::min<std::size_t>(n, 1024));
    if (n >= 4 && ((b[0] == 'I' && b[1] == 'I' && (b[2] == 42 || b[2] == 43) && b[3] == 0) ||
                   (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && (b[3] == 42 || b[3] == 43))))
        return InputKind::Tiff;
    if (n >= 8 && b[0] == 0x89 && has(b, 1, "PNG\r\n\x1A\n")) return InputKind::Png;
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return InputKind::Jpeg;
    if (n >= 18 && has(b, 0, "BM") && bmp_info_size_ok(le32(b, 14))) return InputKind::Bmp;
    if (n >= 16 && has(b, 0, "RIFF") && has(b, 8, "WEBP")) return InputKind::Webp;
    if (n >= 12 && std::equal(kJp2Signature, kJp2Signature + 12, b.begin())) return InputKind::Jp2;
    if (n >= 4 && b[0] == 0xFF && b[1] == 0x4F && b[2] == 0xFF && b[3] == 0x51) return InputKind::Jp2;
    // A PDF may have a few bytes of junk before its header (readers look in the first 1 KB).
    static const char* pdf = "%PDF-";
    if (std::search(b.begin(), b.end(), pdf, pdf + 5) != b.end()) return InputKind::Pdf;
    return InputKind::Unknown;
}

InputKind sniff_kind(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char head[1024];
    in.read(reinterpret_cast<char*>(head), sizeof head);
    return kind_of_bytes(head, static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
}

bool image_header_size(const Bytes& b, InputKind kind, long long& w, long long& h) {
    switch (kind) {
        case InputKind::Png:
            if (b.size() < 24) return false;
            w = be32(b, 16), h = be32(b, 20);
            return true;
        case InputKind::Jpeg: {
            const auto f = jpeg_frame(b);
            if (f) w = f->width, h = f->height;
            return f.has_value();
        }
        case InputKind::Bmp: return bmp_size(b, w, h);
        case InputKind::Webp: return webp_size(b, w, h);
        case InputKind::Jp2: return jp2_size(b, w, h);
        default: return false;
    }
}

bool image_complete(const Bytes& b, InputKind kind) {
    std::size_t n = b.size();
    switch (kind) {
        case InputKind::Jpeg:
            while (n > 2 && (b[n - 1] == 0x00 || b[n - 1] == '\n' || b[n - 1] == '\r' || b[n - 1] == ' ')) --n;
            return n >= 4 && b[n - 2] == 0xFF && b[n - 1] == 0xD9;
        case InputKind::Png: {
            static const unsigned char iend[] = {'I', 'E', 'N', 'D'};
            return n >= 12 && std::search(b.end() - 12, b.end(), iend, iend + 4) != b.end();
        }
        case InputKind::Bmp: {
            long long w = 0, h = 0;
            if (n < 30 || !bmp_size(b, w, h)) return false;
            if (w > 100000 || h > 100000) return true;  // refused for its size instead
            const bool core = le32(b, 14) == 12;
            const std::uint32_t bpp = le16(b, core ? 24 : 28), compression = core ? 0 : le32(b, 30);
            if (compression != 0 && compression != 3 && compression != 6) return n > le32(b, 10);  // run-length coded
            const long long stride = (w * bpp + 31) / 32 * 4;
            return static_cast<long long>(n) >= static_cast<long long>(le32(b, 10)) + stride * h;
        }
        case InputKind::Webp: return n >= 12 && static_cast<std::uint64_t>(le32(b, 4)) + 8 <= n;
        case InputKind::Jp2: return jp2_complete(b);
        default: return false;
    }
}

}  // namespace quizscan
