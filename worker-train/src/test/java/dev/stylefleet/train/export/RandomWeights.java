package dev.stylefleet.train.export;

import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.ParamNames;
import dev.stylefleet.train.net.TransformerSession;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Gives a network non-trivial norm parameters and batch-norm statistics (a fresh network has scale
 * 1, shift 0, mean 0, variance 1, which would hide a wrong fold or a swapped mean and variance).
 */
final class RandomWeights {
    private RandomWeights() {}

    static void randomizeNorms(TransformerSession s, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Map.Entry<String, FloatTensor> e : s.readVariables().entrySet()) {
            String name = e.getKey();
            float lo;
            float hi;
            if (name.endsWith(ParamNames.SEPARATOR + ParamNames.GAMMA)) {
                lo = 0.5f;
                hi = 1.5f;
            } else if (name.endsWith(ParamNames.SEPARATOR + ParamNames.BETA) || name.endsWith(ParamNames.SEPARATOR + ParamNames.MOVING_MEAN)) {
                lo = -0.3f;
                hi = 0.3f;
            } else if (name.endsWith(ParamNames.SEPARATOR + ParamNames.MOVING_VARIANCE)) {
                lo = 0.2f;
                hi = 2f;
            } else {
                continue;
            }
            float[] v = new float[e.getValue().values().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rnd.nextDouble(lo, hi);
            }
            s.writeVariable(name, new FloatTensor(e.getValue().shape(), v));
        }
    }
}
