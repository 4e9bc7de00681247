// Retention: ECR lifecycle policies evaluated as ECR documents it, checked against the worked
// examples and, on thousands of random inventories, against a straightforward reference.
#include "core/image/RepositoryHistory.h"
#include "core/retention/ArtifactRegistryCleanup.h"
#include "core/retention/HarborRetention.h"
#include "core/retention/QuayAutoPrune.h"
#include "core/retention/Retention.h"
#include "core/retention/RetentionInventory.h"
#include "core/retention/RetentionPlanFile.h"
#include "core/retention/RetentionPolicyFile.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace berth;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-11-27T12:00:00Z"), Qt::ISODate);

// The references select on their own, from the documented semantics (tests/fixtures/ecr/
// LIFECYCLE_SEMANTICS.md; Harbor's doublestar selectors), with regular expressions rather than the
// implementation's matchers, so that a selection bug cannot agree with itself.
QRegularExpression globRegex(const QString& pattern, bool doublestar)
{
    QString rx;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == u'*' && doublestar && i + 1 < pattern.size() && pattern[i + 1] == u'*') {
            rx += QStringLiteral(".*");
            ++i;
        } else if (c == u'*') {
            rx += doublestar ? QStringLiteral("[^/]*") : QStringLiteral(".*");
        } else if (c == u'?' && doublestar) {
            rx += QStringLiteral("[^/]");
        } else if (c == u'{' && doublestar) {
            rx += QStringLiteral("(?:");
        } else if (c == u'}' && doublestar) {
            rx += u')';
        } else if (c == u',' && doublestar && rx.contains(QStringLiteral("(?:"))) {
            rx += u'|';
        } else {
            rx += QRegularExpression::escape(QString(c));
        }
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(rx));
}

// ECR: untagged = no tags; any = all; tagged = every listed prefix / pattern matches some tag.
bool ecrSelects(const LifecycleRule& rule, const RetentionImage& image)
{
    if (rule.tagStatus == LifecycleRule::TagStatus::Any)
        return true;
    if (rule.tagStatus == LifecycleRule::TagStatus::Untagged)
        return image.tags.isEmpty();
    auto someTag = [&](auto matches) {
        for (const QString& tag : image.tags)
            if (matches(tag))
                return true;
        return false;
    };
    for (const QString& prefix : rule.tagPrefixList)
        if (!someTag([&](const QString& tag) { return tag.left(prefix.size()) == prefix; }))
            return false;
    for (const QString& pattern : rule.tagPatternList)
        if (!someTag([&, rx = globRegex(pattern, false)](const QString& tag) { return rx.match(tag).hasMatch(); }))
            return false;
    return !image.tags.isEmpty();
}

// Harbor: untagged images only when the rule says so; tagged ones when a tag matches (or, for
// "excludes", when a tag does not).
bool harborSelects(const HarborRetentionRule& rule, const RetentionImage& image)
{
    if (image.tags.isEmpty())
        return rule.untagged;
    const QRegularExpression rx = globRegex(rule.pattern, true);
    for (const QString& tag : image.tags)
        if (rx.match(tag).hasMatch() != rule.exclude)
            return true;
    return false;
}

// The reference: for each image, only the first rule (by priority) whose selection includes it may
// expire it, and does so when the image is beyond that rule's count or age.
QMap<QString, int> referenceExpired(const LifecyclePolicy& policy, const QList<RetentionImage>& images)
{
    QMap<QString, int> out;
    for (const RetentionImage& image : images) {
        for (const LifecycleRule& rule : policy.rules) {
            if (!ecrSelects(rule, image))
                continue;
            bool expire = false;
            if (rule.countType == LifecycleRule::CountType::ImageCountMoreThan) {
                int newer = 0;
                for (const RetentionImage& other : images) {
                    if (ecrSelects(rule, other) && (other.pushed > image.pushed || (other.pushed == image.pushed && other.digest < image.digest)))
                        ++newer;
                }
                expire = newer >= rule.countNumber;
            } else {
                expire = image.pushed < kNow.addDays(-rule.countNumber);
            }
            if (expire)
                out.insert(image.digest, rule.priority);
            break;
        }
    }
    return out;
}

// Harbor's reference: an image stays when some enabled rule selects it and retains it.
QSet<QString> referenceHarborKept(const HarborRetentionPolicy& policy, const QList<RetentionImage>& images)
{
    QSet<QString> kept;
    for (const RetentionImage& image : images) {
        for (const HarborRetentionRule& rule : policy.rules) {
            if (rule.disabled || !harborSelects(rule, image))
                continue;
            bool retains = true;
            if (rule.kind == HarborRetentionRule::Template::LatestPushedK) {
                int newer = 0;
                for (const RetentionImage& other : images) {
                    if (harborSelects(rule, other) && (other.pushed > image.pushed || (other.pushed == image.pushed && other.digest < image.digest)))
                        ++newer;
                }
                retains = newer < rule.count;
            } else if (rule.kind == HarborRetentionRule::Template::DaysSinceLastPush) {
                retains = image.pushed >= kNow.addDays(-rule.count);
            } else if (rule.kind == HarborRetentionRule::Template::DaysSinceLastPull) {
                retains = (image.pulled.isValid() ? image.pulled : image.pushed) >= kNow.addDays(-rule.count);
            }
            if (retains)
                kept.insert(image.digest);
        }
    }
    return kept;
}

// Artifact Registry's reference: deleted when some Delete policy's condition holds and no Keep
// policy's does (mostRecentVersions: among the keepCount newest), straight from the documentation.
QSet<QString> referenceCleanupDeleted(const ArtifactRegistryCleanup& cleanup, const QString& package, const QList<RetentionImage>& images)
{
    auto holds = [&](const CleanupPolicy& p, const RetentionImage& image) {
        if (!p.packageNamePrefixes.isEmpty() && std::none_of(p.packageNamePrefixes.begin(), p.packageNamePrefixes.end(), [&](const QString& x) { return package.startsWith(x); }))
            return false;
        if (p.keepsMostRecent) {
            int newer = 0;
            for (const RetentionImage& other : images)
                newer += (other.pushed > image.pushed || (other.pushed == image.pushed && other.digest < image.digest)) ? 1 : 0;
            return newer < p.keepCount;
        }
        if (p.tagState == CleanupPolicy::TagState::Tagged) {
            if (image.tags.isEmpty())
                return false;
            bool prefixed = p.tagPrefixes.isEmpty();
            for (const QString& tag : image.tags)
                for (const QString& prefix : p.tagPrefixes)
                    prefixed = prefixed || tag.startsWith(prefix);
            if (!prefixed)
                return false;
        }
        if (p.tagState == CleanupPolicy::TagState::Untagged && !image.tags.isEmpty())
            return false;
        const qint64 age = image.pushed.secsTo(kNow);
        return (!p.olderThanSeconds || age >= *p.olderThanSeconds) && (!p.newerThanSeconds || age < *p.newerThanSeconds);
    };
    QSet<QString> deleted;
    for (const RetentionImage& image : images) {
        bool del = false;
        bool keep = false;
        for (const CleanupPolicy& p : cleanup.policies) {
            if (holds(p, image))
                (p.keep ? keep : del) = true;
        }
        if (del && !keep)
            deleted.insert(image.digest);
    }
    return deleted;
}

// Quay's reference: every (image, tag) pair in one list, newest first; each policy prunes from it;
// an image whose tags all go is deleted, one that loses some is untagged.
QMap<QString, QString> referenceQuay(const QuayAutoPrune& prune, const QList<RetentionImage>& images)
{
    struct Pair { QDateTime pushed; QString digest; QString tag; };
    QList<Pair> pairs;
    for (const RetentionImage& image : images)
        for (const QString& tag : image.tags)
            pairs.append({image.pushed, image.digest, tag});
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
        return a.pushed != b.pushed ? a.pushed > b.pushed : a.digest != b.digest ? a.digest < b.digest : a.tag < b.tag;
    });
    QSet<QString> gone; // digest + '\n' + tag
    for (const QuayPrunePolicy& policy : prune.policies) {
        int count = 0;
        for (const Pair& pair : std::as_const(pairs)) {
            if (!policy.tagPattern.isEmpty() && QRegularExpression(policy.tagPattern).match(pair.tag).hasMatch() != policy.tagPatternMatches)
                continue;
            ++count;
            const bool prunes = policy.method == QuayPrunePolicy::Method::NumberOfTags ? count > policy.numberOfTags
                                                                                      : pair.pushed.secsTo(kNow) > policy.olderThanSeconds;
            if (prunes)
                gone.insert(pair.digest + QLatin1Char('\n') + pair.tag);
        }
    }
    QMap<QString, QString> action;
    for (const RetentionImage& image : images) {
        int lost = 0;
        for (const QString& tag : image.tags)
            lost += gone.contains(image.digest + QLatin1Char('\n') + tag) ? 1 : 0;
        action.insert(image.digest, lost == 0 ? QStringLiteral("keep") : lost == image.tags.size() ? QStringLiteral("delete") : QStringLiteral("untag"));
    }
    return action;
}

// Up to 20 images with up to two tags each from `vocabulary`, pushed in the last 60 days.
QList<RetentionImage> randomImages(QRandomGenerator& random, const QStringList& vocabulary)
{
    QList<RetentionImage> images;
    const int imageCount = int(random.bounded(20));
    for (int i = 0; i < imageCount; ++i) {
        RetentionImage image;
        image.digest = QStringLiteral("sha256:%1").arg(i, 4, 10, QLatin1Char('0'));
        const int tags = int(random.bounded(3));
        for (int t = 0; t < tags; ++t)
            image.tags << vocabulary[random.bounded(qsizetype(vocabulary.size()))] + QStringLiteral("-%1").arg(i);
        image.pushed = kNow.addSecs(-qint64(random.bounded(60)) * 86400 - qint64(random.bounded(3)) * 3600);
        if (random.bounded(2) == 0) // half were pulled since their push, some never
            image.pulled = image.pushed.addSecs(qint64(random.bounded(qint64(image.pushed.secsTo(kNow)) + 1)));
        images << image;
    }
    return images;
}

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Stale images: ECR's sinceImagePulled and Harbor's nDaysSinceLastPull keep on the last pull,
    // and an image never pulled counts from its push (it has had no chance to be pulled).
    void staleImagesGoByTheirLastPull()
    {
        auto image = [](const char* digest, int pushedDaysAgo, int pulledDaysAgo) {
            RetentionImage i{QString::fromLatin1(digest), {QString::fromLatin1(digest)}, kNow.addDays(-pushedDaysAgo), QStringLiteral("registry"), {}};
            if (pulledDaysAgo >= 0)
                i.pulled = kNow.addDays(-pulledDaysAgo);
            return i;
        };
        const QList<RetentionImage> images{image("old-but-pulled", 400, 5), image("old-unpulled", 400, -1), image("pulled-long-ago", 200, 120),
                                           image("new-unpulled", 10, -1)};
        auto expired = [&](const QByteArray& json) {
            const auto file = RetentionPolicyFile::fromJson(json);
            if (!file)
                return QStringList{file.error().message};
            QStringList out;
            for (const PlanEntry& e : file->evaluate(images, kNow, {}, {}).entries) {
                if (e.expire)
                    out << e.digest;
            }
            out.sort();
            return out;
        };
        const QStringList stale{QStringLiteral("old-unpulled"), QStringLiteral("pulled-long-ago")};
        QCOMPARE(expired(R"({"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":90},"action":{"type":"expire"}}]})"),
                 stale);
        QCOMPARE(expired(R"({"algorithm":"or","rules":[{"priority":1,"action":"retain","template":"nDaysSinceLastPull","params":{"nDaysSinceLastPull":90},
                             "tag_selectors":[{"kind":"doublestar","decoration":"matches","pattern":"**"}]}]})"),
                 stale);
        // Written back as it was read.
        const auto ecr = LifecyclePolicy::fromEcrJson(R"({"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":90},"action":{"type":"expire"}}]})");
        QVERIFY(ecr);
        QVERIFY(ecr->toEcrJson().contains("\"sinceImagePulled\""));
        QVERIFY(!LifecyclePolicy::fromEcrJson(R"({"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countNumber":90},"action":{"type":"expire"}}]})"));
    }

    void documentedExamples()
    {
        const QJsonObject root = QJsonDocument::fromJson(test::readFixture(QStringLiteral("ecr/lifecycle-evaluation-vectors.json"))).object();
        const QJsonArray cases = root.value(QStringLiteral("cases")).toArray();
        QVERIFY(cases.size() >= 7);
        for (const auto& value : cases) {
            const QJsonObject c = value.toObject();
            const auto policy = LifecyclePolicy::fromEcrJson(QJsonDocument(c.value(QStringLiteral("policy")).toObject()).toJson());
            QVERIFY2(policy, qPrintable(c.value(QStringLiteral("name")).toString() + (policy ? QString() : policy.error().message)));
            QList<RetentionImage> images;
            for (const auto& i : c.value(QStringLiteral("images")).toArray()) {
                const QJsonObject o = i.toObject();
                RetentionImage image;
                image.digest = o.value(QStringLiteral("id")).toString();
                for (const auto& t : o.value(QStringLiteral("tags")).toArray())
                    image.tags << t.toString();
                image.pushed = kNow.addDays(-o.value(QStringLiteral("pushedDaysAgo")).toInt());
                images << image;
            }
            const RetentionPlan plan = evaluateRetention(*policy, images, kNow);
            QStringList expired;
            for (const PlanEntry& e : plan.entries) {
                if (e.expire)
                    expired << e.digest;
            }
            expired.sort();
            QCOMPARE(expired, test::sortedStrings(c.value(QStringLiteral("expectedExpired")).toArray()));
        }
    }

    void patterns()
    {
        QVERIFY(matchesTagPattern(QStringLiteral("prod*"), QStringLiteral("prod")));
        QVERIFY(matchesTagPattern(QStringLiteral("prod*"), QStringLiteral("prod1")));
        QVERIFY(!matchesTagPattern(QStringLiteral("prod*"), QStringLiteral("preprod")));
        QVERIFY(matchesTagPattern(QStringLiteral("*test*1*2*3"), QStringLiteral("mytest-1-2-3")));
        QVERIFY(!matchesTagPattern(QStringLiteral("*test*1*2*3"), QStringLiteral("mytest-1-2-3x")));
        QVERIFY(matchesTagPattern(QStringLiteral("v*-rc"), QStringLiteral("v1.2-rc")));
        QVERIFY(!matchesTagPattern(QStringLiteral("ab*ba"), QStringLiteral("aba"))); // the ends may not overlap
        QVERIFY(matchesTagPattern(QStringLiteral("exact"), QStringLiteral("exact")));
    }

    void invalidPoliciesAreRejected_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("why");
        auto rule = [](int priority, const char* selection) {
            return QByteArray("{\"rulePriority\":") + QByteArray::number(priority) + ",\"selection\":" + selection + ",\"action\":{\"type\":\"expire\"}}";
        };
        QTest::newRow("duplicate priority") << "{\"rules\":[" + rule(1, "{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}") + ","
                                                  + rule(1, "{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"a\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}") + "]}"
                                            << QStringLiteral("twice");
        QTest::newRow("any not last") << "{\"rules\":[" + rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}") + ","
                                             + rule(2, "{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}") + "]}"
                                      << QStringLiteral("highest");
        QTest::newRow("countUnit with count") << "{\"rules\":[" + rule(1, "{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\",\"countNumber\":1}") + "]}"
                                              << QStringLiteral("countUnit");
        QTest::newRow("tagged without list") << "{\"rules\":[" + rule(1, "{\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}") + "]}"
                                             << QStringLiteral("exactly one");
        QTest::newRow("five wildcards") << "{\"rules\":[" + rule(1, "{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"a*b*c*d*e*f\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}") + "]}"
                                        << QStringLiteral("four wildcards");
        QTest::newRow("zero count") << "{\"rules\":[" + rule(1, "{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0}") + "]}"
                                    << QStringLiteral("positive");
        QTest::newRow("age without days") << "{\"rules\":[" + rule(1, "{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countNumber\":3}") + "]}"
                                          << QStringLiteral("days");
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("invalid lifecycle policy");
    }

    void invalidPoliciesAreRejected()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, why);
        const auto policy = LifecyclePolicy::fromEcrJson(json);
        QVERIFY(!policy);
        QVERIFY2(policy.error().message.contains(why), qPrintable(policy.error().message));
    }

    // A file in none of the four formats is said to be that, with the formats named; broken JSON
    // is placed by line and column, as an editor counts them.
    void policyFilesOfNoKnownShapeAreNamedSo_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("said");
        const QStringList noFormat{QStringLiteral("no known policy format"), QStringLiteral("ECR lifecycle"), QStringLiteral("Harbor retention"),
                                   QStringLiteral("Artifact Registry cleanup"), QStringLiteral("Quay auto-prune")};
        QTest::newRow("array of numbers") << QByteArray("[1,2,3]") << noFormat;
        QTest::newRow("empty object") << QByteArray("{}") << noFormat;
        QTest::newRow("object of another kind") << QByteArray("{\"policy\": 3}") << noFormat;
        QTest::newRow("truncated on line 3") << QByteArray("{\n  \"rules\": [\n    {\"rulePriority\": 1,")
                                             << QStringList{QStringLiteral("not valid JSON"), QStringLiteral("line 3, column 24")};
        QTest::newRow("stray comma, after a multi-byte name")
            << QByteArray("{\"rules\": [{\"description\": \"\xec\x98\xa4\xeb\x9e\x98\xeb\x90\x9c\",}]}")
            << QStringList{QStringLiteral("not valid JSON"), QStringLiteral("line 1, column 35")};
    }

    void policyFilesOfNoKnownShapeAreNamedSo()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, said);
        const auto file = RetentionPolicyFile::fromJson(json);
        QVERIFY(!file);
        QCOMPARE(file.error().kind, ErrorKind::InvalidInput);
        for (const QString& part : said)
            QVERIFY2(file.error().message.contains(part), qPrintable(file.error().message));
        QVERIFY2(!file.error().message.contains(QStringLiteral("Artifact Registry cleanup policy:")), qPrintable(file.error().message));
    }

    void exportsWhatItImports()
    {
        const QByteArray text = "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep 3 prod\",\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod*\"],"
                                "\"countType\":\"imageCountMoreThan\",\"countNumber\":3},\"action\":{\"type\":\"expire\"}},"
                                "{\"rulePriority\":10,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30},"
                                "\"action\":{\"type\":\"expire\"}}]}";
        const auto policy = LifecyclePolicy::fromEcrJson(text);
        QVERIFY(policy);
        const auto again = LifecyclePolicy::fromEcrJson(policy->toEcrJson());
        QVERIFY(again);
        QCOMPARE(QJsonDocument::fromJson(again->toEcrJson()), QJsonDocument::fromJson(text));
    }

    // "Pushed" is the registry's time where it has one, else the build date, else Berth's first sighting;
    // each image says which.
    void pushedComesFromTheBestSource()
    {
        TagSummary built{QStringLiteral("v1"), QStringLiteral("sha256:a"), {}, kNow.addDays(-400), 10, {}, {}, kNow.addDays(-2), {}, -1, false, {}, {}};
        TagSummary unknown{QStringLiteral("v2"), QStringLiteral("sha256:b"), {}, {}, 10, {}, {}, kNow.addDays(-3), {}, -1, false, {}, {}};
        TagSummary pushed{QStringLiteral("v3"), QStringLiteral("sha256:c"), {}, kNow.addDays(-400), 10, {}, {}, kNow.addDays(-1), {}, -1, false, {}, {}};
        RetentionInventory inventory = RetentionInventory::fromTags({built, unknown, pushed});
        inventory.addRegistryImages({{QStringLiteral("sha256:c"), kNow.addDays(-5)}, {QStringLiteral("sha256:untagged"), kNow.addDays(-40)}});
        QCOMPARE(inventory.images.size(), 4); // the manifest no tag names joins, untagged
        QMap<QString, std::pair<QDateTime, QString>> byDigest;
        for (const RetentionImage& image : std::as_const(inventory.images))
            byDigest.insert(image.digest, {image.pushed, image.pushedSource});
        QCOMPARE(byDigest.value(QStringLiteral("sha256:a")), std::make_pair(kNow.addDays(-400), QStringLiteral("created")));
        QCOMPARE(byDigest.value(QStringLiteral("sha256:b")), std::make_pair(kNow.addDays(-3), QStringLiteral("first-seen")));
        QCOMPARE(byDigest.value(QStringLiteral("sha256:c")), std::make_pair(kNow.addDays(-5), QStringLiteral("registry")));
        QCOMPARE(byDigest.value(QStringLiteral("sha256:untagged")), std::make_pair(kNow.addDays(-40), QStringLiteral("registry")));
        // A 30-day rule keeps the image the registry says was pushed five days ago; an untagged rule
        // now sees the manifest only the registry's listing knows.
        const auto policy = LifecyclePolicy::fromEcrJson(
            "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\","
            "\"countNumber\":14},\"action\":{\"type\":\"expire\"}},{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\","
            "\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"expire\"}}]}");
        QVERIFY(policy);
        const RetentionPlan plan = evaluateRetention(*policy, inventory.images, kNow);
        QCOMPARE(plan.expiring(), 2);
        for (const PlanEntry& e : plan.entries)
            QCOMPARE(e.expire, e.digest == u"sha256:a" || e.digest == u"sha256:untagged");
        // The manifests that attachment tags name are not untagged images.
        TagSummary signature{QStringLiteral("sha256-") + QString(64, QLatin1Char('c')) + QStringLiteral(".sig"), QStringLiteral("sha256:sig"), {}, {}, 1,
                             {}, {}, kNow, {}, -1, false, {}, {}};
        RetentionInventory withSignature = RetentionInventory::fromTags({built, signature});
        withSignature.addRegistryImages({{QStringLiteral("sha256:sig"), kNow}});
        QCOMPARE(withSignature.images.size(), 1);
    }

    // berthctl retention check: the rules in words, and --json gives back ECR's JSON in priority order.
    void berthctlChecksAPolicy()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("policy.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"rules\":[{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":100},"
                   "\"action\":{\"type\":\"expire\"}},{\"rulePriority\":1,\"description\":\"old PR builds\",\"selection\":{\"tagStatus\":\"tagged\","
                   "\"tagPatternList\":[\"pr-*\"],\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}");
        file.close();
        auto run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("check"), QStringLiteral("--policy"), file.fileName()});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.value(1), QStringLiteral("  rule 1: expire tagged images (pattern pr-*) pushed more than 14 days ago (\"old PR builds\")"));
        QCOMPARE(lines.value(2), QStringLiteral("  rule 2: expire any images beyond the newest 100"));
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("check"), QStringLiteral("--policy"), file.fileName(), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray rules = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("rules")).toArray();
        QCOMPARE(rules.size(), 2);
        QCOMPARE(rules.first().toObject().value(QStringLiteral("rulePriority")).toInt(), 1);
        QVERIFY(LifecyclePolicy::fromEcrJson(run.out));

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},"
                   "\"action\":{\"type\":\"expire\"}}]}");
        file.close();
        run = test::runBerthctl({QStringLiteral("retention"), QStringLiteral("check"), QStringLiteral("--policy"), file.fileName()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("a tagged rule needs exactly one of tagPrefixList and tagPatternList"), run.err.constData());
    }

    // A platform manifest that a kept index lists is never deleted, whatever the rules say of it.
    void keepsWhatAKeptIndexLists()
    {
        RetentionImage index{QStringLiteral("sha256:index"), {QStringLiteral("v2")}, kNow.addDays(-1), QStringLiteral("created"), {}, false,
                             {QStringLiteral("sha256:amd64")}};
        RetentionImage amd64{QStringLiteral("sha256:amd64"), {QStringLiteral("v2-amd64")}, kNow.addDays(-2), QStringLiteral("created"), {}, false, {}};
        RetentionImage old{QStringLiteral("sha256:old"), {QStringLiteral("v1")}, kNow.addDays(-3), QStringLiteral("created"), {}, false, {}};
        const auto policy = LifecyclePolicy::fromEcrJson("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
                                                         "\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}");
        QVERIFY(policy);
        const RetentionPlan plan = evaluateRetention(*policy, {index, amd64, old}, kNow);
        QCOMPARE(plan.entries.size(), 3);
        QCOMPARE(plan.entries[0].expire, false); // the index: newest
        QCOMPARE(plan.entries[1].digest, QStringLiteral("sha256:amd64"));
        QCOMPARE(plan.entries[1].expire, false);
        QCOMPARE(plan.entries[1].reason, QStringLiteral("kept: part of the kept index v2"));
        QCOMPARE(plan.entries[2].expire, true);
    }

    // A written plan reads back to exactly its deletions; anything odd in it refuses the whole plan.
    void plansReadBackAsWritten()
    {
        const QString a = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
        const QString b = QStringLiteral("sha256:") + QString(64, QLatin1Char('b'));
        RetentionPlan plan;
        plan.entries << PlanEntry{a, {QStringLiteral("v2"), QStringLiteral("latest")}, kNow, QStringLiteral("registry"), false, 1, QStringLiteral("kept")}
                     << PlanEntry{b, {QStringLiteral("v1")}, kNow.addDays(-9), QStringLiteral("created"), true, 1, QStringLiteral("older")};
        const QByteArray json = QJsonDocument(retentionPlanToJson(QStringLiteral("r.example/team/app"), plan)).toJson();
        const auto planned = deletionRequestsFromPlanJson(json, QStringLiteral("r.example/team/app"));
        QVERIFY(planned);
        QCOMPARE(planned->size(), 1);
        QCOMPARE(planned->first().digest, b);
        QCOMPARE(planned->first().tags, QStringList{QStringLiteral("v1")});

        QVERIFY(!deletionRequestsFromPlanJson(json, QStringLiteral("r.example/team/other")));
        QByteArray broken = json;
        broken.replace("\"v1\"", "\"v 1\"");
        QVERIFY(!deletionRequestsFromPlanJson(broken, QStringLiteral("r.example/team/app")));
        broken = json;
        broken.replace(b.toLatin1(), "sha256:short");
        QVERIFY(!deletionRequestsFromPlanJson(broken, QStringLiteral("r.example/team/app")));
        broken = json;
        broken.replace("\"delete\"", "\"purge\"");
        QVERIFY(!deletionRequestsFromPlanJson(broken, QStringLiteral("r.example/team/app")));
    }

    // Quay prunes tags: an image loses the pruned ones and goes only with its last tag; untagged
    // images are Quay's garbage collection's business; a protected tag keeps itself (and its image).
    void quayPrunesTagsNotImages()
    {
        const QString digestA = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
        const QString digestB = QStringLiteral("sha256:") + QString(64, QLatin1Char('b'));
        const QString digestC = QStringLiteral("sha256:") + QString(64, QLatin1Char('c'));
        const QString digestD = QStringLiteral("sha256:") + QString(64, QLatin1Char('d'));
        const QList<RetentionImage> images{{digestA, {QStringLiteral("v3"), QStringLiteral("ci-3")}, kNow.addDays(-1), {}, {}},
                                           {digestB, {QStringLiteral("v2"), QStringLiteral("ci-2")}, kNow.addDays(-10), {}, {}},
                                           {digestC, {QStringLiteral("ci-1")}, kNow.addDays(-20), {}, {}},
                                           {digestD, {}, kNow.addDays(-30), {}, {}}};
        const auto file = RetentionPolicyFile::fromJson("{\"method\":\"creation_date\",\"value\":\"7d\",\"tagPattern\":\"^ci-\",\"tagPatternMatches\":true}");
        QVERIFY2(file, file ? "" : qPrintable(file.error().message));
        QVERIFY(file->isQuay());
        auto byDigest = [](const RetentionPlan& plan) {
            QMap<QString, PlanEntry> out;
            for (const PlanEntry& e : plan.entries)
                out.insert(e.digest, e);
            return out;
        };
        auto plan = byDigest(file->evaluate(images, kNow, {}, {}));
        QCOMPARE(plan[digestA].expire, false);
        QVERIFY(plan[digestA].untag.isEmpty());
        QCOMPARE(plan[digestB].expire, false);
        QCOMPARE(plan[digestB].untag, QStringList{QStringLiteral("ci-2")});
        QCOMPARE(plan[digestB].reason, QStringLiteral("policy 1: prune tags matching /^ci-/ older than 7 days; v2 stay"));
        QCOMPARE(plan[digestC].expire, true);
        QCOMPARE(plan[digestD].expire, false);
        plan = byDigest(file->evaluate(images, kNow, RetentionGuards{{QStringLiteral("ci-1"), QStringLiteral("ci-2")}, false}, {}));
        QCOMPARE(plan[digestC].expire, false);
        QVERIFY(plan[digestC].untag.isEmpty());
        QVERIFY(plan[digestB].untag.isEmpty());

        // number_of_tags counts tags over the repository, newest image first.
        const auto newest = RetentionPolicyFile::fromJson("{\"policies\":[{\"uuid\":\"ce2b\",\"method\":\"number_of_tags\",\"value\":3}]}");
        QVERIFY(newest);
        plan = byDigest(newest->evaluate(images, kNow, {}, {}));
        QCOMPARE(plan[digestA].untag, QStringList{}); // ci-3, v3
        QCOMPARE(plan[digestB].untag, QStringList{QStringLiteral("v2")}); // ci-2 is the third
        QCOMPARE(plan[digestC].expire, true);

        // Untag entries survive the plan file as tag-only deletions.
        const RetentionPlan written = newest->evaluate(images, kNow, {}, {});
        const auto planned = deletionRequestsFromPlanJson(QJsonDocument(retentionPlanToJson(QStringLiteral("q.example/a"), written)).toJson(),
                                                          QStringLiteral("q.example/a"));
        QVERIFY(planned);
        QCOMPARE(planned->size(), 2);
        for (const DeletionRequest& r : *planned)
            QCOMPARE(r.tagOnly, r.digest == digestB);
    }

    void quayRejectsWhatQuayRejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("why");
        QTest::newRow("method") << QByteArray("{\"method\":\"by_size\",\"value\":3}") << QStringLiteral("number_of_tags or creation_date");
        QTest::newRow("count") << QByteArray("{\"method\":\"number_of_tags\",\"value\":0}") << QStringLiteral("1 or more");
        QTest::newRow("delta") << QByteArray("{\"method\":\"creation_date\",\"value\":\"7 days\"}") << QStringLiteral("\"7d\"");
        QTest::newRow("regex") << QByteArray("[{\"method\":\"creation_date\",\"value\":\"7d\",\"tagPattern\":\"(\"}]") << QStringLiteral("not a regular expression");
    }

    void quayRejectsWhatQuayRejects()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, why);
        const auto file = RetentionPolicyFile::fromJson(json);
        QVERIFY(!file);
        QVERIFY2(file.error().message.contains(why), qPrintable(file.error().message));
    }

    void bytesReclaimedCountOnlyUnsharedBlobs()
    {
        const auto policy = LifecyclePolicy::fromEcrJson("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}");
        QVERIFY(policy);
        QList<RetentionImage> images{{QStringLiteral("new"), {QStringLiteral("2")}, kNow.addDays(-1), {}, {{QStringLiteral("base"), 100}, {QStringLiteral("app2"), 10}}},
                                     {QStringLiteral("old"), {QStringLiteral("1")}, kNow.addDays(-5), {}, {{QStringLiteral("base"), 100}, {QStringLiteral("app1"), 20}}}};
        const RetentionPlan plan = evaluateRetention(*policy, images, kNow);
        QCOMPARE(plan.expiring(), 1);
        QCOMPARE(plan.entries.last().digest, QStringLiteral("old"));
        QCOMPARE(plan.bytesReclaimed, 20); // the base layer stays with the kept image
    }

    void readsHarborRetentionPolicies()
    {
        // Shaped as Harbor's RetentionPolicy (swagger.yaml): retain the 2 newest release tags,
        // anything pushed in the last 7 days, and always "stable".
        const QByteArray json = "{\"algorithm\":\"or\",\"rules\":["
            "            {\"priority\":1,\"disabled\":false,\"action\":\"retain\",\"template\":\"latestPushedK\",\"params\":{\"latestPushedK\":2},"
            "             \"tag_selectors\":[{\"kind\":\"doublestar\",\"decoration\":\"matches\",\"pattern\":\"v*\",\"extras\":\"{\\\"untagged\\\":false}\"}],"
            "             \"scope_selectors\":{\"repository\":[{\"kind\":\"doublestar\",\"decoration\":\"repoMatches\",\"pattern\":\"**\"}]}},"
            "            {\"priority\":2,\"disabled\":false,\"action\":\"retain\",\"template\":\"nDaysSinceLastPush\",\"params\":{\"nDaysSinceLastPush\":7},"
            "             \"tag_selectors\":[{\"kind\":\"doublestar\",\"decoration\":\"matches\",\"pattern\":\"**\",\"extras\":\"{\\\"untagged\\\":true}\"}]},"
            "            {\"priority\":3,\"disabled\":false,\"action\":\"retain\",\"template\":\"always\",\"params\":{},"
            "             \"tag_selectors\":[{\"kind\":\"doublestar\",\"decoration\":\"matches\",\"pattern\":\"{stable,lts}\"}]}]}";
        const auto file = RetentionPolicyFile::fromJson(json);
        QVERIFY2(file, file ? "" : qPrintable(file.error().message));
        QVERIFY(file->isHarbor());
        QCOMPARE(file->ruleLabels().size(), 3);
        auto image = [](const char* digest, QStringList tags, int daysAgo) {
            return RetentionImage{QString::fromLatin1(digest), tags, kNow.addDays(-daysAgo), QStringLiteral("created"), {}};
        };
        const QList<RetentionImage> images{image("v3", {QStringLiteral("v3")}, 20), image("v2", {QStringLiteral("v2")}, 30),
                                           image("v1", {QStringLiteral("v1")}, 40), image("nightly", {QStringLiteral("nightly-5")}, 3),
                                           image("old-nightly", {QStringLiteral("nightly-1")}, 50), image("stable", {QStringLiteral("stable")}, 90),
                                           image("dangling", {}, 2), image("old-dangling", {}, 60)};
        const RetentionPlan plan = file->evaluate(images, kNow, {}, {});
        QStringList deleted;
        for (const PlanEntry& e : plan.entries) {
            if (e.expire)
                deleted << e.digest;
        }
        deleted.sort();
        QCOMPARE(deleted, (QStringList{QStringLiteral("old-dangling"), QStringLiteral("old-nightly"), QStringLiteral("v1")}));
        const auto kept = std::find_if(plan.entries.begin(), plan.entries.end(), [](const PlanEntry& e) { return e.digest == u"stable"; });
        QVERIFY(kept->reason.contains(QStringLiteral("always retain")));

        // Exported and read back, it plans the same.
        const auto again = HarborRetentionPolicy::fromHarborJson(std::get<HarborRetentionPolicy>(file->policy).toHarborJson());
        QVERIFY(again);
        QCOMPARE(evaluateHarborRetention(*again, images, kNow).expiring(), 3);

        // An ECR policy is still read as one.
        const auto ecr = RetentionPolicyFile::fromJson("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}");
        QVERIFY(ecr && !ecr->isHarbor());
    }

    void rejectsBrokenHarborPolicies_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("why");
        QTest::newRow("unknown template") << QByteArray("{\"rules\":[{\"template\":\"latestPulledN\",\"params\":{\"latestPulledN\":3}}]}") << QStringLiteral("not supported");
        QTest::newRow("missing count") << QByteArray("{\"rules\":[{\"template\":\"latestPushedK\",\"params\":{}}]}") << QStringLiteral("needs a count");
        QTest::newRow("delete action") << QByteArray("{\"rules\":[{\"template\":\"always\",\"action\":\"delete\"}]}") << QStringLiteral("must be \"retain\"");
        QTest::newRow("bad decoration") << QByteArray("{\"rules\":[{\"template\":\"always\",\"tag_selectors\":[{\"kind\":\"doublestar\",\"decoration\":\"maybe\",\"pattern\":\"**\"}]}]}")
                                        << QStringLiteral("neither matches nor excludes");
        QTest::newRow("and algorithm") << QByteArray("{\"algorithm\":\"and\",\"rules\":[{\"template\":\"always\"}]}") << QStringLiteral("\"or\"");
    }

    void rejectsBrokenHarborPolicies()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, why);
        const auto policy = RetentionPolicyFile::fromJson(json);
        QVERIFY(!policy);
        QVERIFY2(policy.error().message.contains(why), qPrintable(policy.error().message));
    }

    void doublestarPatterns()
    {
        QVERIFY(matchesDoublestar(QStringLiteral("**"), QStringLiteral("anything")));
        QVERIFY(matchesDoublestar(QStringLiteral("v*"), QStringLiteral("v1.2")));
        QVERIFY(!matchesDoublestar(QStringLiteral("v*"), QStringLiteral("dev")));
        QVERIFY(matchesDoublestar(QStringLiteral("{stable,lts}"), QStringLiteral("lts")));
        QVERIFY(!matchesDoublestar(QStringLiteral("{stable,lts}"), QStringLiteral("stable-1")));
        QVERIFY(matchesDoublestar(QStringLiteral("1.?"), QStringLiteral("1.9")));
        QVERIFY(!matchesDoublestar(QStringLiteral("1.?"), QStringLiteral("1.10")));
        QVERIFY(!matchesDoublestar(QStringLiteral("a.b"), QStringLiteral("aXb"))); // dots are literal
    }

    void keepsSignedImagesWhenAsked()
    {
        const auto policy = LifecyclePolicy::fromEcrJson("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}");
        QVERIFY(policy);
        RetentionImage newest{QStringLiteral("new"), {QStringLiteral("2")}, kNow.addDays(-1), {}, {}};
        RetentionImage signedOld{QStringLiteral("old"), {QStringLiteral("1")}, kNow.addDays(-5), {}, {}};
        signedOld.isSigned = true;
        QCOMPARE(evaluateRetention(*policy, {newest, signedOld}, kNow).expiring(), 1);
        const RetentionPlan guarded = evaluateRetention(*policy, {newest, signedOld}, kNow, RetentionGuards{{}, true});
        QCOMPARE(guarded.expiring(), 0);
        QCOMPARE(guarded.entries.last().reason, QStringLiteral("kept: signed"));
    }

    // Google's documented example: delete older than 100 days, keep version prefix, delete tag "default";
    // the kept version survives although two delete policies match it.
    void artifactRegistryKeepWinsOverDelete()
    {
        const auto file = RetentionPolicyFile::fromJson(
            "[{\"name\":\"old\",\"action\":{\"type\":\"Delete\"},\"condition\":{\"olderThan\":\"100d\"}},"
            "{\"name\":\"keep-b\",\"action\":{\"type\":\"Keep\"},\"condition\":{\"versionNamePrefixes\":[\"sha256:b\"]}},"
            "{\"name\":\"default-tag\",\"action\":{\"type\":\"Delete\"},\"condition\":{\"tagState\":\"TAGGED\",\"tagPrefixes\":[\"default\"]}}]");
        QVERIFY2(file, file ? "" : qPrintable(file.error().message));
        QVERIFY(file->isArtifactRegistry());
        const QList<RetentionImage> images{{QStringLiteral("sha256:a"), {QStringLiteral("default")}, kNow.addDays(-120), {}, {}},
                                           {QStringLiteral("sha256:b"), {QStringLiteral("default")}, kNow.addDays(-150), {}, {}},
                                           {QStringLiteral("sha256:c"), {QStringLiteral("patch")}, kNow.addDays(-20), {}, {}}};
        const RetentionPlan plan = file->evaluate(images, kNow, {}, QStringLiteral("app"));
        QMap<QString, bool> expire;
        for (const PlanEntry& e : plan.entries)
            expire.insert(e.digest, e.expire);
        QCOMPARE(expire.value(QStringLiteral("sha256:a")), true);
        QCOMPARE(expire.value(QStringLiteral("sha256:b")), false);
        QCOMPARE(expire.value(QStringLiteral("sha256:c")), false);
        // And back out as the file gcloud takes, durations in seconds.
        const QJsonArray out = QJsonDocument::fromJson(file->toJson()).array();
        QCOMPARE(out.size(), 3);
        QCOMPARE(out[0].toObject().value(QStringLiteral("condition")).toObject().value(QStringLiteral("olderThan")).toString(), QStringLiteral("8640000s"));
        QVERIFY(RetentionPolicyFile::fromJson(file->toJson()));
        QCOMPARE(cleanupPackageName(QStringLiteral("europe-west1-docker.pkg.dev"), QStringLiteral("proj/repo/team/app")), QStringLiteral("team/app"));
    }

    void artifactRegistryRejectsWhatGcloudRejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("why");
        QTest::newRow("not an array") << QByteArray("{\"name\":\"x\",\"action\":{\"type\":\"Delete\"},\"condition\":{}}") << QStringLiteral("put this one policy in [ ]");
        QTest::newRow("no name") << QByteArray("[{\"action\":{\"type\":\"Delete\"},\"condition\":{}}]") << QStringLiteral("has no name");
        QTest::newRow("bad action") << QByteArray("[{\"name\":\"x\",\"action\":{\"type\":\"Expire\"},\"condition\":{}}]") << QStringLiteral("Delete or Keep");
        QTest::newRow("both") << QByteArray("[{\"name\":\"x\",\"action\":{\"type\":\"Keep\"},\"condition\":{},\"mostRecentVersions\":{\"keepCount\":2}}]")
                              << QStringLiteral("either a condition or mostRecentVersions");
        QTest::newRow("recent delete") << QByteArray("[{\"name\":\"x\",\"action\":{\"type\":\"Delete\"},\"mostRecentVersions\":{\"keepCount\":2}}]")
                                       << QStringLiteral("for Keep policies");
        QTest::newRow("bad duration") << QByteArray("[{\"name\":\"x\",\"action\":{\"type\":\"Delete\"},\"condition\":{\"olderThan\":\"P30D\"}}]")
                                      << QStringLiteral("duration");
        QTest::newRow("prefix needs tagged") << QByteArray("[{\"name\":\"x\",\"action\":{\"type\":\"Delete\"},\"condition\":{\"tagState\":\"ANY\",\"tagPrefixes\":[\"n\"]}}]")
                                             << QStringLiteral("only apply with tagState TAGGED");
    }

    void artifactRegistryRejectsWhatGcloudRejects()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, why);
        const auto file = RetentionPolicyFile::fromJson(json);
        QVERIFY(!file);
        QVERIFY2(file.error().message.contains(why), qPrintable(file.error().message));
    }

    void artifactRegistryAgreesWithTheReferenceOnRandomInventories()
    {
        QRandomGenerator random(20261129);
        const QStringList vocabulary{QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("nightly"), QStringLiteral("release")};
        const QStringList packages{QStringLiteral("app"), QStringLiteral("tools/cli")};
        int deletedSeen = 0;
        for (int round = 0; round < 2000; ++round) {
            ArtifactRegistryCleanup cleanup;
            const int count = 1 + int(random.bounded(4));
            for (int p = 0; p < count; ++p) {
                CleanupPolicy policy;
                policy.name = QStringLiteral("p%1").arg(p);
                policy.keep = random.bounded(3) == 0;
                if (policy.keep && random.bounded(2)) {
                    policy.keepsMostRecent = true;
                    policy.keepCount = 1 + int(random.bounded(5));
                } else {
                    policy.hasCondition = true;
                    policy.tagState = CleanupPolicy::TagState(random.bounded(3));
                    if (policy.tagState == CleanupPolicy::TagState::Tagged && random.bounded(2))
                        policy.tagPrefixes << vocabulary[random.bounded(qsizetype(vocabulary.size()))];
                    if (random.bounded(2))
                        policy.olderThanSeconds = qint64(random.bounded(40)) * 86400;
                    if (random.bounded(4) == 0)
                        policy.newerThanSeconds = qint64(random.bounded(60)) * 86400;
                }
                if (random.bounded(5) == 0)
                    policy.packageNamePrefixes << packages[random.bounded(qsizetype(packages.size()))].left(3);
                cleanup.policies << policy;
            }
            const QList<RetentionImage> images = randomImages(random, vocabulary);
            const QString package = packages[random.bounded(qsizetype(packages.size()))];
            const RetentionPlan plan = evaluateArtifactRegistryCleanup(cleanup, package, images, kNow);
            QSet<QString> deleted;
            for (const PlanEntry& e : plan.entries) {
                if (e.expire)
                    deleted.insert(e.digest);
            }
            if (deleted != referenceCleanupDeleted(cleanup, package, images)) {
                qWarning("round %d: policy %s", round, cleanup.toJson().constData());
                QCOMPARE(deleted, referenceCleanupDeleted(cleanup, package, images));
            }
            deletedSeen += plan.expiring();
        }
        QVERIFY(deletedSeen > 1000);
    }

    void quayAgreesWithTheReferenceOnRandomInventories()
    {
        QRandomGenerator random(20261130);
        const QStringList vocabulary{QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("ci"), QStringLiteral("pr")};
        const QStringList patterns{QString(), QStringLiteral("^ci"), QStringLiteral("^v"), QStringLiteral("-1$")};
        int changes = 0;
        for (int round = 0; round < 2000; ++round) {
            QuayAutoPrune prune;
            const int count = 1 + int(random.bounded(3));
            for (int p = 0; p < count; ++p) {
                QuayPrunePolicy policy;
                policy.method = QuayPrunePolicy::Method(random.bounded(2));
                policy.numberOfTags = 1 + int(random.bounded(6));
                policy.olderThanSeconds = (1 + qint64(random.bounded(40))) * 86400;
                policy.tagPattern = patterns[random.bounded(qsizetype(patterns.size()))];
                policy.tagPatternMatches = random.bounded(3) != 0;
                prune.policies << policy;
            }
            const QList<RetentionImage> images = randomImages(random, vocabulary);
            const RetentionPlan plan = evaluateQuayAutoPrune(prune, images, kNow);
            QMap<QString, QString> actions;
            for (const PlanEntry& e : plan.entries)
                actions.insert(e.digest, e.expire ? QStringLiteral("delete") : e.untag.isEmpty() ? QStringLiteral("keep") : QStringLiteral("untag"));
            if (actions != referenceQuay(prune, images)) {
                qWarning("round %d: policy %s", round, prune.toJson().constData());
                QCOMPARE(actions, referenceQuay(prune, images));
            }
            changes += plan.expiring() + plan.untagging();
        }
        QVERIFY(changes > 1000);
    }

    void harborAgreesWithTheReferenceOnRandomInventories()
    {
        QRandomGenerator random(20261128);
        const QStringList vocabulary{QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("stable"), QStringLiteral("nightly"), QStringLiteral("lts"), QStringLiteral("dev")};
        const QStringList patterns{QStringLiteral("**"), QStringLiteral("v*"), QStringLiteral("{stable,lts}"), QStringLiteral("*ly*"), QStringLiteral("d?v*")};
        int deletedSeen = 0;
        for (int round = 0; round < 2000; ++round) {
            HarborRetentionPolicy policy;
            const int ruleCount = 1 + int(random.bounded(3));
            for (int r = 0; r < ruleCount; ++r) {
                HarborRetentionRule rule;
                rule.priority = r + 1;
                rule.disabled = random.bounded(8) == 0;
                rule.kind = HarborRetentionRule::Template(random.bounded(4));
                rule.count = int(random.bounded(rule.kind == HarborRetentionRule::Template::LatestPushedK ? 4 : 40));
                rule.pattern = patterns[random.bounded(qsizetype(patterns.size()))];
                rule.exclude = random.bounded(4) == 0;
                rule.untagged = random.bounded(2);
                policy.rules << rule;
            }
            const QList<RetentionImage> images = randomImages(random, vocabulary);
            const RetentionPlan plan = evaluateHarborRetention(policy, images, kNow);
            QSet<QString> kept;
            for (const PlanEntry& e : plan.entries) {
                if (!e.expire)
                    kept.insert(e.digest);
            }
            if (kept != referenceHarborKept(policy, images)) {
                qWarning("round %d: policy %s", round, policy.toHarborJson().constData());
                QCOMPARE(kept, referenceHarborKept(policy, images));
            }
            deletedSeen += plan.expiring();
        }
        QVERIFY(deletedSeen > 1000);
    }

    void agreesWithTheReferenceOnRandomInventories()
    {
        QRandomGenerator random(20261127);
        const QStringList vocabulary{QStringLiteral("prod-1"), QStringLiteral("prod-2"), QStringLiteral("beta-1"), QStringLiteral("beta-2"), QStringLiteral("latest"),
                                     QStringLiteral("v1.0"), QStringLiteral("v1.1"), QStringLiteral("test-a"), QStringLiteral("dev")};
        const QStringList prefixes{QStringLiteral("prod"), QStringLiteral("beta"), QStringLiteral("v1"), QStringLiteral("test"), QStringLiteral("d")};
        const QStringList patterns{QStringLiteral("prod*"), QStringLiteral("*-1"), QStringLiteral("v*.*"), QStringLiteral("*a*"), QStringLiteral("latest")};
        int expiredSeen = 0;
        for (int round = 0; round < 3000; ++round) {
            LifecyclePolicy policy;
            const int ruleCount = 1 + int(random.bounded(4));
            bool untaggedUsed = false;
            for (int r = 0; r < ruleCount; ++r) {
                LifecycleRule rule;
                rule.priority = 1 + r * int(1 + random.bounded(5));
                const int kind = int(random.bounded(r == ruleCount - 1 ? 3 : 2));
                rule.tagStatus = kind == 2 ? LifecycleRule::TagStatus::Any : (kind == 1 && !untaggedUsed ? LifecycleRule::TagStatus::Untagged : LifecycleRule::TagStatus::Tagged);
                untaggedUsed = untaggedUsed || rule.tagStatus == LifecycleRule::TagStatus::Untagged;
                if (rule.tagStatus == LifecycleRule::TagStatus::Tagged) {
                    const int entries = 1 + int(random.bounded(2));
                    for (int e = 0; e < entries; ++e) {
                        if (random.bounded(2))
                            rule.tagPrefixList << prefixes[random.bounded(qsizetype(prefixes.size()))];
                        else
                            rule.tagPatternList << patterns[random.bounded(qsizetype(patterns.size()))];
                    }
                    if (!rule.tagPrefixList.isEmpty() && !rule.tagPatternList.isEmpty())
                        rule.tagPatternList.clear(); // ECR allows one kind of list per rule
                }
                rule.countType = random.bounded(2) ? LifecycleRule::CountType::ImageCountMoreThan : LifecycleRule::CountType::SinceImagePushed;
                rule.countNumber = 1 + int(random.bounded(rule.countType == LifecycleRule::CountType::ImageCountMoreThan ? 4 : 30));
                policy.rules << rule;
            }
            QList<RetentionImage> images;
            const int imageCount = int(random.bounded(25));
            for (int i = 0; i < imageCount; ++i) {
                RetentionImage image;
                image.digest = QStringLiteral("sha256:%1").arg(i, 4, 10, QLatin1Char('0'));
                const int tags = int(random.bounded(4));
                for (int t = 0; t < tags; ++t)
                    image.tags << vocabulary[random.bounded(qsizetype(vocabulary.size()))] + (t ? QStringLiteral("-%1").arg(i) : QString());
                image.pushed = kNow.addSecs(-qint64(random.bounded(60)) * 86400 - qint64(random.bounded(3)) * 3600); // ties happen
                images << image;
            }
            const RetentionPlan plan = evaluateRetention(policy, images, kNow);
            QMap<QString, int> actual;
            for (const PlanEntry& e : plan.entries) {
                if (e.expire)
                    actual.insert(e.digest, e.rulePriority);
            }
            const QMap<QString, int> expected = referenceExpired(policy, images);
            if (actual != expected) {
                qWarning("round %d: policy %s", round, policy.toEcrJson().constData());
                QCOMPARE(actual, expected);
            }
            expiredSeen += int(actual.size());
            // Deterministic: the same inventory in another order gives the same plan.
            QList<RetentionImage> shuffled = images;
            std::shuffle(shuffled.begin(), shuffled.end(), *QRandomGenerator::global());
            const RetentionPlan again = evaluateRetention(policy, shuffled, kNow);
            QCOMPARE(again.entries.size(), plan.entries.size());
            for (int i = 0; i < plan.entries.size(); ++i) {
                QCOMPARE(again.entries[i].digest, plan.entries[i].digest);
                QCOMPARE(again.entries[i].expire, plan.entries[i].expire);
            }
        }
        QVERIFY(expiredSeen > 1000); // the random policies really expire things
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
