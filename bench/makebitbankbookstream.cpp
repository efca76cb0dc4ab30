// Writes a synthetic bitbank depth stream (Socket.IO frames) (one frame per line) for
// `botterm-cli replay --exchange bitbank`.
#include "bitbankbookstream.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv)
{
    BitbankBookStreamOptions o;
    const char* path = nullptr;
    const char* usage = "usage: botterm-make-bitbank-book-stream [--frames N] [--seed S] [--depth N] "
                        "[--whole-every N] [--pair PAIR] OUT\n";
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--frames") && i + 1 < argc)
            o.frames = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc)
            o.seed = std::strtoull(argv[++i], nullptr, 10);
        else if (!std::strcmp(argv[i], "--depth") && i + 1 < argc)
            o.depth = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--whole-every") && i + 1 < argc)
            o.wholeEvery = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--pair") && i + 1 < argc)
            o.pair = argv[++i];
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else {
            std::fputs(usage, stderr);
            return 2;
        }
    }
    if (!path || o.frames < 1 || o.depth < 10 || o.wholeEvery < 0) {
        std::fputs(usage, stderr);
        return 2;
    }
    std::FILE* f = std::fopen(path, "wb");
    if (!f) {
        std::perror(path);
        return 1;
    }
    for (const std::string& frame : makeBitbankBookStream(o)) {
        std::fwrite(frame.data(), 1, frame.size(), f);
        std::fputc('\n', f);
    }
    return std::fclose(f) == 0 ? 0 : 1;
}
