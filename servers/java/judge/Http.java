/* Just enough HTTP/1.1 for the judge: request line, headers, Content-Length bodies, keep-alive. */
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

final class Http {
  private Http() {}

  record Request(String method, String path, Map<String, String> headers, String body) {}

  /** The next request on the connection, or null when the client closed it. */
  static Request read(InputStream in) throws IOException {
    String line = line(in);
    if (line == null || line.isEmpty()) return null;
    String[] parts = line.split(" ");
    if (parts.length < 2) throw new IOException("bad request line");
    Map<String, String> headers = new HashMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon > 0) headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Request(parts[0], parts[1], headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') return out.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
      out.write(b);
    }
    return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Answers one request; false when the connection must close afterwards. */
  static boolean respond(OutputStream out, Request request, String judged, int requests, String exchange) throws IOException {
    String verdict = judged.substring(0, judged.indexOf('\n'));
    String observation = "{" + judged.substring(judged.indexOf('\n') + 1) + "\"connectionRequests\":" + requests
        + ",\"exchange\":" + quote(exchange) + "}";
    String path = request.path().split("\\?")[0];
    boolean close = "close".equalsIgnoreCase(request.headers().get("connection"));
    if (!verdict.equals("ok")) {
      String body = observation.substring(0, observation.length() - 1) + ",\"error\":" + quote(verdict) + "}";
      write(out, 400, body, true);
      return false;
    }
    if (path.equals("/whoami")) write(out, 200, observation, close);
    else if (path.equals("/service")) {
      write(out, 200, "{\"opstatus\":0,\"observation\":" + observation + ",\"method\":" + quote(request.method())
          + ",\"echo\":" + quote(request.body()) + "}", close);
    } else write(out, 404, "{\"error\":\"not-found\"}", close);
    return !close;
  }

  private static void write(OutputStream out, int status, String body, boolean close) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String reason = status == 200 ? "OK" : status == 400 ? "Bad Request" : "Not Found";
    String head = "HTTP/1.1 " + status + " " + reason + "\r\ncontent-type: application/json\r\ncontent-length: " + bytes.length
        + "\r\n" + (close ? "connection: close\r\n" : "") + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }

  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
