package dev.stylefleet.infer.archfixture.messaging;

import dev.stylefleet.infer.archfixture.imaging.Decoder;

/** Fixture for ArchitectureRulesTest: messaging using imaging, which is allowed. */
public final class Poller {
    public int poll(byte[] record) {
        return Decoder.width(record);
    }
}
