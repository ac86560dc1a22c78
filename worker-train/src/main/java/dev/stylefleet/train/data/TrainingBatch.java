package dev.stylefleet.train.data;

import dev.stylefleet.train.net.FloatTensor;

/**
 * One training batch, NHWC RGB in [0, 255].
 *
 * @param input  what the transform network sees: content crops [N, S, S, 3] (style), or the
 *               low-resolution patches [N, S/f, S/f, 3] (super-resolution)
 * @param target what its output is compared with: the same content crops (style; the content
 *               target y_c is the input), or the high-resolution patches [N, S, S, 3]
 */
public record TrainingBatch(FloatTensor input, FloatTensor target) {}
