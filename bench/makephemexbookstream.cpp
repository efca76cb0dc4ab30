// Writes a synthetic Phemex order-book stream (one frame per line) for `botterm-cli replay --exchange
// phemex` (perpetual orderbook_p frames; --spot: spot "book" frames with scaled integers).
#include "phemexbookstream.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv)
{
    PhemexBookStreamOptions o;
    const char* path = nullptr;
    bool symbolSet = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--frames") && i + 1 < argc) {
            o.frames = std::atoll(argv[++i]);
        } else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) {
            o.seed = std::strtoull(argv[++i], nullptr, 10);
        } else if (!std::strcmp(argv[i], "--symbol") && i + 1 < argc) {
            o.symbol = argv[++i];
            symbolSet = true;
        } else if (!std::strcmp(argv[i], "--spot")) {
            o.spot = true;
        } else if (!path && argv[i][0] != '-') {
            path = argv[i];
        } else {
            path = nullptr;
            o.frames = 0;
            break;
        }
    }
    if (!path || o.frames < 1) {
        std::fprintf(
            stderr,
            "usage: botterm-make-phemex-book-stream [--frames N] [--seed S] [--symbol SYM] [--spot] OUT\n");
        return 2;
    }
    if (o.spot && !symbolSet)
        o.symbol = "sBTCUSDT";
    std::FILE* f = std::fopen(path, "wb");
    if (!f) {
        std::perror(path);
        return 1;
    }
    for (const std::string& frame : makePhemexBookStream(o)) {
        std::fwrite(frame.data(), 1, frame.size(), f);
        std::fputc('\n', f);
    }
    return std::fclose(f) == 0 ? 0 : 1;
}
