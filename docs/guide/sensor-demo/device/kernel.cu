// The same Reading in a CUDA kernel: the generated header compiles for the device as it is.
#include "demo/sensor.h"

__global__ void flag_alarms(const demo::sensor::Reading* readings, demo::sensor::Verdict* verdicts, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        verdicts[i].sensor_id = readings[i].sensor_id;
        verdicts[i].value = readings[i].value;
        verdicts[i].alarm = readings[i].value > demo::sensor::ALARM_LIMIT;
    }
}
