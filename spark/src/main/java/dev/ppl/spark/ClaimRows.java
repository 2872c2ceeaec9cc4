package dev.ppl.spark;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.CorpusHistory;
import dev.ppl.claim.FieldError;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimInputs;
import dev.ppl.input.ClaimRecord;
import dev.ppl.input.FileRecord;
import dev.ppl.input.InputRecord;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The claims Dataset: one row per input record, as {@code ppl eval} reads it (docs/spark.md lists
 * the columns). Files are listed on the driver in the order {@code ppl eval} reads them; each task
 * reads whole files with PPL's own readers, so record numbers, formats and errors are the ones
 * {@code ppl eval} reports.
 */
final class ClaimRows {
    static final String CLAIM = "claim";
    static final String FILE = "file";

    static final StructType PROBLEM = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, false);

    static final StructType SCHEMA = new StructType()
            .add("file_index", DataTypes.IntegerType, false)
            .add("seq", DataTypes.LongType, false)
            .add("source", DataTypes.StringType, false)
            .add("record", DataTypes.LongType, false)
            .add("kind", DataTypes.StringType, false)
            .add("claim_id", DataTypes.StringType, true)
            .add("patient_id", DataTypes.StringType, true)
            .add("service_date", DataTypes.DateType, true)
            .add("claim", DataTypes.StringType, true)
            .add("errors", new ArrayType(PROBLEM, false), false)
            .add("not_checked", new ArrayType(PROBLEM, false), false)
            .add("not_covered", DataTypes.StringType, true)
            .add("file_record", DataTypes.StringType, true);

    static final int FILE_INDEX = 0;
    static final int SEQ = 1;
    static final int SOURCE = 2;
    static final int RECORD = 3;
    static final int KIND = 4;
    static final int CLAIM_ID = 5;
    static final int PATIENT_ID = 6;
    static final int SERVICE_DATE = 7;
    static final int CLAIM_JSON = 8;
    static final int ERRORS = 9;
    static final int NOT_CHECKED = 10;
    static final int NOT_COVERED = 11;
    static final int FILE_RECORD = 12;

    private ClaimRows() {}

    /**
     * One file to read.
     *
     * @param index its place in input order
     * @param name the file as records name it, as {@code ppl eval} would
     * @param uri where Hadoop's file systems find it
     * @param named whether the user named it (a directory walk found it otherwise)
     */
    record FileRef(int index, String name, String uri, boolean named) implements Serializable {}

    /**
     * The files of the inputs in {@code ppl eval}'s order: each argument in turn, a directory walked
     * depth first in sorted name order, hidden entries left out.
     *
     * @throws PplSparkException when an input does not exist or cannot be listed
     */
    static List<FileRef> list(Configuration conf, List<String> inputs) {
        List<FileRef> out = new ArrayList<>();
        for (String arg : inputs) {
            String name = arg.length() > 1 ? arg.replaceAll("/+$", "") : arg;
            try {
                Path p = new Path(arg);
                FileSystem fs = p.getFileSystem(conf);
                if (!fs.exists(p)) {
                    throw new PplSparkException("cannot read " + arg + ": no such file or directory");
                }
                FileStatus status = fs.getFileStatus(p);
                if (status.isDirectory()) {
                    walk(fs, status.getPath(), name, out);
                } else {
                    out.add(new FileRef(out.size(), name, status.getPath().toUri().toString(), true));
                }
            } catch (IOException e) {
                throw new PplSparkException("cannot read " + arg + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static void walk(FileSystem fs, Path dir, String name, List<FileRef> out) throws IOException {
        List<FileStatus> entries = new ArrayList<>(List.of(fs.listStatus(dir)));
        entries.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        for (FileStatus e : entries) {
            String child = e.getPath().getName();
            if (child.startsWith(".")) {
                continue; // ppl eval skips hidden files and directories without a line of output
            }
            String childName = name + "/" + child;
            if (e.isDirectory()) {
                walk(fs, e.getPath(), childName, out);
            } else {
                out.add(new FileRef(out.size(), childName, e.getPath().toUri().toString(), false));
            }
        }
    }

    /** The rows of some files, read lazily one record at a time. */
    static Iterator<Row> read(Iterator<FileRef> files, ReadSettings settings, Map<String, String> hadoop) {
        Configuration conf = new Configuration(false);
        hadoop.forEach(conf::set);
        ClaimInputs inputs = new ClaimInputs(settings.formats());
        return new Iterator<>() {
            private ClaimInput current;
            private FileRef file;
            private long seq;
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    try {
                        if (current == null) {
                            if (!files.hasNext()) {
                                return false;
                            }
                            file = files.next();
                            seq = 0;
                            Path p = new Path(file.uri());
                            FileSystem fs = p.getFileSystem(conf);
                            current = inputs.openFile(file.name(), () -> fs.open(p), file.named());
                        }
                        InputRecord r = current.next();
                        if (r == null) {
                            current.close();
                            current = null;
                            continue;
                        }
                        next = row(file, seq++, r);
                    } catch (IOException e) {
                        // a read error is the file system's: fail the task so that Spark retries it
                        throw new UncheckedIOException("cannot read " + file.name() + ": " + e.getMessage(), e);
                    }
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row r = next;
                next = null;
                return r;
            }
        };
    }

    /** A record as a row, or null for a file that was skipped (it gives no line in {@code ppl eval} either). */
    private static Row row(FileRef file, long seq, InputRecord r) {
        if (r instanceof FileRecord f) {
            if (f.skipped()) {
                return null;
            }
            return RowFactory.create(file.index(), seq, f.source(), 0L, FILE, null, null, null, null,
                    problems(f.errors()), problems(f.warnings()), null, f.toJsonLine());
        }
        ClaimRecord c = (ClaimRecord) r;
        ClaimReadResult read = c.read();
        Claim claim = read.claim();
        LocalDate date = claim == null ? null : CorpusHistory.date(claim);
        return RowFactory.create(file.index(), seq, c.source(), c.number(), CLAIM, read.claimId(),
                claim == null ? null : CorpusHistory.patientKey(claim), date == null ? null : java.sql.Date.valueOf(date),
                claim == null ? null : ClaimJson.toJson(claim).toString(), problems(read.errors()),
                problems(read.notChecked()), read.notCovered(), null);
    }

    private static scala.collection.immutable.Seq<Row> problems(List<FieldError> errors) {
        List<Row> out = new ArrayList<>(errors.size());
        for (FieldError e : errors) {
            out.add(RowFactory.create(e.path(), e.message()));
        }
        return seq(out);
    }

    /** A list as the Scala sequence Spark's row encoder takes for an array column. */
    static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
    }

    /** The claim a row holds, read again as it was read from its file. */
    static ClaimReadResult readResult(Row row) {
        String claimId = row.getString(CLAIM_ID);
        List<FieldError> errors = fieldErrors(row, ERRORS);
        if (!errors.isEmpty()) {
            return ClaimReadResult.failed(claimId, errors);
        }
        if (!row.isNullAt(NOT_COVERED)) {
            return ClaimReadResult.notCovered(claimId, row.getString(NOT_COVERED));
        }
        ClaimReadResult read = ClaimJson.read(row.getString(CLAIM_JSON));
        List<FieldError> notChecked = fieldErrors(row, NOT_CHECKED);
        return notChecked.isEmpty() || !read.isOk() ? read : ClaimReadResult.partial(read.claim(), notChecked);
    }

    private static List<FieldError> fieldErrors(Row row, int column) {
        List<Row> rows = row.getList(column);
        List<FieldError> out = new ArrayList<>(rows.size());
        for (Row e : rows) {
            out.add(new FieldError(e.getString(0), e.getString(1)));
        }
        return out;
    }
}
