// Writes a synthetic bitFlyer Lightning board stream (one frame per line) for
// `botterm-cli replay --exchange bitflyer`.
#include "bitflyerbookstream.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv)
{
    BitflyerBookStreamOptions o;
    const char* path = nullptr;
    const char* usage = "usage: botterm-make-bitflyer-book-stream [--frames N] [--seed S] [--depth N] "
                        "[--snapshot-every N] [--product CODE] OUT\n";
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--frames") && i + 1 < argc)
            o.frames = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc)
            o.seed = std::strtoull(argv[++i], nullptr, 10);
        else if (!std::strcmp(argv[i], "--depth") && i + 1 < argc)
            o.depth = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--snapshot-every") && i + 1 < argc)
            o.snapshotEvery = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--product") && i + 1 < argc)
            o.product = argv[++i];
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else {
            std::fputs(usage, stderr);
            return 2;
        }
    }
    if (!path || o.frames < 1 || o.depth < 10 || o.snapshotEvery < 0) {
        std::fputs(usage, stderr);
        return 2;
    }
    std::FILE* f = std::fopen(path, "wb");
    if (!f) {
        std::perror(path);
        return 1;
    }
    for (const std::string& frame : makeBitflyerBookStream(o)) {
        std::fwrite(frame.data(), 1, frame.size(), f);
        std::fputc('\n', f);
    }
    return std::fclose(f) == 0 ? 0 : 1;
}
