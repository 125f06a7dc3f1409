package dev.sluice.core.internal.connectors;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a text file line by line on a dedicated thread. */
public final class FileLinesSource implements Source<String> {
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
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, charset);
    } catch (IOException e) {
      throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
    }
    return new SourceReader<>() {
      private long lineNumber;

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
    };
  }
}
