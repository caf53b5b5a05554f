package nnlab.grader.sandbox;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A child for {@link SandboxedProcessTests} that misbehaves as told, then waits to be ended, so that the grader's
 * bounds, not the child's exit, are what stops it: {@code stderr MB} and {@code stdout MB} write that many megabytes
 * of noise to the raw file descriptor, {@code replies N} writes N reply lines {@code R i}, {@code long BYTES} one reply
 * line that long.
 */
public final class NoisyChild {

    /** The prefix of reply lines. */
    static final String PREFIX = "R ";

    private static final int MEGABYTE = 1 << 20;

    private NoisyChild() {
    }

    /** Misbehaves as {@code args} say, then sleeps until it is killed. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int n = Integer.parseInt(args[1]);
        byte[] noise = new byte[MEGABYTE];
        Arrays.fill(noise, (byte) 'x');
        switch (args[0]) {
            case "stderr" -> write(new FileOutputStream(FileDescriptor.err), noise, n);
            case "stdout" -> write(new FileOutputStream(FileDescriptor.out), noise, n);
            case "replies" -> {
                OutputStream out = new FileOutputStream(FileDescriptor.out);
                for (int i = 0; i < n; i++) {
                    out.write((PREFIX + i + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
            case "long" -> {
                OutputStream out = new FileOutputStream(FileDescriptor.out);
                out.write(PREFIX.getBytes(StandardCharsets.UTF_8));
                byte[] line = new byte[n];
                Arrays.fill(line, (byte) 'y');
                out.write(line);
                out.write('\n');
                out.flush();
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void write(OutputStream out, byte[] chunk, int times) throws IOException {
        for (int i = 0; i < times; i++) {
            out.write(chunk);
        }
        out.flush();
    }
}
