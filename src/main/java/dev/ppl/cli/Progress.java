package dev.ppl.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of a batch on stderr: claims done, rate and ETA. The number of claims is not
 * known in advance, so the total is estimated from the bytes read so far against the inputs' size.
 */
interface Progress extends AutoCloseable {

    /** One record done, which took {@code bytes} of input. */
    void step(long bytes);

    @Override
    void close();

    /** Shows nothing (not a terminal, or {@code --no-progress}). */
    Progress NONE = new Progress() {
        @Override
        public void step(long bytes) {}

        @Override
        public void close() {}
    };

    /** A bar drawn on {@code err}, which must be a terminal; {@code totalBytes} is -1 when unknown. */
    static Progress bar(PrintWriter err, long totalBytes) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(-1).setUnit(" claims", 1)
                .showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new Line(err, width())).build();
        return new Progress() {
            private long records;
            private long bytes;

            @Override
            public void step(long size) {
                records++;
                bytes += size;
                if (totalBytes > 0 && bytes > 0 && records % 64 == 1) {
                    bar.maxHint(Math.max(records, (long) (records * ((double) totalBytes / bytes))));
                }
                bar.step();
            }

            @Override
            public void close() {
                if (totalBytes > 0) {
                    bar.maxHint(records);
                }
                bar.close();
            }
        };
    }

    private static int width() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? 100 : Math.max(40, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** Redraws one line with a carriage return; no terminal library needed. */
    final class Line implements ProgressBarConsumer {
        private final PrintWriter err;
        private final int width;

        Line(PrintWriter err, int width) {
            this.err = err;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width - 1;
        }

        @Override
        public void accept(String rendered) {
            err.print('\r');
            err.print(rendered);
            err.flush();
        }

        @Override
        public void close() {
            err.println();
            err.flush();
        }
    }
}
