package nnlab.grader.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds the entries of a zip that a Unix zip tool recorded as something other than a regular file or a folder — a
 * symbolic link, above all, whose "content" is the path it points to. {@link java.util.zip.ZipInputStream} cannot
 * tell: the file type lives only in the central directory's external attributes, read here.
 */
final class ZipModes {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int END_RECORD_BYTES = 22;
    private static final int MAX_COMMENT_BYTES = 0xFFFF;
    private static final int ENTRY_HEADER_BYTES = 46;
    /** Far above what Intake's entry limit allows; a larger directory is not inspected (its entries are refused anyway). */
    private static final long MAX_DIRECTORY_BYTES = 16L << 20;
    private static final int HOST_UNIX = 3;
    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_REGULAR = 0100000;
    private static final int TYPE_DIRECTORY = 0040000;

    private ZipModes() {
    }

    /** Returns the names of entries marked as neither regular files nor folders; empty when the zip has no such marks. */
    static Set<String> notRegular(Path zip) throws IOException {
        Set<String> names = new HashSet<>();
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = (int) Math.min(size, END_RECORD_BYTES + MAX_COMMENT_BYTES);
            ByteBuffer end = read(channel, size - tail, tail);
            int at = -1;
            for (int i = tail - END_RECORD_BYTES; i >= 0; i--) {
                if (end.getInt(i) == END_SIGNATURE) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return names;
            }
            long directorySize = Integer.toUnsignedLong(end.getInt(at + 12));
            long directoryOffset = Integer.toUnsignedLong(end.getInt(at + 16));
            if (directoryOffset + directorySize > size || directorySize > MAX_DIRECTORY_BYTES) {
                return names;
            }
            ByteBuffer dir = read(channel, directoryOffset, (int) directorySize);
            int p = 0;
            while (p + ENTRY_HEADER_BYTES <= dir.limit() && dir.getInt(p) == ENTRY_SIGNATURE) {
                int host = (dir.getShort(p + 4) >> 8) & 0xFF;
                int nameLength = dir.getShort(p + 28) & 0xFFFF;
                int extraLength = dir.getShort(p + 30) & 0xFFFF;
                int commentLength = dir.getShort(p + 32) & 0xFFFF;
                int mode = (dir.getInt(p + 38) >>> 16) & 0xFFFF;
                if (p + ENTRY_HEADER_BYTES + nameLength > dir.limit()) {
                    break;
                }
                byte[] name = new byte[nameLength];
                dir.get(p + ENTRY_HEADER_BYTES, name);
                int type = mode & TYPE_MASK;
                if (host == HOST_UNIX && type != 0 && type != TYPE_REGULAR && type != TYPE_DIRECTORY) {
                    names.add(new String(name, StandardCharsets.UTF_8));
                }
                p += ENTRY_HEADER_BYTES + nameLength + extraLength + commentLength;
            }
        }
        return names;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        int n;
        do {
            n = channel.read(buffer, position + buffer.position());
        } while (n >= 0 && buffer.hasRemaining());
        buffer.flip();
        return buffer.order(ByteOrder.LITTLE_ENDIAN);
    }
}
