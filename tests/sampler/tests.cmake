# The token sampler: filters, penalties, reproducibility, statistics.
fyr_add_test(tst_sampler SOURCES sampler/tst_sampler.cpp LIBS fyr_engine LABELS unit)
