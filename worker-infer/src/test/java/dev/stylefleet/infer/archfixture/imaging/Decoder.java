package dev.stylefleet.infer.archfixture.imaging;

import dev.stylefleet.infer.archfixture.messaging.Poller;

/** Fixture for ArchitectureRulesTest: imaging reaching up into messaging, which the layer rule forbids. */
public final class Decoder {
    private Decoder() {}

    public static int width(byte[] bytes) {
        return bytes.length;
    }

    public static int pollAgain(byte[] bytes) {
        return new Poller().poll(bytes);
    }
}
