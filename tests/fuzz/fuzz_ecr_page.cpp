// Amazon ECR API (JSON 1.1) pages as the ECR provider reads them: DescribeRepositories and
// DescribeImages through JsonTape, and the nextToken Berth looks for in the raw bytes to ask
// for the following page before this one is parsed.
#include "FuzzInput.h"
#include "core/base/JsonTape.h"
#include "core/providers/EcrApi.h"

BERTH_FUZZ_TARGET
{
    const QByteArray body = berth::fuzz::bytes(data, size);
    const QString guess = berth::EcrApi::nextTokenAhead(body);
    if (guess.contains(QLatin1Char('"')) || guess.contains(QLatin1Char('\\')))
        std::abort(); // a guessed token is a plain JSON string's contents
    const auto page = berth::JsonTape::parse(body);
    if (!page)
        return 0;
    const berth::JsonRef root = (*page)->root();
    (void)berth::EcrApi::repositoriesFromPage(root);
    for (const berth::EcrImage& image : berth::EcrApi::imagesFromPage(root)) {
        if (image.digest.isEmpty())
            std::abort();
    }
    return 0;
}
