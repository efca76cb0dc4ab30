// Writes a synthetic BitMEX orderBookL2 stream (one frame per line) for `botterm-cli replay --exchange
// bitmex`.
#include "bitmexbookstream.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv)
{
    BitmexBookStreamOptions o;
    const char* path = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--frames") && i + 1 < argc)
            o.frames = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc)
            o.seed = std::strtoull(argv[++i], nullptr, 10);
        else if (!std::strcmp(argv[i], "--symbol") && i + 1 < argc)
            o.symbol = argv[++i];
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else
            path = nullptr, o.frames = 0;
    }
    if (!path || o.frames < 1) {
        std::fprintf(stderr,
                     "usage: botterm-make-bitmex-book-stream [--frames N] [--seed S] [--symbol SYM] OUT\n");
        return 2;
    }
    std::FILE* f = std::fopen(path, "wb");
    if (!f) {
        std::perror(path);
        return 1;
    }
    for (const std::string& frame : makeBitmexBookStream(o)) {
        std::fwrite(frame.data(), 1, frame.size(), f);
        std::fputc('\n', f);
    }
    return std::fclose(f) == 0 ? 0 : 1;
}
