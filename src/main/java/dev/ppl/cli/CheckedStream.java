package dev.ppl.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream that remembers its first write error: a {@link java.io.PrintWriter} only says
 * that one happened, and a user needs to read which ("No space left on device").
 */
final class CheckedStream extends FilterOutputStream {
    private volatile IOException failure;

    CheckedStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private IOException failed(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    /** The first write error, or null. */
    IOException failure() {
        return failure;
    }

    /** The first write error in words, or a general phrase when none was kept. */
    String failureText() {
        IOException e = failure;
        return e == null ? "the output was closed or could not be written" : IoErrors.describe(e);
    }
}
