#pragma once

#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringView>

namespace berth {

// What a tag looks like it names, for filtering the tag table.
enum class TagKind {
    Latest, // "latest"
    Environment, // prod-…, staging, dev-…: a deployment pointer
    Date, // nightly-20261101, 2026-05-21
    SemanticVersion, // 1.2.3, v1.10, 2.0.0-rc1
    GitSha, // 9f8e7d6, a 7–40 character hex commit
    Attachment, // sha256-<hex>[.sig|.att|.sbom]: signatures, SBOMs, referrers kept as tags
    Other,
};

TagKind classifyTag(QStringView tag);
QString tagKindName(TagKind kind); // "semver", "git-sha", ... (stable, for settings and JSON)

// Version order: numbers compare as numbers (1.10 after 1.9), a leading 'v' is ignored, and a
// pre-release sorts before its release (1.0.0-rc1 < 1.0.0). Any two strings are ordered.
int compareVersions(QStringView a, QStringView b);
// A key whose byte order is compareVersions' order (equal keys where it says 0): made once per
// tag, so that sorting thousands of tags compares bytes instead of parsing numbers each time.
QByteArray versionSortKey(QStringView tag);

// The tag table's filter: text (plain, case-insensitive, or a regular expression) over the tag
// and its digest, and the tag kinds to show (none chosen = all).
class TagFilter
{
public:
    void setText(const QString& text, bool isRegularExpression);
    void setKinds(const QSet<TagKind>& kinds) { m_kinds = kinds; }
    bool isValid() const { return m_regex.isValid(); } // false while a regular expression is malformed
    QString errorString() const { return m_regex.errorString(); }
    bool isEmpty() const { return m_text.isEmpty() && m_kinds.isEmpty(); }
    bool matches(const QString& tag, const QString& digest) const { return matches(tag, digest, classifyTag(tag)); }
    bool matches(const QString& tag, const QString& digest, TagKind kind) const; // kind: classifyTag(tag), kept by the caller

private:
    QString m_text;
    bool m_isRegex = false;
    QRegularExpression m_regex;
    QSet<TagKind> m_kinds;
};

} // namespace berth
