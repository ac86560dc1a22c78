package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** One token of the architecture string, built: variables created once, applied per forward pass. */
interface NetLayer {
    /**
     * @param training batch norm uses batch statistics and appends moving-statistics updates
     */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates);
}
