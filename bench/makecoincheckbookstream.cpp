// Writes a synthetic Coincheck order-book stream with its REST snapshot line for `botterm-cli replay`.
#include "coincheckbookstream.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv)
{
    const char* usage =
        "usage: botterm-make-coincheck-book-stream [--frames N] [--seed S] [--pair PAIR] OUT\n";
    CoincheckBookStreamOptions o;
    const char* path = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--frames") && i + 1 < argc)
            o.frames = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc)
            o.seed = std::strtoull(argv[++i], nullptr, 10);
        else if (!std::strcmp(argv[i], "--pair") && i + 1 < argc)
            o.pair = argv[++i];
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else {
            std::fputs(usage, stderr);
            return 2;
        }
    }
    if (!path || o.frames < 1) {
        std::fputs(usage, stderr);
        return 2;
    }
    std::FILE* f = std::fopen(path, "wb");
    if (!f) {
        std::perror(path);
        return 1;
    }
    for (const std::string& line : makeCoincheckBookStream(o)) {
        std::fwrite(line.data(), 1, line.size(), f);
        std::fputc('\n', f);
    }
    return std::fclose(f) == 0 ? 0 : 1;
}
