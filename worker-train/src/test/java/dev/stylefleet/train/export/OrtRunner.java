package dev.stylefleet.train.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.train.net.FloatTensor;
import java.nio.FloatBuffer;
import java.util.Map;

/** An ONNX Runtime session on an exported model (CPU, fixed thread count), NCHW in and out. */
public final class OrtRunner implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    public OrtRunner(byte[] model, int threads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model, options);
        }
    }

    public FloatTensor run(FloatTensor nchw) throws OrtException {
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw.values()), nchw.shape());
                OrtSession.Result r = session.run(Map.of(OnnxExporter.INPUT, in))) {
            OnnxTensor out = (OnnxTensor) r.get(OnnxExporter.OUTPUT).orElseThrow();
            FloatBuffer fb = out.getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            return new FloatTensor(out.getInfo().getShape(), v);
        }
    }

    public OrtSession session() {
        return session;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
