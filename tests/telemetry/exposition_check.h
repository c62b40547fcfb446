// Checks of a Prometheus text exposition shared by the telemetry tests: the
// machine's `promtool check metrics` when it is installed (Debian package
// prometheus), and a structural check of our own that always runs.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringList>

#include <map>
#include <optional>
#include <set>

namespace fyr::tests {

// promtool's problems with `text`, one a line, except its lint against colons in
// metric names: Fyr's names carry the "fyr:" prefix on purpose, as vLLM's carry
// "vllm:". Empty when promtool is not installed (check promtoolPath()).
inline QString promtoolPath() {
    return QStandardPaths::findExecutable(QStringLiteral("promtool"));
}

inline QStringList promtoolProblems(const QByteArray& text) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(promtoolPath(), {QStringLiteral("check"), QStringLiteral("metrics")});
    if (!p.waitForStarted(30000)) return {QStringLiteral("promtool did not start: ") + p.errorString()};
    p.write(text);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) return {QStringLiteral("promtool did not finish")};
    QStringList problems;
    int colonLints = 0;
    for (const QString& line : QString::fromUtf8(p.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.endsWith(QLatin1String("metric names should not contain ':'")))
            ++colonLints;
        else
            problems << line;
    }
    // A non-zero exit is fine only when the colon lints are all it complained of.
    if (p.exitStatus() != QProcess::NormalExit || (p.exitCode() != 0 && colonLints == 0))
        problems << QStringLiteral("promtool exited with %1").arg(p.exitCode());
    return problems;
}

// The exposition's shape: every line a HELP, a TYPE or a sample; HELP then TYPE
// once per family, before its samples, no family twice; each sample's name its
// family's (histograms: _bucket, _sum, _count); label names and escapes valid;
// histogram buckets cumulative, ending at +Inf with the series' _count.
inline QStringList expositionShapeProblems(const QByteArray& text) {
    // Plain literals: moc, which reads this header, does not take raw strings.
    static const QRegularExpression help(
        QStringLiteral("^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (?:[^\\\\]|\\\\[\\\\n])*$"));
    static const QRegularExpression type(
        QStringLiteral("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$"));
    static const QString label = QStringLiteral("[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"");
    static const QRegularExpression sample(QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{%1(?:,%1)*\\})? "
                                                          "([+-]Inf|NaN|-?[0-9]+(?:\\.[0-9]+)?(?:e[+-][0-9]+)?)$")
                                               .arg(label));
    static const QRegularExpression le(QStringLiteral(",?le=\"([^\"]*)\""));

    QStringList problems;
    std::set<QString> families;
    QString family, familyType, helpFor;
    std::map<QString, std::pair<double, bool>> buckets;  // series (labels without le) -> last count, +Inf seen
    int n = 0;
    for (const QString& line : QString::fromUtf8(text).split(QLatin1Char('\n'))) {
        ++n;
        const QString where = QStringLiteral("line %1: ").arg(n);
        if (line.isEmpty()) continue;
        if (auto m = help.match(line); m.hasMatch()) {
            if (!families.insert(m.captured(1)).second) problems << where + QStringLiteral("family again");
            helpFor = m.captured(1);
            family.clear();
            continue;
        }
        if (auto m = type.match(line); m.hasMatch()) {
            if (m.captured(1) != helpFor) problems << where + QStringLiteral("TYPE without its HELP");
            family = m.captured(1);
            familyType = m.captured(2);
            buckets.clear();
            continue;
        }
        const auto m = sample.match(line);
        if (!m.hasMatch()) {
            problems << where + QStringLiteral("not a sample: ") + line;
            continue;
        }
        const QString name = m.captured(1);
        if (family.isEmpty()) {
            problems << where + QStringLiteral("sample before its TYPE");
            continue;
        }
        if (familyType != QLatin1String("histogram")) {
            if (name != family) problems << where + QStringLiteral("sample of another family: ") + name;
            continue;
        }
        QString labels = m.captured(2);
        const double value = m.captured(3).toDouble();
        if (name == family + QLatin1String("_bucket")) {
            const auto l = le.match(labels);
            if (!l.hasMatch()) {
                problems << where + QStringLiteral("bucket without le");
                continue;
            }
            const bool inf = l.captured(1) == QLatin1String("+Inf");
            labels.remove(l.capturedStart(), l.capturedLength());
            if (labels == QLatin1String("{}")) labels.clear();
            auto& [last, sawInf] = buckets[labels];
            if (value < last) problems << where + QStringLiteral("buckets not cumulative");
            if (sawInf) problems << where + QStringLiteral("bucket after +Inf");
            last = value;
            sawInf = inf;
        } else if (name == family + QLatin1String("_count")) {
            const auto it = buckets.find(labels);
            if (it == buckets.end() || !it->second.second)
                problems << where + QStringLiteral("no +Inf bucket");
            else if (it->second.first != value)
                problems << where + QStringLiteral("_count is not the +Inf bucket");
        } else if (name != family + QLatin1String("_sum")) {
            problems << where + QStringLiteral("sample of another family: ") + name;
        }
    }
    if (!text.isEmpty() && !text.endsWith('\n')) problems << QStringLiteral("no newline at the end");
    return problems;
}

}  // namespace fyr::tests
