#version 450
// Self-test kernel: data[i] = i * scale + offset. Run by the device probe to prove
// that a device compiles, dispatches and writes back, before real work is put on it.
layout(local_size_x = 64) in;

layout(std430, binding = 0) writeonly buffer Data { float data[]; };

layout(push_constant) uniform Params {
    uint n;
    float scale;
    float offset;
} p;

void main() {
    const uint i = gl_GlobalInvocationID.x;
    if (i < p.n) {
        data[i] = float(i) * p.scale + p.offset;
    }
}
