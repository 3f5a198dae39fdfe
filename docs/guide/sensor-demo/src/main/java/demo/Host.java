package demo;

import demo.sensor.Reading;
import demo.sensor.Verdict;
import dev.abic.runtime.AbicRuntimeException;
import dev.abic.runtime.Message;
import dev.abic.runtime.QueueEndpoint;
import dev.abic.runtime.QueueRegion;
import dev.abic.runtime.Reservation;
import dev.abic.runtime.SharedRegion;
import java.nio.file.Path;
import java.time.Duration;

/** The host: sends readings to the device program and prints its verdicts. */
public final class Host {
    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "/dev/shm/sensor-demo");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Duration wait = Duration.ofSeconds(30);
        var config = new QueueRegion.Config(64, 1 << 12, 1 << 12);   // depth, input arena, output arena
        try (SharedRegion region = QueueRegion.create(file, config);
             QueueEndpoint host = QueueEndpoint.host(region)) {
            System.out.println("queue " + file + " ready; start the device program");
            for (int i = 0; i < count; i++) {
                Reservation r = host.reserve(Reading.BYTES, wait);     // room for one Reading
                Reading.sensorId(r.segment(), i % 4);                   // written in place: zero copy
                Reading.faulty(r.segment(), false);
                Reading.timestampNs(r.segment(), System.nanoTime());
                Reading.value(r.segment(), 250.0 * i);
                host.publish(r);
                Message m = host.peek(wait);                            // the device's Verdict
                Verdict.validate(m.payload());
                System.out.printf("sensor %d: value %.1f -> %s%n", Verdict.sensorId(m.payload()),
                        Verdict.value(m.payload()), Verdict.alarm(m.payload()) ? "ALARM" : "ok");
                host.release(m);
            }
            host.stop(wait);
            region.unlink();
        } catch (AbicRuntimeException e) {     // TIMEOUT, REMOTE_ABORTED, INVALID_DESCRIPTOR, …
            System.err.println("host: " + e.getMessage());
            System.exit(1);
        }
    }
}
