// The scalar reference forward pass against llama.cpp for every model in the
// shared folder with quantized weights (reference_check.h has the rules; the
// tolerance is 0.25). The random models' greedy margins are often a few
// thousandths, so a free-running greedy run may leave the reference where its
// margin is below the tolerance (the README's rule 4); later steps are checked
// teacher-forced.
// A model whose weight types dequantize_row() does not handle yet is skipped.
#include "reference_check.h"

using namespace reference_check;

class TestReferenceForwardQuantized : public QObject {
    Q_OBJECT
private slots:
    void matchesLlamaCpp_data() {
        if (addModelRows(/*quantized=*/true) == 0) QSKIP("no quantized model with a .ref.json in the shared folder");
    }

    void matchesLlamaCpp() {
        QFETCH(QString, model);
        checkModel(model);
    }
};

QTEST_GUILESS_MAIN(TestReferenceForwardQuantized)
#include "tst_reference_forward_quantized.moc"
