package dev.sluice.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so tests control every header (Host, Origin) exactly as a
 * browser or an attacker would send them.
 */
final class RawHttp {
  private RawHttp() {}

  /** A response: status, headers (lower-case names), body. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends one request with {@code Connection: close} and reads the whole response. */
  static Response request(
      InetSocketAddress to, String method, String path, Map<String, String> headers)
      throws IOException {
    try (Socket s = new Socket()) {
      s.connect(to, 5_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Host", "127.0.0.1:" + to.getPort());
      h.putAll(headers);
      h.put("Connection", "close");
      if (method.equals("POST")) {
        h.put("Content-Length", "0");
      }
      h.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      req.append("\r\n");
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(s.getInputStream());
    }
  }

  static Response get(InetSocketAddress to, String path) throws IOException {
    return request(to, "GET", path, Map.of());
  }

  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
          size = Integer.parseInt(line(in).trim(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
    } else if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(status, headers, body.toByteArray());
  }

  /** One CRLF-terminated line, without the line end. */
  static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
