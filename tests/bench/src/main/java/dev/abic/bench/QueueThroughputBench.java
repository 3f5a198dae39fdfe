package dev.abic.bench;

import dev.abic.runtime.Message;
import dev.abic.runtime.QueueEndpoint;
import dev.abic.runtime.QueueRegion;
import dev.abic.runtime.Reservation;
import dev.abic.runtime.SharedRegion;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.agrona.BitUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import simpler.l3l2.L3l2QueueAbi;

/**
 * One producer thread and one consumer thread moving {@code size}-byte messages through three queues
 * that do the same job, each used the way its documentation shows:
 * <ul>
 *   <li>{@code abic}: the runtime's queue (the input direction of an anonymous shared region):
 *       {@code tryReserve}, copy the payload in, {@code publish}; the consumer {@code drain}s;
 *   <li>{@code agrona}: {@code OneToOneRingBuffer}, variable-length records in a ring over a buffer:
 *       {@code tryClaim}, copy in, {@code commit}; the consumer {@code read}s;
 *   <li>{@code jctools}: {@code SpscArrayQueue} of pre-allocated message objects: copy the payload into
 *       the next pooled object's array, {@code offer}; the consumer {@code drain}s.
 * </ul>
 * Every producer copies the whole payload from the same source array, every consumer copies the whole
 * payload out into its own array, and every consumer drains in batches of at most {@value #BATCH}. Each
 * queue holds {@value #DEPTH} messages of the measured size (Agrona's, whose capacity is bytes and a
 * power of two, up to twice as many). One operation is a transfer of {@value #TRANSFER} messages: the
 * benchmark thread produces them all, spinning while the queue is full, then waits until the consumer
 * thread (started with the trial, spinning while the queue is empty) has taken the last one. Timing
 * whole transfers rather than single tries keeps the score stable on a two-core machine, where
 * try-per-invocation benchmarks flip between a full and an empty queue from one iteration to the next.
 * The score is messages per microsecond.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QueueThroughputBench {
    static final int DEPTH = 1024;
    static final int BATCH = 256;
    static final int TRANSFER = 1 << 16;

    /** What every queue shares: the payload size, the arrays copied from and to, the consumer thread. */
    @State(Scope.Benchmark)
    public abstract static class Transfer {
        @Param({"8", "64", "256", "1024"})
        public int size;

        /** The payload sits at {@link #PAD} in each array: no cache line holds bytes of both. */
        static final int PAD = 128;
        byte[] source;
        byte[] sink;
        /**
         * The consumer's count, alone in the middle of its array: the producer reads this object's
         * fields for every message, and a count that shared their cache line would move it between
         * the cores on every batch.
         */
        private final AtomicLongArray received = new AtomicLongArray(2 * COUNT_AT + 1);
        private static final int COUNT_AT = 16;
        private long sent;
        private volatile boolean running;
        private volatile Throwable consumerFailure;
        private Thread consumer;

        /** Sends one message if there is room; false if the queue is full. */
        abstract boolean tryProduce();

        /** Takes up to {@link #BATCH} messages, copying each payload into {@link #sink}; how many. */
        abstract int drain();

        abstract void open();

        abstract void close();

        @Setup(Level.Trial)
        public void start() {
            // The producer reads source and the consumer writes sink: padded, so that neither thread's
            // bytes share a cache line with the other's (false sharing would cost a miss per message).
            source = new byte[PAD + size + PAD];
            for (int i = 0; i < size; i++) {
                source[PAD + i] = (byte) (i * 31 + 7);
            }
            sink = new byte[PAD + size + PAD];
            open();
            running = true;
            consumer = new Thread(this::consume, "consumer");
            consumer.setDaemon(true);
            consumer.start();
        }

        private void consume() {
            try {
                long total = 0;
                while (running) {
                    int n = drain();
                    if (n == 0) {
                        Thread.onSpinWait();
                    } else {
                        total += n;
                        received.lazySet(COUNT_AT, total);
                    }
                }
            } catch (Throwable t) {
                consumerFailure = t; // the producer's spin loops check it: a failure fails the run, never hangs it
            }
        }

        final void transfer() {
            for (int k = 0; k < TRANSFER; k++) {
                while (!tryProduce()) {
                    checkConsumer();
                    Thread.onSpinWait();
                }
            }
            sent += TRANSFER;
            while (received.get(COUNT_AT) < sent) {
                checkConsumer();
                Thread.onSpinWait();
            }
            // Every message was copied out whole: the sink ends as the source does.
            if (size > 0 && sink[PAD + size - 1] != source[PAD + size - 1]) {
                throw new IllegalStateException("the consumer's copy of the last message is wrong");
            }
        }

        private void checkConsumer() {
            Throwable failure = consumerFailure;
            if (failure != null) {
                throw new IllegalStateException("the consumer thread failed", failure);
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            running = false;
            consumer.join();
            close();
        }

        /** Arena bytes for {@link #DEPTH} messages of this size (at least 8 bytes each, as Agrona's records). */
        int arenaBytes() {
            return DEPTH * Math.max(size, Long.BYTES);
        }
    }

    // ---- abic ----

    public static class AbicQueue extends Transfer {
        SharedRegion region;
        QueueEndpoint producer;
        QueueEndpoint consumer;
        MemorySegment sourceSegment;
        MemorySegment sinkSegment;
        dev.abic.runtime.MessageHandler copyOut;

        @Override
        void open() {
            region = QueueRegion.anonymous(new QueueRegion.Config(DEPTH, arenaBytes(),
                    L3l2QueueAbi.L3L2_QUEUE_PAYLOAD_ARENA_ALIGNMENT));
            producer = QueueEndpoint.host(region);
            consumer = QueueEndpoint.device(region);
            sourceSegment = MemorySegment.ofArray(source).asSlice(PAD, size);
            sinkSegment = MemorySegment.ofArray(sink).asSlice(PAD, size);
            copyOut = this::copyOut;
        }

        private void copyOut(Message m) {
            MemorySegment.copy(m.payload(), 0, sinkSegment, 0, m.size());
        }

        @Override
        boolean tryProduce() {
            Reservation r = producer.tryReserve(size);
            if (r == null) {
                return false;
            }
            MemorySegment.copy(sourceSegment, 0, r.segment(), 0, size);
            producer.publish(r);
            return true;
        }

        @Override
        int drain() {
            return consumer.drain(copyOut, BATCH);
        }

        @Override
        void close() {
            consumer.close();
            producer.close();
            region.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(TRANSFER)
    public void abic(AbicQueue q) {
        q.transfer();
    }

    // ---- Agrona ----

    public static class AgronaQueue extends Transfer {
        static final int MSG_TYPE = 1;
        OneToOneRingBuffer ring;
        MutableDirectBuffer buffer;
        MessageHandler copyOut;

        @Override
        void open() {
            // Agrona's records carry an 8-byte header and are 8-byte aligned; the capacity must be a
            // power of two (plus the trailer): the smallest that holds DEPTH records of this size.
            int capacity = BitUtil.findNextPositivePowerOfTwo(
                    DEPTH * BitUtil.align(RecordDescriptor.HEADER_LENGTH + size, RecordDescriptor.ALIGNMENT));
            ring = new OneToOneRingBuffer(new UnsafeBuffer(
                    ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
            buffer = ring.buffer();
            copyOut = (type, from, index, length) -> from.getBytes(index, sink, PAD, length);
        }

        @Override
        boolean tryProduce() {
            int index = ring.tryClaim(MSG_TYPE, size);
            if (index <= 0) {
                return false;
            }
            buffer.putBytes(index, source, PAD, size);
            ring.commit(index);
            return true;
        }

        @Override
        int drain() {
            return ring.read(copyOut, BATCH);
        }

        @Override
        void close() {}
    }

    @Benchmark
    @OperationsPerInvocation(TRANSFER)
    public void agrona(AgronaQueue q) {
        q.transfer();
    }

    // ---- JCTools ----

    /**
     * A pooled message: the payload bytes and their count. The array is at least {@link Transfer#PAD}
     * bytes, so that neighbouring pool objects (one being filled, one being read) do not share a cache
     * line even for 8-byte payloads.
     */
    static final class PooledMessage {
        final byte[] bytes;
        int length;

        PooledMessage(int capacity) {
            bytes = new byte[Math.max(capacity, Transfer.PAD)];
        }
    }

    public static class JctoolsQueue extends Transfer {
        SpscArrayQueue<PooledMessage> queue;
        PooledMessage[] pool;
        int next;
        boolean filled;
        MessagePassingQueue.Consumer<PooledMessage> copyOut;

        @Override
        void open() {
            queue = new SpscArrayQueue<>(DEPTH);
            // At most capacity objects sit in the queue and one is being copied out by the consumer,
            // so an object comes round again only after the consumer is done with it.
            pool = new PooledMessage[queue.capacity() + 2];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = new PooledMessage(size);
            }
            copyOut = m -> System.arraycopy(m.bytes, 0, sink, PAD, m.length);
        }

        @Override
        boolean tryProduce() {
            PooledMessage m = pool[next];
            if (!filled) { // a failed offer leaves the object filled: copy once, as the others do
                System.arraycopy(source, PAD, m.bytes, 0, size);
                m.length = size;
                filled = true;
            }
            if (!queue.offer(m)) {
                return false;
            }
            filled = false;
            next = next + 1 == pool.length ? 0 : next + 1;
            return true;
        }

        @Override
        int drain() {
            return queue.drain(copyOut, BATCH);
        }

        @Override
        void close() {}
    }

    @Benchmark
    @OperationsPerInvocation(TRANSFER)
    public void jctools(JctoolsQueue q) {
        q.transfer();
    }
}
