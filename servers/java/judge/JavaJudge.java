/*
 * A SunJSSE HTTPS judge: the server side of a Java back end. It expresses what OpenSSL servers
 * cannot: a TLS 1.2 CertificateRequest listing every certificate type (SunJSSE always sends
 * ecdsa_sign, rsa_sign, dss_sign) while its signature_algorithms allow only ECDSA or only RSA.
 * It answers /whoami and /service with the observation every backend serves (nginx semantics:
 * the handshake completes without a certificate, a missing or failing one is an HTTP 400).
 *
 * Usage: java JavaJudge <config>; one scenario per config line, tab-separated key=value fields
 * (id, protocols, signatures=any|ECDSA|RSA, clientAuth=required|optional, verifyDepth,
 * advertised, trusted: comma-separated PEM paths, key, cert: PEM paths, listen: comma-separated
 * IP addresses, port: 0 for a free one). Each scenario listens on the same port on every address
 * (the first address picks it when port is 0). Prints "LISTENING <id> <port>" per scenario,
 * then "READY". Exits when its stdin ends (the parent closed it or died).
 */
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.*;
import java.security.cert.*;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.*;
import javax.net.ssl.*;

public final class JavaJudge {
  record Scenario(String id, String[] protocols, String signatures, boolean required, int verifyDepth,
      List<X509Certificate> advertised, List<X509Certificate> trusted, PrivateKey key, X509Certificate[] chain,
      String[] listen, int port) {}

  public static void main(String[] args) throws Exception {
    List<Scenario> scenarios = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) scenarios.add(parse(line));
    }
    try {
      for (Scenario scenario : scenarios) {
        List<SSLServerSocket> sockets = listen(scenario);
        System.out.println("LISTENING " + scenario.id() + " " + sockets.get(0).getLocalPort());
        for (SSLServerSocket socket : sockets) {
          Thread acceptor = new Thread(() -> accept(scenario, socket), "accept-" + scenario.id());
          acceptor.start();
        }
      }
    } catch (Exception e) {
      // The acceptors already started would keep the JVM alive: a failed start must end it.
      System.err.println("start failed: " + e.getMessage());
      System.exit(1);
    }
    System.out.println("READY");
    System.out.flush();
    // The parent holds our stdin open: when it dies, even by SIGKILL, stdin ends and so do we.
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) { /* nothing to read: waits for end of input */ }
      } catch (IOException ignored) {
        // treated as end of input
      }
      System.exit(0);
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  static Scenario parse(String line) throws Exception {
    Map<String, String> f = new HashMap<>();
    for (String field : line.split("\t")) {
      int eq = field.indexOf('=');
      f.put(field.substring(0, eq), field.substring(eq + 1));
    }
    List<X509Certificate> chain = certificates(f.get("cert"));
    return new Scenario(f.get("id"), f.get("protocols").split(","), f.get("signatures"),
        f.get("clientAuth").equals("required"), Integer.parseInt(f.get("verifyDepth")),
        certificates(f.get("advertised")), certificates(f.get("trusted")), privateKey(f.get("key")),
        chain.toArray(new X509Certificate[0]), f.getOrDefault("listen", "127.0.0.1").split(","),
        Integer.parseInt(f.getOrDefault("port", "0")));
  }

  static List<X509Certificate> certificates(String paths) throws Exception {
    List<X509Certificate> out = new ArrayList<>();
    if (paths == null || paths.isEmpty()) return out;
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    for (String path : paths.split(",")) {
      try (InputStream in = Files.newInputStream(Path.of(path))) {
        for (java.security.cert.Certificate c : factory.generateCertificates(in)) out.add((X509Certificate) c);
      }
    }
    return out;
  }

  static PrivateKey privateKey(String path) throws Exception {
    String pem = Files.readString(Path.of(path)).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem));
    try {
      return KeyFactory.getInstance("EC").generatePrivate(spec);
    } catch (java.security.spec.InvalidKeySpecException notEc) {
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    }
  }

  /** One server socket per address, all on the port the first one got (or the fixed one). */
  static List<SSLServerSocket> listen(Scenario s) throws Exception {
    SSLServerSocketFactory factory = context(s).getServerSocketFactory();
    List<SSLServerSocket> sockets = new ArrayList<>();
    int port = s.port();
    try {
      for (String address : s.listen()) {
        SSLServerSocket socket = (SSLServerSocket) factory.createServerSocket(port, 50, InetAddress.getByName(address));
        port = socket.getLocalPort();
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(s.protocols());
        parameters.setWantClientAuth(true);
        if (!s.signatures().equals("any")) parameters.setAlgorithmConstraints(new SignatureSchemes(s.signatures()));
        socket.setSSLParameters(parameters);
        sockets.add(socket);
      }
    } catch (IOException e) {
      for (SSLServerSocket socket : sockets) socket.close();
      throw new IOException(s.id() + ": cannot listen on " + String.join(",", s.listen()) + " port " + s.port() + ": " + e.getMessage(), e);
    }
    return sockets;
  }

  static SSLContext context(Scenario s) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] none = "judge".toCharArray();
    store.setKeyEntry("server", s.key(), none, s.chain());
    KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
    keys.init(store, none);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), new TrustManager[] { new AdvertisingTrustManager(s.advertised()) }, null);
    return context;
  }

  /** Accepts any client chain in the handshake (judged later, as nginx does); advertises the CA names. */
  static final class AdvertisingTrustManager implements X509TrustManager {
    private final X509Certificate[] advertised;
    AdvertisingTrustManager(List<X509Certificate> advertised) { this.advertised = advertised.toArray(new X509Certificate[0]); }
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("server side only");
    }
    public X509Certificate[] getAcceptedIssuers() { return advertised.clone(); }
  }

  /**
   * Lets through only the TLS signature schemes of one key type ("ecdsa_..." or "rsa_..."), for
   * the server's own signatures and the CertificateRequest alike. Certificate signature algorithms
   * (SHA256withRSA and the like) and keys are not TLS scheme names and stay allowed.
   */
  static final class SignatureSchemes implements AlgorithmConstraints {
    private final String allowedPrefix;
    SignatureSchemes(String keyType) { this.allowedPrefix = keyType.equals("ECDSA") ? "ecdsa_" : "rsa_"; }
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
      if (algorithm == null || !primitives.contains(CryptoPrimitive.SIGNATURE)) return true;
      String name = algorithm.toLowerCase(Locale.ROOT);
      boolean scheme = name.startsWith("rsa_") || name.startsWith("ecdsa_") || name.startsWith("dsa_") || name.startsWith("ed25519") || name.startsWith("ed448");
      return !scheme || name.startsWith(allowedPrefix);
    }
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) { return true; }
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
      return permits(primitives, algorithm, parameters);
    }
  }

  static void accept(Scenario scenario, SSLServerSocket server) {
    while (true) {
      try {
        SSLSocket socket = (SSLSocket) server.accept();
        Thread worker = new Thread(() -> serve(scenario, socket), "conn-" + scenario.id());
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        System.err.println(scenario.id() + ": accept failed: " + e.getMessage());
      }
    }
  }

  static void serve(Scenario scenario, SSLSocket socket) {
    try (socket) {
      socket.setSoTimeout(30_000);
      long started = System.currentTimeMillis();
      socket.startHandshake();
      SSLSession session = socket.getSession();
      boolean reused = session.getCreationTime() < started;
      String judged = Observation.judge(scenario, session, reused);
      String chain = Observation.chainBase64(session);
      // Resumption stays off (as in every scenario not about it): no later handshake resumes this one.
      session.invalidate();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      int requests = 0;
      while (true) {
        Http.Request request = Http.read(in);
        if (request == null) return;
        requests += 1;
        // Logged before answering: a client holding the answer finds its request in the log.
        System.err.println(socket.getLocalPort() + " \"" + request.method() + " " + request.path() + "\"");
        // The transcript line (java-judge.ts reads stdout) goes out before the answer that names it.
        String exchange = Observation.exchangeId();
        System.out.println("TRANSCRIPT " + socket.getLocalPort() + " " + exchange + " " + session.getProtocol() + " " + reused + " " + chain);
        boolean keepAlive = Http.respond(out, request, judged, requests, exchange);
        if (!keepAlive) return;
      }
    } catch (IOException e) {
      System.err.println(scenario.id() + ": " + e.getMessage());
    }
  }
}
