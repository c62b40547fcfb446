# The reference forward pass against llama.cpp's logits for every shared model.
fyr_add_test(tst_reference_forward SOURCES model/tst_reference_forward.cpp LIBS fyr_engine LABELS model)
