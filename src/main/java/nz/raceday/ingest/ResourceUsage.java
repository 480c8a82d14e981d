package nz.raceday.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this JVM, for the end-of-run lines the benchmarks read: peak heap (sum of the heap pools' peaks)
 * and peak resident set size of the process (Linux {@code VmHWM}; -1 elsewhere).
 *
 * @param peakHeapBytes peak heap used
 * @param peakRssBytes  peak resident set size, or -1 when unknown
 */
public record ResourceUsage(long peakHeapBytes, long peakRssBytes) {

    public static ResourceUsage measure() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return new ResourceUsage(heap, peakRss());
    }

    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return -1;
    }

    @Override
    public String toString() {
        return "peak heap " + mb(peakHeapBytes) + " MB, peak RSS " + (peakRssBytes < 0 ? "unknown" : mb(peakRssBytes) + " MB");
    }

    private static long mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }
}
