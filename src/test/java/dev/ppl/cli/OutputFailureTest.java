package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output that cannot be written (a full disk, a closed pipe) ends {@code ppl eval} with exit 74 and a message. */
class OutputFailureTest {
    @TempDir
    Path tmp;

    /** Accepts {@code room} bytes, then fails every write and flush as a full disk does. */
    static final class FullDisk extends OutputStream {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int room;
        private final boolean failFlushOnly;

        FullDisk(int room) {
            this(room, false);
        }

        FullDisk(int room, boolean failFlushOnly) {
            this.room = room;
            this.failFlushOnly = failFlushOnly;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failFlushOnly) {
                kept.write(b, off, len);
                return;
            }
            int fits = Math.max(0, Math.min(len, room - kept.size()));
            kept.write(b, off, fits);
            if (fits < len) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public void flush() throws IOException {
            if (failFlushOnly || kept.size() >= room) {
                throw new IOException("No space left on device");
            }
        }
    }

    record Run(int code, String err) {}

    static Run run(OutputStream out, String... args) {
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, new ByteArrayInputStream(new byte[0]), out, new PrintWriter(err));
        return new Run(code, err.toString());
    }

    private Path claims(int n) throws IOException {
        String example = EvalCommandTest.JSON.readTree(Files.readString(EvalCommandTest.EXAMPLE)).toString();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(example.replace("\"EX-0001\"", "\"F-" + i + "\"")).append('\n');
        }
        Path file = tmp.resolve("claims.ndjson");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aBatchToAFullDiskExits74NamingTheFailure() throws IOException {
        FullDisk out = new FullDisk(3000);
        Run r = run(out, "--threads", "1", claims(10).toString());

        assertEquals(74, r.code(), r.err());
        assertTrue(r.err().contains("ppl eval: cannot write the decisions to standard output: no space left on the device; free space and run again"),
                r.err());
        assertTrue(out.kept.size() <= 3000);
    }

    @Test
    void aFailingFinalFlushIsCaught() throws IOException {
        Run r = run(new FullDisk(0, true), "--threads", "1", claims(3).toString());

        assertEquals(74, r.code(), r.err());
        assertTrue(r.err().contains("no space left on the device; free space and run again"), r.err());
    }

    @Test
    void oneClaimFileToAFullDiskExits74() {
        Run r = run(new FullDisk(100), EvalCommandTest.EXAMPLE.toString());

        assertEquals(74, r.code(), r.err());
        assertTrue(r.err().contains("cannot write the decisions to standard output: no space left on the device; free space and run again"), r.err());
    }

    @Test
    void textFormatToAFullDiskExits74() throws IOException {
        Run r = run(new FullDisk(200), "--format", "text", "--threads", "1", claims(4).toString());

        assertEquals(74, r.code(), r.err());
    }

    @Test
    void enoughRoomWritesEverythingAndExits0() throws IOException {
        FullDisk out = new FullDisk(1 << 20);
        Run r = run(out, "--threads", "1", claims(5).toString());

        assertEquals(0, r.code(), r.err());
        String text = out.kept.toString(StandardCharsets.UTF_8);
        assertEquals(5, text.split("\n").length);
        assertFalse(r.err().contains("cannot write"), r.err());
    }
}
