#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "cli/admin_session.h"
#include "cli/command.h"
#include "cli/command_parser.h"
#include "guard/corpus.h"
#include "guard/guard.h"
#include "store/crypto.h"

namespace fyr::app::cli {
namespace {

using namespace fyr::app::guard;


QJsonObject findingJson(const Finding& f) {
    return QJsonObject{{QStringLiteral("scanner"), f.scanner},
                       {QStringLiteral("category"), f.category},
                       {QStringLiteral("kind"), f.kind},
                       {QStringLiteral("rule"), f.rule},
                       {QStringLiteral("owasp"), f.owasp},
                       {QStringLiteral("severity"), f.severity},
                       {QStringLiteral("verdict"), verdictName(f.verdict)},
                       {QStringLiteral("decided_by"), f.decidedBy},
                       {QStringLiteral("score"), f.score},
                       {QStringLiteral("start"), static_cast<qint64>(f.start)},
                       {QStringLiteral("length"), static_cast<qint64>(f.length)},
                       {QStringLiteral("excerpt"), f.excerpt}};
}

QJsonObject countsJson(const Counts& c) {
    return QJsonObject{{QStringLiteral("attacks"), c.attacks()},
                       {QStringLiteral("benign"), c.benign()},
                       {QStringLiteral("true_positives"), c.truePositives},
                       {QStringLiteral("false_negatives"), c.falseNegatives},
                       {QStringLiteral("false_positives"), c.falsePositives},
                       {QStringLiteral("recall"), c.recall()},
                       {QStringLiteral("precision"), c.precision()},
                       {QStringLiteral("false_positive_rate"), c.falsePositiveRate()}};
}

int runCheck(const QStringList& args, const QCommandLineParser& parser, CommandIo& io, const Guard& guard) {
    const QStringList pos = parser.positionalArguments();
    QString text = pos.mid(1).join(u' ');
    if (parser.isSet(QStringLiteral("file"))) {
        QFile f(parser.value(QStringLiteral("file")));
        if (!f.open(QIODevice::ReadOnly))
            return usageError(args, io, QCoreApplication::translate("fyrctl", "%1: cannot read: %2").arg(f.fileName(), f.errorString()));
        text = QString::fromUtf8(f.readAll());
    }
    if (text.isEmpty()) return usageError(args, io, QCoreApplication::translate("fyrctl", "check needs TEXT (or --file FILE)"));
    GuardContext ctx;
    ctx.role = parser.value(QStringLiteral("role"));
    ctx.canary = parser.value(QStringLiteral("canary"));
    if (parser.isSet(QStringLiteral("system-prompt-file"))) {
        QFile f(parser.value(QStringLiteral("system-prompt-file")));
        if (!f.open(QIODevice::ReadOnly))
            return usageError(args, io, QCoreApplication::translate("fyrctl", "%1: cannot read: %2").arg(f.fileName(), f.errorString()));
        ctx.systemPrompt = QString::fromUtf8(f.readAll());
    }
    const Direction dir = parser.isSet(QStringLiteral("output")) ? Direction::Output : Direction::Input;
    const GuardResult r = guard.check(text, dir, ctx);

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray findings;
        for (const Finding& f : r.findings) findings.append(findingJson(f));
        QJsonObject o{{QStringLiteral("verdict"), verdictName(r.verdict)},
                      {QStringLiteral("direction"), dir == Direction::Input ? QStringLiteral("input") : QStringLiteral("output")},
                      {QStringLiteral("role"), ctx.role},
                      {QStringLiteral("findings"), findings},
                      {QStringLiteral("text"), r.text},
                      {QStringLiteral("elapsed_us"), static_cast<qint64>(r.elapsedUs)}};
        if (dir == Direction::Input) o.insert(QStringLiteral("injection_score"), r.injectionScore);
        io.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    } else {
        io.out << QCoreApplication::translate("fyrctl", "verdict: %1\n").arg(verdictName(r.verdict));
        for (const Finding& f : r.findings)
            io.out << QCoreApplication::translate("fyrctl", "  %1  %2/%3  %4  %5  decided by %6  score %7\n")
                          .arg(verdictName(f.verdict), -6)
                          .arg(f.scanner, f.category, f.owasp, f.kind, f.decidedBy)
                          .arg(f.score, 0, 'f', 2);
        if (dir == Direction::Input) io.out << QCoreApplication::translate("fyrctl", "injection score: %1\n").arg(r.injectionScore, 0, 'f', 3);
        if (r.verdict == Verdict::Redact) io.out << QCoreApplication::translate("fyrctl", "redacted: %1\n").arg(r.text);
        io.out << QCoreApplication::translate("fyrctl", "time: %1 µs\n").arg(r.elapsedUs);
    }
    if (parser.isSet(QStringLiteral("fail-on"))) {
        const auto level = verdictFromName(parser.value(QStringLiteral("fail-on")));
        if (level && r.verdict >= *level) return 3;
    }
    return kOk;
}

int runTrain(const QStringList& args, const QCommandLineParser& parser, CommandIo& io, const Guard& guard) {
    const QStringList files = parser.positionalArguments().mid(1);
    if (files.isEmpty()) return usageError(args, io, QCoreApplication::translate("fyrctl", "train needs one or more CORPUS.jsonl files"));
    if (!parser.isSet(QStringLiteral("out"))) return usageError(args, io, QCoreApplication::translate("fyrctl", "train needs --out FILE"));
    std::vector<Classifier::Example> examples;
    for (const QString& path : files) {
        QString error;
        const auto corpus = readCorpus(path, &error);
        if (!corpus) return commandFailure(args, io, error);
        const auto more = trainingExamples(guard.normalizer(), *corpus);
        examples.insert(examples.end(), more.begin(), more.end());
    }
    Classifier::TrainOptions opts;
    if (parser.isSet(QStringLiteral("epochs"))) {
        bool ok = false;
        opts.epochs = parser.value(QStringLiteral("epochs")).toInt(&ok);
        if (!ok || opts.epochs < 1 || opts.epochs > 10000) return usageError(args, io, QCoreApplication::translate("fyrctl", "--epochs expects 1 to 10000"));
    }
    if (parser.isSet(QStringLiteral("l2"))) {
        bool ok = false;
        opts.l2 = parser.value(QStringLiteral("l2")).toDouble(&ok);
        if (!ok || opts.l2 < 0 || opts.l2 > 1) return usageError(args, io, QCoreApplication::translate("fyrctl", "--l2 expects 0 to 1"));
    }
    const Classifier model = Classifier::train(examples, opts);
    QSaveFile out(parser.value(QStringLiteral("out")));
    if (!out.open(QIODevice::WriteOnly) || out.write(model.toJson()) < 0 || !out.commit())
        return commandFailure(args, io, QCoreApplication::translate("fyrctl", "%1: cannot write: %2").arg(out.fileName(), out.errorString()));
    io.out << QCoreApplication::translate("fyrctl", "trained on %1 examples: %2 features kept, written to %3\n")
                  .arg(examples.size())
                  .arg(model.featureCount())
                  .arg(out.fileName());
    return kOk;
}

int runEvaluate(const QStringList& args, const QCommandLineParser& parser, CommandIo& io, const Guard& guard) {
    const QStringList files = parser.positionalArguments().mid(1);
    if (files.isEmpty()) return usageError(args, io, QCoreApplication::translate("fyrctl", "eval needs one or more CORPUS.jsonl files"));
    QJsonArray reports;
    for (const QString& path : files) {
        QString error;
        const auto corpus = readCorpus(path, &error);
        if (!corpus) return commandFailure(args, io, error);
        const Evaluation e = evaluate(guard, *corpus);
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonObject groups;
            for (auto it = e.byGroup.begin(); it != e.byGroup.end(); ++it) groups.insert(it.key(), countsJson(it.value()));
            QJsonArray misses;
            for (const LabelledPrompt* p : e.misses)
                misses.append(QJsonObject{{QStringLiteral("line"), p->line},
                                          {QStringLiteral("label"), p->attack ? QStringLiteral("attack") : QStringLiteral("benign")},
                                          {QStringLiteral("kind"), p->kind}});
            QJsonObject o = countsJson(e.total);
            o.insert(QStringLiteral("file"), path);
            o.insert(QStringLiteral("groups"), groups);
            o.insert(QStringLiteral("misses"), misses);
            o.insert(QStringLiteral("mean_us"), e.meanMicros);
            reports.append(o);
            continue;
        }
        io.out << QCoreApplication::translate("fyrctl", "%1: %2 attacks, %3 benign\n").arg(path).arg(e.total.attacks()).arg(e.total.benign());
        io.out << QCoreApplication::translate("fyrctl", "  recall %1  precision %2  false positives %3 (%4 of %5)  mean %6 µs per prompt\n")
                      .arg(e.total.recall(), 0, 'f', 3)
                      .arg(e.total.precision(), 0, 'f', 3)
                      .arg(e.total.falsePositiveRate(), 0, 'f', 3)
                      .arg(e.total.falsePositives)
                      .arg(e.total.benign())
                      .arg(e.meanMicros, 0, 'f', 0);
        for (auto it = e.byGroup.begin(); it != e.byGroup.end(); ++it) {
            const Counts& c = it.value();
            if (c.attacks()) io.out << QCoreApplication::translate("fyrctl", "  %1  recall %2 (%3 of %4)\n").arg(it.key(), -16).arg(c.recall(), 0, 'f', 2).arg(c.truePositives).arg(c.attacks());
            else io.out << QCoreApplication::translate("fyrctl", "  %1  false positives %2 (%3 of %4)\n").arg(it.key(), -16).arg(c.falsePositiveRate(), 0, 'f', 2).arg(c.falsePositives).arg(c.benign());
        }
        if (parser.isSet(QStringLiteral("show-misses")))
            for (const LabelledPrompt* p : e.misses)
                io.out << QCoreApplication::translate("fyrctl", "  miss line %1 (%2, %3): %4\n")
                              .arg(p->line)
                              .arg(p->attack ? QStringLiteral("attack") : QStringLiteral("benign"), p->kind, p->text.left(160).simplified());
    }
    if (parser.isSet(QStringLiteral("json")))
        io.out << QJsonDocument(reports.size() == 1 ? QJsonDocument(reports[0].toObject()) : QJsonDocument(reports))
                      .toJson(QJsonDocument::Compact)
               << '\n';
    return kOk;
}

// Installs a site's policy (and the classifier it names) beside the database,
// after checking that it loads; the change is audited with the file's digest.
int runInstall(const QStringList& args, const QCommandLineParser& parser, CommandIo& io) {
    const QStringList pos = parser.positionalArguments();
    const bool reset = pos.value(0) == QLatin1String("reset");
    if ((reset && pos.size() != 1) || (!reset && pos.size() != 2))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected install POLICY.json or reset"));
    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    if (auto rc = s.require(Permission::SecurityManage, args, io)) return *rc;
    const QString target = Guard::sitePolicyPath(parser.value(QStringLiteral("db")));
    if (reset) {
        QFile::remove(QFileInfo(target).dir().filePath(QStringLiteral("classifier.json")));
        if (QFileInfo::exists(target) && !QFile::remove(target))
            return commandFailure(args, io, QCoreApplication::translate("fyrctl", "%1: cannot remove").arg(target));
        if (auto rc = s.record(QStringLiteral("policy.change"), QStringLiteral("guard"), QStringLiteral("built-in policy"), args, io))
            return *rc;
        io.out << QCoreApplication::translate("fyrctl", "the built-in guard policy is in force again\n");
        return kOk;
    }
    const QString source = pos.at(1);
    QString error;
    auto policy = GuardPolicy::load(source, &error);
    if (!policy || !Guard::create(source, &error)) return commandFailure(args, io, error);
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) return commandFailure(args, io, in.errorString());
    QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
    QDir().mkpath(QFileInfo(target).absolutePath());
    auto writeFile = [&](const QString& path, const QByteArray& bytes) {
        QSaveFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
    };
    if (!policy->classifierPath.isEmpty()) {
        QFile c(policy->classifierPath);
        const QString copied = QFileInfo(target).dir().filePath(QStringLiteral("classifier.json"));
        if (!c.open(QIODevice::ReadOnly) || !writeFile(copied, c.readAll()))
            return commandFailure(args, io, QCoreApplication::translate("fyrctl", "%1: cannot copy the classifier").arg(policy->classifierPath));
        root.insert(QStringLiteral("classifier"), QStringLiteral("classifier.json"));
    }
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (!writeFile(target, bytes)) return commandFailure(args, io, QCoreApplication::translate("fyrctl", "%1: cannot write").arg(target));
    if (!Guard::create(target, &error)) return commandFailure(args, io, error);
    if (auto rc = s.record(QStringLiteral("policy.change"), QStringLiteral("guard"),
                           QStringLiteral("%1 sha256 %2").arg(source, QString::fromLatin1(crypto::sha256(bytes).toHex())), args, io))
        return *rc;
    io.out << QCoreApplication::translate("fyrctl", "guard policy installed at %1\n").arg(target);
    return kOk;
}

}  // namespace

int runGuard(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QCoreApplication::translate("fyrctl", "check TEXT, eval CORPUS…, train CORPUS… --out FILE, install POLICY.json or reset"));
    parser.addOptions({
        {QStringLiteral("policy"), QCoreApplication::translate("fyrctl", "Guard policy JSON (default: the installation's own, installed beside --db, else the built-in one)."), QStringLiteral("FILE")},
        {QStringLiteral("role"), QCoreApplication::translate("fyrctl", "check: the caller's role, whose verdicts apply."), QStringLiteral("ROLE"), QStringLiteral("default")},
        {QStringLiteral("output"), QCoreApplication::translate("fyrctl", "check: treat TEXT as a model's answer, not a prompt.")},
        {QStringLiteral("file"), QCoreApplication::translate("fyrctl", "check: read the text from FILE."), QStringLiteral("FILE")},
        {QStringLiteral("canary"), QCoreApplication::translate("fyrctl", "check --output: the canary planted in the system prompt."), QStringLiteral("TEXT")},
        {QStringLiteral("system-prompt-file"), QCoreApplication::translate("fyrctl", "check --output: the system prompt, to detect it leaking."), QStringLiteral("FILE")},
        {QStringLiteral("fail-on"), QCoreApplication::translate("fyrctl", "check: exit with 3 when the verdict is at least LEVEL (flag, redact, block)."), QStringLiteral("LEVEL")},
        {QStringLiteral("out"), QCoreApplication::translate("fyrctl", "train: where the classifier's weights go."), QStringLiteral("FILE")},
        {QStringLiteral("epochs"), QCoreApplication::translate("fyrctl", "train: passes over the corpus (default 40)."), QStringLiteral("N")},
        {QStringLiteral("l2"), QCoreApplication::translate("fyrctl", "train: L2 regularisation (default 1e-5)."), QStringLiteral("X")},
        {QStringLiteral("show-misses"), QCoreApplication::translate("fyrctl", "eval: list the prompts it got wrong.")},
        {QStringLiteral("json"), QCoreApplication::translate("fyrctl", "Print the result as JSON.")},
    });
    addAdminOptions(parser);
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl", "Run the guard pipeline (injection, secrets, personal data, leaks, links) on a "
                                      "text, measure it on a labelled corpus, or train its classifier."),
                                   io))
        return *rc;
    const QString action = parser.positionalArguments().value(0);
    if (parser.isSet(QStringLiteral("fail-on")) && !verdictFromName(parser.value(QStringLiteral("fail-on"))))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "--fail-on expects flag, redact or block"));
    if (action == QLatin1String("install") || action == QLatin1String("reset")) return runInstall(args, parser, io);
    QString error;
    // --policy, else the installation's own (beside --db, as the console finds it), else the built-in one.
    const auto guard = Guard::forInstallation(parser.value(QStringLiteral("db")), parser.value(QStringLiteral("policy")), &error);
    if (!guard) return commandFailure(args, io, error);
    if (action == QLatin1String("check")) return runCheck(args, parser, io, *guard);
    if (action == QLatin1String("eval")) return runEvaluate(args, parser, io, *guard);
    if (action == QLatin1String("train")) return runTrain(args, parser, io, *guard);
    return usageError(args, io, QCoreApplication::translate("fyrctl", "expected check, eval, train, install or reset"));
}

}  // namespace fyr::app::cli
