// Runs a fuzz target over files, without libFuzzer: the normal (GCC) build runs every target on
// its seed corpus and on the inputs of crashes once found (tests/fuzz/regressions), so that CI sees
// a regression even where clang's libFuzzer is not built. Arguments: files or directories;
// arguments starting with '-' (libFuzzer's options) are ignored.
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char* argv[])
{
    int inputs = 0;
    auto run = [&inputs](const QString& path) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
            return false;
        }
        const QByteArray data = file.readAll();
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.constData()), size_t(data.size()));
        ++inputs;
        return true;
    };
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg.startsWith(QLatin1Char('-')))
            continue;
        if (QFileInfo(arg).isDir()) {
            QDirIterator files(arg, QDir::Files, QDirIterator::Subdirectories);
            while (files.hasNext())
                if (!run(files.next()))
                    return 1;
        } else if (!run(arg)) {
            return 1;
        }
    }
    std::printf("%d inputs ran without a crash\n", inputs);
    return inputs > 0 ? 0 : 1;
}
