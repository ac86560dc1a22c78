package dev.stylefleet.infra;

import kafka.server.FaultHandlerFactory;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.FaultHandlerException;

/**
 * Kafka's standard fault handlers halt the whole process on a fatal metadata fault. That is right for
 * a broker process, wrong for a broker that shares its JVM with a test run or the CLI: there a fault
 * must surface as an error, not kill the JVM. This factory logs and throws instead.
 */
final class InProcessFaultHandlerFactory implements FaultHandlerFactory {
    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

    @Override
    public FaultHandler build(String name, boolean fatal, Runnable action) {
        return (failureMessage, cause) -> {
            LOG.log(System.Logger.Level.ERROR, "Kafka " + (fatal ? "fatal " : "") + "fault in " + name + ": "
                    + failureMessage, cause);
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Kafka fault action of " + name + " failed", e);
            }
            return new FaultHandlerException(failureMessage, cause);
        };
    }
}
