package dev.sluice.core.internal.connectors;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text file line by line on a dedicated thread. Replayable: its state is the number of
 * lines read, skipped on a restore (the file must not change meanwhile).
 */
public final class FileLinesSource
    implements dev.sluice.core.checkpoint.CheckpointedSource<String> {
  private final String name;
  private final Path file;
  private final Charset charset;

  public FileLinesSource(String name, Path file, Charset charset) {
    this.name = name;
    this.file = file;
    this.charset = charset;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isBlocking() {
    return true;
  }

  @Override
  public SourceReader<String> createReader(int instanceIndex, int parallelism) throws IOException {
    return open(0);
  }

  @Override
  public SourceReader<String> restoreReader(
      int instanceIndex, int parallelism, java.util.List<byte[]> states) throws IOException {
    long skip = 0;
    for (byte[] s : states) {
      skip += java.nio.ByteBuffer.wrap(s).getLong();
    }
    return open(skip);
  }

  private Reader open(long skipLines) throws IOException {
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, charset);
    } catch (IOException e) {
      throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
    }
    long skipped = 0;
    try {
      while (skipped < skipLines && reader.readLine() != null) {
        skipped++;
      }
    } catch (IOException e) {
      reader.close();
      throw new IOException(file + ": cannot skip to line " + skipLines + " on restore", e);
    }
    if (skipped < skipLines) {
      reader.close();
      throw new IOException(
          file + " has " + skipped + " lines, fewer than the " + skipLines
              + " the restored checkpoint had read: the file changed");
    }
    return new Reader(reader, skipped);
  }

  private final class Reader
      implements SourceReader<String>, dev.sluice.core.checkpoint.CheckpointedReader {
    private final BufferedReader reader;
    private long lineNumber;

    Reader(BufferedReader reader, long lineNumber) {
      this.reader = reader;
      this.lineNumber = lineNumber;
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
      return java.nio.ByteBuffer.allocate(8).putLong(lineNumber).array();
    }

    @Override
    public int read(SourceOutput<String> out, int max) throws IOException {
      int n = 0;
      while (n < max) {
        String line;
        try {
          line = reader.readLine();
        } catch (IOException e) {
          throw new IOException(file + ": read failed after line " + lineNumber, e);
        }
        if (line == null) {
          return n == 0 ? END : n;
        }
        lineNumber++;
        out.emit(line);
        n++;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
