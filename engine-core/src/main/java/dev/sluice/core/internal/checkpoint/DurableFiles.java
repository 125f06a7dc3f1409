package dev.sluice.core.internal.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File operations with the durability the checkpoint store and the exactly-once file sink need:
 * write-and-fsync, fsync of a directory (so that a rename or a new entry survives a power loss),
 * atomic rename, recursive delete.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /** Creates {@code file} (it must not exist), writes all {@code buffers} and fsyncs it. */
  public static void writeNew(Path file, boolean fsync, ByteBuffer... buffers) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (ByteBuffer buffer : buffers) {
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      if (fsync) {
        channel.force(true);
      }
    }
  }

  /**
   * Fsyncs a directory, making renames and created or deleted entries in it durable. Some
   * platforms (Windows) cannot open a directory; there the call does nothing, which matches what
   * their file systems guarantee.
   */
  public static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (isWindows()) {
        return;
      }
      throw e;
    }
  }

  /**
   * Renames {@code from} to {@code to} atomically (a reader sees either name, never a half
   * state), replacing a file at {@code to} where the platform does (POSIX rename does).
   *
   * @throws AtomicMoveNotSupportedException if the file system cannot rename atomically
   */
  public static void atomicMove(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes {@code path} and, if it is a directory, everything under it; absent is fine. */
  public static void deleteRecursively(Path path) throws IOException {
    if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        for (Path entry : entries) {
          deleteRecursively(entry);
        }
      } catch (NoSuchFileException e) {
        return;
      }
    }
    Files.deleteIfExists(path);
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("win");
  }
}
