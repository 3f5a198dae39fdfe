package dev.abic.runtime;

/** Receives the messages of a {@link QueueEndpoint#drain} batch, in order. */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Handles one message. Its payload is readable only during this call: the batch is released
     * when {@code drain} returns, even if this method throws.
     */
    void onMessage(Message message);
}
