// Evaluating an ECR lifecycle policy, a Harbor retention policy, Artifact Registry cleanup policies
// and Quay auto-prune policies over 100,000 tags, against sorting the same images (the floor any
// evaluator pays), measured in the same run. Target: under 0.5 s.
#include "core/retention/ArtifactRegistryCleanup.h"
#include "core/retention/HarborRetention.h"
#include "core/retention/QuayAutoPrune.h"
#include "core/retention/Retention.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <algorithm>
#include <cstdio>

using namespace berth;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int tags = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QRandomGenerator random(7);
    const QDateTime now = QDateTime::fromString(QStringLiteral("2026-11-27T12:00:00Z"), Qt::ISODate);
    QList<RetentionImage> images;
    for (int i = 0; i < tags; ++i) {
        RetentionImage image;
        image.digest = QStringLiteral("sha256:%1").arg(i, 64, 10, QLatin1Char('0'));
        const int kind = i % 4;
        image.tags << (kind == 0 ? QStringLiteral("prod-%1").arg(i) : kind == 1 ? QStringLiteral("v1.%1").arg(i) : kind == 2 ? QStringLiteral("pr-%1").arg(i) : QString());
        if (image.tags.first().isEmpty())
            image.tags.clear();
        image.pushed = now.addSecs(-qint64(random.bounded(3 * 365 * 86400)));
        image.blobs.insert(QStringLiteral("layer-%1").arg(i % 5000), 1000000);
        images << image;
    }
    const auto policy = LifecyclePolicy::fromEcrJson(R"({"rules":[
        {"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["prod"],"countType":"imageCountMoreThan","countNumber":50},"action":{"type":"expire"}},
        {"rulePriority":2,"selection":{"tagStatus":"tagged","tagPatternList":["pr-*"],"countType":"sinceImagePushed","countUnit":"days","countNumber":30},"action":{"type":"expire"}},
        {"rulePriority":3,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}},
        {"rulePriority":4,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1000},"action":{"type":"expire"}}]})");
    if (!policy) {
        std::fprintf(stderr, "%s\n", qPrintable(policy.error().message));
        return 2;
    }
    const auto harbor = HarborRetentionPolicy::fromHarborJson(R"({"algorithm":"or","rules":[
        {"priority":1,"action":"retain","template":"latestPushedK","params":{"latestPushedK":50},"tag_selectors":[{"kind":"doublestar","decoration":"matches","pattern":"prod-*"}]},
        {"priority":2,"action":"retain","template":"nDaysSinceLastPush","params":{"nDaysSinceLastPush":30},"tag_selectors":[{"kind":"doublestar","decoration":"matches","pattern":"{pr-*,v1.*}"}]},
        {"priority":3,"action":"retain","template":"always","params":{},"tag_selectors":[{"kind":"doublestar","decoration":"excludes","pattern":"**-*"}]}]})");
    if (!harbor) {
        std::fprintf(stderr, "%s\n", qPrintable(harbor.error().message));
        return 2;
    }
    const auto cleanup = ArtifactRegistryCleanup::fromJson(R"([
        {"name":"old-prs","action":{"type":"Delete"},"condition":{"tagState":"TAGGED","tagPrefixes":["pr-"],"olderThan":"30d"}},
        {"name":"untagged","action":{"type":"Delete"},"condition":{"tagState":"UNTAGGED","olderThan":"7d"}},
        {"name":"releases","action":{"type":"Keep"},"condition":{"tagState":"TAGGED","tagPrefixes":["v1."]}},
        {"name":"recent","action":{"type":"Keep"},"mostRecentVersions":{"keepCount":1000}}])");
    if (!cleanup) {
        std::fprintf(stderr, "%s\n", qPrintable(cleanup.error().message));
        return 2;
    }
    const auto quay = QuayAutoPrune::fromJson(R"([
        {"method":"number_of_tags","value":5000,"tagPattern":"^prod-","tagPatternMatches":true},
        {"method":"creation_date","value":"30d","tagPattern":"^pr-","tagPatternMatches":true},
        {"method":"creation_date","value":"52w","tagPattern":"^v1\.","tagPatternMatches":false}])");
    if (!quay) {
        std::fprintf(stderr, "%s\n", qPrintable(quay.error().message));
        return 2;
    }
    QList<double> evaluateQuay;
    int quayExpiring = 0;
    QList<double> evaluate;
    QList<double> evaluateHarbor;
    QList<double> evaluateCleanup;
    int cleanupExpiring = 0;
    QList<double> sorting;
    int expiring = 0;
    int harborExpiring = 0;
    for (int round = 0; round < 3; ++round) {
        QList<RetentionImage> copy = images;
        QElapsedTimer timer;
        timer.start();
        std::sort(copy.begin(), copy.end(), [](const RetentionImage& a, const RetentionImage& b) { return a.pushed > b.pushed; });
        sorting << double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        const RetentionPlan plan = evaluateRetention(*policy, images, now);
        evaluate << double(timer.nsecsElapsed()) / 1e6;
        expiring = plan.expiring();
        timer.restart();
        const RetentionPlan harborPlan = evaluateHarborRetention(*harbor, images, now);
        evaluateHarbor << double(timer.nsecsElapsed()) / 1e6;
        harborExpiring = harborPlan.expiring();
        timer.restart();
        const RetentionPlan cleanupPlan = evaluateArtifactRegistryCleanup(*cleanup, QStringLiteral("app"), images, now);
        evaluateCleanup << double(timer.nsecsElapsed()) / 1e6;
        cleanupExpiring = cleanupPlan.expiring();
        timer.restart();
        const RetentionPlan quayPlan = evaluateQuayAutoPrune(*quay, images, now);
        evaluateQuay << double(timer.nsecsElapsed()) / 1e6;
        quayExpiring = quayPlan.expiring();
    }
    std::sort(evaluate.begin(), evaluate.end());
    std::sort(evaluateHarbor.begin(), evaluateHarbor.end());
    std::sort(evaluateCleanup.begin(), evaluateCleanup.end());
    std::sort(evaluateQuay.begin(), evaluateQuay.end());
    std::sort(sorting.begin(), sorting.end());
    std::printf("retention evaluation over %d tags, median of 3; baseline: sorting the images by push date %.1f ms\n", tags, sorting[1]);
    const double floor = qMax(sorting[1], 0.1);
    auto row = [floor](const QString& label, double ms) {
        std::printf("  %-55s %8.1f ms  %5.1fx the sort  (target < 500 ms)\n", qPrintable(label), ms, ms / floor);
    };
    row(QStringLiteral("ECR lifecycle policy (4 rules, %1 to delete)").arg(expiring), evaluate[1]);
    row(QStringLiteral("Harbor retention policy (3 rules, %1 to delete)").arg(harborExpiring), evaluateHarbor[1]);
    row(QStringLiteral("Artifact Registry cleanup (4 policies, %1 to delete)").arg(cleanupExpiring), evaluateCleanup[1]);
    row(QStringLiteral("Quay auto-prune (3 policies, %1 to delete)").arg(quayExpiring), evaluateQuay[1]);
    // The work was done: each policy deletes some images and keeps some (a plan that selects
    // nothing, or everything, would be fast for the wrong reason).
    bool worked = true;
    for (const int n : {expiring, harborExpiring, cleanupExpiring, quayExpiring})
        worked = worked && n > 0 && n < tags;
    const bool within = evaluate[1] < 500 && evaluateHarbor[1] < 500 && evaluateCleanup[1] < 500 && evaluateQuay[1] < 500;
    std::printf("  work done: every policy keeps some images and deletes some: %s\n", worked ? "yes" : "NO");
    std::printf("  result: %s\n", within && worked ? "within target" : "OUTSIDE target");
    return within && worked ? 0 : 1;
}
