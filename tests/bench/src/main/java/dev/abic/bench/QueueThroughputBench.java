package dev.abic.bench;

import dev.abic.runtime.Message;
import dev.abic.runtime.MessageHandler;
import dev.abic.runtime.QueueEndpoint;
import dev.abic.runtime.QueueRegion;
import dev.abic.runtime.Reservation;
import dev.abic.runtime.SharedRegion;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.agrona.BitUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One producer thread and one consumer thread moving {@code size}-byte messages through three queues
 * that do the same job, each used the way its documentation shows:
 * <ul>
 *   <li>{@code abic}: the runtime's queue (one direction of an anonymous shared region):
 *       {@code tryReserve}, copy the payload in, {@code publish}; the consumer {@code drain}s;
 *   <li>{@code agrona}: {@code OneToOneRingBuffer}, variable-length records in a ring over a buffer:
 *       {@code tryClaim}, copy in, {@code commit}; the consumer {@code read}s;
 *   <li>{@code jctools}: {@code SpscArrayQueue} of pre-allocated message objects: copy the payload into
 *       the next pooled object's array, {@code offer}; the consumer {@code drain}s.
 * </ul>
 * Every producer copies the whole payload from the same source array, every consumer copies the whole
 * payload out into its own array, and both drain with a batch limit of {@value #BATCH}. Each queue holds
 * {@value #MESSAGES} messages of the largest size in flight. The score is the consumer's
 * {@code received} counter: messages per microsecond (a failed try counts nothing).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QueueThroughputBench {
    static final int MESSAGES = 1024;
    static final int BATCH = 256;

    /** Messages the consumer took out: the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Received {
        public long received;
    }

    /** What every queue's producer and consumer share: the payload size and the two arrays. */
    @State(Scope.Group)
    public abstract static class Payload {
        @Param({"8", "64", "256", "1024"})
        public int size;

        byte[] source;
        byte[] sink;

        void allocate() {
            source = new byte[size];
            for (int i = 0; i < size; i++) {
                source[i] = (byte) (i * 31 + 7);
            }
            sink = new byte[size];
        }

        /** Bytes of arena that hold {@link #MESSAGES} messages of the largest size. */
        static int arenaBytes() {
            return MESSAGES * 1024;
        }
    }

    // ---- abic ----

    @State(Scope.Group)
    public static class AbicQueue extends Payload {
        SharedRegion region;
        QueueEndpoint producer;
        QueueEndpoint consumer;
        MemorySegment sourceSegment;
        MemorySegment sinkSegment;
        MessageHandler copyOut;

        @Setup(Level.Trial)
        public void setUp() {
            allocate();
            region = QueueRegion.anonymous(new QueueRegion.Config(MESSAGES, arenaBytes(), 4096));
            producer = QueueEndpoint.host(region);
            consumer = QueueEndpoint.device(region);
            sourceSegment = MemorySegment.ofArray(source);
            sinkSegment = MemorySegment.ofArray(sink);
            copyOut = this::copyOut;
        }

        private void copyOut(Message m) {
            MemorySegment.copy(m.payload(), 0, sinkSegment, 0, m.size());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            consumer.close();
            producer.close();
            region.close();
        }
    }

    @Benchmark
    @Group("abic")
    @GroupThreads(1)
    public boolean abicProduce(AbicQueue q) {
        Reservation r = q.producer.tryReserve(q.size);
        if (r == null) {
            return false;
        }
        MemorySegment.copy(q.sourceSegment, 0, r.segment(), 0, q.size);
        q.producer.publish(r);
        return true;
    }

    @Benchmark
    @Group("abic")
    @GroupThreads(1)
    public int abicConsume(AbicQueue q, Received counters) {
        int n = q.consumer.drain(q.copyOut, BATCH);
        counters.received += n;
        return n;
    }

    // ---- Agrona ----

    @State(Scope.Group)
    public static class AgronaQueue extends Payload {
        static final int MSG_TYPE = 1;
        OneToOneRingBuffer ring;
        org.agrona.concurrent.MessageHandler copyOut;

        @Setup(Level.Trial)
        public void setUp() {
            allocate();
            // Agrona's records carry an 8-byte header and are 8-byte aligned; the capacity is a power
            // of two plus the trailer, holding as many of the largest messages as the abic queue.
            int capacity = BitUtil.findNextPositivePowerOfTwo(
                    MESSAGES * BitUtil.align(RecordDescriptor.HEADER_LENGTH + 1024, RecordDescriptor.ALIGNMENT));
            ring = new OneToOneRingBuffer(new UnsafeBuffer(
                    ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
            copyOut = (type, buffer, index, length) -> buffer.getBytes(index, sink, 0, length);
        }
    }

    @Benchmark
    @Group("agrona")
    @GroupThreads(1)
    public boolean agronaProduce(AgronaQueue q) {
        int index = q.ring.tryClaim(AgronaQueue.MSG_TYPE, q.size);
        if (index <= 0) {
            return false;
        }
        MutableDirectBuffer buffer = q.ring.buffer();
        buffer.putBytes(index, q.source, 0, q.size);
        q.ring.commit(index);
        return true;
    }

    @Benchmark
    @Group("agrona")
    @GroupThreads(1)
    public int agronaConsume(AgronaQueue q, Received counters) {
        int n = q.ring.read(q.copyOut, BATCH);
        counters.received += n;
        return n;
    }

    // ---- JCTools ----

    /** A pooled message: the payload bytes and their count. */
    static final class PooledMessage {
        final byte[] bytes;
        int length;

        PooledMessage(int capacity) {
            bytes = new byte[capacity];
        }
    }

    @State(Scope.Group)
    public static class JctoolsQueue extends Payload {
        SpscArrayQueue<PooledMessage> queue;
        PooledMessage[] pool;
        int next;
        boolean filled;
        org.jctools.queues.MessagePassingQueue.Consumer<PooledMessage> copyOut;

        @Setup(Level.Trial)
        public void setUp() {
            allocate();
            queue = new SpscArrayQueue<>(MESSAGES);
            // At most MESSAGES objects sit in the queue and one is being copied out by the consumer,
            // so an object comes round again only after the consumer is done with it.
            pool = new PooledMessage[queue.capacity() + 2];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = new PooledMessage(size);
            }
            copyOut = m -> System.arraycopy(m.bytes, 0, sink, 0, m.length);
        }
    }

    @Benchmark
    @Group("jctools")
    @GroupThreads(1)
    public boolean jctoolsProduce(JctoolsQueue q) {
        PooledMessage m = q.pool[q.next];
        if (!q.filled) { // a failed offer leaves the object filled: copy once, as the others do
            System.arraycopy(q.source, 0, m.bytes, 0, q.size);
            m.length = q.size;
            q.filled = true;
        }
        if (!q.queue.offer(m)) {
            return false;
        }
        q.filled = false;
        q.next = q.next + 1 == q.pool.length ? 0 : q.next + 1;
        return true;
    }

    @Benchmark
    @Group("jctools")
    @GroupThreads(1)
    public int jctoolsConsume(JctoolsQueue q, Received counters) {
        int n = q.queue.drain(q.copyOut, BATCH);
        counters.received += n;
        return n;
    }
}
